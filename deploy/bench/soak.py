"""Soak (see soak.sh). Bounded by MINUTES; stops what it starts."""
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
from albumen_server import Server  # noqa: E402
import media_tools  # noqa: E402
from media import sign_in  # noqa: E402  (the media benchmark's sign-in through the login form)

SAMPLE_SECONDS = 10
KEEP_ITEMS = 60  # uploads beyond this are deleted again, so the library stays the same size
HOSTILE = [
    ("GET", "/album/%zz"), ("GET", "/%2e%2e/%2e%2e/etc/passwd"), ("GET", "/login?next=//evil.example"),
    ("GET", "/login?next=/%0a/evil.example"), ("GET", "/media/../albumen.sqlite"),
    ("GET", "/i/nothing/w4096.jpg"), ("GET", "/api/media?key=wrong"), ("POST", "/api/1/upload?key=wrong"),
    ("GET", "/image/zzzzzzzzzzzz"), ("GET", "/?" + "&".join(f"a{i}=b" for i in range(1200))),
    ("DELETE", "/api/albums"), ("BREW", "/"),
]


class Gate:
    """Lets the clients' requests through, except while `quiet()` holds it shut (it waits for
    those in flight to finish): RSS is compared at quiet moments, when only what Albumen keeps
    is left (under load a sign-in's argon2id holds 64 MiB, a photo's decode a few, for a moment)."""

    def __init__(self):
        self.cond = threading.Condition()
        self.open = True
        self.in_flight = 0

    @contextmanager
    def passing(self):
        with self.cond:
            self.cond.wait_for(lambda: self.open)
            self.in_flight += 1
        try:
            yield
        finally:
            with self.cond:
                self.in_flight -= 1
                self.cond.notify_all()

    @contextmanager
    def quiet(self):
        with self.cond:
            self.open = False
            self.cond.wait_for(lambda: self.in_flight == 0, timeout=60)
        try:
            time.sleep(1)  # worker threads hand their buffers back
            yield
        finally:
            with self.cond:
                self.open = True
                self.cond.notify_all()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}
        self.failures = []
        self.gate = Gate()

    def record(self, kind, seconds, response):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)
            if response is None or response.status_code >= 500:
                what = "no answer" if response is None else f"{response.status_code} {response.request.method} " \
                                                              f"{response.request.url}"
                self.failures.append(f"{kind}: {what}")


def timed(stats, kind, call):
    with stats.gate.passing():
        started = time.perf_counter()
        try:
            response = call()
        except requests.RequestException:
            response = None
        stats.record(kind, time.perf_counter() - started, response)
    return response


def uploader(server, key, cookie, photo, stats, stop, viewers):
    session = requests.Session()
    n = 0
    while not stop.is_set():
        n += 1
        data = photo + b"albumen-soak-%d-%d" % (n, random.getrandbits(32))
        dialect = n % 3
        if dialect == 0:
            timed(stats, "upload native", lambda: session.post(
                server.url + "/api/media", headers={"X-API-Key": key}, files={"file": ("p.jpg", data)}, timeout=30))
        elif dialect == 1:
            r = timed(stats, "upload chevereto", lambda: session.post(
                server.url + "/api/1/upload", headers={"X-API-Key": key}, files={"source": ("p.jpg", data)},
                timeout=30))
            if r is not None and r.status_code == 200:
                viewers.append(r.json()["image"]["url_viewer"])
                del viewers[:-20]
        else:
            timed(stats, "upload webapi", lambda: session.post(
                server.url + "/api/photos/upload", cookies=cookie, files={"file": ("p.jpg", data)}, timeout=30))
        trim(server, key, cookie, session, stats)


def trim(server, key, cookie, session, stats):
    """Keeps the library the same size: deletes what lies beyond the newest KEEP_ITEMS."""
    r = timed(stats, "list native", lambda: session.get(server.url + "/api/media", headers={"X-API-Key": key},
                                                       timeout=30))
    if r is None or r.status_code != 200:
        return
    for item in r.json()[KEEP_ITEMS:]:
        timed(stats, "delete webapi", lambda: session.delete(
            server.url + "/api/photos/delete", cookies=cookie, json={"id": item["uuid"]}, timeout=30))


