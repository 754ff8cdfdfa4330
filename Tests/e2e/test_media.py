"""The media pipeline end to end: uploads, signed URLs through nginx, refusals, import, crashes."""
import base64
import hashlib
import hmac
import os
import signal
import sqlite3
import subprocess
import tempfile
import time

import pytest
import requests

import media_tools
from albumen_server import BIN, Server


@pytest.fixture(scope="module")
def server():
    with Server(max_upload="64M", nginx_max_body="80m") as s:
        s.cli("user", "add", "--username", "alice", "--password", "correct horse")
        s.key = s.cli("key", "create", "--user", "alice")
        s.work = tempfile.mkdtemp(prefix="media-", dir=s.dir)
        yield s


def upload(server, path, name=None, **fields):
    with open(path, "rb") as f:
        return requests.post(
            server.url + "/api/media", headers={"X-API-Key": server.key},
            files={"file": (name or os.path.basename(path), f, "application/octet-stream")}, data=fields)


def sign(server, file, expires):
    secret = open(os.path.join(server.data, "secret")).read().strip()
    path = "/media/" + file
    mac = hmac.new(f"albumen-media-v1:{secret}".encode(), f"{path}\n{expires}".encode(), hashlib.sha256).digest()
    signature = base64.urlsafe_b64encode(mac[:16]).decode().rstrip("=")
    return f"{server.url}{path}?Expires={expires}&Signature={signature}"


def stored_files(server):
    return server.stored_names()


