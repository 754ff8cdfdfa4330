"""Seed 000 end to end through nginx: a view-once share's signed URLs fetch the bytes during its
window and are refused after it; a deleted item's URL keeps working until it expires; plans
from the command line reach the storage answer. The services' clock is moved with the
test-only `POST /_debug/clock?advance=SECONDS`."""
import os
import tempfile

import pytest
import requests

import media_tools
from albumen_server import Server


@pytest.fixture(scope="module")
def server():
    # These tests move Albumen's clock (/_debug/clock) past URL expiries; nginx's own check of
    # media URLs keeps real time, so here Albumen checks them all.
    with Server(max_upload="64M", nginx_max_body="80m",
                extra_env={"ALBUMEN_NGINX_MEDIA": "app"}) as s:
        s.ids = {name: int(s.cli("user", "add", "--username", name, "--password", "correct horse"))
                 for name in ("alice", "bob")}
        s.tokens = {name: s.cli("token", "create", "--user", name) for name in ("alice", "bob")}
        s.work = tempfile.mkdtemp(prefix="shared-", dir=s.dir)
        yield s


def call(server, who, method, path, **kwargs):
    headers = {"Authorization": f"Bearer {server.tokens[who]}"}
    return requests.request(method, server.url + path, headers=headers, timeout=30, **kwargs)


def new_album_with_photos(server, count):
    album = call(server, "alice", "POST", "/v2/albums", json={"albumName": "Night out"}).json()["albumId"]
    ids = []
    for n in range(count):
        path = media_tools.jpeg(os.path.join(server.work, f"p{album}-{n}.jpg"), 320, 240, seed=album * 10 + n)
        with open(path, "rb") as f:
            answer = call(server, "alice", "POST", f"/v1/albums/{album}/content",
                          files={"content": ("p.jpg", f, "image/jpeg")})
        assert answer.status_code == 200, answer.text
        ids.append(answer.json()["contentId"])
    return album, ids


def advance(server, seconds):
    assert requests.post(f"{server.url}/_debug/clock?advance={seconds}", timeout=10).status_code == 200


def test_a_view_once_share_opens_for_its_window_and_then_closes(server):
    album, _ = new_album_with_photos(server, 2)
    shared = call(server, "alice", "POST", f"/v4/albums/{album}/shares",
                  json={"profiles": [{"profileId": server.ids["bob"], "expirationType": "ONCE"}]})
    assert shared.status_code == 200, shared.text
    assert call(server, "bob", "GET", f"/v3/albums/{album}/view").status_code == 200
    assert call(server, "bob", "GET", f"/v3/albums/{album}/view").status_code == 403
    # 25 minutes into the 30-minute window: URLs issued now would live 15 minutes, but die
    # with the share.
    advance(server, 25 * 60)
    details = call(server, "bob", "GET", f"/v2/albums/{album}").json()
    urls = [item[key] for item in details["content"] for key in ("url", "thumbUrl", "coverUrl")]
    for url in urls:
        answer = requests.get(url, timeout=30)
        assert answer.status_code == 200 and answer.headers["Content-Type"] == "image/jpeg", url
        assert answer.content[:2] == b"\xff\xd8"
    advance(server, 6 * 60)
    assert call(server, "bob", "GET", f"/v2/albums/{album}").status_code == 403
    for url in urls:
        assert requests.get(url, timeout=30).status_code == 403, url


def test_a_deleted_items_issued_url_works_until_it_expires(server):
    album, ids = new_album_with_photos(server, 1)
    url = call(server, "alice", "GET", f"/v2/albums/{album}").json()["content"][0]["url"]
    before = requests.get(url, timeout=30)
    assert before.status_code == 200
    assert call(server, "alice", "DELETE", f"/v1/albums/{album}/content/{ids[0]}").status_code == 200
    assert call(server, "alice", "DELETE", f"/v1/albums/{album}/content/{ids[0]}").status_code == 403
    after = requests.get(url, timeout=30)
    assert after.status_code == 200 and after.content == before.content
    advance(server, 16 * 60)
    assert requests.get(url, timeout=30).status_code == 403


def test_plans_from_the_command_line_reach_the_storage_answer(server):
    server.cli("plan", "create", "--name", "FreeAlbums", "--max-albums", "100", "--max-content-size", "125829120",
               "--max-video-length", "60000")
    server.cli("plan", "set", "--name", "FreeAlbums", "--max-shares", "5")
    server.cli("user", "plan", "--username", "bob", "--plan", "FreeAlbums")
    limits = call(server, "bob", "GET", "/v1/albums/storage").json()
    assert limits["subscriptionType"] == "FreeAlbums"
    assert limits["maxContentSizeHumanReadable"] == "120.00 MB"
    assert (limits["maxAlbums"], limits["maxShares"], limits["maxVideoLength"]) == (100, 5, 60000)
    assert limits["maxViewableAlbums"] == -1
    assert "FreeAlbums: max-albums=100" in server.cli("plan", "list")
