#!/usr/bin/env python3
"""The database as an interface: examples/queries/*.sql, corroboration_v and full-text search.

usage: queries_test.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]

Builds a database from examples/story with `crosscheck run`, runs every query file through
Python's sqlite3 module (no extension loaded), through `crosscheck sql` and through the sqlite3
shell when it is installed, checks that the three agree and that the rows say what the story
holds (the misattributed quote with both speakers, the copy listed with its original ...).
"""
import argparse
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Env:
    def __init__(self, binary, source, tmp):
        self.bin = os.path.abspath(binary)
        self.source = os.path.abspath(source)
        self.story = os.path.join(self.source, "examples", "story")
        self.queries = os.path.join(self.source, "examples", "queries")
        self.tmp = tmp
        self.shell = shutil.which("sqlite3")
        self._story_db = None

    def run(self, *args, db=None, check=0):
        cmd = [self.bin] + (["--db", db] if db else []) + list(args)
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        if check is not None and p.returncode != check:
            raise AssertionError(f"{' '.join(cmd)} exited {p.returncode}, expected {check}\n"
                                 f"stdout: {p.stdout[-2000:]}\nstderr: {p.stderr[-2000:]}")
        return p

    def new_db(self, name):
        db = os.path.join(self.tmp, name)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        return db

    def build_story(self, name):
        db = self.new_db(name)
        self.run("run", "--manifest", os.path.join(self.story, "sources.csv"), self.story, db=db, check=None)
        eq(self.sql(db, "SELECT count(*) FROM sources_v")[0][0], 3, "stored sources")
        return db

    def story_db(self):
        """The example story, ingested and checked once; tests that change it build their own."""
        if self._story_db is None:
            self._story_db = self.build_story("story.db")
        return self._story_db

    def sql(self, db, query, *params):
        con = sqlite3.connect(db)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    def query(self, db, name):
        """Rows of examples/queries/NAME.sql as dicts, via Python's sqlite3 module."""
        with open(os.path.join(self.queries, name + ".sql"), encoding="utf-8") as f:
            text = f.read()
        con = sqlite3.connect(db)
        try:
            cur = con.execute(text)
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]
        finally:
            con.close()


def eq(a, b, what=""):
    if a != b:
        raise AssertionError(f"{what}: {a!r} != {b!r}")


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def base(path):
    return os.path.basename(path) if isinstance(path, str) else path


def norm(rows):
    """Rows as sorted tuples of (column, value) with floats rounded, for comparing clients."""
    out = []
    for r in rows:
        out.append(tuple(sorted((k, round(v, 6) if isinstance(v, float) else v) for k, v in r.items())))
    return out


# --- the query files ------------------------------------------------------------

@test
def query_files_run_in_every_client(env):
    db = env.story_db()
    files = sorted(glob.glob(os.path.join(env.queries, "*.sql")))
    check(len(files) >= 10, f"at least ten query files, found {len(files)}")
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        check(text.startswith("-- "), f"{name}: starts with a comment header saying its question")
        check(text.split("\n", 1)[0].rstrip().endswith("?"), f"{name}: the header's first line is a question")
        via_python = env.query(db, name)
        p = env.run("sql", "--format", "json", text, db=db)
        via_cli = json.loads(p.stdout)
        eq(norm(via_cli), norm(via_python), f"{name}: crosscheck sql and Python sqlite3 agree")
        if env.shell:
            with open(path, encoding="utf-8") as f:
                s = subprocess.run([env.shell, "-json", db], stdin=f, capture_output=True, text=True, timeout=60)
            eq(s.returncode, 0, f"{name}: sqlite3 shell exit ({s.stderr})")
            via_shell = json.loads(s.stdout) if s.stdout.strip() else []
            eq(norm(via_shell), norm(via_python), f"{name}: the sqlite3 shell and Python sqlite3 agree")


@test
def quotes_with_two_speakers_lists_the_misattribution(env):
    rows = env.query(env.story_db(), "quotes_with_two_speakers")
    hit = [r for r in rows if r["quote"].startswith("Drivers will train on the new units")]
    eq(len(hit), 1, "the misattributed quote, once")
    eq({hit[0]["speaker_a"], hit[0]["speaker_b"]}, {"Samuel Ortiz", "Priya Raman"}, "both speakers")
    eq({base(hit[0]["file_a"]), base(hit[0]["file_b"])}, {"copy.txt", "original.md"}, "both sources")
    check(all(r["speaker_a"] != r["speaker_b"] for r in rows), "only different speakers")


