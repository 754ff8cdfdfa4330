"""Album page benchmark (see pages.sh): a signed-in album page of 100 photos through nginx against
the C libfcgi hello in the same run (target ≥ 0.25×, issue 19), and the page's own weight: HTML + CSS + JS
(images excluded; target under 60 KB); then "Shared with me" with 20 albums shared with the
reader (same target). Every loop is bounded; it stops what it starts."""
import os
import re
import shutil
import sys
import tempfile

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import Server  # noqa: E402
import media_tools  # noqa: E402
from media import (  # noqa: E402
    ROUNDS, DURATION, page_upload, page_user, sign_in, start_hello, unique_copy, versus_hello)

ITEMS = int(os.environ.get("ITEMS", "100"))
SHARED = int(os.environ.get("SHARED", "20"))


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-pages-")
    hello, extra = start_hello(work)
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                    extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
            browser, token = page_user(server)
            album = browser.post(server.url + "/albums", data={"_csrf": token, "name": "Benchmark album"})
            album_url = album.url
            code = album_url.rsplit(".", 1)[1]
            # Photos larger than the medium box, so every tile has a srcset with two candidates.
            photo = media_tools.jpeg(os.path.join(work, "photo.jpg"), 1600, 1200)
            for n in range(ITEMS):
                path = unique_copy(photo, os.path.join(work, "p.jpg"), n)
                page_upload(browser, server, token, path, f"photo-{n + 1}.jpg", album=code, title=f"Photo {n + 1}")

            page = browser.get(album_url)
            assert page.status_code == 200 and page.text.count('class="tile"') == ITEMS, page.text[:500]
            assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js)(?:\?v=[0-9a-f]+)?)"', page.text)
            assert len(assets) == 2, assets
            weights = {"HTML": page.content}
            for asset in assets:
                weights[asset] = browser.get(server.url + asset).content
            total = sum(len(body) for body in weights.values())
            # What a browser receives: nginx gzips pages, CSS and JS for clients that accept it.
            wire = {}
            for name in weights:
                url = album_url if name == "HTML" else server.url + name
                raw = browser.get(url, headers={"Accept-Encoding": "gzip"}, stream=True)
                wire[name] = len(raw.raw.read(decode_content=False))
                assert raw.headers.get("Content-Encoding") == "gzip", (name, raw.headers)
            print(f"album page of {ITEMS} photos, own weight (images excluded), as sent gzipped / uncompressed:")
            for name, body in weights.items():
                print(f"  {name}: {wire[name] / 1000:.1f} KB / {len(body) / 1000:.1f} KB")
            print(f"  total {sum(wire.values()) / 1000:.1f} KB gzipped (target under 60 KB); "
                  f"uncompressed {total / 1000:.1f} KB")

            cookie = f"Cookie: albumen_session={browser.cookies['albumen_session']}"
            hello_rps, page_rps, errors = versus_hello(server, album_url, [cookie])
            print(f"C libfcgi hello: {hello_rps:.0f} req/s; signed-in album page ({ITEMS} items): {page_rps:.0f} req/s "
                  f"(non-2xx {errors}; {ROUNDS} alternating rounds of {DURATION} s, wrk -t2 -c32); "
                  f"ratio {page_rps / hello_rps:.3f} (target ≥ 0.25, issue 19)")

            # "Shared with me": SHARED albums of one photo each, shared with a second user.
            server.cli("user", "add", "--username", "friend", "--password", "friend password")
            for n in range(SHARED):
                made = browser.post(server.url + "/albums", data={"_csrf": token, "name": f"Shared {n + 1}"})
                shared_code = made.url.rsplit(".", 1)[1]
                path = unique_copy(photo, os.path.join(work, "s.jpg"), 1000 + n)
                page_upload(browser, server, token, path, "shared.jpg", album=shared_code)
                shared = browser.post(f"{server.url}/album/{shared_code}/share",
                                      data={"_csrf": token, "username": "friend", "expiration": "INDEFINITE"})
                assert shared.status_code == 200, shared.text
            friend = sign_in(server, "friend", "friend password")
            inbox = friend.get(server.url + "/shared")
            assert inbox.status_code == 200 and inbox.text.count("Shared by bench") == SHARED, inbox.text[:500]
            cookie = f"Cookie: albumen_session={friend.cookies['albumen_session']}"
            hello_rps, page_rps, errors = versus_hello(server, server.url + "/shared", [cookie])
            print(f"C libfcgi hello: {hello_rps:.0f} req/s; Shared with me ({SHARED} albums): {page_rps:.0f} req/s "
                  f"(non-2xx {errors}); ratio {page_rps / hello_rps:.3f} (target ≥ 0.10)")
    finally:
        hello.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
