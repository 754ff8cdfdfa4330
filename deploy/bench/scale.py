"""Scale benchmark (see scale.sh): the same requests on libraries of 1 k items and one of 1 M,
all made by `albumen bench seed` (two users, every tenth album shared), and the 1 M figure ÷ the
1 k figure for each. A request's figure is its server time (the mean of the middle 80%) over
ROUNDS requests, read from Albumen's own request log (what the library's size can change; nginx
and the client are the same in both). The WebAPI's whole photo list is timed by the client with
Albumen's peak RSS; startup, `sweep` and `check` are timed as commands. Target ≤ 1.2 for every
paged request.

Like for like: 1 k items fill albums of 100 (the album page of 100) or a first page of albums
and of shares, not both; so the 1 k items are seeded twice, in 9 albums of 100 and in 1 200 albums
(60 of them shared with the measured user, as the million's first page of shares shows 60), and
each request's ratio is taken against the small library whose answer is nearest in size to the
million's (both ratios are printed). Every loop is bounded; it stops what it starts."""
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import BIN, Server  # noqa: E402
from media import peak_rss_kb, sign_in  # noqa: E402

ROUNDS = int(os.environ.get("SCALE_ROUNDS", "200"))
ROUNDS_OF = 5  # alternating rounds per request
# items:albums of each library, the million last; nine in ten items are in an album.
SIZES = [tuple(int(n) for n in size.split(":"))
         for size in os.environ.get("SCALE_SIZES", "1000:9,1000:1200,1000000:9000").split(",")]
PASSWORD = "bench-password"


