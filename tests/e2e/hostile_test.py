#!/usr/bin/env python3
"""Hostile inputs: every file is stored, repaired or refused with a message naming it; nothing crashes,
nothing from a source runs, nothing outside the corpus is read; time and memory grow linearly.

usage: hostile_test.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]

The corpus is generated at run time by tests/hostile/make_hostile.py. HOSTILE_SCALE_MB (default
"1,10,50") sets the input sizes of the growth test (the sanitizer build uses smaller ones).
"""
import json
import os
import resource
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


def strict_json(text):
    """json.loads that refuses NaN and Infinity (not JSON)."""
    def bad(c):
        raise ValueError(f"not JSON: {c}")
    return json.loads(text, parse_constant=bad)


@test
def hostile_corpus_is_stored_or_refused(env, tmp):
    corpus = hostile.write(tmp)
    db = os.path.join(tmp, "h.db")
    p = env.run("ingest", "--manifest", os.path.join(corpus, "sources.csv"), corpus, db=db)
    eq(p.returncode, 2, "exit code: some files refused")
    stored = {os.path.basename(r[0]) for r in sql(db, "SELECT file FROM sources")}
    for name, (_, expect, why) in hostile.CASES.items():
        lines = [l for l in p.err.splitlines() if "corpus/" + name + ":" in l]
        if expect == "stored":
            assert name in stored, f"{name} not stored; stderr: {lines}"
        elif expect == "partly":
            assert name in stored, f"{name} not stored; stderr: {lines}"
            assert any(why in l for l in lines), f"{name}: no {why!r} in {lines}"
        else:
            assert name not in stored, f"{name} stored, expected refused"
            assert lines, f"{name}: refused without a message naming it\n{p.err[-3000:]}"
            assert any(why in l for l in lines), f"{name}: no {why!r} in {lines}"
    # Every message names the input it is about.
    for line in p.err.splitlines():
        assert "corpus/" in line, f"message naming no input: {line!r}"
    for problem in hostile.MANIFEST_PROBLEMS:
        assert any("sources.csv:" in l and problem in l for l in p.err.splitlines()), \
            f"manifest problem {problem!r} not reported\n{p.err[-3000:]}"
    # A repaired file says so.
    assert "corpus/invalid_utf8.txt: invalid UTF-8" in p.err, p.err[-3000:]
    assert "corpus/deep_nesting.html: HTML nested deeper" in p.err, p.err[-3000:]
    # Nothing outside the corpus was read.
    assert hostile.SYMLINK not in stored, "symbolic link out of the corpus was read"
    assert f"corpus/{hostile.SYMLINK}: symbolic link to a file outside" in p.err, p.err[-3000:]
    eq(sql(db, "SELECT count(*) FROM source_versions WHERE instr(raw_text, ?) > 0", hostile.SECRET)[0][0], 0,
       "secret from outside the corpus")
    eq(sql(db, "SELECT count(*) FROM sources WHERE file LIKE '%passwd%' OR file LIKE '%outside%'")[0][0], 0,
       "files outside the corpus")
    # SQL metacharacters are data: stored verbatim, tables intact.
    eq(sql(db, "SELECT outlet, title, note FROM sources_v WHERE file LIKE '%sql_text.txt'"),
       [(hostile.SQL, hostile.SQL, hostile.SQL)], "manifest fields with SQL metacharacters")
    assert "x'); DROP TABLE sources;--.txt" in stored, stored
    eq(sql(db, "SELECT count(*) FROM source_versions WHERE id IN "
               "(SELECT version_id FROM claims) AND raw_text LIKE '%DELETE FROM sources%'")[0][0], 1, "jsonl")
    harness.check_intact(db)
    for r in sql(db, "SELECT fields FROM claims"):
        strict_json(r[0])
    # The manifest's dates were checked, not stored.
    eq(sql(db, "SELECT published FROM sources_v WHERE file LIKE '%absurd_dates.txt'"), [(None,)], "31 February")
    # Re-ingesting is stable.
    p2 = env.run("ingest", "--manifest", os.path.join(corpus, "sources.csv"), corpus, db=db)
    eq(p2.returncode, 2, "exit code of the second run")
    n_sources = sql(db, "SELECT count(*) FROM sources")[0][0]
    assert f"0 stored, {n_sources} unchanged" in p2.out, p2.out
    # Later stages take the stored hostile text too.
    env.run("check", db=db, check=0)
    strict_json(env.run("report", "--format", "json", db=db, check=0).out)
    env.run("report", db=db, check=0)
    for kind in ["quote", "reported", "role", "date", "quantity"]:
        env.run("claims", "--kind", kind, db=db, check=0)
    harness.check_intact(db)