@test
def sources_by_high_findings_ranks_the_copy_and_its_original(env):
    rows = env.query(env.story_db(), "sources_by_high_findings")
    by_file = {base(r["file"]): r for r in rows}
    eq(set(by_file), {"copy.txt", "original.md"}, "sources with high findings")
    for r in rows:
        check("misattributed_quote" in r["kinds"], f"{r['file']}: the misattribution is high")
        check(r["high_findings"] >= 2, f"{r['file']}: misattributed and altered quotes at least")


@test
def single_outlet_claims_leave_out_what_an_independent_outlet_confirms(env):
    rows = env.query(env.story_db(), "single_outlet_claims")
    got = {(r["kind"], r["text"], base(r["file"])) for r in rows}
    check(("date", "February 2025", "copy.txt") in got, "the copy's changed date is its own")
    check(("quote", "It is the biggest change to the line since it opened", "independent.html") in got,
          "the quote only Valley Times has")
    check(not any(t in ("$240 million", "$240m") for _, t, _ in got), "the deal's value has two outlets")
    # The copy repeats the original's quote: one outlet, two sources.
    vote = [r for r in rows if r["text"] == "the easiest vote we have taken"]
    eq(sorted(base(r["file"]) for r in vote), ["copy.txt", "original.md"], "a copied quote")
    eq({r["sources"] for r in vote}, {2}, "carried by two sources")
    eq({r["voice"] for r in vote}, {"Harbor Gazette"}, "whose voice is the original's")


@test
def sources_quoting_phrase_finds_both_carriers(env):
    rows = env.query(env.story_db(), "sources_quoting_phrase")
    eq(sorted(base(r["file"]) for r in rows), ["copy.txt", "original.md"], "sources quoting it")
    eq({r["speaker"] for r in rows}, {"Samuel Ortiz"}, "speaker")


@test
def sentences_mentioning_marks_the_phrase(env):
    rows = env.query(env.story_db(), "sentences_mentioning")
    eq(sorted({base(r["file"]) for r in rows}), ["copy.txt", "independent.html", "original.md"], "sources")
    check(all("[battery trains]" in r["text"] for r in rows), "the match is marked")


@test
def new_findings_are_those_of_the_first_run_and_none_after_a_rerun(env):
    db = env.build_story("rerun.db")
    rows = env.query(db, "new_findings_latest_run")
    total = env.sql(db, "SELECT count(*) FROM findings")[0][0]
    eq(len(rows), total, "every finding of the first run is new")
    check("misattributed_quote" in {r["kind"] for r in rows}, "the misattribution is among them")
    eq(rows[0]["severity"], "high", "highest severity first")
    env.run("check", db=db)
    eq(env.query(db, "new_findings_latest_run"), [], "nothing new in a second run over the same text")


@test
def conflicting_titles_names_priya_raman(env):
    rows = env.query(env.story_db(), "conflicting_titles")
    eq([r["person"] for r in rows], ["Priya Raman"], "people with conflicting titles")
    check("Chief Financial Officer" in rows[0]["titles"] and "Chief Operating Officer" in rows[0]["titles"],
          "both titles")


@test
def dates_per_event_shows_both_years_of_the_approval(env):
    rows = env.query(env.story_db(), "dates_per_event")
    approval = {(base(r["file"]), r["value"]) for r in rows if r["event"] == "approv"}
    eq(approval, {("copy.txt", "2025-02"), ("original.md", "2026-02")}, "the board's approval")
    check(all(not r["value"].startswith("P") for r in rows), "no durations")


@test
def numbers_that_disagree_give_both_sides(env):
    rows = env.query(env.story_db(), "numbers_that_disagree")
    sides = {(base(r["file"]), r["quantity"], r["value"]) for r in rows}
    check(("copy.txt", "five", 5.0) in sides and ("original.md", "three", 3.0) in sides, f"sides: {sides}")


@test
def derived_copies_lists_the_copy_with_its_original(env):
    rows = env.query(env.story_db(), "derived_copies")
    eq(len(rows), 1, "one copy")
    r = rows[0]
    eq((base(r["derived_file"]), base(r["original_file"])), ("copy.txt", "original.md"), "copy -> original")
    eq((r["derived_outlet"], r["original_outlet"], r["relation"]),
       ("Tech & Travel Digest", "Harbor Gazette", "copy"), "outlets and relation")
    check(0.5 < r["share"] <= 1.0, "share of aligned sentences")


