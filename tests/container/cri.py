#!/usr/bin/python3
"""cri.py: a small client of Kubernetes' Container Runtime Interface
(runtime.v1 over gRPC), doing for one pod what the kubelet does, so that
init-lite can be tried under a CRI runtime (containerd, CRI-O) without a
cluster. It reads the pod from a Kubernetes manifest (a Pod, or a
Deployment's template), runs it, stops it as the kubelet deletes a pod,
and prints what happened as JSON.

  cri.py --socket /run/x/containerd.sock version
  cri.py --socket SOCK run-pod examples/kubernetes/deployment.yaml \\
      --image localhost/il-app:test --args 'web=["app"]' --ready 'web=app: ready'

run-pod: RunPodSandbox (shareProcessNamespace -> pid namespace POD, host
network), then for each container CreateContainer and StartContainer; waits
until each --ready text is in the container's log; runs each --exec with
ExecSync; then, as on pod deletion, for every container at once: its preStop
exec hook (ExecSync), then StopContainer with the grace period the preStop
left (terminationGracePeriodSeconds, or --grace); ContainerStatus of each;
StopPodSandbox and RemovePodSandbox (also on failure, unless --keep).

Uses Debian's python3-grpcio and python3-protobuf; the messages come from
cri-v1.proto beside this file, compiled at start by protoc (Debian's
protobuf-compiler) into a temporary directory. Errors: one line on stderr,
exit 1 (2 for bad usage)."""
import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO = "cri-v1.proto"

# The calls used, as (name, request type, response type).
CALLS = ["Version", "RunPodSandbox", "StopPodSandbox", "RemovePodSandbox",
         "CreateContainer", "StartContainer", "StopContainer",
         "RemoveContainer", "ContainerStatus", "ExecSync"]


class Fail(Exception):
    pass


