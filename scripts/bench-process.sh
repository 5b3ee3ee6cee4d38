#!/usr/bin/env bash
# Speed as users see it (issue 13): whole processes, one core, same run.
#   floor   — scripts/bench/parse_floor.c: read each file + libxml2 htmlReadMemory + free (C)
#   gleaner — `gleaner extract --jobs 1 --paths-from LIST --output FILE` (reading, gunzip,
#             parsing, extraction, JSON writing: everything a user waits for)
# on the scrapinghub pages as plain .html files (un-gzipped once into a temp folder) and on
# the original .html.gz files. Median of $RUNS (default 5) runs each, interleaved so machine
# load hits both alike; prints pages/s and the ratio gleaner/floor. Also --jobs 2 vs --jobs 1.
# Two builds of gleaner are timed, in the same runs: the development build (`swift build -c
# release`, .build/release/gleaner: Swift runtime and Foundation as shared libraries) and the
# shipped one (scripts/build-release.sh, build/release/gleaner: --static-swift-stdlib, so the
# process maps and relocates a dozen fewer libraries at start and holds less memory).
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH:-../shared/bench}"
runs="${RUNS:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# GLEANER=path/to/gleaner times that build alone (e.g. main's, for a before/after in one sitting).
if [ -n "${GLEANER:-}" ]; then
  builds=("$GLEANER")
else
  swift build -c release --product gleaner >/dev/null
  scripts/build-release.sh >/dev/null
  builds=(.build/release/gleaner build/release/gleaner)
fi
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

: > "$work/floor"
for b in "${!builds[@]}"; do : > "$work/plain_$b"; : > "$work/gz_$b"; : > "$work/j1_$b"; : > "$work/j2_$b"; done
for _ in $(seq "$runs"); do
  seconds sh -c "\"$work/parse_floor\" < \"$work/plain.list\"" >> "$work/floor"
  for b in "${!builds[@]}"; do
    seconds "${builds[$b]}" extract --jobs 1 --quiet --paths-from "$work/plain.list" --output "$work/out.jsonl" >> "$work/plain_$b"
    seconds "${builds[$b]}" extract --jobs 1 --quiet --paths-from "$work/gz.list" --output "$work/out.jsonl" >> "$work/gz_$b"
  done
done
for _ in $(seq "$runs"); do
  for b in "${!builds[@]}"; do
    for jobs in 1 2; do
      start=$(date +%s.%N)
      "${builds[$b]}" extract --jobs "$jobs" --quiet --paths-from "$work/plain.list" --output "$work/out.jsonl" >/dev/null 2>&1
      end=$(date +%s.%N)
      python3 -c "print(${end} - ${start})" >> "$work/j${jobs}_$b"
    done
  done
done
echo "$pages scrapinghub pages, median of $runs runs, whole processes, one core (taskset -c 0)"
python3 -c "import sys; print(f'libxml2 parse floor (C, plain .html)        {int(sys.argv[1])/float(sys.argv[2]):7.1f} pages/s')" "$pages" "$(median < "$work/floor")"
for b in "${!builds[@]}"; do
  python3 - "$pages" "$(median < "$work/floor")" "$(median < "$work/plain_$b")" "$(median < "$work/gz_$b")" \
    "$(median < "$work/j1_$b")" "$(median < "$work/j2_$b")" "${builds[$b]}" <<'PY'
import sys
pages = int(sys.argv[1]); floor, plain, gz, j1, j2 = map(float, sys.argv[2:7]); build = sys.argv[7]
print(f"{build}:")
print(f"  gleaner extract --jobs 1 (plain .html)    {pages/plain:7.1f} pages/s   ratio {floor/plain:.2f}x floor")
print(f"  gleaner extract --jobs 1 (.html.gz)       {pages/gz:7.1f} pages/s   ratio {floor/gz:.2f}x floor")
print(f"  gleaner extract --jobs 2 vs --jobs 1 (wall, both cores) {j1/j2:.2f}x")
PY
done
