#!/usr/bin/env bash
# Hostile pages against issue 10's budget (no page over 2 s or 500 MB), on a release binary:
#   attributes — one element with 100,000 attributes (about 1.2 MB)
#   text-node  — one 50 MB text node
#   gzip       — a .gz expanding to 60 MB
# and peak fetch memory against `scrape --max-bytes` (a loopback server sends a body larger
# than the cap, and one just under it). Prints wall seconds and peak RSS (`/usr/bin/time -v`)
# per case, with the load average — the machine may be shared. Measured 2026-12-02 (load 2.6,
# 2 cores): attributes 0.03 s / 30 MB, text node 0.83 s / 183 MB, gzip 1.21 s / 217 MB; scrape
# with --max-bytes 20M: a 25 MB body is refused (too_large) at 29 MB RSS, a 15 MB one 81 MB.
#
#   scripts/bench-hostile.sh [GLEANER]        default: build/release/gleaner, else .build/release/gleaner
set -euo pipefail
cd "$(dirname "$0")/.."
gleaner=${1:-}
if [[ -z $gleaner ]]; then
  for candidate in build/release/gleaner .build/release/gleaner; do
    [[ -x $candidate ]] && { gleaner=$candidate; break; }
  done
fi
[[ -x ${gleaner:-} ]] || { echo "no release binary: run scripts/build-release.sh (or swift build -c release) first" >&2; exit 2; }
work=$(mktemp -d)
server_pid=""
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import gzip, sys, os
out = sys.argv[1]
with open(os.path.join(out, "attributes.html"), "w") as f:
    f.write("<html><body><div " + " ".join("a%d=x" % i for i in range(100000)) + ">t</div><p>After.</p></body></html>")
with open(os.path.join(out, "text-node.html"), "w") as f:
    f.write("<html><body><p>" + ("word " * (50 * 1024 * 1024 // 5)) + "</p></body></html>")
page = b"<html><body><article><h1>Big</h1>" + b"<p>" + b"padding text " * (60 * 1024 * 1024 // 13) + b"</p></article></body></html>"
with gzip.open(os.path.join(out, "expands.html.gz"), "wb", compresslevel=6) as f:
    f.write(page)
with open(os.path.join(out, "body-25m"), "wb") as f:
    f.write(b"<html><body><p>" + b"x" * (25 * 1024 * 1024) + b"</p></body></html>")
with open(os.path.join(out, "body-15m"), "wb") as f:
    f.write(b"<html><body><p>" + b"y" * (15 * 1024 * 1024) + b"</p></body></html>")
PY

# measure NAME COMMAND… — one line: seconds, peak RSS, exit status, the record's error code.
measure() {
  local name=$1; shift
  local status=0
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/out.jsonl" 2> "$work/err.txt" || status=$?
  local wall rss code
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
  code=$(python3 -c 'import json,sys
lines=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(",".join((l.get("error") or {}).get("code","ok") for l in lines) or "-")' "$work/out.jsonl")
  printf '%-34s wall %-8s peak RSS %5s MB  exit %s  records: %s\n' "$name" "$wall" "$rss" "$status" "$code"
}

echo "gleaner: $gleaner; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
measure "100,000 attributes ($(du -h "$work/attributes.html" | cut -f1))" "$gleaner" extract -q --jobs 1 "$work/attributes.html"
measure "50 MB text node" "$gleaner" extract -q --jobs 1 "$work/text-node.html"
measure ".gz expanding to 60 MB ($(du -h "$work/expands.html.gz" | cut -f1))" "$gleaner" extract -q --jobs 1 "$work/expands.html.gz"

# Fetch: a loopback server; --max-bytes 20M against a 25 MB body (refused) and a 15 MB one.
port_file="$work/port"
python3 - "$work" "$port_file" 2>/dev/null <<'PY' &
import http.server, os, sys, socketserver
root, port_file = sys.argv[1], sys.argv[2]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(root, self.path.lstrip("/"))
        data = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args): pass
server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
open(port_file, "w").write(str(server.server_address[1]))
server.serve_forever()
PY
server_pid=$!
for _ in $(seq 50); do [[ -s $port_file ]] && break; sleep 0.1; done
port=$(cat "$port_file")
measure "scrape 25 MB body, --max-bytes 20M" "$gleaner" scrape -q --max-bytes 20M --ignore-robots "http://127.0.0.1:$port/body-25m"
measure "scrape 15 MB body, --max-bytes 20M" "$gleaner" scrape -q --max-bytes 20M --ignore-robots "http://127.0.0.1:$port/body-15m"
