#!/usr/bin/env python3
"""Concurrency: four processes ingesting, checking, reporting and reviewing one database at once.

usage: concurrency_test.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]

Every operation succeeds (the default busy timeout, 30 s, is far longer than any of them; a failure
would have to be exit code 2 with a message saying the database is busy, and is reported); every write
is in the database at the end, and the database passes its integrity checks. A held lock makes a
writer fail after --busy-timeout with exit code 2 and a clear message. CONCURRENCY_OPS (default 100) sets the operations per process.
"""
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hostile"))
import harness  # noqa: E402
import make_hostile as hostile  # noqa: E402
from harness import eq, sql  # noqa: E402

TESTS = []
test = harness.test(TESTS)


class Worker(threading.Thread):
    def __init__(self, env, db, name, op, n):
        super().__init__(name=name)
        self.env, self.db, self.op, self.n = env, db, op, n
        self.ok, self.busy, self.errors = [], [], []

    def run(self):
        for i in range(self.n):
            try:
                args, verify = self.op(i)
                p = self.env.run(*args, db=self.db, timeout=300)
                if p.returncode == 0:
                    verify(p)
                    self.ok.append(i)
                elif p.returncode == 2 and "busy" in p.err and self.db in p.err:
                    self.busy.append(i)
                else:
                    self.errors.append(f"{self.name} op {i}: exit {p.returncode}: {p.err[-1000:]}")
            except Exception as e:  # noqa: BLE001 - reported below
                self.errors.append(f"{self.name} op {i}: {e}")


@test
def four_processes_share_one_database(env, tmp):
    n = int(os.environ.get("CONCURRENCY_OPS", "100"))
    db = os.path.join(tmp, "c.db")
    env.run("--quiet", "ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    env.run("--quiet", "check", db=db, check=0)
    finding = json.loads(env.run("report", "--format", "json", db=db, check=0).out)["findings"][0]["id"]
    files = []
    for i in range(n):
        path = os.path.join(tmp, f"story_{i:03d}.txt")
        with open(path, "w") as f:
            f.write(f"Report number {i}. " + " ".join(hostile.PROSE[i % 12:] + hostile.PROSE[:i % 12]) + "\n")
        files.append(path)

    def ingest(i):
        return ["--quiet", "ingest", files[i]], lambda p: None

    def check(i):
        return ["--quiet", "check"], lambda p: None

    def report(i):
        def verify(p):
            doc = json.loads(p.out)
            assert isinstance(doc["findings"], list), doc
        return ["report", "--format", "json"], verify

    statuses = ["confirmed", "dismissed", "open"]

    def review(i):
        return ["--quiet", "review", finding, "--status", statuses[i % 3], "--note", f"op {i}"], lambda p: None

    workers = [Worker(env, db, name, op, n) for name, op in
               [("ingest", ingest), ("check", check), ("report", report), ("review", review)]]
    start = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for w in workers:
        print(f"        {w.name}: {len(w.ok)} ok, {len(w.busy)} busy", flush=True)
    print(f"        {time.monotonic() - start:.1f} s", flush=True)
    errors = [e for w in workers for e in w.errors]
    assert not errors, "\n".join(errors[:10])
    harness.check_intact(db)
    by = {w.name: w for w in workers}
    # No lost write: each success is there, each busy refusal left nothing behind.
    stored = {os.path.basename(r[0]) for r in sql(db, "SELECT file FROM sources")}
    for i in range(n):
        name = os.path.basename(files[i])
        eq(name in stored, i in by["ingest"].ok, f"{name} stored")
    eq(sql(db, "SELECT count(*) FROM runs")[0][0], 1 + len(by["check"].ok), "runs recorded")
    notes = [r[0] for r in sql(db, "SELECT note FROM reviews WHERE finding_id = ? ORDER BY id", finding)]
    eq(notes, [f"op {i}" for i in by["review"].ok], "reviews recorded, in order")
    if by["review"].ok:
        last = by["review"].ok[-1]
        eq(sql(db, "SELECT status FROM findings WHERE id = ?", finding)[0][0], statuses[last % 3], "status")
    # Every operation is short against the 30 s busy timeout: a busy refusal here means a lock that was
    # not waited for (e.g. BEGIN IMMEDIATE on a stale read snapshot fails at once with SQLITE_BUSY_SNAPSHOT).
    for w in workers:
        eq(w.busy, [], f"{w.name}: operations refused as busy")


@test
def a_locked_database_fails_clearly_after_the_timeout(env, tmp):
    db = os.path.join(tmp, "l.db")
    env.run("--quiet", "ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    story = os.path.join(tmp, "late.txt")
    with open(story, "w") as f:
        f.write(" ".join(hostile.PROSE) + "\n")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sources SET file = file")
    try:
        for args in (["ingest", story], ["check"]):
            start = time.monotonic()
            p = env.run("--busy-timeout", "1", *args, db=db)
            took = time.monotonic() - start
            eq(p.returncode, 2, f"{args[0]} on a locked database")
            assert f"database {db} is busy" in p.err and "--busy-timeout" in p.err, p.err
            assert took < 60, f"{args[0]} waited {took:.0f} s"
        # Readers are not blocked by a writer (WAL).
        env.run("report", "--format", "json", db=db, check=0)
        env.run("sources", db=db, check=0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    env.run("--quiet", "ingest", story, db=db, check=0)
    harness.check_intact(db)


@test
def processes_setting_up_a_new_database_at_once_all_succeed(env, tmp):
    # Setting up (WAL journal, schema) takes milliseconds: even with --busy-timeout 0, processes that
    # open a new database for writing together must not fail over it (they write nothing else here,
    # so nothing else could make them wait).
    for round_ in range(8):
        db = os.path.join(tmp, f"new{round_}.db")
        procs = [subprocess.Popen(env.cmd("--busy-timeout", "0", "sql", "--write", "SELECT count(*) FROM runs",
                                          db=db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
        for p in procs:
            out, err = p.communicate(timeout=120)
            eq(p.returncode, 0, f"round {round_}: {err}")
        eq(sql(db, "PRAGMA journal_mode"), [("wal",)], "journal mode")
        eq(sql(db, "PRAGMA user_version")[0][0] > 0, True, "schema")
        harness.check_intact(db)
    # Then writers on the set-up database wait for each other within the default timeout.
    procs = [subprocess.Popen(env.cmd("check", db=db), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        eq(p.returncode, 0, err)
    eq(sql(db, "SELECT count(*) FROM runs")[0][0], 4, "one run each")


if __name__ == "__main__":
    sys.exit(harness.main(TESTS))
