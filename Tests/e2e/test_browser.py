"""A real headless Chromium through real nginx: what a person does first."""
import os
import time

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import media_tools
from albumen_server import Server

ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts")


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def text_of(driver, by, value):
    """The element's text once the page that has it has loaded (navigation replaces nodes)."""
    return WebDriverWait(driver, 10, ignored_exceptions=(
        NoSuchElementException, StaleElementReferenceException, WebDriverException)).until(
        lambda d: d.find_element(by, value).text)


def shot(driver, name, width, height):
    os.makedirs(ARTIFACTS, exist_ok=True)
    driver.set_window_size(width, height)
    driver.save_screenshot(os.path.join(ARTIFACTS, name))


def test_sign_in_see_the_library_and_sign_out(browser):
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        server.cli("user", "add", "--username", "alice", "--password", "correct horse")
        key = server.cli("key", "create", "--user", "alice")
        for i in range(3):
            photo = media_tools.jpeg(os.path.join(server.dir, f"p{i}.jpg"), 1200, 800, seed=60 + i)
            with open(photo, "rb") as f:
                requests.post(server.url + "/api/media", headers={"X-API-Key": key}, files={"file": f})

        browser.get(server.url + "/")
        assert browser.current_url.endswith("/login")
        shot(browser, "login-desktop.png", 1200, 800)
        browser.find_element(By.ID, "username").send_keys("alice")
        browser.find_element(By.ID, "password").send_keys("wrong password")
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        assert text_of(browser, By.ID, "login-error") == "Invalid username or password."

        browser.find_element(By.ID, "password").send_keys("correct horse")
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(browser, 10).until(lambda d: d.current_url.rstrip("/") == server.url)
        assert text_of(browser, By.TAG_NAME, "h1") == "Your library"
        images = browser.find_elements(By.CSS_SELECTOR, ".grid img")
        assert len(images) == 3
        deadline = time.time() + 5
        while time.time() < deadline and not all(browser.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", img) for img in images):
            time.sleep(0.1)
        assert all(browser.execute_script("return arguments[0].naturalWidth", img) > 0 for img in images)
        shot(browser, "library-desktop.png", 1200, 800)
        shot(browser, "library-phone.png", 390, 844)

        browser.find_element(By.CSS_SELECTOR, ".signout button").click()
        WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/login"))
        browser.get(server.url + "/")
        assert browser.current_url.endswith("/login")
