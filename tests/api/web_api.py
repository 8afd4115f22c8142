#!/usr/bin/env python3
"""web_api.py - the JSON API against a real `dondoc serve` on 127.0.0.1 with a fresh database.

Covers: an authorization matrix (every role x every endpoint), CSRF missing/wrong, login
throttling, expired and logged-out sessions, disabled accounts, bad JSON, unknown fields,
wrong types, oversized bodies, unknown routes/methods/ids, static files with ETags, and a
graceful shutdown on SIGTERM. Only the standard library is used.
"""
import glob
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

DONDOC = os.environ["DONDOC"]
SRC = os.environ["DONDOC_SRC"]
SANITIZED = os.environ.get("DONDOC_SANITIZED") == "1"
IDLE = 6 if SANITIZED else 4          # --session-idle for the expiry test
MAX_BODY = 65536

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if cond:
        print("ok:", what)
    else:
        print("FAIL:", what)
        failures.append(what)


class Client:
    """One browser-like client: keeps its session cookie and CSRF token."""

    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None

    def req(self, method, path, body=None, headers=None, raw=None, csrf=True, ctype=None):
        h = dict(headers or {})
        data = None
        if raw is not None:
            data = raw
        elif body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        if ctype:
            h["Content-Type"] = ctype
        if self.cookie:
            h["Cookie"] = "dd_session=" + self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h.setdefault("X-CSRF-Token", self.csrf)
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            c.request(method, path, body=data, headers=h)
            r = c.getresponse()
            payload = r.read()
            hdrs = {k.lower(): v for k, v in r.getheaders()}
            status = r.status
        except (ConnectionResetError, BrokenPipeError) as e:
            return 0, {"error": {"code": "connection", "message": str(e)}}, {}
        finally:
            c.close()
        js = None
        if payload and hdrs.get("content-type", "").startswith("application/json"):
            try:
                js = json.loads(payload)
            except ValueError:
                js = None
        sc = hdrs.get("set-cookie", "")
        if sc.startswith("dd_session="):
            val = sc.split(";")[0].split("=", 1)[1]
            self.cookie = val or None
        return status, js if js is not None else payload, hdrs

    def login(self, user, pw):
        st, js, hdrs = self.req("POST", "/api/v1/session", {"username": user, "password": pw})
        if st == 200:
            self.csrf = js["csrf_token"]
        return st, js, hdrs


