import re

import pytest
import requests

from albumen_server import Server

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def server():
    with Server() as s:
        s.cli("user", "add", "--username", "alice", "--password", PASSWORD)
        yield s


def login_form(session, server):
    page = session.get(server.url + "/login")
    assert page.status_code == 200
    return re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)


def sign_in(server, username="alice", password=PASSWORD):
    session = requests.Session()
    token = login_form(session, server)
    response = session.post(
        server.url + "/login",
        data={"_csrf": token, "username": username, "password": password},
        allow_redirects=False,
    )
    return session, response


def page_csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)
