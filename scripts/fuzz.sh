#!/usr/bin/env bash
# Builds one libFuzzer target and runs it:
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags…]      e.g. scripts/fuzz.sh extraction 60
#   scripts/fuzz.sh all SECONDS                             every target in turn (what CI runs)
#
# Targets (Fuzz/Targets/NAME.swift): extraction (bytes → article), charset (the charset
# detector), robots (robots.txt), discovery (feeds and sitemaps), pipeline-yaml (pipeline files),
# warc (the WARC reader and page selector).
#
# How it is built: SwiftPM compiles the library modules a target needs with
# `-sanitize=fuzzer,address` into .build/fuzz (its own build folder), but cannot link a
# fuzzer itself (a SwiftPM target without `main` fails with "undefined _main"), so this script
# compiles Fuzz/Targets/NAME.swift against those modules and links the objects by hand with
# `swiftc -sanitize=fuzzer,address`. `all` builds the modules of every target in one SwiftPM
# invocation (`--target Gleaner`, which depends on all of them) and then only compiles and
# links each fuzzer. It runs with SWIFT_BACKTRACE=enable=no (Swift's backtracer would get in
# the way of the sanitizer's reports).
#
# Throughput: inputs are capped at $FUZZ_MAX_LEN bytes (default 16384: the extractor's
# structure — tags, attributes, charsets, entities, scripts — is reachable in a few KB, and
# each execution costs time in proportion to its size; pages of megabytes are the budget
# tests' job, Tests/GleanerTests/ParseBudgetTests.swift). libFuzzer's own leak heuristic is
# off (`-detect_leaks=0`, like ASan's: Swift's lazily built globals look like leaks and it
# re-ran such inputs, 5 % of the time).
#
# Corpus: .build/fuzz/corpus/NAME (kept between runs), seeded from Fuzz/Seeds/NAME, the
# Samples folder (pages) or the shipped pipelines, plus generated hostile cases. Findings
# (crashes, sanitizer reports, inputs slower than $FUZZ_TIMEOUT s) are written to
# .build/fuzz/findings/ and the script exits non-zero; each one becomes a regression test
# (Tests/…, named after the target) before it is fixed.
#
# Adding a target (e.g. the WARC reader):
#   1. Fuzz/Targets/warc.swift: `import` the module, one `@_cdecl("LLVMFuzzerTestOneInput")`
#      function that feeds the bytes to it and returns 0.
#   2. Below, a line in `module_of` naming the SwiftPM target that holds the code (it and its
#      dependencies are built instrumented), and the target's name in TARGETS.
#   3. Seeds: files in Fuzz/Seeds/warc/ (small ones; the fuzzer grows them), or a case in
#      `seed` that generates them.
# CI (.ci/run) runs `scripts/fuzz.sh all 60`.
#
# Environment: FUZZ_CONFIG (debug | release, default release), FUZZ_TIMEOUT (seconds per
# input, default 10), FUZZ_JOBS (SwiftPM build jobs, default 2), FUZZ_MAX_LEN (bytes per
# input, default 16384), FUZZ_SANITIZE (default `fuzzer,address`; `fuzzer` alone builds into
# .build/fuzz.noasan for long runs: AddressSanitizer costs about half of each execution, and
# Swift's own memory safety plus the ASan runs CI does cover most of what it would catch).
# Long runs over both cores: pass libFuzzer's `-fork=2` after SECONDS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGETS="extraction charset robots discovery pipeline-yaml warc"

TARGET=${1:?usage: scripts/fuzz.sh TARGET|all SECONDS [libFuzzer flags…]}
SECONDS_TO_RUN=${2:?usage: scripts/fuzz.sh TARGET|all SECONDS [libFuzzer flags…]}
shift 2
CONFIG=${FUZZ_CONFIG:-release}
TIMEOUT=${FUZZ_TIMEOUT:-10}
SANITIZE=${FUZZ_SANITIZE:-fuzzer,address}
BUILD="$ROOT/.build/fuzz"
[[ $SANITIZE == fuzzer ]] && BUILD="$ROOT/.build/fuzz.noasan"

# The library modules, instrumented: one SwiftPM build for all targets (`Gleaner` depends on
# every module a target names), or the one module a single target needs.
build_modules() {
    swift build --build-path "$BUILD" -c "$CONFIG" --target "$1" -j "${FUZZ_JOBS:-2}" \
        -Xswiftc -sanitize="$SANITIZE" -Xswiftc -g >&2
}

if [[ $TARGET == all ]]; then
    build_modules Gleaner
    status=0
    for name in $TARGETS; do FUZZ_BUILT=1 "$0" "$name" "$SECONDS_TO_RUN" "$@" || status=1; done
    exit $status
fi

module_of() {
    case $1 in
        extraction) echo GleanerExtract ;;
        charset) echo GleanerHTML ;;
        robots) echo GleanerFetch ;;
        discovery | pipeline-yaml) echo GleanerPipeline ;;
        warc) echo GleanerWARC ;;
        *) echo "unknown fuzz target $1 (known: $TARGETS)" >&2; exit 2 ;;
    esac
}
MODULE=$(module_of "$TARGET")
[[ -f Fuzz/Targets/$TARGET.swift ]] || { echo "no Fuzz/Targets/$TARGET.swift" >&2; exit 2; }

