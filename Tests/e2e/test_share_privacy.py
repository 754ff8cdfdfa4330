"""Nothing private leaks through a share or a link, through real nginx: a photo and a video
carrying a GPS position and camera serial numbers are uploaded; every URL a recipient or a link
visitor can reach serves bytes without them (exiftool), the link's download of the photo is the
upload with only its metadata taken out (the same compressed picture, the same pixels), and the
owner's own original is untouched."""
import html
import os
import re
import subprocess
from urllib.parse import urljoin

import requests

import media_tools
from albumen_server import Server
from conftest import page_csrf, sign_in

SECRET_TAGS = ["-GPSLatitude=52.3676", "-GPSLatitudeRef=N", "-GPSLongitude=4.9041", "-GPSLongitudeRef=E",
               "-SerialNumber=SN-1234567", "-BodySerialNumber=BODY-7654321", "-Make=Albumen Camera"]
URL_ATTRIBUTES = re.compile(r'(?:src|href|data-large|data-video|data-poster|content)="([^"]+)"')


def leaks(path):
    """What exiftool still finds that locates or identifies the camera."""
    report = subprocess.run(
        ["exiftool", "-a", "-s", "-n", "-GPS:all", "-SerialNumber", "-BodySerialNumber", "-InternalSerialNumber",
         "-Make", "-Keys:all", "-UserData:all", "-XMP:all", path],
        capture_output=True, text=True, check=True).stdout
    return report.strip()


def media_urls(base, page):
    """Every media address a page names (tiles, downloads, covers, Open Graph)."""
    found = set()
    for raw in URL_ATTRIBUTES.findall(page):
        url = html.unescape(raw)
        if "/media/" in url or "/item/" in url:
            found.add(urljoin(base, url))
    return found


def fetch_all(session, urls, directory, label):
    """Fetches each URL (following a counted item's redirect) into a file; answers the paths."""
    paths = []
    for n, url in enumerate(sorted(urls)):
        answer = session.get(url, timeout=60)
        assert answer.status_code == 200, f"{url}: {answer.status_code}"
        path = os.path.join(directory, f"{label}-{n}")
        with open(path, "wb") as f:
            f.write(answer.content)
        paths.append((answer.url, path))
    return paths


def test_every_byte_through_a_share_and_a_link_is_clean():
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        for name in ("alice", "bob"):
            server.cli("user", "add", "--username", name, "--password", "correct horse battery")
        work = os.path.join(server.dir, "work")
        os.makedirs(work)
        photo = media_tools.jpeg(os.path.join(work, "gps.jpg"), 2400, 1600, seed=7)
        media_tools.exif(photo, *SECRET_TAGS)
        assert "52.3676" in leaks(photo) and "SN-1234567" in leaks(photo)
        video = os.path.join(work, "walk.mp4")
        media_tools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                        "testsrc=duration=2:size=320x240:rate=25", "-metadata", "location=+52.3676+004.9041/",
                        "-metadata", "make=Albumen Camera", video)
        assert "52" in leaks(video)

        alice, _ = sign_in(server, "alice", "correct horse battery")
        token = page_csrf(alice.get(server.url + "/").text)
        made = alice.post(server.url + "/albums", data={"_csrf": token, "name": "Amsterdam"})
        album_url = made.url
        code = album_url.rsplit(".", 1)[1]
        with open(photo, "rb") as p, open(video, "rb") as v:
            uploaded = alice.post(server.url + "/upload", data={"_csrf": token, "album": code},
                                  files=[("file", ("gps.jpg", p, "image/jpeg")), ("file", ("walk.mp4", v, "video/mp4"))])
        assert uploaded.status_code == 200 and uploaded.text.count("uploaded") >= 2, uploaded.text

        # The owner's own original keeps everything, as uploaded.
        owner_page = alice.get(album_url).text
        viewer = urljoin(server.url, html.unescape(re.search(r'href="(/image/[^"]+)"', owner_page).group(1)))
        original = re.search(r'href="([^"]+)" download>Download original', alice.get(viewer).text).group(1)
        owner_bytes = alice.get(urljoin(server.url, html.unescape(original))).content
        with open(photo, "rb") as f:
            upload = f.read()
        assert owner_bytes == upload

        # A share with bob: his inbox, the album after opening, each item through its counted view.
        shared = alice.post(f"{server.url}/album/{code}/share",
                            data={"_csrf": token, "username": "bob", "expiration": "ONCE"})
        assert shared.status_code == 200
        bob, _ = sign_in(server, "bob", "correct horse battery")
        inbox = bob.get(server.url + "/shared").text
        asked = bob.get(f"{server.url}/shared/{code}")
        assert "You can open this once, for 30 minutes" in asked.text
        opened = bob.post(f"{server.url}/shared/{code}/open", data={"_csrf": page_csrf(asked.text)})
        assert opened.status_code == 200 and "Closes in" in opened.text
        share_urls = media_urls(server.url, inbox) | media_urls(server.url, opened.text)
        assert any("/item/" in url for url in share_urls)
        fetched = fetch_all(bob, share_urls, work, "share")

        # A link with downloads, opened by someone without an account.
        assert alice.post(f"{server.url}/album/{code}/link", data={"_csrf": token, "do": "on"}).status_code == 200
        saved = alice.post(f"{server.url}/album/{code}/link", data={"_csrf": token, "do": "save", "downloads": "1"})
        link = re.search(r'id="link-url" readonly value="([^"]+)"', saved.text).group(1)
        visitor = requests.Session()
        page = visitor.get(link)
        assert page.status_code == 200 and 'property="og:image"' in page.text
        link_urls = media_urls(server.url, page.text)
        assert any("download=1" in url for url in link_urls)
        fetched += fetch_all(visitor, link_urls, work, "link")

        assert len(fetched) >= 8
        for url, path in fetched:
            assert leaks(path) == "", f"{url} leaks: {leaks(path)}"
            assert b"52.3676" not in open(path, "rb").read()

        # The link's download of the photo: the upload's picture, byte for byte, and its pixels.
        downloads = [path for url, path in fetched if "clean.jpg" in url and "download=1" in url]
        assert downloads
        with open(downloads[0], "rb") as f:
            clean = f.read()
        assert len(clean) < len(upload)
        assert media_tools.jpeg_picture(clean) == media_tools.jpeg_picture(upload)
        assert media_tools.pixels(downloads[0]) == media_tools.pixels(photo)
