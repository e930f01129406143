#!/usr/bin/env python3
"""End-to-end tests of `crosscheck audit` and `crosscheck review`: the binary in a temp dir, on the
example story (copied) and on sentences written here.

usage: audit_test.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]
"""
import json
import os
import pty
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

TESTS = []


test = harness.test(TESTS)


# A later report of the story by an outlet of our own invention: other figures, another date and
# another speaker for a quote.
LATE_REPORT = """Coastline Rail picks battery trains for the valley line

Coastline Rail will replace the diesel trains on its valley line with battery-powered units, the operator said on Monday, in a deal worth $310 million.

The company's chief executive, Dana Whitfield, said the new trains would cut running costs by 25%. "We are not buying a prototype. We are buying a train that has already carried passengers for five years in Norway," Samuel Ortiz said.

In April 2024, the regional transport board approved the purchase after a two-year trial.

The line carries about 4,000 passengers a day.
"""


class Env(harness.TextEnv):
    def cmd(self, db, *args):
        return [self.bin, "--db", db] + list(args)

    def run(self, db, *args, check=None):
        return super().run(*args, db=db, check=check)

    def feed(self, tmp):
        """A copy of the example story to audit (the tests change it)."""
        d = os.path.join(tmp, "feed")
        shutil.copytree(self.examples, d)
        return d

    def audit(self, db, feed, *extra, check=None):
        out = os.path.join(os.path.dirname(db), "report.json")
        p = self.run(db, "audit", "--dir", feed, "--manifest", os.path.join(feed, "sources.csv"),
                     "--format", "json", "-o", out, *extra, check=check)
        report = None
        if os.path.exists(out):
            with open(out, encoding="utf-8") as f:
                report = json.load(f)
            os.remove(out)
        return p, report


def eq(a, b, what=""):
    if a != b:
        raise AssertionError(f"{what}: {a!r} != {b!r}")


def files_of(finding):
    return {os.path.basename(e["file"]) for e in finding["evidence"]}


def summary_line(p):
    lines = [l for l in p.stderr.splitlines() if l.startswith("audit: run ")]
    assert len(lines) == 1, p.stderr
    return lines[0]


# --- audits -------------------------------------------------------------------

@test
def first_audit_alerts_second_is_quiet(env, tmp):
    db = os.path.join(tmp, "a.db")
    feed = env.feed(tmp)
    p, report = env.audit(db, feed, check=1)
    assert "audit: run 1: 3 new, 0 changed, 0 unchanged source(s)" in summary_line(p), p.stderr
    findings = report["findings"]
    assert any(f["severity"] == "high" for f in findings), findings
    eq(report["run"]["kind"], "audit", "run kind")
    eq(env.sql(db, "SELECT kind, finished_at IS NOT NULL, rules_version <> '' FROM runs"), [("audit", 1, 1)], "runs")
    eq(sorted(f["id"] for f in findings),
       sorted(r[0] for r in env.sql(db, "SELECT finding_id FROM run_findings WHERE run_id = 1 AND alert = 1")),
       "the report lists what the run alerted on")
    versions = env.sql(db, "SELECT count(*) FROM source_versions")[0][0]

    p, report = env.audit(db, feed, check=0)
    line = summary_line(p)
    assert "0 new, 0 changed, 3 unchanged source(s)" in line, line
    assert "0 new since the last audit" in line, line
    eq(report["findings"], [], "nothing new")
    eq(env.sql(db, "SELECT count(*) FROM source_versions")[0][0], versions, "nothing re-ingested")
    eq(env.sql(db, "SELECT kind FROM runs ORDER BY id"), [("audit",), ("audit",)], "runs")
    # Nothing to compare, so nothing loaded; the run still records the corpus it stands for.
    runs = env.sql(db, "SELECT sources, claims, last_version_id FROM runs ORDER BY id")
    eq(runs[1], runs[0], "the quiet audit's corpus")
    eq(runs[0][1], env.sql(db, "SELECT count(*) FROM claims")[0][0], "claims of the corpus")
    p = env.run(db, "--verbose", "audit", "--dir", feed, "--manifest", os.path.join(feed, "sources.csv"),
                "--format", "json", "-o", os.path.join(tmp, "quiet.json"), check=0)
    assert "audit: nothing new or changed among 3 sources: nothing compared" in p.stderr, p.stderr
    assert "loaded" not in p.stderr, p.stderr

    # --all: every open finding on current sources, still exit 0 (nothing new).
    p, report = env.audit(db, feed, "--all", check=0)
    assert len(report["findings"]) == len(findings), (len(report["findings"]), len(findings))
    assert all(f["status"] == "open" for f in report["findings"])


