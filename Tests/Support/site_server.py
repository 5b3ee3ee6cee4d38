#!/usr/bin/env python3
"""Loopback news sites for Gleaner's site-discovery tests (Python standard library only).

One site per process, chosen with --kind; binds 127.0.0.1 on a free port, prints the port on
the first line of stdout and exits when its standard input closes. Requests are logged to
--log as JSON lines {"path", "status"}.

Kinds (every site serves its articles at /2024/05/0N/story-number-N-of-the-day.html):
  sitemaps    robots.txt names /custom-sitemap.xml (articles 1-2); /news-sitemap.xml lists
              article 3; the home page declares no feed
  feeds       no robots.txt, no sitemap; the home page declares nothing; /feed (the
              WordPress path) is RSS with articles 1-2 and a flaky article 7 whose first
              request answers 503 (retries on later runs)
  alternate   the home page declares <link rel="alternate" type="application/atom+xml"
              href="/latest.atom">: Atom with articles 1-2; nothing else
  none        no robots.txt, sitemap or feed; the home page links to /news/ (a section
              page linking to articles 3-4), /tag/harbour/, /about and article 1; an
              off-site link; /news/ also links to /news/page/2 (a listing page)
"""
import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def article_path(n):
    return "/2024/05/0%d/story-number-%d-of-the-day.html" % (n, n)


def article(n):
    text = ("The harbour council met on day %d to discuss the budget for the new bridge, the school "
            "and the railway. The minister said the market would reopen in winter. " % n) * 4
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Story %d</title>"
            "<meta property='article:published_time' content='2024-05-0%dT10:00:00Z'></head><body>"
            "<article><h1>Story %d headline</h1><p>%s</p><p>%s</p></article></body></html>"
            % (n, n, n, text, text)).encode()


def page(body, head=""):
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Site</title>%s</head><body>%s</body></html>"
            % (head, body)).encode()


def urlset(root, numbers, news=False):
    items = []
    for n in numbers:
        extra = ""
        if news:
            extra = ("<news:news><news:publication><news:name>Site</news:name><news:language>en</news:language>"
                     "</news:publication><news:publication_date>2024-05-0%dT10:00:00Z</news:publication_date>"
                     "<news:title>Story %d</news:title></news:news>" % (n, n))
        items.append("<url><loc>%s%s</loc>%s</url>" % (root, article_path(n), extra))
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">%s</urlset>' % "".join(items)).encode()


def rss(root, numbers):
    items = "".join("<item><title>Story %d</title><link>%s%s</link></item>" % (n, root, article_path(n)) for n in numbers)
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>%s</channel></rss>' % items).encode()


def atom(root, numbers):
    entries = "".join('<entry><title>Story %d</title><link href="%s%s"/><updated>2024-05-0%dT10:00:00Z</updated></entry>'
                      % (n, root, article_path(n), n) for n in numbers)
    return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Site</title>%s</feed>' % entries).encode()


FLAKY = "/2024/05/07/flaky-story-number-7-of-the-day.html"
SEEN = set()


def route(kind, path, root):
    """(status, content type, body) for a path."""
    if path == FLAKY:
        if path not in SEEN:
            SEEN.add(path)
            return 503, "text/html", page("<h1>Busy</h1>")
        return 200, "text/html; charset=utf-8", article(7)
    for n in range(1, 7):
        if path == article_path(n):
            return 200, "text/html; charset=utf-8", article(n)
    if kind == "sitemaps":
        if path == "/robots.txt":
            return 200, "text/plain", ("User-agent: *\nDisallow: /private/\nSitemap: %s/custom-sitemap.xml\n" % root).encode()
        if path == "/custom-sitemap.xml":
            return 200, "application/xml", urlset(root, [1, 2])
        if path == "/news-sitemap.xml":
            return 200, "application/xml", urlset(root, [3], news=True)
        if path == "/":
            return 200, "text/html", page("<h1>Sitemaps site</h1>")
    if kind == "feeds":
        if path == "/feed":
            return 200, "application/rss+xml", rss(root, [1, 2]).replace(
                b"</channel>", ("<item><title>Story 7</title><link>%s%s</link></item></channel>" % (root, FLAKY)).encode())
        if path == "/":
            return 200, "text/html", page("<h1>Feeds site</h1>")
    if kind == "alternate":
        if path == "/latest.atom":
            return 200, "application/atom+xml", atom(root, [1, 2])
        if path == "/":
            return 200, "text/html", page("<h1>Alternate site</h1>",
                                          '<link rel="alternate" type="application/atom+xml" href="/latest.atom">')
    if kind == "none":
        if path == "/":
            return 200, "text/html", page(
                "<nav><a href='/news/'>News</a> <a href='/tag/harbour/'>Harbour</a> <a href='/about'>About</a>"
                " <a href='https://elsewhere.invalid/2024/05/01/off-site-story-with-long-slug.html'>Off</a></nav>"
                "<a href='%s'>Story 1</a>" % article_path(1))
        if path == "/news/":
            return 200, "text/html", page("<a href='%s'>3</a> <a href='%s#comments'>4</a> <a href='/news/page/2'>More</a>"
                                          % (article_path(3), article_path(4)))
        if path == "/tag/harbour/":
            return 200, "text/html", page("<a href='%s'>5</a>" % article_path(5))
        if path in ("/about", "/news/page/2"):
            return 200, "text/html", page("<p>Nothing here</p><a href='%s'>6</a>" % article_path(6))
    return 404, "text/html", page("<h1>Not found</h1>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        root = "http://%s" % self.headers.get("Host")
        path = self.path.split("?", 1)[0]
        status, kind, body = route(ARGS.kind, path, root)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with LOCK, open(ARGS.log, "a") as handle:
            handle.write(json.dumps({"path": self.path, "status": status}) + "\n")

    def log_message(self, *args):
        pass


LOCK = threading.Lock()

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--kind", required=True, choices=["sitemaps", "feeds", "alternate", "none"])
    ARGS = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