def load_messages():
    """Compile cri-v1.proto with protoc and import the messages."""
    gen = tempfile.mkdtemp(prefix="cri-py.")
    atexit.register(shutil.rmtree, gen, True)
    try:
        subprocess.run(["protoc", "-I", HERE, "--python_out", gen, PROTO],
                       check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise Fail("protoc not found (Debian package protobuf-compiler)")
    except subprocess.CalledProcessError as e:
        raise Fail(f"protoc failed on {PROTO}: {e.stderr.strip()}")
    sys.path.insert(0, gen)
    import cri_v1_pb2
    return cri_v1_pb2


class Runtime:
    """RuntimeService over a unix socket: one method per call, taking the
    request's fields as keywords. No generated service stubs are needed: a
    unary gRPC call is a path and two (de)serializers."""

    def __init__(self, socket, pb, timeout):
        import grpc
        self.grpc = grpc
        self.pb = pb
        self.timeout = timeout
        self.channel = grpc.insecure_channel("unix://" + socket)
        for name in CALLS:
            req = getattr(pb, name + "Request")
            resp = getattr(pb, name + "Response")
            call = self.channel.unary_unary(
                f"/runtime.v1.RuntimeService/{name}",
                request_serializer=req.SerializeToString,
                response_deserializer=resp.FromString)
            setattr(self, name, self._wrap(name, req, call))

    def _wrap(self, name, req, call):
        # deadline: seconds for the call itself (the request's own
        # `timeout` field, of ExecSync and StopContainer, is another thing).
        def method(deadline=None, **fields):
            try:
                return call(req(**fields),
                            timeout=deadline or self.timeout)
            except self.grpc.RpcError as e:
                raise Fail(f"{name}: {e.code().name}: {e.details()}")
        return method


# ---- the manifest ----------------------------------------------------------

def load_pod(path):
    """(name, namespace, pod spec) of the one Pod or Deployment in path."""
    import yaml
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    pods = [d for d in docs if d.get("kind") in ("Pod", "Deployment")]
    if len(pods) != 1:
        raise Fail(f"{path}: want one Pod or Deployment, found {len(pods)}")
    doc = pods[0]
    meta = doc.get("metadata", {})
    spec = doc.get("spec", {})
    if doc["kind"] == "Deployment":
        spec = spec.get("template", {}).get("spec", {})
    if not spec.get("containers"):
        raise Fail(f"{path}: no containers")
    return meta.get("name", "pod"), meta.get("namespace", "default"), spec


def per_container(values):
    """--opt NAME=VALUE pairs into a dict; a VALUE without NAME= is for all
    containers (key None)."""
    out = {}
    for v in values or []:
        name, sep, rest = v.partition("=")
        if not sep or "/" in name or ":" in name:
            out[None] = v
        else:
            out[name] = rest
    return out


def json_list(text, what):
    try:
        v = json.loads(text)
    except ValueError as e:
        raise Fail(f"{what}: not JSON: {e}")
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise Fail(f"{what}: want a JSON list of strings")
    return v


# ---- run-pod ---------------------------------------------------------------

def log_has(path, text):
    try:
        with open(path, errors="replace") as f:
            return any(text in line for line in f)
    except FileNotFoundError:
        return False


def log_lines(path):
    """The text of a CRI log: each line is TIME STREAM TAG TEXT."""
    try:
        with open(path, errors="replace") as f:
            return [ln.rstrip("\n").split(" ", 3)[-1] for ln in f]
    except FileNotFoundError:
        return []


def wait_for(cond, seconds, what):
    end = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > end:
            raise Fail(f"{what} after {seconds} s")
        time.sleep(0.05)


def run_pod(rt, pb, a):
    name, namespace, spec = load_pod(a.manifest)
    grace = spec.get("terminationGracePeriodSeconds", 30)
    if a.grace is not None:
        grace = a.grace
    images = per_container(a.image)
    argsov = per_container(a.args)
    cmdov = per_container(a.command)
    ready = per_container(a.ready)
    shared = bool(spec.get("shareProcessNamespace"))
    M = pb.NamespaceMode
    ns = pb.NamespaceOption(network=M.Value("NODE"), ipc=M.Value("POD"),
                            pid=M.Value("POD" if shared else "CONTAINER"))
    logdir = a.log_dir or tempfile.mkdtemp(prefix="cri-pod.")
    if not a.log_dir and not a.keep:
        atexit.register(shutil.rmtree, logdir, True)
    os.makedirs(logdir, exist_ok=True)
    uid = f"{name}-{os.getpid()}-{int(time.time())}"
    sandbox = pb.PodSandboxConfig(
        metadata=pb.PodSandboxMetadata(name=name, uid=uid,
                                       namespace=namespace, attempt=0),
        log_directory=logdir,  # no hostname: host network, host UTS
        labels={"io.kubernetes.pod.name": name},
        linux=pb.LinuxPodSandboxConfig(
            security_context=pb.LinuxSandboxSecurityContext(
                namespace_options=ns)))
    out = {"pod": name, "manifest": a.manifest, "grace": grace,
           "share_process_namespace": shared, "log_directory": logdir,
           "containers": {}}
    t0 = time.monotonic()
    pod_id = rt.RunPodSandbox(config=sandbox).pod_sandbox_id
    out["sandbox_id"] = pod_id
    out["run_pod_sandbox_ms"] = ms_since(t0)
    try:
        ids = {}
        for c in spec["containers"]:
            cname = c["name"]
            image = images.get(cname, images.get(None, c.get("image")))
            command = c.get("command") or []
            if cname in cmdov:
                command = json_list(cmdov[cname], f"--command {cname}")
            args = c.get("args") or []
            if cname in argsov:
                args = json_list(argsov[cname], f"--args {cname}")
            env = [pb.KeyValue(key=e["name"], value=str(e.get("value", "")))
                   for e in c.get("env") or []]
            mounts = []
            for m in a.mount or []:
                host, _, ctr = m.partition(":")
                mounts.append(pb.Mount(host_path=os.path.abspath(host),
                                       container_path=ctr or host))
            cfg = pb.ContainerConfig(
                metadata=pb.ContainerMetadata(name=cname, attempt=0),
                image=pb.ImageSpec(image=image), command=command, args=args,
                envs=env, mounts=mounts, log_path=f"{cname}/0.log",
                labels={"io.kubernetes.container.name": cname},
                linux=pb.LinuxContainerConfig(
                    security_context=pb.LinuxContainerSecurityContext(
                        namespace_options=ns)))
            cid = rt.CreateContainer(pod_sandbox_id=pod_id, config=cfg,
                                     sandbox_config=sandbox).container_id
            rt.StartContainer(container_id=cid)
            ids[cname] = cid
            out["containers"][cname] = {
                "id": cid, "image": image, "command": list(command),
                "args": list(args),
                "env": {e.key: e.value for e in env},
                "log": os.path.join(logdir, cname, "0.log")}
        for cname, text in ready.items():
            if cname not in ids:
                raise Fail(f"--ready: no container {cname}")
            log = out["containers"][cname]["log"]
            wait_for(lambda: log_has(log, text), a.wait,
                     f"'{text}' not in the log of {cname}")
        for e in a.exec or []:
            cname, _, cmd = e.partition("=")
            if cname not in ids:
                raise Fail(f"--exec: no container {cname}")
            r = rt.ExecSync(container_id=ids[cname],
                            cmd=json_list(cmd, f"--exec {cname}"),
                            timeout=int(a.wait), deadline=a.wait + 30)
            out["containers"][cname].setdefault("exec", []).append({
                "cmd": json.loads(cmd), "exit_code": r.exit_code,
                "stdout": r.stdout.decode(errors="replace"),
                "stderr": r.stderr.decode(errors="replace")})
        if a.no_stop:
            return out
        # Pod deletion: every container at once, each preStop then stop.
        errors = []
        threads = [threading.Thread(target=stop_one, args=(
            rt, c, ids[c["name"]], grace, out["containers"][c["name"]],
            errors)) for c in spec["containers"]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise Fail(errors[0])
        for cname, cid in ids.items():
            s = rt.ContainerStatus(container_id=cid).status
            o = out["containers"][cname]
            o["state"] = pb.ContainerState.Name(s.state)
            o["exit_code"] = s.exit_code
            o["reason"] = s.reason
            o["message"] = s.message
            if s.finished_at and s.started_at:
                o["ran_ms"] = (s.finished_at - s.started_at) // 1000000
            o["output"] = log_lines(o["log"])
    finally:
        if not a.keep:
            t0 = time.monotonic()
            rt.StopPodSandbox(pod_sandbox_id=pod_id)
            rt.RemovePodSandbox(pod_sandbox_id=pod_id)
            out["remove_pod_ms"] = ms_since(t0)
    return out


def ms_since(t0):
    return int((time.monotonic() - t0) * 1000)


def stop_one(rt, c, cid, grace, o, errors):
    """What the kubelet does for one container of a pod being deleted: the
    preStop exec hook, given at most the grace period, then StopContainer
    with what is left of it (at least 2 s when preStop used it up, as the
    kubelet's minimum)."""
    try:
        t0 = time.monotonic()
        hook = ((c.get("lifecycle") or {}).get("preStop") or {}).get("exec")
        left = grace
        if hook:
            r = rt.ExecSync(container_id=cid, cmd=hook["command"],
                            timeout=max(grace, 1), deadline=grace + 30)
            used = time.monotonic() - t0
            o["prestop"] = {"cmd": hook["command"], "exit_code": r.exit_code,
                            "stdout": r.stdout.decode(errors="replace"),
                            "stderr": r.stderr.decode(errors="replace"),
                            "ms": int(used * 1000)}
            left = max(int(grace - used), 2) if grace > 0 else 0
        t1 = time.monotonic()
        rt.StopContainer(container_id=cid, timeout=left,
                         deadline=left + 60)
        o["stop_timeout"] = left
        o["stop_ms"] = ms_since(t1)
    except Fail as e:
        errors.append(str(e))


def main():
    ap = argparse.ArgumentParser(
        prog="cri.py", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("--socket", default=os.environ.get("CRI_SOCKET"),
                    help="the runtime's gRPC socket (or $CRI_SOCKET); "
                    "required: never a default, so as not to reach the "
                    "system's runtime by accident")
    ap.add_argument("--timeout", type=float, default=60,
                    help="seconds allowed for each call (default 60)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("version", help="the runtime's name and versions")
    rp = sub.add_parser(
        "run-pod", help="run a manifest's pod, stop it, print JSON",
        description="Run the pod of MANIFEST as the kubelet would, stop it "
        "as on deletion, print the results as JSON. NAME= picks one "
        "container; without it the option is for all.")
    rp.add_argument("manifest")
    rp.add_argument("--image", action="append", metavar="[NAME=]IMAGE",
                    help="run this image instead of the manifest's")
    rp.add_argument("--command", action="append", metavar="NAME=JSON",
                    help="replace a container's command ('[]': the "
                    "image's ENTRYPOINT)")
    rp.add_argument("--args", action="append", metavar="NAME=JSON",
                    help='replace a container\'s args, e.g. \'web=["app"]\'')
    rp.add_argument("--mount", action="append", metavar="HOST:PATH",
                    help="bind-mount HOST at PATH in every container")
    rp.add_argument("--ready", action="append", metavar="NAME=TEXT",
                    help="before stopping, wait for TEXT in NAME's log")
    rp.add_argument("--exec", action="append", metavar="NAME=JSON",
                    help="ExecSync this command in NAME once ready; its "
                    "output goes into the JSON")
    rp.add_argument("--grace", type=int, metavar="SECONDS",
                    help="instead of terminationGracePeriodSeconds")
    rp.add_argument("--wait", type=float, default=30,
                    help="seconds to wait for --ready and --exec (30)")
    rp.add_argument("--log-dir", help="the pod's log directory (default: "
                    "a temporary one, removed at the end)")
    rp.add_argument("--no-stop", action="store_true",
                    help="leave the pod running (implies --keep)")
    rp.add_argument("--keep", action="store_true",
                    help="do not remove the pod at the end")
    a = ap.parse_args()
    if not a.socket:
        ap.error("--socket (or CRI_SOCKET) is required")
    if getattr(a, "no_stop", False):
        a.keep = True
    try:
        pb = load_messages()
        rt = Runtime(a.socket, pb, a.timeout)
        if a.cmd == "version":
            v = rt.Version(version="v1")
            out = {"runtime_name": v.runtime_name,
                   "runtime_version": v.runtime_version,
                   "runtime_api_version": v.runtime_api_version}
        else:
            out = run_pod(rt, pb, a)
    except Fail as e:
        print(f"cri.py: {e}", file=sys.stderr)
        return 1
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
