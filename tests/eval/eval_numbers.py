#!/usr/bin/env python3
"""Scores `crosscheck extract --jsonl` quantities on recognizers_number.

Usage: eval_numbers.py BIN [--eval-dir DIR] [--show-misses N]

Reads recognizers_number.dev.jsonl from /work/shared/eval or ../shared/eval
(next to the repository) when present; prints, per model (number, percentage,
ordinal, numberrange, currency): cases, expected expressions, recall (an
extracted quantity overlaps the expected span), value accuracy (of the recalled
expressions with a numeric expected value, the overlapping quantity has that
value, or those bounds for numberrange), and the number of negative cases
(nothing expected) where something was extracted. Exits 0 when the data is
absent; the figures are for reading, not a pass/fail gate.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
from collections import defaultdict

MODELS = ["number", "percentage", "ordinal", "numberrange", "currency"]


def find_eval_dir(explicit):
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    for d in ("/work/shared/eval", os.path.join(repo, "..", "shared", "eval")):
        if os.path.isfile(os.path.join(d, "recognizers_number.dev.jsonl")):
            return d
    return None


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def parse_number(s):
    if s is None:
        return None
    s = str(s).strip().rstrip("%")
    try:
        return float(s)
    except ValueError:
        return None


RANGE_RE = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])$")


def parse_range(s):
    m = RANGE_RE.match(str(s or ""))
    if not m:
        return None
    lo = parse_number(m.group(2)) if m.group(2) else None
    hi = parse_number(m.group(3)) if m.group(3) else None
    return lo, hi


def claim_value(c):
    v = c.get("value")
    if v is None and c.get("low") is not None and c.get("low") == c.get("high"):
        v = c.get("low")
    return v


def value_ok(model, exp, claim):
    if model == "numberrange":
        r = parse_range(exp.get("value"))
        if r is None:
            return None
        lo, hi = r
        if claim.get("approx") in ("exact",) and lo is not None and hi is not None and lo == hi:
            return close(claim_value(claim), lo)
        return close(claim.get("low"), lo) and close(claim.get("high"), hi)
    want = parse_number(exp.get("value"))
    if want is None:
        return None
    return close(claim_value(claim), want)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--eval-dir")
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    d = find_eval_dir(args.eval_dir)
    if d is None:
        print("eval_numbers: recognizers_number.dev.jsonl not found; nothing to score")
        return 0
    cases = []
    with open(os.path.join(d, "recognizers_number.dev.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("model") in MODELS:
                cases.append(r)
    feed = "".join(json.dumps({"text": r["input"], "id": r["id"]}) + "\n" for r in cases)
    proc = subprocess.run([args.bin, "extract", "--jsonl"], input=feed.encode("utf-8"),
                          capture_output=True)
    if proc.returncode != 0:
        print("eval_numbers: %s exited %d: %s" % (args.bin, proc.returncode,
                                                 proc.stderr.decode("utf-8", "replace")[:500]))
        return 1
    by_id = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            by_id[o.get("id")] = [c for c in o.get("claims", []) if c.get("kind") == "quantity"]
    stats = defaultdict(lambda: defaultdict(int))
    misses = defaultdict(list)
    for r in cases:
        m = r["model"]
        s = stats[m]
        s["cases"] += 1
        claims = by_id.get(r["id"], [])
        if not r["expected"]:
            s["negative"] += 1
            if claims:
                s["negative_with_output"] += 1
            continue
        for e in r["expected"]:
            s["expected"] += 1
            best, overlap = None, 0
            for c in claims:
                ov = min(c["end"], e["end"]) - max(c["start"], e["start"])
                if ov > overlap:
                    best, overlap = c, ov
            if best is None:
                misses[m].append((r["input"], e["text"], e.get("value"), "not found"))
                continue
            s["recalled"] += 1
            ok = value_ok(m, e, best)
            if ok is None:
                continue
            s["valued"] += 1
            if ok:
                s["value_ok"] += 1
            else:
                misses[m].append((r["input"], e["text"], e.get("value"),
                                  "got %s [%s, %s]" % (best.get("value"), best.get("low"), best.get("high"))))
    print("%-12s %6s %8s %8s %8s %10s" % ("model", "cases", "expected", "recall", "value", "neg_fp"))
    for m in MODELS:
        s = stats[m]
        if not s["cases"]:
            continue
        rec = s["recalled"] / s["expected"] if s["expected"] else float("nan")
        val = s["value_ok"] / s["valued"] if s["valued"] else float("nan")
        print("%-12s %6d %8d %7.1f%% %7.1f%% %4d/%-4d" % (m, s["cases"], s["expected"], 100 * rec, 100 * val,
                                                       s["negative_with_output"], s["negative"]))
    if args.show_misses:
        for m in MODELS:
            for miss in misses[m][: args.show_misses]:
                print("MISS %s: %r expected %r=%s: %s" % (m, miss[0][:90], miss[1], miss[2], miss[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
