#!/usr/bin/env python3
"""Extraction throughput: `crosscheck extract --jsonl` over real news text.

usage: bench_extract.py BIN [--mb N] [--repeat K] [--kinds K,...] [--jobs N]

The corpus is assembled at run time from the article texts of ../shared/eval
(PolNeAR, FRANK, SummEdits, XSumFaith, ECB+), repeated up to N MB; nothing is
copied into the repository. Prints MB/s and articles/s of wall time for the
whole pipeline (normalize, segment, quotes, people, dates, quantities, JSON
output), the best of K runs, and peak RSS. --kinds limits extraction to some
claim kinds (quote,reported,role is the quotes-and-people stage); --jobs N
passes --jobs to extract. CPU seconds (user+sys) are printed beside wall time:
on a shared machine they are the steadier figure.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def texts(shared):
    ev = os.path.join(shared, "eval")
    for name, key in [("polnear.dev.jsonl", "text"), ("frank.dev.jsonl", "text"),
                      ("summedits.dev.jsonl", "text"), ("xsumfaith.dev.jsonl", "text")]:
        path = os.path.join(ev, name)
        if not os.path.exists(path):
            continue
        seen = set()
        with open(path, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get(key) or ""
                if t and t not in seen:
                    seen.add(t)
                    yield t
    path = os.path.join(ev, "ecbplus.dev.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                for a in json.loads(line).get("articles", []):
                    if a.get("text"):
                        yield a["text"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", default="")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.path.normpath(os.path.join(here, "..", "..", "..", "shared"))
    corpus = list(texts(shared))
    if not corpus:
        print("bench_extract: ../shared/eval is absent; nothing to measure")
        return 0
    target = int(args.mb * 1e6)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        size = n = 0
        while size < target:
            for t in corpus:
                line = json.dumps({"id": str(n), "text": t, "published": "2020-06-01"})
                out.write(line + "\n")
                size += len(t.encode("utf-8"))
                n += 1
                if size >= target:
                    break
        path = out.name
    best = best_cpu = None
    cmd = [args.bin, "extract", "--jsonl", "--jobs", str(args.jobs)]
    if args.kinds:
        cmd += ["--kinds", args.kinds]
    try:
        for _ in range(args.repeat):
            with open(path, "rb") as stdin:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = time.perf_counter() - t0
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
            if p.returncode != 0:
                print(p.stderr.decode()[-2000:], file=sys.stderr)
                return 1
            best = dt if best is None else min(best, dt)
    finally:
        os.unlink(path)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus: {n} articles, {size / 1e6:.1f} MB of article text ({len(corpus)} distinct)")
    what = " ".join(cmd[1:])
    print(f"{what}: {size / 1e6 / best:.1f} MB/s, {n / best:.0f} articles/s "
          f"(best of {args.repeat}: {best:.2f} s wall), peak RSS {rss:.0f} MB")
    print(f"  CPU time: {best_cpu:.2f} s = {size / 1e6 / best_cpu:.1f} MB per CPU second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