@test
def fail_on_threshold(env, tmp):
    # Only the two sources without the copy: check what they raise, then pick thresholds around it.
    db = os.path.join(tmp, "f.db")
    feed = env.feed(tmp)
    os.remove(os.path.join(feed, "copy.txt"))
    p = env.run(db, "audit", "--dir", feed, "--manifest", os.path.join(feed, "sources.csv"), "--glob", "*.md",
                "--fail-on", "low", "--format", "json", check=(0, 1))
    eq(json.loads(p.stdout)["findings"], [], "one source alone raises nothing")
    eq(p.returncode, 0, "exit code with nothing new")
    sev = ["low", "medium", "high"]
    db2 = os.path.join(tmp, "g.db")
    p = env.run(db2, "audit", "--dir", os.path.join(env.examples), "--manifest",
                os.path.join(env.examples, "sources.csv"), "--fail-on", "low", "--format", "json", check=1)
    found = json.loads(p.stdout)["findings"]
    top = max(sev.index(f["severity"]) for f in found)
    low = min(sev.index(f["severity"]) for f in found)
    for i, s in enumerate(sev):
        db3 = os.path.join(tmp, f"t{i}.db")
        p = env.run(db3, "audit", "--dir", env.examples, "--manifest", os.path.join(env.examples, "sources.csv"),
                    "--fail-on", s, "--format", "json", "-o", os.path.join(tmp, "r.json"))
        eq(p.returncode, 1 if i <= top else 0, f"--fail-on {s} (highest finding: {sev[top]})")
    assert low <= top
    # Every high finding dismissed before the first audit: the rest is new but below --fail-on high.
    db4 = os.path.join(tmp, "h.db")
    env.run(db4, "ingest", "--manifest", os.path.join(env.examples, "sources.csv"), env.examples, check=0)
    env.run(db4, "check", check=0)
    for (fid,) in env.sql(db4, "SELECT id FROM findings WHERE severity = 'high'"):
        env.run(db4, "review", fid, "--status", "dismissed", check=0)
    p = env.run(db4, "audit", "--dir", env.examples, "--manifest", os.path.join(env.examples, "sources.csv"),
                "--format", "json", check=0)
    rest = json.loads(p.stdout)["findings"]
    assert rest and all(f["severity"] != "high" for f in rest), rest
    assert "(0 at or above high)" in p.stderr, p.stderr


@test
def glob_selects_files(env, tmp):
    db = os.path.join(tmp, "g.db")
    feed = env.feed(tmp)
    p, _ = env.audit(db, feed, "--glob", "*.html", check=0)
    eq([os.path.basename(r[0]) for r in env.sql(db, "SELECT file FROM sources_v")], ["independent.html"], "sources")
    # The manifest gave its metadata (matched by path relative to the manifest).
    eq(env.sql(db, "SELECT outlet, published FROM sources_v"), [("Valley Times", "2026-03-11")], "metadata")


