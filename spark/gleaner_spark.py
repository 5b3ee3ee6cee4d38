#!/usr/bin/env python3
"""Gleaner on Apache Spark: extract articles from WARC files on a cluster.

In the shape of Common Crawl's cc-pyspark: the input is a text file of WARC locations (local
paths, file://, https://, s3:// with boto3), split over partitions. Each partition runs the
`gleaner` binary (shipped with --files) as a subprocess — WARC paths on its stdin, one JSON
record per line on its stdout — and the job writes only through Spark's output committer, so
a task Spark retries leaves no duplicate lines. A broken WARC gives error records (each names
FILE#OFFSET), never a failed job.

    spark-submit --master 'local[2]' --files build/release/gleaner spark/gleaner_spark.py \
        warc-paths.txt out/            # JSON lines in out/, per-file summary in out/_summary

See spark/README.md for YARN / Kubernetes.
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

from pyspark import SparkFiles, TaskContext
from pyspark.sql import SparkSession
from pyspark.sql import types as T

# The DataFrame schema of a `gleaner.article/1` record (docs/schema.md), for Parquet output.
BLOCK = T.StructType([
    T.StructField("type", T.StringType()), T.StructField("level", T.LongType()), T.StructField("text", T.StringType())])
COMMENT = T.StructType([
    T.StructField("author", T.StringType()), T.StructField("published", T.StringType()),
    T.StructField("text", T.StringType()), T.StructField("parent", T.LongType())])
WARC = T.StructType([
    T.StructField("file", T.StringType()), T.StructField("offset", T.LongType()), T.StructField("length", T.LongType()),
    T.StructField("record_id", T.StringType()), T.StructField("target_uri", T.StringType()),
    T.StructField("date", T.StringType()), T.StructField("status", T.LongType()), T.StructField("truncated", T.StringType())])
ERROR = T.StructType([
    T.StructField("stage", T.StringType()), T.StructField("code", T.StringType()), T.StructField("message", T.StringType())])
ARTICLE_SCHEMA = T.StructType([
    T.StructField("schema", T.StringType()), T.StructField("source", T.StringType()), T.StructField("url", T.StringType()),
    T.StructField("page_type", T.StringType()), T.StructField("headline", T.StringType()), T.StructField("lead", T.StringType()),
    T.StructField("site_name", T.StringType()), T.StructField("language", T.StringType()),
    T.StructField("authors", T.ArrayType(T.StringType())), T.StructField("agency", T.StringType()),
    T.StructField("published", T.StringType()), T.StructField("modified", T.StringType()),
    T.StructField("tags", T.ArrayType(T.StringType())), T.StructField("image", T.StringType()),
    T.StructField("blocks", T.ArrayType(BLOCK)), T.StructField("subheadings", T.ArrayType(T.StringType())),
    T.StructField("text", T.StringType()), T.StructField("comments", T.ArrayType(COMMENT)),
    T.StructField("word_count", T.LongType()), T.StructField("content_hash", T.StringType()),
    T.StructField("warc", WARC), T.StructField("error", ERROR)])
SUMMARY_SCHEMA = T.StructType([
    T.StructField("input", T.StringType()), T.StructField("records", T.LongType()),
    T.StructField("errors", T.LongType()), T.StructField("seconds", T.DoubleType())])


def localize(location, scratch):
    """A local path for a WARC location, downloading https:// and s3:// ones into `scratch`."""
    parsed = urllib.parse.urlparse(location)
    if parsed.scheme in ("", "file"):
        return urllib.parse.unquote(parsed.path) if parsed.scheme == "file" else location, False
    target = os.path.join(scratch, os.path.basename(parsed.path) or "download.warc.gz")
    if parsed.scheme in ("http", "https"):
        with urllib.request.urlopen(location, timeout=300) as response, open(target, "wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
    elif parsed.scheme in ("s3", "s3a"):
        import boto3  # optional: only clusters reading s3:// need it
        boto3.client("s3").download_file(parsed.netloc, parsed.path.lstrip("/"), target)
    else:
        raise ValueError(f"unsupported WARC location scheme: {location}")
    return target, True


def error_line(location, code, message):
    return json.dumps({"schema": "gleaner.article/1", "source": location,
                       "error": {"stage": "read", "code": code, "message": message}}, ensure_ascii=False)


def run_partition(locations, gleaner, extra_args, fail_partition):
    """Extracts the WARC files of one partition; yields ("record", line) and ("summary", json)."""
    context = TaskContext.get()
    # Test hook: the first attempt of one partition dies after producing output, to prove a
    # retried task leaves no duplicates (only committed attempts reach the output).
    die = fail_partition is not None and context is not None and context.partitionId() == fail_partition and context.attemptNumber() == 0
    binary = gleaner if os.path.isabs(gleaner) else SparkFiles.get(gleaner)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    scratch = tempfile.mkdtemp(prefix="gleaner-spark-")
    try:
        for location in locations:
            location = location.strip()
            if not location or location.startswith("#"):
                continue
            started = time.time()
            records = errors = 0
            try:
                path, downloaded = localize(location, scratch)
            except Exception as failure:  # a location that cannot be fetched is an error record
                yield ("record", error_line(location, "unreadable", str(failure)))
                yield ("summary", json.dumps({"input": location, "records": 0, "errors": 1, "seconds": time.time() - started}))
                continue
            # rdd.pipe would give the child an empty environment; a plain subprocess keeps
            # PATH/LANG and lets us check the exit status ourselves.
            process = subprocess.Popen([binary, "extract", "--quiet", "--jobs", "1", *extra_args, "--paths-from", "-"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            stdout, stderr = process.communicate((path + "\n").encode())
            for line in stdout.decode("utf-8").splitlines():
                if not line:
                    continue
                if downloaded:  # records name the location, not the scratch copy
                    line = line.replace(json.dumps(path)[1:-1], json.dumps(location)[1:-1])
                if '"error":{' in line:
                    errors += 1
                else:
                    records += 1
                yield ("record", line)
                if die and records + errors >= 2:
                    raise RuntimeError("forced failure of the first attempt (--fail-partition)")
            # Exit 1 means "some error records", which are already in the output; anything
            # else (a crash) becomes one error record for the file.
            if process.returncode not in (0, 1):
                errors += 1
                yield ("record", error_line(location, "gleaner_failed",
                                            f"gleaner exited with {process.returncode}: {stderr.decode(errors='replace')[-500:]}"))
            if downloaded:
                os.remove(path)
            yield ("summary", json.dumps({"input": location, "records": records, "errors": errors,
                                          "seconds": round(time.time() - started, 3)}))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="text file of WARC locations, one per line")
    parser.add_argument("output", help="output directory (must not exist)")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--partitions", type=int, default=None, help="default: one per WARC location")
    parser.add_argument("--gleaner", default="gleaner", help="the binary: a name shipped with --files, or an absolute path")
    parser.add_argument("--warc-status", default=None, help="passed to gleaner extract")
    parser.add_argument("--warc-include-non-html", action="store_true")
    parser.add_argument("--fail-partition", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    spark = SparkSession.builder.appName("gleaner").getOrCreate()
    context = spark.sparkContext
    with open(args.input) if os.path.exists(args.input) else open(urllib.parse.urlparse(args.input).path) as handle:
        locations = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    partitions = args.partitions or max(1, len(locations))
    extra = []
    if args.warc_status:
        extra += ["--warc-status", args.warc_status]
    if args.warc_include_non_html:
        extra.append("--warc-include-non-html")
    gleaner, fail_partition = args.gleaner, args.fail_partition
    results = context.parallelize(locations, partitions).mapPartitions(
        lambda part: run_partition(part, gleaner, extra, fail_partition)).persist()
    records = results.filter(lambda item: item[0] == "record").map(lambda item: item[1])
    summaries = results.filter(lambda item: item[0] == "summary").map(lambda item: item[1])
    if args.format == "jsonl":
        records.saveAsTextFile(args.output)
    else:
        spark.read.schema(ARTICLE_SCHEMA).json(records).write.parquet(args.output)
    spark.read.schema(SUMMARY_SCHEMA).json(summaries).coalesce(1).write.json(os.path.join(args.output, "_summary"))
    spark.stop()


if __name__ == "__main__":
    main()
