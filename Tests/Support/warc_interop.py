#!/usr/bin/env python3
"""WARC interop helper for the Swift tests, using the two readers/writers people use.

  warc_interop.py validate FILE...   read with warcio and FastWARC, check every digest;
                                     prints one JSON object: per-file record types and failures
  warc_interop.py make-edge DIR      writes edge-case archives with warcio (chunked and gzip
                                     payloads, spaces in the target URI, truncated, resource,
                                     revisit, request/metadata, corrupted members, not-WARC)
  warc_interop.py make-wacz DIR      writes WACZ files (Webrecorder's ZIP of WARC files) with
                                     zipfile: crawl.wacz (stored), deflated.wacz (one entry
                                     deflated), zip64.wacz (ZIP64 end records and extra fields)
"""
import gzip
import io
import json
import os
import sys


def validate(paths):
    from warcio.archiveiterator import ArchiveIterator
    from fastwarc.warc import ArchiveIterator as FastIterator, WarcRecordType
    report = {}
    for path in paths:
        entry = {"warcio": [], "fastwarc": [], "failures": [], "responses": []}
        with open(path, "rb") as stream:
            iterator = ArchiveIterator(stream, check_digests=True)
            for record in iterator:
                record.raw_stream.read()
                entry["warcio"].append(record.rec_type)
                if record.rec_type == "response" and record.http_headers:
                    entry["responses"].append(f"{record.http_headers.get_statuscode()} {record.rec_headers.get_header('WARC-Target-URI')}")
                if record.digest_checker.problems:
                    entry["failures"].append(f"warcio {record.rec_type}: {record.digest_checker.problems}")
                if record.digest_checker.passed is False:
                    entry["failures"].append(f"warcio {record.rec_type}: digest check failed")
        # FastWARC: block digests on the raw block, payload digests with the HTTP head parsed.
        with open(path, "rb") as stream:
            for record in FastIterator(stream, parse_http=False):
                name = str(record.record_type).split(".")[-1]
                entry["fastwarc"].append(name)
                if "WARC-Block-Digest" in record.headers and not record.verify_block_digest(consume=False):
                    entry["failures"].append(f"fastwarc {name}: block digest")
        with open(path, "rb") as stream:
            for record in FastIterator(stream, parse_http=True, record_types=WarcRecordType.response):
                if "WARC-Payload-Digest" in record.headers and not record.verify_payload_digest(consume=False):
                    entry["failures"].append("fastwarc response: payload digest")
        report[path] = entry
    print(json.dumps(report))


PAGE = b"<!DOCTYPE html><html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s</p></article></body></html>"


def page(title):
    sentence = (b"This is the story of %s, told in enough words to be taken for an article body. " % title) * 6
    return PAGE % (title, title, sentence)


def response(writer, uri, payload, headers, rec_type="response", warc_headers=None):
    from warcio.statusandheaders import StatusAndHeaders
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(payload), http_headers=http,
                                       warc_headers_dict=warc_headers or {})
    writer.write_record(record)


