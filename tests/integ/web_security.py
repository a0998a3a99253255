#!/usr/bin/env python3
# lapak-web's security checks over HTTP (tests/integ/test_web_security.sh
# runs it): python3 web_security.py EXPECT.json PART, one PART a run. Every
# check prints "ok ..." or "FAIL ..."; the run ends with
# "web_security PART: N passed, N failed". Requests go through http.client
# (one connection each, from a chosen loopback source address: 127.0.0.x
# are all this host's, so a second client address needs no proxy), or as
# raw bytes over a socket where http.client refuses to send them.
import http.client
import io
import json
import os
import re
import socket
import sys
import zipfile
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

E = json.load(open(sys.argv[1]))
PART = sys.argv[2]
HOST = "127.0.0.1"
PASS = 0
FAIL = 0


def check(what, cond, detail=""):
    global PASS, FAIL
    if cond:
        PASS += 1
        print("ok   " + what)
    else:
        FAIL += 1
        print("FAIL " + what + (": " + detail if detail else ""))


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.body = body

    def h(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def text(self):
        return self.body.decode("utf-8", "replace")


def req(port, method, path, cookies=None, body=None, headers=None,
        src="127.0.0.1"):
    c = http.client.HTTPConnection(HOST, port, timeout=30,
                                   source_address=(src, 0))
    h = dict(headers or {})
    if cookies:
        h["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    if body is not None:
        if isinstance(body, dict):
            body = urlencode(body)
        h["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    out = Resp(r.status, r.getheaders(), r.read())
    c.close()
    return out


def raw(port, data):
    """Sends bytes as they are; the status line's code (0: none)."""
    s = socket.create_connection((HOST, port), timeout=30)
    try:
        s.sendall(data)
        got = b""
        while b"\r\n" not in got:
            b = s.recv(4096)
            if not b:
                break
            got += b
    except OSError:
        got = b""
    s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", got)
    return int(m.group(1)) if m else 0


def set_cookies(r):
    """name -> (value, whole Set-Cookie) of a response."""
    out = {}
    for v in r.all("Set-Cookie"):
        name, _, rest = v.partition("=")
        out[name.strip()] = (rest.split(";")[0], v)
    return out


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]*)"', html)
    return m.group(1) if m else None


def login_form(port, pre=None, src="127.0.0.1", headers=None):
    """GET /login: (the lapak_pre cookie, the form's csrf)."""
    r = req(port, "GET", "/login", cookies={"lapak_pre": pre} if pre
            else None, src=src, headers=headers)
    sc = set_cookies(r)
    return (sc["lapak_pre"][0] if "lapak_pre" in sc else pre,
            csrf_of(r.text()))


def login(port, user, pw, src="127.0.0.1", headers=None, extra=None):
    """A whole login from a fresh client: the POST's response."""
    pre, tok = login_form(port, src=src, headers=headers)
    ck = {"lapak_pre": pre}
    ck.update(extra or {})
    return req(port, "POST", "/login", cookies=ck, src=src, headers=headers,
               body={"user": user, "password": pw, "csrf": tok})


def session(port, user, pw):
    r = login(port, user, pw)
    sc = set_cookies(r)
    if r.status != 303 or "lapak_sid" not in sc:
        raise SystemExit("login %s failed: %d %s" % (user, r.status,
                         r.text()[:300]))
    return sc["lapak_sid"][0]


def opens_dash(port, sid):
    r = req(port, "GET", "/dash", cookies={"lapak_sid": sid})
    return r.status == 200


def dash_csrf(port, sid):
    return csrf_of(req(port, "GET", "/dash", cookies={"lapak_sid": sid})
                   .text())


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("a", "link") and a.get("href"):
            self.links.append(a["href"])
        if tag == "form" and (a.get("method") or "get").lower() == "get" \
                and a.get("action"):
            self.links.append(a["action"])


def same_site(href):
    u = urlsplit(href)
    if u.scheme or u.netloc:
        return (u.scheme in ("http", "https") and u.netloc ==
                "%s:%d" % (HOST, E["port"]))
    return True


def crawl(port, starts, sid=None, limit=600):
    """Every page reachable from starts: [(path, Resp)]."""
    seen, todo, out = set(), list(starts), []
    while todo and len(out) < limit:
        p = todo.pop(0)
        if p in seen:
            continue
        seen.add(p)
        r = req(port, "GET", p, cookies={"lapak_sid": sid} if sid else None)
        out.append((p, r))
        ct = r.h("Content-Type") or ""
        if not ct.startswith("text/html"):
            continue
        lp = Links()
        lp.feed(r.text())
        for href in lp.links:
            if not same_site(href):
                continue
            u = urlsplit(urljoin(p, href.replace("&amp;", "&")))
            q = u.path + ("?" + u.query if u.query else "")
            if u.path == "/logout" or q in seen:
                continue
            todo.append(q)
    return out


def body_texts(p, r):
    """The bytes to search in a response: an XLSX's XML parts unzipped."""
    b = r.body
    if b[:2] == b"PK":
        try:
            z = zipfile.ZipFile(io.BytesIO(b))
            return b"".join(z.read(n) for n in z.namelist())
        except zipfile.BadZipFile:
            return b
    return b


# ---- parts ----

def part_crawl():
    port = E["port"]
    pages = crawl(port, ["/", "/?lang=en", "/login"] +
                  ["/cari?" + urlencode({"q": q}) for q in E["searches"]])
    pub = len(pages)
    for who in E["crawl_officers"]:
        sid = session(port, who["user"], who["password"])
        pages += crawl(port, ["/dash", "/dash?lang=en"] + E["dash_urls"],
                       sid)
    kinds = {}
    for p, r in pages:
        k = re.sub(r"[?].*", "", p)
        k = re.sub(r"/(P?)[0-9][0-9.]*$", r"/\1N", k)
        kinds[k] = kinds.get(k, 0) + 1
    print("# crawled %d pages (%d public): %s" % (len(pages), pub, " ".join(
        "%s=%d" % kv for kv in sorted(kinds.items()))))
    for k in E["kinds"]:
        check("crawl reached page kind %s" % k, k in kinds)
    bad = [(p, r.status) for p, r in pages if r.status != 200]
    check("every crawled page answers 200", not bad, repr(bad[:5]))
    html = [(p, r) for p, r in pages
            if (r.h("Content-Type") or "").startswith("text/html")]
    dl = [(p, r) for p, r in pages if (p, r) not in html]
    check("downloads among the crawled (%d)" % len(dl), len(dl) >= 4)

    # Markup as text: raw never, escaped where the data shows.
    for raw_s in E["raw_never"]:
        hits = [p for p, r in html if raw_s.lower() in r.text().lower()]
        check("no HTML body holds %r" % raw_s, not hits, repr(hits[:5]))
    for esc, where in E["escaped"]:
        miss = [p for p in where
                if p not in dict(html) or esc not in dict(html)[p].text()]
        check("%r shown escaped on %s" % (esc, " ".join(where)), not miss,
              repr(miss))
    # no <script> element at all, no inline handler
    hits = [p for p, r in html if re.search(r"<script|\son[a-z]+=",
                                            r.text(), re.I)]
    check("no <script> and no on*= attribute on any page", not hits,
          repr(hits[:5]))

    # No phone number in any form, in any response (downloads too). A
    # digit run of a product's name is masked on every page and in the
    # marketplace export downloaded from the web.
    for pat in E["phone_res"]:
        rx = re.compile(pat.encode())
        hits = [p for p, r in pages if rx.search(body_texts(p, r))]
        check("no response holds /%s/" % pat, not hits, repr(hits[:5]))
    for pat in E["name_digit_res"]:
        rx = re.compile(pat.encode())
        hits = [p for p, r in pages if rx.search(body_texts(p, r))]
        check("no response (the export too) holds /%s/" % pat, not hits,
              repr(hits[:5]))

    # Headers on every page.
    for p, r in pages:
        csp = r.h("Content-Security-Policy") or ""
        ok = ("default-src 'none'" in csp and "script-src" not in csp and
              r.h("X-Content-Type-Options") == "nosniff" and
              r.h("X-Frame-Options") == "DENY")
        if not ok:
            check("headers on %s" % p, False, repr(r.headers))
            break
    else:
        check("CSP default-src 'none' without script-src, nosniff, "
              "X-Frame-Options DENY on all %d responses" % len(pages), True)
    bad = [p for p, r in pages if p.startswith("/dash") and
           r.h("Cache-Control") != "no-store"]
    check("Cache-Control: no-store on every dashboard page and download",
          not bad, repr(bad[:5]))
    json.dump([[p, r.status, r.h("Content-Type")] for p, r in pages],
              open(os.path.join(E["out"], "crawl.json"), "w"), indent=0)
    for p, r in dl:
        name = re.sub(r"[^A-Za-z0-9]+", "_", p)[:100]
        open(os.path.join(E["out"], "dl" + name), "wb").write(r.body)


def part_csv():
    port = E["port"]
    sid = session(port, E["boss"]["user"], E["boss"]["password"])
    for path, want in E["csv_want"]:
        r = req(port, "GET", path, cookies={"lapak_sid": sid})
        t = r.text()
        check("%s: 200 text/csv" % path, r.status == 200 and
              (r.h("Content-Type") or "").startswith("text/csv"),
              "%d %s" % (r.status, r.h("Content-Type")))
        for line in want:
            check("%s holds %s" % (path, line), line in t,
                  t[:600].replace("\r", ""))
        # no cell begins with a formula character
        bad = []
        for row in t.replace("\r", "").split("\n"):
            for cell in re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,]*)', row):
                v = cell[1:-1] if cell.startswith('"') else cell
                if v[:1] in ("=", "+", "-", "@") and \
                        not re.fullmatch(r"-?[0-9.]+", v):
                    bad.append(v)
        check("%s: no cell begins with = + - @" % path, not bad,
              repr(bad[:5]))


