#!/usr/bin/env python3
"""End-to-end test of spark/gleaner_spark.py in PySpark local[2,3] mode (retries allowed).

WARC files are made from Samples/ and the third-party pages in $BENCH (../shared/bench), plus
one broken WARC. One task's first attempt is forced to fail after emitting output. The job's
output must have exactly one line per qualifying record and per broken record, no duplicates,
and equal `gleaner extract` over the same files.

  python3 spark/test_gleaner_spark.py [GLEANER_BINARY]     (exit 0 = pass)
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    gleaner = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/gleaner"))
    bench = os.environ.get("BENCH", os.path.join(ROOT, "..", "shared", "bench"))
    work = tempfile.mkdtemp(prefix="gleaner-spark-test-")
    started = time.time()
    try:
        pages = sorted(glob.glob(os.path.join(ROOT, "Samples", "*.html")))
        bench_pages = sorted(glob.glob(os.path.join(bench, "scrapinghub", "html", "*.html*")))[:40]
        if not bench_pages:
            print(f"note: no bench pages under {bench}; Samples only", file=sys.stderr)
        warcs = os.path.join(work, "warcs")
        subprocess.run([sys.executable, os.path.join(ROOT, "spark", "make_warcs.py"), warcs, "4", *pages, *bench_pages, "--corrupt"],
                       check=True, stdout=subprocess.DEVNULL)
        files = sorted(glob.glob(os.path.join(warcs, "*.warc.gz")))
        listing = os.path.join(work, "warc-paths.txt")
        with open(listing, "w") as out:
            out.write("# WARC locations\n")
            for index, path in enumerate(files):
                out.write(("file://" + path if index == 0 else path) + "\n")
        expected = subprocess.run([gleaner, "extract", "--quiet", "--jobs", "2", *files], capture_output=True, text=True)
        assert expected.returncode in (0, 1), expected.stderr
        expected_lines = [line for line in expected.stdout.splitlines() if line]
        # Every page is one record; broken.warc.gz holds 3 pages, one in a damaged member.
        errors = [line for line in expected_lines if '"error":{' in line]
        assert len(errors) == 1 and '"code":"bad_gzip"' in errors[0], errors
        assert len(expected_lines) == len(pages) + len(bench_pages) + 2 + 1, len(expected_lines)

        output = os.path.join(work, "out")
        env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
        job = subprocess.run(["spark-submit", "--master", "local[2,3]", "--conf", "spark.ui.enabled=false",
                              "--files", gleaner, os.path.join(ROOT, "spark", "gleaner_spark.py"),
                              listing, output, "--partitions", "3", "--fail-partition", "1"],
                             capture_output=True, text=True, env=env)
        assert job.returncode == 0, job.stderr[-3000:]
        assert "forced failure of the first attempt" in job.stderr, "the forced task failure did not happen"
        lines = []
        for part in sorted(glob.glob(os.path.join(output, "part-*"))):
            with open(part) as handle:
                lines += [line for line in handle.read().splitlines() if line]
        # file:// in the list names the same file: the record's source is the local path.
        assert len(lines) == len(set(lines)), "duplicate output lines"
        assert sorted(lines) == sorted(expected_lines), (
            f"spark {len(lines)} lines vs gleaner extract {len(expected_lines)}; "
            f"only in spark: {sorted(set(lines) - set(expected_lines))[:1]}; only in extract: {sorted(set(expected_lines) - set(lines))[:1]}")
        sources = [json.loads(line)["source"] for line in lines]
        assert len(sources) == len(set(sources)), "two records for one FILE#OFFSET"
        summary = []
        for part in glob.glob(os.path.join(output, "_summary", "part-*")):
            with open(part) as handle:
                summary += [json.loads(line) for line in handle if line.strip()]
        assert len(summary) == len(files), summary
        assert sum(entry["records"] + entry["errors"] for entry in summary) == len(lines)
        print(f"spark test passed: {len(files)} WARC files, {len(lines)} lines ({len(errors)} error records), "
              f"one forced task failure retried, {time.time() - started:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
