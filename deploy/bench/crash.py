"""Crash safety (see crash.sh): `albumen serve` killed with SIGKILL at random moments, KILLS
times, while clients upload through three dialects (native media API, Chevereto, WebAPI),
delete and move. After each restart: `PRAGMA integrity_check` is ok; every upload answered 2xx
and not deleted since is there, its original byte-identical by SHA-256 and its thumbnail
present; `albumen check --hash` finds no row pointing at a missing file; after a sweep no file
is left without a row and no temp file is left. Prints the counts; exits 1 on any loss.

Bounded: KILLS cycles (default 100) of at most RUN_MAX seconds of load each. Stops what it starts."""
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import BIN, Server  # noqa: E402
import media_tools  # noqa: E402
from media import sign_in  # noqa: E402

KILLS = int(os.environ.get("KILLS", "100"))
RUN_MAX = float(os.environ.get("RUN_MAX", "1.5"))


class Ledger:
    """What the server acknowledged: uploads (uuid → SHA-256 of the bytes sent) and deletions."""

    def __init__(self):
        self.lock = threading.Lock()
        self.uploads = {}
        self.deleted = set()
        # Deletions sent but not answered (the server died meanwhile): either outcome is right.
        self.maybe_deleted = set()
        self.webapi_ids = []

    def acknowledged(self, uuid, sha256, webapi_id=None):
        with self.lock:
            self.uploads[uuid] = sha256
            if webapi_id:
                self.webapi_ids.append(webapi_id)

    def gone(self, uuid):
        with self.lock:
            self.deleted.add(uuid)

    def deleting(self, uuid):
        with self.lock:
            self.maybe_deleted.add(uuid)


def photo_bytes(base, n):
    """A distinct JPEG each time (a tail after the image's end), so nothing dedupes."""
    return base + b"albumen-crash-%d-%d" % (n, random.getrandbits(32))


def client(kind, server, key, cookie, base, ledger, stop, counter):
    session = requests.Session()
    while not stop.is_set():
        counter[0] += 1
        data = photo_bytes(base, counter[0])
        sha = hashlib.sha256(data).hexdigest()
        try:
            if kind == "native":
                r = session.post(server.url + "/api/media", headers={"X-API-Key": key},
                                 files={"file": ("p.jpg", data)}, timeout=10)
                if r.status_code == 201:
                    ledger.acknowledged(r.json()["uuid"], sha)
            elif kind == "chevereto":
                r = session.post(server.url + "/api/1/upload", headers={"X-API-Key": key},
                                 files={"source": ("p.jpg", data)}, timeout=10)
                if r.status_code == 200:
                    url = r.json()["image"]["url"]
                    ledger.acknowledged(uuid_of_link(server, url), sha)
            else:
                r = session.post(server.url + "/api/photos/upload", cookies=cookie,
                                 files={"file": ("p.jpg", data)}, timeout=10)
                if r.status_code == 200:
                    ledger.acknowledged(r.json()["id"], sha, webapi_id=r.json()["id"])
        except requests.RequestException:
            pass  # the server died mid-request: not acknowledged, so nothing is owed


def uuid_of_link(server, url):
    """The uuid of a Chevereto upload, from its permanent link's secret (read from the database
    later; the link is what the client keeps)."""
    return "link:" + url.split("/i/")[1].split("/")[0]


def organiser(server, cookie, ledger, stop):
    """Deletes and moves acknowledged WebAPI photos while the uploads go on."""
    session = requests.Session()
    album = None
    while not stop.is_set():
        try:
            if album is None:
                r = session.post(server.url + "/api/albums", cookies=cookie, json={"name": "crash"}, timeout=10)
                album = r.json()["id"] if r.status_code == 200 else None
            with ledger.lock:
                candidates = [i for i in ledger.webapi_ids if i not in ledger.deleted and i not in ledger.maybe_deleted]
            if len(candidates) > 2:
                victim = random.choice(candidates)
                if random.random() < 0.5:
                    ledger.deleting(victim)
                    r = session.delete(server.url + "/api/photos/delete", cookies=cookie, json={"id": victim},
                                       timeout=10)
                    if r.status_code == 200:
                        ledger.gone(victim)
                else:
                    session.patch(server.url + "/api/photos/move", cookies=cookie,
                                  json={"id": victim, "album_id": album}, timeout=10)
        except requests.RequestException:
            pass
        time.sleep(0.05)