def chunked_post(port, client, path, data):
    """POST data with Transfer-Encoding: chunked (no Content-Length)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h = {"Content-Type": "application/json", "Cookie": "dd_session=" + client.cookie,
         "X-CSRF-Token": client.csrf}
    try:
        c.request("POST", path, body=iter([data[i:i + 8192] for i in range(0, len(data), 8192)]),
                  headers=h, encode_chunked=True)
        r = c.getresponse()
        return r.status, r.read()
    except (ConnectionResetError, BrokenPipeError):
        return 0, None
    finally:
        c.close()


def in_flight_on_sigterm(server, port, pw):
    """SIGTERM while a request is half sent: that request still gets its answer."""
    import socket
    c = Client(port)
    c.login("office1", pw["office1"])
    body = json.dumps({"username": "office1", "password": pw["office1"]}).encode()
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    s.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
              + body[:10])
    time.sleep(0.3)
    server.send_signal(signal.SIGTERM)
    # The listening socket closes once the signal is handled; give a loaded (or
    # sanitized) server up to 5 s for that, then it must refuse.
    refused = False
    t0 = time.time()
    while not refused and time.time() - t0 < 5:
        time.sleep(0.1)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except OSError:
            refused = True
    check(server.poll() is None, "the server waits for the request in flight")
    check(refused, "no new connections once SIGTERM arrived")
    s.sendall(body[10:])
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    check(data.startswith(b"HTTP/1.1 200") and b"csrf_token" in data,
          "the request in flight got its full answer after SIGTERM")


def expiry(db, tmp, pw):
    """Sessions end after --session-idle without requests, and --session-max after login."""
    server, port = start_server(db, tmp, "--session-idle", str(IDLE), "--session-max", str(2 * IDLE))
    try:
        c = Client(port)
        st, _, _ = c.login("leader1", pw["leader1"])
        st, js, _ = c.req("GET", "/api/v1/me")
        check(st == 200, "fresh session works")
        time.sleep(IDLE + 1)
        st, js, _ = c.req("GET", "/api/v1/me")
        check(st == 401 and err_code(js) == "unauthenticated", "an idle session expires -> 401")
        c = Client(port)
        c.login("leader1", pw["leader1"])
        t0 = time.time()
        ok_until_max = True
        while time.time() - t0 < 2 * IDLE - 1.5:
            st, js, _ = c.req("GET", "/api/v1/me")
            ok_until_max = ok_until_max and st == 200
            time.sleep(0.5)
        check(ok_until_max, "a session in use stays alive before --session-max")
        time.sleep(max(0.0, 2 * IDLE + 0.5 - (time.time() - t0)))
        st, js, _ = c.req("GET", "/api/v1/me")
        check(st == 401, "a session in use still ends at --session-max")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    check(server.returncode == 0, "the second server stops cleanly")


def start_server(db, tmp, *extra):
    ready = os.path.join(tmp, "ready")
    if os.path.exists(ready):
        os.unlink(ready)
    log = open(os.path.join(tmp, "server.log"), "ab")
    p = subprocess.Popen([DONDOC, "--db", db, "--today", "2021-03-20", "serve", "--listen",
                          "127.0.0.1:0", "--ready-file", ready, "--threads", "2",
                          "--max-body", str(MAX_BODY),
                          "--login-max-fail", "3", "--access-log",
                          os.path.join(tmp, "access.log")] + list(extra),
                         stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(300):
        if os.path.exists(ready):
            url = open(ready).read().strip()
            return p, int(url.rsplit(":", 1)[1].strip("/"))
        if p.poll() is not None:
            break
        time.sleep(0.05)
    print("server did not start; log:")
    print(open(os.path.join(tmp, "server.log")).read())
    p.kill()
    sys.exit(1)


def err_code(js):
    return js.get("error", {}).get("code") if isinstance(js, dict) else None


def main():
    tmp = tempfile.mkdtemp(prefix="dondoc-api-")
    db = os.path.join(tmp, "t.db")
    pw = {"admin1": "admin-pass-1", "office1": "office-pass-1", "leader1": "leader-pass-1",
          "unit1": "unit-pass-1", "unit2": "unit-pass-2", "victim": "victim-pass-1"}
    r = subprocess.run([DONDOC, "--db", db, "user", "add", "admin1", "--role", "admin"],
                       input=pw["admin1"] + "\n", capture_output=True, text=True)
    check(r.returncode == 0, "cli: user add admin1 (password on stdin)")
    r = subprocess.run([DONDOC, "--db", db, "user", "add", "admin1", "--role", "admin"],
                       input="whatever-pass\n", capture_output=True, text=True)
    check(r.returncode != 0 and "exists" in r.stderr, "cli: user add refuses a duplicate")
    r = subprocess.run([DONDOC, "--db", db, "user", "add", "x", "--role", "boss"],
                       input="whatever-pass\n", capture_output=True, text=True)
    check(r.returncode == 2, "cli: user add refuses an unknown role (exit 2)")
    r = subprocess.run([DONDOC, "--db", db, "user", "add", "shorty", "--role", "office"],
                       input="short\n", capture_output=True, text=True)
    check(r.returncode != 0 and "too short" in r.stderr, "cli: user add refuses a short password")

    server, port = start_server(db, tmp)
    try:
        run(port, pw, tmp, db)
        in_flight_on_sigterm(server, port, pw)
    finally:
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            pass
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
    expiry(db, tmp, pw)
    log = open(os.path.join(tmp, "server.log"), errors="replace").read()
    check(server.returncode == 0, f"server exits 0 after SIGTERM ({server.returncode})")
    check("stopped (signal 15)" in log, "server reports a clean stop")
    check("Sanitizer" not in log and "runtime error" not in log, "no sanitizer report from the server")
    r = subprocess.run([DONDOC, "--db", db, "check"], capture_output=True, text=True)
    check(r.returncode == 0, "the database is consistent after the shutdown (dondoc check)")
    print(f"{checks - len(failures)}/{checks} checks passed")
    if failures:
        for f in failures:
            print("failed:", f)
        print("server log tail:")
        print(open(os.path.join(tmp, "server.log"), errors="replace").read()[-3000:])
        print(f"(files kept in {tmp})")
        sys.exit(1)
    shutil.rmtree(tmp, ignore_errors=True)


def blank_pdf(pages):
    """A PDF of empty pages: no text layer, so dondoc takes it for a scan."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    for i in range(pages):
        kids.append(f"{3 + i} 0 R")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode()
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += f"{i + 1} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offs:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def ocr_upload(office):
    """A scanned page: the preview carries per-value OCR confidences and what to check."""
    # a scan longer than a request should take is refused before any page is recognised
    st, js, _ = office.req("POST", "/api/v1/documents?name=dai.pdf", raw=blank_pdf(31),
                           ctype="application/pdf")
    msg = js.get("error", {}).get("message", "") if isinstance(js, dict) else ""
    check(st == 422 and err_code(js) == "unreadable" and "(31, limit 30)" in msg,
          f"a 31-page scan upload -> 422 naming the 30-page limit ({st} {js})")
    if not glob.glob("/usr/share/tesseract-ocr/*/tessdata/vie.traineddata") and \
            not os.environ.get("TESSDATA_PREFIX"):
        print("note: no Vietnamese OCR data, the scanned upload is left out")
        return
    # the scan whose number is faded (scripts/make-weak-scan): one value at least is weak
    scan = open(os.path.join(SRC, "tests", "data", "ocr", "08-scan-weak.png"), "rb").read()
    st, js, _ = office.req("POST", "/api/v1/documents?name=08-scan-weak.png", raw=scan, ctype="image/png")
    check(st == 201, f"scanned PNG upload -> 201 ({st})")
    if st != 201:
        return
    src = js["extract"]["source"]
    fields, weak = src.get("ocr_fields"), src.get("ocr_check")
    check(src.get("ocr") is True and isinstance(src.get("ocr_confidence"), float),
          "a scan's preview says OCR with the mean confidence")
    check(isinstance(fields, dict) and {"number", "date", "type"} <= set(fields)
          and all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in fields.values()),
          f"source.ocr_fields gives the confidence of number, date, type ... ({fields})")
    check(isinstance(weak, list) and weak and all(k in fields and fields[k] < 70 for k in weak)
          and all(k in weak for k, v in fields.items() if v < 70),
          f"source.ocr_check lists exactly the values below 70 ({weak})")
    # the office saves the preview as it came: the added keys are accepted
    st, js, _ = office.req("POST", f"/api/v1/documents/{js['upload_id']}/confirm",
                           {"extract": js["extract"]})
    check(st == 201 and js.get("tasks", 0) >= 1, f"confirm the scanned preview -> 201 ({st})")


