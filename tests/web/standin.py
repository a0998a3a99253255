#!/usr/bin/env python3
# A stand-in for lapak-web, ONLY to work on the browser tests while
# lapak-web is not there (tests/integ/test_web_browser.sh with
# LAPAK_WEB_STANDIN=1; refused in CI). It follows the web contract's routes
# and DOM hooks: the catalogue from the store (read-only, so a HARGA by SMS
# shows), the dashboard from the expectations file (login, CSRF, 403, the
# charts, the expected CSV). Not lapak-web: delete it once lapak-web passes.
# Usage: standin.py PORT EXPECT.json  (cwd: the folder of lapak.db)
import html
import http.server
import json
import os
import re
import secrets
import sqlite3
import sys
import urllib.parse

PORT = int(sys.argv[1])
E = json.load(open(sys.argv[2]))
SESSIONS = set()
BREAK = os.environ.get("STANDIN_BREAK", "")
CSRF = set()

TXT = {
    "id": {"avail": "Tersedia", "sold": "Habis", "search": "Cari",
           "order": "Pesan: SMS"},
    "en": {"avail": "Available", "sold": "Sold out", "search": "Search",
           "order": "Order: SMS"},
}


def db():
    return sqlite3.connect("file:lapak.db?mode=ro", uri=True, timeout=5)


def h(s):
    if BREAK == "xss":	# STANDIN_BREAK=xss: no escaping (a dialog opens)
        return str(s)
    return html.escape(str(s), quote=True)


def masked(name):
    return re.sub(r"\+?\d[\d -]{6,}\d",
                  lambda m: m.group(0)[:4] + "****", name)


def rp(n):
    return "Rp" + "{:,}".format(n).replace(",", ".")


def page(title, body, lang):
    return ("<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width\">"
            "<title>%s</title></head><body>%s</body></html>\n"
            % (lang, h(title), body))