def part_scope():
    port = E["port"]
    o = E["officer"]
    sid = session(port, o["user"], o["password"])
    for page in ("/dash/report", "/dash/report.csv", "/dash/export",
                 "/dash/agents"):
        r = req(port, "GET", "%s?place=%s" % (page, o["place"]),
                cookies={"lapak_sid": sid})
        check("%s?place=own (%s): 200" % (page, o["place"]),
              r.status == 200, str(r.status))
        for place in o["other"] + [o["above"]]:
            r = req(port, "GET", "%s?place=%s" % (page, place),
                    cookies={"lapak_sid": sid})
            check("%s?place=%s: 403" % (page, place), r.status == 403,
                  str(r.status))
            leak = [s for s in o["other_names"] if s in r.text()]
            check("... naming nothing of it", not leak, repr(leak))
        for bad in ("33.18.x", "33.1", "'%3E%3Cb%3E", "33.18.17.2005.1"):
            r = req(port, "GET", "%s?place=%s" % (page, bad),
                    cookies={"lapak_sid": sid})
            check("%s?place=%s: 400" % (page, bad), r.status == 400,
                  str(r.status))
            check("... the bad value escaped", "<b>" not in r.text())


def part_fixation():
    port = E["port"]
    o = E["officer"]
    # A value the client chose.
    chosen = "a" * 64
    pre, tok = login_form(port)
    r = req(port, "POST", "/login", body={"user": o["user"],
            "password": o["password"], "csrf": tok},
            cookies={"lapak_pre": pre, "lapak_sid": chosen})
    sc = set_cookies(r)
    check("login with a chosen lapak_sid: 303 with a Set-Cookie lapak_sid",
          r.status == 303 and "lapak_sid" in sc, "%d %r" % (r.status, sc))
    new = sc.get("lapak_sid", ("",))[0]
    check("... a different id", new != chosen and len(new) >= 32, new)
    check("... the new id opens /dash", opens_dash(port, new))
    check("... the chosen id does not open /dash",
          not opens_dash(port, chosen))
    # An id from an earlier, logged-out session.
    old = session(port, o["user"], o["password"])
    check("an earlier session opens /dash", opens_dash(port, old))
    tok = dash_csrf(port, old)
    r = req(port, "POST", "/logout", body={"csrf": tok},
            cookies={"lapak_sid": old})
    check("logout: 303", r.status == 303, str(r.status))
    check("... deletes the cookie", "Max-Age=0" in
          set_cookies(r).get("lapak_sid", ("", ""))[1])
    check("after logout the old id does not open /dash",
          not opens_dash(port, old))
    r = req(port, "GET", "/dash/report.csv", cookies={"lapak_sid": old})
    check("... nor a download (303 to /login)", r.status == 303 and
          (r.h("Location") or "").endswith("/login"), str(r.status))
    pre, tok = login_form(port)
    r = req(port, "POST", "/login", body={"user": o["user"],
            "password": o["password"], "csrf": tok},
            cookies={"lapak_pre": pre, "lapak_sid": old})
    new = set_cookies(r).get("lapak_sid", ("",))[0]
    check("login sending the logged-out id: a new id", r.status == 303 and
          new not in ("", old), new)
    check("... the logged-out id still closed", not opens_dash(port, old))
    # A live session's id sent at login ends (no two ids of one login).
    live = session(port, o["user"], o["password"])
    pre, tok = login_form(port)
    r = req(port, "POST", "/login", body={"user": o["user"],
            "password": o["password"], "csrf": tok},
            cookies={"lapak_pre": pre, "lapak_sid": live})
    check("login over a live session ends the old one",
          r.status == 303 and not opens_dash(port, live))


