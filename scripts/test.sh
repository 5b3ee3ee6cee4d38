#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (unit, golden,
# end-to-end against the built binary, loopback fetch tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
swift build
swift test "$@"
