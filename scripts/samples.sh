#!/usr/bin/env bash
# The main job on the shipped samples: extracts every page in Samples/ into JSON lines
# (samples.jsonl), after installing what is missing and building a release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product gleaner
.build/release/gleaner extract Samples --output samples.jsonl "$@" || status=$?
echo "wrote samples.jsonl ($(wc -l < samples.jsonl) records)" >&2
exit "${status:-0}"
