"""ZIP download benchmark (see zip.sh): an album of ~1 GB (GIGABYTES) of 12 MP photos, each with
its own bytes, downloaded as a ZIP through nginx while Albumen's resident memory is sampled
every 20 ms; then nginx sends a static file of the archive's size. Prints the peak RSS during
the stream (target under 64 MB), both throughputs and their ratio. Bounded; stops what it
starts."""
import os
import shutil
import sys
import tempfile
import threading
import time
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from albumen_server import Server  # noqa: E402
import media_tools  # noqa: E402
from media import page_upload, page_user, sign_in, unique_copy  # noqa: E402

GIGABYTES = float(os.environ.get("GIGABYTES", "1"))


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def download(session, url, sink_path=None):
    """Streams `url` to /dev/null (or a file); answers (bytes, seconds)."""
    started = time.perf_counter()
    total = 0
    with session.get(url, stream=True, timeout=600) as response:
        assert response.status_code == 200, response.status_code
        with open(sink_path or os.devnull, "wb") as sink:
            for chunk in response.iter_content(1 << 20):
                total += len(chunk)
                sink.write(chunk)
    return total, time.perf_counter() - started


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-zip-")
    static = os.path.join(work, "static")
    os.makedirs(static)
    extra = f"        location /bench-static/ {{ alias {static}/; }}"
    data = os.path.join(work, "data")
    settings = dict(max_upload="64M", nginx_max_body="80m", extra_nginx=extra,
                    extra_env={"ALBUMEN_LOG_LEVEL": "warning"}, data=data)
    try:
        with Server(**settings) as server:
            browser, token = page_user(server)
            album = browser.post(server.url + "/albums", data={"_csrf": token, "name": "Big album"})
            code = album.url.rsplit(".", 1)[1]
            photo = media_tools.jpeg(os.path.join(work, "photo.jpg"), 4000, 3000)
            size = os.path.getsize(photo)
            count = max(1, int(GIGABYTES * 1e9 / size))
            started = time.perf_counter()
            for n in range(count):
                path = unique_copy(photo, os.path.join(work, "p.jpg"), n)
                page_upload(browser, server, token, path, f"photo-{n + 1}.jpg", album=code)
            print(f"seeded {count} photos of {size / 1e6:.1f} MB in {time.perf_counter() - started:.0f} s")
            print(f"Albumen RSS after the uploads (libvips and malloc arenas at work): "
                  f"{rss_kb(server.albumen.pid) / 1024:.1f} MB")

        # A fresh process on the same library: the download's own cost, not the uploads'.
        with Server(**settings) as server:
            browser = sign_in(server, "bench", "bench password")
            browser.get(server.url + "/")

            pid = server.albumen.pid
            before = rss_kb(pid)
            peak = [before]
            done = threading.Event()

            def sample():
                while not done.is_set():
                    peak[0] = max(peak[0], rss_kb(pid))
                    time.sleep(0.02)
            sampler = threading.Thread(target=sample)
            sampler.start()
            archive = os.path.join(work, "album.zip")
            zip_bytes, zip_seconds = download(browser, server.url + f"/album/{code}/zip", archive)
            done.set()
            sampler.join()
            with zipfile.ZipFile(archive) as z:
                assert len(z.namelist()) == count and z.testzip() is None
            os.rename(archive, os.path.join(static, "same-size.bin"))
            static_bytes, static_seconds = download(browser, server.url + "/bench-static/same-size.bin")
            assert static_bytes == zip_bytes
            zip_rate = zip_bytes / zip_seconds / 1e6
            static_rate = static_bytes / static_seconds / 1e6
            print(f"ZIP of {count} photos, {zip_bytes / 1e9:.2f} GB: {zip_seconds:.1f} s, {zip_rate:.0f} MB/s; "
                  f"Albumen RSS {before / 1024:.1f} MB before, peak {peak[0] / 1024:.1f} MB while streaming "
                  f"(+{(peak[0] - before) / 1024:.1f} MB; target peak under 64 MB)")
            print(f"nginx static file of the same size: {static_seconds:.1f} s, {static_rate:.0f} MB/s; "
                  f"ratio {zip_rate / static_rate:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