class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *a):
        sys.stderr.write("standin: " + (fmt % a) + "\n")

    def send(self, code, body, ctype="text/html; charset=utf-8", hdrs=()):
        b = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(b)))
        for k, v in hdrs:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(b)

    def cookies(self):
        c = {}
        for part in (self.headers.get("Cookie") or "").split(";"):
            if "=" in part:
                k, v = part.strip().split("=", 1)
                c[k] = v
        return c

    def logged(self):
        return self.cookies().get("sid") in SESSIONS

    def link(self, path, lang):
        return h(path + ("?lang=en" if lang == "en" else ""))

    def products(self, where, args):
        q = ("SELECT p.id, p.name, p.unit, p.price_rp, p.stock - p.reserved,"
             " s.shop FROM products p JOIN sellers s ON s.id = p.seller_id"
             " WHERE p.active = 1 AND " + where + " ORDER BY p.id")
        with db() as c:
            return c.execute(q, args).fetchall()

    def product_li(self, r, lang, tag="li"):
        t = TXT[lang]
        pid, name, unit, price, avail, shop = r
        code = "P%d" % pid
        return ("<%s class=\"product\" data-code=\"%s\"><a href=\"%s\">"
                "<span class=\"name\">%s</span></a> <span class=\"price\">%s%s"
                "</span> <span class=\"stock\">%s</span> <span class=\"shop\">%s"
                "</span> %s <a class=\"sms\" href=\"sms:%s?body=BELI%%20%s\">"
                "BELI %s</a> <span class=\"ussd\">%s</span></%s>"
                % (tag, code, self.link("/i/" + code, lang), h(masked(name)),
                   rp(price), h("/" + unit if unit else ""),
                   t["avail"] if avail > 0 else t["sold"], h(shop), t["order"],
                   h(E["shortcode"]), code, code, h(E["ussd"]), tag))

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        qs = dict(urllib.parse.parse_qsl(u.query))
        lang = "en" if qs.get("lang") == "en" else "id"
        p = u.path
        with db() as c:
            if p == "/":
                reg = c.execute("SELECT name FROM places WHERE code = ?",
                                (E["regency"]["code"],)).fetchone()
                ds = c.execute("SELECT code, name FROM places WHERE parent = ?"
                               " ORDER BY name", (E["regency"]["code"],))
                li = "".join("<li><a class=\"place\" href=\"%s\">%s</a></li>"
                             % (self.link("/p/" + d, lang), h(n)) for d, n in ds)
                form = ("<form id=\"search\" action=\"/cari\"><input name=\"q\">%s"
                        "<button>%s</button></form>" % (
                            "<input type=\"hidden\" name=\"lang\" value=\"en\">"
                            if lang == "en" else "", TXT[lang]["search"]))
                return self.send(200, page(reg[0], "<h1>%s</h1>%s<ul>%s</ul>"
                                           % (h(reg[0]), form, li), lang))
            m = re.fullmatch(r"/p/([0-9.]+)", p)
            if m:
                pl = c.execute("SELECT name, level FROM places WHERE code = ?",
                               (m[1],)).fetchone()
                if not pl:
                    return self.send(404, page("404", "not found", lang))
                if pl[1] == 3:
                    rows = c.execute("SELECT code, name FROM places WHERE "
                                     "parent = ? ORDER BY name", (m[1],))
                    li = "".join("<li><a class=\"place\" href=\"%s\">%s</a>"
                                 "</li>" % (self.link("/p/" + v, lang), h(n))
                                 for v, n in rows)
                else:
                    rows = c.execute("SELECT id, shop FROM sellers WHERE "
                                     "place = ? ORDER BY id", (m[1],))
                    li = "".join("<li><a class=\"shop\" href=\"%s\">%s</a>"
                                 "</li>" % (self.link("/s/%d" % (i + 1000), lang),
                                            h(masked(s))) for i, s in rows)
                return self.send(200, page(pl[0], "<h1>%s</h1><ul>%s</ul>"
                                           % (h(pl[0]), li), lang))
            m = re.fullmatch(r"/s/([0-9]+)", p)
            if m:
                rows = self.products("p.seller_id = ?", (int(m[1]) - 1000,))
                li = "".join(self.product_li(r, lang) for r in rows)
                return self.send(200, page("shop", "<ul>%s</ul>" % li, lang))
            m = re.fullmatch(r"/i/P([0-9]+)", p)
            if m:
                rows = self.products("p.id = ?", (int(m[1]),))
                if not rows:
                    return self.send(404, page("404", "not found", lang))
                return self.send(200, page(masked(rows[0][1]), self.product_li(
                    rows[0], lang, "div"), lang))
        if p == "/cari":
            import difflib
            q = qs.get("q", "").lower()
            rows = [r for r in self.products("p.stock > p.reserved", ())
                    if any(difflib.SequenceMatcher(None, q, w).ratio() > 0.7
                           for w in r[1].lower().split())]
            return self.send(200, page("cari", "<ul>%s</ul>" % "".join(
                self.product_li(r, lang) for r in rows), lang))
        if p == "/login":
            return self.login_form(200, "")
        if p.startswith("/dash"):
            if not self.logged():
                return self.send(303, "", hdrs=[("Location", "/login")])
            place = qs.get("place", E["officer"]["place"])
            if place != E["officer"]["place"] and not place.startswith(
                    E["officer"]["place"] + "."):
                return self.send(403, page("403", "forbidden", lang))
            tok = secrets.token_hex(8)
            CSRF.add(tok)
            out = ("<form method=\"post\" action=\"/logout\"><input type="
                   "\"hidden\" name=\"csrf\" value=\"%s\"><button>Keluar"
                   "</button></form>" % tok)
            if p == "/dash":
                f = E["officer"]["figures"]
                svg = "".join("<svg class=\"chart\" data-series=\"%s\" "
                              "data-values=\"0,%d\" width=\"100\" height=\"20\">"
                              "</svg>" % (k, v) for k, v in f.items())
                return self.send(200, page("dash", "<h1>%s</h1>%s%s<a id=\""
                                           "export\" href=\"/dash/export?format=csv\">"
                                           "export</a>" % (h(E["officer"]["place_name"]),
                                                           svg, out), lang))
            if p == "/dash/report":
                return self.send(200, page("report", "<p>%s</p><a id=\"csv\" "
                                           "href=\"/dash/report.csv?%s\">CSV</a>%s"
                                           % (h(E["csv"]["village"]), h(u.query),
                                              out), lang))
            if p == "/dash/report.csv":
                return self.send(200, open(E["csv"]["file"]).read(),
                                 "text/csv; charset=utf-8")
            if p == "/dash/export":
                rows = self.products("p.place LIKE ?", (place + ".%",))
                return self.send(200, "sku,name,price\n" + "".join(
                    "%s,\"%s\",%d\n" % (r[0], r[1].replace('"', '""'), r[3])
                    for r in rows), "text/csv; charset=utf-8")
            if p == "/dash/agents":
                return self.send(200, page("agents", "<table></table>" + out,
                                           lang))
        return self.send(404, page("404", "not found", lang))

    def login_form(self, code, err, hdrs=()):
        tok = secrets.token_hex(8)
        CSRF.add(tok)
        return self.send(code, page("login", "%s<form id=\"login\" method=\"post\""
                                    " action=\"/login\"><input name=\"user\">"
                                    "<input type=\"password\" name=\"password\">"
                                    "<input type=\"hidden\" name=\"csrf\" "
                                    "value=\"%s\"><button>Masuk</button></form>"
                                    % (err, tok), "id"), hdrs=hdrs)

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        f = dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))
        if f.get("csrf") not in CSRF:
            return self.send(403, page("403", "csrf", "id"))
        CSRF.discard(f["csrf"])
        if self.path == "/login":
            o = E["officer"]
            if f.get("user") != o["user"] or f.get("password") != o["password"]:
                return self.login_form(200, "<p class=\"error\">Salah</p>")
            sid = secrets.token_hex(16)
            SESSIONS.add(sid)
            return self.send(303, "", hdrs=[
                ("Location", "/dash"),
                ("Set-Cookie", "sid=%s; HttpOnly; SameSite=Strict; Path=/" % sid)])
        if self.path == "/logout":
            SESSIONS.discard(self.cookies().get("sid"))
            return self.send(303, "", hdrs=[("Location", "/login")])
        return self.send(404, page("404", "not found", "id"))


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