@test
def new_source_only_its_findings(env, tmp):
    db = os.path.join(tmp, "n.db")
    feed = env.feed(tmp)
    env.audit(db, feed, check=1)
    # A new file not in the manifest (no metadata) in a subfolder.
    os.makedirs(os.path.join(feed, "later"))
    with open(os.path.join(feed, "later", "late.txt"), "w", encoding="utf-8") as f:
        f.write(LATE_REPORT)
    p, report = env.audit(db, feed, "--fail-on", "low", check=1)
    assert "1 new, 0 changed, 3 unchanged source(s)" in summary_line(p), p.stderr
    assert report["findings"], "the new source contradicts the story"
    for f in report["findings"]:
        assert "late.txt" in files_of(f), (f["kind"], files_of(f))
    # Quiet again afterwards.
    env.audit(db, feed, "--fail-on", "low", check=0)


@test
def audits_compare_only_what_changed_since_the_last_audit(env, tmp):
    db = os.path.join(tmp, "fo.db")
    feed = env.feed(tmp)
    p, first = env.audit(db, feed, check=1)
    assert "compared all 3 source(s)" in summary_line(p), p.stderr
    p, _ = env.audit(db, feed, check=0)
    assert "compared 0 new or changed of 3 source(s); 0 finding(s)" in summary_line(p), p.stderr
    # A source stored by 'ingest' between two audits is news to the next audit, though the audit
    # itself finds nothing new to ingest.
    late = os.path.join(tmp, "late.txt")
    with open(late, "w", encoding="utf-8") as f:
        f.write(LATE_REPORT)
    env.run(db, "ingest", late, check=0)
    p, report = env.audit(db, feed, "--fail-on", "low", check=1)
    line = summary_line(p)
    assert "0 new, 0 changed, 3 unchanged" in line and "compared 1 new or changed of 4 source(s)" in line, line
    assert report["findings"] and all("late.txt" in files_of(f) for f in report["findings"]), report["findings"]
    # The story's own findings are not raised again, and stay stored and open.
    stored = {r[0] for r in env.sql(db, "SELECT id FROM findings WHERE status = 'open'")}
    assert {f["id"] for f in first["findings"]} <= stored


@test
def dismissed_findings_stay_quiet_until_their_evidence_changes(env, tmp):
    db = os.path.join(tmp, "d.db")
    feed = env.feed(tmp)
    late = os.path.join(feed, "late.txt")
    with open(late, "w", encoding="utf-8") as f:
        f.write(LATE_REPORT)
    # A check raises the findings first; every finding involving late.txt is dismissed.
    env.run(db, "ingest", "--manifest", os.path.join(feed, "sources.csv"), feed, check=0)
    env.run(db, "check", check=0)
    late_ids = [r[0] for r in env.sql(
        db, "SELECT DISTINCT finding_id FROM evidence WHERE file LIKE '%late.txt'")]
    assert late_ids, "late.txt raises findings"
    for fid in late_ids:
        env.run(db, "review", fid, "--status", "dismissed", "--note", "known, reported elsewhere", check=0)
    # The first audit alerts on the rest only.
    p, report = env.audit(db, feed, "--fail-on", "low", check=1)
    alerted = {f["id"] for f in report["findings"]}
    assert alerted, "the story's own findings alert"
    assert not alerted & set(late_ids), alerted & set(late_ids)
    marks = ",".join("?" * len(late_ids))
    eq(env.sql(db, f"SELECT DISTINCT status FROM findings WHERE id IN ({marks})", *late_ids), [("dismissed",)],
       "still dismissed")

    # An edit elsewhere in late.txt (a new version; the dismissed sentences are the same): no alert on them.
    with open(late, "a", encoding="utf-8") as f:
        f.write("\nThe trains will be painted blue and white.\n")
    p, report = env.audit(db, feed, "--fail-on", "low")
    assert "0 new, 1 changed" in summary_line(p), p.stderr
    assert not {f["id"] for f in report["findings"]} & set(late_ids)

    # The evidence itself changes (another figure in a contradicting sentence): it alerts again.
    with open(late, encoding="utf-8") as f:
        text = f.read()
    with open(late, "w", encoding="utf-8") as f:
        f.write(text.replace("$310 million", "$330 million").replace("by 25%", "by 20%"))
    p, report = env.audit(db, feed, "--fail-on", "low", check=1)
    again = report["findings"]
    assert again, "changed evidence alerts"
    for f in again:
        assert "late.txt" in files_of(f), files_of(f)
        assert f["status"] == "open"
    texts = " ".join(e["text"] for f in again for e in f["evidence"])
    assert "$330 million" in texts or "20%" in texts, texts


