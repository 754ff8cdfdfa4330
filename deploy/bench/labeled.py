"""getPhotos benchmark (see labeled.sh): an album of PHOTOS photos, each with a public and a
restricted label, listed by its owner (every URL signed) through nginx, against the C libfcgi hello in the same run. Target ≥ 0.30×. Every loop is
bounded; it stops what it starts."""
import os
import shutil
import sys
import tempfile
import time

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import Server  # noqa: E402
import media_tools  # noqa: E402
from media import ROUNDS, DURATION, sign_in, start_hello, unique_copy, versus_hello  # noqa: E402
from test_webhooks import Receiver  # noqa: E402

PHOTOS = int(os.environ.get("PHOTOS", "50"))
EVENTS = int(os.environ.get("EVENTS", "200"))


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-labeled-")
    hello, extra = start_hello(work)
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                    extra_env={"ALBUMEN_LOG_LEVEL": "warning", "ALBUMEN_URL_UPLOAD_HOSTS": "127.0.0.1"}) as server:
            server.cli("user", "add", "--username", "owner", "--password", "bench password")
            owner = {"x-api-key": server.cli("key", "create", "--user", "owner")}
            album = requests.post(server.url + "/album/createAlbum", headers=owner,
                                  json={"name": "Fifty"}).json()["data"]["albumId"]
            # Seed 002 has no upload: the photos come in through the WebAPI's, into the album.
            browser = sign_in(server, "owner", "bench password")
            photo = media_tools.jpeg(os.path.join(work, "photo.jpg"), 640, 480)
            for n in range(PHOTOS):
                with open(unique_copy(photo, os.path.join(work, "p.jpg"), n), "rb") as f:
                    answer = browser.post(server.url + "/api/photos/upload", files={"file": (f"photo-{n + 1}.jpg", f)},
                                          data={"album_id": album}, headers={"Origin": server.url})
                assert answer.status_code == 200, answer.text
            photos = requests.get(server.url + f"/album/getPhotos?albumId={album}", headers=owner).json()["data"]
            assert len(photos) == PHOTOS, f"{len(photos)} photos in the album"
            for photo_ in photos:
                for label, hidden in (("team", False), ("vip", True)):
                    added = requests.post(server.url + "/photo/addPhotoLabel", headers=owner, json={
                        "albumId": album, "photoId": photo_["photoId"], "label": label, "isHidden": hidden})
                    assert added.status_code == 200, added.text
            path = f"/album/getPhotos?albumId={album}"
            headers = [f"x-api-key: {owner['x-api-key']}"]
            check = requests.get(server.url + path, headers=owner)
            assert check.status_code == 200 and len(check.json()["data"]) == PHOTOS, check.text[:300]
            hello_rps, rps, errors = versus_hello(server, server.url + path, headers)
            print(f"getPhotos, {PHOTOS} photos, {len(check.content) / 1000:.1f} KB: {rps:.0f} req/s; "
                  f"C libfcgi hello {hello_rps:.0f} req/s; ratio {rps / hello_rps:.3f} (target ≥ 0.30) "
                  f"(non-2xx {errors}; {ROUNDS} alternating rounds of {DURATION} s, wrk -t2 -c32)")

            # Webhook deliveries: EVENTS new albums, each an event for a loopback receiver.
            receiver = Receiver()
            try:
                hook = requests.post(server.url + "/webhook/createSubscription", headers=owner, json={
                    "event": "newAlbum", "targetUrl": f"http://127.0.0.1:{receiver.port}/hook"})
                assert hook.status_code == 200, hook.text
                start = time.time()
                for n in range(EVENTS):
                    made = requests.post(server.url + "/album/createAlbum", headers=owner, json={"name": f"A{n}"})
                    assert made.status_code == 200, made.text
                deadline = time.time() + 120
                while len(receiver.requests) < EVENTS and time.time() < deadline:
                    time.sleep(0.05)
                took = time.time() - start
                print(f"Webhook deliveries: {len(receiver.requests)} of {EVENTS} newAlbum events delivered in "
                      f"{took:.1f} s from the first album made: {len(receiver.requests) / took:.0f} deliveries/s "
                      f"(one signed POST each, through the address guard)")
            finally:
                receiver.stop()
    finally:
        hello.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