def part_csrf():
    port = E["port"]
    o = E["officer"]
    form = {"user": o["user"], "password": o["password"]}

    def refused(what, r):
        check("POST /login %s: 403" % what, r.status == 403, str(r.status))
        check("... and no session", "lapak_sid" not in set_cookies(r))

    pre, tok = login_form(port)
    refused("without the csrf field",
            req(port, "POST", "/login", body=form,
                cookies={"lapak_pre": pre}))
    bad = dict(form, csrf="0" * len(tok))
    refused("with a wrong csrf", req(port, "POST", "/login", body=bad,
            cookies={"lapak_pre": pre}))
    pre2, tok2 = login_form(port)
    check("two pre-login cookies differ", pre2 != pre and tok2 != tok)
    refused("with another pre-login cookie's csrf",
            req(port, "POST", "/login", body=dict(form, csrf=tok2),
                cookies={"lapak_pre": pre}))
    refused("with a csrf but no pre-login cookie",
            req(port, "POST", "/login", body=dict(form, csrf=tok)))
    r = req(port, "POST", "/login", body=dict(form, csrf=tok),
            cookies={"lapak_pre": pre})
    check("the same form with its own csrf logs in (303)", r.status == 303,
          str(r.status))
    sid = session(port, o["user"], o["password"])
    r = req(port, "POST", "/logout", body={}, cookies={"lapak_sid": sid})
    check("POST /logout without csrf: 403", r.status == 403, str(r.status))
    check("... the session still valid", opens_dash(port, sid))
    other = session(port, o["user"], o["password"])
    r = req(port, "POST", "/logout", body={"csrf": dash_csrf(port, other)},
            cookies={"lapak_sid": sid})
    check("POST /logout with another session's csrf: 403", r.status == 403,
          str(r.status))
    check("... the session still valid", opens_dash(port, sid))
    r = req(port, "POST", "/logout", body={"csrf": dash_csrf(port, sid)},
            cookies={"lapak_sid": sid})
    check("POST /logout with its csrf: 303, ended", r.status == 303 and
          not opens_dash(port, sid))


