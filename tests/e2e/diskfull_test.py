#!/usr/bin/env python3
"""A full disk during ingest and check: a clear error (exit 2), the database intact, earlier sources
still there, and the work completes once there is room again.

usage: diskfull_test.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]

The database lives on a 2 MiB tmpfs when this process may mount one (root); otherwise the file size
limit (RLIMIT_FSIZE, 1 MiB, with SIGXFSZ ignored) stands in for the full disk. The mode used is printed.
"""
import os
import resource
import signal
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hostile"))
import harness  # noqa: E402
import make_hostile as hostile  # noqa: E402
from harness import eq, sql  # noqa: E402

TESTS = []
test = harness.test(TESTS)

FULL = ("disk full", "disk I/O error", "database or disk is full")


class Disk:
    """A small place for the database: a tmpfs, else a file size limit on the commands."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "small")
        os.makedirs(self.dir)
        self.limit = None
        self.mounted = False
        if os.geteuid() == 0:
            r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", self.dir],
                               capture_output=True)
            self.mounted = r.returncode == 0
        if not self.mounted:
            self.limit = 1 << 20
        print(f"        full disk simulated with {'a 2 MiB tmpfs' if self.mounted else 'RLIMIT_FSIZE 1 MiB'}",
              flush=True)

    def close(self):
        if self.mounted:
            subprocess.run(["umount", self.dir], check=False)

    def fill(self, leave_kib):
        """Takes all the room but `leave_kib` (tmpfs only)."""
        st = os.statvfs(self.dir)
        free = st.f_bavail * st.f_frsize
        with open(os.path.join(self.dir, "filler"), "wb") as f:
            f.write(b"\0" * max(free - leave_kib * 1024, 0))

    def free(self):
        if os.path.exists(os.path.join(self.dir, "filler")):
            os.remove(os.path.join(self.dir, "filler"))

    def run(self, env, *args, db, limited=True):
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (self.limit, self.limit))
        cmd = env.cmd(*args, db=db)
        p = subprocess.run(cmd, capture_output=True, timeout=600,
                           preexec_fn=limit if (self.limit and limited) else None)
        p.err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0 or p.returncode == 3 or "Sanitizer" in p.err or "runtime error:" in p.err:
            raise AssertionError(f"{' '.join(cmd)[:300]} crashed or failed internally ({p.returncode}): "
                                 f"{p.err[-2000:]}")
        return p


def big_corpus(tmp):
    corpus = os.path.join(tmp, "big")
    os.makedirs(corpus)
    for i in range(30):
        with open(os.path.join(corpus, f"p{i:02d}.txt"), "w") as f:
            f.write(f"Story {i}. " + hostile.prose(60000, single_line=False))
    return corpus


@test
def ingest_on_a_full_disk(env, tmp):
    disk = Disk(tmp)
    try:
        db = os.path.join(disk.dir, "d.db")
        p = disk.run(env, "--quiet", "ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db)
        eq(p.returncode, 0, f"first ingest: {p.err}")
        before = sql(db, "SELECT sources.id, locator, content_hash FROM sources JOIN source_versions v ON v.source_id = sources.id")
        corpus = big_corpus(tmp)
        p = disk.run(env, "--quiet", "ingest", corpus, db=db)
        eq(p.returncode, 2, "exit code on a full disk")
        assert f"database {db}" in p.err and any(w in p.err for w in FULL), p.err
        disk.free()
        harness.check_intact(db)
        eq(sql(db, "SELECT sources.id, locator, content_hash FROM sources JOIN source_versions v ON v.source_id = sources.id "
                   "WHERE sources.id <= ?", len(before)), before, "earlier sources")
        # With room again (a copy off the small disk), the same ingest completes.
        room = os.path.join(tmp, "room.db")
        with sqlite3.connect(db) as a, sqlite3.connect(room) as b:
            a.backup(b)
        a.close()
        b.close()
    finally:
        disk.close()
    env.run("--quiet", "ingest", corpus, db=room, check=0)
    harness.check_intact(room)
    eq(sql(room, "SELECT count(*) FROM sources")[0][0], 3 + 30, "sources after the retry")


@test
def check_on_a_full_disk(env, tmp):
    disk = Disk(tmp)
    try:
        db = os.path.join(disk.dir, "d.db")
        p = disk.run(env, "--quiet", "ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db,
                     limited=False)
        eq(p.returncode, 0, f"ingest: {p.err}")
        if disk.mounted:
            disk.fill(leave_kib=8)
        else:
            disk.limit = os.path.getsize(db)  # no byte more
        p = disk.run(env, "--quiet", "check", db=db)
        print(f"        check on the full disk: exit {p.returncode} {p.err.strip()[:200]}", flush=True)
        disk.free()
        disk.limit = None
        if p.returncode != 0:
            eq(p.returncode, 2, "exit code of check on a full disk")
            assert f"database {db}" in p.err and any(w in p.err for w in FULL), p.err
        harness.check_intact(db)
        runs = sql(db, "SELECT count(*) FROM runs")[0][0]
        eq(runs, 1 if p.returncode == 0 else 0, "runs recorded")
        # Room again: check completes.
        p = disk.run(env, "--quiet", "check", db=db)
        eq(p.returncode, 0, f"check with room: {p.err}")
        harness.check_intact(db)
        assert sql(db, "SELECT count(*) FROM findings")[0][0] > 0
    finally:
        disk.close()


if __name__ == "__main__":
    sys.exit(harness.main(TESTS))
