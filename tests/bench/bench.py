#!/usr/bin/env python3
"""Speed, memory and accuracy of crosscheck on generated corpora (a benchmark, not a test).

usage: bench.py [--bin build/crosscheck] [--sizes 1000,2000,4000] [--work DIR] [--repeat K]
                [--jobs N] [--skip-check] [--skip-score] [--skip-audit] [--audit-articles N] [--seed S]

For each size, gen_corpus.py writes (once; cached under --work) a corpus of that many articles:
stories told by an original, copies, spun copies, rewrites and independent outlets, with known
injected contradictions and equivalences (truth.jsonl). Then it times, each as its own process:
  extract   `crosscheck extract --jsonl < corpus.jsonl`
  ingest    `crosscheck --db D ingest --manifest articles/sources.csv` into a new database
            (with and without the full-text index when the binary has `index --fts on|off`)
  check     `crosscheck --db D check` on the ingested database
  audit     after a first audit of the checked database (which compares everything), `crosscheck
            audit --dir NEW` of --audit-articles new articles (other stories), on a copy; and the same
            with --whole-corpus (MB/s and art/s of the new articles)
and, when the binary has `--jobs`, the same with `--jobs N`. It prints wall seconds, MB/s and
articles/s (MB = article text, front matter excluded), the peak RSS of the process (os.wait4),
and the ratio of check times between successive sizes. Times are the best of --repeat runs.

Then it scores the findings of the check against truth.jsonl:
  recall     a truth contradiction is found when a finding of its kind has evidence from the
             changed source and otherwise only sources of the same story;
  precision  over high and medium findings other than derived_copy (scored on its own: a copy,
             spin or rewrite is found when a derived_copy finding names it): a finding is right
             when it matches a truth contradiction as above;
  wrong findings are split into: an equivalence flagged (a truth equivalence of the finding's
  kind whose two wordings are in the evidence), across stories, and other.
Generated stories share sentence frames (templates), so findings across different stories
measure how the engine treats look-alike sentences about different things; they are counted
apart from the precision within stories.
"""
import argparse
import collections
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_corpus  # noqa: E402

SCORED_SEVERITIES = {"high", "medium"}


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1e6:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, {mem} RAM, {platform.system()} {platform.release()}, load {load}"