def limited(r, msg):
    return r.status == 429 and "lapak_sid" not in set_cookies(r) and \
        'class="error"' in r.text() and msg in r.text()


def part_brute():
    port = E["port"]
    u = E["brute"]          # users: name -> password; all unused elsewhere
    msg = E["limit_msg"]
    # Per client address: 127.0.0.5 fails 5 times (on a name that exists).
    for i in range(5):
        r = login(port, "brute_a", "wrong-%d-password" % i, src="127.0.0.5")
        if r.status != 401:
            break
    check("5 wrong passwords from 127.0.0.5: each 401 with .error",
          r.status == 401 and 'class="error"' in r.text(), str(r.status))
    r = login(port, "brute_b", u["brute_b"], src="127.0.0.5")
    check("... then another officer's right password from 127.0.0.5: 429 "
          "with the limit message", limited(r, msg),
          "%d %s" % (r.status, r.text()[:400]))
    r = login(port, "brute_b", u["brute_b"], src="127.0.0.6")
    check("... the same from 127.0.0.6: logged in (303)", r.status == 303,
          str(r.status))
    r = login(port, "brute_a", u["brute_a"], src="127.0.0.7")
    check("per name: brute_a's right password from 127.0.0.7: 429",
          limited(r, msg), str(r.status))
    # X-Forwarded-For from the trusted proxy (127.0.0.1) names the client.
    xf = {"X-Forwarded-For": "192.0.2.1"}
    for i in range(5):
        r = login(port, "ghost", "wrong-%d-password" % i, headers=xf)
    check("5 wrong logins via the proxy for 192.0.2.1: 401",
          r.status == 401, str(r.status))
    r = login(port, "brute_c", u["brute_c"], headers=xf)
    check("... then a right password for 192.0.2.1: 429", limited(r, msg),
          str(r.status))
    r = login(port, "brute_c", u["brute_c"],
              headers={"X-Forwarded-For": "198.51.100.7, 192.0.2.2"})
    check("... for 192.0.2.2 (the last hop) through the same proxy: 303",
          r.status == 303, str(r.status))
    # From an untrusted peer X-Forwarded-For is ignored: the peer counts.
    xf = {"X-Forwarded-For": "192.0.2.9"}
    for i in range(5):
        r = login(port, "ghost2", "wrong-%d-password" % i, src="127.0.0.8",
                  headers=xf)
    r = login(port, "brute_d", u["brute_d"], src="127.0.0.8",
              headers={"X-Forwarded-For": "192.0.2.10"})
    check("untrusted peer 127.0.0.8 with a new X-Forwarded-For each time: "
          "still limited (429)", limited(r, msg), str(r.status))
    r = login(port, "brute_d", u["brute_d"], src="127.0.0.9", headers=xf)
    check("... and 192.0.2.9's failures were never counted: 127.0.0.9 "
          "claiming it logs in (303)", r.status == 303, str(r.status))
    r = req(port, "GET", "/?lang=en")
    check("the catalogue still answers the limited client", r.status == 200)