def verify(server, ledger, hashed, final=False):
    """The checks after a restart; answers (found, lost, problems). Originals are hashed once
    (`hashed` remembers which), then only looked for; the last round hashes everything again."""
    problems = []
    db = sqlite3.connect(f"file:{os.path.join(server.data, 'albumen.sqlite')}?mode=ro", uri=True)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        rows = {}
        for uuid, secret, sha, ext in db.execute(
                "SELECT media.uuid, media.link_secret, blobs.sha256, blobs.extension "
                "FROM media JOIN blobs ON blobs.id = media.blob_id"):
            rows[uuid] = (sha, ext)
            rows["link:" + secret] = (sha, ext)
    finally:
        db.close()
    found = lost = 0
    with ledger.lock:
        owed = {uuid: sha for uuid, sha in ledger.uploads.items()
                if uuid not in ledger.deleted and uuid not in ledger.maybe_deleted}
    blobs = os.path.join(server.data, "blobs")
    for uuid, sent in owed.items():
        row = rows.get(uuid)
        path = row and os.path.join(blobs, row[0][:2], row[0][2:4], f"{row[0]}.{row[1]}")
        intact = bool(row) and row[0] == sent and os.path.exists(path) and \
            os.path.exists(path[:-len(row[1])] + "thumb.jpg")
        if intact and (final or uuid not in hashed):
            intact = hashlib.sha256(open(path, "rb").read()).hexdigest() == sent
            hashed.add(uuid)
        if intact:
            found += 1
        else:
            lost += 1
            problems.append(f"lost {uuid}")
    with ledger.lock:
        undone = [uuid for uuid in ledger.deleted if uuid in rows]
    problems += [f"deletion undone: {uuid}" for uuid in undone]
    check = subprocess.run([BIN, "check", "--grace", "0"] + (["--hash"] if final else []), env=server.env,
                           capture_output=True, text=True)
    missing = [line for line in check.stdout.splitlines() if line.startswith(("missing:", "corrupt:"))]
    problems += missing
    sweep = subprocess.run([BIN, "sweep", "--grace", "0"], env=server.env, capture_output=True, text=True)
    if sweep.returncode != 0:
        problems.append("sweep failed: " + sweep.stderr)
    after = subprocess.run([BIN, "check", "--grace", "0"], env=server.env, capture_output=True, text=True)
    if after.returncode != 0:
        problems.append("after a sweep: " + after.stdout.strip().splitlines()[-1])
    temps = [n for n in os.listdir(blobs) if n.startswith(".tmp-")] if os.path.exists(blobs) else []
    scratch = os.path.join(server.data, "tmp")
    temps += os.listdir(scratch) if os.path.exists(scratch) else []
    if temps:
        problems.append(f"temp files left: {temps}")
    return found, lost, problems


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-crash-")
    base = open(media_tools.jpeg(os.path.join(work, "p.jpg"), 800, 600), "rb").read()
    ledger = Ledger()
    totals = {"kills": 0, "acknowledged": 0, "found": 0, "lost": 0}
    problems_seen = []
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
            server.cli("user", "add", "--username", "crash", "--password", "crash password")
            key = server.cli("key", "create", "--user", "crash")
            cookie = {"albumen_session": sign_in(server, "crash", "crash password").cookies["albumen_session"]}
            counter = [0]
            hashed = set()
            for cycle in range(KILLS):
                stop = threading.Event()
                threads = [threading.Thread(target=client, args=(kind, server, key, cookie, base, ledger, stop,
                                                                 counter))
                           for kind in ("native", "chevereto", "webapi")]
                threads.append(threading.Thread(target=organiser, args=(server, cookie, ledger, stop)))
                for thread in threads:
                    thread.start()
                time.sleep(random.uniform(0.1, RUN_MAX))
                server.albumen.send_signal(signal.SIGKILL)
                server.albumen.wait()
                totals["kills"] += 1
                stop.set()
                for thread in threads:
                    thread.join()
                os.unlink(server.socket)  # left by the killed process; wait for the new one's
                server.start_albumen()
                server._wait(server._healthy, "albumen after a kill")
                found, lost, problems = verify(server, ledger, hashed, final=cycle == KILLS - 1)
                totals["found"], totals["lost"] = found, lost
                problems_seen += [f"after kill {cycle + 1}: {p}" for p in problems]
            totals["acknowledged"] = len(ledger.uploads)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"kills: {totals['kills']}; acknowledged uploads: {totals['acknowledged']} "
          f"(deleted since: {len(ledger.deleted)} acknowledged, {len(ledger.maybe_deleted - ledger.deleted)} "
          f"sent when the server died); found: {totals['found']}; lost: {totals['lost']}")
    losses = [p for p in problems_seen if ": lost " in p]
    for problem in (losses + [p for p in problems_seen if p not in losses])[:30]:
        print("  " + problem)
    print("crash safety: " + ("passed" if not problems_seen and totals["lost"] == 0 else "FAILED"))
    sys.exit(0 if not problems_seen and totals["lost"] == 0 else 1)


if __name__ == "__main__":
    main()
