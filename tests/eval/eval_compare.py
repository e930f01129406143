#!/usr/bin/env python3
"""Measures false alarms and detections of the cross-source comparison (issue 5).

Usage: eval_compare.py BIN [--limit N] [--sets frank,summedits,factcc,xsumfaith,ecbplus,ecbplus-siblings]
                           [--jobs 2] [--sample PATH] [--show N] [--ecb-sample N]

Article/summary sets (../shared/eval/{frank,summedits,factcc,xsumfaith}.dev.jsonl,
relative to the repository): each pair becomes a story told by two sources, the
article and the summary (`claim`), written as two .txt files in a temp dir with a
manifest giving both the same publication date (2020-01-01: the data has none) and
different outlets; then `BIN --db DB -q run --report json --manifest CSV DIR`.
Printed per set: pairs; consistent pairs with at least one high- or medium-severity
finding (the false-alarm rate, target <= 5%); inconsistent pairs with one (the
detection rate); the finding kinds raised on consistent pairs.

ecbplus: each cluster (articles from many outlets about one event) becomes one run,
each article a source with its date and outlet when known. Printed: findings per
cluster by kind and severity; a sample of up to 20 high/medium findings (summary,
explanation, evidence texts) is written to --sample (default under /tmp) to read.

ecbplus-siblings: the two clusters of each ECB+ topic (two events of one kind)
run together; printed: high/medium findings whose sides are from the two events
(false alarms: two stories taken for one), all of them written to --sample.

One database per pair or cluster; at most --jobs processes at once (default 2).
Exits 0 and says so when the data is absent. The texts are read, never copied.
"""
import argparse
import collections
import concurrent.futures
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time

PAIR_SETS = ["frank", "summedits", "factcc", "xsumfaith"]
ALARM = ("high", "medium")
FIXED_DATE = "2020-01-01"


def run_story(binary, sources):
    """sources: list of (filename, text, outlet, title, published). Returns (findings, error)."""
    with tempfile.TemporaryDirectory(prefix="cc-eval-") as tmp:
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        manifest = os.path.join(tmp, "sources.csv")
        with open(manifest, "w", encoding="utf-8", newline="") as mf:
            w = csv.writer(mf)
            w.writerow(["file", "outlet", "title", "published", "url", "note"])
            for name, text, outlet, title, published in sources:
                with open(os.path.join(src, name), "w", encoding="utf-8") as f:
                    f.write(text)
                w.writerow([name, outlet or "", title or "", published or "", "", ""])
        cmd = [binary, "--db", os.path.join(tmp, "x.db"), "-q", "run", "--report", "json",
               "--manifest", manifest, src]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=120)
        except subprocess.TimeoutExpired:
            return [], "timeout"
        out = proc.stdout.decode("utf-8", errors="replace")
        try:
            rep = json.loads(out)
        except json.JSONDecodeError:
            return [], f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:200]}"
        files = {s.get("id"): os.path.basename(s.get("file") or "") for s in rep.get("sources", [])}
        findings = rep.get("findings", [])
        for f in findings:
            for ev in f.get("evidence", []):
                ev["_file"] = os.path.basename(ev.get("file") or files.get(ev.get("source_id"), ""))
        err = None if proc.returncode in (0, 1, 2) else f"exit {proc.returncode}"
        return findings, err


def alarms(findings):
    return [f for f in findings if f.get("severity") in ALARM]


def load(path, limit):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def short(s, n=300):
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 3] + "..."


def write_finding(out, f):
    out.write(f"[{f.get('severity')}] {f.get('kind')} conf={f.get('confidence')}: {short(f.get('summary'), 400)}\n")
    if f.get("explanation"):
        out.write(f"  why: {short(f.get('explanation'), 600)}\n")
    for ev in f.get("evidence", []):
        extra = {k: v for k, v in ev.items()
                 if k not in ("text", "file", "_file", "source_id", "start", "end") and v not in (None, "", [], {})}
        out.write(f"  - {ev.get('_file')} {json.dumps(extra, ensure_ascii=False)[:300]}\n")
        out.write(f"    {short(ev.get('text'), 700)}\n")