def part_cookies():
    port = E["port"]
    o = E["officer"]
    r = req(port, "GET", "/login")
    pre = set_cookies(r).get("lapak_pre", ("", ""))[1]
    r = login(port, o["user"], o["password"])
    sid = set_cookies(r).get("lapak_sid", ("", ""))[1]
    for name, v in (("lapak_pre", pre), ("lapak_sid", sid)):
        attrs = [a.strip() for a in v.split(";")]
        check("%s: HttpOnly; SameSite=Strict; Path=/ (%s)" % (name, v),
              "HttpOnly" in attrs and "SameSite=Strict" in attrs and
              "Path=/" in attrs)
        check("%s: not Secure behind an http base_url" % name,
              "Secure" not in attrs)
    sport = E["secure_port"]
    r = req(sport, "GET", "/login", src=E["allowed_src"])
    v = set_cookies(r).get("lapak_pre", ("", ""))[1]
    check("https base_url: the cookie is Secure (%s)" % v,
          "Secure" in [a.strip() for a in v.split(";")] and
          "HttpOnly" in v and "SameSite=Strict" in v)
    r = login(sport, o["user"], o["password"], src=E["allowed_src"])
    v = set_cookies(r).get("lapak_sid", ("", ""))[1]
    check("https base_url: the session cookie is Secure", r.status == 303 and
          "Secure" in [a.strip() for a in v.split(";")], v)
    # web.allow on the same second server.
    for p in ("/login", "/dash", "/dash/report.csv", "/dash/export"):
        r = req(sport, "GET", p)
        check("web.allow: %s from 127.0.0.1 (not allowed): 403" % p,
              r.status == 403, str(r.status))
    r = req(sport, "POST", "/login", body={"user": o["user"]})
    check("web.allow: POST /login from 127.0.0.1: 403", r.status == 403)
    for p in ("/", "/i/P1", "/cari?q=kopi"):
        r = req(sport, "GET", p)
        check("web.allow: %s stays public (200)" % p, r.status == 200,
              str(r.status))
    r = req(sport, "GET", "/login", src=E["allowed_src"])
    check("web.allow: /login from %s (allowed): 200" % E["allowed_src"],
          r.status == 200)


