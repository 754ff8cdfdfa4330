"""Seed 001's group manager in a real Chromium through nginx: an administrator makes a group
with a manager and a member on the admin pages; the manager switches to the member ("Manage
as"), uploads a photo on the upload page, and the member finds it in their own library with a
line saying who added it. Screenshots of the banner and of /settings/gallery, light and dark."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import media_tools
from albumen_server import Server
from test_album_browser import chromium, thumbnails_loaded, tile_ids, wait
from test_share_browser import both_schemes, main_text

PASSWORD = "correct horse"


def sign_in(driver, server, username, password=PASSWORD):
    driver.get(server.url + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(driver, lambda d: d.current_url.rstrip("/") == server.url)


def test_a_manager_uploads_for_a_member_who_then_sees_it():
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        for name in ("mona", "alice"):
            server.cli("user", "add", "--username", name, "--password", PASSWORD)
        admin, manager, member = chromium(), chromium(), chromium()
        try:
            # The administrator makes the group on /admin/groups.
            sign_in(admin, server, "admin", server.first_admin_password)
            admin.get(server.url + "/admin/groups")
            admin.find_element(By.ID, "group-name").send_keys("Agency")
            admin.find_element(By.ID, "group-manager").send_keys("mona")
            admin.find_element(By.CSS_SELECTOR, "#new-group-heading ~ form button").click()
            wait(admin, lambda d: "Made the group Agency." in main_text(d))
            add = admin.find_element(By.CSS_SELECTOR, "section[aria-label='Group Agency'] form.inline")
            add.find_element(By.NAME, "username").send_keys("alice")
            add.find_element(By.TAG_NAME, "button").click()
            wait(admin, lambda d: "Added alice to the group." in main_text(d))

            # The manager switches to alice and uploads a photo on the upload page.
            sign_in(manager, server, "mona")
            both_schemes(manager, "manage-as-switch")
            Select(manager.find_element(By.ID, "manage-member")).select_by_visible_text("alice")
            manager.find_element(By.CSS_SELECTOR, ".manage-as button").click()
            wait(manager, lambda d: d.find_elements(By.CSS_SELECTOR, ".acting"))
            banner = manager.find_element(By.CSS_SELECTOR, ".acting").text
            assert "You are managing alice’s library as mona" in banner
            photo = media_tools.jpeg(os.path.join(server.dir, "for-alice.jpg"), 1200, 800, seed=7)
            manager.get(server.url + "/upload")
            assert manager.find_elements(By.CSS_SELECTOR, ".acting"), "the banner is on every page"
            manager.find_element(By.ID, "files").send_keys(photo)
            manager.find_element(By.ID, "upload-button").click()
            wait(manager, lambda d: "1 file uploaded." in d.page_source or d.find_elements(
                By.CSS_SELECTOR, ".results li.ok, #queue li.ok"), seconds=60)
            manager.get(server.url + "/")
            wait(manager, thumbnails_loaded)
            assert len(tile_ids(manager)) == 1
            both_schemes(manager, "manage-as-banner")

            # Stopping brings the manager back to their own, empty library.
            manager.find_element(By.CSS_SELECTOR, ".acting button").click()
            wait(manager, lambda d: "You are back in your own library." in main_text(d))
            assert not manager.find_elements(By.CSS_SELECTOR, ".acting")
            assert tile_ids(manager) == []

            # alice sees the photo in her library, and who added it.
            sign_in(member, server, "alice")
            wait(member, thumbnails_loaded)
            assert len(tile_ids(member)) == 1
            assert "mona added 1 item for you in the last 30 days." in main_text(member)

            # Her private gallery's page: she lets mona see it.
            member.get(server.url + "/settings/gallery")
            member.find_element(By.ID, "subscriber").send_keys("mona")
            member.find_element(By.CSS_SELECTOR, "#subscriber ~ button").click()
            wait(member, lambda d: "mona now sees your private gallery." in main_text(d))
            both_schemes(member, "settings-gallery")
        finally:
            for driver in (admin, manager, member):
                driver.quit()
