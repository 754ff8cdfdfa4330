"""Storage benchmark (see storage.sh): the same measurements with the media on local disk and
on SeaweedFS (`weed mini`), in one run. Prints figures and ratios; every loop is bounded."""
import os
import statistics
import subprocess
import tempfile
import time

import requests

import media  # this folder's media benchmark: its upload, wrk and C hello helpers
from media import BIN, ROUNDS, Server, media_tools, start_hello, unique_copy, upload, versus_hello

UPLOADS = int(os.environ.get("UPLOADS", "15"))


def measure(kind, photo, work, extra):
    """Upload p50, cold thumbnail fetches (never fetched before: from the store itself), warm
    signed thumbnail fetches per second (nginx's cache on S3) and the C hello beside them."""
    with Server(max_upload="64M", nginx_max_body="80m", extra_nginx=extra, storage=kind,
                extra_env={"ALBUMEN_LOG_LEVEL": "warning"}) as server:
        server.cli("user", "add", "--username", "bench", "--password", "bench password")
        server.key = server.cli("key", "create", "--user", "bench")
        session = requests.Session()
        upload(server, unique_copy(photo, os.path.join(work, f"{kind}-warm.jpg"), 0), session)
        results = [upload(server, unique_copy(photo, os.path.join(work, f"{kind}-{i}.jpg"), i + 1), session)
                   for i in range(UPLOADS)]
        cold = []
        for _, item in results:
            started = time.perf_counter()
            response = session.get(item["thumb_url"])
            cold.append(time.perf_counter() - started)
            assert response.status_code == 200
        thumb = results[0][1]["thumb_url"]
        assert session.get(thumb).status_code == 200  # warm (in nginx's cache on S3)
        hello_rps, rps, errors = versus_hello(server, thumb)
        return {
            "upload_p50": statistics.median([r[0] for r in results]) * 1000,
            "cold_p50": statistics.median(cold) * 1000,
            "warm_rps": rps, "hello_rps": hello_rps, "errors": errors,
        }


def main():
    work = tempfile.mkdtemp(prefix="albumen-bench-")
    hello, extra = start_hello(work)
    photo = media_tools.jpeg(os.path.join(work, "12mp.jpg"), 4000, 3000)
    print(f"12-megapixel JPEG: {os.path.getsize(photo) / 1e6:.1f} MB; {UPLOADS} uploads each; "
          f"wrk -t2 -c32, {ROUNDS} alternating rounds of {media.DURATION} s beside the C hello")
    try:
        reference = float(subprocess.run([BIN, "bench", "thumbnail", photo], capture_output=True, text=True,
                                         check=True).stdout)
        local = measure("local", photo, work, extra)
        s3 = measure("s3", photo, work, extra)
        for name, figures in (("local disk", local), ("S3 (weed mini)", s3)):
            print(f"{name}: upload p50 {figures['upload_p50']:.0f} ms ({figures['upload_p50'] / reference:.2f}× "
                  f"libvips' {reference:.0f} ms); cold thumbnail fetch p50 {figures['cold_p50']:.1f} ms; "
                  f"warm signed thumbnail fetch {figures['warm_rps']:.0f} req/s (non-2xx {figures['errors']}), "
                  f"{figures['warm_rps'] / figures['hello_rps']:.2f}× the C hello's {figures['hello_rps']:.0f}")
        print(f"S3 ÷ local: upload p50 {s3['upload_p50'] / local['upload_p50']:.2f}; "
              f"cold fetch p50 {s3['cold_p50'] / local['cold_p50']:.2f}; "
              f"warm fetch rate {s3['warm_rps'] / local['warm_rps']:.2f} (target ≥ 0.8)")
    finally:
        hello.kill()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