@test
def review_history_and_persistence(env, tmp):
    db = os.path.join(tmp, "r.db")
    feed = env.feed(tmp)
    p, report = env.audit(db, feed, check=1)
    fid = report["findings"][0]["id"]
    p = env.run(db, "review", fid, "--status", "confirmed", "--note", "checked with the operator", check=0)
    eq(p.stdout.strip(), f"finding {fid}: confirmed", "review output")
    env.run(db, "review", fid, "--status", "open", check=0)
    env.run(db, "review", fid, "--status", "confirmed", "--note", "second look", check=0)
    env.run(db, "check", check=0)
    env.run(db, "check", check=0)
    p = env.run(db, "review", fid, "--format", "json", check=0)
    history = json.loads(p.stdout)
    eq([(h["status"], h["note"]) for h in history],
       [("confirmed", "checked with the operator"), ("open", None), ("confirmed", "second look")], "history")
    assert all(h["at"].endswith("Z") for h in history), history
    eq(env.sql(db, "SELECT status, review_note FROM findings_v WHERE finding_id = ?", fid),
       [("confirmed", "second look")], "status after two checks")
    p = env.run(db, "review", fid, check=0)
    assert fid in p.stdout and "checked with the operator" in p.stdout, p.stdout

    p = env.run(db, "review", "0123456789abcdef", "--status", "dismissed", check=2)
    assert "no finding with id 0123456789abcdef" in p.stderr, p.stderr
    p = env.run(db, "review", "0123456789abcdef", check=2)
    assert "no finding with id 0123456789abcdef" in p.stderr, p.stderr
    p = env.run(db, "review", fid, "--note", "no status", check=2)
    assert "--note needs --status" in p.stderr, p.stderr


