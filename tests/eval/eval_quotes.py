#!/usr/bin/env python3
"""Scores direct quotes and their speakers against PolNeAR (development split).

Usage: eval_quotes.py BIN [--data PATH]

Runs `BIN extract --jsonl` over ../shared/eval/polnear.dev.jsonl (relative to
the repository) and prints:
  - recall: annotated direct quotes overlapped by an extracted speech quote;
  - precision (strict): extracted speech quotes overlapping an annotated direct
    quote; (lenient): overlapping any annotated quote (direct, mixed, indirect),
    since PolNeAR files quoted fragments of paraphrase under "mixed";
  - speaker accuracy: for matched direct quotes with an annotated speaker, the
    extracted speaker mention (speaker_start..speaker_end, code points)
    overlaps the annotated speaker span.
Exits 0 and says so when the data is absent. The texts are read, never copied.
"""
import argparse
import json
import os
import subprocess
import sys


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "eval", "polnear.dev.jsonl"))
    ap.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    args = ap.parse_args()
    if not os.path.exists(args.data):
        print(f"polnear data absent ({args.data}): nothing to evaluate")
        return 0
    docs = [json.loads(l) for l in open(args.data, encoding="utf-8") if l.strip()]
    stdin = "".join(json.dumps({"id": str(i), "text": d["text"]}) + "\n" for i, d in enumerate(docs))
    proc = subprocess.run([args.bin, "extract", "--jsonl"], input=stdin.encode(), capture_output=True)
    if proc.returncode != 0:
        print(proc.stderr.decode(errors="replace"), file=sys.stderr)
        print(f"extract failed with exit code {proc.returncode}")
        return 1
    out = {}
    for line in proc.stdout.decode().splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec.get("id"))] = rec
    gold_n = pred_n = recall_hit = strict_hit = lenient_hit = 0
    spk_n = spk_hit = 0
    misses = {"recall": [], "precision": [], "speaker": []}
    for i, d in enumerate(docs):
        text = d["text"]
        gold = [q for q in d["quotes"] if q["type"] == "direct"]
        anyq = d["quotes"]
        claims = out.get(str(i), {}).get("claims", [])
        pred = [c for c in claims if c.get("kind") == "quote" and c.get("speech")]
        gold_n += len(gold)
        pred_n += len(pred)
        for p in pred:
            if any(overlaps(p["start"], p["end"], g["start"], g["end"]) for g in gold):
                strict_hit += 1
            else:
                misses["precision"].append(text[p["start"]:p["end"]][:100])
            if any(overlaps(p["start"], p["end"], g["start"], g["end"]) for g in anyq):
                lenient_hit += 1
        for g in gold:
            match = [p for p in pred if overlaps(p["start"], p["end"], g["start"], g["end"])]
            if not match:
                misses["recall"].append(g["quote_text"][:100])
                continue
            recall_hit += 1
            if g.get("speaker_start") is None:
                continue
            spk_n += 1
            ok = any(p.get("speaker_start") is not None and
                     overlaps(p["speaker_start"], p["speaker_end"], g["speaker_start"], g["speaker_end"])
                     for p in match)
            spk_hit += ok
            if not ok:
                p = match[0]
                got = p.get("speaker_text")
                misses["speaker"].append(f"gold {g['speaker']!r} got {got!r} in: {g['quote_text'][:70]}")
    def pct(a, b):
        return 100.0 * a / b if b else 0.0
    print(f"polnear dev: {len(docs)} articles, {gold_n} direct quotes annotated, {pred_n} speech quotes extracted")
    print(f"direct quote recall:            {pct(recall_hit, gold_n):5.1f}% ({recall_hit}/{gold_n})")
    print(f"direct quote precision strict:  {pct(strict_hit, pred_n):5.1f}% ({strict_hit}/{pred_n})")
    print(f"direct quote precision lenient: {pct(lenient_hit, pred_n):5.1f}% ({lenient_hit}/{pred_n})")
    print(f"speaker accuracy (mention overlap): {pct(spk_hit, spk_n):5.1f}% ({spk_hit}/{spk_n})")
    for kind, xs in misses.items():
        for x in xs[: args.show]:
            print(f"  miss[{kind}]: {x}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
