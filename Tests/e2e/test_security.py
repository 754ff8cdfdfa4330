"""What an attacker tried, through real nginx: redirects after sign-in, secrets in the access
log, sign-in guessing by a neighbour."""
import os
import socket
import time

import requests

import media_tools
from albumen_server import Server
from conftest import PASSWORD, login_form, sign_in


def test_next_after_sign_in_never_leaves_the_site(server):
    session, response = sign_in(server)
    assert response.status_code == 303
    for hostile in ["/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example", "/%00",
                    "/%5C/evil.example", "//evil.example", "/%2F/evil.example", "https://evil.example"]:
        answer = session.get(server.url + "/login?next=" + hostile, allow_redirects=False)
        assert answer.status_code in (302, 303), (hostile, answer.status_code)
        assert answer.headers["Location"] == "/", (hostile, answer.headers["Location"])
    kept = session.get(server.url + "/login?next=/settings", allow_redirects=False)
    assert kept.headers["Location"] == "/settings"


def test_secrets_stay_out_of_the_access_log(server):
    key = server.cli("key", "create", "--user", "alice")
    photo = os.path.join(server.dir, "log.jpg")
    media_tools.jpeg(photo, 320, 240, seed=11)
    image = requests.post(server.url + "/api/1/upload?key=" + key + "&format=json",
                          files={"source": ("log.jpg", open(photo, "rb"))}).json()["image"]
    link_secret = image["url"].split("/i/")[1].split("/")[0]
    delete_secret = image["delete_url"].rsplit("/", 1)[1]
    assert requests.get(image["url"]).status_code == 200
    assert requests.get(image["delete_url"]).status_code == 200
    time.sleep(1.5)  # the access log is flushed every second
    with open(os.path.join(server.run_dir, "nginx-access.log")) as log:
        text = log.read()
    assert "/api/1/upload?key=[masked]" in text and "/i/[masked]/" in text and "/delete/[masked]" in text
    for secret in (key, link_secret, delete_secret):
        assert secret not in text


def test_a_neighbour_guessing_does_not_lock_the_owner_out(server):
    # The owner has signed in from this browser before: it holds a device cookie.
    owner, response = sign_in(server)
    assert response.status_code == 303
    device = owner.cookies.get("albumen_device")
    assert device
    # Someone at the same address guesses at the owner's password until refused.
    neighbour = requests.Session()
    token = login_form(neighbour, server)
    statuses = [neighbour.post(server.url + "/login", allow_redirects=False,
                               data={"_csrf": token, "username": "alice", "password": f"guess {i}"}).status_code
                for i in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    refused = neighbour.post(server.url + "/login", allow_redirects=False,
                             data={"_csrf": token, "username": "alice", "password": PASSWORD})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Too many failed sign-in attempts" in refused.text
    # The owner's browser, signed out, still gets in with its device cookie.
    browser = requests.Session()
    token = login_form(browser, server)
    again = browser.post(server.url + "/login", allow_redirects=False, cookies={"albumen_device": device},
                         data={"_csrf": token, "username": "alice", "password": PASSWORD})
    assert again.status_code == 303


def test_slow_clients_hold_no_worker_thread():
    """Twice as many slow clients as Albumen has worker threads: some send their headers a byte
    at a time (slowloris), some ask for 8 MB and never read it. nginx holds them all — it reads
    whole headers before passing a request on and spools large answers to its own buffers — so
    every worker is free and a health check answers at once."""
    with Server(threads=2) as server:
        port = server.port
        trickling, stalled = [], []
        try:
            for _ in range(4):
                s = socket.create_connection(("127.0.0.1", port))
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                trickling.append(s)
            for _ in range(4):
                s = socket.create_connection(("127.0.0.1", port))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                s.sendall(b"GET /_debug/bytes?count=8388608 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                stalled.append(s)
            # Albumen finishes the stalled requests although their clients read nothing: nginx
            # takes the answers into its own buffers (making 8 MB takes a debug build a while).
            deadline = time.time() + 30
            while server.albumen_log().count("GET /_debug/bytes 200") < 4 and time.time() < deadline:
                time.sleep(0.1)
            assert server.albumen_log().count("GET /_debug/bytes 200") == 4
            for _ in range(5):
                for s in trickling:
                    s.sendall(b"x")
                started = time.time()
                assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
                assert time.time() - started < 1.0
                time.sleep(0.2)
        finally:
            for s in trickling + stalled:
                s.close()
