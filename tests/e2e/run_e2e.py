#!/usr/bin/env python3
"""End-to-end tests: run the crosscheck binary on real corpora and check what it stores and finds.

usage: run_e2e.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]

Tests that need ../shared (the seed corpus) skip when it is absent.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

TESTS = []
test = harness.test(TESTS)
Skip = harness.Skip
Env = harness.TextEnv
eq = harness.eq



# --- ingest -------------------------------------------------------------------

@test
def seeds_ingest_is_idempotent(env, tmp):
    env.need_seeds()
    db = os.path.join(tmp, "s.db")
    env.run("ingest", "--manifest", os.path.join(env.seeds, "sources.csv"), env.seeds, db=db, check=0)
    rows = env.sql(db, "SELECT file, outlet, published, published_precision FROM sources_v ORDER BY file")
    eq(len(rows), 5, "sources")
    by_file = {os.path.basename(r[0]): r for r in rows}
    eq(by_file["001_bd6b9e9e81336716.txt"][1], "BBC News (via a news aggregator)", "outlet")
    eq(by_file["001_bd6b9e9e81336716.txt"][2], "2026-01-22", "published")
    eq(by_file["004_14a64741e17ce39b.txt"][3], "month", "precision")
    eq(by_file["000_3ce98f647ed82eac.txt"][2], None, "undated")
    p = env.run("ingest", "--manifest", os.path.join(env.seeds, "sources.csv"), env.seeds, db=db, check=0)
    assert "0 stored, 5 unchanged" in p.stdout, p.stdout
    eq(env.sql(db, "SELECT count(*) FROM source_versions")[0][0], 5, "versions after re-ingest")


@test
def manifest_alone_ingests_its_files(env, tmp):
    db = os.path.join(tmp, "m.db")
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    eq(env.sql(db, "SELECT count(*) FROM sources")[0][0], 3, "sources")


def check_spans(env, db):
    bad = env.sql(db, """
        SELECT g.id, g.kind FROM segments g JOIN source_versions v ON v.id = g.version_id
        WHERE substr(CAST(v.text AS BLOB), g.start + 1, g.end - g.start) != CAST(g.text AS BLOB)""")
    eq(bad, [], "segments whose offsets do not slice their text")
    n = env.sql(db, "SELECT count(*) FROM segments")[0][0]
    assert n > 20, n
    bad = env.sql(db, """
        SELECT c.id FROM claims c JOIN source_versions v ON v.id = c.version_id
        WHERE substr(CAST(v.text AS BLOB), c.start + 1, c.end - c.start) != CAST(c.text AS BLOB)""")
    eq(bad, [], "claims whose offsets do not slice their text")


@test
def segment_offsets_slice_the_stored_text(env, tmp):
    db = os.path.join(tmp, "e.db")
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), env.examples, db=db, check=0)
    check_spans(env, db)
    if os.path.isdir(env.seeds):
        env.run("ingest", "--manifest", os.path.join(env.seeds, "sources.csv"), env.seeds, db=db, check=0)
        check_spans(env, db)


@test
def page_chrome_is_marked_and_story_is_not(env, tmp):
    env.need_seeds()
    db = os.path.join(tmp, "c.db")
    env.run("ingest", "--manifest", os.path.join(env.seeds, "sources.csv"), env.seeds, db=db, check=0)

    def roles(file, needle):
        return {r[0] for r in env.sql(db, "SELECT role FROM segments_v WHERE kind = 'paragraph' "
                                          "AND file LIKE '%' || ? AND instr(text, ?) > 0", file, needle)}
    mint = "003_1ca28c38a1e3f029.txt"
    for teaser in ["UnitedHealth", "Tariffing India", "Chris Wood", "Download the App"]:
        eq(roles(mint, teaser), {"chrome"}, f"teaser {teaser!r}")
    eq(roles(mint, "around 30 internal tools"), {"body"}, "story paragraph")
    eq(roles("001_bd6b9e9e81336716.txt", "Back to articles"), {"chrome"}, "navigation")
    eq(roles("000_3ce98f647ed82eac.txt", "Leave a Reply"), {"chrome"}, "comment form")
    eq(roles("000_3ce98f647ed82eac.txt", "Your email address will not be published"), {"chrome"}, "comment form")
    eq(roles("001_bd6b9e9e81336716.txt", "hundreds of millions of users"), {"body"}, "story paragraph")
    reasons = {r[0] for r in env.sql(db, "SELECT DISTINCT chrome_reason FROM segments WHERE role = 'chrome'")}
    assert "related articles" in reasons and "comment form" in reasons, reasons


@test
def bad_files_are_refused_and_good_ones_stored(env, tmp):
    db = os.path.join(tmp, "b.db")
    corpus = os.path.join(tmp, "corpus")
    os.makedirs(corpus)
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    with open(os.path.join(corpus, "good.txt"), "w") as f:
        f.write("The mayor opened the new bridge on Tuesday. \"It took ten years,\" she said.\n")
    open(os.path.join(corpus, "empty.txt"), "w").close()
    with open(os.path.join(corpus, "binary.txt"), "wb") as f:
        f.write(b"\x00\x01\x02PNG\x00\x00" * 100)
    with open(os.path.join(corpus, "latin1.txt"), "wb") as f:
        f.write("The caf\u00e9 reopened on Monday after repairs, the owner said.\n".encode("latin-1"))
    p = env.run("ingest", corpus, db=db)
    eq(p.returncode, 2, "exit code when some files are refused")
    assert "empty.txt" in p.stderr and "empty" in p.stderr, p.stderr
    assert "binary.txt" in p.stderr, p.stderr
    assert "latin1.txt" in p.stderr and "invalid UTF-8" in p.stderr, p.stderr
    files = {os.path.basename(r[0]) for r in env.sql(db, "SELECT file FROM sources")}
    assert {"good.txt", "latin1.txt", "original.md", "copy.txt", "independent.html"} <= files, files
    assert "empty.txt" not in files and "binary.txt" not in files, files
    eq(env.sql(db, "SELECT invalid_utf8 FROM sources_v WHERE file LIKE '%latin1.txt'")[0][0], 1, "repaired bytes")


@test
def changed_content_makes_a_new_version(env, tmp):
    db = os.path.join(tmp, "v.db")
    path = os.path.join(tmp, "story.txt")
    with open(path, "w") as f:
        f.write("The council approved the budget on Monday.\n")
    env.run("ingest", path, db=db, check=0)
    with open(path, "w") as f:
        f.write("The council rejected the budget on Monday.\n")
    p = env.run("ingest", path, db=db, check=0)
    assert "new version" in p.stdout, p.stdout
    eq(env.sql(db, "SELECT count(*) FROM source_versions")[0][0], 2, "versions kept")
    eq(env.sql(db, "SELECT count(*) FROM sources_v")[0][0], 1, "one current source")
    assert "rejected" in env.sql(db, "SELECT text FROM segments_v WHERE kind = 'sentence'")[0][0]


# --- CLI ----------------------------------------------------------------------

@test
def sql_is_read_only_unless_write(env, tmp):
    db = os.path.join(tmp, "q.db")
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    p = env.run("sql", "DELETE FROM sources", db=db)
    eq(p.returncode, 2, "write refused")
    assert "--write" in p.stderr, p.stderr
    p = env.run("sql", "--format", "json", "SELECT file, outlet FROM sources_v ORDER BY file", db=db, check=0)
    rows = json.loads(p.stdout)
    eq([r["outlet"] for r in rows], ["Tech & Travel Digest", "Valley Times", "Harbor Gazette"], "outlets")
    p = env.run("sql", "--format", "csv", "SELECT outlet FROM sources_v ORDER BY outlet", db=db, check=0)
    eq(p.stdout.splitlines()[0], "outlet", "csv header")
    p = env.run("sources", db=db, check=0)
    assert "Harbor Gazette" in p.stdout and "(3 rows)" in p.stdout, p.stdout


@test
def usage_errors_exit_2(env, tmp):
    eq(env.run("ingest", "--nope").returncode, 2, "unknown flag")
    eq(env.run("sql", "SELECT 1", db=os.path.join(tmp, "missing.db")).returncode, 2, "missing db")
    p = env.run("ingest", os.path.join(tmp, "does-not-exist.txt"), db=os.path.join(tmp, "x.db"))
    eq(p.returncode, 2, "missing input")
    assert "does-not-exist.txt" in p.stderr, p.stderr
    p = env.run("--version", check=0)
    assert p.stdout.startswith("crosscheck "), p.stdout
    for sub in ["ingest", "run", "sources", "sql", "extract", "claims"]:
        p = env.run(sub, "--help", check=0)
        assert "Usage" in p.stdout or "usage" in p.stdout.lower(), sub


@test
def extract_reports_code_point_offsets(env, tmp):
    text = "Caf\u00e9 owner \u201cMarie\u201d said: \u201cWe reopened in March.\u201d Sales rose 30%."
    line = json.dumps({"id": "a1", "text": text, "published": "2026-05-02"})
    p = env.run("extract", "--jsonl", stdin=line + "\n", check=0)
    out = json.loads(p.stdout.splitlines()[0])
    eq(out["id"], "a1", "id")
    eq(out["published"], "2026-05-02", "published")
    for c in out["claims"]:
        eq(text[c["start"]:c["end"]], c["text"], f"span of {c['kind']}")
    # Hostile text stays valid JSON: quotes, backslashes, controls, bidi marks, invalid bytes.
    hostile = 'He said "x\\y\t\u0001\u202e" on 3 May 2026. "Quote \\" end," Ann Lee said.'
    p = env.run("extract", "--jsonl", stdin=json.dumps({"text": hostile}) + "\n", check=0)
    out = json.loads(p.stdout.splitlines()[0])
    for c in out["claims"]:
        assert isinstance(c["text"], str) and c["start"] <= c["end"], c


def corpus_files(env):
    files = [os.path.join(env.examples, f) for f in sorted(os.listdir(env.examples)) if f != "sources.csv"]
    if os.path.isdir(env.seeds):
        files += [os.path.join(env.seeds, f) for f in sorted(os.listdir(env.seeds)) if not f.endswith(".csv")]
    return files


@test
def jobs_do_not_change_extract_output(env, tmp):
    files = corpus_files(env)
    one = env.run("extract", "--jobs", "1", *files, check=0).stdout
    two = env.run("extract", "--jobs", "2", *files, check=0).stdout
    eq(two, one, "extract --jobs 2 vs --jobs 1 over files")
    eq(env.run("extract", "--jobs", "0", *files, check=0).stdout, one, "extract --jobs 0 (one per core)")
    env.run("extract", "--jobs", "257", *files, check=2)
    assert one.count("\n") == len(files), one[:200]
    # JSON Lines: many records, more than one batch of work per thread.
    lines = []
    for i in range(60):
        with open(files[i % len(files)], encoding="utf-8", errors="replace") as f:
            lines.append(json.dumps({"id": i, "text": f.read(), "published": "2026-03-%02d" % (1 + i % 28)}))
    lines.insert(7, "{not json")
    one = jsonl_jobs_agree(env, lines, 60, "60 records")
    assert "stdin:8" in one.stderr, one.stderr
    # More records than two batches (512 each): with --jobs 2 a batch is
    # extracted while the next is read, and written once that one is queued.
    many = [json.dumps({"id": i, "text": "On %d March the council met. \"We agree on %d,\" said Ann Cole." % (1 + i % 28, i)})
            for i in range(1100)]
    many[300] = "{broken"
    many[900] = '{"text": 5}'
    one = jsonl_jobs_agree(env, many, 1098, "three batches")
    assert one.stderr.index("stdin:301") < one.stderr.index("stdin:901"), one.stderr


def jsonl_jobs_agree(env, lines, good, what):
    """extract --jsonl of `lines` (some bad) gives the same output and messages
    with --jobs 2 as with --jobs 1, a line per good record; the --jobs 1 run."""
    stdin = "\n".join(lines) + "\n"
    one = env.run("extract", "--jsonl", "--jobs", "1", stdin=stdin, check=2)
    two = env.run("extract", "--jsonl", "-j", "2", stdin=stdin, check=2)
    eq(two.stdout, one.stdout, f"extract --jsonl --jobs 2 vs --jobs 1 ({what})")
    eq(two.stderr, one.stderr, f"messages in the same order ({what})")
    eq(len(one.stdout.splitlines()), good, f"one line per good record ({what})")
    return one


@test
def extract_kinds_selects_claim_kinds(env, tmp):
    files = corpus_files(env)
    kinds = set()
    for line in env.run("extract", "--kinds", "quote,reported", *files, check=0).stdout.splitlines():
        kinds |= {c["kind"] for c in json.loads(line)["claims"]}
    assert kinds and kinds <= {"quote", "reported"}, kinds
    p = env.run("extract", "--kinds", "quote,gossip", files[0], check=2)
    assert "gossip" in p.stderr, p.stderr


@test
def jobs_do_not_change_what_ingest_stores(env, tmp):
    files = corpus_files(env)
    # A JSON Lines file of 150 sources (three transactions of 64; with --jobs 2 the next is extracted
    # while one is stored), one bad line, a repeat of an earlier record, and an empty text.
    texts = [open(f, encoding="utf-8").read() for f in files if f.endswith((".txt", ".md"))]
    many = os.path.join(tmp, "many.jsonl")
    with open(many, "w", encoding="utf-8") as f:
        for i in range(150):
            f.write(json.dumps({"id": f"wire-{i}", "text": texts[i % len(texts)] + f"\nStory number {i}.",
                                "published": "2026-03-10"}) + "\n")
            if i == 70:
                f.write("{not json\n")
            if i == 100:
                f.write(json.dumps({"id": "wire-5", "text": texts[5 % len(texts)] + "\nStory number 5.",
                                    "published": "2026-03-10"}) + "\n")
                f.write(json.dumps({"id": "blank", "text": "   "}) + "\n")
    dbs, outs = [], []
    for jobs in ("1", "2"):
        db = os.path.join(tmp, f"j{jobs}.db")
        p = env.run("ingest", "--jobs", jobs, *files, many, db=db, check=2)
        outs.append((p.stdout, p.stderr))
        env.run("check", "--jobs", jobs, db=db, check=0)  # and the comparison's alignment
        dbs.append(db)
    eq(outs[1], outs[0], "ingest output and messages with --jobs 2 vs --jobs 1")
    eq(env.sql(dbs[0], "SELECT count(*) FROM sources")[0][0], len(files) + 150, "sources stored")
    q_claims = ("SELECT s.file, c.kind, c.start, c.end, c.fields FROM claims c JOIN source_versions v ON v.id = c.version_id "
                "JOIN sources s ON s.id = v.source_id ORDER BY s.file, c.start, c.kind, c.end")
    a, b = (env.sql(db, q_claims) for db in dbs)
    assert len(a) > 100, len(a)
    eq(b, a, "claims stored with --jobs 2 vs --jobs 1")
    q_sources = "SELECT id, file FROM sources ORDER BY id"
    eq(env.sql(dbs[1], q_sources), env.sql(dbs[0], q_sources), "source ids")
    # Every row with its id: segments and claims go in several to a statement.
    for table, cols in (("segments", "id, version_id, kind, ordinal, paragraph, role, start, end, text"),
                        ("claims", "id, version_id, kind, ordinal, sentence, start, end, text, fields"),
                        ("people", "id, version_id, ordinal, name"), ("aliases", "id, person_id, text, start, end")):
        q = f"SELECT {cols} FROM {table} ORDER BY id"
        a, b = (env.sql(db, q) for db in dbs)
        assert len(a) > 10, (table, len(a))
        eq(b, a, f"{table} rows and ids with --jobs 2 vs --jobs 1")
    eq(finding_ids(env, dbs[1]), finding_ids(env, dbs[0]), "finding ids")
    q_findings = "SELECT id, kind, severity, confidence, summary, explanation, details FROM findings ORDER BY id"
    a, b = (env.sql(db, q_findings) for db in dbs)
    assert len(a) > 10, len(a)
    eq(b, a, "findings with check --jobs 2 vs --jobs 1")


# --- findings: check and report -------------------------------------------------

def report_json(env, db, *args):
    p = env.run("report", "--format", "json", *args, db=db, check=0)
    return json.loads(p.stdout)


def check_report_shape(report):
    assert isinstance(report.get("sources"), list) and isinstance(report.get("findings"), list), report.keys()
    files = {s["file"] for s in report["sources"]}
    for f in report["findings"]:
        for key in ["id", "kind", "severity", "confidence", "summary", "explanation", "details", "evidence"]:
            assert key in f, (key, f)
        assert f["severity"] in ("high", "medium", "low"), f["severity"]
        assert 0 <= f["confidence"] <= 1, f["confidence"]
        assert f["evidence"], f"finding {f['id']} has no evidence"
        for e in f["evidence"]:
            for key in ["file", "source_id", "start", "end", "text"]:
                assert key in e, (key, e)
            assert e["file"] in files, e["file"]
            assert e["start"] <= e["end"], e


def score(env, report_text):
    tool = os.path.join(env.shared, "tools", "score-findings")
    if not os.path.isfile(tool):
        raise Skip("../shared/tools/score-findings is absent")
    return subprocess.run([sys.executable, tool, "-"], input=report_text, capture_output=True, text=True,
                          timeout=120)


@test
def report_before_any_check_lists_sources_and_no_findings(env, tmp):
    db = os.path.join(tmp, "r.db")
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    report = report_json(env, db)
    eq(report["run"], None, "run")
    eq(report["findings"], [], "findings")
    eq(len(report["sources"]), 3, "sources")
    p = env.run("report", db=db, check=0)
    assert "nothing checked yet" in p.stdout, p.stdout


@test
def report_refuses_bad_filters(env, tmp):
    db = os.path.join(tmp, "f.db")
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    eq(env.run("report", "--kind", "bogus_kind", db=db).returncode, 2, "unknown kind")
    eq(env.run("report", "--min-severity", "critical", db=db).returncode, 2, "unknown severity")
    eq(env.run("report", "--format", "yaml", db=db).returncode, 2, "unknown format")
    p = env.run("report", "--run", "99", db=db)
    eq(p.returncode, 2, "unknown run")
    assert "no run 99" in p.stderr, p.stderr
    eq(env.run("report", db=os.path.join(tmp, "missing.db")).returncode, 2, "missing db")


@test
def check_records_a_run_and_report_reads_it(env, tmp):
    db = os.path.join(tmp, "k.db")
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), db=db, check=0)
    p = env.run("check", db=db, check=0)
    m = re.fullmatch(r"run 1: (\d+) findings \((\d+) new\)\n", p.stdout)
    assert m, p.stdout
    total, new = int(m.group(1)), int(m.group(2))
    eq(new, total, "all new on the first run")
    report = report_json(env, db)
    check_report_shape(report)
    eq(report["run"]["id"], 1, "run id")
    eq(len(report["findings"]), total, "findings in the report")
    eq(env.sql(db, "SELECT kind, findings_total, findings_new FROM runs"), [("check", total, total)], "runs row")
    eq(env.sql(db, "SELECT count(*) FROM findings_v")[0][0], total, "findings_v")
    out = os.path.join(tmp, "report.json")
    env.run("report", "--format", "json", "-o", out, db=db, check=0)
    with open(out, encoding="utf-8") as f:
        eq(json.load(f), report, "-o FILE writes the same report")
    # Off a terminal the text report has no colour, whatever NO_COLOR says.
    p = env.run("report", "--format", "text", db=db, check=0)
    assert "\x1b" not in p.stdout, "colour off a terminal"
    for sev in ["high", "medium", "low"]:
        kept = report_json(env, db, "--min-severity", sev)["findings"]
        allowed = {"high": {"high"}, "medium": {"high", "medium"}, "low": {"high", "medium", "low"}}[sev]
        assert {f["severity"] for f in kept} <= allowed, (sev, kept)


def finding_ids(env, db):
    return sorted(f["id"] for f in report_json(env, db)["findings"])


@test
def check_twice_gives_the_same_finding_ids(env, tmp):
    corpora = [("examples", os.path.join(env.examples, "sources.csv"), env.examples)]
    if os.path.isfile(os.path.join(env.seeds, "sources.csv")):
        corpora.append(("seeds", os.path.join(env.seeds, "sources.csv"), env.seeds))
    for name, manifest, folder in corpora:
        db = os.path.join(tmp, name + ".db")
        env.run("ingest", "--manifest", manifest, folder, db=db, check=0)
        env.run("check", db=db, check=0)
        first = finding_ids(env, db)
        p = env.run("check", db=db, check=0)
        assert re.fullmatch(r"run 2: %d findings \(0 new\)\n" % len(first), p.stdout), (name, p.stdout)
        eq(finding_ids(env, db), first, f"{name}: finding ids of the second run")
        eq(len(set(first)), len(first), f"{name}: ids are unique")
        eq(env.sql(db, "SELECT count(*) FROM findings WHERE first_run != 1 OR last_run != 2")[0][0], 0,
           f"{name}: first_run kept, last_run updated")
        eq(report_json(env, db, "--run", "1")["findings"] != [], bool(first), f"{name}: run 1 still readable")


@test
def seeds_check_report_scores(env, tmp):
    env.need_seeds()
    db = os.path.join(tmp, "sc.db")
    env.run("ingest", "--manifest", os.path.join(env.seeds, "sources.csv"), env.seeds, db=db, check=0)
    env.run("check", db=db, check=0)
    p = env.run("report", "--format", "json", db=db, check=0)
    check_report_shape(json.loads(p.stdout))
    s = score(env, p.stdout)
    assert s.returncode == 0, f"score-findings exited {s.returncode}\n{s.stdout[-4000:]}{s.stderr[-1000:]}"


@test
def seeds_run_then_report_scores(env, tmp):
    env.need_seeds()
    db = os.path.join(tmp, "sr.db")
    env.run("run", "--manifest", os.path.join(env.seeds, "sources.csv"), env.seeds, db=db, check=0)
    p = env.run("report", "--format", "json", db=db, check=0)
    report = json.loads(p.stdout)
    assert report["run"] is not None, "crosscheck run recorded no check run"
    check_report_shape(report)
    s = score(env, p.stdout)
    assert s.returncode == 0, f"score-findings exited {s.returncode}\n{s.stdout[-4000:]}{s.stderr[-1000:]}"


@test
def example_story_findings(env, tmp):
    """The bundled story: a copy with an altered quote, a misattributed quote, a
    changed title and a changed date; an independent report saying the same
    things in other words (40% / forty percent / about 40 per cent, chief
    executive / boss, In February / last month) must not be flagged."""
    db = os.path.join(tmp, "ex.db")
    p = env.run("run", "--report", "json", "--manifest", os.path.join(env.examples, "sources.csv"),
                env.examples, db=db, check=0)
    report = json.loads(p.stdout)
    found = {}
    for f in report["findings"]:
        files = tuple(sorted(os.path.basename(e["file"]) for e in f["evidence"]))
        found.setdefault(f["kind"], []).append((files, f))
    pair = ("copy.txt", "original.md")

    def one(kind, needle_copy, needle_orig):
        hits = [f for files, f in found.get(kind, []) if files == pair]
        assert hits, f"no {kind} between copy.txt and original.md: {sorted(found)}"
        texts = {os.path.basename(e["file"]): json.dumps(e).lower() for e in hits[0]["evidence"]}
        assert needle_copy in texts["copy.txt"], (kind, texts["copy.txt"])
        assert needle_orig in texts["original.md"], (kind, texts["original.md"])
        return hits[0]
    one("misattributed_quote", "samuel ortiz", "priya raman")
    altered = one("altered_quote", "five years", "three years")
    assert "substituted" in json.dumps(altered["details"]), altered["details"]
    one("role_conflict", "chief financial officer", "chief operating officer")
    date = one("date_conflict", "2025-02", "2026-02")
    assert "implied" in date["explanation"], date["explanation"]
    one("derived_copy", "", "")
    # Nothing may pair the independent report with the others but the uncorroborated quote.
    for kind, items in found.items():
        for files, f in items:
            if "independent.html" in files:
                eq(kind, "uncorroborated_quote", "finding citing the independent report")
                assert "hannah cole" in json.dumps(f).lower()
    # Equivalent numbers and dates are never flagged.
    for kind in ("number_conflict", "date_conflict"):
        for files, f in found.get(kind, []):
            for e in f["evidence"]:
                said = str(e.get("quantity", "")) + str(e.get("date", ""))
                assert "40" not in said and "forty" not in said and "last month" not in said, e


def only_summary_finding(env, tmp, name):
    """Runs the example's original and copy with examples/summary/NAME; the one
    summary_unsupported finding and its evidence by file name."""
    story = os.path.join(env.examples, "..", "story")
    p = env.run("run", "--report", "json", os.path.join(story, "original.md"), os.path.join(story, "copy.txt"),
                os.path.join(env.examples, "..", "summary", name), db=os.path.join(tmp, name + ".db"), check=0)
    found = [f for f in json.loads(p.stdout)["findings"] if f["kind"] == "summary_unsupported"]
    eq(len(found), 1, "summary_unsupported findings")
    ev = {os.path.basename(e["file"]): e for e in found[0]["evidence"]}
    eq(sorted(ev), sorted(["original.md", name]), "the summary and the article it summarises")
    eq(found[0]["severity"], "medium", "severity of what a summary does not have from its article")
    return found[0], ev


@test
def summary_figure_its_article_never_gives(env, tmp):
    # examples/summary/summary.txt summarises the example's original and
    # gives "14 battery-powered units"; the original never says 14. Its
    # copy, run with them, does not either, and is not the article quoted.
    f, ev = only_summary_finding(env, tmp, "summary.txt")
    eq(ev["summary.txt"]["quantity"], "14", "the summary's unsupported figure")
    assert "battery-powered units" in ev["original.md"]["text"], ev["original.md"]["text"]
    assert "summary of original.md" in f["explanation"], f["explanation"]


@test
def summary_names_a_place_its_article_never_names(env, tmp):
    # examples/summary/renamed.txt summarises the example's original but says
    # the trains ran "in Sweden" where the original's sentence says "in
    # Norway"; no source of the three writes Sweden. The original is quoted,
    # not its copy, and the summary's figures are not compared.
    f, ev = only_summary_finding(env, tmp, "renamed.txt")
    eq(ev["renamed.txt"]["names"], ["Sweden"], "the summary's name")
    eq(ev["original.md"]["names"], ["Norway"], "the article's name in its place")
    assert "three years in Norway" in ev["original.md"]["text"], ev["original.md"]["text"]
    assert '"Sweden" in renamed.txt is not in original.md' in f["summary"], f["summary"]


@test
def example_report_is_stable_across_runs(env, tmp):
    db = os.path.join(tmp, "st.db")
    env.run("run", "--manifest", os.path.join(env.examples, "sources.csv"), env.examples, db=db, check=0)
    first = finding_ids(env, db)
    env.run("check", db=db, check=0)
    eq(finding_ids(env, db), first, "finding ids after a second check")
    assert len(first) >= 6, first


@test
def file_names_cannot_drive_the_terminal(env, tmp):
    # A refused file and a stored one whose names carry an OSC title sequence, a bell and a C1 CSI:
    # every message and line names them with the controls replaced.
    bad = os.path.join(tmp, "evil\x1b]0;pwned\x07\u009b31m.bin")
    with open(bad, "wb") as f:
        f.write(b"\x00\x01\x02binary\x00")
    good = os.path.join(tmp, "fine\x1b[2J.txt")
    with open(good, "w", encoding="utf-8") as f:
        f.write('"We will ship in May," Ann Lee said on 3 March 2026.\n')
    for args in (["--db", os.path.join(tmp, "t.db"), "ingest", bad, good], ["extract", bad, good]):
        p = env.run(*args, check=2)
        for stream in (p.stdout, p.stderr):
            assert not any(c in stream for c in "\x1b\x07\u009b"), repr(stream[:500])
        assert "evil\ufffd]0;pwned\ufffd\ufffd31m.bin" in p.stderr and "binary file" in p.stderr, p.stderr
    p = env.run("--db", os.path.join(tmp, "t.db"), "ingest", good, check=0)
    assert "fine\ufffd[2J.txt" in p.stdout and "\x1b" not in p.stdout, repr(p.stdout)


if __name__ == "__main__":
    sys.exit(harness.main(TESTS, Env))
