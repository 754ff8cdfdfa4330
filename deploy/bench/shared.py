"""Shared album benchmark (see shared.sh): GET /v2/albums/{id} of a 50-item album shared with the
caller, against the C libfcgi hello in the same run. Target ≥ 0.30× the hello. Every loop is
bounded; it stops what it starts."""
import os
import shutil
import sys
import tempfile

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import Server  # noqa: E402
import media_tools  # noqa: E402
from media import ROUNDS, DURATION, start_hello, unique_copy, versus_hello  # noqa: E402

ITEMS = int(os.environ.get("ITEMS", "50"))


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-shared-")
    hello, extra = start_hello(work)
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                    extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
            ids = {name: int(server.cli("user", "add", "--username", name, "--password", "bench password"))
                   for name in ("owner", "viewer")}
            tokens = {name: server.cli("token", "create", "--user", name) for name in ids}

            def auth(name):
                return {"Authorization": f"Bearer {tokens[name]}"}

            album = requests.post(server.url + "/v2/albums", headers=auth("owner"),
                                  json={"albumName": "Benchmark"}).json()["albumId"]
            photo = media_tools.jpeg(os.path.join(work, "photo.jpg"), 640, 480)
            for n in range(ITEMS):
                with open(unique_copy(photo, os.path.join(work, "p.jpg"), n), "rb") as f:
                    answer = requests.post(f"{server.url}/v1/albums/{album}/content", headers=auth("owner"),
                                           files={"content": (f"p{n}.jpg", f, "image/jpeg")})
                assert answer.status_code == 200, answer.text
            shared = requests.post(f"{server.url}/v4/albums/{album}/shares", headers=auth("owner"),
                                   json={"profiles": [{"profileId": ids["viewer"], "expirationType": "INDEFINITE"}]})
            assert shared.status_code == 200, shared.text
            url = f"{server.url}/v2/albums/{album}"
            check = requests.get(url, headers=auth("viewer"))
            assert check.status_code == 200 and len(check.json()["content"]) == ITEMS, check.text[:300]
            hello_rps, rps, errors = versus_hello(server, url, [f"Authorization: Bearer {tokens['viewer']}"])
            print(f"SharedAlbums GET /v2/albums/{{id}} (seed 000), {ITEMS} items shared with the caller, "
                  f"{len(check.content) / 1000:.1f} KB: {rps:.0f} req/s; C libfcgi hello {hello_rps:.0f} req/s; "
                  f"ratio {rps / hello_rps:.3f} (target ≥ 0.30) "
                  f"(non-2xx {errors}; {ROUNDS} alternating rounds of {DURATION} s, wrk -t2 -c32)")
    finally:
        hello.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