def timed(cmd, stdin_path=None, stdout_path=None):
    """Run cmd; return (wall seconds, peak RSS MB, returncode, stderr tail)."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    fout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    errp = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"bench-stderr-{os.getpid()}")
    ferr = open(errp, "wb")
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=ferr)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        for fh in (fin, fout):
            if fh is not subprocess.DEVNULL:
                fh.close()
        ferr.close()
    with open(errp, "rb") as fh:
        err = fh.read().decode("utf-8", "replace")[-1500:]
    os.unlink(errp)
    return wall, ru.ru_maxrss / 1024.0, p.returncode, err


def features(binary):
    def helptext(*args):
        p = subprocess.run([binary, *args, "--help"], capture_output=True, text=True)
        return p.stdout + p.stderr
    top = helptext()
    feats = {"fts": "\n  index " in top or "\nindex " in top, "jobs_global": "--jobs" in top, "jobs": {}}
    if feats["fts"]:
        feats["fts"] = "--fts" in helptext("index")
    for sub in ("extract", "ingest", "check"):
        feats["jobs"][sub] = feats["jobs_global"] or "--jobs" in helptext(sub)
    audit = helptext("audit")
    feats["audit"] = "--dir" in audit
    feats["whole_corpus"] = "--whole-corpus" in audit
    feats["jobs"]["audit"] = feats["jobs_global"] or "--jobs" in audit
    return feats


def with_jobs(binary, feats, sub, jobs, pre, post):
    """argv for subcommand `sub` with --jobs in the right place (global or subcommand option)."""
    if jobs is None:
        return [binary, *pre, sub, *post]
    if feats["jobs_global"]:
        return [binary, *pre, "--jobs", str(jobs), sub, *post]
    return [binary, *pre, sub, "--jobs", str(jobs), *post]


def best_of(repeat, fn):
    runs = [fn() for _ in range(repeat)]
    bad = [r for r in runs if r[2] not in (0, 1)]
    if bad:
        return bad[0]
    return min(runs, key=lambda r: r[0])


def corpus(work, n, seed):
    d = os.path.join(work, f"corpus-{n}-seed{seed}")
    done = os.path.join(d, "DONE")
    if not os.path.exists(done):
        if os.path.exists(d):
            shutil.rmtree(d)
        t0 = time.perf_counter()
        gen_corpus.generate(d, n, seed)
        print(f"# generated {d} in {time.perf_counter() - t0:.1f} s", flush=True)
    with open(done) as f:
        return d, json.load(f)


def story_of(path):
    return os.path.basename(path).split("-", 1)[0]


def score(truth_path, report_path):
    truth = [json.loads(line) for line in open(truth_path, encoding="utf-8")]
    with open(report_path, encoding="utf-8") as f:
        findings = json.load(f).get("findings", [])
    contra = [t for t in truth if t["type"] == "contradiction"]
    equiv = [t for t in truth if t["type"] == "equivalence"]
    derived = [t for t in truth if t["type"] == "derived"]
    by_changed = collections.defaultdict(list)
    for t in contra:
        by_changed[t["changed_file"]].append(t)
    eq_by_file = collections.defaultdict(list)
    for t in equiv:
        eq_by_file[t["changed_file"]].append(t)

    derived_wrong = collections.Counter()
    same_story = collections.Counter()
    found = set()
    tp = collections.Counter()
    fp = collections.Counter()
    fp_why = collections.Counter()
    eq_flagged = set()
    derived_found = set()
    examples = {}
    derived_pairs = set()
    for f in findings:
        ev = f.get("evidence", [])
        files = [os.path.basename(e.get("file", "")) for e in ev]
        stories = {story_of(x) for x in files}
        kind = f["kind"]
        if kind == "derived_copy":
            derived_pairs.add(frozenset(files))
            # the original, its copy, spin and rewrite are all one text's family; an
            # independent outlet belongs to none
            if len(stories) > 1 or any("-indep" in x for x in files):
                derived_wrong["cross-story" if len(stories) > 1 else "same story"] += 1
        match = [t for x in files for t in by_changed.get(x, []) if t["kind"] == kind and len(stories) == 1]
        for t in match:
            found.add(id(t))
        if f.get("severity") not in SCORED_SEVERITIES or kind == "derived_copy":
            continue
        if match:
            tp[kind] += 1
            same_story["right"] += 1
            continue
        fp[kind] += 1
        same_story["wrong" if len(stories) == 1 else "cross"] += 1
        eqs = [t for e in ev for t in eq_by_file.get(os.path.basename(e.get("file", "")), [])
               if t["kind"] == kind and len(stories) == 1 and t["changed"].lower() in e.get("text", "").lower()
               and any(t["original"].lower() in o.get("text", "").lower() for o in ev if o is not e)]
        if eqs:
            why = "equivalence:" + eqs[0]["fact"]
            for t in eqs:
                eq_flagged.add(id(t))
        elif len(stories) > 1:
            why = "cross-story"
        else:
            why = "same story, no truth"
        fp_why[(kind, why)] += 1
        examples.setdefault((kind, why), f.get("summary", ""))
    for t in derived:
        if frozenset([t["changed_file"], t["original_file"]]) in derived_pairs or any(
                t["changed_file"] in p for p in derived_pairs):
            derived_found.add(id(t))
    return {"contra": contra, "found": found, "tp": tp, "fp": fp, "fp_why": fp_why, "examples": examples,
            "equiv": equiv, "eq_flagged": eq_flagged, "derived": derived, "derived_found": derived_found,
            "n_findings": len(findings), "derived_wrong": derived_wrong, "same_story": same_story}


def print_score(n, s):
    print(f"\n## accuracy at {n} articles ({s['n_findings']} findings)")
    print(f"{'kind':22} {'truth':>6} {'found':>6} {'recall':>7} {'right':>6} {'wrong':>6} {'precision':>9}")
    kinds = sorted({t["kind"] for t in s["contra"]} | set(s["fp"]))
    tot = collections.Counter()
    for k in kinds:
        truth = [t for t in s["contra"] if t["kind"] == k]
        found = sum(1 for t in truth if id(t) in s["found"])
        tp, fp = s["tp"][k], s["fp"][k]
        tot.update(truth=len(truth), found=found, tp=tp, fp=fp)
        rec = f"{found / len(truth):.1%}" if truth else "-"
        prec = f"{tp / (tp + fp):.1%}" if tp + fp else "-"
        print(f"{k:22} {len(truth):6} {found:6} {rec:>7} {tp:6} {fp:6} {prec:>9}")
    rec = f"{tot['found'] / tot['truth']:.1%}" if tot["truth"] else "-"
    prec = f"{tot['tp'] / (tot['tp'] + tot['fp']):.1%}" if tot["tp"] + tot["fp"] else "-"
    print(f"{'all contradictions':22} {tot['truth']:6} {tot['found']:6} {rec:>7} {tot['tp']:6} {tot['fp']:6} {prec:>9}")
    ss = s["same_story"]
    if ss["right"] + ss["wrong"]:
        print(f"precision within stories (high/medium, cross-story findings left out): "
              f"{ss['right'] / (ss['right'] + ss['wrong']):.1%} ({ss['right']} right, {ss['wrong']} wrong); "
              f"findings across different stories (all wrong): {ss['cross']}")
    by_fact = collections.Counter(t["fact"] for t in s["equiv"])
    flagged = collections.Counter(t["fact"] for t in s["equiv"] if id(t) in s["eq_flagged"])
    print("equivalences flagged: " + ", ".join(f"{k} {flagged[k]}/{v}" for k, v in sorted(by_fact.items())))
    by_role = collections.Counter(t["role"] for t in s["derived"])
    dfound = collections.Counter(t["role"] for t in s["derived"] if id(t) in s["derived_found"])
    print("derived copies found: " + ", ".join(f"{k} {dfound[k]}/{v}" for k, v in sorted(by_role.items()))
          + f"; derived_copy naming an independent outlet: {s['derived_wrong']['same story']} "
          f"within stories, {s['derived_wrong']['cross-story']} across stories")
    by_fact_c = collections.Counter(t["fact"] for t in s["contra"])
    found_c = collections.Counter(t["fact"] for t in s["contra"] if id(t) in s["found"])
    print("contradictions found by fact: " + ", ".join(f"{k} {found_c[k]}/{v}" for k, v in sorted(by_fact_c.items())))
    if s["fp_why"]:
        print("wrong findings (high/medium):")
        for (k, why), c in s["fp_why"].most_common():
            print(f"  {c:5}  {k:20} {why:26} e.g. {s['examples'][(k, why)][:110]}")


def add_row(rows, n, mb, step, result, work_mb=None, work_n=None):
    """Appends and prints the row of a timed step on a corpus of n articles
    (mb of text): wall time, MB/s and articles/s of the work it did (the whole
    corpus unless given), peak RSS. Returns `result`."""
    wall, rss, rc, err = result
    if rc not in (0, 1):
        print(f"bench: {step} failed with exit {rc}: {err}", file=sys.stderr)
        rows.append(f"{n:8} {mb:7.1f} {step:34} {'failed':>8}")
    else:
        work_mb = mb if work_mb is None else work_mb
        work_n = n if work_n is None else work_n
        rows.append(f"{n:8} {mb:7.1f} {step:34} {wall:8.2f} {work_mb / wall:7.2f} {work_n / wall:8.0f} {rss:7.0f}")
    print(rows[-1], flush=True)
    return result


def audit_rows(args, binary, feats, db, n, mb, rows):
    """Times `audit --dir NEW` of --audit-articles new articles (other stories: seed + 1000) into
    the checked database, after a first audit that sets the baseline (it compares everything), and
    the same with --whole-corpus on a copy, as it was before audits were scoped."""
    d, meta = corpus(args.work, args.audit_articles, args.seed + 1000)
    new_n, new_mb = meta["articles"], meta["text_bytes"] / 1e6
    manifest = os.path.join(args.work, "empty-manifest.csv")
    with open(manifest, "w", encoding="utf-8") as f:
        f.write("file,outlet,title,published,url,note\n")
    r = subprocess.run([binary, "--db", db, "-q", "audit", "--manifest", manifest, "-o", os.devnull],
                       capture_output=True)
    if r.returncode not in (0, 1):
        print(f"bench: baseline audit failed: {r.stderr.decode()[-500:]}", file=sys.stderr)
        return
    variants = [[]] + ([["--whole-corpus"]] if feats["whole_corpus"] else [])
    for extra in variants:
        jobs = [] if not feats["jobs"]["audit"] else ["--jobs", str(args.jobs)]
        copy = db + ".audit"
        shutil.copy(db, copy)
        cmd = [binary, "--db", copy, "-q", "audit", "--dir", os.path.join(d, "articles"), "-o", os.devnull,
               *jobs, *extra]
        wall, rss, rc, err = timed(cmd)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(copy + suffix):
                os.unlink(copy + suffix)
        add_row(rows, n, mb, f"audit +{new_n} " + " ".join(jobs + extra), (wall, rss, rc, err), new_mb, new_n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", "build", "crosscheck"))
    ap.add_argument("--sizes", "--articles", default="1000,2000,4000",
                    help="comma-separated corpus sizes in articles (1000 to 100000)")
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "crosscheck-bench"),
                    help="directory for generated corpora (kept and reused) and databases")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is shown")
    ap.add_argument("--jobs", type=int, default=2, help="N for the --jobs runs (when the binary has --jobs)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-check", action="store_true", help="time extract and ingest only")
    ap.add_argument("--skip-score", action="store_true", help="no precision/recall")
    ap.add_argument("--keep-db", action="store_true", help="keep the databases under --work")
    ap.add_argument("--skip-audit", action="store_true", help="no audit of new articles into the checked database")
    ap.add_argument("--audit-articles", type=int, default=100,
                    help="articles of the corpus audited into each checked database (another seed)")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        print(f"bench: no executable at {binary}", file=sys.stderr)
        return 2
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    os.makedirs(args.work, exist_ok=True)
    feats = features(binary)
    print(f"# crosscheck benchmark: {binary}")
    print(f"# machine: {machine()}")
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, best of {args.repeat}, seed {args.seed}")
    if not feats["fts"]:
        print("# note: no `index --fts on|off` in this binary; ingest is timed once, as it is")
    jobs_subs = [k for k, v in feats["jobs"].items() if v]
    if not jobs_subs:
        print("# note: no --jobs in this binary; single-process runs only")
    header = f"{'articles':>8} {'MB':>7} {'step':34} {'seconds':>8} {'MB/s':>7} {'art/s':>8} {'RSS MB':>7}"
    rows, check_times, scores = [], [], []
    for n in sizes:
        d, meta = corpus(args.work, n, args.seed)
        mb = meta["text_bytes"] / 1e6
        n = meta["articles"]
        manifest = os.path.join(d, "articles", "sources.csv")

        def row(step, r):
            return add_row(rows, n, mb, step, r)

        if not rows:
            print(header)
        jl = os.path.join(d, "corpus.jsonl")
        for jobs in [None] + ([args.jobs] if feats["jobs"]["extract"] else []):
            cmd = with_jobs(binary, feats, "extract", jobs, [], ["--jsonl"])
            row("extract" + (f" --jobs {jobs}" if jobs else ""), best_of(args.repeat, lambda: timed(cmd, jl)))

        def ingest(db, fts, jobs):
            def once():
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(db + suffix):
                        os.unlink(db + suffix)
                if fts is not None:
                    r = subprocess.run([binary, "--db", db, "-q", "index", "--fts", fts], capture_output=True)
                    if r.returncode != 0:
                        return 0.0, 0.0, r.returncode, r.stderr.decode()[-500:]
                return timed(with_jobs(binary, feats, "ingest", jobs, ["--db", db, "-q"], ["--manifest", manifest]))
            return best_of(args.repeat, once)

        db = os.path.join(args.work, f"bench-{n}.db")
        variants = [("off", None), ("on", None)] if feats["fts"] else [(None, None)]
        if feats["jobs"]["ingest"]:
            variants += [("off", args.jobs), ("on", args.jobs)] if feats["fts"] else [(None, args.jobs)]
        for fts, jobs in variants:
            name = "ingest" + {None: "", "off": " (no FTS)", "on": " (FTS)"}[fts] + (f" --jobs {jobs}" if jobs else "")
            path = db if (fts != "on" and not jobs) else db + f".{fts}.{jobs}"
            row(name, ingest(path, fts, jobs))
            if path != db and not args.keep_db:
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(path + suffix):
                        os.unlink(path + suffix)
        if args.skip_check:
            continue
        for jobs in [None] + ([args.jobs] if feats["jobs"]["check"] else []):
            cmd = with_jobs(binary, feats, "check", jobs, ["--db", db, "-q"], [])
            r = row("check" + (f" --jobs {jobs}" if jobs else ""), best_of(args.repeat, lambda: timed(cmd)))
            if jobs is None and r[2] in (0, 1):
                check_times.append((n, r[0]))
        if not args.skip_score:
            # scored at the end: a large report parsed here would raise this process's peak
            # RSS, which Linux passes on to the children started later (vfork + exec)
            rep = os.path.join(args.work, f"report-{n}.json")
            r = subprocess.run([binary, "--db", db, "report", "--format", "json", "-o", rep], capture_output=True)
            if r.returncode == 0:
                scores.append((n, os.path.join(d, "truth.jsonl"), rep))
            else:
                print(f"bench: report failed: {r.stderr.decode()[-500:]}", file=sys.stderr)
        if feats["audit"] and not args.skip_audit:
            audit_rows(args, binary, feats, db, n, mb, rows)
        if not args.keep_db:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.unlink(db + suffix)
    if len(check_times) > 1:
        print("\ncheck time ratio between successive sizes (target: at most 2.3 per doubling):")
        for (n0, t0), (n1, t1) in zip(check_times, check_times[1:]):
            print(f"  {n0} -> {n1} articles (x{n1 / n0:.2f}): time x{t1 / t0:.2f}")
    for n, truth, rep in scores:
        print_score(n, score(truth, rep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