def make_edge(directory):
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders
    os.makedirs(directory, exist_ok=True)

    # 1. Everything that must qualify or be skipped, one gzip member per record.
    with open(os.path.join(directory, "edge.warc.gz"), "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("edge.warc.gz", {"software": "warcio"}))
        # plain HTML response
        response(writer, "http://example.com/plain", page(b"Plain"), [("Content-Type", "text/html; charset=utf-8")])
        # chunked + gzip stored as sent
        body = gzip.compress(page(b"Chunked"))
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 100]), body[i:i + 100]) for i in range(0, len(body), 100)) + b"0\r\n\r\n"
        response(writer, "http://example.com/chunked", chunked, [
            ("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")])
        # a space in the target URI (warcio's writer would escape it: written by hand, as some crawlers do)
        out.flush()
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page(b"Spaces")
        out.write(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/with space/page one\r\n"
                                b"WARC-Date: 2020-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
                                b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(block) + block + b"\r\n\r\n"))
        # truncated
        response(writer, "http://example.com/truncated", page(b"Truncated")[:300], [("Content-Type", "text/html")],
                 warc_headers={"WARC-Truncated": "length"})
        # resource record of HTML
        record = writer.create_warc_record("http://example.com/resource", "resource", payload=io.BytesIO(page(b"Resource")),
                                           warc_content_type="text/html")
        writer.write_record(record)
        # revisit
        revisit = writer.create_revisit_record("http://example.com/plain", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                               refers_to_uri="http://example.com/plain", refers_to_date="2020-01-01T00:00:00Z")
        writer.write_record(revisit)
        # request, metadata: skipped
        request = writer.create_warc_record("http://example.com/plain", "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders("GET /plain HTTP/1.1", [("Host", "example.com")], is_http_request=True))
        writer.write_record(request)
        writer.write_record(writer.create_warc_record("http://example.com/plain", "metadata", payload=io.BytesIO(b"via: x\r\n"),
                                                      warc_content_type="application/warc-fields"))
        # a non-HTML response and a 404: skipped by default
        response(writer, "http://example.com/data.json", b'{"a": 1}', [("Content-Type", "application/json")])
        from warcio.statusandheaders import StatusAndHeaders as SH
        record = writer.create_warc_record("http://example.com/missing", "response", payload=io.BytesIO(page(b"Missing")),
                                           http_headers=SH("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
        writer.write_record(record)
        # no Content-Type: sniffed; brotli-encoded
        response(writer, "http://example.com/untyped", page(b"Untyped"), [])
        try:
            import brotli
            response(writer, "http://example.com/brotli", brotli.compress(page(b"Brotli")), [("Content-Type", "text/html"), ("Content-Encoding", "br")])
        except ImportError:
            pass

    # 2. The same pages with one member corrupted in the middle of the file.
    with open(os.path.join(directory, "edge.warc.gz"), "rb") as stream:
        data = stream.read()
    members = member_offsets(data)
    third = members[2]
    damaged = bytearray(data)
    for i in range(third + 30, third + 60):
        damaged[i] ^= 0x5A
    with open(os.path.join(directory, "corrupt-member.warc.gz"), "wb") as out:
        out.write(damaged)
    # 3. Cut off in the middle of the last member.
    with open(os.path.join(directory, "cut.warc.gz"), "wb") as out:
        out.write(data[: members[-1] + 20])
    # 4. Uncompressed, and whole-file gzip.
    with open(os.path.join(directory, "plain.warc"), "wb") as out:
        writer = WARCWriter(out, gzip=False)
        response(writer, "http://example.com/a", page(b"Alpha"), [("Content-Type", "text/html")])
        response(writer, "http://example.com/b", page(b"Beta"), [("Content-Type", "text/html")])
    with open(os.path.join(directory, "plain.warc"), "rb") as stream:
        plain = stream.read()
    with open(os.path.join(directory, "whole.warc.gz"), "wb") as out:
        out.write(gzip.compress(plain))
    # 5. A bad header block and a missing Content-Length between good records, uncompressed.
    first, second = plain.split(b"WARC/1.0", 2)[1:3] if plain.count(b"WARC/1.0") >= 2 else (None, None)
    with open(os.path.join(directory, "bad-headers.warc"), "wb") as out:
        records = [b"WARC/1.0" + part for part in plain.split(b"WARC/1.0")[1:]]
        out.write(records[0])
        out.write(b"GARBAGE LINE\r\nnot a header\r\n\r\nsome bytes\r\n\r\n")
        out.write(records[1].replace(b"Content-Length:", b"X-Length:", 1))
        out.write(records[0])
        out.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    # 6. Not a WARC at all, named .warc.gz.
    with open(os.path.join(directory, "not-a-warc.warc.gz"), "wb") as out:
        out.write(gzip.compress(b"<html><body>just a page</body></html>"))
    print(json.dumps({"members": members}))


def make_wacz(directory):
    import struct
    import zipfile
    import zlib
    from warcio.warcwriter import WARCWriter
    os.makedirs(directory, exist_ok=True)
    archives = {}
    for name, titles, gz in (("archive/data.warc.gz", (b"One", b"Two"), True), ("archive/more.warc", (b"Three",), False)):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gz)
        for title in titles:
            response(writer, "http://example.com/" + title.decode().lower(), page(title), [("Content-Type", "text/html; charset=utf-8")])
        archives[name] = buffer.getvalue()
    others = {"datapackage.json": b'{"profile": "data-package", "resources": []}', "pages/pages.jsonl": b"{}\n",
              "indexes/index.cdx": b""}
    with zipfile.ZipFile(os.path.join(directory, "crawl.wacz"), "w", zipfile.ZIP_STORED) as wacz:
        wacz.writestr("datapackage.json", others["datapackage.json"])
        for name, data in archives.items():
            wacz.writestr(name, data)
        wacz.writestr("pages/pages.jsonl", others["pages/pages.jsonl"])
    with zipfile.ZipFile(os.path.join(directory, "deflated.wacz"), "w", zipfile.ZIP_STORED) as wacz:
        wacz.writestr("archive/data.warc.gz", archives["archive/data.warc.gz"], compress_type=zipfile.ZIP_DEFLATED)
        wacz.writestr("archive/more.warc", archives["archive/more.warc"])
    # ZIP64 by hand (zipfile writes it only past 4 GiB): sizes and offsets 0xFFFFFFFF in the
    # central directory with the real values in ZIP64 extra fields, then the ZIP64 end record
    # and its locator before the classic end record.
    out, central = bytearray(), bytearray()
    for name, data in list(archives.items()) + [("datapackage.json", others["datapackage.json"])]:
        raw, offset, crc = name.encode(), len(out), zlib.crc32(data)
        local_extra = struct.pack("<HHQQ", 1, 16, len(data), len(data))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(raw), len(local_extra))
        out += raw + local_extra + data
        extra = struct.pack("<HHQQQ", 1, 24, len(data), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                               len(raw), len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + raw + extra
    start, count = len(out), len(archives) + 1
    out += central
    end64 = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central), start)
    out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(os.path.join(directory, "zip64.wacz"), "wb") as handle:
        handle.write(out)
    with zipfile.ZipFile(os.path.join(directory, "zip64.wacz")) as check:
        assert check.read("archive/more.warc") == archives["archive/more.warc"]


def member_offsets(data):
    """Offsets of the gzip members of a file."""
    import zlib
    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        decompressor.decompress(data[position:])
        position = len(data) - len(decompressor.unused_data)
    return offsets


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "validate":
        validate(sys.argv[2:])
    elif command == "make-edge":
        make_edge(sys.argv[2])
    elif command == "make-wacz":
        make_wacz(sys.argv[2])
    else:
        sys.exit(f"unknown command {command}")