def part_badreq():
    port = E["port"]
    for u in ("/cari?q=" + "a" * 2000, "/i/P1?lang=en&x=" + "a" * 1100,
              "/p/" + "3" * 1100, "/dash?x=" + "b" * 1100):
        r = req(port, "GET", u)
        check("a %d-byte URL (%s...): 414" % (len(u), u[:8]),
              r.status == 414, str(r.status))
    r = req(port, "GET", "/i/P1?x=" + "a" * 900)
    check("a 909-byte URL: 200", r.status == 200, str(r.status))
    st = raw(port, b"GET /cari?q=" + b"a" * 40000 + b" HTTP/1.1\r\nHost: x"
             b"\r\nConnection: close\r\n\r\n")
    check("a 40,000-byte URL: refused (414, 431 or 400; got %d)" % st,
          st in (400, 414, 431))
    pre, tok = login_form(port)
    r = req(port, "POST", "/login", cookies={"lapak_pre": pre},
            body="user=x&csrf=%s&password=%s" % (tok, "p" * 100000))
    check("a 100 KB POST body: 400 or 413", r.status in (400, 413),
          str(r.status))
    check("... and no session", "lapak_sid" not in set_cookies(r))
    for q in (b"/cari?q=a%00b", b"/cari?q=%ff%fe%c0%af", b"/cari?q=\xff\xfe",
              b"/cari?q=a\x00b", b"/i/P1?lang=%00", b"/p/%ff",
              b"/dash/report?place=%00", b"/cari?q=%"):
        st = raw(port, b"GET " + q + b" HTTP/1.1\r\nHost: x\r\n"
                 b"Connection: close\r\n\r\n")
        check("GET %r: answered (%d)" % (q, st), 200 <= st < 500 and
              st not in (0,))
    r = req(port, "GET", "/cari?q=%ff%fe")
    check("invalid UTF-8 in the query: a page", r.status in (200, 400) and
          b"</html>" in r.body, str(r.status))
    for m in ("FOO", "PUT", "DELETE", "PATCH"):
        r = req(port, m, "/")
        check("%s /: 405" % m, r.status == 405, str(r.status))
    r = req(port, "PUT", "/login")
    check("PUT /login: 405", r.status == 405, str(r.status))
    st = raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-A: " + b"b" * 60000 +
             b"\r\nConnection: close\r\n\r\n")
    check("a 60 KB header: refused (%d)" % st, 400 <= st < 500)
    r = req(port, "GET", "/")
    check("lapak-web still answers after all of it", r.status == 200)


{"crawl": part_crawl, "csv": part_csv, "scope": part_scope,
 "fixation": part_fixation, "csrf": part_csrf, "brute": part_brute,
 "cookies": part_cookies, "badreq": part_badreq}[PART]()
print("web_security %s: %d passed, %d failed" % (PART, PASS, FAIL))
sys.exit(1 if FAIL else 0)
