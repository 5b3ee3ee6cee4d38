#!/usr/bin/env python3
"""Loopback news site for Gleaner's pipeline tests and benchmark (Python standard library only).

Binds 127.0.0.1 on a free port, prints the port on the first line of stdout, and exits when its
standard input closes (so the test process that started it always stops it). Each request is
logged to --log as a JSON line {"path", "status", "inm"} (inm: the If-None-Match sent).

Routes (GET):
  /page/N.html           article N (unique text); ETag "pN", honours If-None-Match -> 304
  /copy/N.html           a near-copy of article N (same body, other headline and intro)
  /bare/N.html           article N without headline, date or language in the markup
  /feed.rss /feed.atom /feed.json   pages 1-3 as RSS 2.0 / Atom / JSON Feed
  /sitemap.xml           urlset: pages 4-5
  /news-sitemap.xml      Google News sitemap: /bare/6.html and /bare/7.html with title/date/language
  /index.xml.gz          gzip sitemap index -> /sitemap.xml, /part.xml.gz, /news-sitemap.xml
  /part.xml.gz           gzip urlset: page 8
  /big.xml?n=N           urlset of /page/0.html ... /page/N-1.html (benchmarks)
Pages wait --delay-ms milliseconds before answering.
"""
import argparse
import gzip
import json
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WORDS = ("river council budget school harbour railway minister election festival museum energy "
         "village market winter bridge farmers court hospital police teachers airport weather "
         "library football orchestra mayor climate housing transport parliament science bakery").split()


def body_text(n):
    rng = random.Random(n)
    paragraphs = []
    for _ in range(6):
        words = [rng.choice(WORDS) for _ in range(45)]
        paragraphs.append(" ".join(words).capitalize() + ".")
    return paragraphs


def article(n, headline=True, intro=None, date=True):
    paragraphs = body_text(n)
    if intro:
        paragraphs = [intro] + paragraphs
    head = '<html lang="en"><head><meta charset="utf-8">'
    if headline:
        head += "<title>Story %d</title>" % n
    if date:
        head += '<meta property="article:published_time" content="2024-05-0%dT10:30:00+02:00">' % (1 + n % 9)
    head += "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    if headline:
        head += "<h1>Story %d headline</h1>" % n
    return (head + "".join("<p>%s</p>" % p for p in paragraphs) + "</article><footer>Footer</footer></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=None):
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)
        self.server.log({"path": self.path, "status": status, "inm": self.headers.get("If-None-Match")})

    def xml(self, text, gz=False):
        body = text.encode()
        if gz:
            body = gzip.compress(body, mtime=0)  # fixed bytes, like a static file: a changing gzip timestamp would make the listing look changed
        self.send(200, body, "application/gzip" if gz else "application/xml")

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.server.server_port, path)

    def do_GET(self):
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path.startswith(("/page/", "/copy/", "/bare/")):
            if self.server.delay:
                time.sleep(self.server.delay)
            try:
                n = int(path.split("/")[2].split(".")[0])
            except ValueError:
                return self.send(404, b"not found")
            etag = '"%s%d"' % (path[1], n)
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, headers={"ETag": etag})
            if path.startswith("/page/"):
                body = article(n)
            elif path.startswith("/copy/"):
                body = article(n, intro="Syndicated from the agency wire service today.")
            else:
                body = article(n, headline=False, date=False).replace(b' lang="en"', b"")
            return self.send(200, body, headers={"ETag": etag, "Last-Modified": "Wed, 01 May 2024 08:00:00 GMT"})
        if path == "/robots.txt":
            return self.send(404, b"")
        if path == "/feed.rss":
            items = "".join("<item><title>Feed story %d</title><link>%s</link><pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate></item>"
                            % (i, self.url("/page/%d.html" % i)) for i in (1, 2, 3))
            return self.xml('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>%s</channel></rss>' % items)
        if path == "/feed.atom":
            entries = "".join('<entry><title>Atom %d</title><link rel="alternate" href="%s"/><updated>2024-05-01T08:00:00Z</updated></entry>'
                              % (i, self.url("/page/%d.html" % i)) for i in (1, 2, 3))
            return self.xml('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>%s</feed>' % entries)
        if path == "/feed.json":
            feed = {"version": "https://jsonfeed.org/version/1.1", "title": "T",
                    "items": [{"id": str(i), "url": self.url("/page/%d.html" % i), "title": "Json %d" % i} for i in (1, 2, 3)]}
            return self.send(200, json.dumps(feed).encode(), "application/feed+json")
        if path == "/sitemap.xml":
            urls = "".join("<url><loc>%s</loc></url>" % self.url("/page/%d.html" % i) for i in (4, 5))
            return self.xml('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>' % urls)
        if path == "/news-sitemap.xml":
            urls = "".join(
                "<url><loc>%s</loc><news:news><news:publication><news:name>Loop News</news:name><news:language>de</news:language>"
                "</news:publication><news:publication_date>2024-06-0%dT09:00:00+02:00</news:publication_date>"
                "<news:title>News title %d</news:title></news:news></url>" % (self.url("/bare/%d.html" % i), i, i) for i in (6, 7))
            return self.xml('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">%s</urlset>' % urls)
        if path == "/index.xml.gz":
            maps = "".join("<sitemap><loc>%s</loc></sitemap>" % self.url(p) for p in ("/sitemap.xml", "/part.xml.gz", "/news-sitemap.xml"))
            return self.xml('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</sitemapindex>' % maps, gz=True)
        if path == "/part.xml.gz":
            return self.xml('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s</loc></url></urlset>'
                            % self.url("/page/8.html"), gz=True)
        if path == "/big.xml":
            n = int(query.get("n", ["1000"])[0])
            urls = "".join("<url><loc>%s</loc></url>" % self.url("/page/%d.html" % i) for i in range(n))
            return self.xml('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>' % urls)
        return self.send(404, b"not found")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address, delay, log_path):
        super().__init__(address, Handler)
        self.delay = delay
        self.lock = threading.Lock()
        self.log_file = open(log_path, "a") if log_path else None

    def log(self, entry):
        if self.log_file:
            with self.lock:
                self.log_file.write(json.dumps(entry) + "\n")
                self.log_file.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), args.delay_ms / 1000.0, args.log)
    print(server.server_port, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    server.shutdown()


if __name__ == "__main__":
    main()
