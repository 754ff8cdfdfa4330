"""Seed 002's webhooks end to end: a receiver on loopback gets a signed `newPhoto` after an
upload through another dialect (the WebAPI), answers 500 twice and takes the third attempt;
with Albumen killed (`kill -9`) between an upload and its delivery, the event arrives after the
restart, once, under its one event id."""
import hashlib
import hmac
import json
import os
import signal
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

import media_tools
from albumen_server import Server, free_port
from conftest import sign_in

PASSWORD = "correct horse"


class Receiver:
    """An HTTP receiver on loopback that records every POST and answers the statuses queued."""

    def __init__(self, port=None):
        self.requests = []
        self.statuses = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port or free_port()), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def wait_for(condition, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def server():
    env = {"ALBUMEN_URL_UPLOAD_HOSTS": "127.0.0.1", "ALBUMEN_WEBHOOK_RETRY_SECONDS": "1"}
    with Server(max_upload="64M", nginx_max_body="80m", extra_env=env) as s:
        s.cli("user", "add", "--username", "alice", "--password", PASSWORD)
        s.key = s.cli("key", "create", "--user", "alice")
        s.work = tempfile.mkdtemp(prefix="webhooks-", dir=s.dir)
        yield s


def call(server, method, path, **kwargs):
    return requests.request(method, server.url + path, headers={"x-api-key": server.key}, timeout=30, **kwargs)


def new_album_with_hook(server, port, name):
    album = call(server, "POST", "/album/createAlbum", json={"name": name}).json()["data"]["albumId"]
    created = call(server, "POST", "/webhook/createSubscription", json={
        "event": "newPhoto", "targetUrl": f"http://127.0.0.1:{port}/hook", "albumId": album,
        "metadata": {"source": "e2e", "n": 1}})
    assert created.status_code == 200, created.text
    return album, created.json()["data"]["secret"]


def upload(server, album, seed):
    session, _ = sign_in(server, "alice", PASSWORD)
    photo = media_tools.jpeg(os.path.join(server.work, f"w{seed}.jpg"), 320, 240, seed=seed)
    with open(photo, "rb") as f:
        answer = session.post(server.url + "/api/photos/upload", files={"file": ("w.jpg", f)},
                              data={"album_id": album}, headers={"Origin": server.url})
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def test_a_signed_new_photo_is_retried_until_taken(server):
    receiver = Receiver()
    try:
        receiver.statuses = [500, 500]
        album, secret = new_album_with_hook(server, receiver.port, "Hooked")
        photo_id = upload(server, album, 1)
        wait_for(lambda: len(receiver.requests) >= 3)
        time.sleep(1.5)
        assert len(receiver.requests) == 3, "taken on the third attempt, then no more"
        ids = {headers["X-Albumen-Event-Id"] for headers, _ in receiver.requests}
        assert len(ids) == 1, "every attempt carries the same event id"
        headers, body = receiver.requests[-1]
        assert headers["X-Albumen-Event"] == "newPhoto"
        stamp, signature = dict(part.split("=", 1) for part in headers["X-Albumen-Signature"].split(","))["t"], \
            dict(part.split("=", 1) for part in headers["X-Albumen-Signature"].split(","))["v1"]
        expected = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(signature, expected)
        assert abs(int(stamp) - time.time()) < 60
        event = json.loads(body)
        assert event["event"] == "newPhoto" and event["eventId"] in ids
        assert event["metadata"] == {"source": "e2e", "n": 1}
        assert event["data"]["photoId"] == photo_id and event["data"]["restrictedLabels"] == []
        fetched = requests.get(event["data"]["stableUrl"], timeout=30)
        assert fetched.status_code == 200 and fetched.headers["Content-Type"] == "image/jpeg"
        # The owner sees the attempts on /settings/api.
        session, _ = sign_in(server, "alice", PASSWORD)
        page = session.get(server.url + "/settings/api").text
        assert page.count("HTTP 500") == 2 and page.count("HTTP 200") == 1 and event["eventId"] in page
    finally:
        receiver.stop()


def test_an_event_survives_a_crash_between_upload_and_delivery(server):
    port = free_port()
    album, _ = new_album_with_hook(server, port, "Crash")
    # Nothing listens yet: the event waits in the outbox when Albumen is killed.
    photo_id = upload(server, album, 2)
    server.stop_albumen(sig=signal.SIGKILL)
    receiver = Receiver(port)
    try:
        server.start_albumen()
        wait_for(lambda: receiver.requests)
        time.sleep(2)
        events = [json.loads(body) for _, body in receiver.requests]
        assert [event["data"]["photoId"] for event in events] == [photo_id]
        assert len({headers["X-Albumen-Event-Id"] for headers, _ in receiver.requests}) == 1
    finally:
        receiver.stop()