def run(port, pw, tmp, db):
    anon = Client(port)
    admin = Client(port)
    st, js, hdrs = admin.login("admin1", pw["admin1"])
    check(st == 200 and js["user"]["role"] == "admin", "login admin")
    sc = hdrs.get("set-cookie", "")
    check("HttpOnly" in sc and "SameSite=Strict" in sc and "Path=/" in sc,
          "session cookie is HttpOnly + SameSite=Strict")
    check(len(js.get("csrf_token", "")) == 64, "login returns a CSRF token")

    # units to work with
    st, js, _ = admin.req("GET", "/api/v1/units")
    check(st == 200 and len(js["items"]) >= 2, "GET /units lists seeded units")
    u1, u2 = js["items"][0]["id"], js["items"][1]["id"]

    # accounts through the API
    for name, role, unit in (("office1", "office", None), ("leader1", "leader", None),
                             ("unit1", "unit", u1), ("unit2", "unit", u2),
                             ("victim", "office", None)):
        body = {"username": name, "password": pw[name], "role": role}
        if unit:
            body["unit"] = unit
        st, js, _ = admin.req("POST", "/api/v1/users", body)
        check(st == 201 and js["username"] == name, f"POST /users creates {name}")
    st, js, _ = admin.req("POST", "/api/v1/users", {"username": "office1", "password": "xxxxxxxxx",
                                                     "role": "office"})
    check(st == 409, "POST /users duplicate -> 409")
    st, js, _ = admin.req("POST", "/api/v1/users", {"username": "u9", "password": "xxxxxxxxx",
                                                     "role": "unit"})
    check(st == 400, "POST /users unit role without unit -> 400")
    st, js, _ = admin.req("POST", "/api/v1/users", {"username": "u9", "password": "short",
                                                     "role": "office"})
    check(st == 400 and err_code(js) == "bad_password", "POST /users short password -> 400")
    st, js, _ = admin.req("POST", "/api/v1/users", {"username": "bad name", "password": "xxxxxxxxx",
                                                     "role": "office"})
    check(st == 400, "POST /users bad user name -> 400")

    clients = {"admin": admin}
    for name, role in (("office1", "office"), ("leader1", "leader"), ("unit1", "unit")):
        c = Client(port)
        st, js, _ = c.login(name, pw[name])
        check(st == 200 and js["user"]["role"] == role, f"login {name}")
        clients[role] = c
    office, leader, unit = clients["office"], clients["leader"], clients["unit"]

    # a document: upload -> preview -> confirm, with the preview built by the test so the
    # matrix does not depend on the extractor's quality
    sample = open(os.path.join(SRC, "examples", "01-tb-thanh-uy.txt"), "rb").read()
    st, js, _ = office.req("POST", "/api/v1/documents?name=01-tb-thanh-uy.txt", raw=sample,
                           ctype="application/octet-stream")
    check(st == 201 and js["extract"]["schema"] == "dondoc.extract/1" and js["extract"]["tasks"],
          "POST /documents returns an extraction preview with tasks")
    upload_id = js["upload_id"] if st == 201 else 0
    preview = js["extract"] if st == 201 else None
    st, js, _ = office.req("POST", f"/api/v1/documents/{upload_id}/confirm", {"extract": 5})
    check(st == 400, "confirm with a non-object extract -> 400")
    st, js, _ = office.req("POST", f"/api/v1/documents/{upload_id}/confirm",
                           {"extract": {"schema": "nonsense"}})
    check(st == 422, "confirm with an invalid extract -> 422 (upload kept)")
    st, js, _ = admin.req("POST", f"/api/v1/documents/{upload_id}/confirm", {"extract": preview})
    check(st == 404, "confirm someone else's upload -> 404")
    tasks = []
    for i in range(1, 13):
        tasks.append({"id": str(i), "label": f"{i}.", "parent": None, "line": 10 + i,
                      "text": f"Nhiệm vụ kiểm thử số {i}: báo cáo tình hình thực hiện",
                      "lead_units": [], "supporting_units": [], "suggested_units": [],
                      "deadline": {"text": "trước ngày 31/3/2021", "date": "2021-03-31",
                                   "kind": "by", "inherited": False},
                      "topics": []})
    corrected = dict(preview) if preview else {}
    corrected["tasks"] = tasks
    corrected["number"] = "45-TB/TU"
    st, js, _ = office.req("POST", f"/api/v1/documents/{upload_id}/confirm", {"extract": corrected})
    check(st == 201 and js["tasks"] == 12, "confirm saves the corrected preview (12 tasks)")
    doc_id = js.get("document_id", 0) if isinstance(js, dict) else 0
    st, js, _ = office.req("POST", f"/api/v1/documents/{upload_id}/confirm", {"extract": corrected})
    check(st == 404, "confirm twice -> 404")

    st, js, _ = office.req("GET", f"/api/v1/tasks?doc={doc_id}&limit=100")
    check(st == 200 and js["total"] == 12, "GET /tasks?doc= lists the 12 tasks")
    ids = [t["id"] for t in js["items"]] if st == 200 else list(range(1, 13))
    mine, other = ids[0], ids[1]
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/assign", {"lead": u1, "due": "2021-03-31"})
    check(st == 200 and js["task"]["units"][0]["id"] == u1, "office assigns a task to unit 1")
    for t in ids[2:8]:
        office.req("POST", f"/api/v1/tasks/{t}/assign", {"lead": u1})
    st, js, _ = office.req("POST", f"/api/v1/tasks/{other}/assign", {"lead": u2})
    check(st == 200, "office assigns another task to unit 2")

    # ---- the authorization matrix: role -> expected status ---------------------------
    A, O, L, U, N = "admin", "office", "leader", "unit", "anon"
    allc = dict(clients)
    allc[N] = anon
    t = ids
    matrix = [
        # method, path, body, {role: status}
        ("GET", "/api/v1/me", None, {A: 200, O: 200, L: 200, U: 200, N: 401}),
        ("GET", "/api/v1/tasks", None, {A: 200, O: 200, L: 200, U: 200, N: 401}),
        ("GET", f"/api/v1/tasks/{mine}", None, {A: 200, O: 200, L: 200, U: 200, N: 401}),
        ("GET", f"/api/v1/tasks/{other}", None, {A: 200, O: 200, L: 200, U: 403, N: 401}),
        ("POST", f"/api/v1/tasks/{mine}/progress", {"percent": 30, "note": "đang làm"},
         {A: 201, O: 201, L: 403, U: 201, N: 401}),
        ("POST", f"/api/v1/tasks/{other}/progress", {"percent": 30, "note": "x"},
         {U: 403}),
        ("POST", f"/api/v1/tasks/{mine}/assign", {"lead": u1},
         {A: 200, O: 200, L: 403, U: 403, N: 401}),
        ("POST", f"/api/v1/tasks/{mine}/extensions", {"new_due": "2021-04-30", "reason": "cần thêm thời gian"},
         {A: 201, O: 201, L: 403, U: 201, N: 401}),
        ("POST", f"/api/v1/tasks/{other}/extensions", {"new_due": "2021-04-30", "reason": "x"},
         {U: 403}),
        ("GET", "/api/v1/extensions", None, {A: 200, O: 200, L: 200, U: 403, N: 401}),
        ("POST", f"/api/v1/tasks/{t[2]}/done", {"action": "propose"}, {U: 200}),
        ("POST", f"/api/v1/tasks/{t[2]}/done", {"action": "confirm"}, {U: 403, L: 403, N: 401}),
        ("POST", f"/api/v1/tasks/{t[2]}/done", {"action": "confirm"}, {O: 200}),
        ("POST", f"/api/v1/tasks/{t[3]}/done", {"action": "confirm"}, {A: 200}),
        ("POST", f"/api/v1/tasks/{other}/done", {"action": "propose"}, {U: 403}),
        ("POST", f"/api/v1/tasks/{t[4]}/cancel", {"reason": "trùng"}, {U: 403, L: 403, N: 401}),
        ("POST", f"/api/v1/tasks/{t[4]}/cancel", {"reason": "trùng"}, {O: 200}),
        ("POST", f"/api/v1/tasks/{t[5]}/cancel", {"reason": "trùng"}, {A: 200}),
        ("GET", "/api/v1/documents", None, {A: 200, O: 200, L: 200, U: 403, N: 401}),
        ("GET", f"/api/v1/documents/{doc_id}", None, {A: 200, O: 200, L: 200, U: 403, N: 401}),
        ("POST", "/api/v1/documents?name=a.txt", b"THONG BAO\n1. Viec mot.\n",
         {A: 201, O: 201, L: 403, U: 403, N: 401}),
        ("POST", f"/api/v1/documents/{upload_id}/confirm", {"extract": {}}, {L: 403, U: 403, N: 401}),
        ("GET", "/api/v1/search?q=kiem+thu", None, {A: 200, O: 200, L: 200, U: 200, N: 401}),
        ("GET", "/api/v1/stats", None, {A: 200, O: 200, L: 200, U: 200, N: 401}),
        ("GET", "/api/v1/reports/monthly?month=2021-03", None,
         {A: 200, O: 200, L: 200, U: 403, N: 401}),
        ("GET", "/api/v1/units", None, {A: 200, O: 200, L: 200, U: 200, N: 401}),
        ("POST", "/api/v1/units", {"name": "Đơn vị kiểm thử"}, {A: 201}),
        ("POST", "/api/v1/units", {"name": "Đơn vị khác"}, {O: 403, L: 403, U: 403, N: 401}),
        ("GET", "/api/v1/users", None, {A: 200, O: 403, L: 403, U: 403, N: 401}),
        ("POST", "/api/v1/users", {"username": "newbie", "password": "newbie-pass", "role": "leader"},
         {A: 201, O: 403, L: 403, U: 403, N: 401}),
        ("POST", "/api/v1/users/1", {"active": True}, {A: 200, O: 403, L: 403, U: 403, N: 401}),
        ("POST", "/api/v1/extensions/1/decide", {"approve": True},
         {O: 200, L: 403, U: 403, N: 401}),
        ("GET", "/api/v1/settings", None, {A: 200, O: 403, L: 403, U: 403, N: 401}),
        ("POST", "/api/v1/settings", {"key": "status.overdue", "value": "Trễ hạn"},
         {A: 200, O: 403, L: 403, U: 403, N: 401}),
        ("DELETE", "/api/v1/session", None, {N: 401}),
    ]
    for method, path, body, want in matrix:
        for role, status in want.items():
            c = allc[role]
            if isinstance(body, bytes):
                st, js, _ = c.req(method, path, raw=body, ctype="application/octet-stream")
            else:
                st, js, _ = c.req(method, path, body)
            check(st == status, f"matrix {role:6} {method} {path} -> {st}, want {status}"
                  + ("" if st == status else f" {js}"))

    # the monthly report as a file (issue 6: "from the web UI")
    rep = "/api/v1/reports/monthly"
    st, body, h = office.req("GET", rep + "?month=2021-03")
    check(st == 200 and isinstance(body, bytes) and body[:2] == b"PK"
          and h.get("content-type") ==
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          f"office GET {rep} -> a DOCX (default format) ({st})")
    check(h.get("content-disposition") == 'attachment; filename="bao-cao-thang-2021-03.docx"',
          f"the DOCX comes as an attachment named bao-cao-thang-2021-03.docx ({h.get('content-disposition')})")
    st, body, h = office.req("GET", rep + "?month=2021-03&format=html")
    check(st == 200 and h.get("content-type") == "text/html; charset=utf-8"
          and "BÁO CÁO" in body.decode("utf-8", "replace")
          and "Nhiệm vụ kiểm thử" in body.decode("utf-8", "replace"),
          f"format=html -> the report page with the month's tasks ({st})")
    check(h.get("content-disposition") == 'attachment; filename="bao-cao-thang-2021-03.html"',
          "the HTML report is named bao-cao-thang-2021-03.html")
    st, body, h = leader.req("GET", rep + "?month=2021-03&format=md")
    check(st == 200 and h.get("content-type") == "text/markdown; charset=utf-8"
          and h.get("content-disposition") == 'attachment; filename="bao-cao-thang-2021-03.md"'
          and len(body) > 100, f"leader GET {rep}?format=md -> Markdown ({st})")
    st, js, _ = unit.req("GET", rep + "?month=2021-03&format=html")
    check(st == 403 and err_code(js) == "forbidden", f"unit GET {rep} -> 403 ({st})")
    st, js, _ = anon.req("GET", rep + "?month=2021-03")
    check(st == 401 and err_code(js) is not None, f"anonymous GET {rep} -> 401 ({st})")
    for q, what in (("?month=2021-13", "month 13"), ("", "no month"), ("?month=2021-3x", "bad month"),
                    ("?month=2021-03&format=pdf", "format=pdf"), ("?month=2021-03&format=", "empty format")):
        st, js, h = office.req("GET", rep + q)
        if what == "empty format":
            check(st == 200 and h.get("content-disposition", "").endswith('.docx"'),
                  f"{rep} with an empty format gives the DOCX ({st})")
            continue
        check(st == 400 and err_code(js) == "bad_request" and "message" in js["error"]
              and "content-disposition" not in h,
              f"{rep}{q} -> 400 JSON error ({what}) ({st} {js})")
    st, js, _ = office.req("POST", rep + "?month=2021-03", {})
    check(st == 405, f"POST {rep} -> 405 ({st})")

    # a repeated list comes from the cache (sent from a memory file): the same bytes
    st1, js1, h1 = office.req("GET", "/api/v1/tasks?limit=100")
    st2, js2, h2 = office.req("GET", "/api/v1/tasks?limit=100")
    check(st1 == st2 == 200 and js1 == js2 and int(h2.get("content-length", 0)) > 4096,
          f"a cached answer equals the computed one ({h2.get('content-length')} bytes)")

    # cached lists follow writes made by another process (the CLI) at once
    st, js, _ = office.req("GET", f"/api/v1/tasks?doc={doc_id}&limit=100")
    before = {t["id"]: [u["id"] for u in t["units"]] for t in js["items"]}
    target = ids[11]
    r = subprocess.run([DONDOC, "--db", db, "--today", "2021-03-20", "assign", str(target),
                        "--lead", str(u2)], capture_output=True, text=True)
    check(r.returncode == 0, f"cli assign while the server runs ({r.stderr.strip()})")
    st, js, _ = office.req("GET", f"/api/v1/tasks?doc={doc_id}&limit=100")
    after = {t["id"]: [u["id"] for u in t["units"]] for t in js["items"]}
    check(before.get(target) != after.get(target) and after.get(target) == [u2],
          "a task list answered before a CLI write shows the write afterwards")

    # what a unit sees
    st, js, _ = unit.req("GET", "/api/v1/tasks?limit=100")
    check(st == 200 and js["total"] >= 1 and all(any(u["id"] == u1 for u in t["units"])
                                                   for t in js["items"]),
          "a unit lists only its own unit's tasks")
    st, js, _ = unit.req("GET", f"/api/v1/tasks?unit={u2}")
    check(st == 403, "a unit cannot list another unit's tasks")
    st, js, _ = unit.req("GET", "/api/v1/search?q=kiem+thu")
    check(st == 200 and all(h["kind"] == "task" for h in js["items"]), "a unit's search shows tasks only")
    st, js, _ = office.req("GET", "/api/v1/search?q=" + urllib.parse.quote("kiểm thử"))
    check(st == 200 and len(js["items"]) > 0, "search finds tasks")
    st, js, _ = office.req("GET", "/api/v1/tasks?q=KIEM+THU")
    check(st == 200 and len(js["items"]) > 0, "task search is diacritics- and case-insensitive")
    st, js, _ = office.req("GET", f"/api/v1/tasks/{mine}")
    check(st == 200 and len(js["progress"]) >= 1 and len(js["history"]) >= 1
          and js["document"]["id"] == doc_id, "task detail has progress, history and its document")
    st, js, _ = office.req("GET", "/api/v1/stats")
    counts = {c["status"]: c["count"] for c in js["counts"]} if st == 200 else {}
    check(counts.get("done_on_time") == 2 and counts.get("cancelled") == 2,
          f"stats count the confirmed and cancelled tasks ({counts})")

    st, js, _ = office.req("GET", "/api/v1/stats")
    names = {c["status"]: c["name"] for c in js["counts"]} if st == 200 else {}
    check(names.get("overdue") == "Trễ hạn", "a renamed status shows in the statistics at once")
    st, js, _ = admin.req("POST", "/api/v1/settings", {"key": "status.overdue", "value": None})
    check(st == 200 and js["value"] == "Quá hạn", "value null restores the official name")
    for body in ({"key": "smtp.url", "value": "x"}, {"key": "status.nonsense", "value": "x"},
                 {"key": "status.overdue", "value": ""}, {"key": 5}):
        st, js, _ = admin.req("POST", "/api/v1/settings", body)
        check(st == 400, f"bad setting {body} -> 400")

    # ---- CSRF ---------------------------------------------------------------------
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/progress", {"percent": 1, "note": "x"},
                           csrf=False)
    check(st == 403 and err_code(js) == "csrf", "missing CSRF token -> 403")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/progress", {"percent": 1, "note": "x"},
                           headers={"X-CSRF-Token": "0" * 64})
    check(st == 403 and err_code(js) == "csrf", "wrong CSRF token -> 403")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/progress", {"percent": 1, "note": "x"},
                           headers={"X-CSRF-Token": unit.csrf})
    check(st == 403, "another session's CSRF token -> 403")

    # ---- bad input ------------------------------------------------------------------
    for desc, raw in (("truncated JSON", b'{"percent": 1,'), ("not JSON", b"hello"),
                      ("a JSON array", b"[1,2]"), ("empty body", b""),
                      ("duplicate keys", b'{"percent":1,"percent":2,"note":"x"}')):
        st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/progress", raw=raw,
                               ctype="application/json")
        check(st == 400 and isinstance(js, dict) and "error" in js, f"{desc} -> 400 JSON error")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/progress",
                           {"percent": 10, "note": "x", "colour": "red"})
    check(st == 400 and err_code(js) == "unknown_field" and "colour" in js["error"]["message"],
          "unknown field -> 400 naming it")
    for body in ({"percent": "10", "note": "x"}, {"percent": 101, "note": "x"},
                 {"percent": 10, "note": 5}, {"percent": 10}):
        st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/progress", body)
        check(st == 400, f"bad progress {body} -> 400")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/assign", {"lead": "no such unit xyz"})
    check(st == 422, "assign to an unknown unit -> 422")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/assign", {"due": "2021-02-30"})
    check(st == 400, "assign an impossible date -> 400")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/done", {"action": "maybe"})
    check(st == 400, "done with an unknown action -> 400")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{t[4]}/progress", {"percent": 5, "note": "x"})
    check(st == 422, "progress on a cancelled task -> 422")
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/extensions", {"new_due": "soon", "reason": "x"})
    check(st == 400, "extension with a bad date -> 400")
    big = json.dumps({"due": "2021-03-31", "x": "x" * (MAX_BODY + 10)}).encode()
    st, js, _ = office.req("POST", f"/api/v1/tasks/{mine}/assign", raw=big, ctype="application/json")
    check(st == 413 and err_code(js) == "too_large", "oversized JSON body -> 413")
    st, js = chunked_post(port, office, f"/api/v1/tasks/{mine}/assign", big)
    check(st == 413, f"oversized chunked body (no Content-Length) -> 413 ({st})")
    huge = b"x" * (21 * 1024 * 1024)
    st, js, _ = office.req("POST", "/api/v1/documents?name=big.txt", raw=huge, ctype="text/plain")
    check(st in (413, 0), f"upload over --max-upload -> 413 ({st})")
    st, js, _ = office.req("POST", "/api/v1/documents?name=x.txt", raw=b"", ctype="text/plain")
    check(st == 400, "empty upload -> 400")
    st, js, _ = office.req("POST", "/api/v1/documents?name=../../etc/passwd", raw=b"abc")
    check(st == 400, "upload name with a directory -> 400")
    st, js, _ = office.req("POST", "/api/v1/documents", raw=b"abc")
    check(st == 400, "upload without a name -> 400")
    st, js, _ = office.req("POST", "/api/v1/documents?name=x.docx", raw=b"PK\x03\x04garbage")
    check(st == 422, "corrupt DOCX upload -> 422")
    ocr_upload(office)
    for path, want in (("/api/v1/tasks/999999", 404), ("/api/v1/tasks/abc", 404),
                       ("/api/v1/tasks/0", 404), ("/api/v1/nothing", 404),
                       ("/api/v1/tasks?limit=abc", 400), ("/api/v1/tasks?limit=-1", 400),
                       ("/api/v1/tasks?status=bogus", 400), ("/api/v1/tasks?due_from=2021-13-01", 400),
                       ("/api/v1/tasks?unit=no+such+unit", 400), ("/api/v1/search", 400),
                       ("/api/v1/documents/424242", 404), ("/api/v1/tasks/99999999999999999999", 404)):
        st, js, _ = office.req("GET", path)
        check(st == want and isinstance(js, dict) and "error" in js, f"GET {path} -> {st}, want {want}")
    st, js, _ = office.req("PUT", "/api/v1/tasks", {"x": 1})
    check(st == 405, "PUT /tasks -> 405")
    st, js, _ = office.req("GET", "/api/v1/tasks?status=qua+han")
    check(st == 200, "status filter accepts a Vietnamese name without diacritics")
    st, js, _ = office.req("GET", "/api/v1/tasks?limit=2&offset=1")
    check(st == 200 and len(js["items"]) == 2 and js["total"] >= 12, "paging limit/offset")

    # ---- login rules ------------------------------------------------------------------
    c = Client(port)
    st, js, _ = c.req("POST", "/api/v1/session", raw=b'{"username":"office1","password":"x"}',
                      ctype="text/plain")
    check(st == 415, "login without application/json -> 415")
    st, js, _ = c.req("POST", "/api/v1/session", {"username": "office1"})
    check(st == 400, "login without password -> 400")
    st, js, _ = c.req("POST", "/api/v1/session", {"username": "office1", "password": "x", "otp": 1})
    check(st == 400, "login with an unknown field -> 400")
    st, js, _ = c.login("nobody", "whatever-pass")
    check(st == 401 and err_code(js) == "bad_credentials", "unknown user -> 401")
    for i in range(3):
        st, js, _ = c.login("victim", "wrong-pass")
    check(st == 401, "wrong passwords -> 401")
    st, js, hd = c.login("victim", pw["victim"])
    check(st == 429 and int(hd.get("retry-after", "0")) > 0,
          "after 3 failures even the right password is throttled (429 + Retry-After)")
    st, js, _ = Client(port).login("office1", pw["office1"])
    check(st == 200, "throttling one account leaves the others alone")

    # disabled account: sessions end, login refused
    c2 = Client(port)
    c2.login("unit2", pw["unit2"])
    st, js, _ = admin.req("GET", "/api/v1/users")
    uid = [u["id"] for u in js["items"] if u["username"] == "unit2"][0]
    st, js, _ = admin.req("POST", f"/api/v1/users/{uid}", {"active": False})
    check(st == 200 and js["active"] is False, "admin disables unit2")
    st, js, _ = c2.req("GET", "/api/v1/me")
    check(st == 401, "a disabled account's session ends")
    st, js, _ = Client(port).login("unit2", pw["unit2"])
    check(st == 401, "a disabled account cannot log in")
    st, js, _ = admin.req("POST", "/api/v1/users/1", {"active": False})
    check(st == 409, "admin cannot disable itself")

    # logout
    c3 = Client(port)
    c3.login("leader1", pw["leader1"])
    cookie = c3.cookie
    st, js, _ = c3.req("DELETE", "/api/v1/session")
    check(st == 200, "DELETE /session logs out")
    c3.cookie = cookie
    st, js, _ = c3.req("GET", "/api/v1/me")
    check(st == 401, "the old cookie is dead after logout")

    st, js, _ = anon.req("GET", "/api/v1/me", headers={"Cookie": "dd_session=" + "a" * 64})
    check(st == 401, "a forged cookie -> 401")

    # the CLI acts on the same accounts while the server runs
    before_pw = Client(port)
    before_pw.login("office1", pw["office1"])
    r = subprocess.run([DONDOC, "--db", db, "user", "passwd", "office1"], input="new-office-pass\n",
                       capture_output=True, text=True)
    check(r.returncode == 0, "cli: user passwd (password on stdin)")
    st, js, _ = before_pw.req("GET", "/api/v1/me")
    check(st == 401, "a password changed by the CLI ends the web sessions of that user")
    st, js, _ = Client(port).login("office1", "new-office-pass")
    check(st == 200, "the new password works at once")
    st, js, _ = Client(port).login("office1", pw["office1"])
    check(st == 401, "the old password no longer works")
    pw["office1"] = "new-office-pass"
    r = subprocess.run([DONDOC, "--db", db, "user", "disable", "newbie"], capture_output=True, text=True)
    check(r.returncode == 0, "cli: user disable")
    st, js, _ = Client(port).login("newbie", "newbie-pass")
    check(st == 401, "a user disabled by the CLI cannot log in")
    r = subprocess.run([DONDOC, "--db", db, "user", "list"], capture_output=True, text=True)
    check(r.returncode == 0 and any(l.split()[:3] == ["newbie", "leader", "no"] for l in r.stdout.splitlines()),
          "cli: user list shows the disabled account")
    r = subprocess.run([DONDOC, "--db", db, "user", "disable", "ghost"], capture_output=True, text=True)
    check(r.returncode != 0 and "ghost" in r.stderr, "cli: user disable of an unknown user fails")
    r = subprocess.run([DONDOC, "--db", db, "user", "frob"], capture_output=True, text=True)
    check(r.returncode == 2, "cli: unknown user subcommand -> exit 2")

    # headers past --max-header are refused, not a crash
    fresh = Client(port)
    fresh.login("admin1", pw["admin1"])
    st, js, _ = fresh.req("GET", "/api/v1/me", headers={"X-Filler": "y" * 40000})
    check(st in (0, 413, 431), f"oversized headers are refused ({st})")
    st, js, _ = fresh.req("GET", "/api/v1/me")
    check(st == 200, f"the server still answers after oversized headers ({st})")

    # static UI
    st, body, hd = anon.req("GET", "/")
    check(st == 200 and hd.get("content-type", "").startswith("text/html") and hd.get("etag"),
          "GET / serves the UI with an ETag")
    check("no-cache" in hd.get("cache-control", ""), "UI files are revalidated (Cache-Control)")
    st, body, hd2 = anon.req("GET", "/", headers={"If-None-Match": hd.get("etag", "")})
    check(st == 304, "If-None-Match -> 304")
    st, body, _ = anon.req("GET", "/../../etc/passwd")
    check(st == 404, "no path traversal in static files")
    st, body, _ = anon.req("GET", "/nope.js")
    check(st == 404, "unknown static file -> 404")

    st, body, _ = anon.req("GET", "/x%0Afake%20line%22")
    check(st == 404, "a path with an encoded newline -> 404")

    # access log: one line per request, no injected lines.  The server writes a request's
    # line when the connection finishes with it, which may be just after the client has
    # read the response, so wait (up to 10 s) for the line to arrive.
    deadline = time.time() + 10
    while True:
        lines = open(os.path.join(tmp, "access.log"), errors="replace").read().splitlines()
        if any("/x?fake line?" in l for l in lines) or time.time() > deadline:
            break
        time.sleep(0.05)
    check(not any(l.startswith("fake") for l in lines) and any("/x?fake line?" in l for l in lines),
          "control characters in paths are neutralised in the access log")
    check(len(lines) > 100 and any('"GET /api/v1/me" 401' in l for l in lines),
          f"access log has one line per request ({len(lines)} lines)")


if __name__ == "__main__":
    main()
