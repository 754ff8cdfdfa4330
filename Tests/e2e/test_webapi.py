"""Seed 004 (the session-cookie WebAPI) end to end through nginx: a signed-in person uploads,
lists, moves and deletes photos; every `blob_url` fetches the very bytes through nginx, Range
included; the same bytes from two people are one stored object. Runs on local disk and again
on object storage (deploy/test sets ALBUMEN_E2E_STORAGE=s3 for the second run)."""
import hashlib
import io
import os
import re
import tempfile
import zipfile

import pytest
import requests

import media_tools
from albumen_server import Server
from conftest import PASSWORD, sign_in


@pytest.fixture(scope="module")
def server():
    with Server(max_upload="16M", nginx_max_body="20m") as s:
        for name in ("alice", "bob"):
            s.cli("user", "add", "--username", name, "--password", PASSWORD)
        s.work = tempfile.mkdtemp(prefix="webapi-", dir=s.dir)
        yield s


def session_of(server, username):
    session, response = sign_in(server, username)
    assert response.status_code == 303, response.text
    # Cookie-authenticated unsafe calls must come from the site itself (the pages' scripts).
    session.headers["Origin"] = server.url
    return session


def upload(session, server, path, **fields):
    with open(path, "rb") as f:
        return session.post(server.url + "/api/photos/upload", files={"file": (os.path.basename(path), f)},
                            data=fields)


def test_a_photo_goes_up_comes_back_whole_moves_and_goes(server):
    alice = session_of(server, "alice")
    photo = media_tools.jpeg(os.path.join(server.work, "harbour.jpg"), 1600, 1200, seed=41)
    album = alice.post(server.url + "/api/albums", json={"name": "Harbour"})
    assert album.status_code in (200, 201), album.text
    album_id = album.json()["id"]
    sent = upload(alice, server, photo, album_id=album_id)
    assert sent.status_code in (200, 201), sent.text
    item = sent.json()
    assert (item["album_id"], item["file_type"], item["width"], item["height"]) == (album_id, "image/jpeg", 1600, 1200)
    original = open(photo, "rb").read()
    fetched = requests.get(item["blob_url"])
    assert fetched.status_code == 200 and fetched.content == original
    assert fetched.headers["Content-Type"] == "image/jpeg"
    part = requests.get(item["blob_url"], headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206 and part.content == original[1000:2000]
    assert part.headers["Content-Range"] == f"bytes 1000-1999/{len(original)}"
    # A tampered signature is refused by the app before nginx fetches anything.
    assert requests.get(item["blob_url"].replace("Signature=", "Signature=x")).status_code == 403

    listed = alice.get(server.url + "/api/photos")
    assert listed.status_code == 200 and [p["id"] for p in listed.json()] == [item["id"]]
    moved = alice.patch(server.url + "/api/photos/move", json={"id": item["id"], "album_id": None})
    assert moved.status_code == 200, moved.text
    assert alice.get(server.url + "/api/photos").json()[0]["album_id"] is None
    gone = alice.delete(server.url + "/api/photos/delete", json={"id": item["id"]})
    assert gone.status_code == 200, gone.text
    assert alice.get(server.url + "/api/photos").json() == []


def test_the_same_bytes_from_two_people_are_one_stored_object(server):
    photo = media_tools.jpeg(os.path.join(server.work, "shared.jpg"), 800, 600, seed=42)
    sha = hashlib.sha256(open(photo, "rb").read()).hexdigest()
    urls = []
    for name in ("alice", "bob"):
        sent = upload(session_of(server, name), server, photo)
        assert sent.status_code in (200, 201), sent.text
        urls.append(sent.json()["blob_url"])
    mine = [n for n in server.stored_names() if n.split("/")[-1].startswith(sha + ".")]
    assert mine == [f"{sha[:2]}/{sha[2:4]}/{sha}.jpg", f"{sha[:2]}/{sha[2:4]}/{sha}.thumb.jpg"]
    for url in urls:
        assert requests.get(url).content == open(photo, "rb").read()


def test_without_a_session_the_api_answers_in_its_own_words(server):
    response = requests.get(server.url + "/api/photos")
    assert response.status_code == 401 and response.json() == {"error": "No autorizado"}


def test_an_album_downloads_as_a_zip_of_its_very_bytes(server):
    """The album page's ZIP streams every original from the store (fetched from the bucket
    file by file on object storage)."""
    alice = session_of(server, "alice")
    album = alice.post(server.url + "/api/albums", json={"name": "Zipped"}).json()
    photos = [media_tools.jpeg(os.path.join(server.work, f"z{i}.jpg"), 640, 480, seed=70 + i) for i in range(2)]
    for photo in photos:
        assert upload(alice, server, photo, album_id=album["id"]).status_code in (200, 201)
    code = re.search(r'/album/Zipped\.([A-Za-z0-9]+)', alice.get(server.url + "/").text).group(1)
    archive = alice.get(f"{server.url}/album/{code}/zip")
    assert archive.status_code == 200 and archive.headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        assert sorted(z.read(n) for n in z.namelist()) == sorted(open(p, "rb").read() for p in photos)
