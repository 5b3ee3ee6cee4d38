#!/usr/bin/env python3
"""Loopback HTTPS server for Gleaner's TLS tests.

Serves the fixture article over TLS with the certificate and key it is given (made by the
test with the openssl command-line tool from a throw-away CA). Binds 127.0.0.1 on a free
port, prints the port on the first line of stdout and exits as soon as its standard input
closes, so the test that started it always stops it.

ALPN offers "h2" and "http/1.1" when the `h2` package is importable (installed by
scripts/setup.sh); a client that picks h2 is answered over HTTP/2, any other over HTTP/1.1.
Every answered request is logged to --log as a JSON line {"path", "protocol"} where
protocol is "h2" or "http/1.1", so a test can tell which one the client spoke.

Usage: tls_server.py --log FILE --cert CERT.pem --key KEY.pem [--no-h2]
"""
import argparse
import json
import os
import socket
import ssl
import sys
import threading

try:
    import h2.config
    import h2.connection
    import h2.events
    HAVE_H2 = True
except ImportError:
    HAVE_H2 = False

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
with open(os.path.join(FIXTURES, "article.html"), "rb") as handle:
    ARTICLE = handle.read()

LOG_LOCK = threading.Lock()


def log(path, protocol):
    with LOG_LOCK, open(ARGS.log, "a") as handle:
        handle.write(json.dumps({"path": path, "protocol": protocol}) + "\n")


def serve_http1(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    request_line = data.split(b"\r\n", 1)[0].decode("latin-1")
    parts = request_line.split(" ")
    path = parts[1] if len(parts) > 1 else "/"
    log(path, "http/1.1")
    if path == "/robots.txt":
        body, status, kind = b"", "404 Not Found", "text/plain"
    else:
        body, status, kind = ARTICLE, "200 OK", "text/html; charset=utf-8"
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii")
    conn.sendall(head + body)


def serve_h2(conn):
    connection = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False))
    connection.initiate_connection()
    conn.sendall(connection.data_to_send())
    while True:
        data = conn.recv(65536)
        if not data:
            return
        for event in connection.receive_data(data):
            if isinstance(event, h2.events.RequestReceived):
                headers = {k.decode() if isinstance(k, bytes) else k: v.decode() if isinstance(v, bytes) else v
                           for k, v in event.headers}
                path = headers.get(":path", "/")
                log(path, "h2")
                if path == "/robots.txt":
                    body, status, kind = b"", "404", "text/plain"
                else:
                    body, status, kind = ARTICLE, "200", "text/html; charset=utf-8"
                connection.send_headers(event.stream_id, [
                    (":status", status), ("content-type", kind), ("content-length", str(len(body)))])
                # Respect the peer's flow-control window and frame size.
                offset = 0
                while offset < len(body):
                    size = min(connection.local_flow_control_window(event.stream_id),
                               connection.max_outbound_frame_size, len(body) - offset)
                    if size <= 0:
                        conn.sendall(connection.data_to_send())
                        more = conn.recv(65536)
                        if not more:
                            return
                        connection.receive_data(more)
                        continue
                    connection.send_data(event.stream_id, body[offset:offset + size])
                    offset += size
                connection.end_stream(event.stream_id)
            elif isinstance(event, h2.events.ConnectionTerminated):
                conn.sendall(connection.data_to_send())
                return
        conn.sendall(connection.data_to_send())


def handle(raw, context):
    try:
        with context.wrap_socket(raw, server_side=True) as conn:
            if conn.selected_alpn_protocol() == "h2":
                serve_h2(conn)
            else:
                serve_http1(conn)
    except (ssl.SSLError, OSError):
        pass  # a client that refuses the certificate ends the handshake: expected


def main():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(ARGS.cert, ARGS.key)
    context.set_alpn_protocols(["h2", "http/1.1"] if HAVE_H2 and not ARGS.no_h2 else ["http/1.1"])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(listener.getsockname()[1], flush=True)

    def accept():
        while True:
            raw, _ = listener.accept()
            threading.Thread(target=handle, args=(raw, context), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()  # returns when the test closes our stdin


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--no-h2", action="store_true")
    ARGS = parser.parse_args()
    main()
