#!/usr/bin/env bash
# Scores extraction on the third-party benchmark pages in ../shared/bench (or $BENCH):
# scrapinghub (news articles), dragnet (articles + comments) and cleaneval (general web
# pages: forums, mailing lists, blogs, institutions), and fails when a figure drops below
# the committed floor in .ci/quality-floor.json (a ratchet: raise the floor when quality rises).
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH:-../shared/bench}"
out="${QUALITY_OUT:-.build/quality}"
mkdir -p "$out"
swift build -c release --product gleaner
.build/release/gleaner extract "$bench/scrapinghub/html" --output "$out/scrapinghub.jsonl" --quiet || true
.build/release/gleaner extract "$bench/dragnet/HTML" --output "$out/dragnet.jsonl" --quiet || true
.build/release/gleaner extract "$bench/cleaneval/html" --output "$out/cleaneval.jsonl" --quiet || true
python3 "$bench/evaluate.py" scrapinghub "$bench/scrapinghub" "$out/scrapinghub.jsonl" --json "$out/scrapinghub.json"
python3 "$bench/evaluate.py" dragnet "$bench/dragnet" "$out/dragnet.jsonl" --json "$out/dragnet.json"
python3 "$bench/evaluate.py" cleaneval "$bench/cleaneval" "$out/cleaneval.jsonl" --json "$out/cleaneval.json"
python3 scripts/check_floor.py .ci/quality-floor.json \
  scrapinghub="$out/scrapinghub.json" dragnet="$out/dragnet.json" cleaneval="$out/cleaneval.json"
# Hand-labelled pages (Tests/Fixtures): dragnet publication days, scrapinghub languages.
# Minimums are the measured figures (a ratchet like the floor file).
python3 scripts/check_labels.py "$out/dragnet.jsonl" "$out/scrapinghub.jsonl" --min-dated 0.97 --min-day 0.97 --min-language 0.98