def eval_pairs(args, name, path, pool, sample_out):
    rows = load(path, args.limit)
    t0 = time.time()

    def job(d):
        return run_story(args.bin, [
            ("article.txt", d["text"], "Outlet A", "Article", FIXED_DATE),
            ("summary.txt", d["claim"], "Outlet B", "Summary", FIXED_DATE),
        ])

    results = list(pool.map(job, rows))
    n = {"consistent": 0, "inconsistent": 0}
    hit = {"consistent": 0, "inconsistent": 0}
    any_hit = {"consistent": 0, "inconsistent": 0}
    kinds_fa = collections.Counter()
    kinds_det = collections.Counter()
    sev_all = collections.Counter()
    errors = 0
    false_alarms = []
    for d, (findings, err) in zip(rows, results):
        if err:
            errors += 1
            if errors <= 3:
                print(f"  {name} {d.get('id')}: {err}", file=sys.stderr)
        lab = d.get("label")
        if lab not in n:
            continue
        n[lab] += 1
        for f in findings:
            sev_all[(f.get("kind"), f.get("severity"))] += 1
        al = alarms(findings)
        if findings:
            any_hit[lab] += 1
        if al:
            hit[lab] += 1
            kinds = {f.get("kind") for f in al}
            if lab == "consistent":
                kinds_fa.update(kinds)
                false_alarms.append((d, al))
            else:
                kinds_det.update(kinds)

    def rate(a, b):
        return f"{a}/{b} = {100.0 * a / b:.1f}%" if b else "n/a"

    print(f"== {name}: {len(rows)} pairs ({n['consistent']} consistent, {n['inconsistent']} inconsistent), "
          f"{time.time() - t0:.1f}s, {errors} errors")
    print(f"  false alarms (consistent pairs with a high/medium finding): {rate(hit['consistent'], n['consistent'])}"
          f"{'  OK' if n['consistent'] and hit['consistent'] <= 0.05 * n['consistent'] else '  ABOVE 5%' if n['consistent'] else ''}")
    print(f"  detections (inconsistent pairs with a high/medium finding): {rate(hit['inconsistent'], n['inconsistent'])}")
    print(f"  any finding at all (incl. low): consistent {rate(any_hit['consistent'], n['consistent'])}, "
          f"inconsistent {rate(any_hit['inconsistent'], n['inconsistent'])}")
    if kinds_fa:
        print("  kinds on consistent pairs (pairs): " + ", ".join(f"{k} {c}" for k, c in kinds_fa.most_common(8)))
    if kinds_det:
        print("  kinds on inconsistent pairs (pairs): " + ", ".join(f"{k} {c}" for k, c in kinds_det.most_common(8)))
    if sev_all:
        print("  all findings by kind/severity: " + ", ".join(
            f"{k}/{s} {c}" for (k, s), c in sorted(sev_all.items(), key=lambda x: (-x[1], str(x[0])))))
    if sample_out and false_alarms:
        sample_out.write(f"\n######## {name}: false alarms on consistent pairs ({len(false_alarms)})\n")
        for d, al in false_alarms[: args.show]:
            sample_out.write(f"\n--- {name} {d.get('id')}\n")
            for f in al:
                write_finding(sample_out, f)
    return {"set": name, "pairs": len(rows), "n": n, "hit": hit}


def eval_ecb(args, path, pool, sample_out):
    clusters = load(path, args.limit)
    t0 = time.time()

    def job(c):
        sources = []
        for i, a in enumerate(c.get("articles", [])):
            aid = str(a.get("id") or i)
            fname = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in aid) + f"_{i}.txt"
            outlet = a.get("outlet") or f"unknown outlet {aid}"
            sources.append((fname, a.get("text") or "", outlet, a.get("title") or "", a.get("date") or ""))
        return run_story(args.bin, sources)

    results = list(pool.map(job, clusters))
    total = collections.Counter()
    raised = []
    print(f"== ecbplus: {len(clusters)} clusters, {sum(len(c.get('articles', [])) for c in clusters)} articles, "
          f"{time.time() - t0:.1f}s")
    for c, (findings, err) in zip(clusters, results):
        if err:
            print(f"  cluster {c.get('cluster_id')}: {err}", file=sys.stderr)
        by = collections.Counter((f.get("kind"), f.get("severity")) for f in findings)
        total.update(by)
        desc = ", ".join(f"{k}/{s} {n}" for (k, s), n in sorted(by.items(), key=lambda x: (-x[1], str(x[0]))))
        print(f"  cluster {c.get('cluster_id')} ({len(c.get('articles', []))} articles, "
              f"{len(alarms(findings))} high/medium): {desc or 'no findings'}")
        raised.extend((c.get("cluster_id"), f) for f in alarms(findings))
    print("  total: " + (", ".join(f"{k}/{s} {n}" for (k, s), n in
                                   sorted(total.items(), key=lambda x: (-x[1], str(x[0])))) or "no findings"))
    if sample_out:
        rnd = random.Random(5)
        sample = rnd.sample(raised, min(args.ecb_sample, len(raised)))
        sample_out.write(f"\n######## ecbplus: sample of {len(sample)} of {len(raised)} high/medium findings\n")
        for cid, f in sample:
            sample_out.write(f"\n--- cluster {cid}\n")
            write_finding(sample_out, f)


