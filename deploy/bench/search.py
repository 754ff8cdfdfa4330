"""Search benchmark (see search.sh). One photo is uploaded; ITEMS rows are then written beside
it straight into the database (titles of three words, two tags each, a camera on every tenth,
dates taken over twenty years), so the FTS5 triggers index them as any write would; the blob's
reference count is kept true. Each query's server time is read from Albumen's own request log
(median and 95th percentile of ROUNDS requests); then the busiest query against the C hello."""
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import Server  # noqa: E402
import media_tools  # noqa: E402
from media import page_upload, page_user, start_hello, versus_hello  # noqa: E402

ITEMS = int(os.environ.get("ITEMS", "100000"))
ROUNDS = int(os.environ.get("SEARCH_ROUNDS", "60"))
WORDS = ("harbour tram beach market sunset castle river bridge forest garden mountain street cafe "
         "festival snow lake island church museum station window door lantern boat bicycle").split()
QUERIES = ["tram", "sunset beach", "x-t4", "2019", "July 2019", "lantern boat bicycle", "nothingmatches"]


def seed(path, owner, template):
    random.seed(7)
    started = time.perf_counter()
    db = sqlite3.connect(path, timeout=60)
    columns = [row[1] for row in db.execute("PRAGMA table_info(media)")]
    row = dict(zip(columns, db.execute("SELECT * FROM media WHERE id = ?", (template,)).fetchone()))
    rows, tags, details = [], [], []
    first = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'media'").fetchone()[0] + 1
    for n in range(ITEMS):
        item = dict(row)
        item["id"] = first + n
        item["uuid"] = str(uuid.uuid4())
        item["link_secret"] = uuid.uuid4().hex[:16]
        item["title"] = " ".join(random.sample(WORDS, 3))
        item["original_filename"] = f"IMG_{n:06d}.jpg"
        year, month, day = random.randint(2006, 2025), random.randint(1, 12), random.randint(1, 28)
        item["taken_at"] = f"{year}-{month:02d}-{day:02d} 12:00:00.000"
        rows.append(tuple(item[c] for c in columns))
        tags += [(item["id"], t) for t in random.sample(WORDS, 2)]
        if n % 10 == 0:
            details.append((item["id"], "FUJIFILM", "X-T4"))
    with db:
        db.executemany(f"INSERT INTO media ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
        db.executemany("INSERT OR IGNORE INTO media_tags (media_id, tag) VALUES (?, ?)", tags)
        db.executemany("INSERT INTO media_details (media_id, camera_make, camera_model) VALUES (?, ?, ?)", details)
        db.execute("UPDATE blobs SET ref_count = ref_count + ? WHERE id = ?", (ITEMS, row["blob_id"]))
    db.close()
    print(f"seeded {ITEMS} rows (with their search index) in {time.perf_counter() - started:.0f} s")


def server_times(log_path, since):
    with open(log_path) as log:
        log.seek(since)
        return [float(m.group(1)) for m in re.finditer(r"GET /search\S* 200 ([0-9.]+)ms", log.read())]


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-search-")
    hello, extra = start_hello(work)
    try:
        with Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                    extra_env={"ALBUMEN_LOG_LEVEL": "info"}) as server:
            browser, token = page_user(server)
            photo = media_tools.jpeg(os.path.join(work, "photo.jpg"), 1600, 1200)
            page_upload(browser, server, token, photo, "photo.jpg")
            db = os.path.join(server.data, "albumen.sqlite")
            owner, template = sqlite3.connect(db).execute("SELECT owner_id, id FROM media").fetchone()
            seed(db, owner, template)
            log = os.path.join(server.dir, "albumen.log")
            print(f"search server time over {ROUNDS} requests each (median / p95), and what it found:")
            for query in QUERIES:
                since = os.path.getsize(log)
                for _ in range(ROUNDS):
                    page = browser.get(server.url + "/search", params={"q": query})
                    assert page.status_code == 200
                found = re.search(r'<span class="muted">\(([0-9]+) items?\)', page.text)
                time.sleep(0.2)
                times = sorted(server_times(log, since))
                p95 = times[int(len(times) * 0.95) - 1]
                print(f"  “{query}”: {statistics.median(times):.1f} / {p95:.1f} ms, "
                      f"{found.group(1) if found else '?'} found (target under 5 ms)")
            # The timeline's first page beside it: its month list groups every item.
            since = os.path.getsize(log)
            for _ in range(20):
                assert browser.get(server.url + "/").status_code == 200
            time.sleep(0.2)
            with open(log) as lines:
                lines.seek(since)
                timeline = sorted(float(m) for m in re.findall(r"GET / 200 ([0-9.]+)ms", lines.read()))
            print(f"  the timeline's first page ({ITEMS + 1} items, months listed): median "
                  f"{statistics.median(timeline):.1f} ms")
            cookie = f"Cookie: albumen_session={browser.cookies['albumen_session']}"
            hello_rps, rps, errors = versus_hello(server, server.url + "/search?q=sunset+beach", [cookie])
            print(f"C libfcgi hello: {hello_rps:.0f} req/s; search “sunset beach”: {rps:.0f} req/s "
                  f"(non-2xx {errors}); ratio {rps / hello_rps:.3f}")
    finally:
        hello.kill()
        hello.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
