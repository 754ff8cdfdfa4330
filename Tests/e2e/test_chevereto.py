"""Chevereto API V1.1 (seed 003) through real nginx: the PyPI upload CLI `chupo`, ImgBB-style
base64, URL uploads through the SSRF guard, viewer and delete links."""
import base64
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading

import pytest
import requests

import media_tools
from albumen_server import Server

CHUPO = os.path.join(os.path.dirname(sys.executable), "chupo")
FIXTURE_HOST = "127.0.0.2"  # loopback, allow-listed below; 127.0.0.1 and localhost stay refused


@pytest.fixture(scope="module")
def fixture_files():
    """A loopback web server with a photo (and a redirect to the instance's own loopback)."""
    directory = tempfile.mkdtemp(prefix="chevereto-fixture-")
    media_tools.jpeg(os.path.join(directory, "remote.jpg"), 640, 480, seed=7)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/to-internal":
                self.send_response(302)
                self.send_header("Location", "http://127.0.0.1/secret")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer((FIXTURE_HOST, 0), functools.partial(Handler, directory=directory))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{FIXTURE_HOST}:{httpd.server_address[1]}", directory
    httpd.shutdown()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def server():
    with Server(max_upload="16M", nginx_max_body="20m", extra_env={
        "ALBUMEN_URL_UPLOADS": "everyone", "ALBUMEN_URL_UPLOAD_HOSTS": FIXTURE_HOST,
    }) as s:
        s.cli("user", "add", "--username", "alice", "--password", "correct horse")
        s.key = s.cli("key", "create", "--user", "alice")
        s.work = tempfile.mkdtemp(prefix="chevereto-", dir=s.dir)
        s.photo = media_tools.jpeg(os.path.join(s.work, "beach_day-1.jpg"), 1600, 1200)
        yield s


def chupo(server, fmt, key=None, path=None):
    env = dict(os.environ, HOME=server.work, XDG_CONFIG_HOME=server.work)
    return subprocess.run(
        [CHUPO, path or server.photo, "-u", server.url, "-k", key or server.key, "-f", fmt],
        capture_output=True, text=True, timeout=120, env=env)


def same_bytes(url, path):
    response = requests.get(url)
    assert response.status_code == 200, url
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    with open(path, "rb") as f:
        assert hashlib.sha256(response.content).hexdigest() == hashlib.sha256(f.read()).hexdigest()
    return response


def test_chupo_txt_json_and_redirect(server):
    txt = chupo(server, "txt")
    assert txt.returncode == 0, txt.stderr
    url = txt.stdout.strip()
    assert url.startswith(server.url + "/i/") and url.endswith(".jpg")
    assert same_bytes(url, server.photo).headers["Content-Type"] == "image/jpeg"
    assert same_bytes(url, server.photo).status_code == 200  # a permanent link: again, no signature

    result = chupo(server, "json")
    assert result.returncode == 0, result.stderr
    image = __import__("json").loads(result.stdout)["image"]
    same_bytes(image["url"], server.photo)
    assert requests.get(image["thumb"]["url"]).headers["Content-Type"] == "image/jpeg"
    assert requests.get(image["medium"]["url"]).status_code == 200
    viewer = requests.get(image["url_viewer"])
    assert viewer.status_code == 200 and 'property="og:image"' in viewer.text

    redirect = chupo(server, "redirect")
    assert redirect.returncode == 0, redirect.stderr
    page = redirect.stdout.strip()
    assert page.startswith(server.url + "/image/beach-day-1.")
    assert requests.get(page).status_code == 200


def test_chupo_with_a_wrong_key_exits_1(server):
    result = chupo(server, "txt", key="alb_k_wrong")
    assert result.returncode == 1
    assert "Invalid API key." in result.stderr


def test_range_on_a_permanent_link(server):
    url = chupo(server, "txt").stdout.strip()
    part = requests.get(url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100


def test_base64_urlencoded_with_key_in_query_answers_imgbb(server):
    with open(server.photo, "rb") as f:
        encoded = base64.b64encode(f.read()).decode()
    response = requests.post(f"{server.url}/api/1/upload?key={server.key}", data={"image": encoded})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True and body["status"] == 200 and "image" not in body
    assert body["data"]["id"] == body["data"]["id_encoded"]
    same_bytes(body["data"]["url"], server.photo)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/", "http://0x7f000001/",
    "http://2130706433/", "http://localhost/",
])
def test_url_uploads_to_internal_addresses_are_refused(server, url):
    response = requests.post(server.url + "/api/1/upload", headers={"X-API-Key": server.key}, data={"source": url})
    assert response.status_code == 400
    error = response.json()["error"]
    assert "may not be fetched" in error["message"], error


def test_url_upload_from_an_allow_listed_host(server, fixture_files):
    base, directory = fixture_files
    response = requests.post(server.url + "/api/1/upload", headers={"X-API-Key": server.key},
                             data={"source": base + "/remote.jpg"})
    assert response.status_code == 200, response.text
    image = response.json()["image"]
    assert image["file"]["resource"]["type"] == "url" and image["title"] == "remote"
    same_bytes(image["url"], os.path.join(directory, "remote.jpg"))
    # A redirect to a refused address is refused, even from an allowed host.
    hop = requests.post(server.url + "/api/1/upload", headers={"X-API-Key": server.key},
                        data={"source": base + "/to-internal"})
    assert hop.status_code == 400 and "may not be fetched" in hop.json()["error"]["message"]


def test_delete_link_asks_then_deletes_and_the_link_stops_working(server):
    image = requests.post(server.url + "/api/1/upload", headers={"X-API-Key": server.key},
                          files={"source": ("gone.jpg", open(server.photo, "rb"))}).json()["image"]
    assert requests.get(image["url"]).status_code == 200
    # What a chat app's link preview or a mail scanner does: HEAD and GET. Nothing is deleted.
    assert requests.head(image["delete_url"]).status_code == 200
    confirm = requests.get(image["delete_url"])
    assert confirm.status_code == 200 and '<form method="post"' in confirm.text
    assert requests.get(image["url"]).status_code == 200
    # The page's one form, as a browser posts it (no cookies: the secret is the permission).
    deleted = requests.post(image["delete_url"], allow_redirects=False)
    assert deleted.status_code in (302, 303)
    assert deleted.headers["Location"].endswith(image["path_viewer"] + "?deleted")
    page = requests.get(server.url + deleted.headers["Location"])
    assert page.status_code == 404 and "This file has been deleted." in page.text
    assert page.url.endswith(image["path_viewer"] + "?deleted")
    assert requests.get(image["url"]).status_code == 404
    assert requests.get(image["url_short"], allow_redirects=False).status_code == 404
