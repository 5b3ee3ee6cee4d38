#!/usr/bin/env bash
# Installs the system libraries Gleaner builds against (Debian/Ubuntu), when missing.
# Safe to run repeatedly; uses sudo when not root.
#   scripts/setup.sh           what building and running need (scripts/samples.sh)
#   scripts/setup.sh --tests   also the Python packages the tests use (scripts/test.sh)
set -euo pipefail
packages=(libxml2-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev zlib1g-dev libdeflate-dev libbrotli-dev libzstd-dev liblz4-dev libcld2-dev libicu-dev pkg-config gzip python3 python3-pip openssl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.1 or later is required)" >&2; exit 1; }
[ "${1:-}" = "--tests" ] || exit 0
# Python's h2 package lets the TLS test server speak HTTP/2 (ALPN): PyPI, else Debian's.
if ! python3 -c 'import h2' 2>/dev/null; then
  echo "setup: installing the Python h2 package (tests)" >&2
  python3 -m pip install --quiet --disable-pip-version-check h2 >&2 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages h2 >&2 2>/dev/null \
    || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-h2 >&2; }
fi
# WARC interop tests read and write archives with the two Python WARC libraries people use.
if ! python3 -c "import warcio, fastwarc, brotli" 2>/dev/null; then
  echo "setup: installing warcio fastwarc brotli (pip)" >&2
  python3 -m pip install -q warcio fastwarc brotli >&2 || python3 -m pip install -q --break-system-packages warcio fastwarc brotli >&2
fi
# Python packages the tests use: markdown-it-py (the CommonMark parser of the Markdown round-trip tests).
if ! python3 -c "import markdown_it" 2>/dev/null; then
  echo "setup: installing markdown-it-py (pip)" >&2
  python3 -m pip install -q markdown-it-py 2>/dev/null || python3 -m pip install -q --break-system-packages markdown-it-py
fi
