#!/usr/bin/env python3
"""Writes WARC files of saved HTML pages with warcio, for the Spark test and the benchmarks.

  make_warcs.py OUT_DIR FILES PAGE... [--repeat N] [--corrupt]

Pages are spread round-robin over FILES `pages-NN.warc.gz` files, each page a `response`
record (Content-Type text/html) for http://bench.test/<file name>, one gzip member per record,
as Common Crawl writes them. --repeat writes the page list N times (a large file for memory
measurements); --corrupt adds broken.warc.gz with one damaged member.
"""
import argparse
import gzip
import io
import os

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def read_page(path):
    """The page's bytes; saved pages ending in .gz are stored un-gzipped, as a server sends them."""
    with open(path, "rb") as source:
        body = source.read()
    return gzip.decompress(body) if path.endswith(".gz") else body


def record(writer, name, body):
    if name.endswith(".gz"):
        name = name[:-3]
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    uri = "http://bench.test/" + name.replace(" ", "%20")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("files", type=int)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--corrupt", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    handles = [open(os.path.join(args.out, f"pages-{index:02d}.warc.gz"), "wb") for index in range(args.files)]
    writers = [WARCWriter(handle, gzip=True) for handle in handles]
    count = 0
    for round_ in range(args.repeat):
        for index, page in enumerate(args.pages):
            body = read_page(page)
            name = os.path.basename(page) if round_ == 0 else f"{round_}/{os.path.basename(page)}"
            record(writers[count % args.files], name, body)
            count += 1
    for handle in handles:
        handle.close()
    if args.corrupt:
        path = os.path.join(args.out, "broken.warc.gz")
        with open(path, "wb") as out:
            writer = WARCWriter(out, gzip=True)
            for page in args.pages[:3]:
                record(writer, "broken-" + os.path.basename(page), read_page(page))
        with open(path, "rb") as stream:
            data = bytearray(stream.read())
        # Damage the second member's compressed bytes.
        import zlib
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        decompressor.decompress(bytes(data))
        second = len(data) - len(decompressor.unused_data)
        for i in range(second + 40, second + 80):
            data[i] ^= 0x33
        with open(path, "wb") as out:
            out.write(data)
    print(count)


if __name__ == "__main__":
    main()
