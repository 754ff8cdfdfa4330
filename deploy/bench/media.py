"""Media benchmark (see media.sh). Prints figures and ratios; every loop is bounded."""
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
from albumen_server import BIN, Server  # noqa: E402  (the e2e tests' own start-up code)
import media_tools  # noqa: E402

UPLOADS = int(os.environ.get("UPLOADS", "25"))
DURATION = os.environ.get("DURATION", "10")
VIDEO_MB = int(os.environ.get("VIDEO_MB", "1024"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))


def csrf(html):
    """The CSRF token a page's forms carry."""
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def sign_in(server, username, password):
    """A browser-like session signed in through the login form."""
    browser = requests.Session()
    login = browser.get(server.url + "/login").text
    answer = browser.post(server.url + "/login", data={"_csrf": csrf(login), "username": username,
                                                       "password": password})
    assert answer.status_code == 200 and "albumen_session" in browser.cookies, answer.status_code
    return browser


def page_user(server):
    """The benchmark user, added by the CLI and signed in through the login form, with the
    CSRF token of the pages' forms."""
    server.cli("user", "add", "--username", "bench", "--password", "bench password")
    browser = sign_in(server, "bench", "bench password")
    return browser, csrf(browser.get(server.url + "/").text)


def page_upload(browser, server, token, path, name, **fields):
    """Uploads `path` as `name` through the upload page (its JSON answer) and checks it was stored."""
    with open(path, "rb") as f:
        answer = browser.post(server.url + "/upload", headers={"Accept": "application/json"},
                              data={"_csrf": token, **fields}, files={"file": (name, f, "image/jpeg")})
    assert answer.status_code == 200 and answer.json()[0]["ok"], answer.text


def unique_copy(source, path, n):
    """The same picture with different bytes (a tail after the JPEG's end), so nothing dedupes."""
    with open(source, "rb") as f, open(path, "wb") as out:
        out.write(f.read() + b"albumen-bench-%d" % n)
    return path


def upload(server, path, session=None):
    """Uploads `path` through the native API; answers (seconds, the JSON answer). The clock runs
    from the first byte sent to the answer: requests builds the whole multipart body in memory
    first (18-26 ms for 6 MB, more than the server's own overhead), which a browser, streaming
    the file, never does."""
    session = session or requests.Session()
    with open(path, "rb") as f:
        prepared = session.prepare_request(requests.Request(
            "POST", server.url + "/api/media", headers={"X-API-Key": server.key},
            files={"file": (os.path.basename(path), f)}))
    started = time.perf_counter()
    response = session.send(prepared)
    elapsed = time.perf_counter() - started
    assert response.status_code == 201, response.text
    return elapsed, response.json()


def two_clients(files, send):
    """Sends `files` with 2 clients (a session each); answers uploads per second."""
    started = time.perf_counter()

    def client(chunk):
        session = requests.Session()
        for path in chunk:
            send(session, path)

    threads = [threading.Thread(target=client, args=(files[i::2],)) for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return len(files) / (time.perf_counter() - started)


def wrk(url, headers=()):
    extra = [argument for header in headers for argument in ("-H", header)]
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{DURATION}s", *extra, url], capture_output=True,
                         text=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), int(non2xx.group(1)) if non2xx else 0


def alternating(reference, url, headers=()):
    """Requests per second of `reference` and of `url`, alternating over ROUNDS and averaged
    (so drift hits both alike), and the non-2xx answers of `url`."""
    reference_runs, runs, errors = [], [], 0
    for _ in range(ROUNDS):
        reference_runs.append(wrk(reference)[0])
        rps, failed = wrk(url, headers)
        runs.append(rps)
        errors += failed
    return statistics.mean(reference_runs), statistics.mean(runs), errors


def versus_hello(server, url, headers=()):
    """The C hello's requests per second and `url`'s, alternating (`alternating`)."""
    return alternating(server.url + "/hello", url, headers)


def peak_rss_kb(pid):
    return int(re.search(r"VmHWM:\s+(\d+)", open(f"/proc/{pid}/status").read()).group(1))


