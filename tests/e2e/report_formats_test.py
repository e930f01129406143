#!/usr/bin/env python3
"""End-to-end tests of `crosscheck report` in every format.

usage: report_formats_test.py --bin BUILD/crosscheck --source REPO_DIR [-k NAME]

Builds databases from examples/story, from ../shared/seeds (skipped when absent)
and from a hostile source written at run time; renders every format; reads JSON,
CSV and ClaimReview back against the JSON report; and opens the HTML report in
headless Chromium (skipped, with SKIP printed, when chromium is not installed)
to check that it renders, that the filters work and that no source text runs.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

TESTS = []
FORMATS = ["text", "json", "md", "html", "csv", "claimreview"]
ORG = "Example Checkers"


test = harness.test(TESTS)


Skip = harness.Skip


class Env(harness.TextEnv):
    def report(self, db, fmt, *args):
        extra = ["--org", ORG] if fmt == "claimreview" else []
        return self.run("report", "--format", fmt, *extra, *args, db=db, check=0).stdout


eq = harness.eq


def story_db(env, tmp, name="story.db"):
    db = os.path.join(tmp, name)
    env.run("ingest", "--manifest", os.path.join(env.examples, "sources.csv"), env.examples, db=db, check=0)
    env.run("check", db=db, check=0)
    return db


def seeds_db(env, tmp):
    if not os.path.isfile(os.path.join(env.seeds, "sources.csv")):
        return None
    db = os.path.join(tmp, "seeds.db")
    env.run("ingest", "--manifest", os.path.join(env.seeds, "sources.csv"), env.seeds, db=db, check=0)
    env.run("check", db=db, check=0)
    return db


SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
LINK = "<a href=\"javascript:document.body.setAttribute('data-pwned','2')\">click</a>"


def hostile_db(env, tmp):
    """The story plus two hostile sources: a text copy whose quote carries markup,
    and an HTML page whose escaped markup becomes text; hostile manifest fields."""
    folder = os.path.join(tmp, "hostile")
    os.makedirs(folder)
    for name in ("original.md", "copy.txt", "independent.html"):
        shutil.copy(os.path.join(env.examples, name), folder)
    with open(os.path.join(env.examples, "copy.txt"), encoding="utf-8") as f:
        copy = f.read()
    altered = copy.replace("five years in Norway", f"five years {SCRIPT} in Norway {IMG} {LINK}")
    assert altered != copy, "examples/story/copy.txt changed: adjust the hostile test"
    with open(os.path.join(folder, "hostile.txt"), "w", encoding="utf-8") as f:
        f.write(altered)
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    with open(os.path.join(folder, "hostile.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><title>Hostile page</title></head><body><article>"
                f"<h1>Battery trains {esc(SCRIPT)}</h1>"
                f"<p>\"Every train will be charged at night {esc(IMG)} before service,\" said Dana Whitfield.</p>"
                f"<p>Read <a href=\"javascript:alert(1)\">{esc(LINK)}</a> and the valley line news.</p>"
                "</article></body></html>")
    with open(os.path.join(env.examples, "sources.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows.append(["hostile.txt", f"Outlet {SCRIPT}", f"Title {IMG}", "2026-03-12", "javascript:alert(1)", "hostile"])
    rows.append(["hostile.html", "Page & 'Co' \"quoted\"", "", "2026-03-13", "", "hostile"])
    with open(os.path.join(folder, "sources.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    db = os.path.join(tmp, "hostile.db")
    env.run("ingest", "--manifest", os.path.join(folder, "sources.csv"), folder, db=db, check=0)
    env.run("check", db=db, check=0)
    return db


# --- every format, read back -------------------------------------------------

def check_formats_agree(env, db, tmp, what):
    report = json.loads(env.report(db, "json"))
    findings = report["findings"]
    evidence = sum(max(1, len(f["evidence"])) for f in findings)

    rows = list(csv.reader(io.StringIO(env.report(db, "csv"), newline="")))
    header, body = rows[0], rows[1:]
    for col in ["finding_id", "kind", "severity", "confidence", "status", "summary", "explanation", "file",
                "outlet", "published", "start", "end", "text"]:
        assert col in header, (what, col, header)
    eq(len(body), evidence, f"{what}: CSV rows = findings x evidence")
    eq(sorted({r[0] for r in body}), sorted(f["id"] for f in findings), f"{what}: CSV finding ids")
    by_id = {f["id"]: f for f in findings}
    seen = {}
    for r in body:
        row = dict(zip(header, r))
        f = by_id[row["finding_id"]]
        i = seen.get(f["id"], 0)
        seen[f["id"]] = i + 1
        if f["evidence"]:
            e = f["evidence"][i]
            eq(row["file"], e["file"], f"{what}: CSV file")
            eq(int(row["start"]), e["start"], f"{what}: CSV start")
            text = e["text"]
            want = ("'" + text) if text[:1] in ("=", "+", "-", "@") else text
            if all(ord(c) >= 0x20 or c == "\n" for c in text):
                eq(row["text"], want, f"{what}: CSV text")
        eq(row["kind"], f["kind"], f"{what}: CSV kind")
        eq(row["severity"], f["severity"], f"{what}: CSV severity")

    reviews = json.loads(env.report(db, "claimreview", "--base-url", "https://checks.example/story"))
    assert isinstance(reviews, list), what
    eq(len(reviews), len(findings), f"{what}: one ClaimReview per finding")
    for rv, f in zip(reviews, findings):
        eq(rv["@context"], "https://schema.org", what)
        eq(rv["@type"], "ClaimReview", what)
        eq(rv["identifier"], f["id"], what)
        assert rv["claimReviewed"], (what, rv)
        eq(rv["itemReviewed"]["@type"], "Claim", what)
        apps = rv["itemReviewed"]["appearance"]
        eq(len(apps), len({e["source_id"] for e in f["evidence"]}), f"{what}: appearances")
        for a in apps:
            eq(a["@type"], "CreativeWork", what)
            assert "url" in a or "identifier" in a, a
        eq(rv["reviewRating"]["@type"], "Rating", what)
        assert rv["reviewRating"]["alternateName"], rv
        eq(rv["author"], {"@type": "Organization", "name": ORG, "url": "https://checks.example/story"}, what)
        eq(rv["datePublished"], report["run"]["started_at"][:10], what)
        eq(rv["url"], "https://checks.example/story#finding-" + f["id"], what)

    md = env.report(db, "md")
    assert md.startswith("# crosscheck report\n"), md[:100]
    eq(md.count("\n### "), len(findings), f"{what}: Markdown findings")
    html = env.report(db, "html")
    eq(html.count("<article class=\"finding"), len(findings), f"{what}: HTML findings")
    text = env.report(db, "text")
    assert "crosscheck report" in text, text[:200]

    # -o writes the same bytes, atomically (no temporary file left behind).
    out_dir = os.path.join(tmp, "out-" + what)
    os.makedirs(out_dir)
    for fmt in FORMATS:
        path = os.path.join(out_dir, "report." + fmt)
        extra = ["--org", ORG] if fmt == "claimreview" else []
        env.run("report", "--format", fmt, *extra, "-o", path, db=db, check=0)
        with open(path, encoding="utf-8", newline="") as f:
            eq(f.read(), env.report(db, fmt), f"{what}: -o {fmt}")
    eq(sorted(os.listdir(out_dir)), sorted("report." + f for f in FORMATS), f"{what}: files written")
    return report


@test
def story_formats_agree(env, tmp):
    report = check_formats_agree(env, story_db(env, tmp), tmp, "story")
    assert len(report["findings"]) >= 6, len(report["findings"])


@test
def seeds_formats_agree(env, tmp):
    db = seeds_db(env, tmp)
    if not db:
        raise Skip("../shared/seeds is absent")
    check_formats_agree(env, db, tmp, "seeds")


@test
def hostile_formats_agree(env, tmp):
    check_formats_agree(env, hostile_db(env, tmp), tmp, "hostile")


@test
def claimreview_needs_org_and_bad_flags_are_refused(env, tmp):
    db = story_db(env, tmp)
    p = env.run("report", "--format", "claimreview", db=db)
    eq(p.returncode, 2, "claimreview without --org")
    assert "--org" in p.stderr, p.stderr
    eq(env.run("report", "--since", "yesterday", db=db).returncode, 2, "bad --since")
    eq(env.run("report", "--status", "closed", db=db).returncode, 2, "bad --status")
    out = os.path.join(tmp, "missing-dir", "r.html")
    p = env.run("report", "--format", "html", "-o", out, db=db)
    eq(p.returncode, 2, "unwritable -o")
    for fmt in ["md", "html", "csv"]:
        p = env.run("run", "--report", fmt, "--manifest", os.path.join(env.examples, "sources.csv"),
                    env.examples, db=os.path.join(tmp, fmt + ".db"), check=0)
        eq(p.stdout, env.report(os.path.join(tmp, fmt + ".db"), fmt), f"run --report {fmt}")


@test
def output_replaces_files_whole_and_follows_links(env, tmp):
    db = story_db(env, tmp)
    want = env.report(db, "md")
    target = os.path.join(tmp, "real.md")
    with open(target, "w", encoding="utf-8") as f:
        f.write("old content that is much longer than nothing " * 200)
    link = os.path.join(tmp, "link.md")
    os.symlink(target, link)
    env.run("report", "--format", "md", "-o", link, db=db, check=0)
    assert os.path.islink(link), "the link was replaced"
    with open(target, encoding="utf-8", newline="") as f:
        eq(f.read(), want, "the link's target holds the report")
    eq(sorted(n for n in os.listdir(tmp) if ".md" in n), ["link.md", "real.md"], "no temporary file left")
    p = env.run("report", "--format", "md", "-o", "/dev/stdout", db=db, check=0)
    eq(p.stdout, want, "-o /dev/stdout writes in place")
    assert os.path.exists("/dev/stdout"), "/dev/stdout survived"


@test
def filters_kind_severity_source_status_since(env, tmp):
    db = story_db(env, tmp)
    everything = json.loads(env.report(db, "json"))["findings"]
    kinds = sorted({f["kind"] for f in everything})
    assert len(kinds) >= 3, kinds
    two = json.loads(env.report(db, "json", "--kind", kinds[0], "--kind", kinds[1]))["findings"]
    eq(sorted(f["id"] for f in two), sorted(f["id"] for f in everything if f["kind"] in kinds[:2]), "--kind x2")
    high = json.loads(env.report(db, "json", "--min-severity", "high"))["findings"]
    eq(sorted(f["id"] for f in high), sorted(f["id"] for f in everything if f["severity"] == "high"), "high")
    indep = json.loads(env.report(db, "json", "--source", "independent.html"))["findings"]
    assert indep and all(any(e["file"].endswith("independent.html") for e in f["evidence"]) for f in indep), indep
    eq(json.loads(env.report(db, "json", "--status", "confirmed"))["findings"], [], "--status confirmed")
    eq(len(json.loads(env.report(db, "json", "--status", "open"))["findings"]), len(everything), "--status open")
    # --since: run 1 raised everything; a second check over one more source raises only new findings.
    eq(len(json.loads(env.report(db, "json", "--since", "2000-01-01"))["findings"]), len(everything), "since 2000")
    eq(json.loads(env.report(db, "json", "--since", "2999-01-01"))["findings"], [], "since 2999")
    eq(json.loads(env.report(db, "json", "--since", "1"))["findings"], [], "since run 1")
    eq(len(json.loads(env.report(db, "json", "--since", "0"))["findings"]), len(everything), "since run 0")
    folder = os.path.join(tmp, "more")
    os.makedirs(folder)
    with open(os.path.join(env.examples, "original.md"), encoding="utf-8") as f:
        original = f.read()
    changed = original.replace("12", "14")
    assert changed != original
    with open(os.path.join(folder, "later.md"), "w", encoding="utf-8") as f:
        f.write(changed)
    env.run("ingest", "--outlet", "Later News", os.path.join(folder, "later.md"), db=db, check=0)
    env.run("check", db=db, check=0)
    second = json.loads(env.report(db, "json"))["findings"]
    new = json.loads(env.report(db, "json", "--since", "1"))["findings"]
    eq(sorted(f["id"] for f in new), sorted(f["id"] for f in second if f["first_run"] > 1), "since run 1")
    assert new, "the changed copy raised nothing new"
    csv_rows = list(csv.reader(io.StringIO(env.report(db, "csv", "--since", "1"), newline="")))[1:]
    eq({r[0] for r in csv_rows}, {f["id"] for f in new}, "--since applies to CSV too")


# --- HTML in a browser --------------------------------------------------------

def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browse(tmp, url, *extra):
    exe = chromium()
    if not exe:
        raise Skip("SKIP: chromium is not installed")
    profile = tempfile.mkdtemp(dir=tmp, prefix="chromium-")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra, url]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError(f"chromium exited {p.returncode}: {p.stderr[-2000:]}")
    return p.stdout


def write_html(env, db, tmp, name="report.html"):
    path = os.path.join(tmp, name)
    env.run("report", "--format", "html", "-o", path, db=db, check=0)
    return path


@test
def html_renders_findings_in_chromium(env, tmp):
    db = story_db(env, tmp)
    findings = json.loads(env.report(db, "json"))["findings"]
    path = write_html(env, db, tmp)
    dom = browse(tmp, "file://" + path, "--dump-dom")
    eq(len(re.findall(r'<article class="finding', dom)), len(findings), "findings in the DOM")
    for f in findings:
        assert f'id="finding-{f["id"]}"' in dom, f["id"]
    assert re.search(r"\d+ of %d findings shown" % len(findings), dom), "the script ran"
    assert " hidden" not in dom.split('<section id="findings">')[1].split("<script>")[0], "nothing hidden"
    shot = os.path.join(tmp, "report.png")
    browse(tmp, "file://" + path, f"--screenshot={shot}", "--window-size=1280,2000")
    with open(shot, "rb") as f:
        head = f.read(8)
    eq(head, b"\x89PNG\r\n\x1a\n", "screenshot is a PNG")
    assert os.path.getsize(shot) > 10000, os.path.getsize(shot)


@test
def html_filters_from_the_url_fragment(env, tmp):
    db = story_db(env, tmp)
    findings = json.loads(env.report(db, "json"))["findings"]
    path = write_html(env, db, tmp)
    kind = findings[0]["kind"]
    dom = browse(tmp, f"file://{path}#kind={kind}&min-severity=medium", "--dump-dom")
    articles = re.findall(r'<article class="finding[^"]*" id="finding-([^"]+)"[^>]*?( hidden(?:="")?)?>', dom)
    eq(len(articles), len(findings), "articles")
    shown = sorted(i for i, hidden in articles if not hidden)
    want = sorted(f["id"] for f in findings if f["kind"] == kind and f["severity"] in ("high", "medium"))
    eq(shown, want, "findings left visible by the fragment's filters")
    assert len(shown) < len(findings), "the filter hid nothing"
    assert f"{len(want)} of {len(findings)} findings shown" in dom, "count"


@test
def html_hostile_source_does_not_run(env, tmp):
    db = hostile_db(env, tmp)
    report = json.loads(env.report(db, "json"))
    blob = json.dumps(report)
    assert "PWNED" in blob, "the hostile text reached no finding or source"
    path = write_html(env, db, tmp)
    with open(path, encoding="utf-8") as f:
        html = f.read()
    eq(html.count("<script"), 1, "only the page's own script")
    assert "onerror=\"" not in html and "<img" not in html, "raw markup from a source"
    assert "href=\"javascript:" not in html, "javascript: link"
    dom = browse(tmp, "file://" + path, "--dump-dom")
    assert "data-pwned" not in dom.split("<body")[1].split(">")[0], "an injected handler ran"
    m = re.search(r"<title>(.*?)</title>", dom)
    eq(m.group(1) if m else None, "crosscheck report", "title")
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom or \
           "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in dom, "hostile text shown as text"
    assert "&lt;img src=x onerror=" in dom, "hostile img shown as text"
    eq(len(re.findall(r"<img\b", dom)), 0, "no image element")
    eq(len(re.findall(r"<script\b", dom)), 1, "no script element from a source")


if __name__ == "__main__":
    sys.exit(harness.main(TESTS, Env))
