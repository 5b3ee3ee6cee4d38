#!/usr/bin/env bash
# Speed as users see it (issue 13): whole processes, one core, same run.
#   floor   — scripts/bench/parse_floor.c: read each file + libxml2 htmlReadMemory + free (C)
#   gleaner — `gleaner extract --jobs 1 --paths-from LIST --output FILE` (reading, gunzip,
#             parsing, extraction, JSON writing: everything a user waits for)
# on the scrapinghub pages as plain .html files (un-gzipped once into a temp folder) and on
# the original .html.gz files. Median of $RUNS (default 5) runs each, interleaved so machine
# load hits both alike; prints pages/s and the ratio gleaner/floor. Also --jobs 2 vs --jobs 1.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH:-../shared/bench}"
runs="${RUNS:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# GLEANER=path/to/gleaner times another build (e.g. main's, for a before/after in one sitting).
gleaner="${GLEANER:-.build/release/gleaner}"
[ -n "${GLEANER:-}" ] || swift build -c release --product gleaner >/dev/null
cc -O2 -o "$work/parse_floor" scripts/bench/parse_floor.c $(pkg-config --cflags --libs libxml-2.0)
mkdir -p "$work/plain"
for file in "$bench"/scrapinghub/html/*.html.gz; do
  name=$(basename "$file" .gz)
  gzip -dc "$file" > "$work/plain/$name"
done
find "$work/plain" -type f | sort > "$work/plain.list"
find "$bench/scrapinghub/html" -type f | sort > "$work/gz.list"
pages=$(wc -l < "$work/plain.list")

# seconds COMMAND… — wall time of one run, pinned to one core.
seconds() {
  local start end
  start=$(date +%s.%N)
  taskset -c 0 "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "print(${end} - ${start})"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: > "$work/floor"; : > "$work/plain_g"; : > "$work/gz_g"; : > "$work/j1"; : > "$work/j2"
for _ in $(seq "$runs"); do
  seconds sh -c "\"$work/parse_floor\" < \"$work/plain.list\"" >> "$work/floor"
  seconds "$gleaner" extract --jobs 1 --quiet --paths-from "$work/plain.list" --output "$work/out.jsonl" >> "$work/plain_g"
  seconds "$gleaner" extract --jobs 1 --quiet --paths-from "$work/gz.list" --output "$work/out.jsonl" >> "$work/gz_g"
done
for _ in $(seq "$runs"); do
  for jobs in 1 2; do
    start=$(date +%s.%N)
    "$gleaner" extract --jobs "$jobs" --quiet --paths-from "$work/plain.list" --output "$work/out.jsonl" >/dev/null 2>&1
    end=$(date +%s.%N)
    python3 -c "print(${end} - ${start})" >> "$work/j$jobs"
  done
done
python3 - "$pages" "$(median < "$work/floor")" "$(median < "$work/plain_g")" "$(median < "$work/gz_g")" \
  "$(median < "$work/j1")" "$(median < "$work/j2")" "$runs" <<'PY'
import sys
pages = int(sys.argv[1]); floor, plain, gz, j1, j2 = map(float, sys.argv[2:7]); runs = sys.argv[7]
print(f"{pages} scrapinghub pages, median of {runs} runs, whole processes, one core (taskset -c 0)")
print(f"libxml2 parse floor (C, plain .html)        {pages/floor:7.1f} pages/s")
print(f"gleaner extract --jobs 1 (plain .html)      {pages/plain:7.1f} pages/s   ratio {floor/plain:.2f}x floor")
print(f"gleaner extract --jobs 1 (.html.gz)         {pages/gz:7.1f} pages/s   ratio {floor/gz:.2f}x floor")
print(f"gleaner extract --jobs 2 vs --jobs 1 (wall, both cores) {j1/j2:.2f}x")
PY