@test
def reviews_by_status_follows_a_dismissal(env):
    db = env.build_story("reviews.db")
    rows = env.query(db, "reviews_by_status")
    eq({r["status"] for r in rows}, {"open"}, "all open before any review")
    eq(sum(r["findings"] for r in rows), env.sql(db, "SELECT count(*) FROM findings")[0][0], "every finding")
    fid = env.sql(db, "SELECT id FROM findings WHERE kind = 'role_conflict'")[0][0]
    env.run("review", fid, "--status", "dismissed", db=db)
    rows = env.query(db, "reviews_by_status")
    dismissed = [r for r in rows if r["status"] == "dismissed"]
    eq([(r["kind"], r["findings"], r["reviews"]) for r in dismissed], [("role_conflict", 1, 1)], "dismissed")


@test
def corroboration_by_source_counts_confirmed_claims(env):
    rows = env.query(env.story_db(), "corroboration_by_source")
    by = {(base(r["file"]), r["kind"]): r for r in rows}
    check(by[("independent.html", "quantity")]["corroborated"] >= 1, "the deal's value and the cost cut")
    eq(by[("copy.txt", "role")]["corroborated"], 0, "the copy's changed title")
    check(all(0 <= r["share"] <= 1 for r in rows), "shares")


# --- corroboration_v --------------------------------------------------------------

@test
def corroboration_counts_a_copy_and_its_original_once(env):
    db = env.story_db()
    rows = env.sql(db, "SELECT file, kind, text, sources, independent_outlets, outlets, voices "
                       "FROM corroboration_v ORDER BY file, claim_id")
    check(len(rows) == env.sql(db, "SELECT count(*) FROM claims_v")[0][0], "one row per claim")
    by = {}
    for f, kind, text, n, ind, outlets, voices in rows:
        by.setdefault((base(f), text), (kind, n, ind, outlets, voices))
    # $240 million (original, copy) = $240m (independent): three sources, two voices.
    eq(by[("independent.html", "$240m")][1:],
       (3, 2, "Harbor Gazette | Tech & Travel Digest | Valley Times", "Harbor Gazette | Valley Times"), "$240m")
    eq(by[("original.md", "forty percent")][1:3], (3, 2), "40% in other words")
    eq(by[("copy.txt", "the easiest vote we have taken")][1:3], (2, 1), "copied quote")
    # The misattributed quote: each attribution stands alone.
    drivers = [v for (f, t), v in by.items() if t.startswith("Drivers will train")]
    eq(sorted((v[1], v[2], v[4]) for v in drivers),
       [(1, 1, "Harbor Gazette"), (1, 1, "Tech & Travel Digest")], "each speaker's version")
    eq(by[("copy.txt", "Chief Financial Officer")][1:3], (1, 1), "changed title")


@test
def a_dismissed_copy_finding_makes_the_copy_an_independent_voice(env):
    db = env.build_story("dismiss.db")
    q = "SELECT independent_outlets FROM corroboration_v WHERE text = 'the easiest vote we have taken'"
    eq({r[0] for r in env.sql(db, q)}, {1}, "before")
    fid = env.sql(db, "SELECT finding_id FROM derived_copies_v")[0][0]
    env.run("review", fid, "--status", "dismissed", db=db)
    eq({r[0] for r in env.sql(db, q)}, {2}, "after the reviewer says it is no copy")
    eq(env.sql(db, "SELECT status FROM derived_copies_v"), [("dismissed",)], "still listed, as dismissed")


# --- full-text search ---------------------------------------------------------------

@test
def database_opens_with_plain_sqlite3_and_fts_works(env):
    db = env.story_db()
    con = sqlite3.connect(db)
    try:
        con.execute("SELECT count(*) FROM sources_v").fetchall()
        hits = con.execute("SELECT DISTINCT file FROM sentences_search_v WHERE text MATCH ? ORDER BY file",
                           ('"diesel trains"',)).fetchall()
        eq([base(h[0]) for h in hits], ["copy.txt", "original.md"], "a known phrase")
        eq(con.execute("SELECT count(*) FROM sentences_search_v WHERE text MATCH ?", ('"diesel submarine"',))
           .fetchone()[0], 0, "an absent phrase")
        eq(con.execute("SELECT count(*) FROM quotes_search_v WHERE quote MATCH ?", ("zeppelin",)).fetchone()[0],
           0, "an absent word")
        speakers = con.execute("SELECT DISTINCT speaker FROM quotes_search_v WHERE quote MATCH ?",
                               ('"nobody loses a job"',)).fetchall()
        eq(sorted(s[0] for s in speakers), ["Priya Raman", "Samuel Ortiz"], "speakers of a quote")
        for t in ("sentences_fts", "quotes_fts"):
            con.execute(f"INSERT INTO {t}({t}, rank) VALUES ('integrity-check', 1)")
        # Chrome is not story text: 'Related Articles' is a chrome heading of original.md.
        eq(con.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?",
                       ('"related articles"',)).fetchone()[0], 0, "chrome is not indexed")
    finally:
        con.close()


