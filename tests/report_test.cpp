// Report formats (engine/report_formats.h, engine/report_html.h,
// engine/word_diff.h, engine/sha256.h) on reports built in memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/findings_store.h"
#include "engine/report.h"
#include "engine/report_formats.h"
#include "engine/report_html.h"
#include "engine/sha256.h"
#include "engine/store.h"
#include "engine/word_diff.h"
#include "tests/test_support.h"

namespace crosscheck {
namespace {

constexpr std::string_view kHostile =
    "Evil <script>document.title='PWNED'</script> <img src=x onerror=\"alert(1)\"> & 'x' =1+1";

Evidence ev(int64_t source, std::string file, std::string text, nlohmann::json fields = nlohmann::json::object()) {
  Evidence e;
  e.source_id = source;
  e.version_id = source;
  e.file = std::move(file);
  e.span = Span{3, static_cast<uint32_t>(3 + e.file.size())};
  e.text = std::move(text);
  e.fields = std::move(fields);
  return e;
}

StoredFinding stored(std::string id, FindingKind kind, Severity sev, std::vector<Evidence> evidence) {
  StoredFinding sf;
  sf.finding.id = std::move(id);
  sf.finding.kind = kind;
  sf.finding.severity = sev;
  sf.finding.confidence = 0.85;
  sf.finding.summary = std::string(finding_kind_name(kind)) + " in the story";
  sf.finding.explanation = "They differ, \"really\".";
  sf.finding.evidence = std::move(evidence);
  sf.first_run = 1;
  sf.last_run = 1;
  return sf;
}

// Two sources and three findings: an altered quote, a hostile one-source
// quote, and a finding without evidence.
Report sample() {
  Report r;
  RunInfo run;
  run.id = 1;
  run.started_at = "2026-05-02T10:00:00Z";
  run.finished_at = "2026-05-02T10:00:01Z";
  run.rules_version = "test";
  run.sources = 2;
  run.findings_total = 3;
  run.findings_new = 3;
  r.run = run;
  SourceSummary a{1, 1, "news/a.txt", "Gazette, the", "A title", "2026-05-01", "https://a.example/story", 4};
  SourceSummary b{2, 2, "news/b.html", std::string(kHostile), std::nullopt, std::nullopt,
                  "javascript:alert(1)", 2};
  r.sources = {{a, {}}, {b, {"news/a.txt"}}};
  r.findings.push_back(stored(
      "f1", FindingKind::kAlteredQuote, Severity::kHigh,
      {ev(1, "news/a.txt", "\"We waited three years,\" the mayor said.",
          {{"speaker", "Ana Ruiz"}, {"quote", "We waited three years,"}}),
       ev(2, "news/b.html", "\"We waited five long years,\" the mayor said.",
          {{"speaker", "Ana Ruiz"}, {"quote", "We waited five long years,"}, {"value", 5}})}));
  r.findings.push_back(stored("f2", FindingKind::kUncorroboratedQuote, Severity::kLow,
                              {ev(2, "news/b.html", std::string(kHostile) + "\nsecond line, \"quoted\"",
                                  {{"speaker", "=HYPERLINK(\"http://x\")"}, {"text", "clash"}})}));
  r.findings.push_back(stored("f3", FindingKind::kDateConflict, Severity::kMedium, {}));
  return r;
}

// RFC 4180 rows (CRLF ends), for reading CSV back.
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++i;
      if (i + 1 < s.size()) rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  return rows;
}

std::string render(const Report& r, ReportFormat f, std::string org = "Checkers") {
  ReportRequest req;
  req.format = f;
  req.org = std::move(org);
  std::ostringstream out;
  const Status s = render_report(out, r, req, false);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return out.str();
}

size_t count_of(const std::string& s, std::string_view needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("report_util") {

TEST_CASE("sha256 and base64 match the published test vectors") {
  const auto hex = [](std::string_view data) {
    std::string out;
    char buf[3];
    for (uint8_t b : sha256(data)) {
      std::snprintf(buf, sizeof buf, "%02x", b);
      out += buf;
    }
    return out;
  };
  CHECK(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex(std::string(1000, 'a')) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foobar") == "Zm9vYmFy");
  CHECK(csp_hash("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST_CASE("word_diff") {
  struct Case {
    std::string a, b;
    std::vector<WordDiffPart> want;
  };
  using P = WordDiffPart;
  const std::vector<Case> cases = {
      {"same words here", "Same words, here", {{DiffOp::kEqual, "Same words, here"}}},
      {"we waited three years", "we waited five long years",
       {{DiffOp::kEqual, "we waited "}, {DiffOp::kDelete, "three "}, {DiffOp::kInsert, "five long "},
        {DiffOp::kEqual, "years"}}},
      {"a b c", "a c", {{DiffOp::kEqual, "a "}, {DiffOp::kDelete, "b "}, {DiffOp::kEqual, "c"}}},
      {"", "new text", {{DiffOp::kInsert, "new text"}}},
      {"old text", "", {{DiffOp::kDelete, "old text"}}},
      {"x y z", "p q", {{DiffOp::kDelete, "x y z"}, {DiffOp::kInsert, "p q"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(word_diff(c.a, c.b) == c.want);
  }
  // Above the cell budget the middles are replaced wholesale, still correct.
  const auto big = word_diff("k a b c k", "k c b a k", 1);
  REQUIRE(big.size() == 4);
  CHECK(big[1] == P{DiffOp::kDelete, "a b c "});
  CHECK(big[2] == P{DiffOp::kInsert, "c b a "});
}

TEST_CASE("csv_cell quotes and defuses hostile text") {
  struct Case {
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"plain", "plain"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
      {"+1", "'+1"},
      {"-2", "'-2"},
      {"@cmd", "'@cmd"},
      {"=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""},
      {"bell\x07", "bell\xef\xbf\xbd"},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(csv_cell(c.in) == c.want);
  }
}

TEST_CASE("html_escape and markdown_escape") {
  CHECK(html_escape("<a href=\"x\" title='y'>&</a>") ==
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  CHECK(html_escape("bad \xff\x1b[2J") == "bad \xef\xbf\xbd\xef\xbf\xbd[2J");
  CHECK(markdown_escape("<b>*bold*</b> | [x](javascript:y)") ==
        "&lt;b&gt;\\*bold\\*&lt;/b&gt; \\| \\[x\\](javascript:y)");
  CHECK(markdown_escape("# not a heading") == "\\# not a heading");
  CHECK(markdown_escape("a # b (c) !d") == "a # b (c) !d");
  CHECK(markdown_escape("- not a list\nsame line") == "\\- not a list same line");
}

TEST_CASE("parse_since") {
  ReportRequest req;
  REQUIRE(parse_since("12", req).ok());
  CHECK(req.since_run == 12);
  CHECK_FALSE(req.since_date.has_value());
  REQUIRE(parse_since("2026-03-01", req).ok());
  CHECK(req.since_date == "2026-03-01");
  CHECK_FALSE(req.since_run.has_value());
  REQUIRE(parse_since("2026-03-01 10:30:00Z", req).ok());
  CHECK(req.since_date == "2026-03-01T10:30:00Z");
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-3-1", "2026-03-01x", "1; DROP TABLE runs"})
    CHECK(parse_since(bad, req).message() ==
          "--since: '" + std::string(bad) + "' is neither a run id nor a date (YYYY-MM-DD)");
}

TEST_CASE("load_report with --since keeps findings first raised after a run or a date") {
  auto store = Store::Open(":memory:", OpenMode::kReadWrite);
  REQUIRE_MESSAGE(store.ok(), store.status().message());
  SourceInput in;
  in.locator = in.file = "corpus/a.txt";
  in.format = "text";
  const std::string text = "The bridge opened on Tuesday. It cost ten million.\n";
  Document doc = testing::make_doc(text);
  in.meta = doc.meta;
  in.content_hash = content_hash(text, in.meta);
  auto put = store->PutSource(in, doc, {});
  REQUIRE_MESSAGE(put.ok(), put.status().message());
  const auto finding = [&](std::string words) {
    Finding f;
    f.kind = FindingKind::kNumberConflict;
    Evidence e = ev(put->source_id, "corpus/a.txt", words);
    e.version_id = put->version_id;
    e.span = Span{0, 4};
    f.evidence = {e};
    f.id = finding_id(f.kind, {{e.file, e.text}});
    return f;
  };
  const auto run = [&](const std::string& at, std::vector<Finding> fs) {
    RunRecord r;
    r.started_at = r.finished_at = at;
    r.rules_version = "test";
    REQUIRE(record_run(store->db(), r, std::move(fs)).ok());
  };
  run("2026-01-10T08:00:00Z", {finding("one")});
  run("2026-02-20T08:00:00Z", {finding("one"), finding("two")});
  run("2026-03-30T08:00:00Z", {finding("one"), finding("two"), finding("three")});
  const auto texts = [&](const std::string& since) {
    ReportRequest req;
    REQUIRE(parse_since(since, req).ok());
    auto r = load_report(store->db(), req);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    std::vector<std::string> out;
    for (const StoredFinding& f : r->findings) out.push_back(f.finding.evidence.at(0).text);
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(texts("0") == V{"one", "three", "two"});
  CHECK(texts("1") == V{"three", "two"});
  CHECK(texts("2") == V{"three"});
  CHECK(texts("3").empty());
  CHECK(texts("2026-01-10") == V{"one", "three", "two"});
  CHECK(texts("2026-02-20") == V{"three", "two"});
  CHECK(texts("2026-02-20T09:00:00Z") == V{"three"});
  CHECK(texts("2027-01-01").empty());
}

}  // TEST_SUITE

TEST_SUITE("report_formats") {

TEST_CASE("CSV: one row per finding and evidence item, read back intact") {
  const Report r = sample();
  const std::string csv = render(r, ReportFormat::kCsv);
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 1 + 2 + 1 + 1);
  const std::vector<std::string> header = {"finding_id", "kind", "severity", "confidence", "status",  "summary",
                                           "explanation", "file", "outlet",  "published", "start",   "end",
                                           "text",       "quote", "speaker", "field_text", "value"};
  CHECK(rows[0] == header);
  for (const auto& row : rows) CHECK(row.size() == header.size());
  CHECK(rows[1][0] == "f1");
  CHECK(rows[1][3] == "0.85");
  CHECK(rows[1][6] == "They differ, \"really\".");
  CHECK(rows[1][8] == "Gazette, the");
  CHECK(rows[1][14] == "Ana Ruiz");
  CHECK(rows[2][16] == "5");
  CHECK(rows[2][9] == "");
  CHECK(rows[3][12] == std::string(kHostile) + "\nsecond line, \"quoted\"");
  CHECK(rows[3][14] == "'=HYPERLINK(\"http://x\")");
  CHECK(rows[3][15] == "clash");
  CHECK(rows[4][0] == "f3");
  CHECK(rows[4][7] == "");
}

TEST_CASE("ClaimReview: one review per finding with the required fields") {
  const Report r = sample();
  ReportRequest req;
  req.format = ReportFormat::kClaimReview;
  std::ostringstream none;
  CHECK(render_report(none, r, req, false).message() ==
        "--format claimreview needs --org NAME (the reviewing organisation)");
  ClaimReviewOptions o{"Checkers <Org>", "https://check.example/r"};
  const nlohmann::json j = nlohmann::json::parse(render_claimreview(r, o));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 3);
  const nlohmann::json& q = j[0];
  CHECK(q["@context"] == "https://schema.org");
  CHECK(q["@type"] == "ClaimReview");
  CHECK(q["claimReviewed"] == "We waited three years,");
  CHECK(q["author"] == nlohmann::json({{"@type", "Organization"}, {"name", "Checkers <Org>"},
                                       {"url", "https://check.example/r"}}));
  CHECK(q["datePublished"] == "2026-05-02");
  CHECK(q["url"] == "https://check.example/r#finding-f1");
  CHECK(q["reviewRating"]["@type"] == "Rating");
  CHECK(q["reviewRating"]["alternateName"] == "Altered quote");
  CHECK(q["itemReviewed"]["@type"] == "Claim");
  const nlohmann::json& app = q["itemReviewed"]["appearance"];
  REQUIRE(app.size() == 2);
  CHECK(app[0]["url"] == "https://a.example/story");
  CHECK(app[0]["datePublished"] == "2026-05-01");
  CHECK(app[0]["publisher"]["name"] == "Gazette, the");
  CHECK(app[1]["url"] == "javascript:alert(1)");  // JSON data, not a link: kept as given
  CHECK(j[1]["reviewRating"]["alternateName"] == "Unverified: carried by one outlet");
  CHECK(j[1]["itemReviewed"]["appearance"].size() == 1);
  CHECK(j[2]["claimReviewed"] == "date_conflict in the story");
  CHECK(j[2]["itemReviewed"]["appearance"].empty());
  CHECK(claimreview_rating(FindingKind::kMisattributedQuote, Severity::kHigh) == "Misattributed");
}

TEST_CASE("Markdown: sources table and findings by severity, hostile text inert") {
  const std::string md = render(sample(), ReportFormat::kMarkdown);
  CHECK(md.find("# crosscheck report\n") == 0);
  CHECK(md.find("| 2 | news/b.html | Evil &lt;script&gt;") != std::string::npos);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("<img") == std::string::npos);
  const size_t high = md.find("## High (1)"), medium = md.find("## Medium (1)"), low = md.find("## Low (1)");
  REQUIRE(high != std::string::npos);
  REQUIRE(medium != std::string::npos);
  REQUIRE(low != std::string::npos);
  CHECK(high < medium);
  CHECK(medium < low);
  CHECK(md.find("- **news/a.txt** (Gazette, the): \"We waited three years,\" the mayor said.\n") != std::string::npos);
  CHECK(md.find("  - quote: We waited three years, · speaker: Ana Ruiz\n") != std::string::npos);
}

TEST_CASE("load_report for people reads the summaries of the sources it lists, not the archive's") {
  auto store = Store::Open(":memory:", OpenMode::kReadWrite);
  REQUIRE_MESSAGE(store.ok(), store.status().message());
  std::vector<std::pair<int64_t, int64_t>> ids;  // (source, version)
  for (int i = 1; i <= 60; ++i) {
    SourceInput in;
    in.locator = in.file = "archive/s" + std::to_string(i) + ".txt";
    in.format = "text";
    const std::string text = "Report number " + std::to_string(i) + " says the count was 40.\n";
    Document doc = testing::make_doc(text);
    in.meta = doc.meta;
    in.content_hash = content_hash(text, in.meta);
    auto put = store->PutSource(in, doc, {});
    REQUIRE(put.ok());
    ids.emplace_back(put->source_id, put->version_id);
  }
  const auto item = [&](int i, std::string text, nlohmann::json fields) {
    Evidence e = ev(ids[i - 1].first, "archive/s" + std::to_string(i) + ".txt", std::move(text), std::move(fields));
    e.version_id = ids[i - 1].second;
    e.span = Span{0, 6};
    return e;
  };
  // s9 is a copy of s30; s12 and s40 disagree on a number, s9 and s50 too.
  Finding copy;
  copy.kind = FindingKind::kDerivedCopy;
  copy.severity = Severity::kLow;
  copy.evidence = {item(30, "original", {{"role", "original"}}), item(9, "copy", {{"role", "derived"}})};
  copy.id = "copy-9-30";
  Finding number;
  number.kind = FindingKind::kNumberConflict;
  number.evidence = {item(9, "40", {{"value", 40}}), item(50, "41", {{"value", 41}})};
  number.id = "number-9-50";
  Finding other;
  other.kind = FindingKind::kNumberConflict;
  other.evidence = {item(12, "40", {{"value", 40}}), item(40, "42", {{"value", 42}})};
  other.id = "number-12-40";
  RunRecord run;
  run.started_at = run.finished_at = "2026-11-23T10:00:00Z";
  run.rules_version = "test";
  REQUIRE(record_run(store->db(), run, {copy, number, other}).ok());

  FindingFilter only_numbers_of_9;
  only_numbers_of_9.id = "number-9-50";
  auto some = load_report(store->db(), only_numbers_of_9, false, /*cited_sources=*/true);
  REQUIRE(some.ok());
  CHECK(some->sources_total == 60);
  std::vector<int64_t> read;
  for (const ReportSource& s : some->sources) read.push_back(s.source.id);
  // The sources cited, and the original of the copy among them.
  CHECK(read == std::vector<int64_t>{ids[8].first, ids[29].first, ids[49].first});
  std::ostringstream text;
  render_text(text, *some, false);
  CHECK(text.str().find("[" + std::to_string(ids[8].first) + "] archive/s9.txt (undated) derived from archive/s30.txt\n") !=
        std::string::npos);
  CHECK(text.str().find("  and 57 other sources (crosscheck sources lists them all)\n") != std::string::npos);
  CHECK(text.str().find("archive/s12.txt") == std::string::npos);

  // Programs, and archives of up to kListAllSources, get every source.
  auto all = load_report(store->db(), only_numbers_of_9, false, /*cited_sources=*/false);
  REQUIRE(all.ok());
  CHECK(all->sources.size() == 60);
  CHECK(all->findings.size() == 1);
  ReportRequest json;
  json.format = ReportFormat::kJson;
  auto for_programs = load_report(store->db(), json);
  REQUIRE(for_programs.ok());
  CHECK(for_programs->sources.size() == 60);
  CHECK(for_programs->findings.size() == 3);
  ReportRequest people;
  auto for_people = load_report(store->db(), people);
  REQUIRE(for_people.ok());
  CHECK(for_people->sources.size() == 5);  // s9, s12, s30, s40, s50
  size_t others = 0;
  CHECK(listed_sources(*for_people, others).size() == 5);
  CHECK(others == 55);
}

TEST_CASE("reports for people list an archive's cited sources only, with a count of the others") {
  Report r = sample();
  // 60 more sources; one finding cites source 9, derived from source 30 (not cited).
  for (int64_t id = 3; id <= 62; ++id) {
    SourceSummary s{id, id, "archive/s" + std::to_string(id) + ".txt", std::nullopt, std::nullopt, std::nullopt,
                    std::nullopt, 1};
    r.sources.push_back({s, id == 9 ? std::vector<std::string>{"archive/s30.txt"} : std::vector<std::string>{}});
  }
  r.findings.push_back(stored("f4", FindingKind::kNumberConflict, Severity::kMedium,
                              {ev(9, "archive/s9.txt", "The count was 40.", {{"value", 40}})}));
  size_t others = 0;
  std::vector<int64_t> ids;
  for (const ReportSource* s : listed_sources(r, others)) ids.push_back(s->source.id);
  CHECK(ids == std::vector<int64_t>{1, 2, 9, 30});
  CHECK(others == 58);
  const std::string text = [&] {
    std::ostringstream out;
    render_text(out, r, false);
    return out.str();
  }();
  CHECK(text.find("\nSources cited\n") != std::string::npos);
  CHECK(text.find("[9] archive/s9.txt (undated) derived from archive/s30.txt\n") != std::string::npos);
  CHECK(text.find("[30] archive/s30.txt") != std::string::npos);
  CHECK(text.find("[31] archive/s31.txt") == std::string::npos);
  CHECK(text.find("  and 58 other sources (crosscheck sources lists them all)\n") != std::string::npos);
  const std::string md = render(r, ReportFormat::kMarkdown);
  CHECK(md.find("## Sources cited") != std::string::npos);
  CHECK(md.find("| 30 | archive/s30.txt |") != std::string::npos);
  CHECK(md.find("archive/s31.txt") == std::string::npos);
  CHECK(md.find("And 58 other sources") != std::string::npos);
  const std::string html = render(r, ReportFormat::kHtml);
  CHECK(html.find("<h2>Sources cited</h2>") != std::string::npos);
  CHECK(html.find("archive/s31.txt") == std::string::npos);
  CHECK(html.find("And 58 other sources") != std::string::npos);
  // Programs get every source.
  CHECK(report_to_json(r)["sources"].size() == 62);
  // No finding shown: a count, no list.
  Report quiet = r;
  quiet.findings.clear();
  std::ostringstream quiet_text;
  render_text(quiet_text, quiet, false);
  CHECK(quiet_text.str().find("\nSources: 62, none cited by the findings shown") != std::string::npos);
  CHECK(quiet_text.str().find("[1] ") == std::string::npos);
  CHECK(render(quiet, ReportFormat::kMarkdown).find("62, none cited") != std::string::npos);
  CHECK(render(quiet, ReportFormat::kHtml).find("<p>62, none cited") != std::string::npos);
  CHECK(render(quiet, ReportFormat::kHtml).find("<table><thead><tr><th>#</th><th>File</th>") == std::string::npos);
  // Up to kListAllSources, every source is listed.
  r.sources.resize(kListAllSources);
  ids.clear();
  for (const ReportSource* s : listed_sources(r, others)) ids.push_back(s->source.id);
  CHECK(ids.size() == kListAllSources);
  CHECK(others == 0);
  CHECK(render(r, ReportFormat::kMarkdown).find("archive/s31.txt") != std::string::npos);
}

}  // TEST_SUITE

TEST_SUITE("report_html") {

TEST_CASE("HTML: findings with data attributes, diff marks, escaped text, hashed script") {
  const std::string html = render(sample(), ReportFormat::kHtml);
  CHECK(html.find("<!DOCTYPE html>") == 0);
  CHECK(count_of(html, "<article class=\"finding") == 3);
  CHECK(html.find("data-kind=\"altered_quote\" data-severity=\"high\" data-status=\"open\"") != std::string::npos);
  CHECK(html.find("<del>three </del><ins>five long </ins>") != std::string::npos);
  {
    Report last = sample();
    last.findings.resize(1);
    last.findings[0].finding.evidence[0].fields["quote"] = "It was cheap";
    last.findings[0].finding.evidence[1].fields["quote"] = "It was low-cost";
    CHECK(render(last, ReportFormat::kHtml).find("It was <del>cheap</del> <ins>low-cost</ins>&rdquo;") !=
          std::string::npos);
  }
  CHECK(html.find("<mark>three </mark>") != std::string::npos);
  CHECK(html.find("<mark>five long </mark>") != std::string::npos);
  CHECK(html.find("<dt>speaker</dt><dd>Ana Ruiz</dd>") != std::string::npos);
  CHECK(html.find("Evil &lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt; &lt;img src=x "
                  "onerror=&quot;alert(1)&quot;&gt; &amp;") != std::string::npos);
  // Only the page's own script and no event handler from a source.
  CHECK(count_of(html, "<script") == 1);
  CHECK(html.find("onerror=\"") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  // Only http(s) URLs become links.
  CHECK(html.find("href=\"https://a.example/story\"") != std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  // The CSP allows exactly the inline script and style, by hash.
  const std::string csp = html_report_csp();
  CHECK(html.find("content=\"" + csp + "\"") != std::string::npos);
  const size_t s0 = html.find("<script>") + 8, s1 = html.find("</script>");
  const size_t t0 = html.find("<style>") + 7, t1 = html.find("</style>");
  CHECK(csp.find("script-src '" + csp_hash(html.substr(s0, s1 - s0)) + "'") != std::string::npos);
  CHECK(csp.find("style-src '" + csp_hash(html.substr(t0, t1 - t0)) + "'") != std::string::npos);
  CHECK(csp.find("default-src 'none'") == 0);
  // Filters offer the kinds present.
  CHECK(html.find("name=\"kind\" value=\"uncorroborated_quote\" checked") != std::string::npos);
  CHECK(html.find("name=\"kind\" value=\"name_variant\"") == std::string::npos);
}

TEST_CASE("HTML: a report with nothing checked") {
  Report r;
  const std::string html = render(r, ReportFormat::kHtml);
  CHECK(html.find("Nothing checked yet") != std::string::npos);
  CHECK(html.find("No findings shown.") != std::string::npos);
  CHECK(html.rfind("</html>\n") == html.size() - 8);
}

}  // TEST_SUITE

}  // namespace crosscheck
