#!/usr/bin/env bash
# Builds the gleaner binary for shipping (Spark executors, containers): release mode with the
# Swift runtime and Foundation linked statically (--static-swift-stdlib), then lists the system
# libraries it still loads (ldd) — the executors' image must have those (Debian package names
# are printed beside them). Output: build/release/gleaner.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product gleaner --static-swift-stdlib
mkdir -p build/release
cp .build/release/gleaner build/release/gleaner
strip build/release/gleaner 2>/dev/null || true
echo "build/release/gleaner: $(du -h build/release/gleaner | cut -f1)"
echo "system libraries it still needs (ldd):"
ldd build/release/gleaner | while read -r name _ path _; do
  [ -n "${path:-}" ] && [ -e "$path" ] || { echo "  $name"; continue; }
  package=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1 || true)
  echo "  $name  ${package:+($package)}"
done