@test
def concurrent_audits(env, tmp):
    feed = env.feed(tmp)
    with open(os.path.join(feed, "late.txt"), "w", encoding="utf-8") as f:
        f.write(LATE_REPORT)
    for round_, timeout in enumerate(["30", "0"]):
        db = os.path.join(tmp, f"c{round_}.db")
        procs = [subprocess.Popen(env.cmd(db, "--busy-timeout", timeout, "audit", "--dir", feed, "--manifest",
                                          os.path.join(feed, "sources.csv"), "--format", "json",
                                          "-o", os.path.join(tmp, f"c{round_}-{i}.json")),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        codes = [p.returncode for p in procs]
        for code, (_, err) in zip(codes, outs):
            assert code in (0, 1, 2), (code, err)
            if code == 2:
                assert "busy" in err, err
        assert codes.count(2) <= 1, (codes, outs)
        if timeout != "0":
            # Well within the timeout: the second waits for the first's write lock, and succeeds.
            assert 2 not in codes, (codes, outs)
        assert 1 in codes, (codes, outs)
        eq(env.sql(db, "PRAGMA integrity_check"), [("ok",)], "integrity")
        eq(env.sql(db, "SELECT count(*) FROM sources_v")[0][0], 4, "sources")
        eq(env.sql(db, "SELECT count(*) FROM source_versions")[0][0], 4, "one version each")
        eq(env.sql(db, "SELECT count(*) FROM runs WHERE kind = 'audit' AND finished_at IS NOT NULL")[0][0],
           2 - codes.count(2), "recorded audits")
        # No finding alerted twice: the second audit saw the first's alerts.
        eq(env.sql(db, "SELECT finding_id FROM run_findings WHERE alert = 1 GROUP BY finding_id "
                       "HAVING count(*) > 1"), [], "double alerts")
        # A later audit: nothing new, and the store is whole.
        p, report = env.audit(db, feed, check=0)
        eq(report["findings"], [], "nothing new after the concurrent audits")


# --- errors -------------------------------------------------------------------

@test
def bad_inputs_exit_2(env, tmp):
    db = os.path.join(tmp, "b.db")
    feed = env.feed(tmp)
    bad = os.path.join(tmp, "bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("name,outlet\noriginal.md,Harbor Gazette\n")
    p = env.run(db, "audit", "--dir", feed, "--manifest", bad, check=2)
    assert "bad.csv:1: missing column 'file'" in p.stderr, p.stderr
    p = env.run(db, "audit", "--dir", feed, "--manifest", os.path.join(tmp, "nope.csv"), check=2)
    assert "nope.csv" in p.stderr, p.stderr
    p = env.run(db, "audit", "--dir", os.path.join(tmp, "missing"), check=2)
    assert "missing: no such directory" in p.stderr, p.stderr
    p = env.run(db, "audit", check=2)
    assert "--dir" in p.stderr, p.stderr
    p = env.run(db, "audit", "--dir", feed, "--format", "nope", check=2)
    assert "nope" in p.stderr, p.stderr
    p = env.run(db, "audit", "--dir", feed, "--format", "claimreview", check=2)
    assert "--org" in p.stderr, p.stderr
    eq(env.sql(db, "SELECT count(*) FROM runs")[0][0] if os.path.exists(db) else 0, 0, "refused before any work")
    # A refused file: the others are audited and reported, the exit code is 2.
    with open(os.path.join(feed, "empty.txt"), "w") as f:
        f.write("")
    p, report = env.audit(db, feed, check=2)
    assert "empty.txt" in p.stderr, p.stderr
    assert report["findings"], "the good files were still audited"
    eq(env.sql(db, "SELECT count(*) FROM sources_v")[0][0], 3, "sources")


# --- output -------------------------------------------------------------------

@test
def every_report_format(env, tmp):
    feed = env.feed(tmp)
    db = os.path.join(tmp, "fmt.db")
    env.run(db, "audit", "--dir", feed, "--manifest", os.path.join(feed, "sources.csv"), "-o",
            os.path.join(tmp, "first.txt"), check=1)
    with open(os.path.join(feed, "late.txt"), "w", encoding="utf-8") as f:
        f.write(LATE_REPORT)
    # One audit alerts; the others re-report with --all (nothing new: exit 0).
    env.run(db, "audit", "--dir", feed, "--manifest", os.path.join(feed, "sources.csv"), "--fail-on", "low",
            "--format", "csv", "-o", os.path.join(tmp, "new.csv"), check=1)
    with open(os.path.join(tmp, "new.csv"), encoding="utf-8") as f:
        rows = f.read().splitlines()
    assert rows[0].startswith("finding_id,"), rows[0]
    assert len(rows) > 1 and all("late.txt" in r for r in rows[1:] if r.count(",") > 6), rows
    for fmt, probe in [("md", "#"), ("html", "<!DOCTYPE html>"), ("text", "late.txt"), ("json", '"findings"')]:
        out = os.path.join(tmp, "all." + fmt)
        env.run(db, "audit", "--all", "--dir", feed, "--format", fmt, "-o", out, check=0)
        with open(out, encoding="utf-8") as f:
            assert probe in f.read(), fmt
    out = os.path.join(tmp, "all.claimreview.json")
    env.run(db, "audit", "--all", "--dir", feed, "--format", "claimreview", "--org", "Example Desk", "-o", out,
            check=0)
    with open(out, encoding="utf-8") as f:
        reviews = json.load(f)
    assert reviews and all(r["@type"] == "ClaimReview" for r in reviews), reviews[:1]


@test
def quiet_verbose_and_progress(env, tmp):
    feed = env.feed(tmp)
    db = os.path.join(tmp, "q.db")
    p, _ = env.audit(db, feed, check=1)
    assert "\r" not in p.stderr, "no progress bar off a terminal"
    p = env.run(db, "--quiet", "audit", "--dir", feed, "--format", "json", check=0)
    eq(p.stderr, "", "--quiet stderr")
    db2 = os.path.join(tmp, "v.db")
    p = env.run(db2, "--verbose", "audit", "--dir", feed, "--manifest", os.path.join(feed, "sources.csv"),
                "-o", os.path.join(tmp, "v.txt"), check=1)
    assert "ingest: 3 source(s)" in p.stderr, p.stderr
    assert "added\t" in p.stderr, p.stderr
    assert "audit: compared in" in p.stderr, p.stderr
    # On a terminal: a bar on stderr, redrawn in place and erased.
    db3 = os.path.join(tmp, "t.db")
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(env.cmd(db3, "ingest", "--manifest", os.path.join(feed, "sources.csv"), feed),
                                stdout=subprocess.PIPE, stderr=slave, text=True)
        os.close(slave)
        slave = None
        out, _ = proc.communicate(timeout=120)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    eq(proc.returncode, 0, "ingest on a terminal")
    text = seen.decode("utf-8", "replace")
    assert "\ringest [" in text and "3/3" in text, repr(text)
    assert text.endswith("\r\x1b[K"), repr(text[-40:])


def story_of(path):
    """A generated article's story: its corpus folder and its story number."""
    return (os.path.dirname(path), os.path.basename(path).split("-", 1)[0])


@test
def archive_audit_loads_the_stories_around_what_is_new(env, tmp):
    sys.path.insert(0, os.path.join(env.source, "tests", "bench"))
    import gen_corpus  # noqa: E402
    archive, new = os.path.join(tmp, "archive"), os.path.join(tmp, "new")
    gen_corpus.generate(archive, 400, seed=3)
    gen_corpus.generate(new, 24, seed=4)
    db = os.path.join(tmp, "a.db")
    # An archive 20 times this size, as the scope sees it: a name is distinctive in at most 20 sources.
    rules = os.path.join(tmp, "rules")
    shutil.copytree(os.path.join(env.source, "rules"), rules)
    with open(os.path.join(rules, "compare.toml"), encoding="utf-8") as f:
        toml = f.read()
    assert "max_name_sources = 400" in toml
    with open(os.path.join(rules, "compare.toml"), "w", encoding="utf-8") as f:
        f.write(toml.replace("max_name_sources = 400", "max_name_sources = 20"))
    env.run(db, "ingest", "--manifest", os.path.join(archive, "articles", "sources.csv"), check=0)
    # A check counts the stems of every sentence for later audits.
    p = env.run(db, "--rules", rules, "--verbose", "check", check=0)
    stems = dict(env.sql(db, "SELECT stem, sentences FROM stem_counts"))
    assert len(stems) > 100, len(stems)
    assert f"check: stored {len(stems)} stem counts" in p.stderr, p.stderr
    sentences = env.sql(db, "SELECT count(*) FROM segments WHERE kind = 'sentence' AND role <> 'chrome'")[0][0]
    assert max(stems.values()) < sentences, (max(stems.values()), sentences)
    env.run(db, "--rules", rules, "audit", "--manifest", os.path.join(archive, "articles", "sources.csv"),
            "--format", "json", "-o", os.path.join(tmp, "first.json"), check=(0, 1))
    corpus = env.sql(db, "SELECT count(*) FROM sources")[0][0]
    whole = os.path.join(tmp, "whole.db")
    shutil.copy(db, whole)
    uncounted = os.path.join(tmp, "uncounted.db")
    shutil.copy(db, uncounted)
    con = sqlite3.connect(uncounted)
    con.execute("DELETE FROM stem_counts")
    con.commit()
    con.close()

    def audit(database, *extra):
        out = os.path.join(tmp, "report.json")
        p = env.run(database, "--rules", rules, "--verbose", "audit", "--dir", os.path.join(new, "articles"), "--format", "json",
                    "-o", out, *extra, check=(0, 1))
        with open(out, encoding="utf-8") as f:
            return p, json.load(f)["findings"]

    p, scoped = audit(db)
    added = len([f for f in os.listdir(os.path.join(new, "articles")) if f.endswith(".md")])
    line = [l for l in p.stderr.splitlines() if l.startswith("audit: scope: ")]
    assert len(line) == 1, p.stderr
    loaded = int(line[0].split()[2])
    assert f"of {corpus + added} sources around {added} new or changed" in line[0], line[0]
    # The new stories' own sources, and the few archive sources naming the same people.
    assert added <= loaded < added + corpus // 5, line[0]
    assert f"audit: loaded {loaded} sources" in p.stderr, p.stderr
    assert f"({added} of {loaded} sources in focus" in p.stderr, p.stderr
    after = dict(env.sql(db, "SELECT stem, sentences FROM stem_counts"))
    assert sum(after.values()) > sum(stems.values()), "the audit added its sentences' stems"

    p, full = audit(whole, "--whole-corpus")
    assert "audit: scope:" not in p.stderr, p.stderr
    assert f"audit: loaded {corpus + added} sources" in p.stderr, p.stderr
    assert f"({added} of {corpus + added} sources in focus" in p.stderr, p.stderr
    # The whole corpus loaded, its counts are stored anew: the archive's and the new sources', as
    # the scoped audit added them to the check's.
    counts = env.sql(db, "SELECT stem, sentences FROM stem_counts ORDER BY stem")
    eq(env.sql(whole, "SELECT stem, sentences FROM stem_counts ORDER BY stem"), counts, "stem counts")
    # Without stored counts a scope would align on stems common in the archive: the whole corpus.
    p, _ = audit(uncounted)
    assert "audit: no stem counts stored yet: compared with the whole corpus" in p.stderr, p.stderr
    assert f"audit: loaded {corpus + added} sources" in p.stderr, p.stderr
    eq(env.sql(uncounted, "SELECT stem, sentences FROM stem_counts ORDER BY stem"), counts, "stem counts stored")

    # What the generator made derived (copies, spins, rewrites) is found as in the whole corpus.
    # Generated stories share sentence and quote frames, so look-alike stories draw findings across
    # them; the whole corpus ranks such pairs below each source's 24 best partners, a scope has
    # fewer to rank, and the two runs raise different ones. Fewer in the scope, not more.
    truth = [json.loads(l) for l in open(os.path.join(new, "truth.jsonl"), encoding="utf-8")]
    derived = {t["changed_file"] for t in truth if t["type"] == "derived"}

    def derived_found(findings):
        return {os.path.basename(e["file"]) for f in findings if f["kind"] == "derived_copy"
                for e in f["evidence"] if os.path.basename(e["file"]) in derived
                and len({story_of(x["file"]) for x in f["evidence"]}) == 1}

    assert derived_found(scoped) >= derived_found(full), derived_found(full) - derived_found(scoped)
    assert len(derived_found(scoped)) >= 0.9 * len(derived), (len(derived_found(scoped)), len(derived))

    def crossing(findings):
        return [f for f in findings if len({story_of(e["file"]) for e in f["evidence"]}) > 1]

    assert len(crossing(scoped)) <= len(crossing(full)), (len(crossing(scoped)), len(crossing(full)))
    for f in scoped:
        assert any(os.path.dirname(e["file"]) == os.path.join(new, "articles") for e in f["evidence"]), f["summary"]


if __name__ == "__main__":
    sys.exit(harness.main(TESTS, Env))
