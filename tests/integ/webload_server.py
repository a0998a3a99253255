#!/usr/bin/env python3
"""A small HTTP/1.1 server for tests/integ/test_webload.sh: answers by path
and logs one line per request (the path) so the test can count them.

usage: webload_server.py PORTFILE LOGFILE [SLOW_S]
  /fast/N     200, Content-Length, N bytes
  /chunked/N  200, chunked, N bytes in chunks of 100
  /close      200, Content-Length, then Connection: close
  /eof        200, no length: the body ends when the server closes
  /missing    404
  anything    with SLOW_S > 0: one request at a time, each after SLOW_S
"""
import http.server
import socketserver
import sys
import threading
import time

PORTFILE, LOGFILE = sys.argv[1], sys.argv[2]
SLOW = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
lock = threading.Lock()
log = open(LOGFILE, "a", buffering=1)


class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        with lock:
            log.write(self.path + "\n")
            if SLOW > 0:
                time.sleep(SLOW)
        p = self.path
        if p.startswith("/chunked/"):
            n = int(p.split("/")[2])
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            body = b"c" * n
            for i in range(0, n, 100):
                part = body[i:i + 100]
                self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\nX-Trailer: 1\r\n\r\n")
            return
        if p == "/eof":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"e" * 3000)
            self.close_connection = True
            return
        if p == "/missing":
            self.send_response(404)
            self.send_header("Content-Length", "9")
            self.end_headers()
            self.wfile.write(b"not found")
            return
        n = int(p.split("/")[2]) if p.startswith("/fast/") else 10
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(n))
        if p == "/close":
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(b"f" * n)


class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 512


srv = S(("127.0.0.1", 0), H)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
