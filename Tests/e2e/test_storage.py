"""Media on S3-compatible object storage, end to end through nginx: a replicated SeaweedFS
cluster that loses a volume server and still serves every original and thumbnail; a library
moved from local disk to a bucket and back with `albumen storage migrate`, killed with SIGKILL
halfway and resumed; settings that point at the wrong store or with the wrong key stop the
commands with words that say what to do."""
import os
import signal
import subprocess
import tempfile

import pytest
import requests

import media_tools
import seaweed
from albumen_server import BIN, REPO, Server


def upload_photos(server, key, count, size=(1200, 900), seed=0):
    work = tempfile.mkdtemp(prefix="photos-", dir=server.dir)
    items = []
    for i in range(count):
        path = media_tools.jpeg(os.path.join(work, f"p{i}.jpg"), *size, seed=seed + i)
        with open(path, "rb") as f:
            response = requests.post(server.url + "/api/media", headers={"X-API-Key": key}, files={"file": f})
        assert response.status_code == 201, response.text
        items.append((response.json(), open(path, "rb").read()))
    return items


def assert_all_served(server, key, items):
    """Every original (fresh signed URLs from the listing) and thumbnail comes back whole."""
    listed = {i["id"]: i for i in requests.get(server.url + "/api/media", headers={"X-API-Key": key}).json()}
    for item, original in items:
        fresh = listed[item["id"]]
        fetched = requests.get(fresh["url"])
        assert fetched.status_code == 200 and fetched.content == original, fresh["url"]
        thumb = requests.get(fresh["thumb_url"])
        assert thumb.status_code == 200 and thumb.content[:3] == b"\xff\xd8\xff"


def test_a_replicated_cluster_serves_everything_after_losing_a_volume_server():
    with seaweed.Cluster() as cluster, Server(max_upload="16M", nginx_max_body="20m", storage="s3",
                                              store=cluster) as s:
        s.cli("user", "add", "--username", "alice", "--password", "correct horse")
        key = s.cli("key", "create", "--user", "alice")
        items = upload_photos(s, key, 8)
        # Nothing was fetched yet, so nginx's cache holds none of it: every byte below comes
        # from the cluster, with one of its two volume servers gone.
        cluster.kill(cluster.volumes[0])
        assert_all_served(s, key, items)


def test_a_library_moves_to_a_bucket_and_back_surviving_kill_9():
    with seaweed.Mini() as store, Server(max_upload="16M", nginx_max_body="20m",
                                         extra_env=store.env() | {"ALBUMEN_STORAGE": "local"}) as s:
        s.cli("user", "add", "--username", "alice", "--password", "correct horse")
        key = s.cli("key", "create", "--user", "alice")
        items = upload_photos(s, key, 12, size=(2400, 1800), seed=50)
        files = len(s.stored_names())
        assert files == 24

        # The setting alone does not move a library: every command refuses, in words.
        refused = subprocess.run([BIN, "check"], env=s.env | {"ALBUMEN_STORAGE": "s3"},
                                 capture_output=True, text=True, timeout=60)
        assert refused.returncode != 0
        assert "run `albumen storage migrate --to s3` first" in refused.stderr

        # Killed halfway while the server runs; what it verified stays verified.
        migrate = subprocess.Popen([BIN, "storage", "migrate", "--to", "s3"], env=s.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for line in migrate.stdout:
            if int(line.split("/")[0]) >= 5:
                break
        migrate.send_signal(signal.SIGKILL)
        migrate.wait()
        assert len(store.keys()) < files  # not all there yet

        # Resumed while serving: everything is copied, but nothing switches under a running server.
        busy = subprocess.run([BIN, "storage", "migrate", "--to", "s3"], env=s.env, capture_output=True,
                              text=True, timeout=300)
        assert busy.returncode != 0 and "albumen serve is running" in busy.stderr, busy.stderr
        assert "there already" in busy.stdout and len(store.keys()) == files

        assert s.stop_albumen() == 0
        done = s.cli("storage", "migrate", "--to", "s3")
        assert f"All {files} files are on S3 object storage and verified (0 copied now, {files} there already)" in done

        s.restart(ALBUMEN_STORAGE="s3")
        assert "all well" in s.cli("check", "--hash")
        assert_all_served(s, key, items)
        more = upload_photos(s, key, 1, seed=90)  # added on the bucket only

        # And back to local disk, which still has the first twelve; the new one is copied.
        s.stop_processes()
        back = subprocess.run([BIN, "storage", "migrate", "--to", "local"], env=s.env | {"ALBUMEN_STORAGE": "s3"},
                              capture_output=True, text=True, timeout=300)
        assert back.returncode == 0, back.stderr
        assert f"All {files + 2} files are on local disk and verified (2 copied now, {files} there already)" in back.stdout
        s.restart(ALBUMEN_STORAGE="local")
        assert "all well" in s.cli("check", "--hash")
        assert_all_served(s, key, items + more)


def test_a_wrong_key_or_a_missing_bucket_stops_serve_with_a_clear_message():
    with seaweed.Mini() as store:
        data = tempfile.mkdtemp(prefix="albumen-s3-")
        base = dict(os.environ, ALBUMEN_DATA=data, ALBUMEN_TEMPLATES=os.path.join(REPO, "Templates"),
                    ALBUMEN_PUBLIC=os.path.join(REPO, "Public"), **store.env())
        wrong = subprocess.run([BIN, "serve"], env=base | {"ALBUMEN_S3_SECRET_KEY": "wrong"},
                               capture_output=True, text=True, timeout=60)
        assert wrong.returncode != 0
        assert "refused ALBUMEN_S3_ACCESS_KEY" in wrong.stderr and "check the access key" in wrong.stderr
        missing = subprocess.run([BIN, "serve"], env=base | {"ALBUMEN_S3_BUCKET": "photos"},
                                 capture_output=True, text=True, timeout=60)
        assert missing.returncode != 0 and "has no bucket photos" in missing.stderr
        unset = subprocess.run([BIN, "serve"], env=base | {"ALBUMEN_S3_ENDPOINT": ""},
                               capture_output=True, text=True, timeout=60)
        assert unset.returncode != 0 and "ALBUMEN_STORAGE=s3 needs ALBUMEN_S3_ENDPOINT" in unset.stderr
