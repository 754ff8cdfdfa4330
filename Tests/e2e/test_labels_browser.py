"""Seed 002's labels in a real Chromium through nginx: photos uploaded with labels on the upload
page show them on their tiles; the album's label bar narrows the grid; the lightbox's info panel
adds a restricted label, which the owner sees marked and a participant never sees; the share
panel makes someone an admin. Screenshots of the album page and the info panel, light and dark."""
import os

import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import media_tools
from albumen_server import Server
from test_album_browser import chromium, shots, thumbnails_loaded, tile_ids, wait
from test_pictures_browser import sign_in
from test_share_browser import both_schemes, main_text, open_panel

PASSWORD = "correct horse"


def test_labels_on_tiles_filters_and_the_info_panel():
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        for name in ("alice", "bob"):
            server.cli("user", "add", "--username", name, "--password", PASSWORD)
        bob_key = server.cli("key", "create", "--user", "bob")
        owner = chromium()
        try:
            sign_in(owner, server, "alice")
            owner.find_element(By.ID, "new-album-name").send_keys("Harbour")
            owner.find_element(By.CSS_SELECTOR, ".new-album button").click()
            wait(owner, lambda d: "/album/" in d.current_url)
            album_url = owner.current_url
            photos = [media_tools.jpeg(os.path.join(server.dir, f"h{i}.jpg"), 1200, 800, seed=60 + i) for i in range(3)]
            for labels, files in (("Sunset, boats", photos[:2]), ("boats", photos[2:])):
                owner.get(server.url + "/upload")
                owner.find_element(By.ID, "files").send_keys("\n".join(files))
                Select(owner.find_element(By.ID, "album")).select_by_visible_text("Harbour")
                owner.find_element(By.ID, "labels").send_keys(labels)
                owner.find_element(By.ID, "upload-button").click()
                wait(owner, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#queue li.ok, .results li.ok")) == len(files),
                     seconds=60)

            # Tiles name their labels; the label bar narrows the grid.
            owner.get(album_url)
            wait(owner, thumbnails_loaded)
            chips = [tile.text for tile in owner.find_elements(By.CSS_SELECTOR, ".grid .tile .tile-labels")]
            assert sorted(chips) == sorted(["Sunset\nboats", "Sunset\nboats", "boats"])
            owner.find_element(By.LINK_TEXT, "Sunset 2").click()
            wait(owner, lambda d: "?label=Sunset" in d.current_url)
            assert len(tile_ids(owner)) == 2
            owner.find_element(By.LINK_TEXT, "Show all").click()
            wait(owner, lambda d: len(tile_ids(d)) == 3)

            # The lightbox's info panel adds a restricted label to the first photo.
            owner.find_element(By.CSS_SELECTOR, ".grid .tile a").click()
            box = owner.find_element(By.CSS_SELECTOR, "dialog.lightbox")
            wait(owner, lambda d: box.get_attribute("open") is not None)
            ActionChains(owner).send_keys("i").perform()
            wait(owner, lambda d: d.find_elements(By.CSS_SELECTOR, ".info-panel #new-label")
                 and d.find_element(By.CSS_SELECTOR, ".info-panel #new-label").is_displayed())
            # Typed "i" and "s" are letters here, not the lightbox's shortcuts.
            owner.find_element(By.CSS_SELECTOR, ".info-panel #new-label").send_keys("client-x is")
            assert owner.find_element(By.CSS_SELECTOR, ".info-panel").is_displayed()
            owner.find_element(By.CSS_SELECTOR, ".info-panel #new-label").clear()
            owner.find_element(By.CSS_SELECTOR, ".info-panel #new-label").send_keys("client-x")
            shots(owner, "lightbox-labels")
            owner.find_element(By.CSS_SELECTOR, ".info-panel input[name=restricted]").click()
            owner.find_element(By.CSS_SELECTOR, ".info-panel form.inline button").click()
            wait(owner, lambda d: "Added the restricted label “client-x”." in main_text(d))
            assert owner.current_url.split("#")[0] == album_url, "the form came back to the album page"
            restricted = owner.find_elements(By.CSS_SELECTOR, ".tile-labels .restricted")
            assert [chip.text for chip in restricted] == ["client-x"]
            both_schemes(owner, "album-labels")
            owner.execute_script("document.getElementById('gallery').scrollIntoView()")
            shots(owner, "album-label-tiles")

            # Shared with bob: as a participant he never sees the restricted label, as an admin he does.
            panel = open_panel(owner, "sharing")
            panel.find_element(By.ID, "share-username").send_keys("bob")
            panel.find_element(By.CSS_SELECTOR, ".share-form button").click()
            wait(owner, lambda d: "Participant" in d.find_element(By.ID, "sharing").text)
            album = requests.get(server.url + "/album/getAlbums", headers={"x-api-key": bob_key}).json()["data"][0]
            photos_seen = requests.get(server.url + f"/album/getPhotos?albumId={album['albumId']}",
                                       headers={"x-api-key": bob_key}).json()["data"]
            assert all("restrictedLabels" not in photo for photo in photos_seen)
            assert "client-x" not in str(photos_seen)
            panel = open_panel(owner, "sharing")
            panel.find_element(By.CSS_SELECTOR, "button[aria-label='Make bob an admin of this album']").click()
            wait(owner, lambda d: "bob is an admin of this album now." in main_text(d))
            photos_seen = requests.get(server.url + f"/album/getPhotos?albumId={album['albumId']}",
                                       headers={"x-api-key": bob_key}).json()["data"]
            assert ["client-x"] in [photo["restrictedLabels"] for photo in photos_seen]

            # bob, now an admin, manages labels on the shared album's page.
            participant = chromium()
            try:
                sign_in(participant, server, "bob")
                participant.get(server.url + "/shared/" + album_url.rsplit(".", 1)[1])
                wait(participant, thumbnails_loaded)
                assert "client-x" in participant.find_element(By.ID, "gallery").text
                participant.find_element(By.CSS_SELECTOR, ".tile .edit-labels").click()
                wait(participant, lambda d: "/labels/" in d.current_url)
                participant.find_element(By.ID, "new-label").send_keys("checked")
                participant.find_element(By.CSS_SELECTOR, "form.inline button").click()
                wait(participant, lambda d: "Added the label “checked”." in main_text(d))
                both_schemes(participant, "shared-labels")
            finally:
                participant.quit()
        finally:
            owner.quit()
