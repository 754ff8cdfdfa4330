"""GetAlbums benchmark (see pictures.sh): ALBUMS albums of one photo each, listed by a
subscriber (every cover's URL signed) as JSON and as XML through nginx, each against the C
libfcgi hello in the same run. Target ≥ 0.35× the hello for JSON. Every loop is bounded; it
stops what it starts."""
import base64
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

ALBUMS = int(os.environ.get("ALBUMS", "50"))


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-pictures-")
    hello, extra = start_hello(work)
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                    extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
            owner = int(server.cli("user", "add", "--username", "owner", "--password", "bench password"))
            server.cli("user", "add", "--username", "fan", "--password", "bench password")
            server.cli("subscription", "add", "--owner", "owner", "--subscriber", "fan")
            owner_token = server.cli("token", "create", "--user", "owner")
            fan_token = server.cli("token", "create", "--user", "fan")
            photo = media_tools.jpeg(os.path.join(work, "photo.jpg"), 640, 480)
            for n in range(ALBUMS):
                auth = {"Authorization": f"bearer {owner_token}"}
                album = requests.post(server.url + "/v1/Pictures/CreateAlbum", headers=auth,
                                      json={"Name": f"Album {n + 1}", "Description": "Fifty of them"}).json()["AlbumID"]
                with open(unique_copy(photo, os.path.join(work, "p.jpg"), n), "rb") as f:
                    image = base64.b64encode(f.read()).decode()
                answer = requests.post(server.url + "/v1/Pictures/AddPictures", headers=auth,
                                       json={"AlbumID": album, "Pictures": [{"Title": f"Photo {n + 1}", "Image": image}]})
                assert answer.status_code == 200 and answer.json()["PictureIDs"], answer.text

            path = f"/v1/Pictures/GetAlbums?UserID={owner}&ReturnPictureIDs=true"
            for name, accept, target in (("JSON", "application/json", 0.35), ("XML", "application/xml", None)):
                headers = [f"Authorization: bearer {fan_token}", f"Accept: {accept}"]
                # Every album listed with its cover's signed URL: an empty list would flatter.
                check = requests.get(server.url + path, headers=dict(h.split(": ", 1) for h in headers))
                assert check.status_code == 200 and check.text.count("thumb.jpg") == ALBUMS, check.text[:300]
                hello_rps, rps, errors = versus_hello(server, server.url + path, headers)
                goal = f" (target ≥ {target})" if target else ""
                print(f"GetAlbums {name}, {ALBUMS} albums, {len(check.content) / 1000:.1f} KB: {rps:.0f} req/s; "
                      f"C libfcgi hello {hello_rps:.0f} req/s; ratio {rps / hello_rps:.3f}{goal} "
                      f"(non-2xx {errors}; {ROUNDS} alternating rounds of {DURATION} s, wrk -t2 -c32)")
    finally:
        hello.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