def start_hello(work):
    """The C libfcgi hello of the foundation benchmark (4 threads), and the nginx location that
    serves it at /hello; the caller kills the process."""
    hello_sock = os.path.join(work, "hello.sock")
    subprocess.run(["gcc", "-O2", "-o", os.path.join(work, "hello"), os.path.join(ROOT, "deploy/bench/hello.c"),
                    "-lfcgi", "-lpthread"], check=True)
    hello = subprocess.Popen([os.path.join(work, "hello"), hello_sock, "4"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return hello, f"        location = /hello {{ include /etc/nginx/fastcgi_params; fastcgi_pass unix:{hello_sock}; }}"


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-")
    hello, extra = start_hello(work)
    photo = media_tools.jpeg(os.path.join(work, "12mp.jpg"), 4000, 3000)
    print(f"12-megapixel JPEG: {os.path.getsize(photo) / 1e6:.1f} MB")
    try:
        # 1 GB video first, on a fresh process, so the peak RSS is this upload's.
        with Server(max_upload="2G", nginx_max_body="2100m", extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
            server.cli("user", "add", "--username", "bench", "--password", "bench password")
            server.key = server.cli("key", "create", "--user", "bench")
            video = media_tools.mp4(os.path.join(work, "small.mp4"), seconds=3)
            big = os.path.join(work, "big.mp4")
            with open(video, "rb") as f, open(big, "wb") as out:
                out.write(f.read())
                # A 64-bit `free` box: valid MP4 that players and ffprobe skip.
                size = VIDEO_MB * 1024 * 1024
                out.write(struct.pack(">I4sQ", 1, b"free", size + 16))
                out.truncate(out.tell() + size)
            rss_before = peak_rss_kb(server.albumen.pid)
            # Reset the high-water mark: start-up hashed the admin's password with argon2id (64 MiB).
            with open(f"/proc/{server.albumen.pid}/clear_refs", "w") as f:
                f.write("5")
            elapsed, _ = upload(server, big)
            rss_peak = peak_rss_kb(server.albumen.pid)
            os.remove(big)
            print(f"1 GB video upload: {elapsed:.1f} s; Albumen peak RSS {rss_peak / 1024:.0f} MB "
                  f"(lifetime peak before, argon2id included: {rss_before / 1024:.0f} MB) — target under 100 MB")

        server = Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                        extra_env={"ALBUMEN_LOG_LEVEL": "warning"})
        # The same files served by nginx as plain static files: what a signed fetch is held to.
        server.extra_nginx += f"\n        location /_bench_static/ {{ alias {server.data}/blobs/; }}"
        with server:
            server.cli("user", "add", "--username", "bench", "--password", "bench password")
            server.key = server.cli("key", "create", "--user", "bench")
            reference = float(subprocess.run([BIN, "bench", "thumbnail", photo], capture_output=True, text=True,
                                             check=True).stdout)
            session = requests.Session()
            upload(session=session, server=server, path=unique_copy(photo, os.path.join(work, "warm.jpg"), 0))
            latencies = [upload(server, unique_copy(photo, os.path.join(work, f"u{i}.jpg"), i + 1), session)[0]
                         for i in range(UPLOADS)]
            p50 = statistics.median(latencies) * 1000
            print(f"upload p50 of a 12 MP JPEG through nginx: {p50:.0f} ms; libvips thumbnail in process: "
                  f"{reference:.0f} ms; ratio {p50 / reference:.2f} (target ≤ 1.2, issue 19)")

            files = [unique_copy(photo, os.path.join(work, f"c{i}.jpg"), 1000 + i) for i in range(2 * UPLOADS)]
            rate = two_clients(files, lambda session, path: upload(server, path, session))
            print(f"uploads per second, 2 clients, 12 MP JPEGs: {rate:.1f}")

            item = upload(server, unique_copy(photo, os.path.join(work, "served.jpg"), 9999))[1]
            thumb = requests.get(item["thumb_url"])
            print(f"signed fetch target: the thumbnail, {len(thumb.content) / 1024:.0f} KiB")
            hello_rps, media_rps, errors = versus_hello(server, item["thumb_url"])
            print(f"C libfcgi hello: {hello_rps:.0f} req/s; signed media fetch: {media_rps:.0f} req/s "
                  f"(non-2xx {errors}; {ROUNDS} alternating rounds of {DURATION} s); "
                  f"ratio {media_rps / hello_rps:.2f} (target ≥ 0.8)")
            sha = item["thumb_url"].split("/media/")[1].split(".")[0]
            static_url = f"{server.url}/_bench_static/{sha[:2]}/{sha[2:4]}/{sha}.thumb.jpg"
            static_rps, signed_rps, _ = alternating(static_url, item["thumb_url"])
            print(f"nginx serving the same thumbnail statically: {static_rps:.0f} req/s; signed fetch "
                  f"{signed_rps:.0f} req/s; ratio {signed_rps / static_rps:.2f} (target ≥ 0.7)")
    finally:
        hello.kill()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
