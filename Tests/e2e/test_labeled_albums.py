"""Seed 002 end to end through nginx: getPhotos' signed URLs fetch the right bytes — a large PNG's
download is the file as uploaded and its stable copy a JPEG under 15 MB; a video's original and
stable URLs are its poster, its videoUrl the video — and someone with no part in the album gets
exactly what a missing album gets."""
import hashlib
import os
import subprocess
import tempfile

import pytest
import requests

import media_tools
from albumen_server import Server
from conftest import sign_in

PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def server():
    with Server(max_upload="64M", nginx_max_body="80m") as s:
        for name in ("alice", "dave"):
            s.cli("user", "add", "--username", name, "--password", PASSWORD)
        s.keys = {name: s.cli("key", "create", "--user", name) for name in ("alice", "dave")}
        s.work = tempfile.mkdtemp(prefix="labeled-", dir=s.dir)
        yield s


def call(server, who, method, path, **kwargs):
    return requests.request(method, server.url + path, headers={"x-api-key": server.keys[who]}, timeout=60,
                            **kwargs)


def digest(data):
    return hashlib.sha256(data).hexdigest()


def test_get_photos_urls_fetch_the_right_bytes(server):
    album = call(server, "alice", "POST", "/album/createAlbum", json={"name": "Big files"}).json()["data"]["albumId"]
    # A PNG of noise larger than 15 MB, and a short video, uploaded through the WebAPI into it.
    png = os.path.join(server.work, "noise.png")
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi",
                    "-i", "testsrc2=size=3200x2400,noise=alls=100:allf=t", "-frames:v", "1", png], check=True)
    assert os.path.getsize(png) > 15 * 1024 * 1024
    video = media_tools.mp4(os.path.join(server.work, "clip.mp4"))
    session, _ = sign_in(server, "alice", PASSWORD)
    for path in (png, video):
        with open(path, "rb") as f:
            answer = session.post(server.url + "/api/photos/upload", files={"file": (os.path.basename(path), f)},
                                  data={"album_id": album}, headers={"Origin": server.url})
        assert answer.status_code == 200, answer.text

    answer = call(server, "alice", "GET", f"/album/getPhotos?albumId={album}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["warnings"] == []
    still, moving = body["data"]
    with open(png, "rb") as f:
        assert digest(requests.get(still["downloadUrl"], timeout=60).content) == digest(f.read())
    stable = requests.get(still["stableUrl"], timeout=60)
    assert stable.status_code == 200 and stable.headers["Content-Type"] in ("image/jpeg", "image/webp")
    assert len(stable.content) < 15 * 1024 * 1024
    assert "videoUrl" not in still and still["restrictedLabels"] == [] and still["labels"] == []
    assert (still["width"], still["height"]) == (3200, 2400)

    for key in ("originalUrl", "stableUrl"):
        poster = requests.get(moving[key], timeout=60)
        assert poster.status_code == 200 and poster.headers["Content-Type"] == "image/jpeg", key
    with open(video, "rb") as f:
        assert digest(requests.get(moving["videoUrl"], timeout=60).content) == digest(f.read())
    assert moving["downloadUrl"] == moving["videoUrl"]

    # A tampered signature is refused by the media route.
    assert requests.get(still["stableUrl"][:-2] + "xx", timeout=30).status_code == 403

    missing = call(server, "dave", "GET", f"/album/getPhotos?albumId={album}")
    nothing = call(server, "dave", "GET", "/album/getPhotos?albumId=00000000-0000-0000-0000-000000000000")
    assert missing.status_code == nothing.status_code == 404
    assert missing.json() == nothing.json() == {"message": "Album not found"}


def test_labels_through_nginx(server):
    album = call(server, "alice", "POST", "/album/createAlbum", json={"name": "Labels"}).json()["data"]["albumId"]
    session, _ = sign_in(server, "alice", PASSWORD)
    photo = media_tools.jpeg(os.path.join(server.work, "l.jpg"), 320, 240, seed=5)
    with open(photo, "rb") as f:
        assert session.post(server.url + "/api/photos/upload", files={"file": ("l.jpg", f)},
                            data={"album_id": album}, headers={"Origin": server.url}).status_code == 200
    photo_id = call(server, "alice", "GET", f"/album/getPhotos?albumId={album}").json()["data"][0]["photoId"]
    for label, hidden in (("Sunset", False), ("client-x", True)):
        added = call(server, "alice", "POST", "/photo/addPhotoLabel",
                     json={"albumId": album, "photoId": photo_id, "label": label, "isHidden": hidden})
        assert added.json() == {"data": {"message": "Success!"}, "warnings": []}
    found = call(server, "alice", "GET", f"/album/getPhotos?albumId={album}&filterLabel=Sunset").json()["data"]
    assert [p["labels"] for p in found] == [["Sunset"]] and found[0]["restrictedLabels"] == ["client-x"]
    assert call(server, "alice", "GET", f"/album/getPhotos?albumId={album}&filterLabel=sunset").json()["data"] == []
    assert call(server, "alice", "GET", "/ping").json()["data"]["message"] == "pong"
    assert call(server, "dave", "GET", f"/photo/checkPhotoLabel?photoId={photo_id}&label=Sunset").status_code == 404
