"""Chevereto API benchmark (see chevereto.sh): uploads per second of a 1 MB JPEG through nginx
with 2 clients, by the Chevereto API and by the native media API (the pipeline figure) in the
same run, alternating rounds. Every loop is bounded; it stops what it starts."""
import os
import shutil
import statistics
import sys
import tempfile

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import Server  # noqa: E402
import media_tools  # noqa: E402
from media import two_clients, unique_copy  # noqa: E402

UPLOADS = int(os.environ.get("UPLOADS", "40"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))


def chevereto(server, session, path):
    with open(path, "rb") as f:
        response = session.post(server.url + "/api/1/upload", headers={"X-API-Key": server.key},
                                files={"source": (os.path.basename(path), f, "image/jpeg")})
    assert response.status_code == 200 and response.json()["status_code"] == 200, response.text


def native(server, session, path):
    with open(path, "rb") as f:
        response = session.post(server.url + "/api/media", headers={"X-API-Key": server.key},
                                files={"file": (os.path.basename(path), f, "image/jpeg")})
    assert response.status_code == 201, response.text


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-chevereto-")
    photo = media_tools.jpeg(os.path.join(work, "1mb.jpg"), 1600, 1200)
    print(f"JPEG: 1600×1200, {os.path.getsize(photo) / 1e6:.2f} MB; {UPLOADS} uploads per round, 2 clients")
    n = 0
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
            server.cli("user", "add", "--username", "bench", "--password", "bench password")
            server.key = server.cli("key", "create", "--user", "bench")
            chevereto(server, requests.Session(), unique_copy(photo, os.path.join(work, "warm.jpg"), 0))
            results = {"chevereto": [], "native": []}
            for _ in range(ROUNDS):
                for name, send in (("chevereto", chevereto), ("native", native)):
                    files = []
                    for _ in range(UPLOADS):
                        n += 1
                        files.append(unique_copy(photo, os.path.join(work, f"u{n}.jpg"), n))
                    results[name].append(two_clients(files, lambda session, path: send(server, session, path)))
                    for path in files:
                        os.remove(path)
            api, pipeline = statistics.mean(results["chevereto"]), statistics.mean(results["native"])
            print(f"Chevereto /api/1/upload: {api:.1f} uploads/s (rounds {', '.join(f'{r:.1f}' for r in results['chevereto'])})")
            print(f"native /api/media (pipeline): {pipeline:.1f} uploads/s (rounds {', '.join(f'{r:.1f}' for r in results['native'])})")
            print(f"ratio Chevereto ÷ pipeline: {api / pipeline:.2f} (the Chevereto answer also makes the medium copy)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