@test
def script_and_javascript_are_never_kept_as_markup(env, tmp):
    corpus = hostile.write(tmp)
    db = os.path.join(tmp, "s.db")
    env.run("ingest", os.path.join(corpus, "script.html"), db=db, check=0)
    text = sql(db, "SELECT group_concat(text, ' ') FROM segments WHERE kind = 'paragraph'")[0][0]
    for dropped in ["alert('head')", "XSS-SCRIPT-BODY", "XSS-IFRAME", "XSS-SVG", "alert(3)", "javascript:alert(4)",
                    "background:url"]:
        assert dropped not in text, f"{dropped!r} kept in {text!r}"
    assert "harbour commission" in text, text
    # Entities stay text: the literal "<script>" the page showed is a sentence, never markup.
    assert "<script>alert(5)</script>" in text, text
    # Whatever the report formats, nothing from a source comes out as live markup.
    p = env.run("report", "--help")
    if "html" in p.out:
        env.run("ingest", os.path.join(corpus, "script_text.txt"), db=db, check=0)
        env.run("check", db=db, check=0)
        out = env.run("report", "--format", "html", db=db, check=0).out
        assert "<script>alert" not in out and "onerror=alert" not in out, "unescaped source text in HTML"
        assert "&lt;script&gt;alert(1)" in out, "the page title (with its script tag) should be shown, escaped"


@test
def broken_manifests_are_refused_with_their_name(env, tmp):
    corpus = hostile.write(tmp)
    db = os.path.join(tmp, "m.db")
    for name, why in [("no_file_column.csv", "no_file_column.csv:1: missing column 'file'"),
                      ("empty.csv", "empty.csv"), ("binary.csv", "binary.csv: binary file")]:
        p = env.run("ingest", "--manifest", os.path.join(tmp, name), corpus, db=db)
        eq(p.returncode, 2, f"exit code for {name}")
        assert why in p.err, f"{why!r} not in {p.err!r}"
    p = env.run("ingest", "--manifest", os.path.join(tmp, "missing.csv"), db=db)
    eq(p.returncode, 2, "missing manifest")
    assert "missing.csv: no such file" in p.err, p.err


@test
def a_manifest_row_through_a_symlink_out_is_refused(env, tmp):
    corpus = hostile.write(tmp)
    with open(os.path.join(corpus, "links.csv"), "w") as f:
        f.write(f"file,outlet\n{hostile.SYMLINK},Evil\nsql_text.txt,Valley\n")
    db = os.path.join(tmp, "l.db")
    p = env.run("ingest", "--manifest", os.path.join(corpus, "links.csv"), db=db)
    eq(p.returncode, 2, "exit code")
    assert f"links.csv:2: file '{hostile.SYMLINK}' leads outside the manifest's directory" in p.err, p.err
    eq([os.path.basename(r[0]) for r in sql(db, "SELECT file FROM sources")], ["sql_text.txt"], "stored")


@test
def the_size_limit_refuses_larger_files(env, tmp):
    big = os.path.join(tmp, "big.txt")
    small = os.path.join(tmp, "small.txt")
    with open(big, "w") as f:
        f.write(hostile.prose(2 * 2**20 + 10))
    with open(small, "w") as f:
        f.write(hostile.prose(2000))
    db = os.path.join(tmp, "z.db")
    p = env.run("--quiet", "ingest", "--max-file-mb", "2", big, small, db=db)
    eq(p.returncode, 2, "exit code")
    assert f"{big}: file is 2097162 bytes, over the size limit of 2097152 bytes" in p.err, p.err
    eq([os.path.basename(r[0]) for r in sql(db, "SELECT file FROM sources")], ["small.txt"], "stored")
    eq(env.run("ingest", "--max-file-mb", "0", small, db=db).returncode, 2, "--max-file-mb 0")
    p = env.run("--quiet", "ingest", "--max-file-mb", "3", big, db=db, check=0)


