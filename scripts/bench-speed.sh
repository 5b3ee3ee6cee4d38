#!/usr/bin/env bash
# Speed and memory of extraction on the scrapinghub pages (../shared/bench or $BENCH):
# 1. gleaner-bench: libxml2 parse-only vs full extraction, one thread, in one process;
# 2. gleaner extract --jobs 1 / --jobs 2 over the same pages (pages/s, wall clock);
# 3. peak RSS of gleaner extract over all 1,102 bench pages, and over three times as many
#    inputs (the same pages listed three times), to show memory does not grow with inputs;
#    for the development build and for the shipped one (scripts/build-release.sh: the Swift
#    runtime linked statically, which maps less).
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH:-../shared/bench}"
swift build -c release --product gleaner >/dev/null
swift build -c release --product gleaner-bench >/dev/null
bin=.build/release
echo "== gleaner-bench (one thread)"
"$bin/gleaner-bench" "$bench/scrapinghub/html"
pages=$(ls "$bench/scrapinghub/html" | wc -l)
for jobs in 1 2; do
  start=$(date +%s.%N)
  "$bin/gleaner" extract "$bench/scrapinghub/html" --jobs "$jobs" --output /dev/null --quiet
  end=$(date +%s.%N)
  python3 -c "import sys; p,s,e,j=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),sys.argv[4]; print(f'gleaner extract --jobs {j}: {p} pages in {e-s:.2f} s = {p/(e-s):.0f} pages/s (wall, gunzip and JSON output included)')" "$pages" "$start" "$end" "$jobs"
done
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$bench/scrapinghub/html" "$bench/dragnet/HTML" -type f | sort > "$list"
count=$(wc -l < "$list")
/usr/bin/time -f "peak RSS over $count inputs: %M KB (%e s)" "$bin/gleaner" extract --paths-from "$list" --output /dev/null --quiet
for _ in 1 2; do cat "$list"; done >> "$list.3" && cat "$list" >> "$list.3"
/usr/bin/time -f "peak RSS over $((count * 3)) inputs: %M KB (%e s)" "$bin/gleaner" extract --paths-from "$list.3" --output /dev/null --quiet
scripts/build-release.sh >/dev/null
/usr/bin/time -f "shipped build: peak RSS over $count inputs: %M KB (%e s)" build/release/gleaner extract --paths-from "$list" --output /dev/null --quiet
/usr/bin/time -f "shipped build: peak RSS over $((count * 3)) inputs: %M KB (%e s)" build/release/gleaner extract --paths-from "$list.3" --output /dev/null --quiet
rm -f "$list.3"
