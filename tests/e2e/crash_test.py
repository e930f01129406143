#!/usr/bin/env python3
"""Crash safety: `crosscheck ingest` and `crosscheck check` killed with SIGKILL at random points.

usage: crash_test.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]

After every kill the database passes PRAGMA integrity_check, holds no half-stored source (a version
without its sentences, orphan segments, claims or people, a run without its end) and re-running the
command completes the work with the same rows and ids as a run that was never interrupted.
CRASH_TRIALS (default 30 ingest + 20 check) sets the number of kills of each command.
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hostile"))
import harness  # noqa: E402
import make_hostile as hostile  # noqa: E402
from harness import eq, sql  # noqa: E402

TESTS = []
test = harness.test(TESTS)

# What must come out the same (ids included) whether or not a run was interrupted.
SNAPSHOT = {
    "sources": "SELECT id, locator, file, format FROM sources ORDER BY id",
    "versions": "SELECT id, source_id, content_hash, is_current, invalid_utf8 FROM source_versions ORDER BY id",
    "segments": "SELECT id, version_id, kind, ordinal, start, end FROM segments ORDER BY id",
    "claims": "SELECT id, version_id, kind, ordinal, start, end, text, fields FROM claims ORDER BY id",
    "people": "SELECT id, version_id, ordinal, name FROM people ORDER BY id",
}
FINDINGS = {
    "runs": "SELECT id, kind, sources, claims, findings_total, findings_new, finished_at IS NOT NULL FROM runs",
    "findings": "SELECT id, kind, severity, summary, first_run, last_run FROM findings ORDER BY id",
    "evidence": "SELECT finding_id, ordinal, source_id, version_id, start, end FROM evidence "
                "ORDER BY finding_id, ordinal",
}


def snapshot(db, queries):
    return {k: sql(db, q) for k, q in queries.items()}


def make_corpus(env, tmp):
    corpus = os.path.join(tmp, "corpus")
    shutil.copytree(env.examples, corpus)
    rng = random.Random(8)
    for i in range(24):
        sentences = hostile.PROSE[:]
        rng.shuffle(sentences)
        text = " ".join(sentences) + f"\n\nThe count on day {i} was {100 + 7 * i} people.\n"
        with open(os.path.join(corpus, f"extra_{i:02d}.txt"), "w") as f:
            f.write(text * 20)
    return corpus


def copy_db(src, dst):
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def timed(env, args, db):
    """Runs the command to its end; returns how long it took, in seconds."""
    start = time.monotonic()
    env.run(*args, db=db, check=0)
    return time.monotonic() - start


def killed(env, args, db, rng, horizon):
    """Starts the command, kills it with SIGKILL at a random point of the first `horizon` seconds (the
    time an uninterrupted run took, so that kills land mid-way however fast the build is); True when it
    died by the kill."""
    proc = subprocess.Popen(env.cmd(*args, db=db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(rng.uniform(0, horizon))
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate()
    if proc.returncode not in (-signal.SIGKILL, 0, 2):
        raise AssertionError(f"{args} exited {proc.returncode} before the kill: {err.decode()[-2000:]}")
    return proc.returncode == -signal.SIGKILL


def trials(name, default):
    return int(os.environ.get("CRASH_TRIALS_" + name.upper(), default))


@test
def ingest_killed_at_random_points(env, tmp):
    corpus = make_corpus(env, tmp)
    manifest = os.path.join(corpus, "sources.csv")
    ref = os.path.join(tmp, "ref.db")
    horizon = timed(env, ["--quiet", "ingest", "--manifest", manifest, corpus], ref)
    want = snapshot(ref, SNAPSHOT)
    assert len(want["sources"]) == 27, want["sources"]
    # Half the trials start from an empty database, half from one holding the first sources (a second
    # version of one of them is then written too), so kills land in migrations, in batches and in commits.
    partial = os.path.join(tmp, "partial.db")
    env.run("--quiet", "ingest", os.path.join(corpus, "extra_00.txt"), os.path.join(corpus, "copy.txt"),
            db=partial, check=0)
    ref_partial = os.path.join(tmp, "ref_partial.db")
    copy_db(partial, ref_partial)
    env.run("--quiet", "ingest", "--manifest", manifest, corpus, db=ref_partial, check=0)
    want_partial = snapshot(ref_partial, SNAPSHOT)
    assert len(want_partial["versions"]) == 28, "copy.txt gets a second version (the manifest's metadata)"
    rng = random.Random(int(os.environ.get("CRASH_SEED", "20261122")))
    n = trials("ingest", 30)
    hits = 0
    for t in range(n):
        db = os.path.join(tmp, f"t{t}.db")
        if t % 2:
            copy_db(partial, db)
        hits += killed(env, ["--quiet", "ingest", "--manifest", manifest, corpus], db, rng, horizon)
        if os.path.exists(db):
            harness.check_intact(db)
        env.run("--quiet", "ingest", "--manifest", manifest, corpus, db=db, check=0)
        harness.check_intact(db)
        got = snapshot(db, SNAPSHOT)
        for k in SNAPSHOT:
            eq(got[k], (want_partial if t % 2 else want)[k], f"trial {t}: {k} after an interrupted ingest")
        for f in os.listdir(tmp):
            if f.startswith(f"t{t}.db"):
                os.remove(os.path.join(tmp, f))
    print(f"        {hits} of {n} ingest runs killed before they finished", flush=True)
    assert hits >= n // 3, f"only {hits} of {n} runs were killed mid-way; the corpus is too small"


@test
def check_killed_at_random_points(env, tmp):
    corpus = make_corpus(env, tmp)
    manifest = os.path.join(corpus, "sources.csv")
    base = os.path.join(tmp, "base.db")
    env.run("--quiet", "ingest", "--manifest", manifest, corpus, db=base, check=0)
    ref = os.path.join(tmp, "ref.db")
    copy_db(base, ref)
    horizon = timed(env, ["--quiet", "check"], ref)
    want = snapshot(ref, FINDINGS)
    assert want["findings"], "the corpus raises no finding: nothing to lose"
    rng = random.Random(int(os.environ.get("CRASH_SEED", "20261122")) + 1)
    n = trials("check", 20)
    hits = 0
    for t in range(n):
        db = os.path.join(tmp, f"c{t}.db")
        copy_db(base, db)
        hits += killed(env, ["--quiet", "check"], db, rng, horizon)
        harness.check_intact(db)
        runs = sql(db, "SELECT count(*), count(finished_at) FROM runs")[0]
        eq(runs[0], runs[1], f"trial {t}: a run left without its end")
        if runs[0] == 0:
            env.run("--quiet", "check", db=db, check=0)
        got = snapshot(db, FINDINGS)
        for k in FINDINGS:
            eq(got[k], want[k], f"trial {t}: {k} after an interrupted check")
        eq(snapshot(db, SNAPSHOT), snapshot(base, SNAPSHOT), f"trial {t}: check changed stored sources")
        for f in os.listdir(tmp):
            if f.startswith(f"c{t}.db"):
                os.remove(os.path.join(tmp, f))
    print(f"        {hits} of {n} check runs killed before they finished", flush=True)
    assert hits >= 1, "no check run was killed mid-way"


if __name__ == "__main__":
    sys.exit(harness.main(TESTS))