@test
def broken_rule_files_are_refused_with_file_line_col(env, tmp):
    story = os.path.join(tmp, "story.txt")
    with open(story, "w") as f:
        f.write(hostile.STORY)
    cases = [  # (file, text, what follows the file name in the message)
        ("dates.toml", "x = [\n", ":1:7: Error while parsing array: encountered end-of-file"),
        ("quotes.toml", "[speech]\ncues = 'said'\nx = \"\\q\"\n",
         ":3:7: Error while parsing string: unknown escape sequence '\\q'"),
        ("chrome.toml", "[[rule]]\nreason = 'x'\npatterns = ['(a)\\1']\n",
         ":3:13: bad pattern: invalid escape sequence: \\1"),                  # RE2 has no backreferences
        ("chrome.toml", "[[rule]]\nreason = 'x'\npatterns = ['(?=x)']\n",
         ":3:13: bad pattern: invalid perl operator: (?="),                     # nor look-around
        ("chrome.toml", "[[rule]]\nreason = 'x'\npatterns = ['\\pL{1000}']\n",
         ":3:13: bad pattern: pattern too large - compile failed"),             # over the memory bound
    ]
    for name, text, where in cases:
        rules = os.path.join(tmp, "rules-" + name)
        os.makedirs(rules, exist_ok=True)
        with open(os.path.join(rules, name), "w") as f:
            f.write(text)
        for args in (["extract", story], ["ingest", story]):
            p = env.run("--rules", rules, *args, db=os.path.join(tmp, "r.db"))
            eq(p.returncode, 2, f"{name} {args[0]}: exit code")
            assert os.path.join(rules, name) + where in p.err, f"{name}: {where!r} not in {p.err!r}"


def measure(env, args):
    """(CPU seconds, peak RSS in KiB) of one run of the binary."""
    start = time.monotonic()
    proc = subprocess.Popen(env.cmd(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise AssertionError(f"{args} exited {code}: {err[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, time.monotonic() - start


@test
def time_and_memory_grow_linearly(env, tmp):
    sizes = [int(s) for s in os.environ.get("HOSTILE_SCALE_MB", "1,10,50").split(",")]
    rows = []
    for mb in sizes:
        path = os.path.join(tmp, f"line_{mb}mb.txt")
        with open(path, "w") as f:
            f.write(hostile.prose(mb * 2**20, single_line=True))
        db = os.path.join(tmp, f"g{mb}.db")
        cpu, rss, wall = measure(env, ["--db", db, "--quiet", "ingest", path])
        os.remove(path)
        n = sql(db, "SELECT count(*) FROM segments WHERE kind = 'sentence'")[0][0]
        assert n > mb * 8000, f"{mb} MB: only {n} sentences stored"
        rows.append((mb, cpu, rss))
        print(f"        {mb:3d} MB: {cpu:6.2f} s CPU ({cpu / mb:.3f} s/MB), {wall:6.1f} s wall, "
              f"peak RSS {rss / 1024:7.1f} MiB ({rss / 1024 / mb:.1f} MiB/MB)", flush=True)
    # Per MB, the largest input costs at most 3x (CPU) and 2x (memory, above a fixed base of 64 MiB)
    # what the middle one does: linear growth passes with a wide margin, quadratic growth fails.
    (m1, c1, r1), (m2, c2, r2) = rows[-2], rows[-1]
    assert c2 / m2 <= 3 * (c1 / m1) + 0.05, f"CPU per MB grew from {c1 / m1:.3f} s to {c2 / m2:.3f} s"
    base = 64 * 1024
    assert max(r2 - base, 0) / m2 <= 2 * max(r1 - base, 1) / m1 + 1024, \
        f"memory per MB grew from {r1 / m1:.0f} to {r2 / m2:.0f} KiB"


if __name__ == "__main__":
    sys.exit(harness.main(TESTS))
