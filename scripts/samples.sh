#!/usr/bin/env bash
# The main job on the shipped samples: runs Pipelines/samples.yaml, which extracts every
# page in Samples/ into out/samples.jsonl and out/samples.sqlite (no network), after
# installing what is missing and building the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# A debug build: the same one scripts/test.sh makes (so the two quick-start commands share
# it), and a fresh clone is built in under 3 minutes; eight pages need no optimiser.
# For big batches build with scripts/build-release.sh and run build/release/gleaner (the Swift
# runtime linked in: the faster build in scripts/bench-process.sh), or `swift build -c release`.
swift build --product gleaner
exec .build/debug/gleaner run Pipelines/samples.yaml "$@"