def timed(command, env):
    started = time.perf_counter()
    result = subprocess.run([BIN, *command], env=env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stderr
    return time.perf_counter() - started, result.stdout


def server_times(log_path, since, path):
    with open(log_path) as log:
        log.seek(since)
        # The log names the path without its query.
        return [float(t) for t in re.findall(re.escape(f"GET {path.split('?')[0]} ") + r"200 ([0-9.]+)ms", log.read())]


def middle_mean(times):
    """The mean of the middle 80% (the log says microseconds): a stray slow one should not count."""
    times = sorted(times)
    cut = len(times) // 10
    return statistics.mean(times[cut:len(times) - cut])


class Library:
    """One seeded library served by its own Albumen and nginx, signed in as bench-1, with the
    requests to time on it; its figures fill in as they are measured."""

    def __init__(self, size, albums, work):
        self.name = f"{size}/{albums}"
        data = os.path.join(work, f"library-{size}-{albums}")
        env = dict(os.environ, ALBUMEN_DATA=data)
        _, out = timed(["bench", "seed", "--users", "2", "--albums", str(albums), "--media", str(size)], env)
        print(f"library of {size} items in {albums} albums: {out.strip().splitlines()[-1]}")
        self.figures = {}
        self.server = Server(data=data, extra_env={"ALBUMEN_LOG_LEVEL": "info"})
        started = time.perf_counter()
        self.server.start()
        self.figures["startup (until /healthz answers)"] = (time.perf_counter() - started) * 1000
        db = sqlite3.connect(f"file:{data}/albumen.sqlite?mode=ro", uri=True)
        owner = db.execute("SELECT id FROM users WHERE username = 'bench-1'").fetchone()[0]
        album, album_uuid = db.execute(
            "SELECT id, uuid FROM albums WHERE owner_id = ? ORDER BY id LIMIT 1", (owner,)).fetchone()
        kept = db.execute("SELECT COUNT(*) FROM media WHERE owner_id = ? AND trashed_at IS NULL", (owner,)).fetchone()[0]
        db.close()
        self.album = album
        server = self.server
        browser = sign_in(server, "bench-1", PASSWORD)
        key = server.cli("key", "create", "--user", "bench-1")
        token = server.cli("token", "create", "--user", "bench-1")
        library = browser.get(server.url + "/").text
        album_page = re.search(r'href="(/album/[^"]+)"', library).group(1)
        deep = max(1, int(kept / 60 * 0.9))
        self.cookie = {"Cookie": f"albumen_session={browser.cookies['albumen_session']}"}
        bearer = {"Authorization": f"Bearer {token}"}
        api_key = {"X-API-Key": key}
        self.requests = [
            ("library page 1", "/", self.cookie),
            ("library page 90% deep", f"/?page={deep}", self.cookie),
            ("album page of 100", album_page, self.cookie),
            ("shared with me", "/shared", self.cookie),
            ("native GET /api/media", "/api/media", api_key),
            ("WebAPI GET /api/albums, whole list", "/api/albums", self.cookie),
            ("SharedAlbums GET /v2/albums/{id}", f"/v2/albums/{album}", bearer),
            ("SharedAlbums GET /v1/albums, whole list", "/v1/albums", bearer),
            ("Pictures GetGallery (50)", f"/v1/Pictures/GetGallery?UserID={owner}", bearer),
            ("Pictures GetGallery of an album", f"/v1/Pictures/GetGallery?UserID={owner}&AlbumID={album}", bearer),
            ("Pictures GetAlbums, whole list", f"/v1/Pictures/GetAlbums?UserID={owner}", bearer),
            ("LabeledAlbums getPhotos", f"/album/getPhotos?albumId={album_uuid}", api_key),
            ("LabeledAlbums getAlbums", "/album/getAlbums", api_key),
        ]
        self.session = requests.Session()
        self.log = os.path.join(server.dir, "albumen.log")
        self.times = {}

    def prepare(self, index):
        """The request's path as this library answers it, checked and warmed."""
        name, path, headers = self.requests[index]
        answer = self.session.get(self.server.url + path, headers=headers)
        if answer.status_code != 200 and "albumId=" in path:  # the seed's album id, not its uuid
            path = path.replace(path.split("albumId=")[1], str(self.album))
            answer = self.session.get(self.server.url + path, headers=headers)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
        self.requests[index] = (name, path, headers)
        self.figures[name] = None  # the time's row before its answer's size
        for _ in range(20):  # warm: SQLite's pages, the statements, the templates
            self.session.get(self.server.url + path, headers=headers)
        self.figures[f"  {name}: answer KB"] = len(answer.content) / 1000
        self.times[name] = []

    def round(self, index, count):
        """`count` more of the request, their server times read from the log."""
        name, path, headers = self.requests[index]
        time.sleep(0.3)  # the log is flushed every 200 ms
        since = os.path.getsize(self.log)
        for _ in range(count):
            self.session.get(self.server.url + path, headers=headers)
        time.sleep(0.3)
        got = server_times(self.log, since, path)
        assert len(got) >= count * 0.9, (path, len(got))
        self.times[name] += got

    def finish(self):
        """The whole photo list with the peak RSS, then sweep and check; the server stops."""
        server = self.server
        try:
            before = peak_rss_kb(server.albumen.pid)
            started = time.perf_counter()
            photos = self.session.get(server.url + "/api/photos", headers=self.cookie)
            self.figures["WebAPI GET /api/photos, whole list"] = (time.perf_counter() - started) * 1000
            assert photos.status_code == 200, photos.text[:300]
            self.figures["  Albumen's peak RSS after it (MB)"] = peak_rss_kb(server.albumen.pid) / 1024
            print(f"  {self.name} /api/photos: {len(photos.json())} photos, {len(photos.content) / 1e6:.1f} MB; "
                  f"peak RSS {before / 1024:.0f} MB before, {peak_rss_kb(server.albumen.pid) / 1024:.0f} MB after")
            self.figures["sweep"] = timed(["sweep"], server.env)[0] * 1000
            self.figures["check"] = timed(["check"], server.env)[0] * 1000
        finally:
            server.stop()


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-scale-")
    libraries = []
    try:
        for size, albums in SIZES:
            libraries.append(Library(size, albums, work))
        # Every library is served at once and each request is timed in alternating rounds, so
        # the machine's speed, which wanders over minutes, weighs the same on each.
        for index, (name, _, _) in enumerate(libraries[0].requests):
            for library in libraries:
                library.prepare(index)
            for _ in range(ROUNDS_OF):
                for library in libraries:
                    library.round(index, ROUNDS // ROUNDS_OF)
            for library in libraries:
                library.figures[name] = middle_mean(library.times[name])
        for library in libraries:
            library.finish()
        results = [(library.name, library.figures) for library in libraries]
        smalls, (large, last) = results[:-1], results[-1]
        print(f"\nserver time in ms, mean of the middle 80% (startup, whole list, sweep, check: wall ms) over {ROUNDS} "
              f"requests in {ROUNDS_OF} alternating rounds; items/albums above each column")
        print(f"{'':52} " + " ".join(f"{name:>12}" for name, _ in results)
              + "  ratio to each small one; like for like (target ≤ 1.2 for paged requests; a whole list grows)")
        for name in last:
            if name.endswith("answer KB") or name.startswith("  Albumen"):
                print(f"{name:52} " + " ".join(f"{figures[name]:12.2f}" for _, figures in results))
                continue
            ratios = [last[name] / max(figures[name], 1e-3) for _, figures in smalls]
            # The small library whose answer is nearest in size to the million's.
            weight = f"  {name}: answer KB"
            nearest = min(range(len(smalls)), key=lambda i: abs(smalls[i][1].get(weight, 1) - last.get(weight, 1)))
            print(f"{name:52} " + " ".join(f"{figures[name]:12.2f}" for _, figures in results) + "  "
                  + " ".join(f"{r:6.2f}" for r in ratios) + f"  {ratios[nearest]:6.2f} (vs {smalls[nearest][0]})")
    finally:
        for library in libraries:
            library.server.stop()  # again after finish(): nothing left to stop
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
