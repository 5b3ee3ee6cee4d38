#!/usr/bin/env bash
# WARC benchmarks (a script, not a timed test), all in one run so the machine load is shared:
# 1. gleaner extract --jobs 1 over one WARC holding the 1,102 bench pages vs the same pages as
#    files (pages/s; goal: WARC >= 0.95x files);
# 2. the WARC reader alone (gleaner-warc-bench: records iterated, payloads touched, no
#    extraction) vs FastWARC on the same file;
# 3. peak RSS of the reader and of gleaner extract on a >= 1 GB WARC made by repeating the
#    pages (in $TMPDIR, deleted afterwards) vs the 1,102-page WARC: flat memory;
# 4. Spark local[2] over 8 WARC files vs gleaner extract --jobs 2 over the same files.
# Needs: pip warcio fastwarc (scripts/setup.sh --tests); pyspark + Java 17 for part 4 (skipped, and
# said so, when spark-submit is missing). BENCH=../shared/bench by default. SKIP_BIG=1 skips 3.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH:-../shared/bench}"
work=$(mktemp -d "${TMPDIR:-/tmp}/gleaner-bench-warc.XXXXXX")
trap 'rm -rf "$work"' EXIT
swift build -c release --product gleaner >/dev/null
swift build -c release --product gleaner-warc-bench >/dev/null
bin=.build/release
find "$bench/scrapinghub/html" "$bench/dragnet/HTML" -type f | sort > "$work/pages.txt"
count=$(wc -l < "$work/pages.txt")
python3 spark/make_warcs.py "$work/one" 1 $(cat "$work/pages.txt") >/dev/null
warc="$work/one/pages-00.warc.gz"
echo "== 1. extract --jobs 1: $count pages as files vs one WARC ($(du -h "$warc" | cut -f1))"
rate() { python3 -c "import sys; print(f'{int(sys.argv[1])/float(sys.argv[2]):.1f}')" "$@"; }
best_files=999999; best_warc=999999
for round in 1 2 3; do
  s=$(date +%s.%N); "$bin/gleaner" extract --jobs 1 --quiet --paths-from "$work/pages.txt" > "$work/files.jsonl" || true; e=$(date +%s.%N)
  t=$(python3 -c "print($e-$s)"); best_files=$(python3 -c "print(min($best_files,$t))")
  s=$(date +%s.%N); "$bin/gleaner" extract --jobs 1 --quiet "$warc" > "$work/warc.jsonl" || true; e=$(date +%s.%N)
  t=$(python3 -c "print($e-$s)"); best_warc=$(python3 -c "print(min($best_warc,$t))")
done
echo "files: best of 3 $(printf %.2f "$best_files") s = $(rate "$count" "$best_files") pages/s"
echo "warc:  best of 3 $(printf %.2f "$best_warc") s = $(rate "$(wc -l < "$work/warc.jsonl")" "$best_warc") pages/s ($(wc -l < "$work/warc.jsonl") records)"
python3 -c "import sys; print(f'WARC / files = {float(sys.argv[1])/float(sys.argv[2]):.3f}x pages/s')" "$best_files" "$best_warc"

echo "== 2. reading only (no extraction), same file"
"$bin/gleaner-warc-bench" "$warc"
python3 - "$warc" <<'PY'
import sys, time
from fastwarc.warc import ArchiveIterator, WarcRecordType
start = time.time(); records = pages = size = 0
with open(sys.argv[1], "rb") as stream:
    for record in ArchiveIterator(stream, parse_http=True):
        records += 1
        if record.record_type == WarcRecordType.response:
            body = record.reader.read(); pages += 1; size += len(body)
seconds = time.time() - start
print(f"FastWARC:       {records} records, {pages} pages, {size/1e6:.1f} MB payload in {seconds:.2f} s = {records/seconds:.0f} records/s")
PY

if [ "${SKIP_BIG:-0}" != 1 ]; then
  # Large files by concatenating the one-member-per-record WARC (a valid WARC: gzip members
  # back to back): ~1.1 GB of WARC records for extraction, ~1.1 GB compressed for the reader.
  echo "== 3. peak RSS: the $count-page WARC vs large ones"
  raw=$(python3 -c "import gzip,sys; n=0
with gzip.open(sys.argv[1]) as f:
    while (b := f.read(1<<24)): n += len(b)
print(n)" "$warc")
  copies=$(( (1100000000 + raw - 1) / raw )); zcopies=$(( (1100000000 + $(stat -c %s "$warc") - 1) / $(stat -c %s "$warc") ))
  for _ in $(seq "$copies"); do cat "$warc"; done > "$work/big.warc.gz"
  for _ in $(seq "$zcopies"); do cat "$warc"; done > "$work/huge.warc.gz"
  echo "big:  $copies copies, $(du -h "$work/big.warc.gz" | cut -f1) compressed, $(( raw * copies / 1000000 )) MB of records"
  echo "huge: $zcopies copies, $(du -h "$work/huge.warc.gz" | cut -f1) compressed, $(( raw * zcopies / 1000000 )) MB of records"
  /usr/bin/time -f "reader only, $count-page WARC: peak RSS %M KB (%e s)" "$bin/gleaner-warc-bench" "$warc" >/dev/null
  /usr/bin/time -f "reader only, huge WARC:         peak RSS %M KB (%e s)" "$bin/gleaner-warc-bench" "$work/huge.warc.gz" >/dev/null
  rm -f "$work/huge.warc.gz"
  /usr/bin/time -f "extract --jobs 2, $count-page WARC: peak RSS %M KB (%e s)" "$bin/gleaner" extract --jobs 2 --quiet "$warc" >/dev/null || true
  /usr/bin/time -f "extract --jobs 2, big WARC:         peak RSS %M KB (%e s)" "$bin/gleaner" extract --jobs 2 --quiet "$work/big.warc.gz" >/dev/null || true
  rm -f "$work/big.warc.gz"
fi

echo "== 4. Spark local[2] vs gleaner extract --jobs 2, 8 WARC files"
python3 spark/make_warcs.py "$work/eight" 8 $(cat "$work/pages.txt") >/dev/null
ls "$work"/eight/*.warc.gz > "$work/eight.txt"
s=$(date +%s.%N); "$bin/gleaner" extract --jobs 2 --quiet $(cat "$work/eight.txt") > "$work/eight.jsonl" || true; e=$(date +%s.%N)
echo "gleaner extract --jobs 2: $(wc -l < "$work/eight.jsonl") records in $(python3 -c "print(f'{$e-$s:.1f}')") s"
if command -v spark-submit >/dev/null; then
  s=$(date +%s.%N)
  SPARK_LOCAL_IP=127.0.0.1 spark-submit --master 'local[2]' --conf spark.ui.enabled=false --files "$bin/gleaner" \
    spark/gleaner_spark.py "$work/eight.txt" "$work/spark-out" --partitions 8 2>"$work/spark.log"
  e=$(date +%s.%N)
  echo "spark local[2]:           $(cat "$work"/spark-out/part-* | wc -l) records in $(python3 -c "print(f'{$e-$s:.1f}')") s (JVM start-up included)"
else
  echo "spark-submit not found: pip install pyspark (and Java 17) to measure Spark"
fi
