#!/usr/bin/env python3
"""Compare evaluate.py --json outputs with the committed quality floor.

usage: check_floor.py FLOOR.json DATASET=SCORES.json [DATASET=SCORES.json ...]
e.g.   check_floor.py .ci/quality-floor.json scrapinghub=a.json dragnet=b.json cleaneval=c.json
FLOOR.json maps "dataset.metric" (e.g. "dragnet.comments_f1") to the lowest acceptable value;
a floor entry whose dataset was not scored fails (a set silently dropped is a regression).
"""
import json
import sys


def main() -> int:
    floor = json.load(open(sys.argv[1]))
    scores = {}
    for argument in sys.argv[2:]:
        dataset, _, path = argument.partition("=")
        if not path:
            print(f"usage: check_floor.py FLOOR.json DATASET=SCORES.json ... (got {argument!r})", file=sys.stderr)
            return 2
        metrics = next(iter(json.load(open(path)).values()))
        for key, value in metrics.items():
            scores[f"{dataset}.{key}"] = value
    failed = False
    for key, minimum in sorted(floor.items()):
        value = scores.get(key)
        ok = value is not None and value >= minimum
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {key}: {value if value is None else round(value, 4)} (floor {minimum})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