# 1. The library modules, instrumented (already built when called from `all`).
[[ ${FUZZ_BUILT:-} == 1 ]] || build_modules "$MODULE"
PRODUCTS="$BUILD/$CONFIG"

# 2. The fuzzer: the target file plus every library object built so far (executables and
#    test support left out), linked by hand.
OBJECTS=()
while IFS= read -r object; do OBJECTS+=("$object"); done < <(
    find "$PRODUCTS/" -path '*.build/*.o' \
        -not -path '*/gleaner.build/*' -not -path '*/gleaner_bench.build/*' -not -path '*/gleaner-bench.build/*' \
        -not -path '*/GleanerTestSupport.build/*' -not -path '*Tests.build/*' -not -path '*PackageTests*' \
        -not -path '*ArgumentParser*' -not -path '*/fuzz-*' -not -path '*bench.build/*' | sort)
INCLUDES=(-I "$PRODUCTS/Modules" -I "$PRODUCTS")
# Module maps of the C modules: ours, and the dependencies' (Yams' CYaml, GRDB's GRDBSQLite —
# the pipeline targets import GRDB, whose interface needs it).
for dir in Sources/C*/ "$BUILD"/checkouts/*/Sources/*/ "$BUILD"/checkouts/*/Sources/*/include; do
    [[ -f $dir/module.modulemap ]] && INCLUDES+=(-I "$dir")
done
OPTIMIZE=-Onone
[[ $CONFIG == release ]] && OPTIMIZE=-O
BINARY="$BUILD/fuzz-$TARGET"
swiftc -sanitize="$SANITIZE" -parse-as-library $OPTIMIZE -g -module-name "Fuzz_${TARGET//-/_}" \
    "${INCLUDES[@]}" -Xcc -I/usr/include/libxml2 \
    "Fuzz/Targets/$TARGET.swift" "${OBJECTS[@]}" \
    -lxml2 -lcurl -lz -ldeflate -lsqlite3 -lcrypto -lbrotlidec -lzstd -llz4 -lcld2 -licuuc -licui18n -lstdc++ -lFoundationXML -lFoundation \
    -o "$BINARY"

# 3. Seeds.
CORPUS="$BUILD/corpus/$TARGET"
SEEDS="$BUILD/seeds/$TARGET"
rm -rf "$SEEDS"
mkdir -p "$CORPUS" "$SEEDS" "$BUILD/findings"
[[ -d Fuzz/Seeds/$TARGET ]] && cp Fuzz/Seeds/"$TARGET"/* "$SEEDS"/ 2>/dev/null || true
seed() {
    case $TARGET in
        extraction | charset)
            for page in Samples/*.html; do head -c 65536 "$page" > "$SEEDS/sample-$(basename "$page")"; done
            python3 - "$SEEDS" <<'PY'
import sys, os
out = sys.argv[1]
cases = {
    "many-attributes": "<div " + " ".join("a%d=x" % i for i in range(2000)) + ">t</div>",
    "deep": "<div>" * 3000 + "x",
    "utf16": "\ufeff<html><body><p>h\u00e9</p></body></html>",
    "meta-charset": "<meta charset=windows-1252><p>caf\xe9</p>",
    "entities": "<p>&amp;&#x1F600;&#0;&#xD800;&nosuch;&</p>",
    "comments": "<!--x--><!DOCTYPE html><?php ?><script>a<b</script><style>p{}</style>",
}
for name, text in cases.items():
    data = text.encode("utf-16" if name == "utf16" else "latin-1" if name == "meta-charset" else "utf-8")
    open(os.path.join(out, name), "wb").write(data)
PY
            ;;
        pipeline-yaml)
            for file in Pipelines/*.yaml; do cp "$file" "$SEEDS/"; done
            printf 'a: &a [x, x]\nb: &b [*a, *a]\n*b : 1\n' > "$SEEDS/aliases"
            printf 'fetch: !custom {x: 1}\nname: !!binary aGk=\n' > "$SEEDS/tags"
            ;;
    esac
}
seed

# 4. Run. libFuzzer's last line: "#N DONE cov: C ft: F corp: …" — executions and coverage.
LOG="$BUILD/fuzz-$TARGET.log"
set +e
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$BINARY" "$CORPUS" "$SEEDS" \
    -max_total_time="$SECONDS_TO_RUN" -timeout="$TIMEOUT" -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-16384}" -detect_leaks=0 \
    -artifact_prefix="$BUILD/findings/$TARGET-" -print_final_stats=1 "$@" 2>"$LOG"
status=$?
set -e
done_line=$(grep -E '^#[0-9]+ +DONE' "$LOG" | tail -1 || true)
executions=$(grep -E '^stat::number_of_executed_units' "$LOG" | awk '{print $2}' || true)
echo "fuzz $TARGET: status $status, ${executions:-?} executions in ${SECONDS_TO_RUN}s; ${done_line:-$(tail -3 "$LOG")}"
if [[ $status -ne 0 ]]; then
    echo "fuzz $TARGET: FINDING — see $LOG and $BUILD/findings/" >&2
    tail -40 "$LOG" >&2
fi
exit $status
