#!/usr/bin/env bash
# Speed as users see it (issue 13): whole processes, one core, same run.
#   floor   — scripts/bench/parse_floor.c: read each file + libxml2 htmlReadMemory + free (C)
#   gleaner — `gleaner extract --jobs 1 --paths-from LIST --output FILE` (reading, gunzip,
#             parsing, extraction, JSON writing: everything a user waits for)
# on the scrapinghub pages as plain .html files (un-gzipped once into a temp folder) and on
# the original .html.gz files. Median of $RUNS (default 5) runs each, interleaved so machine
# load hits both alike; prints pages/s and the ratio gleaner/floor. Also --jobs 2 vs --jobs 1
# (median of the ratios of back-to-back pairs).
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

# wall_cpu COMMAND… — "wall cpu" seconds of one run (cpu: user + system of the child).
wall_cpu() {
  python3 - "$@" <<'PY'
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, usage = os.wait4(child.pid, 0)
print(f"{time.perf_counter() - start} {usage.ru_utime + usage.ru_stime}")
PY
}
# seconds COMMAND… — wall time of one run, pinned to one core.
seconds() { wall_cpu taskset -c 0 "$@" | cut -d' ' -f1; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: > "$work/floor"
for b in "${!builds[@]}"; do : > "$work/plain_$b"; : > "$work/gz_$b"; : > "$work/pairs_$b"; done
for _ in $(seq "$runs"); do
  seconds sh -c "\"$work/parse_floor\" < \"$work/plain.list\"" >> "$work/floor"
  for b in "${!builds[@]}"; do
    seconds "${builds[$b]}" extract --jobs 1 --quiet --paths-from "$work/plain.list" --output "$work/out.jsonl" >> "$work/plain_$b"
    seconds "${builds[$b]}" extract --jobs 1 --quiet --paths-from "$work/gz.list" --output "$work/out.jsonl" >> "$work/gz_$b"
  done
done
# --jobs 2 vs --jobs 1, unpinned: pairs of runs back to back (the order alternating), the
# ratio taken within each pair and the median of those. On a shared host the CPU time of the
# same run moved ±25% within minutes, so a ratio of two medians taken minutes apart measured
# the host as much as the runner. Also the CPUs the --jobs 2 run kept busy (CPU time / wall):
# 2.0 is perfect, start-up (one thread) and the last page (one worker) cost the rest.
for run in $(seq "$runs"); do
  for b in "${!builds[@]}"; do
    order="1 2"
    (( run % 2 == 0 )) && order="2 1"
    for jobs in $order; do
      wall_cpu "${builds[$b]}" extract --jobs "$jobs" --quiet --paths-from "$work/plain.list" --output "$work/out.jsonl" > "$work/pair_${jobs}"
    done
    read -r wall1 _ < "$work/pair_1"
    read -r wall2 cpu2 < "$work/pair_2"
    python3 -c "import sys; w1, w2, c2 = map(float, sys.argv[1:]); print(w1 / w2, c2 / w2)" "$wall1" "$wall2" "$cpu2" >> "$work/pairs_$b"
  done
done
echo "$pages scrapinghub pages, median of $runs runs, whole processes, one core (taskset -c 0)"
python3 -c "import sys; print(f'libxml2 parse floor (C, plain .html)        {int(sys.argv[1])/float(sys.argv[2]):7.1f} pages/s')" "$pages" "$(median < "$work/floor")"
for b in "${!builds[@]}"; do
  python3 - "$pages" "$(median < "$work/floor")" "$(median < "$work/plain_$b")" "$(median < "$work/gz_$b")" \
    "${builds[$b]}" "$work/pairs_$b" <<'PY'
import statistics, sys
pages = int(sys.argv[1]); floor, plain, gz = map(float, sys.argv[2:5]); build = sys.argv[5]
pairs = [tuple(map(float, line.split())) for line in open(sys.argv[6])]
ratios = sorted(p[0] for p in pairs); busy = sorted(p[1] for p in pairs)
print(f"{build}:")
print(f"  gleaner extract --jobs 1 (plain .html)    {pages/plain:7.1f} pages/s   ratio {floor/plain:.2f}x floor")
print(f"  gleaner extract --jobs 1 (.html.gz)       {pages/gz:7.1f} pages/s   ratio {floor/gz:.2f}x floor")
print(f"  gleaner extract --jobs 2 vs --jobs 1 (wall, both cores) {statistics.median(ratios):.2f}x"
      f"  (pairs {ratios[0]:.2f}-{ratios[-1]:.2f}; CPUs busy at --jobs 2 {statistics.median(busy):.2f})")
PY
done
