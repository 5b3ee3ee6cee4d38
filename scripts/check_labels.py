#!/usr/bin/env python3
"""Checks gleaner output against hand-labelled fixtures (Tests/Fixtures):
published-date share and day accuracy on labelled dragnet pages, language on scrapinghub.

usage: check_labels.py DRAGNET.jsonl SCRAPINGHUB.jsonl [--min-dated 0.9 --min-day 0.95 --min-language 0.98]
Exits 1 when a figure is below its minimum."""
import argparse, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "Tests", "Fixtures")


def records(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            page = os.path.basename(r["source"]).split(".")[0]
            out[page] = r
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dragnet")
    p.add_argument("scrapinghub")
    p.add_argument("--min-dated", type=float, default=0.90)
    p.add_argument("--min-day", type=float, default=0.95)
    p.add_argument("--min-language", type=float, default=0.98)
    a = p.parse_args()
    dates = json.load(open(os.path.join(fixtures, "dragnet-dates.json")))["labels"]
    langs = json.load(open(os.path.join(fixtures, "scrapinghub-languages.json")))["labels"]
    dr, sh = records(a.dragnet), records(a.scrapinghub)
    dated = [k for k in dates if (dr.get(k) or {}).get("published")]
    right = [k for k in dated if dr[k]["published"][:10] == dates[k]]
    wrong = [(k, dr[k]["published"], dates[k]) for k in dated if k not in right]
    lang_right = [k for k in langs if ((sh.get(k) or {}).get("language") or "").split("-")[0].lower() == langs[k]]
    share, day = len(dated) / len(dates), len(right) / max(1, len(dated))
    lang = len(lang_right) / len(langs)
    print(f"dates: {len(dated)}/{len(dates)} labelled dragnet pages dated ({share:.3f}), "
          f"{len(right)}/{len(dated)} day-accurate ({day:.3f}); wrong: {wrong}")
    print(f"language: {len(lang_right)}/{len(langs)} scrapinghub pages right ({lang:.3f})")
    ok = share >= a.min_dated and day >= a.min_day and lang >= a.min_language
    if not ok:
        print("check_labels: below minimum", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