def write_story(tmp, name, sentence):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(sentence + "\n")
    return path


@test
def index_off_skips_new_ingests_and_rebuild_restores(env):
    db = env.build_story("index.db")
    p = env.run("index", db=db)
    check(p.stdout.startswith("fts: on ("), f"state: {p.stdout!r}")
    find = "SELECT count(*) FROM sentences_search_v WHERE text MATCH ?"
    quote = "SELECT count(*) FROM quotes_search_v WHERE quote MATCH ?"
    first = write_story(env.tmp, "ferry.txt",
                        'The harbour ferry gets a quieter hull. "We tested it twice," the pilot Jo Lind said.')
    env.run("ingest", first, db=db)
    eq(env.sql(db, find, '"quieter hull"')[0][0], 1, "indexed while on")
    eq(env.sql(db, quote, '"tested it twice"')[0][0], 1, "its quote too")

    p = env.run("index", "--fts", "off", db=db)
    eq(p.stdout.strip(), "fts: off (0 sentences, 0 quotes indexed)", "state after off")
    second = write_story(env.tmp, "tram.txt",
                         'The tram depot opens a night shift. "Nobody waits past midnight," the clerk Ana Frey said.')
    env.run("ingest", second, db=db)
    eq(env.sql(db, "SELECT value FROM settings WHERE key = 'fts'")[0][0], "off", "setting")
    eq(env.sql(db, find, '"night shift"')[0][0], 0, "not indexed while off")
    eq(env.sql(db, quote, '"past midnight"')[0][0], 0, "its quote neither")
    eq(env.sql(db, "SELECT count(*) FROM sentences_fts_docsize")[0][0], 0, "the index is empty, not stale")

    p = env.run("index", "--fts", "rebuild", db=db)
    check(p.stdout.startswith("fts: on ("), f"rebuild switches it on: {p.stdout!r}")
    eq(env.sql(db, find, '"night shift"')[0][0], 1, "found after rebuild")
    eq(env.sql(db, quote, '"past midnight"')[0][0], 1, "its quote too")
    eq(env.sql(db, find, '"quieter hull"')[0][0], 1, "and what was indexed before")
    eq(env.sql(db, "SELECT count(*) FROM sentences_fts_docsize")[0][0],
       env.sql(db, "SELECT count(*) FROM sentences_fts_content")[0][0], "every story sentence indexed")

    env.run("index", "--fts", "rebuild", db=db)
    eq(env.sql(db, find, '"night shift"')[0][0], 1, "a rebuild while on changes nothing")
    env.run("index", "--fts", "maybe", db=db, check=2)


@test
def switching_the_setting_in_sql_has_the_same_effect(env):
    db = env.build_story("setting.db")
    env.run("sql", "--write", "UPDATE settings SET value = 'off' WHERE key = 'fts'", db=db)
    eq(env.sql(db, "SELECT count(*) FROM sentences_search_v WHERE text MATCH 'battery'")[0][0], 0, "off")
    env.run("sql", "--write", "UPDATE settings SET value = 'on' WHERE key = 'fts'", db=db)
    check(env.sql(db, "SELECT count(*) FROM sentences_search_v WHERE text MATCH 'battery'")[0][0] >= 3, "on")
    p = env.run("sql", "--write", "DELETE FROM settings WHERE key = 'fts'", db=db, check=2)
    check("cannot be deleted" in p.stderr, p.stderr)
    p = env.run("sql", "--write", "UPDATE settings SET value = 'maybe' WHERE key = 'fts'", db=db, check=2)
    check("CHECK constraint" in p.stderr, p.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("-k", default="", help="run only tests whose name contains this")
    args = ap.parse_args()
    failed = 0
    ran = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = Env(args.bin, args.source, tmp)
        for fn in TESTS:
            if args.k and args.k not in fn.__name__:
                continue
            ran += 1
            try:
                fn(env)
                print(f"ok    {fn.__name__}")
            except Exception:  # noqa: BLE001 - report every failure, then go on
                failed += 1
                print(f"FAIL  {fn.__name__}")
                traceback.print_exc()
    print(f"{ran - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
