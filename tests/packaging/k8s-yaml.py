#!/usr/bin/env python3
"""Checks examples/kubernetes/*.yaml without a cluster (none is reachable
here): every file parses as YAML (python3-yaml), every document has
apiVersion/kind/metadata.name, a Deployment's selector matches its template
labels, every container has a name and an image, each file runs init-lite
as the command of some container, INIT_LITE_GRACE is shorter than the pod's
terminationGracePeriodSeconds, and some pod runs `init-lite --pause`.
Usage: k8s-yaml.py DIR"""
import glob
import os
import re
import sys

import yaml

KNOWN = {("apps/v1", "Deployment"), ("v1", "Pod")}
errors = []
passed = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def seconds(value):
    """INIT_LITE_GRACE syntax: 500ms, 5s, 2m or plain seconds."""
    m = re.fullmatch(r"(\d+)(ms|s|m)?", str(value))
    if not m:
        return None
    n = int(m.group(1))
    return {"ms": n / 1000, "s": n, None: n, "m": n * 60}[m.group(2)]


def pod_spec(doc):
    if doc["kind"] == "Deployment":
        return doc.get("spec", {}).get("template", {}).get("spec")
    return doc.get("spec")


def check_doc(where, doc, found):
    for key in ("apiVersion", "kind", "metadata"):
        if key not in doc:
            err(where, f"no {key}")
            return
    if (doc["apiVersion"], doc["kind"]) not in KNOWN:
        err(where, f"unexpected {doc['apiVersion']} {doc['kind']}")
        return
    if not doc["metadata"].get("name"):
        err(where, "no metadata.name")
    where = f"{where} {doc['kind']}/{doc['metadata'].get('name')}"
    if doc["kind"] == "Deployment":
        sel = doc["spec"].get("selector", {}).get("matchLabels", {})
        labels = doc["spec"].get("template", {}).get("metadata", {}).get("labels", {})
        if not sel or any(labels.get(k) != v for k, v in sel.items()):
            err(where, "spec.selector.matchLabels does not match the template labels")
    spec = pod_spec(doc)
    if not isinstance(spec, dict) or not spec.get("containers"):
        err(where, "no pod spec with containers")
        return
    tgps = spec.get("terminationGracePeriodSeconds", 30)  # Kubernetes default
    for c in spec["containers"]:
        cw = f"{where} container {c.get('name')}"
        if not c.get("name") or not c.get("image"):
            err(cw, "container without name or image")
        cmd = [str(x) for x in (c.get("command") or []) + (c.get("args") or [])]
        if not cmd or os.path.basename(cmd[0]) != "init-lite":
            continue
        found["init-lite"] += 1
        if "--pause" in cmd or "-P" in cmd:
            found["pause"] += 1
        for e in c.get("env") or []:
            if e.get("name") == "INIT_LITE_GRACE":
                grace = seconds(e.get("value"))
                if grace is None:
                    err(cw, f"INIT_LITE_GRACE={e.get('value')!r} is not a duration")
                elif not grace < tgps:
                    err(cw, f"INIT_LITE_GRACE={grace}s is not below "
                            f"terminationGracePeriodSeconds={tgps}")
                else:
                    found["grace"] += 1
                    passed.append(f"{cw}: INIT_LITE_GRACE {grace:g}s < "
                                  f"terminationGracePeriodSeconds {tgps}")


def main():
    directory = sys.argv[1]
    files = sorted(glob.glob(os.path.join(directory, "*.yaml")) +
                   glob.glob(os.path.join(directory, "*.yml")))
    if not files:
        err(directory, "no YAML file")
    total = {"init-lite": 0, "pause": 0, "grace": 0}
    for path in files:
        name = os.path.relpath(path, directory)
        found = {"init-lite": 0, "pause": 0, "grace": 0}
        try:
            with open(path, encoding="utf-8") as f:
                docs = [d for d in yaml.safe_load_all(f) if d is not None]
        except yaml.YAMLError as e:
            err(name, f"YAML syntax: {e}")
            continue
        if not docs:
            err(name, "no document")
        for i, doc in enumerate(docs):
            if not isinstance(doc, dict):
                err(f"{name}#{i}", "document is not a mapping")
                continue
            check_doc(f"{name}#{i}", doc, found)
        if not found["init-lite"]:
            err(name, "no container runs init-lite as its command")
        for k in total:
            total[k] += found[k]
        passed.append(f"{name}: {len(docs)} document(s) parse, "
                      f"{found['init-lite']} container(s) run init-lite")
    if not total["pause"]:
        err(directory, "no container runs init-lite --pause")
    if not total["grace"]:
        err(directory, "no container sets INIT_LITE_GRACE")
    for p in passed:
        print(f"k8s-yaml: ok: {p}")
    for e in errors:
        print(f"k8s-yaml: FAIL: {e}", file=sys.stderr)
    print(f"k8s-yaml: {len(passed)} passed, {len(errors)} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
