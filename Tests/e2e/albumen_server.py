"""Starts Albumen and a real nginx on loopback for end-to-end tests, and stops both.

The nginx config is rendered by deploy/render-nginx-conf, the same file deploy/run uses.
With ALBUMEN_E2E_STORAGE=s3 (or storage="s3") each server keeps its media in a `weed mini` of
its own (seaweed.py), which it starts and stops with itself.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import requests

import seaweed

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("ALBUMEN_BIN", os.path.join(REPO, ".build", "debug", "albumen"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, max_upload="1M", nginx_max_body="2m", threads=4, extra_env=None, extra_nginx="", data=None,
                 storage=None, store=None):
        self.dir = tempfile.mkdtemp(prefix="albumen-e2e-")
        # The object store: one given (a cluster a test runs), or a weed mini of this server's.
        self.storage = storage or os.environ.get("ALBUMEN_E2E_STORAGE", "local")
        self.store = store
        self.own_store = None
        if self.storage == "s3" and store is None:
            self.own_store = self.store = seaweed.Mini().start()
        self.data = data or os.path.join(self.dir, "data")  # another server's folder, say a restored one
        self.run_dir = os.path.join(self.dir, "run")
        os.makedirs(self.run_dir)
        self.socket = os.path.join(self.data, "albumen.sock")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(
            os.environ,
            ALBUMEN_DATA=self.data,
            # Another build's templates (a benchmark of an earlier commit), else this checkout's.
            ALBUMEN_TEMPLATES=os.environ.get("ALBUMEN_TEMPLATES") or os.path.join(REPO, "Templates"),
            ALBUMEN_PUBLIC=os.path.join(REPO, "Public"),
            ALBUMEN_BASE_URL=self.url,
            ALBUMEN_MAX_UPLOAD=max_upload,
            ALBUMEN_THREADS=str(threads),
            ALBUMEN_DEBUG_ROUTES="1",
            **(self.store.env() if self.store else {}),
            **(extra_env or {}),
        )
        self.nginx_max_body = nginx_max_body
        self.extra_nginx = extra_nginx  # more locations (the benchmark's C hello)
        self.albumen = None
        self.nginx = None
        self.first_admin_password = None

    def stored_names(self):
        """Every file the blob store holds, by its relative name (`ab/cd/<sha>.<suffix>`)."""
        if self.store:
            return self.store.keys()
        root = os.path.join(self.data, "blobs")
        return sorted(os.path.relpath(os.path.join(folder, n), root)
                      for folder, _, names in os.walk(root) for n in names if not n.startswith(".tmp-"))

    def has_blob(self, relative):
        if self.store:
            return self.store.has(relative)
        return os.path.exists(os.path.join(self.data, "blobs", relative))

    def cli(self, *args, input=None):
        """Runs an albumen subcommand against this server's data; returns stdout."""
        result = subprocess.run(
            [BIN, *args], env=self.env, capture_output=True, text=True, input=input, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def start_albumen(self):
        if not hasattr(self, "log"):
            self.log = open(os.path.join(self.dir, "albumen.log"), "a+")
        fresh = not os.path.exists(os.path.join(self.data, "albumen.sqlite"))
        self.albumen = subprocess.Popen(
            [BIN, "serve"], env=self.env, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        # Only a fresh data folder gets a first admin (and that line on stdout).
        if self.first_admin_password is None and fresh:
            line = self.albumen.stdout.readline()
            if line.startswith("First admin created."):
                self.first_admin_password = line.split("Password: ")[1].strip()
        self._wait(lambda: os.path.exists(self.socket), "albumen socket")

    def start(self):
        self.start_albumen()
        conf = subprocess.run(
            [os.path.join(REPO, "deploy", "render-nginx-conf")],
            env=dict(
                self.env,
                LISTEN=f"127.0.0.1:{self.port}",
                RUN_DIR=self.run_dir,
                SOCKET=self.socket,
                MAX_BODY=self.nginx_max_body,
            ),
            capture_output=True, text=True, check=True,
        ).stdout.replace("        location / {", self.extra_nginx + "\n        location / {", 1)
        conf_path = os.path.join(self.run_dir, "nginx.conf")
        with open(conf_path, "w") as f:
            f.write(conf)
        self.nginx = subprocess.Popen(
            ["nginx", "-p", self.run_dir, "-c", conf_path, "-g", "daemon off;"],
            stderr=subprocess.DEVNULL,
        )
        self._wait(self._healthy, "nginx + albumen")
        return self

    def _healthy(self):
        try:
            return requests.get(self.url + "/healthz", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    @staticmethod
    def _wait(check, what, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if check():
                return
            time.sleep(0.05)
        raise RuntimeError(f"{what} did not come up")

    def stop_albumen(self, sig=signal.SIGTERM, timeout=30):
        """Signals Albumen and returns its exit code."""
        self.albumen.send_signal(sig)
        return self.albumen.wait(timeout=timeout)

    def albumen_log(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()

    def restart(self, **env):
        """Stops Albumen and nginx, changes settings (None removes one), starts both again with
        the nginx config rendered afresh (say for another ALBUMEN_STORAGE)."""
        self.stop_processes()
        for key, value in env.items():
            if value is None:
                self.env.pop(key, None)
            else:
                self.env[key] = value
        return self.start()

    def stop_processes(self):
        for proc in (self.nginx, self.albumen):
            if proc and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if self.albumen and self.albumen.stdout:
            self.albumen.stdout.close()

    def stop(self):
        self.stop_processes()
        if self.own_store:
            self.own_store.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        # A start that fails halfway still stops what it started (Albumen, the weed mini).
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
