"""Seed 001 end to end through nginx: GetAlbums' XML read by a strict parser, element order and
namespaces as .NET's DataContractSerializer writes them (the seed's sample); JSON keys in the
seed's order; the URLs it gives fetched through nginx (blurred when masked); errors in both
formats; the `albumen subscription` command."""
import base64
import json
import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import pytest
import requests

import media_tools
from albumen_server import BIN, Server

MODELS = "http://schemas.datacontract.org/2004/07/API.Models.Pictures"
INSTANCE = "http://www.w3.org/2001/XMLSchema-instance"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
# The seed's members: JSON in this order, XML in ordinal order of the names.
SEED_KEYS = ["UserID", "AlbumID", "AlbumName", "AlbumDescription", "AlbumSize", "Sequence", "ThumbSafe",
             "ThumbUrl", "PictureIDs"]


@pytest.fixture(scope="module")
def server():
    with Server(max_upload="16M", nginx_max_body="24m") as s:
        s.ids = {name: int(s.cli("user", "add", "--username", name, "--password", "correct horse"))
                 for name in ("alice", "bob", "carol")}
        s.tokens = {name: s.cli("token", "create", "--user", name) for name in ("alice", "bob", "carol")}
        s.key = s.cli("key", "create", "--user", "bob")
        s.work = tempfile.mkdtemp(prefix="pictures-", dir=s.dir)
        yield s


def call(server, who, method, path, xml=False, headers=None, **kwargs):
    sent = {"Authorization": f"bearer {server.tokens[who]}", **(headers or {})}
    if xml:
        sent["Accept"] = "application/xml"
    return requests.request(method, server.url + path, headers=sent, timeout=30, **kwargs)


def photo(server, name, seed):
    path = media_tools.jpeg(os.path.join(server.work, name), 320, 240, seed=seed)
    with open(path, "rb") as f:
        return base64.b64encode(f.read()).decode()


@pytest.fixture(scope="module")
def albums(server):
    made = []
    for name, seed in (("Studio & <Co>", 1), ("Backstage", 2)):
        answer = call(server, "alice", "POST", "/v1/Pictures/CreateAlbum",
                      json={"Name": name, "Description": f"All of {name}"})
        assert answer.status_code == 200, answer.text
        album = answer.json()["AlbumID"]
        added = call(server, "alice", "POST", "/v1/Pictures/AddPictures",
                     json={"AlbumID": album, "Pictures": [
                         {"Title": f"{name} {n}", "Image": photo(server, f"{seed}-{n}.jpg", seed * 10 + n)}
                         for n in range(2)]})
        assert added.status_code == 200 and len(added.json()["PictureIDs"]) == 2, added.text
        made.append(album)
    server.cli("subscription", "add", "--owner", "alice", "--subscriber", "carol")
    return made


def children(element):
    return [child.tag.split("}")[1] for child in element]


def test_get_albums_xml_is_what_datacontract_writes(server, albums):
    answer = call(server, "carol", "GET", f"/v1/Pictures/GetAlbums?UserID={server.ids['alice']}&ReturnPictureIDs=true",
                  xml=True)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/xml")
    text = answer.text
    assert text.startswith('<ArrayOfPictureAlbum xmlns:i="%s" xmlns="%s">' % (INSTANCE, MODELS))
    root = ET.fromstring(answer.content)
    assert root.tag == f"{{{MODELS}}}ArrayOfPictureAlbum"
    assert [child.tag for child in root] == [f"{{{MODELS}}}PictureAlbum"] * 2
    for album in root:
        assert children(album) == sorted(SEED_KEYS), "DataContract's alphabetical order"
        ids = album.find(f"{{{MODELS}}}PictureIDs")
        assert [child.tag for child in ids] == [f"{{{ARRAYS}}}int"] * 2
        assert all(int(child.text) > 0 for child in ids)
        assert album.find(f"{{{MODELS}}}ThumbSafe").text == "true"
        thumb = album.find(f"{{{MODELS}}}ThumbUrl").text
        fetched = requests.get(thumb, timeout=30)
        assert fetched.status_code == 200 and fetched.headers["Content-Type"] == "image/jpeg"
    assert 'xmlns:d3p1="%s"' % ARRAYS in text and "<d3p1:int>" in text
    names = [album.find(f"{{{MODELS}}}AlbumName").text for album in root]
    assert names == ["Studio & <Co>", "Backstage"], "escaped on the wire, the same text once parsed"
    sequences = [int(album.find(f"{{{MODELS}}}Sequence").text) for album in root]
    assert sequences == [0, 1]


