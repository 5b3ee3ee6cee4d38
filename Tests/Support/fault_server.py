#!/usr/bin/env python3
"""Fault-injecting HTTP server for Gleaner's fetcher tests (Python standard library only).

Binds 127.0.0.1 (or --bind, another loopback address) on a free port, prints the port on the first line of stdout, and exits as
soon as its standard input closes -- so the test process that started it stops it even when
it crashes. Every request is logged as JSON lines {"event": "start"|"end", "id", "path",
"host", "t"} (t = time.monotonic()) to the --log file, for the politeness tests.

Routes (GET):
  /article                 the fixture article (UTF-8 HTML)
  /slow?ms=N               the article after N milliseconds
  /gzip /brotli /zstd      the article with that Content-Encoding (br, zstd: fixture files)
  /redirect/N              N-hop redirect chain ending at /article
  /loop                    redirects to itself forever
  /to-file /to-ftp         redirect to file:///etc/passwd and ftp://127.0.0.1/
  /status/N                status N, small HTML body (429 and 503 include Retry-After: 0)
  /flaky?key=K             first request per key: 503 + Retry-After: 1; then the article
  /slow-headers?s=N        headers only after N seconds
  /trickle?s=N             headers at once, then one body byte every 0.1 s for N seconds
  /truncated               Content-Length: 10000, 100 bytes sent, connection closed
  /big?size=N              N bytes of HTML with Content-Length
  /big-stream?size=N       N bytes of HTML without Content-Length (close-delimited)
  /bomb                    gzip-encoded 50 MB of whitespace (about 50 KB on the wire)
  /charset                 windows-1252 bytes, Content-Type charset=windows-1252,
                           <meta charset="utf-8"> (the header must win)
  /pdf                     application/pdf
  /reset                   connection reset (RST) before any response
  /robots.txt              with --robots: disallows /private/ with Crawl-delay: 1;
                           otherwise 404
  /private/...             the article (must never be fetched when robots are obeyed)
"""
import argparse
import gzip
import json
import os
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n\nUser-agent: otherbot\nDisallow: /\n"


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as handle:
        return handle.read()


ARTICLE = fixture("article.html")
CHARSET_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Caf\u00e9 cr\u00e8me</title></head>'
    "<body><article><h1>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e</h1>"
    + "<p>Le caf\u00e9 du march\u00e9 sert une cr\u00e8me br\u00fbl\u00e9e \u00e0 la fa\u00e7on de grand-m\u00e8re, "
    "tous les jours de la semaine, d\u00e8s sept heures du matin et jusqu'\u00e0 la fermeture.</p>" * 4
    + "</article></body></html>"
).encode("windows-1252")

state_lock = threading.Lock()
flaky_seen = set()
bomb_cache = []
log_lock = threading.Lock()
log_file = None
request_counter = [0]


def log(event, request_id, path, host):
    if log_file is None:
        return
    line = json.dumps({"event": event, "id": request_id, "path": path, "host": host, "t": time.monotonic()})
    with log_lock:
        log_file.write(line + "\n")
        log_file.flush()


