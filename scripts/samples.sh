#!/usr/bin/env bash
# The main job on the shipped samples: runs Pipelines/samples.yaml, which extracts every
# page in Samples/ into out/samples.jsonl and out/samples.sqlite (no network), after
# installing what is missing and building a release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product gleaner
exec .build/release/gleaner run Pipelines/samples.yaml "$@"