def eval_ecb_siblings(args, path, pool, sample_out):
    """ECB+ gives each topic two clusters about two different events of one kind
    (two quakes near one island, two rulings on one law). Both are run together
    as one collection: a high/medium finding whose sides come from the two
    clusters pairs two events as one, a false alarm; the others are counted as
    within a cluster."""
    clusters = load(path, 0)
    topics = collections.defaultdict(list)
    for c in clusters:
        topics[str(c.get("topic") or c.get("cluster_id"))].append(c)
    pairs = [cs for _, cs in sorted(topics.items()) if len(cs) >= 2]
    if args.limit:
        pairs = pairs[: args.limit]
    t0 = time.time()

    def job(cs):
        sources = []
        for k, c in enumerate(cs):
            for i, a in enumerate(c.get("articles", [])):
                outlet = a.get("outlet") or f"unknown outlet {k}-{i}"
                sources.append((f"c{k}_{i}.txt", a.get("text") or "", outlet, a.get("title") or "", a.get("date") or ""))
        return run_story(args.bin, sources)

    results = list(pool.map(job, pairs))
    across, within = collections.Counter(), collections.Counter()
    raised = []
    for cs, (findings, err) in zip(pairs, results):
        if err:
            print(f"  topic {cs[0].get('topic')}: {err}", file=sys.stderr)
        for f in alarms(findings):
            sides = {ev.get("_file", "").split("_")[0] for ev in f.get("evidence", [])}
            if len(sides) > 1:
                across[f.get("kind")] += 1
                raised.append((cs[0].get("topic"), f))
            else:
                within[f.get("kind")] += 1
    n = sum(across.values()) + sum(within.values())
    print(f"== ecbplus-siblings: {len(pairs)} topics, two events each run together, {time.time() - t0:.1f}s")
    print(f"  high/medium findings across two events (false alarms): {sum(across.values())} of {n}"
          + (": " + ", ".join(f"{k} {v}" for k, v in across.most_common()) if across else ""))
    if sample_out and raised:
        sample_out.write(f"\n######## ecbplus-siblings: {len(raised)} findings across two events\n")
        for topic, f in raised:
            sample_out.write(f"\n--- topic {topic}\n")
            write_finding(sample_out, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "eval"), help="directory of the sets")
    ap.add_argument("--limit", type=int, default=0, help="at most N pairs (clusters) per set")
    ap.add_argument("--sets", default=",".join(PAIR_SETS + ["ecbplus", "ecbplus-siblings"]))
    ap.add_argument("--jobs", type=int, default=2, help="parallel runs (the machine is shared: 2 at most)")
    ap.add_argument("--sample", default=os.path.join(tempfile.gettempdir(), "crosscheck-eval-compare-sample.txt"),
                    help="where to write the findings to read")
    ap.add_argument("--ecb-sample", type=int, default=20, help="ecbplus high/medium findings written to the sample file")
    ap.add_argument("--show", type=int, default=40, help="false-alarm pairs per set written to the sample file")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    if not os.path.isdir(args.data):
        print(f"eval data absent ({args.data}): nothing to evaluate")
        return 0
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    jobs = max(1, min(args.jobs, 2))
    summary = []
    with open(args.sample, "w", encoding="utf-8") as sample_out, \
            concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for s in sets:
            path = os.path.join(args.data, f"{s.split('-')[0]}.dev.jsonl")
            if not os.path.exists(path):
                print(f"{s}: data absent ({path}), skipped")
                continue
            if s == "ecbplus":
                eval_ecb(args, path, pool, sample_out)
            elif s == "ecbplus-siblings":
                eval_ecb_siblings(args, path, pool, sample_out)
            elif s in PAIR_SETS:
                summary.append(eval_pairs(args, s, path, pool, sample_out))
            else:
                print(f"{s}: unknown set, skipped")
    if len(summary) > 1:
        nc = sum(r["n"]["consistent"] for r in summary)
        hc = sum(r["hit"]["consistent"] for r in summary)
        ni = sum(r["n"]["inconsistent"] for r in summary)
        hi = sum(r["hit"]["inconsistent"] for r in summary)
        print(f"== all pair sets: false alarms {hc}/{nc} = {100.0 * hc / max(nc, 1):.1f}%, "
              f"detections {hi}/{ni} = {100.0 * hi / max(ni, 1):.1f}%")
    print(f"sample of findings to read: {args.sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