def bomb_body():
    with state_lock:
        if not bomb_cache:
            bomb_cache.append(gzip.compress(b"<html><body>" + b" " * 50_000_000, compresslevel=9))
        return bomb_cache[0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FaultServer/1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with state_lock:
            request_counter[0] += 1
            request_id = request_counter[0]
        host = self.headers.get("Host", "")
        log("start", request_id, self.path, host)
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            log("end", request_id, self.path, host)

    def route(self):
        parts = urlsplit(self.path)
        path = parts.path
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if path == "/article" or path.startswith("/private/"):
            self.send_body(200, ARTICLE)
        elif path == "/slow":
            time.sleep(int(query.get("ms", "300")) / 1000)
            self.send_body(200, ARTICLE)
        elif path == "/gzip":
            self.send_body(200, gzip.compress(ARTICLE), headers=[("Content-Encoding", "gzip")])
        elif path == "/brotli":
            self.send_body(200, fixture("article.html.br"), headers=[("Content-Encoding", "br")])
        elif path == "/zstd":
            self.send_body(200, fixture("article.html.zst"), headers=[("Content-Encoding", "zstd")])
        elif path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            target = "/article" if hops <= 1 else "/redirect/%d" % (hops - 1)
            self.send_body(302, b"moved", headers=[("Location", target)])
        elif path == "/loop":
            self.send_body(302, b"moved", headers=[("Location", "/loop")])
        elif path == "/to-file":
            self.send_body(302, b"moved", headers=[("Location", "file:///etc/passwd")])
        elif path == "/to-ftp":
            self.send_body(302, b"moved", headers=[("Location", "ftp://127.0.0.1/pub/page.html")])
        elif path.startswith("/status/"):
            status = int(path.rsplit("/", 1)[1])
            headers = [("Retry-After", "0")] if status in (429, 503) else []
            self.send_body(status, b"<html><body><p>status %d</p></body></html>" % status, headers=headers)
        elif path == "/flaky":
            key = query.get("key", "")
            with state_lock:
                first = key not in flaky_seen
                flaky_seen.add(key)
            if first:
                self.send_body(503, b"<html><body>busy</body></html>", headers=[("Retry-After", "1")])
            else:
                self.send_body(200, ARTICLE)
        elif path == "/slow-headers":
            time.sleep(float(query.get("s", "3")))
            self.send_body(200, ARTICLE)
        elif path == "/trickle":
            seconds = float(query.get("s", "3"))
            count = int(seconds * 10)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(count))
            self.end_headers()
            self.wfile.flush()
            for _ in range(count):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "10000")
            self.end_headers()
            self.wfile.write(ARTICLE[:100])
            self.wfile.flush()
            self.close_connection = True
        elif path == "/big":
            size = int(query.get("size", "3000000"))
            body = (b"<html><body>" + b"<p>x</p>" * (size // 8 + 1))[:size]
            self.send_body(200, body)
        elif path == "/big-stream":
            size = int(query.get("size", "3000000"))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>x</p>" * 8192
            sent = 0
            while sent < size:
                self.wfile.write(chunk)
                sent += len(chunk)
            self.close_connection = True
        elif path == "/bomb":
            self.send_body(200, bomb_body(), headers=[("Content-Encoding", "gzip")])
        elif path == "/charset":
            self.send_body(200, CHARSET_PAGE, content_type="text/html; charset=windows-1252")
        elif path == "/pdf":
            self.send_body(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path in RAW_REPLIES:
            # Malformed HTTP, written byte for byte, then the connection is closed.
            self.wfile.write(RAW_REPLIES[path]())
            self.wfile.flush()
            self.close_connection = True
        elif path == "/robots.txt" and self.server.robots:
            self.send_body(200, ROBOTS, content_type="text/plain")
        else:
            self.send_body(404, b"<html><body>not found</body></html>")


def huge_headers():
    pad = b"X-Pad-%d: " + b"a" * 1000 + b"\r\n"
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"".join(pad % i for i in range(4000)) + b"\r\n" + ARTICLE


RAW_REPLIES = {
    # The header block ends mid-line: the connection closes inside "Content-Type".
    "/cut-headers": lambda: b"HTTP/1.1 200 OK\r\nContent-Ty",
    # A chunk size that is not hexadecimal.
    "/bad-chunk": lambda: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + ARTICLE[:50] + b"\r\n0\r\n\r\n",
    # No status line at all: an HTTP/0.9 reply.
    "/http09": lambda: ARTICLE,
    # A status line that is not HTTP.
    "/garbage-status": lambda: b"HTTP/1.1 OK-ish\r\nContent-Type: text/html\r\n\r\n" + ARTICLE,
    # 4 MB of response headers.
    "/huge-headers": huge_headers,
}


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up early (timeouts, limits) are the point of this server


def main():
    global log_file
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", help="request log file (JSON lines)")
    parser.add_argument("--robots", action="store_true", help="serve a restrictive robots.txt")
    parser.add_argument("--bind", default="127.0.0.1", help="loopback address to listen on")
    args = parser.parse_args()
    if args.log:
        log_file = open(args.log, "a", encoding="utf-8")
    server = QuietServer((args.bind, 0), Handler)
    server.robots = args.robots
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    # Stop when the parent closes our stdin (or dies).
    while sys.stdin.buffer.read(65536):
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