def test_a_stranger_gets_nil_thumbs_and_nothing_private(server, albums):
    alice = server.ids["alice"]
    answer = call(server, "bob", "GET", f"/v1/Pictures/GetAlbums?UserID={alice}", xml=True)
    assert answer.status_code == 200
    root = ET.fromstring(answer.content)
    assert list(root) == [], "alice's albums are private: a stranger is listed none"
    assert answer.text == '<ArrayOfPictureAlbum xmlns:i="%s" xmlns="%s"/>' % (INSTANCE, MODELS)
    gallery = call(server, "bob", "GET", f"/v1/Pictures/GetGallery?UserID={alice}").json()
    assert gallery["PicturesTotal"] == 0 and gallery["Pictures"] == []
    carol = call(server, "carol", "GET", f"/v1/Pictures/GetGallery?UserID={alice}&PageSize=3").json()
    assert carol["PicturesTotal"] == 4 and carol["PageCount"] == 2 and len(carol["Pictures"]) == 3
    nil = ET.fromstring(call(server, "alice", "GET", f"/v1/Pictures/GetAlbums?UserID={alice}", xml=True).content)
    ids = nil[0].find(f"{{{MODELS}}}PictureIDs")
    assert ids.get(f"{{{INSTANCE}}}nil") == "true" and len(ids) == 0


def test_json_keys_in_the_seeds_order_and_masking(server, albums):
    alice = server.ids["alice"]
    answer = call(server, "alice", "GET", f"/v1/pictures/getalbums?userid={alice}")
    assert answer.status_code == 200
    listed = json.loads(answer.text, object_pairs_hook=lambda pairs: pairs)
    assert [key for key, _ in listed[0]] == SEED_KEYS
    masked = call(server, "alice", "GET", f"/v1/Pictures/GetAlbums?UserID={alice}",
                  headers={"X-MaskImages": "1"}).json()
    # Nothing is flagged NSFW here: masking changes nothing.
    assert all(".thumb.jpg" in album["ThumbUrl"] and album["ThumbSafe"] for album in masked)


def test_errors_in_both_formats(server, albums):
    alice = server.ids["alice"]
    nothing = requests.get(f"{server.url}/v1/Pictures/GetAlbums?UserID={alice}",
                           headers={"Accept": "text/xml"}, timeout=10)
    assert nothing.status_code == 401 and nothing.headers["Content-Type"].startswith("text/xml")
    error = ET.fromstring(nothing.content)
    assert error.tag == "Error" and error.find("Message").text == "Authorization has been denied for this request."
    missing = call(server, "bob", "GET", "/v1/Pictures/GetAlbums")
    assert missing.status_code == 400 and missing.json() == {"Message": "UserID is required."}
    group = call(server, "bob", "GET", f"/v1/Groups/Pictures/GetAlbums?UserID={alice}", xml=True)
    assert group.status_code == 403
    assert ET.fromstring(group.content).find("Message").text == "UserID is not a member of a group you manage."
    assert call(server, "bob", "GET", f"/v1/Pictures/GetAlbums?UserID={alice}",
                headers={"Accept": "image/png"}).status_code == 406
    unknown = call(server, "bob", "GET", "/v1/Pictures/GetAlbums?UserID=987654", xml=True)
    assert unknown.status_code == 200 and list(ET.fromstring(unknown.content)) == []
    # A developer key beside the token must be valid; the free gallery takes a key alone.
    assert call(server, "bob", "GET", f"/v1/Pictures/GetAlbums?UserID={alice}&apiKey=wrong").status_code == 401
    assert call(server, "bob", "GET", f"/v1/Pictures/GetAlbums?UserID={alice}&apiKey={server.key}").status_code == 200
    free = requests.get(f"{server.url}/v1/Pictures/GetFreeGallery?UserID={alice}",
                        headers={"X-API-Key": server.key}, timeout=10)
    assert free.status_code == 200 and free.json()["PicturesTotal"] == 0


def test_a_picture_that_is_not_an_image_is_named_and_the_others_kept(server, albums):
    text = base64.b64encode(b"not a picture at all").decode()
    answer = call(server, "alice", "POST", "/v1/Pictures/AddFreePictures", json={"Pictures": [
        {"Title": "Words", "Image": text}, {"Title": "Sky", "Image": photo(server, "sky.jpg", 77)}]})
    assert answer.status_code == 200
    body = answer.json()
    assert len(body["PictureIDs"]) == 1
    assert body["Failures"] == [{"Index": 0, "Title": "Words", "Message": "Files of type text/plain are not accepted."}]
    free = call(server, "bob", "GET", f"/v1/Pictures/GetFreeGallery?UserID={server.ids['alice']}").json()
    assert [picture["Title"] for picture in free["Pictures"]] == ["Sky"]
    assert requests.get(free["Pictures"][0]["PictureURL"], timeout=30).status_code == 200


def test_the_subscription_command(server, albums):
    assert server.cli("subscription", "list", "--owner", "alice") == "carol"
    server.cli("subscription", "remove", "--owner", "alice", "--subscriber", "carol")
    assert server.cli("subscription", "list", "--owner", "alice") == ""
    gone = call(server, "carol", "GET", f"/v1/Pictures/GetAlbums?UserID={server.ids['alice']}").json()
    assert gone == []
    failed = subprocess.run([BIN, "subscription", "add", "--owner", "alice", "--subscriber", "nobody"],
                            env=server.env, capture_output=True, text=True, timeout=60)
    assert failed.returncode != 0 and "There is no user called nobody." in failed.stderr
    server.cli("subscription", "add", "--owner", "alice", "--subscriber", "carol")
