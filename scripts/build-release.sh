#!/usr/bin/env bash
# Builds the gleaner binary for shipping (Spark executors, containers): release mode with the
# Swift runtime and Foundation linked statically (--static-swift-stdlib), stripped, at
# build/release/gleaner (about 64 MB), then lists the system libraries it still loads — the
# executors' image must have those, nothing Swift. First the ones the binary names itself
# (ELF NEEDED, with their Debian package: installing those packages pulls in the rest), then
# every library ldd resolves.
#
#   scripts/build-release.sh          build, then list
#   scripts/build-release.sh --list   list only (for an existing build/release/gleaner)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} != --list ]]; then
  scripts/setup.sh
  # A build folder of its own: flags differ from `swift build -c release`, and sharing
  # .build would rebuild everything at each switch.
  swift build -c release --product gleaner --static-swift-stdlib --build-path .build/static
  mkdir -p build/release
  cp .build/static/release/gleaner build/release/gleaner
  strip build/release/gleaner 2>/dev/null || true
fi
binary=build/release/gleaner
echo "$binary: $(du -h "$binary" | cut -f1)"

# package PATH — the Debian package owning a library (merged /usr: dpkg may know it under /lib).
package() {
  local path=$1 real candidate
  real=$(readlink -f "$path")
  for candidate in "$path" "$real" "${path#/usr}" "${real#/usr}" "/usr$path" "/usr$real"; do
    dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1 && return 0
  done
  return 0
}
declare -A resolved
while read -r name _ path _; do
  [[ -n ${path:-} && -e $path ]] && resolved[$name]=$path
done < <(ldd "$binary")
echo "libraries the binary names (readelf NEEDED) — the image needs these packages:"
packages=()
for name in $(readelf -d "$binary" | awk '/NEEDED/ {gsub(/[\[\]]/, "", $5); print $5}'); do
  owner=$(package "${resolved[$name]:-/lib/x86_64-linux-gnu/$name}")
  echo "  $name  ${owner:+($owner)}"
  [[ -n $owner ]] && packages+=("$owner")
done
# libcurl is not NEEDED: the binary opens libcurl.so.4 on its first fetch (Sources/CCurl), so
# only `scrape`, `run` and `discover` need it — list it all the same.
curl=$(ldconfig -p | awk '/libcurl\.so\.4 .*x86-64/ {print $NF; exit}')
curl_owner=$(package "${curl:-/lib/x86_64-linux-gnu/libcurl.so.4}")
echo "  libcurl.so.4  ${curl_owner:+($curl_owner)}  — loaded on the first fetch (dlopen)"
[[ -n $curl_owner ]] && packages+=("$curl_owner")
echo "  Debian: apt-get install $(printf '%s\n' "${packages[@]}" | sort -u | tr '\n' ' ')"
echo "all libraries it loads (ldd), with their packages:"
ldd "$binary" | while read -r name _ path _; do
  [[ -n ${path:-} && -e $path ]] || { echo "  $name"; continue; }
  owner=$(package "$path")
  echo "  $name  ${owner:+($owner)}"
done
if ldd "$binary" | grep -qiE 'libswift|libFoundation|libdispatch'; then
  echo "build-release: the binary still loads Swift runtime libraries" >&2
  exit 1
fi