def test_an_uploaded_photo_comes_back_byte_for_byte_through_nginx(server):
    photo = media_tools.jpeg(os.path.join(server.work, "holiday.jpg"))
    response = upload(server, photo, name="IMG_2041-final_v2.jpg", title="")
    assert response.status_code == 201, response.text
    item = response.json()
    assert (item["mime"], item["kind"], item["width"], item["height"]) == ("image/jpeg", "image", 1600, 1200)
    assert item["title"] == ""  # an explicit empty title stays empty
    fetched = requests.get(item["url"])
    assert fetched.status_code == 200
    assert fetched.content == open(photo, "rb").read()
    # Content addressing: the name is the bytes' own SHA-256.
    assert item["url"].split("/media/")[1].split(".")[0] == hashlib.sha256(fetched.content).hexdigest()
    assert fetched.headers["Content-Type"] == "image/jpeg"
    assert fetched.headers["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in fetched.headers["Cache-Control"]
    thumb = requests.get(item["thumb_url"])
    assert thumb.status_code == 200 and thumb.headers["Content-Type"] == "image/jpeg"


def test_a_large_photo_is_split_from_its_form_as_it_streams_in(server):
    """Bodies past 1 MB are parsed while they are read from nginx (never copied whole to a
    scratch file): a multi-megabyte photo between two text fields arrives intact."""
    photo = media_tools.jpeg(os.path.join(server.work, "large.jpg"), 3000, 2000, seed=7)
    assert os.path.getsize(photo) > 2_000_000
    response = upload(server, photo, title="Large one", description="x" * 5000)
    assert response.status_code == 201, response.text
    item = response.json()
    assert (item["width"], item["height"], item["title"]) == (3000, 2000, "Large one")
    assert requests.get(item["url"]).content == open(photo, "rb").read()
    assert os.listdir(os.path.join(server.data, "tmp")) == []


def test_range_requests_are_answered_by_nginx(server):
    photo = media_tools.jpeg(os.path.join(server.work, "range.jpg"), seed=2)
    item = upload(server, photo).json()
    partial = requests.get(item["url"], headers={"Range": "bytes=100-199"})
    assert partial.status_code == 206
    assert partial.content == open(photo, "rb").read()[100:200]
    assert partial.headers["Content-Range"].startswith("bytes 100-199/")


def test_tampered_expired_and_unknown_links(server):
    item = upload(server, media_tools.jpeg(os.path.join(server.work, "t.jpg"), seed=3)).json()
    url = item["url"]
    assert requests.get(url.replace("Signature=", "Signature=x")).status_code == 403
    sha = url.split("/media/")[1].split(".")[0]
    other = "0" * 64
    assert requests.get(url.replace(sha, other)).status_code == 403  # signature covers the path
    past = int(time.time()) - 10
    expired = requests.get(sign(server, sha + ".jpg", past))
    assert expired.status_code == 403 and "expired" in expired.text
    assert requests.get(sign(server, other + ".jpg", past + 3600)).status_code == 404
    assert requests.get(url.split("?")[0]).status_code == 403  # no signature at all


def test_medium_and_blurred_are_made_on_first_request(server):
    item = upload(server, media_tools.jpeg(os.path.join(server.work, "m.jpg"), 2400, 1800, seed=4)).json()
    sha = item["url"].split("/media/")[1].split(".")[0]
    future = int(time.time()) + 600
    medium = requests.get(sign(server, sha + ".medium.jpg", future))
    assert medium.status_code == 200
    path = os.path.join(server.work, "medium.jpg")
    open(path, "wb").write(medium.content)
    assert media_tools.exif_tags(path, "-ImageSize") == "1280x960"
    assert requests.get(sign(server, sha + ".blurred.jpg", future)).status_code == 200
    assert requests.get(sign(server, sha + ".w640.jpg", future)).status_code == 200
    # A width no upload asked for and not in the standard set is neither made nor served.
    assert requests.get(sign(server, sha + ".w300.jpg", future)).status_code == 404


def test_gps_never_reaches_a_derivative(server):
    photo = media_tools.jpeg(os.path.join(server.work, "gps.jpg"), seed=5)
    media_tools.exif(photo, "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E")
    assert "48 deg" in media_tools.exif_tags(photo, "-GPSLatitude")
    item = upload(server, photo).json()
    sha = item["url"].split("/media/")[1].split(".")[0]
    for suffix in ["thumb.jpg", "medium.jpg", "blurred.jpg"]:
        got = requests.get(sign(server, f"{sha}.{suffix}", int(time.time()) + 600))
        path = os.path.join(server.work, "gps-" + suffix)
        open(path, "wb").write(got.content)
        assert media_tools.exif_tags(path, "-GPS:all") == "", suffix


def test_a_jpeg_carrying_php_is_served_only_as_a_jpeg(server):
    photo = media_tools.jpeg(os.path.join(server.work, "shell.jpg"), seed=6)
    media_tools.exif(photo, "-Comment=<?php system($_GET['c']); ?>")
    response = upload(server, photo, name="shell.php")
    assert response.status_code == 201
    assert response.json()["url"].split("?")[0].endswith(".jpg")
    served = requests.get(response.json()["url"])
    assert served.headers["Content-Type"] == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_refused_uploads_say_why_and_store_nothing(server):
    before = stored_files(server)
    html = os.path.join(server.work, "page.jpg")
    open(html, "w").write("<!DOCTYPE html><html><script>alert(1)</script></html>")
    refused = upload(server, html)
    assert refused.status_code == 415
    assert refused.json() == {"error": "Files of type text/html are not accepted."}
    empty = os.path.join(server.work, "empty.jpg")
    open(empty, "w").close()
    assert upload(server, empty).status_code == 400
    whole = open(media_tools.jpeg(os.path.join(server.work, "whole.jpg"), seed=7), "rb").read()
    cut = os.path.join(server.work, "cut.jpg")
    open(cut, "wb").write(whole[: len(whole) // 3])
    truncated = upload(server, cut)
    assert truncated.status_code == 400
    assert "complete" in truncated.json()["error"]
    assert stored_files(server) == before
    assert os.listdir(os.path.join(server.data, "tmp")) == []


def test_a_video_gets_a_poster_and_its_duration(server):
    response = upload(server, media_tools.mp4(os.path.join(server.work, "clip.mp4")))
    assert response.status_code == 201, response.text
    item = response.json()
    assert item["kind"] == "video" and item["mime"] == "video/mp4"
    assert abs(item["duration"] - 2) < 0.2
    assert requests.get(item["thumb_url"]).headers["Content-Type"] == "image/jpeg"
    video = requests.get(item["url"], headers={"Range": "bytes=0-1023"})
    assert video.status_code == 206 and video.headers["Content-Type"] == "video/mp4"


def test_import_reports_each_failure_and_skips_duplicates(server):
    folder = tempfile.mkdtemp(prefix="import-", dir=server.dir)
    media_tools.jpeg(os.path.join(folder, "a.jpg"), 400, 300, seed=11)
    media_tools.jpeg(os.path.join(folder, "b.jpg"), 400, 300, seed=12)
    os.makedirs(os.path.join(folder, "sub"))
    open(os.path.join(folder, "sub", "a-copy.jpg"), "wb").write(open(os.path.join(folder, "a.jpg"), "rb").read())
    open(os.path.join(folder, "notes.txt"), "w").write("not a photo")
    result = subprocess.run([BIN, "import", folder, "--user", "alice", "--album", "Trip"],
                            env=server.env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Imported 2, skipped 1 duplicate, failed 1." in result.stdout
    assert "notes.txt: not a photo or video (text/plain)" in result.stdout
    assert os.path.exists(os.path.join(folder, "a.jpg"))  # originals are copied, never moved


def test_kill_9_during_an_import_leaves_no_row_without_its_file():
    with Server(max_upload="64M", nginx_max_body="80m") as s:
        s.cli("user", "add", "--username", "bob", "--password", "correct horse")
        folder = tempfile.mkdtemp(prefix="crash-", dir=s.dir)
        for i in range(12):
            media_tools.jpeg(os.path.join(folder, f"p{i:02}.jpg"), 3000, 2000, seed=100 + i)
        importer = subprocess.Popen([BIN, "import", folder, "--user", "bob"], env=s.env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        # Restart: serve sweeps what the crash left (younger files are kept for 10 minutes, so
        # run the sweep command too, which sees the same rules) and nothing partial is visible.
        assert s.stop_albumen() == 0
        s.cli("sweep")
        s.start_albumen()
        assert requests.get(s.url + "/healthz").status_code == 200
        db = sqlite3.connect(os.path.join(s.data, "albumen.sqlite"))
        rows = db.execute("SELECT blobs.sha256, blobs.extension FROM media JOIN blobs ON blobs.id = media.blob_id").fetchall()
        for sha, ext in rows:
            assert s.has_blob(f"{sha[:2]}/{sha[2:4]}/{sha}.{ext}"), sha
            assert s.has_blob(f"{sha[:2]}/{sha[2:4]}/{sha}.thumb.jpg"), sha
        # Whatever partial file survives has a temp name no URL can reach.
        for folder_, _, names in os.walk(os.path.join(s.data, "blobs")):
            for name in names:
                assert name.startswith(".tmp-") or (len(name.split(".")[0]) == 64), name
        for name in s.stored_names():
            assert len(name.split("/")[-1].split(".")[0]) == 64, name


def test_stable_is_the_original_jpeg_or_a_jpeg_made_from_other_types(server):
    future = int(time.time()) + 600
    photo = media_tools.jpeg(os.path.join(server.work, "stable.jpg"), 800, 600, seed=21)
    sha = upload(server, photo).json()["url"].split("/media/")[1].split(".")[0]
    same = requests.get(sign(server, sha + ".stable.jpg", future))
    assert same.status_code == 200 and same.content == open(photo, "rb").read()
    png = os.path.join(server.work, "screen.png")
    media_tools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x480",
                    "-frames:v", "1", png)
    png_sha = upload(server, png).json()["url"].split("/media/")[1].split(".")[0]
    made = requests.get(sign(server, png_sha + ".stable.jpg", future))
    assert made.status_code == 200 and made.headers["Content-Type"] == "image/jpeg"
    assert made.content[:3] == b"\xff\xd8\xff"
    download = requests.get(sign(server, png_sha + ".png", future) + "&download=1")
    assert download.headers["Content-Disposition"] == f'attachment; filename="albumen-{png_sha[:12]}.png"'


def test_the_library_page_shows_thumbnails_through_signed_urls(server):
    import re
    session = requests.Session()
    page = session.get(server.url + "/login")
    token = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    session.post(server.url + "/login", data={"_csrf": token, "username": "alice", "password": "correct horse"})
    library = session.get(server.url + "/")
    assert library.status_code == 200
    sources = re.findall(r'<img src="([^"]+)" alt="([^"]*)"', library.text)
    assert sources, library.text
    for src, _ in sources[:3]:
        assert re.match(r"^/media/[0-9a-f]{64}\.thumb\.jpg\?Expires=\d+&amp;Signature=", src)
        image = requests.get(server.url + src.replace("&amp;", "&"))
        assert image.status_code == 200 and image.headers["Content-Type"] == "image/jpeg"


def test_nginx_sends_a_validly_signed_file_without_asking_albumen(server):
    """nginx checks signed media URLs itself (deploy/njs/media.js; on object storage it also
    presigns the bucket URL); Albumen sees only what nginx cannot answer: tampered, expired or
    unknown URLs, downloads, lazy derivatives."""
    item = upload(server, media_tools.jpeg(os.path.join(server.work, "fast.jpg"), seed=61)).json()
    name = item["thumb_url"].split("?")[0].split("/media/")[1]

    def app_saw():
        time.sleep(0.5)  # the log is flushed every 0.2 s
        return server.albumen_log().count(f"GET /media/{name} ")

    before = app_saw()
    for _ in range(3):
        fetched = requests.get(item["thumb_url"])
        assert fetched.status_code == 200 and fetched.headers["Content-Type"] == "image/jpeg"
        assert "immutable" in fetched.headers["Cache-Control"]
        assert fetched.headers["X-Content-Type-Options"] == "nosniff"
    assert app_saw() == before
    assert requests.get(item["thumb_url"].replace("Signature=", "Signature=A")).status_code == 403
    assert app_saw() == before + 1
