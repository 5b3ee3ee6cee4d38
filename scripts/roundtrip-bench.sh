#!/usr/bin/env bash
# Round trip of the rendered formats over every bench page (issue 11): each page is
# extracted once as JSON lines and once per format with --output-dir, and every document is
# parsed back by an independent parser (Tests/Support/roundtrip.py: markdown-it-py for
# Markdown, Python's html.parser for HTML, text search for text) and compared block by block
# with its record. Prints the failures per format and the first few differences.
#   BENCH=/path/to/shared/bench scripts/roundtrip-bench.sh      (default ../shared/bench)
# Needs markdown-it-py (scripts/setup.sh --tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH:-../shared/bench}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product gleaner >/dev/null
gleaner=.build/release/gleaner
for set in scrapinghub/html dragnet/HTML cleaneval/html; do
  name=${set%%/*}
  "$gleaner" extract "$bench/$set" --quiet --output "$work/$name.jsonl" || true
  for format in markdown html text; do
    "$gleaner" extract "$bench/$set" --quiet --format "$format" --output-dir "$work/$name-$format" || true
  done
done
python3 - "$work" <<'PY'
import glob, io, json, os, re, sys, contextlib
sys.path.insert(0, "Tests/Support")
import roundtrip
work = sys.argv[1]
extension = {"markdown": "md", "html": "html", "text": "txt"}
for fmt in ("markdown", "html", "text"):
    pages = failed = 0
    examples = []
    for records in sorted(glob.glob(os.path.join(work, "*.jsonl"))):
        name = os.path.basename(records)[:-6]
        for line in open(records, encoding="utf-8"):
            record = json.loads(line)
            if "error" in record:
                continue
            page = re.sub(r"(\.html?|\.gz)+$", "", os.path.basename(record["source"]))
            document_path = os.path.join(work, f"{name}-{fmt}", f"{page}.{extension[fmt]}")
            record_path = os.path.join(work, "record.json")
            with open(record_path, "w", encoding="utf-8") as out:
                out.write(line)
            sys.argv = ["roundtrip.py", fmt, record_path, document_path]
            captured = io.StringIO()
            with contextlib.redirect_stdout(captured):
                status = roundtrip.main()
            pages += 1
            if status:
                failed += 1
                if len(examples) < 5:
                    examples.append(f"{name}/{page}: " + captured.getvalue().split("\n", 1)[1][:300])
    print(f"{fmt}: {pages - failed}/{pages} pages round-trip, {failed} fail")
    for example in examples:
        print("  " + example.rstrip())
PY
