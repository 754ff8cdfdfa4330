"""A person organising photos in a real headless Chromium through real nginx: an album, uploads by
drag and drop and by the plain form, the lightbox, reordering, moving, deleting."""
import base64
import os
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import media_tools
from albumen_server import Server
from test_browser import ARTIFACTS

DESKTOP = (1280, 900)
PHONE = (390, 844)


def chromium(scripts=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    if not scripts:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(*DESKTOP)
    return driver


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def wait(driver, condition, seconds=20):
    # A condition read while the page is being replaced (a form's redirect) finds elements of
    # the old page gone: that is "not yet", not a failure. Chromium says so either as a stale
    # element or, mid-navigation, as a node that "does not belong to the document".
    def check(d):
        try:
            return condition(d)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    return WebDriverWait(driver, seconds, ignored_exceptions=[StaleElementReferenceException]).until(check)


def shots(driver, name):
    """The page at desktop and phone widths, then back to desktop."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        driver.set_window_size(*size)
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(ARTIFACTS, f"{name}-{label}.png"))
    driver.set_window_size(*DESKTOP)


def sign_in(driver, server):
    driver.get(server.url + "/login")
    driver.find_element(By.ID, "username").send_keys("alice")
    driver.find_element(By.ID, "password").send_keys("correct horse")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait(driver, lambda d: d.current_url.rstrip("/") == server.url)


def tile_ids(driver):
    return [tile.get_attribute("data-id") for tile in driver.find_elements(By.CSS_SELECTOR, ".grid .tile")]


def thumbnails_loaded(driver):
    images = driver.find_elements(By.CSS_SELECTOR, ".grid .tile img")
    return images and all(driver.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", img) for img in images)


DROP_FILES = """
const [zone, files] = arguments;
const transfer = new DataTransfer();
for (const [name, data] of files) {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  transfer.items.add(new File([bytes], name, { type: "image/jpeg" }));
}
for (const type of ["dragenter", "dragover", "drop"]) {
  zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
}
"""


def test_organise_an_album_in_the_browser(browser):
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        server.cli("user", "add", "--username", "alice", "--password", "correct horse")
        photos = [media_tools.jpeg(os.path.join(server.dir, f"drop{i}.jpg"), 2400, 1600, seed=80 + i)
                  for i in range(3)]
        plain = media_tools.jpeg(os.path.join(server.dir, "plain.jpg"), 900, 600, seed=90)

        # Sign in and create an album from the library.
        sign_in(browser, server)
        browser.find_element(By.ID, "new-album-name").send_keys("Holiday <2026>")
        browser.find_element(By.CSS_SELECTOR, ".new-album button").click()
        wait(browser, lambda d: "/album/" in d.current_url)
        assert browser.find_element(By.TAG_NAME, "h1").text == "Holiday <2026>"
        album_url = browser.current_url

        # Three photos by drag and drop, slowed down so the progress bars can be seen.
        browser.find_element(By.CSS_SELECTOR, "a.button").click()
        wait(browser, lambda d: d.current_url.startswith(server.url + "/upload"))
        assert Select(browser.find_element(By.ID, "album")).first_selected_option.text == "Holiday <2026>"
        browser.set_network_conditions(offline=False, latency=5, upload_throughput=3_000_000,
                                       download_throughput=50_000_000)
        files = []
        for path in photos:
            with open(path, "rb") as f:
                files.append([os.path.basename(path), base64.b64encode(f.read()).decode()])
        browser.execute_script(DROP_FILES, browser.find_element(By.ID, "dropzone"), files)
        wait(browser, lambda d: 0 < d.execute_script(
            "return document.getElementById('total-progress').value") < 100)
        shots(browser, "upload-in-progress")
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#queue li.ok")) == 3, seconds=60)
        browser.delete_network_conditions()
        assert "3 files uploaded." in browser.find_element(By.ID, "upload-done").text
        assert browser.find_element(By.ID, "total-progress").get_attribute("value") == "100"

        # One more by the plain form, in a browser without scripts.
        plain_browser = chromium(scripts=False)
        try:
            sign_in(plain_browser, server)
            plain_browser.get(server.url + "/upload")
            plain_browser.find_element(By.ID, "files").send_keys(plain)
            Select(plain_browser.find_element(By.ID, "album")).select_by_visible_text("Holiday <2026>")
            plain_browser.find_element(By.ID, "title").send_keys("Plain form")
            plain_browser.find_element(By.ID, "upload-button").click()
            wait(plain_browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".results li.ok"))
            assert "plain.jpg: uploaded" in plain_browser.find_element(By.CSS_SELECTOR, ".results").text
        finally:
            plain_browser.quit()

        # The album shows four thumbnails.
        browser.get(album_url)
        assert len(tile_ids(browser)) == 4
        wait(browser, thumbnails_loaded)
        shots(browser, "album")

        # The lightbox: opens on a click, arrow keys move, Escape closes and focus comes back.
        first = browser.find_elements(By.CSS_SELECTOR, "#gallery .tile > a")[0]
        first_title = first.find_element(By.TAG_NAME, "img").get_attribute("alt")
        first.click()
        box = browser.find_element(By.CSS_SELECTOR, "dialog.lightbox")
        wait(browser, lambda d: box.get_attribute("open") is not None)
        wait(browser, lambda d: d.execute_script(
            "const i = document.querySelector('.lightbox .stage img'); return i && i.complete && i.naturalWidth > 0"))
        assert browser.find_element(By.CSS_SELECTOR, ".lightbox .caption a").text == first_title
        large = browser.execute_script("return document.querySelector('.lightbox .stage img').naturalWidth")
        assert large == 1280  # the medium derivative of a 2400 px photo
        shots(browser, "lightbox")
        ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
        second_title = browser.find_elements(By.CSS_SELECTOR, "#gallery .tile img")[1].get_attribute("alt")
        wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".lightbox .caption a").text == second_title)
        ActionChains(browser).send_keys(Keys.ESCAPE).perform()
        wait(browser, lambda d: box.get_attribute("open") is None)
        assert browser.switch_to.active_element == first

        # Drag the first photo after the third by its handle; the order survives a reload.
        before = tile_ids(browser)
        handles = browser.find_elements(By.CSS_SELECTOR, "#gallery .handle")
        third = browser.find_elements(By.CSS_SELECTOR, "#gallery .tile")[2]
        ActionChains(browser).click_and_hold(handles[0]).move_by_offset(5, 5).move_to_element(third) \
            .move_by_offset(10, 0).release().perform()
        wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".order-status").text == "Order saved.")
        after = tile_ids(browser)
        assert after == [before[1], before[2], before[0], before[3]]
        browser.refresh()
        assert tile_ids(browser) == after

        # Move the last item to no album; delete the first (to the trash: no question asked).
        moved = after[3]
        browser.find_element(By.CSS_SELECTOR, "[data-select-mode]").click()
        browser.find_element(By.CSS_SELECTOR, f'input[name=item][value="{moved}"]').click()
        Select(browser.find_element(By.ID, "move-to")).select_by_value("none")
        browser.find_element(By.CSS_SELECTOR, "button[value=move]").click()
        wait(browser, lambda d: len(tile_ids(d)) == 3)
        deleted = after[0]
        browser.find_element(By.CSS_SELECTOR, "[data-select-mode]").click()
        browser.find_element(By.CSS_SELECTOR, f'input[name=item][value="{deleted}"]').click()
        browser.find_element(By.CSS_SELECTOR, "button[value=trash]").click()
        wait(browser, lambda d: tile_ids(d) == after[1:3])

        # The viewer page of one of them.
        browser.find_elements(By.CSS_SELECTOR, "#gallery .tile > a")[0].send_keys(Keys.CONTROL, Keys.RETURN)
        viewer = browser.find_elements(By.CSS_SELECTOR, "#gallery .tile > a")[0].get_attribute("href")
        browser.get(viewer)
        wait(browser, lambda d: d.execute_script(
            "const i = document.querySelector('.viewer-media img'); return i && i.complete && i.naturalWidth > 0"))
        shots(browser, "viewer")

        # Delete the album: its items are found in the library, in no album.
        browser.get(album_url)
        browser.find_element(By.CSS_SELECTOR, ".delete-album button").click()
        browser.switch_to.alert.accept()
        wait(browser, lambda d: d.current_url.endswith("/?view=no-album"))
        assert sorted(tile_ids(browser)) == sorted([moved] + after[1:3])
        wait(browser, thumbnails_loaded)
        browser.get(server.url + "/")
        assert "Holiday" not in browser.find_element(By.CSS_SELECTOR, ".albums").text
        shots(browser, "library")

        browser.find_element(By.CSS_SELECTOR, ".signout button").click()
        wait(browser, lambda d: d.current_url.endswith("/login"))


def test_an_album_made_by_an_upload_joins_the_menu(browser):
    """Uploading into "New album…" with the script: the album it made is listed and chosen, so
    the next files go to it (and no second album of that name is made)."""
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        server.cli("user", "add", "--username", "alice", "--password", "correct horse")
        photos = [media_tools.jpeg(os.path.join(server.dir, f"new{i}.jpg"), 320, 240, seed=60 + i) for i in range(2)]
        browser.delete_all_cookies()
        sign_in(browser, server)
        browser.get(server.url + "/upload")
        Select(browser.find_element(By.ID, "album")).select_by_value("new")
        browser.find_element(By.ID, "new-album").send_keys("Made while uploading")
        browser.find_element(By.ID, "files").send_keys(photos[0])
        browser.find_element(By.ID, "upload-button").click()
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#queue li.ok")) == 1)
        chosen = Select(browser.find_element(By.ID, "album")).first_selected_option
        assert chosen.text == "Made while uploading" and chosen.get_attribute("value") != "new"
        browser.find_element(By.ID, "files").send_keys(photos[1])
        browser.find_element(By.ID, "upload-button").click()
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#queue li.ok")) == 2)
        options = [o.text for o in Select(browser.find_element(By.ID, "album")).options]
        assert options.count("Made while uploading") == 1
