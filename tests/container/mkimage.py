#!/usr/bin/python3
"""Writes an OCI image archive (an image layout in one tar) from a directory,
offline, with no engine: `podman load` and `ctr images import` both read it.
One uncompressed layer, owned by root, in a fixed order with fixed times, so
the same tree gives the same image.

  mkimage.py -o OUT.tar --name localhost/NAME:TAG [--entrypoint JSON]
             [--cmd JSON] [--env K=V ...] DIR

DIR is the image's root (symlinks kept). JSON is a list, as in a Dockerfile:
--entrypoint '["/sbin/init-lite", "--pause"]'."""
import argparse
import hashlib
import io
import json
import os
import sys
import tarfile


def layer_tar(root):
    """The tree under root as a tar (bytes): sorted, uid/gid 0, mtime 0."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = []
        for top, dirs, files in os.walk(root):
            dirs.sort()
            for name in dirs + sorted(files):
                paths.append(os.path.join(top, name))
        for path in sorted(paths):
            info = tar.gettarinfo(path, os.path.relpath(path, root))
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            info.mtime = 0
            if info.isreg():
                with open(path, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    return buf.getvalue()


def blob(blobs, data, media_type):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    blobs[digest] = data
    return {"mediaType": media_type, "digest": digest, "size": len(data)}


def add_file(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--name", required=True,
                    help="the image's reference, e.g. localhost/il-pause:test")
    ap.add_argument("--entrypoint", type=json.loads, default=None)
    ap.add_argument("--cmd", type=json.loads, default=None)
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("dir")
    a = ap.parse_args()
    if not os.path.isdir(a.dir):
        sys.exit(f"mkimage: {a.dir}: not a directory")

    blobs = {}
    layer = layer_tar(a.dir)
    layer_desc = blob(blobs, layer, "application/vnd.oci.image.layer.v1.tar")
    cfg = {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
                   "/sbin:/bin"] + a.env}
    if a.entrypoint is not None:
        cfg["Entrypoint"] = a.entrypoint
    if a.cmd is not None:
        cfg["Cmd"] = a.cmd
    config = {"architecture": "amd64", "os": "linux", "config": cfg,
              "rootfs": {"type": "layers",
                         "diff_ids": [layer_desc["digest"]]}}
    config_desc = blob(blobs, json.dumps(config, sort_keys=True).encode(),
                       "application/vnd.oci.image.config.v1+json")
    manifest = {"schemaVersion": 2,
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": config_desc, "layers": [layer_desc]}
    manifest_desc = blob(blobs, json.dumps(manifest, sort_keys=True).encode(),
                         "application/vnd.oci.image.manifest.v1+json")
    # containerd names the image after io.containerd.image.name, podman
    # after org.opencontainers.image.ref.name.
    manifest_desc["annotations"] = {
        "io.containerd.image.name": a.name,
        "org.opencontainers.image.ref.name": a.name,
    }
    index = {"schemaVersion": 2,
             "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": [manifest_desc]}
    with tarfile.open(a.output, "w") as tar:
        add_file(tar, "oci-layout", b'{"imageLayoutVersion": "1.0.0"}')
        add_file(tar, "index.json", json.dumps(index).encode())
        for digest, data in sorted(blobs.items()):
            add_file(tar, "blobs/sha256/" + digest.split(":", 1)[1], data)


if __name__ == "__main__":
    main()
