#!/usr/bin/env python3
"""Scores `crosscheck extract --jsonl` date claims on the annotated date sets.

Usage: eval_dates.py BIN [--eval-dir DIR] [--show-misses N] [--sets a,b]

Reads, when present in /work/shared/eval or ../shared/eval (next to the
repository):
  tempeval3, meantime       news; the document creation date (dct) is the
                            publication date; gold TIMEX3 values.
  recognizers_datetime      sentences with a reference date ("now"); a value
                            matches any of the listed readings (past or future).
  chrono                    sentences with an optional reference date; the
                            value is compared by start date; negative cases
                            (nothing to find) count false positives.
Prints per set: gold expressions, recall (an extracted date overlaps the gold
span), value accuracy (of the recalled expressions, the overlapping date has
the gold value), and precision of spans (extracted dates overlapping some gold
expression). A range value "A/B" matches a gold value A or B. Exits 0 when the
data is absent: the figures are for reading, not a pass/fail gate.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

SETS = ["tempeval3", "meantime", "recognizers_datetime", "chrono"]


def find_eval_dir(explicit):
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    for d in ("/work/shared/eval", os.path.join(repo, "..", "shared", "eval")):
        if os.path.isdir(d):
            return d
    return None


def run_extract(binary, records):
    """Runs BIN extract --jsonl over records [{text, id, published}] -> {id: claims}."""
    payload = "".join(json.dumps(r) + "\n" for r in records)
    proc = subprocess.run([binary, "extract", "--jsonl"], input=payload.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        raise SystemExit("extract failed with exit code %d" % proc.returncode)
    out = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        out[obj.get("id")] = [c for c in obj.get("claims", []) if c.get("kind") == "date"]
    return out


def valid_published(s):
    """The part of a reference date the CLI accepts (YYYY-MM-DD[THH:MM[:SS]])."""
    if not s:
        return None
    s = s.strip()
    if len(s) >= 10 and s[4] == "-" and s[7] == "-":
        return s[:10]
    return None


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def value_parts(v):
    return v.split("/") if v and "/" in v and not v.startswith("(") else [v]


def best_overlap(claims, s, e):
    best, size = None, 0
    for c in claims:
        o = min(e, c["end"]) - max(s, c["start"])
        if o > size:
            best, size = c, o
    return best


class Score:
    def __init__(self):
        self.gold = 0
        self.found = 0
        self.correct = 0
        self.pred = 0
        self.pred_ok = 0
        self.negatives = 0
        self.false_pos = 0
        self.by_type = defaultdict(lambda: [0, 0, 0])  # gold, found, correct
        self.misses = []

    def line(self, name):
        rec = self.found / self.gold if self.gold else 0.0
        acc = self.correct / self.found if self.found else 0.0
        prec = self.pred_ok / self.pred if self.pred else 0.0
        s = ("%-22s expressions %5d  recall %5.1f%%  value accuracy %5.1f%% (%d/%d)  span precision %5.1f%%"
             % (name, self.gold, 100 * rec, 100 * acc, self.correct, self.found, 100 * prec))
        if self.negatives:
            s += "  negatives %d, false positives %d" % (self.negatives, self.false_pos)
        return s


def score_timex_set(binary, path, name, show):
    docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    records = [{"text": d["text"], "id": str(i), "published": valid_published(d.get("dct"))}
               for i, d in enumerate(docs)]
    for r in records:
        if r["published"] is None:
            del r["published"]
    preds = run_extract(binary, records)
    sc = Score()
    for i, d in enumerate(docs):
        claims = preds.get(str(i), [])
        sc.pred += len(claims)
        for c in claims:
            if any(overlaps(c["start"], c["end"], t["start"], t["end"]) for t in d["timexes"]):
                sc.pred_ok += 1
        for t in d["timexes"]:
            sc.gold += 1
            bt = sc.by_type[t.get("type", "?")]
            bt[0] += 1
            c = best_overlap(claims, t["start"], t["end"])
            if c is None:
                sc.misses.append(("miss", d.get("dct"), t["surface"], t["value"], None))
                continue
            sc.found += 1
            bt[1] += 1
            if t["value"] in value_parts(c.get("value")):
                sc.correct += 1
                bt[2] += 1
            else:
                sc.misses.append(("value", d.get("dct"), t["surface"], t["value"],
                                  (c["text"], c.get("value"), c.get("rule"), c.get("tense"))))
    print(sc.line(name))
    for ty, (g, f, c) in sorted(sc.by_type.items()):
        print("    %-10s gold %4d  recall %5.1f%%  value accuracy %5.1f%%"
              % (ty, g, 100 * f / g if g else 0, 100 * c / f if f else 0))
    show_misses(sc, show)
    return sc


def score_recognizers(binary, path, name, show):
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    records = []
    for i, c in enumerate(cases):
        r = {"text": c["input"], "id": str(i)}
        p = valid_published(c.get("reference"))
        if p:
            r["published"] = p
        records.append(r)
    preds = run_extract(binary, records)
    sc = Score()
    for i, c in enumerate(cases):
        claims = preds.get(str(i), [])
        exp = c.get("expected") or []
        if not exp:
            sc.negatives += 1
            sc.false_pos += 1 if claims else 0
        sc.pred += len(claims)
        for cl in claims:
            if any(overlaps(cl["start"], cl["end"], e["start"], e["end"]) for e in exp):
                sc.pred_ok += 1
        for e in exp:
            sc.gold += 1
            bt = sc.by_type[e.get("type", "?").replace("datetimeV2.", "")]
            bt[0] += 1
            cl = best_overlap(claims, e["start"], e["end"])
            if cl is None:
                sc.misses.append(("miss", c.get("reference"), e.get("text"), None, None))
                continue
            sc.found += 1
            bt[1] += 1
            accept = set()
            for v in e.get("values") or []:
                for k in ("timex", "value"):
                    if v.get(k):
                        accept.add(str(v[k]))
            ours = set(value_parts(cl.get("value")))
            if cl.get("start_date"):
                ours.add(cl["start_date"])
            if ours & accept:
                sc.correct += 1
                bt[2] += 1
            else:
                sc.misses.append(("value", c.get("reference"), e.get("text"), sorted(accept)[:3],
                                  (cl["text"], cl.get("value"))))
    print(sc.line(name))
    for ty, (g, f, c) in sorted(sc.by_type.items()):
        print("    %-16s gold %4d  recall %5.1f%%  value accuracy %5.1f%%"
              % (ty, g, 100 * f / g if g else 0, 100 * c / f if f else 0))
    show_misses(sc, show)
    return sc


def score_chrono(binary, path, name, show):
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    records = []
    for i, c in enumerate(cases):
        r = {"text": c["input"], "id": str(i)}
        p = valid_published(c.get("reference"))
        if p:
            r["published"] = p
        records.append(r)
    preds = run_extract(binary, records)
    sc = Score()
    for i, c in enumerate(cases):
        claims = preds.get(str(i), [])
        if c.get("negative"):
            sc.negatives += 1
            if claims:
                sc.false_pos += 1
                sc.misses.append(("false+", c.get("reference"), c["input"], None,
                                  [(x["text"], x.get("value")) for x in claims]))
            continue
        exp = c.get("expected") or {}
        text = exp.get("text") or c["input"]
        s = c["input"].find(text)
        if s < 0:
            s, text = 0, c["input"]
        e = s + len(text)
        sc.gold += 1
        sc.pred += len(claims)
        sc.pred_ok += sum(1 for x in claims if overlaps(x["start"], x["end"], s, e))
        cl = best_overlap(claims, s, e)
        if cl is None:
            sc.misses.append(("miss", c.get("reference"), text, exp.get("start_date"), None))
            continue
        sc.found += 1
        want = (exp.get("start_date") or "")[:10]
        if not want:
            continue  # nothing to compare (components only)
        if cl.get("start_date") == want:
            sc.correct += 1
        else:
            sc.misses.append(("value", c.get("reference"), text, want, (cl["text"], cl.get("value"),
                                                                         cl.get("start_date"))))
    # Value accuracy over the recalled cases that carry a start date.
    print(sc.line(name))
    show_misses(sc, show)
    return sc


def show_misses(sc, n):
    if n <= 0:
        return
    kinds = Counter(m[0] for m in sc.misses)
    print("    misses:", dict(kinds))
    for m in sc.misses[:n]:
        print("     ", m)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("--eval-dir")
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args()
    d = find_eval_dir(args.eval_dir)
    if d is None:
        print("eval_dates: no evaluation data found; nothing to do")
        return 0
    scorers = {"tempeval3": score_timex_set, "meantime": score_timex_set,
               "recognizers_datetime": score_recognizers, "chrono": score_chrono}
    ran = 0
    for name in args.sets.split(","):
        path = os.path.join(d, name + ".dev.jsonl")
        if name not in scorers or not os.path.isfile(path):
            continue
        scorers[name](args.binary, path, name, args.show_misses)
        ran += 1
    if ran == 0:
        print("eval_dates: no date sets in %s; nothing to do" % d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
