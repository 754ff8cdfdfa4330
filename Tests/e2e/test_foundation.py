"""The foundation, end to end: a browser-like client and API clients through real nginx."""
import http.client
import hashlib
import os
import re
import socket
import threading
import time

import requests

import fastcgi_client
import media_tools
from albumen_server import Server
from conftest import PASSWORD, login_form, page_csrf, sign_in


def test_first_start_creates_an_admin_who_can_sign_in(server):
    assert server.first_admin_password
    session, response = sign_in(server, "admin", server.first_admin_password)
    assert response.status_code == 303


def test_login_with_good_password_sets_a_hardened_session_cookie(server):
    session, response = sign_in(server)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    cookie = next(c for c in response.raw.headers.getlist("Set-Cookie") if c.startswith("albumen_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http on loopback; Secure is set behind HTTPS
    library = session.get(server.url + "/")
    assert library.status_code == 200
    assert "Your library is empty." in library.text
    assert "default-src 'self'" in library.headers["Content-Security-Policy"]
    assert library.headers["X-Content-Type-Options"] == "nosniff"


def test_bad_password_and_unknown_user_get_the_same_words(server):
    _, wrong = sign_in(server, "alice", "not the password")
    _, unknown = sign_in(server, "nobody-here", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Invalid username or password." in wrong.text
    assert "Invalid username or password." in unknown.text
    assert "albumen_session" not in wrong.cookies


def test_logout_ends_the_session(server):
    session, _ = sign_in(server)
    token = page_csrf(session.get(server.url + "/").text)
    out = session.post(server.url + "/logout", data={"_csrf": token}, allow_redirects=False)
    assert out.status_code == 303
    assert out.headers["Location"] == "/login"
    again = session.get(server.url + "/", allow_redirects=False)
    assert again.status_code == 302
    assert again.headers["Location"] == "/login"


def test_form_post_without_csrf_token_is_403(server):
    session, _ = sign_in(server)
    response = session.post(server.url + "/logout", data={}, allow_redirects=False)
    assert response.status_code == 403
    assert "did not come from this site" in response.text
    # Still signed in: the refused post changed nothing.
    assert session.get(server.url + "/", allow_redirects=False).status_code == 200


def test_api_key_authenticates_a_json_request(server):
    key = server.cli("key", "create", "--user", "alice", "--name", "e2e")
    for headers, params in [({"X-API-Key": key}, {}), ({"x-api-key": key}, {}), ({}, {"key": key})]:
        response = requests.get(server.url + "/api/me", headers=headers, params=params)
        assert response.status_code == 200
        assert response.json()["username"] == "alice"


def test_bearer_token_authenticates_a_json_request(server):
    token = server.cli("token", "create", "--user", "alice", "--days", "1")
    response = requests.get(server.url + "/api/me", headers={"Authorization": f"bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {
        "id": response.json()["id"], "uuid": response.json()["uuid"], "username": "alice", "role": "user"}


def test_missing_or_bad_credentials_are_401(server):
    missing = requests.get(server.url + "/api/me")
    assert missing.status_code == 401
    assert missing.json() == {"error": "Authentication required."}
    for headers in [{"X-API-Key": "alb_k_nope"}, {"Authorization": "Bearer alb_t_nope"}]:
        bad = requests.get(server.url + "/api/me", headers=headers)
        assert bad.status_code == 401
        assert bad.json() == {"error": "The credential is not valid."}


def test_unknown_pages_get_the_404_page_and_unknown_api_paths_json(server):
    page = requests.get(server.url + "/no/such/page")
    assert page.status_code == 404
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Not Found" in page.text
    api = requests.get(server.url + "/api/no/such")
    assert api.status_code == 404
    assert api.json() == {"error": "There is nothing at this address."}


def test_static_files_come_from_nginx_with_cache_headers(server):
    """Pages link to stylesheets and scripts by a URL carrying the digest of Public/: those are
    cached for good, an unversioned URL for an hour; both keep the security headers."""
    page = requests.get(server.url + "/login").text
    link = re.search(r'href="(/static/css/albumen\.css\?v=([0-9a-f]{10}))"', page)
    assert link, page[:600]
    css = requests.get(server.url + link.group(1))
    assert css.status_code == 200
    assert "prefers-color-scheme" in css.text
    assert "max-age=315360000" in css.headers["Cache-Control"]
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    plain = requests.get(server.url + "/static/css/albumen.css")
    assert plain.content == css.content and "max-age=3600" in plain.headers["Cache-Control"]


def test_body_over_the_limit_is_413(server):
    session = requests.Session()
    token = login_form(session, server)
    # Over ALBUMEN_MAX_UPLOAD (1M) but under nginx's 2m: Albumen refuses it in the page format.
    just_over = session.post(server.url + "/login", data={"_csrf": token, "filler": "x" * (1024 * 1024 + 10)})
    assert just_over.status_code == 413
    assert "larger than" in just_over.text
    # Far over: nginx refuses it before Albumen sees a byte.
    far_over = session.post(server.url + "/login", data={"_csrf": token, "filler": "x" * (3 * 1024 * 1024)})
    assert far_over.status_code == 413
    assert requests.get(server.url + "/healthz").status_code == 200


def test_bad_input_gets_clear_4xx_and_the_workers_live_on(server):
    # Bad percent-encoding in the query (sent raw: requests would re-quote it).
    conn = http.client.HTTPConnection("127.0.0.1", server.port)
    conn.request("GET", "/login?next=%zz")
    assert conn.getresponse().status == 400
    conn.close()
    # Malformed multipart.
    session = requests.Session()
    login_form(session, server)
    broken = session.post(
        server.url + "/login",
        data=b'--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nno final boundary',
        headers={"Content-Type": "multipart/form-data; boundary=B"},
    )
    assert broken.status_code == 400
    assert "final boundary" in broken.text
    huge_part_header = session.post(
        server.url + "/login",
        data=b"--B\r\nX-Filler: " + b"a" * 100_000 + b"\r\n\r\nx\r\n--B--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=B"},
    )
    assert huge_part_header.status_code == 400
    # A query flood.
    flood = "&".join(f"p{i}=1" for i in range(1500))
    assert requests.get(server.url + "/login?" + flood).status_code in (400, 414)
    # A header flood (nginx or Albumen refuses it; either way a 4xx).
    headers = {f"X-Flood-{i}": "v" * 40 for i in range(300)}
    assert 400 <= requests.get(server.url + "/healthz", headers=headers).status_code < 500
    # Unknown methods.
    assert requests.request("PURGE", server.url + "/login").status_code == 405
    assert requests.request("BREW", server.url + "/").status_code == 405
    # Every worker is still there: more parallel requests than threads all succeed.
    results = []
    threads = [threading.Thread(target=lambda: results.append(requests.get(server.url + "/healthz").status_code))
               for _ in range(12)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert results == [200] * 12


def test_client_that_disconnects_mid_body_leaves_nothing_behind():
    """nginx reads whole bodies before it passes them on, so a client that goes away mid-body
    never reaches Albumen through it. What can reach Albumen is its peer on the socket closing
    mid-body (nginx stopped or restarted, or another front end that streams): spoken here as
    FastCGI on Albumen's own socket, for a body read whole (under 1 MB) and one streamed into a
    scratch file as it arrives (over 1 MB), each cut off early. The streamed one is seen in the
    scratch folder while it arrives; afterwards nothing is left, and every worker serves again."""
    environ = {
        "REQUEST_METHOD": "POST", "REQUEST_URI": "/api/media", "SCRIPT_NAME": "/api/media",
        "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "multipart/form-data; boundary=B", "HTTP_HOST": "127.0.0.1",
        "REQUEST_ID": "0123456789abcdef0123456789abcdef",  # as nginx's $request_id
    }
    head = b"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"
    with Server(max_upload="64M", nginx_max_body="80m") as server:
        scratch = os.path.join(server.data, "tmp")

        def scratch_files():
            return os.listdir(scratch) if os.path.exists(scratch) else []

        for declared, sent in ((500_000, 100_000), (5_000_000, 1_500_000)):
            with fastcgi_client.connect(server.socket) as s:
                s.sendall(fastcgi_client.begin(dict(environ, CONTENT_LENGTH=str(declared)))
                          + fastcgi_client.stdin_records(head + b"x" * sent))
                if declared > 1 << 20:  # Albumen is writing the file part as it arrives
                    deadline = time.time() + 5
                    while not scratch_files() and time.time() < deadline:
                        time.sleep(0.02)
                    assert scratch_files(), "the streamed body never reached a scratch file"
                else:
                    time.sleep(0.3)
            deadline = time.time() + 5
            while scratch_files() and time.time() < deadline:
                time.sleep(0.05)
            assert scratch_files() == [], declared
        # Every worker thread is free again: more requests at once than there are threads.
        answers = [None] * 8

        def fetch(n):
            answers[n] = requests.get(server.url + "/healthz", timeout=5).status_code

        threads = [threading.Thread(target=fetch, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert answers == [200] * 8
        log = server.albumen_log()
        assert "POST /api/media 413" not in log  # the bodies were read, not refused for their size
        # And a whole request over the same socket is answered as through nginx.
        out = fastcgi_client.request(server.socket, dict(environ, REQUEST_METHOD="GET", REQUEST_URI="/healthz",
                                                         SCRIPT_NAME="/healthz", CONTENT_TYPE=""))
        assert out.startswith(b"Status: 200") and b'"database":"ok"' in out


def test_answers_of_every_size_arrive_whole(server):
    """Answers of 16 KB and more leave as 64 KB FastCGI records in one writev, smaller ones
    through libfcgi's stream: every size around those edges arrives byte for byte through
    nginx, with the right length, and HEAD gets none of the body."""
    for count in (0, 1, 16383, 16384, 16385, 65527, 65528, 65529, 131056, 131057, 1_000_003, 8 << 20):
        answer = requests.get(server.url + f"/_debug/bytes?count={count}")
        assert answer.status_code == 200, count
        expected = bytes((i * 7 + i // 251) % 256 for i in range(count))
        assert len(answer.content) == count and answer.content == expected, count
        assert answer.headers["Content-Length"] == str(count)
    head = requests.head(server.url + "/_debug/bytes?count=200000")
    assert head.status_code == 200 and head.headers["Content-Length"] == "200000" and head.content == b""


def test_sigterm_lets_a_slow_request_finish():
    with Server() as s:
        result = {}

        def slow():
            result["response"] = requests.get(s.url + "/_debug/sleep?ms=1500", timeout=10)

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.4)  # the request is in flight inside Albumen
        code = s.stop_albumen()
        thread.join()
        assert code == 0
        assert result["response"].status_code == 200
        assert result["response"].json() == {"slept_ms": 1500}
        assert "stopping: finishing requests in flight" in s.albumen_log()
        assert "GET /_debug/sleep 200" in s.albumen_log()  # logged before exit, not lost in the buffer
        # Gone now: nginx has nobody to pass to.
        assert requests.get(s.url + "/healthz").status_code == 502


def test_request_ids_reach_the_log(server):
    requests.get(server.url + "/healthz?marker=1")
    deadline = time.time() + 3  # the log is flushed every 200 ms
    lines = []
    while not lines and time.time() < deadline:
        time.sleep(0.1)
        lines = [line for line in server.albumen_log().splitlines() if "GET /healthz 200" in line]
    # "<time> info albumen: <request id> GET /healthz 200 0.412ms"
    request_id, method, path, status, elapsed = lines[-1].split("albumen: ")[1].split(" ")
    assert len(request_id) == 32  # nginx's $request_id
    assert (method, path, status) == ("GET", "/healthz", "200")
    assert re.fullmatch(r"[0-9]+\.[0-9]{3}ms", elapsed), elapsed


def test_backup_during_uploads_restores_into_a_fresh_folder_that_checks_clean():
    """`albumen backup --to DIR` while uploads go on; `albumen restore --from DIR` into an empty
    data folder; `albumen check --hash` there; a server started there serves what was backed up
    under the same links (the secret came along)."""
    import subprocess
    from albumen_server import BIN
    with Server(max_upload="64M", nginx_max_body="80m") as live:
        live.cli("user", "add", "--username", "alice", "--password", PASSWORD)
        key = live.cli("key", "create", "--user", "alice")
        photos = [media_tools.jpeg(os.path.join(live.dir, f"p{n}.jpg"), 320, 240, seed=30 + n) for n in range(12)]
        answers = []

        def upload_all():
            for photo in photos:
                with open(photo, "rb") as f:
                    answers.append(requests.post(live.url + "/api/1/upload", headers={"X-API-Key": key},
                                                 files={"source": f}))

        uploading = threading.Thread(target=upload_all)
        uploading.start()
        while len(answers) < 3:
            time.sleep(0.02)
        backup = os.path.join(live.dir, "backup")
        out = live.cli("backup", "--to", backup)
        uploading.join()
        assert all(answer.status_code == 200 for answer in answers)
        assert "Backed up to" in out and os.path.exists(os.path.join(backup, "secret"))
        refused = subprocess.run([BIN, "backup", "--to", backup], env=live.env, capture_output=True, text=True)
        assert refused.returncode != 0 and "not empty" in refused.stderr

        restored_data = os.path.join(live.dir, "restored")
        restored_env = dict(live.env, ALBUMEN_DATA=restored_data)
        restore = subprocess.run([BIN, "restore", "--from", backup], env=restored_env, capture_output=True,
                                 text=True, timeout=60)
        assert restore.returncode == 0, restore.stdout + restore.stderr
        assert "all well" in restore.stdout
        check = subprocess.run([BIN, "check", "--hash"], env=restored_env, capture_output=True, text=True, timeout=60)
        assert check.returncode == 0 and "0 missing, 0 corrupt, 0 orphaned; all well." in check.stdout, check.stdout
        # What the backup held is served from the restored folder under the same links.
        with Server(data=restored_data) as restored:
            for answer in answers[:3]:
                image = answer.json()["image"]
                fetched = requests.get(restored.url + "/" + image["url"].split("/", 3)[3])
                assert fetched.status_code == 200 and len(fetched.content) == image["size"], image["url"]
                assert requests.get(restored.url + image["path_viewer"]).status_code == 200
        # A fault is a non-zero exit, with the file named; a repair makes the thumbnail again.
        # The first upload's thumbnail: it finished before the backup began, so its row is in the
        # backup (a thumbnail of an upload still under way may be there without its row).
        with open(photos[0], "rb") as f:
            first = hashlib.sha256(f.read()).hexdigest()
        victim = next(os.path.join(root, name) for root, _, names in os.walk(os.path.join(restored_data, "blobs"))
                      for name in names if name == first + ".thumb.jpg")
        os.unlink(victim)
        broken = subprocess.run([BIN, "check"], env=restored_env, capture_output=True, text=True, timeout=60)
        assert broken.returncode == 1 and os.path.basename(victim) in broken.stdout
        fixed = subprocess.run([BIN, "check", "--repair"], env=restored_env, capture_output=True, text=True,
                               timeout=60)
        assert fixed.returncode == 0 and "remade: " in fixed.stdout and os.path.exists(victim)


def test_user_passwd_changes_the_password(server):
    server.cli("user", "add", "--username", "dave", "--password", "first password")
    server.cli("user", "passwd", "--username", "dave", input="second password\n")
    assert sign_in(server, "dave", "first password")[1].status_code == 401
    assert sign_in(server, "dave", "second password")[1].status_code == 303


def test_a_browsers_same_origin_form_post_is_accepted_through_nginx(server):
    # Debian's nginx passes Host without the port; the Origin carries it.
    session = requests.Session()
    token = login_form(session, server)
    for headers in [{"Origin": server.url}, {"Origin": server.url, "Sec-Fetch-Site": "same-origin"},
                    {"Sec-Fetch-Site": "same-origin"}]:
        response = session.post(server.url + "/login", headers=headers, allow_redirects=False,
                                data={"_csrf": token, "username": "alice", "password": PASSWORD})
        assert response.status_code == 303, (headers, response.text[-200:])
    for headers in [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Origin": server.url.rsplit(":", 1)[0] + ":1"}]:
        response = session.post(server.url + "/login", headers=headers, allow_redirects=False,
                                data={"_csrf": token, "username": "alice", "password": PASSWORD})
        assert response.status_code == 403, headers
