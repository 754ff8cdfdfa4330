"""JSON listings benchmark (see listings.sh): every dialect's listing of ITEMS items through nginx,
each against the C libfcgi hello in the same run. Target ≥ 0.25× the hello for the WebAPI photo
list of 100. Every loop is bounded; it stops what it starts."""
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
from media import ROUNDS, DURATION, sign_in, start_hello, unique_copy, versus_hello  # noqa: E402

ITEMS = int(os.environ.get("ITEMS", "100"))


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-listings-")
    hello, extra = start_hello(work)
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                    extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
            server.cli("user", "add", "--username", "bench", "--password", "bench password")
            key = server.cli("key", "create", "--user", "bench")
            browser = sign_in(server, "bench", "bench password")
            photo = media_tools.jpeg(os.path.join(work, "photo.jpg"), 640, 480)
            for n in range(ITEMS):
                with open(unique_copy(photo, os.path.join(work, "p.jpg"), n), "rb") as f:
                    answer = requests.post(server.url + "/api/media", headers={"X-API-Key": key},
                                           files={"file": (f"photo-{n + 1}.jpg", f)}, data={"title": f"Photo {n + 1}"})
                assert answer.status_code == 201, answer.text

            cookie = f"Cookie: albumen_session={browser.cookies['albumen_session']}"
            listings = [
                ("WebAPI GET /api/photos (seed 004)", "/api/photos", [cookie], 0.25),
                ("native GET /api/media", "/api/media", [f"X-API-Key: {key}"], None),
            ]
            for name, path, headers, target in listings:
                # Each listing answers ITEMS items: a benchmark of an empty list would flatter.
                check = requests.get(server.url + path, headers=dict(h.split(": ", 1) for h in headers))
                assert check.status_code == 200 and len(check.json()) == ITEMS, (path, check.text[:300])
                hello_rps, rps, errors = versus_hello(server, server.url + path, headers)
                goal = f" (target ≥ {target})" if target else ""
                print(f"{name}, {ITEMS} items, {len(check.content) / 1000:.1f} KB: {rps:.0f} req/s; "
                      f"C libfcgi hello {hello_rps:.0f} req/s; ratio {rps / hello_rps:.3f}{goal} "
                      f"(non-2xx {errors}; {ROUNDS} alternating rounds of {DURATION} s, wrk -t2 -c32)")
    finally:
        hello.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