def reader(server, key, cookie, browser, stats, stop, viewers):
    session = requests.Session()
    thumbs = []
    while not stop.is_set():
        kind = random.choice(["page library", "page album", "page viewer", "list native", "list webapi photos",
                              "list webapi albums", "media thumb", "login", "hostile"])
        if kind == "page library":
            timed(stats, kind, lambda: browser.get(server.url + "/", timeout=30))
        elif kind == "page album":
            timed(stats, kind, lambda: browser.get(server.url + "/album/soak", timeout=30))
        elif kind == "page viewer":
            viewer = random.choice(viewers) if viewers else None
            if viewer:
                timed(stats, kind, lambda: browser.get(viewer, timeout=30))
        elif kind == "list native":
            r = timed(stats, kind, lambda: session.get(server.url + "/api/media", headers={"X-API-Key": key},
                                                       timeout=30))
            if r is not None and r.status_code == 200:
                thumbs = [item["thumb_url"] for item in r.json()[:20]]
        elif kind == "list webapi photos":
            timed(stats, kind, lambda: session.get(server.url + "/api/photos", cookies=cookie, timeout=30))
        elif kind == "list webapi albums":
            timed(stats, kind, lambda: session.get(server.url + "/api/albums", cookies=cookie, timeout=30))
        elif kind == "media thumb" and thumbs:
            url = random.choice(thumbs)
            timed(stats, kind, lambda: session.get(url, timeout=30))
        elif kind == "login":
            timed(stats, kind, lambda: sign_in(server, "soak", "soak password").get(server.url + "/", timeout=30))
        elif kind == "hostile":
            method, path = random.choice(HOSTILE)
            timed(stats, kind, lambda: session.request(method, server.url + path, timeout=30))


def sample(pid):
    """RSS in KiB, open descriptors, threads of `pid`."""
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
    return rss, len(os.listdir(f"/proc/{pid}/fd")), threads


def line(xs, ys):
    """The least-squares line through (xs, ys), as a function."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / spread if spread else 0.0
    return lambda x: my + slope * (x - mx)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main():
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    work = tempfile.mkdtemp(prefix="albumen-bench-soak-")
    photo = open(media_tools.jpeg(os.path.join(work, "p.jpg"), 1200, 900), "rb").read()
    stats = Stats()
    samples = []  # (t, rss, fds, threads) every 10 s, under load
    quiet = []  # the same at quiet moments, every minute (every sixth of a short run)
    with Server(max_upload="16M", nginx_max_body="20m", extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
        server.cli("user", "add", "--username", "soak", "--password", "soak password")
        key = server.cli("key", "create", "--user", "soak")
        browser = sign_in(server, "soak", "soak password")
        cookie = {"albumen_session": browser.cookies["albumen_session"]}
        requests.post(server.url + "/api/albums", cookies=cookie, json={"name": "soak"}, timeout=30)

        viewers = []  # Chevereto viewer pages of recent uploads (list operations are atomic)
        stop = threading.Event()
        threads = [threading.Thread(target=uploader, args=(server, key, cookie, photo, stats, stop, viewers))
                   for _ in range(2)]
        threads += [threading.Thread(target=reader, args=(server, key, cookie, browser, stats, stop, viewers))
                    for _ in range(4)]
        [t.start() for t in threads]
        started = time.time()
        deadline = started + minutes * 60
        quiet_every = min(60.0, minutes * 10)
        next_quiet = started + quiet_every
        try:
            while time.time() < deadline:
                time.sleep(min(SAMPLE_SECONDS, max(0, deadline - time.time())))
                rss, fds, nthreads = sample(server.albumen.pid)
                samples.append((time.time() - started, rss, fds, nthreads))
                line_out = f"  t={samples[-1][0]:6.0f} s  rss={rss / 1024:7.1f} MiB  fds={fds:4d}  threads={nthreads:3d}"
                if time.time() >= next_quiet - 1:
                    next_quiet += quiet_every
                    with stats.gate.quiet():
                        rss, fds, nthreads = sample(server.albumen.pid)
                        quiet.append((time.time() - started, rss, fds, nthreads))
                    line_out += f"  quiet: rss={rss / 1024:7.1f} MiB fds={fds:4d}"
                print(line_out + f"  requests={sum(len(v) for v in stats.latency.values())}", flush=True)
        finally:
            stop.set()
            [t.join() for t in threads]

    print(f"\n{'kind':22s} {'count':>7s} {'p50 ms':>8s} {'p99 ms':>8s}")
    for kind in sorted(stats.latency):
        values = stats.latency[kind]
        print(f"{kind:22s} {len(values):7d} {percentile(values, 0.5) * 1000:8.1f} {percentile(values, 0.99) * 1000:8.1f}")
    # The trend is a least-squares line through the quiet samples, read at the second minute
    # (a third of a short run) and at the end.
    mark = min(120.0, minutes * 60 / 3)
    trend = quiet
    problems = list(dict.fromkeys(stats.failures))[:20]
    for name, index in (("RSS KiB", 1), ("descriptors", 2)):
        fit = line([s[0] for s in trend], [s[index] for s in trend])
        before, after = fit(mark), fit(trend[-1][0])
        growth = (after - before) / before
        print(f"{name} at quiet moments: {[s[index] for s in trend]}")
        print(f"{name}: {before:.0f} at {mark:.0f} s → {after:.0f} at {trend[-1][0]:.0f} s on the trend line "
              f"({growth * 100:+.1f} %)")
        if growth > 0.10:
            problems.append(f"{name} grew {growth * 100:.1f} % from the second minute to the end")
    print(f"threads: {trend[0][3]} → {samples[-1][3]}")
    print(f"5xx or no answer: {len(stats.failures)}")
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("soak passed")


if __name__ == "__main__":
    main()
