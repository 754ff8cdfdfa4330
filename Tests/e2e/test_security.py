"""What an attacker tried, through real nginx: redirects after sign-in, secrets in the access
log, sign-in guessing by a neighbour."""
import os
import time

import requests

import media_tools
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
