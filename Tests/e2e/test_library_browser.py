"""Issue 14's library in real headless Chromium through real nginx: selecting in the library
and adding to a new album, the timeline's month headings and jump, search by tag, camera and
year, the lightbox's info panel, a favourite, a swipe on a touch-emulated phone, an album's ZIP
(entries byte for byte the uploaded files), delete → trash → restore, and the inline error after
Move with nothing ticked. Screenshots of the library, an album, the lightbox with its info and
search, at desktop and phone sizes, light and dark, are kept in Tests/e2e/artifacts/."""
import io
import os
import re
import zipfile

import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import media_tools
from albumen_server import Server
from test_album_browser import PHONE, DESKTOP, chromium, thumbnails_loaded, wait
from test_share_browser import both_schemes, main_text, sign_in


def session_of(driver):
    """A requests session holding the browser's cookies (uploads and downloads go faster so)."""
    session = requests.Session()
    for cookie in driver.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    return session


def upload(session, server, files, tags=""):
    page = session.get(server.url + "/upload")
    token = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    handles = [("file", (os.path.basename(path), open(path, "rb"), "image/jpeg")) for path in files]
    response = session.post(
        server.url + "/upload", data={"_csrf": token, "tags": tags, "album": ""}, files=handles,
        headers={"Accept": "text/html"})
    for _, (_, handle, _) in handles:
        handle.close()
    assert response.status_code == 200, response.text
    return response


def tiles(driver):
    return [tile.get_attribute("data-id") for tile in driver.find_elements(By.CSS_SELECTOR, "#items .tile")]


def tile_named(driver, alt):
    return driver.find_element(By.CSS_SELECTOR, f'#items .tile img[alt="{alt}"]').find_element(By.XPATH, "../..")


def flash(driver):
    found = driver.find_elements(By.CSS_SELECTOR, ".flash")
    return found[0].text if found else ""


