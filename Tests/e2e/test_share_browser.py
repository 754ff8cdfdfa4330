"""Sharing in real headless Chromium through real nginx, with separate browser sessions: the
owner shares an album view-once with bob, who opens it, sees the countdown and the photos,
reloads (still open), and after the window (the clock moved with /_debug/clock) sees it
expired; the owner makes a password link with a view limit of 2, which an anonymous browser
opens twice and is refused the third time. Screenshots of the share panel, "Shared with me" and
the link page at phone and desktop sizes are kept in Tests/e2e/artifacts/."""
import os

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import media_tools
from albumen_server import Server
from test_album_browser import chromium, shots, thumbnails_loaded, wait

PASSWORD = "correct horse"


def sign_in(driver, server, username):
    driver.get(server.url + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(driver, lambda d: d.current_url.rstrip("/") == server.url)


def open_panel(driver, panel_id):
    panel = driver.find_element(By.ID, panel_id)
    if not panel.get_attribute("open"):
        panel.find_element(By.TAG_NAME, "summary").click()
    return panel


def both_schemes(driver, name):
    """Screenshots at desktop and phone sizes, in light and in dark."""
    shots(driver, name)
    dark = {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", dark)
    shots(driver, name + "-dark")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def test_share_view_once_and_a_password_link_in_three_browsers():
    # These tests move Albumen's clock (/_debug/clock) past URL expiries; nginx's own check of
    # media URLs keeps real time, so here Albumen checks them all.
    with Server(max_upload="64M", nginx_max_body="80m",
                extra_env={"ALBUMEN_NGINX_MEDIA": "app"}) as server:
        for name in ("alice", "bob"):
            server.cli("user", "add", "--username", name, "--password", PASSWORD)
        owner, recipient, visitor = chromium(), chromium(), chromium()
        try:
            # The owner makes an album of two photos (through the plain upload form).
            sign_in(owner, server, "alice")
            owner.find_element(By.ID, "new-album-name").send_keys("Lisbon")
            owner.find_element(By.CSS_SELECTOR, ".new-album button").click()
            wait(owner, lambda d: "/album/" in d.current_url)
            album_url = owner.current_url
            photos = [media_tools.jpeg(os.path.join(server.dir, f"lisbon{i}.jpg"), 1600, 1067, seed=40 + i)
                      for i in range(2)]
            owner.get(server.url + "/upload")
            owner.find_element(By.ID, "files").send_keys("\n".join(photos))
            Select(owner.find_element(By.ID, "album")).select_by_visible_text("Lisbon")
            owner.find_element(By.ID, "upload-button").click()
            wait(owner, lambda d: "2 files uploaded." in d.page_source or len(
                d.find_elements(By.CSS_SELECTOR, ".results li.ok, #queue li.ok")) == 2, seconds=60)

            # Share it view-once with bob from the album page's share panel.
            owner.get(album_url)
            panel = open_panel(owner, "sharing")
            panel.find_element(By.ID, "share-username").send_keys("bob")
            Select(panel.find_element(By.ID, "share-expiration")).select_by_value("ONCE")
            panel.find_element(By.CSS_SELECTOR, ".share-form button").click()
            wait(owner, lambda d: "not opened yet" in d.find_element(By.ID, "sharing").text)
            assert "Shared with bob: view once (30 minutes)." in main_text(owner)
            owner.execute_script("document.getElementById('sharing').scrollIntoView()")
            both_schemes(owner, "share-panel")

            # Bob: his inbox, then the album, which asks first.
            sign_in(recipient, server, "bob")
            recipient.find_element(By.LINK_TEXT, "Shared with me").click()
            wait(recipient, lambda d: "Shared by alice" in main_text(d))
            assert "New" in main_text(recipient) and recipient.find_elements(By.CSS_SELECTOR, ".cover.blurred img")
            both_schemes(recipient, "shared-with-me")
            recipient.find_element(By.CSS_SELECTOR, ".inbox a").click()
            wait(recipient, lambda d: "You can open this once, for 30 minutes" in main_text(d))
            both_schemes(recipient, "shared-view-once-question")
            recipient.find_element(By.CSS_SELECTOR, ".confirm-open button").click()
            wait(recipient, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-countdown]"))
            wait(recipient, thumbnails_loaded)
            assert len(recipient.find_elements(By.CSS_SELECTOR, "#gallery .tile img")) == 2
            countdown = recipient.find_element(By.CSS_SELECTOR, "[data-countdown]").text
            assert countdown.startswith(("29:", "30:")), countdown
            both_schemes(recipient, "shared-album-open")

            # A reload inside the window: still open, still the photos.
            recipient.refresh()
            wait(recipient, thumbnails_loaded)
            assert recipient.find_elements(By.CSS_SELECTOR, "[data-countdown]")
            assert len(recipient.find_elements(By.CSS_SELECTOR, "#gallery .tile img")) == 2

            # After the window: expired, no media.
            assert requests.post(f"{server.url}/_debug/clock?advance={31 * 60}", timeout=10).status_code == 200
            recipient.refresh()
            wait(recipient, lambda d: "This album has expired" in main_text(d))
            assert not recipient.find_elements(By.CSS_SELECTOR, "main img")
            recipient.get(server.url + "/shared")
            assert "Expired" in main_text(recipient)

            # The owner makes a link with a password and a view limit of 2.
            owner.get(album_url)
            panel = open_panel(owner, "link")
            panel.find_element(By.CSS_SELECTOR, "button[value=on]").click()
            wait(owner, lambda d: d.find_elements(By.ID, "link-url"))
            owner.find_element(By.ID, "link-password").send_keys("sesame street")
            owner.find_element(By.ID, "link-views").send_keys("2")
            owner.find_element(By.CSS_SELECTOR, "button[value=save]").click()
            wait(owner, lambda d: "Protected by a password." in d.find_element(By.ID, "link").text)
            link = owner.find_element(By.ID, "link-url").get_attribute("value")
            owner.execute_script("document.getElementById('link').scrollIntoView()")
            both_schemes(owner, "link-panel")

            # An anonymous browser opens it twice with the password…
            for n in (1, 2):
                visitor.delete_all_cookies()
                visitor.get(link)
                assert "protected by a password" in main_text(visitor)
                visitor.find_element(By.ID, "link-password").send_keys("sesame street")
                visitor.find_element(By.CSS_SELECTOR, "main form button").click()
                wait(visitor, lambda d: d.find_elements(By.CSS_SELECTOR, "#gallery .tile img"))
                wait(visitor, thumbnails_loaded)
                assert "Lisbon" in visitor.find_element(By.TAG_NAME, "h1").text
                if n == 1:
                    both_schemes(visitor, "link-page")
            # …and is refused the third time, with the page of a link that never existed.
            visitor.delete_all_cookies()
            visitor.get(link)
            refused = main_text(visitor)
            visitor.get(server.url + "/s/" + "x" * 32)
            assert "404" in refused and refused == main_text(visitor)
            owner.refresh()
            assert "Opened 2 of 2 times." in owner.find_element(By.ID, "link").text
        finally:
            for driver in (owner, recipient, visitor):
                driver.quit()
