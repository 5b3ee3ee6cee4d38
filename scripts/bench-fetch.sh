#!/usr/bin/env bash
# Measures `gleaner scrape` over loopback against `gleaner extract` of the same pages from
# disk (same run), with `curl --parallel` as the transfer floor, and the peak RSS of scrape
# runs of growing size. Starts and stops its own nginx on a free loopback port with a
# temporary config; leaves nothing behind.
#
#   swift build -c release && scripts/bench-fetch.sh
#
# Environment: GLEANER (binary, default .build/release/gleaner), PAGES (directory of
# *.html.gz, default the scrapinghub set), COPIES (distinct URL copies of every page,
# default 10), RUNS (repetitions, default 3; the median is reported), RSS_SIZES (URL counts
# for the peak-RSS runs, default "200 2000 10000").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GLEANER=${GLEANER:-$ROOT/.build/release/gleaner}
PAGES=${PAGES:-/work/shared/bench/scrapinghub/html}
COPIES=${COPIES:-10}
RUNS=${RUNS:-3}
RSS_SIZES=${RSS_SIZES:-"200 2000 10000"}
SCRAPE_FLAGS=(--per-host 64 --concurrency 32 --ignore-robots --delay 0 -q)

[[ -x $GLEANER ]] || { echo "no gleaner binary at $GLEANER (swift build -c release)" >&2; exit 2; }
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/gleaner-bench-fetch.XXXXXX)
NGINX_PID=
cleanup() {
    if [[ -n $NGINX_PID ]]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
chmod 755 "$WORK"  # nginx workers run as an unprivileged user when started by root

# Pages: decompressed once; every copy directory is a symlink to them, so each page is
# served under COPIES distinct URLs (and RSS runs get as many copies as they need).
mkdir -p "$WORK/pages" "$WORK/www" "$WORK/tmp"
for file in "$PAGES"/*.html.gz; do
    name=$(basename "$file" .gz)
    gzip -dc "$file" > "$WORK/pages/$name"
done
PAGE_COUNT=$(ls "$WORK/pages" | wc -l)
MAX_URLS=$COPIES
for size in $RSS_SIZES; do
    need=$(( (size + PAGE_COUNT - 1) / PAGE_COUNT ))
    (( need > MAX_URLS )) && MAX_URLS=$need
done
for copy in $(seq 0 $((MAX_URLS - 1))); do ln -s ../pages "$WORK/www/c$copy"; done
mkdir -p "$WORK/disk"
for copy in $(seq 0 $((COPIES - 1))); do ln -s ../pages "$WORK/disk/c$copy"; done

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/tmp/body;
    proxy_temp_path $WORK/tmp/proxy;
    fastcgi_temp_path $WORK/tmp/fastcgi;
    uwsgi_temp_path $WORK/tmp/uwsgi;
    scgi_temp_path $WORK/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT;
        root $WORK/www;
    }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" 2>"$WORK/nginx-start.log" &
NGINX_PID=$!
FIRST=$(ls "$WORK/pages" | head -1)
for _ in $(seq 1 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/c0/$FIRST" && break
    sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/c0/$FIRST" || { cat "$WORK/nginx-start.log" "$WORK/nginx-error.log" >&2; exit 1; }

# URL lists: copy-major order, so consecutive URLs are different pages.
for copy in $(seq 0 $((MAX_URLS - 1))); do
    for page in $(ls "$WORK/pages"); do echo "http://127.0.0.1:$PORT/c$copy/$page"; done
done > "$WORK/all-urls.txt"
urls() {  # urls COUNT: the first COUNT URLs
    head -n "$1" "$WORK/all-urls.txt"
}
TOTAL=$((PAGE_COUNT * COPIES))
urls "$TOTAL" > "$WORK/urls.txt"
awk '{ print "url = \"" $0 "\"\noutput = \"/dev/null\"" }' "$WORK/urls.txt" > "$WORK/curl.cfg"

# timed NAME COMMAND…: runs COMMAND under /usr/bin/time; appends "wall cpu" (seconds; cpu =
# user + system of the command and its children) to $WORK/NAME.times.
timed() {
    local name=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$WORK/time.out" "$@" || true
    awk '{ print $1, $2 + $3 }' "$WORK/time.out" >> "$WORK/$name.times"
}
# summary NAME: median pages/s by wall clock, and median pages per CPU-second.
summary() {
    python3 - "$WORK/$1.times" "$TOTAL" <<'PY'
import statistics, sys
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
total = int(sys.argv[2])
wall = statistics.median(total / w for w, _ in rows)
cpu = statistics.median(total / c for _, c in rows)
print(f"{wall:.1f} {cpu:.1f} {statistics.median(w for w, _ in rows):.2f} {statistics.median(c for _, c in rows):.2f}")
PY
}

echo "pages: $PAGE_COUNT x $COPIES copies = $TOTAL; nginx on 127.0.0.1:$PORT; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); runs: $RUNS" >&2
for run in $(seq 1 "$RUNS"); do
    timed extract "$GLEANER" extract "$WORK/disk" -o "$WORK/extract.jsonl" -q
    timed scrape "$GLEANER" scrape --urls "$WORK/urls.txt" -o "$WORK/scrape.jsonl" "${SCRAPE_FLAGS[@]}"
    timed curl curl --parallel --parallel-max 32 --compressed -s --no-progress-meter -K "$WORK/curl.cfg"
    echo "run $run done" >&2
done
read -r EXTRACT_WALL EXTRACT_CPU EXTRACT_S EXTRACT_C <<< "$(summary extract)"
read -r SCRAPE_WALL SCRAPE_CPU SCRAPE_S SCRAPE_C <<< "$(summary scrape)"
read -r CURL_WALL CURL_CPU CURL_S CURL_C <<< "$(summary curl)"
EXTRACT_LINES=$(wc -l < "$WORK/extract.jsonl")
SCRAPE_LINES=$(wc -l < "$WORK/scrape.jsonl")
SCRAPE_OK=$(grep -vc '"error":{' "$WORK/scrape.jsonl" || true)
# The same pages must give the same texts: compare the content hashes.
SAME=$(python3 - "$WORK/extract.jsonl" "$WORK/scrape.jsonl" <<'PY'
import collections, json, sys
a = collections.Counter(json.loads(l).get("content_hash") for l in open(sys.argv[1]))
b = collections.Counter(json.loads(l).get("content_hash") for l in open(sys.argv[2]))
print(sum((a & b).values()))
PY
)

echo
echo "| $TOTAL pages (median of $RUNS) | wall s | pages/s | CPU s (user+sys) | pages per CPU-second |"
echo "|---|---|---|---|---|"
echo "| gleaner extract, from disk | $EXTRACT_S | $EXTRACT_WALL | $EXTRACT_C | $EXTRACT_CPU |"
echo "| gleaner scrape, loopback nginx | $SCRAPE_S | $SCRAPE_WALL | $SCRAPE_C | $SCRAPE_CPU |"
echo "| curl --parallel (32), no extraction | $CURL_S | $CURL_WALL | $CURL_C | $CURL_CPU |"
python3 -c "print(f'\nscrape/extract: {$SCRAPE_WALL / $EXTRACT_WALL:.2f} by wall clock, {$SCRAPE_CPU / $EXTRACT_CPU:.2f} per CPU-second (fetching costs {100 * (1 - $SCRAPE_CPU / $EXTRACT_CPU):.0f}% of CPU throughput)')"
echo
echo "records: extract $EXTRACT_LINES lines, scrape $SCRAPE_LINES lines ($SCRAPE_OK articles); equal content hashes: $SAME of $TOTAL"
echo
echo "| URLs scraped | peak RSS (MiB) | seconds |"
echo "|---|---|---|"
for size in $RSS_SIZES; do
    urls "$size" > "$WORK/rss-urls.txt"
    /usr/bin/time -v "$GLEANER" scrape --urls "$WORK/rss-urls.txt" -o /dev/null "${SCRAPE_FLAGS[@]}" 2> "$WORK/time.txt" || true
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$WORK/time.txt")
    echo "| $size | $rss | $wall |"
done
