"""A small runner shared by the end-to-end test scripts.

Each test module defines functions decorated with @harness.test(TESTS) taking (env, tmp) and calls
harness.main(TESTS). Options: --bin BUILD/crosscheck --source REPO_DIR [-k NAME].
"""
import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import traceback


class Skip(Exception):
    pass


def test(registry):
    def add(fn):
        registry.append(fn)
        return fn
    return add


class Env:
    def __init__(self, binary, source):
        self.bin = os.path.abspath(binary)
        self.source = os.path.abspath(source)
        self.examples = os.path.join(self.source, "examples", "story")

    def cmd(self, *args, db=None):
        c = [self.bin]
        if db:
            c += ["--db", db]
        return c + [str(a) for a in args]

    def run(self, *args, db=None, stdin=None, check=None, timeout=600):
        cmd = self.cmd(*args, db=db)
        p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout)
        p.out = p.stdout.decode("utf-8", "replace")
        p.err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0 or p.returncode == 3 or "Sanitizer" in p.err or "runtime error:" in p.err:
            raise AssertionError(f"{' '.join(cmd)[:300]} crashed or failed internally ({p.returncode})\n"
                                 f"stderr: {p.err[-3000:]}")
        if check is not None and p.returncode != check:
            raise AssertionError(f"{' '.join(cmd)[:300]} exited {p.returncode}, expected {check}\n"
                                 f"stdout: {p.out[-2000:]}\nstderr: {p.err[-2000:]}")
        return p


class TextEnv:
    """The environment of the functional end-to-end scripts: output decoded as text (without
    newline translation: CSV rows end in CRLF), `check` an exit code or a tuple of them."""

    def __init__(self, binary, source):
        self.bin = os.path.abspath(binary)
        self.source = os.path.abspath(source)
        self.examples = os.path.join(self.source, "examples", "story")
        self.shared = os.path.normpath(os.path.join(self.source, "..", "shared"))
        self.seeds = os.path.join(self.shared, "seeds")

    def need_seeds(self):
        if not os.path.isfile(os.path.join(self.seeds, "sources.csv")):
            raise Skip("../shared/seeds is absent")

    def run(self, *args, db=None, stdin=None, check=None):
        cmd = [self.bin] + (["--db", db] if db else []) + [str(a) for a in args]
        p = subprocess.run(cmd, input=None if stdin is None else stdin.encode("utf-8"),
                           capture_output=True, timeout=300)
        p.stdout, p.stderr = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        expected = check if isinstance(check, tuple) else (check,)
        if check is not None and p.returncode not in expected:
            raise AssertionError(f"{' '.join(cmd)[:500]} exited {p.returncode}, expected {check}\n"
                                 f"stdout: {p.stdout[-3000:]}\nstderr: {p.stderr[-3000:]}")
        return p

    def sql(self, db, query, *params):
        return sql(db, query, *params)


def sql(db, query, *params):
    con = sqlite3.connect(db, timeout=60)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def eq(a, b, what=""):
    if a != b:
        raise AssertionError(f"{what}: {a!r} != {b!r}")


# Every stored version has its sentences, and nothing hangs off a version or person that is gone.
# (tables needed, query listing what is wrong); a database killed during its migrations may lack
# the later tables.
HALF_STORED = [
    ({"source_versions", "segments"},
     "SELECT 'version without sentences', v.id FROM source_versions v WHERE NOT EXISTS "
     "(SELECT 1 FROM segments g WHERE g.version_id = v.id AND g.kind = 'sentence')"),
    ({"sources", "source_versions"},
     "SELECT 'source without a current version', s.id FROM sources s "
     "WHERE (SELECT count(*) FROM source_versions v WHERE v.source_id = s.id AND v.is_current = 1) != 1"),
    ({"segments", "source_versions"},
     "SELECT 'orphan segment', g.id FROM segments g "
     "WHERE NOT EXISTS (SELECT 1 FROM source_versions v WHERE v.id = g.version_id)"),
    ({"claims", "source_versions"},
     "SELECT 'orphan claim', c.id FROM claims c "
     "WHERE NOT EXISTS (SELECT 1 FROM source_versions v WHERE v.id = c.version_id)"),
    ({"people", "source_versions"},
     "SELECT 'orphan person', p.id FROM people p "
     "WHERE NOT EXISTS (SELECT 1 FROM source_versions v WHERE v.id = p.version_id)"),
    ({"aliases", "people"},
     "SELECT 'orphan alias', a.id FROM aliases a WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = a.person_id)"),
    ({"runs"}, "SELECT 'run without its end', id FROM runs WHERE finished_at IS NULL"),
    ({"evidence", "findings"},
     "SELECT 'orphan evidence', e.finding_id FROM evidence e "
     "WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.id = e.finding_id)"),
]


def half_stored(db):
    tables = {r[0] for r in sql(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    bad = []
    for needed, query in HALF_STORED:
        if needed <= tables:
            bad += sql(db, query)
    return bad


def check_intact(db):
    """PRAGMA integrity_check is ok, foreign keys hold and no source is half stored."""
    eq(sql(db, "PRAGMA integrity_check"), [("ok",)], f"integrity_check of {db}")
    eq(sql(db, "PRAGMA foreign_key_check"), [], f"foreign_key_check of {db}")
    eq(half_stored(db), [], f"half-stored rows in {db}")


def main(registry, make_env=None):
    """Runs the tests of `registry`, each in a fresh temporary directory; `make_env(bin, source)`
    builds the environment they are given (default: Env)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("-k", default="")
    args = ap.parse_args()
    env = (make_env or Env)(args.bin, args.source)
    passed = failed = skipped = 0
    for fn in registry:
        if args.k and args.k not in fn.__name__:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            try:
                fn(env, tmp)
                passed += 1
                print(f"ok      {fn.__name__}", flush=True)
            except Skip as s:
                skipped += 1
                print(f"skip    {fn.__name__}: {s}", flush=True)
            except Exception:
                failed += 1
                print(f"FAILED  {fn.__name__}", flush=True)
                traceback.print_exc(file=sys.stdout)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0