def contrast(foreground, background):
    def luminance(rgb):
        values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    a, b = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_a_library_people_keep():
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        server.cli("user", "add", "--username", "alice", "--password", "correct horse")
        browser = chromium()
        try:
            sign_in(browser, server, "alice")
            session = session_of(browser)
            tram = media_tools.jpeg(os.path.join(server.dir, "tram.jpg"), 1600, 1067, seed=71)
            media_tools.exif(tram, "-Make=FUJIFILM", "-Model=X-T4", "-DateTimeOriginal=2019:07:14 10:00:00",
                             "-GPSLatitude=38.7223", "-GPSLatitudeRef=N", "-GPSLongitude=9.1393",
                             "-GPSLongitudeRef=W", "-FNumber=2.8", "-ISO=400")
            beach = media_tools.jpeg(os.path.join(server.dir, "beach.jpg"), 1200, 800, seed=72)
            media_tools.exif(beach, "-DateTimeOriginal=2021:03:02 16:30:00")
            others = [media_tools.jpeg(os.path.join(server.dir, f"street{i}.jpg"), 900, 600, seed=73 + i)
                      for i in range(3)]
            upload(session, server, [tram], tags="lisbon, tram")
            upload(session, server, [beach], tags="sea")
            upload(session, server, others)

            # The timeline: a heading per month of the date taken, newest first; the jump.
            browser.get(server.url + "/")
            wait(browser, thumbnails_loaded)
            headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.month h3")]
            assert headings[-2:] == ["March 2021", "July 2019"], headings
            Select(browser.find_element(By.ID, "jump-month")).select_by_value("2019-07")
            wait(browser, lambda d: "month=2019-07" in d.current_url)
            wait(browser, lambda d: d.execute_script(
                "const r = document.getElementById('m-2019-07').getBoundingClientRect();"
                "return r.top >= -1 && r.top < window.innerHeight"))
            browser.get(server.url + "/")
            wait(browser, thumbnails_loaded)
            both_schemes(browser, "library-timeline")

            # Select two in the library (select mode, a click, then shift-click for the range) and
            # add them to a new album.
            browser.find_element(By.CSS_SELECTOR, "[data-select-mode]").click()
            boxes = browser.find_elements(By.CSS_SELECTOR, '#items .tile input[name="item"]')
            boxes[0].click()
            ActionChains(browser).key_down(Keys.SHIFT).click(boxes[1]).key_up(Keys.SHIFT).perform()
            wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".selected-count").text == "(2 selected)")
            chosen = [box.get_attribute("value") for box in boxes[:2]]
            Select(browser.find_element(By.ID, "add-to")).select_by_value("new")
            browser.find_element(By.ID, "new-album").send_keys("Street")
            browser.find_element(By.CSS_SELECTOR, "button[value=add]").click()
            wait(browser, lambda d: "Added 2 items to Street." in flash(d))
            browser.find_element(By.LINK_TEXT, "Street").click()
            wait(browser, lambda d: "/album/" in d.current_url)
            album_url = browser.current_url
            assert sorted(tiles(browser)) == sorted(chosen)

            # Move with nothing ticked: said inline, on the same page.
            browser.find_element(By.CSS_SELECTOR, "button[value=move]").click()
            wait(browser, lambda d: "Tick at least one photo or video first." in flash(d))
            assert browser.current_url == album_url
            wait(browser, thumbnails_loaded)
            both_schemes(browser, "library-album")
            # Dark mode's danger buttons reach 4.5:1.
            browser.execute_cdp_cmd(
                "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
            colours = browser.execute_script(
                "const s = getComputedStyle(document.querySelector('button.danger')); return [s.color, s.backgroundColor]")
            assert contrast(*colours) >= 4.5, colours
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

            # The album's ZIP: its entries are the uploaded files, byte for byte.
            code = album_url.rsplit(".", 1)[1]
            archive = session.get(server.url + f"/album/{code}/zip")
            assert archive.status_code == 200 and archive.headers["Content-Type"] == "application/zip"
            with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
                names = z.namelist()
                assert len(names) == 2 and len(set(names)) == 2, names
                uploaded = {os.path.basename(p): open(p, "rb").read() for p in [tram, beach] + others}
                for name in names:
                    assert z.read(name) == uploaded[name], name

            # Delete one (to the trash), then restore it from the Trash view.
            gone = tiles(browser)[0]
            browser.find_element(By.CSS_SELECTOR, "[data-select-mode]").click()
            browser.find_element(By.CSS_SELECTOR, f'input[name=item][value="{gone}"]').click()
            browser.find_element(By.CSS_SELECTOR, "button[value=trash]").click()
            wait(browser, lambda d: "to the trash" in flash(d))
            assert gone not in tiles(browser)
            browser.get(server.url + "/trash")
            assert tiles(browser) == [gone]
            browser.find_element(By.CSS_SELECTOR, "[data-select-mode]").click()
            browser.find_element(By.CSS_SELECTOR, f'input[name=item][value="{gone}"]').click()
            browser.find_element(By.CSS_SELECTOR, "button[value=restore]").click()
            wait(browser, lambda d: "Restored 1 item." in flash(d))
            browser.get(album_url)
            assert gone in tiles(browser)

            # Search by tag, by camera, by year.
            for query, expected in (("lisbon", "tram"), ("x-t4", "tram"), ("2021", "beach")):
                browser.get(server.url + "/")
                box = browser.find_element(By.ID, "search-q")
                box.send_keys(query)
                box.send_keys(Keys.RETURN)
                wait(browser, lambda d: "/search?q=" in d.current_url)
                found = [img.get_attribute("alt") for img in browser.find_elements(By.CSS_SELECTOR, "#items .tile img")]
                assert found == [expected], (query, found)
            wait(browser, thumbnails_loaded)
            both_schemes(browser, "library-search")

            # The lightbox: "i" opens the info panel (camera, exposure, the owner's location),
            # "f" makes a favourite, and the Favourites view shows it.
            browser.get(server.url + "/search?q=tram")
            tile_named(browser, "tram").find_element(By.TAG_NAME, "a").click()
            box = browser.find_element(By.CSS_SELECTOR, "dialog.lightbox")
            wait(browser, lambda d: box.get_attribute("open") is not None)
            ActionChains(browser).send_keys("i").perform()
            wait(browser, lambda d: "X-T4" in d.find_element(By.CSS_SELECTOR, ".info-panel").text)
            info = browser.find_element(By.CSS_SELECTOR, ".info-panel").text
            assert "Location" in info and "f/2.8" in info and "ISO 400" in info, info
            wait(browser, lambda d: d.execute_script(
                "const i = document.querySelector('.lightbox .stage img'); return i && i.complete && i.naturalWidth > 0"))
            both_schemes(browser, "library-lightbox-info")
            ActionChains(browser).send_keys("f").perform()
            wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".lightbox-tools .fav")
                 .get_attribute("aria-pressed") == "true")
            ActionChains(browser).send_keys(Keys.ESCAPE).perform()
            browser.get(server.url + "/favourites")
            assert [img.get_attribute("alt") for img in browser.find_elements(By.CSS_SELECTOR, "#items .tile img")] \
                == ["tram"]
            assert "♥" in browser.execute_script(
                "return getComputedStyle(document.querySelector('.tile.favourite'), '::before').content")

            # A swipe on a phone: touch events (no mouse) move the lightbox to the next item.
            browser.set_window_size(*PHONE)
            browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
            browser.get(server.url + "/")
            wait(browser, thumbnails_loaded)
            browser.execute_script("document.querySelector('#items .tile > a').click()")
            wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".lightbox .counter").text.startswith("1 / "))
            touch = lambda kind, x: browser.execute_cdp_cmd(  # noqa: E731
                "Input.dispatchTouchEvent",
                {"type": kind, "touchPoints": [] if kind == "touchEnd" else [{"x": x, "y": 420}]})
            touch("touchStart", 320)
            for x in (280, 220, 160, 100):
                touch("touchMove", x)
            touch("touchEnd", 100)
            wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".lightbox .counter").text.startswith("2 / "))
            browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
            browser.set_window_size(*DESKTOP)
            assert "Your library" in main_text(browser)
        finally:
            browser.quit()
