// Findings storage, corpus loading and reports (engine/finding.h,
// engine/findings_store.h, engine/corpus.h, engine/report.h).
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "engine/corpus.h"
#include "engine/findings_store.h"
#include "engine/report.h"
#include "engine/store.h"
#include "tests/test_support.h"

namespace crosscheck {
namespace {

struct Ingested {
  int64_t source_id = 0;
  int64_t version_id = 0;
};

Ingested put(Store& store, const std::string& file, std::string_view text, std::string_view published = "",
             const ExtractedClaims& claims = {}) {
  SourceInput in;
  in.locator = "/corpus/" + file;
  in.file = "corpus/" + file;
  in.format = "text";
  Document doc = testing::make_doc(text, published);
  in.meta = doc.meta;
  in.meta.outlet = "Outlet " + file;
  in.content_hash = content_hash(text, in.meta);
  auto out = store.PutSource(in, doc, claims);
  REQUIRE_MESSAGE(out.ok(), out.status().message());
  return {out->source_id, out->version_id};
}

Store open_memory() {
  auto store = Store::Open(":memory:", OpenMode::kReadWrite);
  REQUIRE_MESSAGE(store.ok(), store.status().message());
  return std::move(*store);
}

Evidence evidence(Ingested s, const std::string& file, std::string text, nlohmann::json fields = {}) {
  Evidence e;
  e.source_id = s.source_id;
  e.version_id = s.version_id;
  e.file = file;
  e.span = Span{0, static_cast<uint32_t>(text.size())};
  e.text = std::move(text);
  e.fields = fields.is_null() ? nlohmann::json::object() : std::move(fields);
  return e;
}

Finding finding(FindingKind kind, Severity sev, std::vector<Evidence> ev) {
  Finding f;
  f.kind = kind;
  f.severity = sev;
  f.confidence = 0.8;
  f.summary = std::string(finding_kind_name(kind)) + " between sources";
  f.explanation = "The sources differ.";
  f.evidence = std::move(ev);
  std::vector<std::pair<std::string, std::string>> sides;
  for (const Evidence& e : f.evidence) sides.emplace_back(e.file, e.text);
  f.id = finding_id(kind, sides);
  return f;
}

RunRecord run_at(const std::string& when) {
  RunRecord r;
  r.started_at = when;
  r.finished_at = when;
  r.rules_version = "test";
  return r;
}

int64_t count(Store& store, const std::string& sql) { return store.db().execAndGet(sql).getInt64(); }

constexpr std::string_view kStoryA =
    "The mayor opened the bridge on Tuesday. \"It took ten years,\" Maria Lopez said.\n";
constexpr std::string_view kStoryB =
    "The mayor opened the bridge on Monday. \"It took twelve years,\" Maria Lopez said.\n";

// The quote of kStoryA's second sentence, as extracted with `speaker`.
Claim story_a_quote(const std::string& speaker) {
  Claim c;
  c.kind = ClaimKind::kQuote;
  c.span = Span{41, 58};
  c.sentence = 1;
  set_claim_fields(c, {{"speaker", speaker}});
  return c;
}

}  // namespace

TEST_SUITE("findings_store") {

TEST_CASE("kind, severity and status names round trip") {
  for (FindingKind k : {FindingKind::kMisattributedQuote, FindingKind::kAlteredQuote, FindingKind::kNameVariant,
                        FindingKind::kRoleConflict, FindingKind::kDateConflict, FindingKind::kNumberConflict,
                        FindingKind::kListConflict, FindingKind::kCertaintyChange,
                        FindingKind::kUncorroboratedQuote, FindingKind::kDerivedCopy}) {
    CAPTURE(finding_kind_name(k));
    CHECK(parse_finding_kind(finding_kind_name(k)) == k);
  }
  CHECK(std::string(finding_kind_name(FindingKind::kUncorroboratedQuote)) == "uncorroborated_quote");
  CHECK_FALSE(parse_finding_kind("altered-quote").has_value());
  for (Severity s : {Severity::kLow, Severity::kMedium, Severity::kHigh})
    CHECK(parse_severity(severity_name(s)) == s);
  CHECK_FALSE(parse_severity("critical").has_value());
  for (FindingStatus s : {FindingStatus::kOpen, FindingStatus::kConfirmed, FindingStatus::kDismissed})
    CHECK(parse_finding_status(finding_status_name(s)) == s);
}

TEST_CASE("finding ids are stable, order-free and change with kind or evidence") {
  const std::vector<std::pair<std::string, std::string>> ab = {{"a.txt", "He said it."}, {"b.txt", "She said it."}};
  const std::vector<std::pair<std::string, std::string>> ba = {ab[1], ab[0]};
  const std::string id = finding_id(FindingKind::kMisattributedQuote, ab);
  CHECK(id.size() == 16);
  CHECK(id == finding_id(FindingKind::kMisattributedQuote, ab));
  CHECK(id == finding_id(FindingKind::kMisattributedQuote, ba));
  CHECK(id != finding_id(FindingKind::kAlteredQuote, ab));
  CHECK(id != finding_id(FindingKind::kMisattributedQuote, {{"a.txt", "He said it!"}, ab[1]}));
  // Lengths are hashed: moving bytes between fields changes the id.
  CHECK(finding_id(FindingKind::kNameVariant, {{"ab", "c"}}) != finding_id(FindingKind::kNameVariant, {{"a", "bc"}}));
}

TEST_CASE("a re-run keeps first_run and status, replaces evidence, keeps findings not raised again") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA, "2026-01-20");
  const Ingested b = put(store, "b.txt", kStoryB);
  const Finding quote = finding(FindingKind::kAlteredQuote, Severity::kHigh,
                                {evidence(a, "corpus/a.txt", "\"It took ten years,\" Maria Lopez said.",
                                          {{"speaker", "Maria Lopez"}, {"quote", "It took ten years,"}}),
                                 evidence(b, "corpus/b.txt", "\"It took twelve years,\" Maria Lopez said.",
                                          {{"speaker", "Maria Lopez"}, {"quote", "It took twelve years,"}})});
  const Finding date = finding(FindingKind::kDateConflict, Severity::kMedium,
                               {evidence(a, "corpus/a.txt", "The mayor opened the bridge on Tuesday."),
                                evidence(b, "corpus/b.txt", "The mayor opened the bridge on Monday.")});

  auto first = record_run(store.db(), run_at("2026-01-21T10:00:00Z"), {quote, date});
  REQUIRE_MESSAGE(first.ok(), first.status().message());
  CHECK(first->run.id == 1);
  CHECK(first->run.findings_total == 2);
  CHECK(first->run.findings_new == 2);
  CHECK(first->new_ids == std::vector<std::string>{quote.id, date.id});

  REQUIRE(review_finding(store.db(), quote.id, FindingStatus::kConfirmed, std::string("checked"),
                         "2026-01-21T11:00:00Z").ok());
  CHECK(review_finding(store.db(), "nope", FindingStatus::kDismissed, std::nullopt, "x").code() ==
        StatusCode::kNotFound);

  // Second run: the quote again, with one more evidence item and a new severity; no date finding.
  Finding again = quote;
  again.severity = Severity::kMedium;
  again.evidence.push_back(evidence(a, "corpus/a.txt", "Maria Lopez spoke at the opening."));
  auto second = record_run(store.db(), run_at("2026-01-22T10:00:00Z"), {again});
  REQUIRE_MESSAGE(second.ok(), second.status().message());
  CHECK(second->run.id == 2);
  CHECK(second->run.findings_total == 1);
  CHECK(second->run.findings_new == 0);
  CHECK(second->new_ids.empty());

  SQLite::Statement q(store.db(), "SELECT first_run, last_run, status, severity FROM findings WHERE id = ?");
  q.bind(1, quote.id);
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getInt64() == 1);
  CHECK(q.getColumn(1).getInt64() == 2);
  CHECK(q.getColumn(2).getString() == "confirmed");
  CHECK(q.getColumn(3).getString() == "medium");
  CHECK(count(store, "SELECT count(*) FROM evidence WHERE finding_id = '" + quote.id + "'") == 3);
  CHECK(count(store, "SELECT last_run FROM findings WHERE id = '" + date.id + "'") == 1);
  CHECK(count(store, "SELECT count(*) FROM reviews") == 1);

  SUBCASE("reading findings per run") {
    auto latest = load_findings(store.db(), FindingFilter{.run = 2});
    REQUIRE(latest.ok());
    REQUIRE(latest->size() == 1);
    CHECK(latest->front().finding.id == quote.id);
    CHECK(latest->front().status == FindingStatus::kConfirmed);
    CHECK(latest->front().first_run == 1);
    CHECK(latest->front().finding.evidence.size() == 3);
    CHECK(latest->front().finding.evidence[0].fields["speaker"] == "Maria Lopez");

    auto run1 = load_findings(store.db(), FindingFilter{.run = 1});
    REQUIRE(run1.ok());
    CHECK(run1->size() == 2);
  }
  SUBCASE("the views") {
    SQLite::Statement v(store.db(),
                        "SELECT kind, status, sources, source_count, first_run, last_run, in_latest_run, review_note "
                        "FROM findings_v WHERE finding_id = ?");
    v.bind(1, quote.id);
    REQUIRE(v.executeStep());
    CHECK(v.getColumn(0).getString() == "altered_quote");
    CHECK(v.getColumn(1).getString() == "confirmed");
    CHECK(v.getColumn(2).getString() == "corpus/a.txt | corpus/b.txt");
    CHECK(v.getColumn(3).getInt() == 2);
    CHECK(v.getColumn(6).getInt() == 1);
    CHECK(v.getColumn(7).getString() == "checked");
    CHECK(count(store, "SELECT count(*) FROM evidence_v WHERE speaker = 'Maria Lopez' AND current_version = 1") == 2);
  }
}

TEST_CASE("filters: kind, minimum severity, source, status") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  const Ingested b = put(store, "b.txt", kStoryB);
  const Finding high = finding(FindingKind::kMisattributedQuote, Severity::kHigh,
                               {evidence(a, "", "one"), evidence(b, "", "two")});
  const Finding low = finding(FindingKind::kUncorroboratedQuote, Severity::kLow, {evidence(a, "", "three")});
  REQUIRE(record_run(store.db(), run_at("t"), {low, high}).ok());

  struct Case {
    const char* name;
    FindingFilter filter;
    std::vector<std::string> ids;
  };
  const std::vector<Case> cases = {
      {"all, high first", {}, {high.id, low.id}},
      {"kind", {.kinds = {FindingKind::kUncorroboratedQuote}}, {low.id}},
      {"min severity", {.min_severity = Severity::kMedium}, {high.id}},
      {"source by base name", {.source = "b.txt"}, {high.id}},
      {"source by stored path", {.source = "corpus/a.txt"}, {high.id, low.id}},
      {"unknown source", {.source = "c.txt"}, {}},
      {"status", {.status = FindingStatus::kDismissed}, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto got = load_findings(store.db(), c.filter);
    REQUIRE(got.ok());
    std::vector<std::string> ids;
    for (const auto& f : *got) ids.push_back(f.finding.id);
    CHECK(ids == c.ids);
  }
  // An empty evidence file is filled from the source.
  auto all = load_findings(store.db(), {});
  REQUIRE(all.ok());
  CHECK(all->front().finding.evidence[1].file == "corpus/b.txt");
}

TEST_CASE("duplicate ids within a run get suffixes; bad findings record nothing") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  Finding f = finding(FindingKind::kAlteredQuote, Severity::kHigh, {evidence(a, "", "same")});
  auto r = record_run(store.db(), run_at("t"), {f, f, f});
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->new_ids == std::vector<std::string>{f.id, f.id + "-2", f.id + "-3"});
  // Same order next time: same ids, nothing new.
  auto again = record_run(store.db(), run_at("t2"), {f, f, f});
  REQUIRE(again.ok());
  CHECK(again->run.findings_new == 0);

  Finding bad_source = f;
  bad_source.evidence[0].version_id = 999;
  auto refused = record_run(store.db(), run_at("t3"), {bad_source});
  CHECK(refused.status().code() == StatusCode::kInvalidInput);
  CHECK(refused.status().message().find("not stored") != std::string::npos);
  Finding bad_conf = f;
  bad_conf.confidence = 1.5;
  CHECK(record_run(store.db(), run_at("t3"), {bad_conf}).status().code() == StatusCode::kInvalidInput);
  CHECK(count(store, "SELECT count(*) FROM runs") == 2);
}

TEST_CASE("record_run writes rows that meet every constraint, and the connection checks them again after") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  const Ingested b = put(store, "b.txt", kStoryB);
  auto r = record_run(store.db(), run_at("t"),
                      {finding(FindingKind::kAlteredQuote, Severity::kHigh,
                               {evidence(a, "", "x", {{"quote", "ten years"}}), evidence(b, "", "y", {{"quote", "twelve"}})}),
                       finding(FindingKind::kDerivedCopy, Severity::kLow, {evidence(a, "", "x"), evidence(b, "", "y")})});
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(count(store, "SELECT count(*) FROM findings") == 2);
  CHECK(store.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
  // Foreign keys went unchecked while it wrote (it checks the versions
  // itself): every key is valid, and they are checked again.
  SQLite::Statement dangling(store.db(), "PRAGMA foreign_key_check");
  CHECK_FALSE(dangling.executeStep());
  CHECK(store.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK_THROWS_AS(store.db().exec("UPDATE evidence SET version_id = 999"), SQLite::Exception);
  CHECK_THROWS_AS(store.db().exec("UPDATE findings SET severity = 'dire'"), SQLite::Exception);
  CHECK_THROWS_AS(store.db().exec("UPDATE evidence SET fields = '{not json'"), SQLite::Exception);
}

TEST_CASE("record_run inside the caller's transaction uses a savepoint") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  REQUIRE(store.Begin().ok());
  // A store batch leaves foreign keys unchecked until it ends; record_run
  // does not try to change them inside a transaction.
  const int keys = store.db().execAndGet("PRAGMA foreign_keys").getInt();
  auto r = record_run(store.db(), run_at("t"), {finding(FindingKind::kNameVariant, Severity::kLow,
                                                        {evidence(a, "", "x")})});
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(store.db().execAndGet("PRAGMA foreign_keys").getInt() == keys);
  store.Rollback();
  CHECK(store.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(count(store, "SELECT count(*) FROM runs") == 0);
}

TEST_CASE("many findings go in several to a statement; a refused row leaves nothing of the run") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  const Ingested b = put(store, "b.txt", kStoryB);
  const auto make = [&](size_t n, const std::string& tag) {
    std::vector<Finding> fs;
    for (size_t i = 0; i < n; ++i)
      fs.push_back(finding(FindingKind::kAlteredQuote, Severity::kHigh,
                           {evidence(a, "", tag + " a" + std::to_string(i), {{"n", i}}),
                            evidence(b, "", tag + " b" + std::to_string(i))}));
    return fs;
  };
  // More than two statements' worth of findings, evidence and run rows.
  const std::vector<Finding> first = make(75, "x");
  auto r = record_run(store.db(), run_at("t"), first);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(count(store, "SELECT count(*) FROM findings") == 75);
  CHECK(count(store, "SELECT count(*) FROM evidence") == 150);
  CHECK(count(store, "SELECT count(*) FROM run_findings WHERE run_id = " + std::to_string(r->run.id)) == 75);
  // Each finding's rows are its own, in order.
  for (const Finding& f : first) {
    SQLite::Statement q(store.db(), "SELECT ordinal, version_id, text, fields FROM evidence WHERE finding_id = ? "
                                    "ORDER BY ordinal");
    q.bind(1, f.id);
    for (size_t k = 0; k < f.evidence.size(); ++k) {
      REQUIRE(q.executeStep());
      CHECK(q.getColumn(0).getInt64() == static_cast<int64_t>(k));
      CHECK(q.getColumn(1).getInt64() == f.evidence[k].version_id);
      CHECK(q.getColumn(2).getString() == f.evidence[k].text);
      CHECK(nlohmann::json::parse(q.getColumn(3).getString()) == f.evidence[k].fields);
    }
    CHECK_FALSE(q.executeStep());
  }

  // A row the database refuses, late in a run of its own: nothing of that
  // run stays, and the connection is out of its transaction.
  store.db().exec(
      "CREATE TRIGGER refuse_boom BEFORE INSERT ON evidence WHEN new.text = 'boom' "
      "BEGIN SELECT RAISE(ABORT, 'evidence refused'); END");
  std::vector<Finding> second = make(40, "y");
  second[37] = finding(FindingKind::kAlteredQuote, Severity::kHigh, {evidence(a, "", "boom")});
  auto refused = record_run(store.db(), run_at("t2"), second);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("evidence refused") != std::string::npos);
  CHECK(sqlite3_get_autocommit(store.db().getHandle()) != 0);
  CHECK(count(store, "SELECT count(*) FROM runs") == 1);
  CHECK(count(store, "SELECT count(*) FROM findings") == 75);
  CHECK(count(store, "SELECT count(*) FROM evidence") == 150);

  // Inside the caller's transaction: the run is undone, the caller's own
  // writes stay and its transaction goes on.
  store.db().exec("BEGIN");
  put(store, "c.txt", "The ferry left at noon.\n");
  auto nested = record_run(store.db(), run_at("t3"), second);
  REQUIRE_FALSE(nested.ok());
  CHECK(sqlite3_get_autocommit(store.db().getHandle()) == 0);
  store.db().exec("COMMIT");
  CHECK(count(store, "SELECT count(*) FROM sources") == 3);
  CHECK(count(store, "SELECT count(*) FROM runs") == 1);
  CHECK(count(store, "SELECT count(*) FROM evidence") == 150);
}

TEST_CASE("load_corpus reads sentences, claims, people and the publication date") {
  Store store = open_memory();
  ExtractedClaims claims;
  claims.claims.push_back(story_a_quote("Maria Lopez"));
  claims.people.push_back(PersonRecord{"Maria Lopez", false, {Span{61, 72}, Span{61, 72}}, {"Maria Lopez", "Lopez"}});
  claims.people.push_back(PersonRecord{"City Council", true, {Span{4, 9}}, {"mayor"}});
  put(store, "b.txt", kStoryB);
  const Ingested a = put(store, "a.txt", kStoryA, "2026-01", claims);

  auto corpus = load_corpus(store.db());
  REQUIRE_MESSAGE(corpus.ok(), corpus.status().message());
  REQUIRE(corpus->size() == 2);
  const SourceView& v = (*corpus)[1];
  CHECK(v.source_id == a.source_id);
  CHECK(v.version_id == a.version_id);
  CHECK(v.file == "corpus/a.txt");
  CHECK(v.meta.outlet == "Outlet a.txt");
  REQUIRE(v.meta.published.has_value());
  CHECK(v.meta.published->precision == DatePrecision::kMonth);
  CHECK(v.meta.published->iso() == "2026-01");
  CHECK(v.text == std::string(kStoryA));
  REQUIRE(v.sentences.size() == 2);
  CHECK(v.slice(v.sentences[0].span) == "The mayor opened the bridge on Tuesday.");
  REQUIRE(v.claims.size() == 1);
  CHECK(v.claims[0].span == Span{41, 58});
  CHECK(v.claims[0].sentence == 1u);
  CHECK(v.claims[0].packed.view().str("speaker") == "Maria Lopez");
  CHECK(v.claims[0].packed.view().ToJson() == claim_fields(story_a_quote("Maria Lopez")));
  CHECK(v.claims[0].fields_text.empty());  // the comparator reads the packed form
  REQUIRE(v.people.size() == 2);
  CHECK(v.people[0].alias_spans.size() == 2);
  CHECK(v.people[0].alias_texts.size() == 2);
  CHECK(v.people[1].organisation);
  CHECK(v.people[1].alias_spans == std::vector<Span>{Span{4, 9}});
  CHECK_FALSE((*corpus)[0].meta.published.has_value());
  CHECK(v.claims_stored == 1);

  // Only some kinds, and some fields, on two threads: the others are counted, not kept.
  CorpusLoad dates_only;
  dates_only.claim_kinds = {ClaimKind::kDate};
  dates_only.jobs = 2;
  auto fewer = load_corpus(store.db(), dates_only);
  REQUIRE(fewer.ok());
  CHECK((*fewer)[1].claims.empty());
  CHECK((*fewer)[1].claims_stored == 1);
  const std::vector<std::string> no_fields = {"tense"};
  CorpusLoad quotes;
  quotes.claim_fields = &no_fields;
  auto bare = load_corpus(store.db(), quotes);
  REQUIRE(bare.ok());
  REQUIRE((*bare)[1].claims.size() == 1);
  CHECK((*bare)[1].claims[0].packed.set());
  CHECK((*bare)[1].claims[0].packed.view().empty());
  CorpusLoad spans_only;
  spans_only.alias_text = false;
  auto no_text = load_corpus(store.db(), spans_only);
  REQUIRE(no_text.ok());
  REQUIRE((*no_text)[1].people[0].alias_spans.size() == 2);
  CHECK((*no_text)[1].people[0].alias_spans[1] == Span{61, 72});
  CHECK((*no_text)[1].people[0].alias_texts.empty());
  CHECK(v.people[0].alias_texts[1] == "Lopez");
  // As a check loads it: people's spans alone; organisations listed, without aliases.
  spans_only.organisation_aliases = false;
  auto people_only = load_corpus(store.db(), spans_only);
  REQUIRE(people_only.ok());
  REQUIRE((*people_only)[1].people.size() == 2);
  CHECK((*people_only)[1].people[0].alias_spans.size() == 2);
  CHECK((*people_only)[1].people[1].name == "City Council");
  CHECK((*people_only)[1].people[1].alias_spans.empty());
  // Texts compressed: the same text through full_text and slice, none as plain text.
  CorpusLoad compressed;
  compressed.compress_text = true;
  compressed.jobs = 2;
  auto packed = load_corpus(store.db(), compressed);
  REQUIRE(packed.ok());
  REQUIRE(packed->size() == corpus->size());
  for (size_t i = 0; i < packed->size(); ++i) {
    const SourceView& p = (*packed)[i];
    const SourceView& plain = (*corpus)[i];
    CHECK(p.text.empty());
    CHECK(p.packed.set());
    CHECK(p.text_size() == plain.text.size());
    CHECK(p.full_text() == plain.text);
    REQUIRE(p.sentences.size() == plain.sentences.size());
    for (size_t k = 0; k < p.sentences.size(); ++k) CHECK(p.slice(p.sentences[k].span) == plain.slice(plain.sentences[k].span));
  }
}

TEST_CASE("load_corpus refuses a span outside its text") {
  Store store = open_memory();
  put(store, "a.txt", kStoryA);
  store.db().exec("UPDATE segments SET end = 100000 WHERE kind = 'sentence' AND ordinal = 0");
  auto corpus = load_corpus(store.db());
  CHECK(corpus.status().code() == StatusCode::kIoError);
  CHECK(corpus.status().message().find("corpus/a.txt") == 0);
}

TEST_CASE("load_corpus: the same sources on one thread or several, across chunks; damaged fields refused") {
  Store store = open_memory();
  ExtractedClaims claims;
  for (int i = 0; i < 300; ++i) {  // more than one chunk of 256
    claims.claims = {story_a_quote("Speaker " + std::to_string(i))};
    put(store, "s" + std::to_string(i) + ".txt", kStoryA, "", claims);
  }
  CorpusLoad one, two;
  two.jobs = 2;
  auto a = load_corpus(store.db(), one);
  auto b = load_corpus(store.db(), two);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a->size() == 300);
  REQUIRE(b->size() == 300);
  for (size_t i = 0; i < a->size(); ++i) {
    CHECK((*a)[i].file == (*b)[i].file);
    REQUIRE((*b)[i].claims.size() == 1);
    CHECK((*b)[i].claims[0].packed.view().ToJson() == (*a)[i].claims[0].packed.view().ToJson());
    CHECK((*b)[i].claims[0].packed.view().str("speaker") == "Speaker " + std::to_string(i));
  }
  // A claim of the last chunk whose fields are not an object.
  store.db().exec("UPDATE claims SET fields = '[1]' WHERE id = (SELECT max(id) FROM claims)");
  for (const CorpusLoad& what : {one, two}) {
    auto damaged = load_corpus(store.db(), what);
    CHECK(damaged.status().code() == StatusCode::kIoError);
    CHECK(damaged.status().message().find("corpus/s299.txt") == 0);
  }
}

}  // TEST_SUITE

TEST_SUITE("findings_store_report") {

TEST_CASE("JSON report parses back to the same findings") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA, "2026-01-20");
  const Ingested b = put(store, "b.txt", kStoryB);
  Finding q = finding(FindingKind::kAlteredQuote, Severity::kHigh,
                      {evidence(a, "corpus/a.txt", "\"It took ten years,\" she said.",
                                {{"speaker", "Maria Lopez"}, {"quote", "It took ten years,"}, {"text", "clash"},
                                 {"value", 10}, {"diff", {{"-", "ten"}, {"+", "twelve"}}}}),
                       evidence(b, "corpus/b.txt", "Bad \xff byte and <script>alert(1)</script> \x1b[31m")});
  q.details = {{"changes", {"substituted"}}};
  Finding copy = finding(FindingKind::kDerivedCopy, Severity::kLow,
                         {evidence(b, "corpus/b.txt", "copy"), evidence(a, "corpus/a.txt", "original")});
  REQUIRE(record_run(store.db(), run_at("2026-01-21T10:00:00Z"), {q, copy}).ok());

  auto report = load_report(store.db(), FindingFilter{});
  REQUIRE_MESSAGE(report.ok(), report.status().message());
  const std::string text = render_json(*report);
  const nlohmann::json j = nlohmann::json::parse(text);  // throws on bad output
  CHECK(j["run"]["id"] == 1);
  CHECK(j["run"]["findings_total"] == 2);
  REQUIRE(j["sources"].size() == 2);
  CHECK(j["sources"][0]["file"] == "corpus/a.txt");
  CHECK(j["sources"][0]["published"] == "2026-01-20");
  CHECK(j["sources"][1]["published"].is_null());
  CHECK(j["sources"][1]["derived_from"] == nlohmann::json::array({"corpus/a.txt"}));
  CHECK(j["sources"][0]["derived_from"].empty());
  {
    // Evidence roles name the direction whatever the item order.
    Report roles;
    roles.sources = report->sources;
    StoredFinding d;
    d.finding = finding(FindingKind::kDerivedCopy, Severity::kLow,
                        {evidence(a, "corpus/a.txt", "original", {{"role", "original"}}),
                         evidence(b, "corpus/b.txt", "copy", {{"role", "derived"}})});
    roles.findings.push_back(d);
    link_derived_sources(roles);
    CHECK(roles.sources[0].derived_from.empty());
    CHECK(roles.sources[1].derived_from == std::vector<std::string>{"corpus/a.txt"});
  }
  REQUIRE(j["findings"].size() == 2);
  const nlohmann::json& item = j["findings"][0]["evidence"][0];
  CHECK(item["file"] == "corpus/a.txt");
  CHECK(item["speaker"] == "Maria Lopez");
  CHECK(item["quote"] == "It took ten years,");
  CHECK(item["text"] == "\"It took ten years,\" she said.");
  CHECK(item["field_text"] == "clash");
  CHECK(j["findings"][0]["evidence"][1]["text"] == "Bad \xef\xbf\xbd byte and <script>alert(1)</script> \x1b[31m");

  REQUIRE(report->findings.size() == 2);
  for (size_t i = 0; i < report->findings.size(); ++i) {
    auto back = finding_from_json(j["findings"][i]);
    REQUIRE_MESSAGE(back.ok(), back.status().message());
    const Finding& want = report->findings[i].finding;
    const Finding& got = back->finding;
    CHECK(got.id == want.id);
    CHECK(got.kind == want.kind);
    CHECK(got.severity == want.severity);
    CHECK(got.confidence == want.confidence);
    CHECK(got.summary == want.summary);
    CHECK(got.explanation == want.explanation);
    CHECK(got.details == want.details);
    CHECK(back->first_run == report->findings[i].first_run);
    REQUIRE(got.evidence.size() == want.evidence.size());
    for (size_t e = 0; e < got.evidence.size(); ++e) {
      CHECK(got.evidence[e].file == want.evidence[e].file);
      CHECK(got.evidence[e].source_id == want.evidence[e].source_id);
      CHECK(got.evidence[e].version_id == want.evidence[e].version_id);
      CHECK(got.evidence[e].span == want.evidence[e].span);
      if (want.evidence[e].text.find('\xff') == std::string::npos) {
        CHECK(got.evidence[e].text == want.evidence[e].text);
        CHECK(got.evidence[e].fields == want.evidence[e].fields);
      }
    }
  }
  CHECK(finding_from_json(nlohmann::json{{"id", "x"}}).status().message() == "finding: 'kind' is not a string");
}

TEST_CASE("a compacted finding is stored as its trees are") {
  // Two stores given the same findings, one set compacted (as check records them).
  const auto rows = [](bool compacted) {
    Store store = open_memory();
    const Ingested a = put(store, "a.txt", kStoryA, "2026-01-20");
    const Ingested b = put(store, "b.txt", kStoryB);
    Finding q = finding(FindingKind::kAlteredQuote, Severity::kHigh,
                        {evidence(a, "corpus/a.txt", "\"It took ten years,\" she said.",
                                  {{"speaker", "Maria \xff Lopez"}, {"value", 10}, {"diff", {{"-", "ten"}}}}),
                         evidence(b, "corpus/b.txt", "\"It took twelve years,\" she said.")});
    q.details = {{"changes", {"substituted"}}, {"ratio", 0.5}};
    Finding copy = finding(FindingKind::kDerivedCopy, Severity::kLow,
                           {evidence(b, "corpus/b.txt", "copy", {{"role", "derived"}}), evidence(a, "", "original")});
    copy.details = nullptr;
    std::vector<Finding> fs = {q, copy};
    if (compacted) {
      for (Finding& f : fs) compact_finding(f);
      CHECK(fs[0].details.is_null());
      CHECK(fs[0].evidence[0].fields.is_null());
      CHECK(fs[1].details_text.empty());  // null details: stored as {}
    }
    REQUIRE(record_run(store.db(), run_at("2026-01-21T10:00:00Z"), fs).ok());
    std::vector<std::string> out;
    SQLite::Statement f(store.db(), "SELECT id || '|' || details || '|' || evidence_hash FROM findings ORDER BY id");
    while (f.executeStep()) out.push_back(f.getColumn(0).getString());
    SQLite::Statement e(store.db(),
                        "SELECT finding_id || '|' || ordinal || '|' || file || '|' || fields FROM evidence "
                        "ORDER BY finding_id, ordinal");
    while (e.executeStep()) out.push_back(e.getColumn(0).getString());
    return out;
  };
  const auto trees = rows(false);
  REQUIRE(trees.size() == 6);
  CHECK(rows(true) == trees);
  CHECK(std::any_of(trees.begin(), trees.begin() + 2,  // the copy's null details
                    [](const std::string& r) { return r.find("|{}|") != std::string::npos; }));
  CHECK(std::any_of(trees.begin(), trees.end(), [](const std::string& r) {
    return r.find("\"speaker\":\"Maria \xef\xbf\xbd Lopez\"") != std::string::npos;
  }));
}

TEST_CASE("a report with no run has the sources and no findings; an unknown run is not found") {
  Store store = open_memory();
  put(store, "a.txt", kStoryA);
  auto report = load_report(store.db(), FindingFilter{});
  REQUIRE(report.ok());
  const nlohmann::json j = nlohmann::json::parse(render_json(*report));
  CHECK(j["run"].is_null());
  CHECK(j["findings"].empty());
  CHECK(j["sources"].size() == 1);
  CHECK(load_report(store.db(), FindingFilter{.run = 7}).status().code() == StatusCode::kNotFound);
}

TEST_CASE("text report: grouped by severity, escapes controls, colour only when asked") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  const Ingested b = put(store, "b.txt", kStoryB);
  Finding low = finding(FindingKind::kUncorroboratedQuote, Severity::kLow, {evidence(a, "", "Only here.")});
  Finding high = finding(FindingKind::kDateConflict, Severity::kHigh,
                         {evidence(a, "", "On Tuesday \x1b]0;pwned\x07 it opened."), evidence(b, "", "On Monday.")});
  high.explanation = "Tuesday vs Monday.\nBoth written out.";
  REQUIRE(record_run(store.db(), run_at("t"), {low, high}).ok());
  auto report = load_report(store.db(), FindingFilter{});
  REQUIRE(report.ok());

  std::ostringstream plain;
  render_text(plain, *report, false);
  const std::string s = plain.str();
  CHECK(s.find('\x1b') == std::string::npos);
  CHECK(s.find('\x07') == std::string::npos);
  const size_t h = s.find("HIGH (1)");
  const size_t l = s.find("LOW (1)");
  REQUIRE(h != std::string::npos);
  REQUIRE(l != std::string::npos);
  CHECK(h < l);
  CHECK(s.find("date_conflict: date_conflict between sources") != std::string::npos);
  CHECK(s.find("    Tuesday vs Monday.\n    Both written out.\n") != std::string::npos);
  CHECK(s.find("    - corpus/b.txt (Outlet b.txt):\n        On Monday.\n") != std::string::npos);

  std::ostringstream coloured;
  render_text(coloured, *report, true);
  CHECK(coloured.str().find("\x1b[1;31mHIGH\x1b[0m") != std::string::npos);
}

TEST_CASE("terminal_safe") {
  struct Case {
    std::string in;
    bool keep_newlines;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"plain text", false, "plain text"},
      {"a\nb\tc", false, "a b c"},
      {"a\nb", true, "a\nb"},
      {"\x1b[2J", false, "\xef\xbf\xbd[2J"},
      {"bad \xff", false, "bad \xef\xbf\xbd"},
      {"rtl \xe2\x80\xae override", false, "rtl \xef\xbf\xbd override"},
      {"caf\xc3\xa9 \xe2\x80\x94 ok", false, "caf\xc3\xa9 \xe2\x80\x94 ok"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(terminal_safe(c.in, c.keep_newlines) == c.want);
  }
}

}  // TEST_SUITE

TEST_SUITE("findings_store_audit") {

namespace {

RunRecord audit_at(const std::string& when) {
  RunRecord r = run_at(when);
  r.kind = RunKind::kAudit;
  return r;
}

std::vector<std::string> alerted(Store& store, int64_t run) {
  FindingFilter f;
  f.run = run;
  f.alerts_only = true;
  auto found = load_findings(store.db(), f);
  REQUIRE_MESSAGE(found.ok(), found.status().message());
  std::vector<std::string> ids;
  for (const StoredFinding& s : *found) ids.push_back(s.finding.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("evidence hashes ignore order and follow kind, source, text and fields") {
  const Ingested a{1, 1};
  const Ingested b{2, 2};
  const Finding f = finding(FindingKind::kNumberConflict, Severity::kHigh,
                            {evidence(a, "a", "It cost $5.", {{"value", 5}}), evidence(b, "b", "It cost $6.")});
  Finding swapped = f;
  std::swap(swapped.evidence[0], swapped.evidence[1]);
  CHECK(evidence_hash(f).size() == 16);
  CHECK(evidence_hash(f) == evidence_hash(swapped));
  Finding moved = f;
  moved.evidence[0].span = Span{3, 9};  // offsets move when unrelated text changes
  moved.evidence[0].version_id = 7;
  CHECK(evidence_hash(f) == evidence_hash(moved));
  Finding text = f;
  text.evidence[1].text = "It cost $7.";
  CHECK(evidence_hash(f) != evidence_hash(text));
  Finding fields = f;
  fields.evidence[0].fields["value"] = 6;
  CHECK(evidence_hash(f) != evidence_hash(fields));
  Finding kind = f;
  kind.kind = FindingKind::kDateConflict;
  CHECK(evidence_hash(f) != evidence_hash(kind));
  Finding source = f;
  source.evidence[0].source_id = 3;
  CHECK(evidence_hash(f) != evidence_hash(source));
}

TEST_CASE("audits alert on what no earlier audit raised; check runs never alert") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  const Ingested b = put(store, "b.txt", kStoryB);
  const Finding one = finding(FindingKind::kDateConflict, Severity::kHigh,
                              {evidence(a, "", "on Tuesday"), evidence(b, "", "on Monday")});
  const Finding two = finding(FindingKind::kNumberConflict, Severity::kMedium,
                              {evidence(a, "", "ten years"), evidence(b, "", "twelve years")});
  const Finding three = finding(FindingKind::kAlteredQuote, Severity::kLow, {evidence(b, "", "It took")});

  auto none = latest_audit_mark(store.db());
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  auto check = record_run(store.db(), run_at("2026-01-21T09:00:00Z"), {one});
  REQUIRE(check.ok());
  CHECK(check->alert_ids.empty());
  CHECK(alerted(store, check->run.id).empty());
  CHECK_FALSE(latest_audit_mark(store.db())->has_value());  // a check is no audit

  // A finding raised by a check but by no audit yet is news to the first audit.
  RunRecord marked = audit_at("2026-01-21T10:00:00Z");
  marked.last_version_id = b.version_id;
  marked.rules_version = "rules-1";
  auto first = record_run(store.db(), marked, {one, two});
  REQUIRE(first.ok());
  CHECK(first->run.kind == RunKind::kAudit);
  auto mark = latest_audit_mark(store.db());
  REQUIRE(mark.ok());
  REQUIRE(mark->has_value());
  CHECK((*mark)->rules_version == "rules-1");
  CHECK((*mark)->last_version_id == b.version_id);
  CHECK(first->new_ids == std::vector<std::string>{two.id});
  CHECK(sorted(first->alert_ids) == sorted({one.id, two.id}));
  CHECK(alerted(store, first->run.id) == sorted({one.id, two.id}));
  CHECK(store.db().execAndGet("SELECT kind FROM runs WHERE id = 2").getString() == "audit");

  auto second = record_run(store.db(), audit_at("2026-01-22T10:00:00Z"), {one, two, three});
  REQUIRE(second.ok());
  CHECK(second->alert_ids == std::vector<std::string>{three.id});
  CHECK(alerted(store, second->run.id) == std::vector<std::string>{three.id});

  // Not raised by the third audit (its pair was not compared): still no alert when it comes back.
  auto third = record_run(store.db(), audit_at("2026-01-23T10:00:00Z"), {three});
  REQUIRE(third.ok());
  CHECK(third->alert_ids.empty());
  auto fourth = record_run(store.db(), audit_at("2026-01-24T10:00:00Z"), {one});
  REQUIRE(fourth.ok());
  CHECK(fourth->alert_ids.empty());
}

// Two stored sources, and a number conflict between them.
struct NumberConflict {
  Ingested a, b;
  Finding f;
};
NumberConflict ten_or_twelve_years(Store& store) {
  const Ingested a = put(store, "a.txt", kStoryA);
  const Ingested b = put(store, "b.txt", kStoryB);
  return {a, b,
          finding(FindingKind::kNumberConflict, Severity::kHigh,
                  {evidence(a, "", "ten years", {{"value", 10}}), evidence(b, "", "twelve years")})};
}

// The evidence rows of a finding, one line each.
std::vector<std::string> evidence_rows(Store& store, const std::string& id) {
  SQLite::Statement q(store.db(),
                      "SELECT ordinal, source_id, version_id, file, start, end, text, fields FROM evidence "
                      "WHERE finding_id = ? ORDER BY ordinal");
  q.bind(1, id);
  std::vector<std::string> out;
  while (q.executeStep()) {
    std::string row;
    for (int c = 0; c < 8; ++c) row += q.getColumn(c).getString() + "|";
    out.push_back(row);
  }
  return out;
}

TEST_CASE("a finding raised again: its evidence rows follow every change, and stay when nothing changed") {
  Store store = open_memory();
  const NumberConflict conflict = ten_or_twelve_years(store);
  const Ingested &a = conflict.a, &b = conflict.b;
  const Finding& f = conflict.f;
  const auto rows_of = [&](const Finding& g) {
    REQUIRE(record_run(store.db(), run_at("2026-01-21T10:00:00Z"), {g}).ok());
    return evidence_rows(store, f.id);
  };
  const auto first = rows_of(f);
  REQUIRE(first.size() == 2);
  CHECK(first[0] == "0|" + std::to_string(a.source_id) + "|" + std::to_string(a.version_id) +
                        "|corpus/a.txt|0|9|ten years|{\"value\":10}|");
  CHECK(rows_of(f) == first);
  // Each change alone, from the first rows.
  const auto after = [&](const Finding& changed) {
    CHECK(rows_of(f) == first);
    return rows_of(changed);
  };
  Finding moved = f;
  moved.evidence[1].span = Span{3, 15};
  CHECK(after(moved)[1] == "1|" + std::to_string(b.source_id) + "|" + std::to_string(b.version_id) +
                               "|corpus/b.txt|3|15|twelve years|{}|");
  Finding renamed = f;
  renamed.evidence[0].file = "elsewhere/a.txt";
  CHECK(after(renamed)[0].find("|elsewhere/a.txt|") != std::string::npos);
  Finding refielded = f;
  refielded.evidence[0].fields["value"] = 11;
  CHECK(after(refielded)[0].find("{\"value\":11}") != std::string::npos);
  Finding retexted = f;
  retexted.evidence[1].text = "twelve years ago";
  CHECK(after(retexted)[1].find("|twelve years ago|") != std::string::npos);
  Finding other_version = f;
  const Ingested a2 = put(store, "a.txt", std::string(kStoryA) + " More.");
  other_version.evidence[0].version_id = a2.version_id;
  CHECK(after(other_version)[0].find("|" + std::to_string(a2.version_id) + "|corpus/a.txt|") != std::string::npos);
  Finding shorter = f;
  shorter.evidence.pop_back();
  CHECK(after(shorter) == std::vector<std::string>{first[0]});
  Finding longer = f;
  longer.evidence.push_back(evidence(b, "", "a third"));
  const auto three = after(longer);
  REQUIRE(three.size() == 3);
  CHECK(three[2].find("|a third|") != std::string::npos);
  CHECK(rows_of(f) == first);
}

TEST_CASE("a finding raised again: its row follows every change, and last_run always moves") {
  Store store = open_memory();
  const NumberConflict conflict = ten_or_twelve_years(store);
  const Finding& f = conflict.f;
  int64_t run = 0;
  const auto row_of = [&](const Finding& g) {
    auto rec = record_run(store.db(), run_at("2026-01-21T10:00:00Z"), {g});
    REQUIRE(rec.ok());
    run = rec->run.id;
    SQLite::Statement q(store.db(),
                        "SELECT kind, severity, confidence, summary, explanation, details, evidence_hash, first_run, "
                        "last_run, status FROM findings WHERE id = ?");
    q.bind(1, f.id);
    REQUIRE(q.executeStep());
    std::string row;
    for (int c = 0; c < 10; ++c) row += (c == 8 ? std::string("-") : q.getColumn(c).getString()) + "|";
    CHECK(q.getColumn(8).getInt64() == run);  // last_run, whatever else changed
    return row;
  };
  const std::string first = row_of(f);
  CHECK(first.rfind("number_conflict|", 0) == 0);
  CHECK(row_of(f) == first);
  // Each change alone, from the first row.
  const auto after = [&](const Finding& changed) {
    CHECK(row_of(f) == first);
    const std::string row = row_of(changed);
    CHECK(row != first);
    return row;
  };
  Finding graver = f;
  graver.severity = Severity::kLow;
  CHECK(after(graver).find("|low|") != std::string::npos);
  Finding surer = f;
  surer.confidence = f.confidence + 0.0001;
  after(surer);
  Finding resummed = f;
  resummed.summary += " (again)";
  CHECK(after(resummed).find(" (again)|") != std::string::npos);
  Finding explained = f;
  explained.explanation = "Another reason.";
  CHECK(after(explained).find("|Another reason.|") != std::string::npos);
  Finding detailed = f;
  detailed.details["ratio"] = 1.2;
  CHECK(after(detailed).find("\"ratio\":1.2") != std::string::npos);
  Finding other_evidence = f;  // same id, another evidence hash
  other_evidence.evidence[0].text = "ten long years";
  after(other_evidence);
  CHECK(row_of(f) == first);
}

TEST_CASE("a dismissed finding stays quiet until its evidence changes, then it is reopened") {
  Store store = open_memory();
  const NumberConflict conflict = ten_or_twelve_years(store);
  const Finding& f = conflict.f;
  const Finding fresh = finding(FindingKind::kDateConflict, Severity::kHigh, {evidence(conflict.a, "", "Tuesday")});

  REQUIRE(record_run(store.db(), run_at("2026-01-21T09:00:00Z"), {f}).ok());
  REQUIRE(review_finding(store.db(), f.id, FindingStatus::kDismissed, std::string("same figure, other wording"),
                         "2026-01-21T09:30:00Z").ok());
  // Dismissed before any audit: the first audit does not alert on it, but on the rest.
  auto first = record_run(store.db(), audit_at("2026-01-21T10:00:00Z"), {f, fresh});
  REQUIRE(first.ok());
  CHECK(first->alert_ids == std::vector<std::string>{fresh.id});
  CHECK(first->reopened_ids.empty());

  SUBCASE("same evidence, moved offsets: still dismissed") {
    Finding moved = f;
    moved.evidence[0].span = Span{2, 9};
    auto again = record_run(store.db(), audit_at("2026-01-22T10:00:00Z"), {moved});
    REQUIRE(again.ok());
    CHECK(again->alert_ids.empty());
    CHECK(store.db().execAndGet("SELECT status FROM findings WHERE id = '" + f.id + "'").getString() == "dismissed");
  }
  SUBCASE("changed evidence under the same id: reopened, alerted, and the history says why") {
    Finding changed = f;
    changed.evidence[0].fields["value"] = 11;
    auto again = record_run(store.db(), audit_at("2026-01-22T10:00:00Z"), {changed});
    REQUIRE(again.ok());
    CHECK(again->reopened_ids == std::vector<std::string>{f.id});
    CHECK(again->alert_ids == std::vector<std::string>{f.id});
    CHECK(alerted(store, again->run.id) == std::vector<std::string>{f.id});
    auto history = load_reviews(store.db(), f.id);
    REQUIRE(history.ok());
    REQUIRE(history->size() == 2);
    CHECK((*history)[0].status == FindingStatus::kDismissed);
    CHECK((*history)[0].note == "same figure, other wording");
    CHECK((*history)[0].evidence_hash == evidence_hash(f));
    CHECK((*history)[1].status == FindingStatus::kOpen);
    CHECK((*history)[1].at == "2026-01-22T10:00:00Z");
    CHECK((*history)[1].note->find("evidence changed") != std::string::npos);
    CHECK((*history)[1].evidence_hash == evidence_hash(changed));

    // Dismissed again with the new evidence: quiet again.
    REQUIRE(review_finding(store.db(), f.id, FindingStatus::kDismissed, std::nullopt, "2026-01-22T11:00:00Z").ok());
    auto third = record_run(store.db(), audit_at("2026-01-23T10:00:00Z"), {changed});
    REQUIRE(third.ok());
    CHECK(third->alert_ids.empty());
    CHECK(third->reopened_ids.empty());
  }
  SUBCASE("a check run reopens too, and the next audit alerts on it once") {
    Finding changed = f;
    changed.evidence[1].text = "thirteen years";
    auto check = record_run(store.db(), run_at("2026-01-22T09:00:00Z"), {changed});
    REQUIRE(check.ok());
    CHECK(check->reopened_ids == std::vector<std::string>{f.id});
    CHECK(check->alert_ids.empty());
    // Reopened since the last audit that raised it: the next audit alerts, the one after does not.
    auto audit = record_run(store.db(), audit_at("2026-01-22T10:00:00Z"), {changed});
    REQUIRE(audit.ok());
    CHECK(audit->alert_ids == std::vector<std::string>{f.id});
    CHECK(audit->reopened_ids.empty());
    auto next = record_run(store.db(), audit_at("2026-01-23T10:00:00Z"), {changed});
    REQUIRE(next.ok());
    CHECK(next->alert_ids.empty());
  }
}

TEST_CASE("review history; unknown ids are not found") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  const Finding f = finding(FindingKind::kDateConflict, Severity::kHigh, {evidence(a, "", "Tuesday")});
  REQUIRE(record_run(store.db(), run_at("2026-01-21T09:00:00Z"), {f}).ok());
  auto none = load_reviews(store.db(), f.id);
  REQUIRE(none.ok());
  CHECK(none->empty());
  REQUIRE(review_finding(store.db(), f.id, FindingStatus::kConfirmed, std::nullopt, "2026-01-21T10:00:00Z").ok());
  REQUIRE(review_finding(store.db(), f.id, FindingStatus::kOpen, std::string("again"), "2026-01-21T11:00:00Z").ok());
  auto two = load_reviews(store.db(), f.id);
  REQUIRE(two.ok());
  REQUIRE(two->size() == 2);
  CHECK((*two)[0].status == FindingStatus::kConfirmed);
  CHECK_FALSE((*two)[0].note.has_value());
  CHECK((*two)[1].status == FindingStatus::kOpen);
  CHECK((*two)[1].note == "again");
  CHECK(load_reviews(store.db(), "0000000000000000").status().code() == StatusCode::kNotFound);
}

TEST_CASE("regression: a read left open by another module does not make record_run fail busy at once") {
  // Two connections on one file, as two audits. The first leaves a statement
  // stepped to a row (an open read on an old snapshot); the second commits.
  const auto path = std::filesystem::temp_directory_path() /
                    ("crosscheck-stale-read-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto first = Store::Open(path.string(), OpenMode::kReadWrite, std::chrono::milliseconds(2000));
    REQUIRE_MESSAGE(first.ok(), first.status().message());
    auto second = Store::Open(path.string(), OpenMode::kReadWrite, std::chrono::milliseconds(2000));
    REQUIRE_MESSAGE(second.ok(), second.status().message());
    const Ingested a = put(*first, "a.txt", kStoryA);
    SQLite::Statement open_read(first->db(), "SELECT id FROM sources");
    REQUIRE(open_read.executeStep());
    put(*second, "b.txt", kStoryB);
    const Finding f = finding(FindingKind::kDateConflict, Severity::kHigh, {evidence(a, "", "Tuesday")});
    auto recorded = record_run(first->db(), audit_at("2026-01-21T10:00:00Z"), {f});
    CHECK_MESSAGE(recorded.ok(), recorded.status().message());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("load_corpus on a database file: a connection per thread, one snapshot; a writer's transaction unseen") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("crosscheck-load-file-" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  {
    auto store = Store::Open(path.string(), OpenMode::kReadWrite, std::chrono::milliseconds(2000));
    REQUIRE_MESSAGE(store.ok(), store.status().message());
    ExtractedClaims claims;
    REQUIRE(store->Begin().ok());
    for (int i = 0; i < 600; ++i) {  // three chunks of 256 and less
      claims.claims = {story_a_quote("Speaker " + std::to_string(i))};
      put(*store, "s" + std::to_string(i) + ".txt", i % 2 ? kStoryA : kStoryB, "", claims);
    }
    REQUIRE(store->Commit().ok());
    const auto load = [&](int jobs, bool compress, int& connections) {
      CorpusLoad what;
      what.jobs = jobs;
      what.compress_text = compress;
      what.connections = &connections;
      auto out = load_corpus(store->db(), what);
      REQUIRE_MESSAGE(out.ok(), out.status().message());
      return std::move(*out);
    };
    int connections = 0;
    const std::vector<SourceView> one = load(1, false, connections);
    CHECK(connections == 1);
    REQUIRE(one.size() == 600);
    for (int jobs : {2, 3}) {
      CAPTURE(jobs);
      const std::vector<SourceView> many = load(jobs, true, connections);
      CHECK(connections == jobs);
      REQUIRE(many.size() == one.size());
      for (size_t i = 0; i < one.size(); ++i) {
        CHECK(many[i].source_id == one[i].source_id);
        CHECK(many[i].file == one[i].file);
        CHECK(many[i].full_text() == one[i].text);
        CHECK(many[i].sentences.size() == one[i].sentences.size());
        REQUIRE(many[i].claims.size() == 1);
        CHECK(many[i].claims[0].packed.view().str("speaker") == "Speaker " + std::to_string(i));
      }
    }
    // Sources asked for (an audit's scope): a connection per thread only for more than one chunk.
    for (size_t asked : {size_t{10}, size_t{300}}) {
      std::vector<int64_t> ids;
      for (size_t i = 0; i < asked; ++i) ids.push_back(one[2 * i].source_id);
      CorpusLoad scope;
      scope.jobs = 2;
      scope.sources = &ids;
      scope.connections = &connections;
      auto part = load_corpus(store->db(), scope);
      REQUIRE(part.ok());
      CHECK(connections == (asked > 256 ? 2 : 1));
      REQUIRE(part->size() == asked);
      CHECK(part->back().file == one[2 * (asked - 1)].file);
    }
    // Another connection reading does not keep threads from their own.
    SQLite::Database reader(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement open_read(reader, "SELECT id FROM sources");
    REQUIRE(open_read.executeStep());
    CHECK(load(2, false, connections).size() == 600);
    CHECK(connections == 2);
    open_read.reset();
    // Another writing: one connection, which sees none of the uncommitted change.
    SQLite::Database writer(path.string(), SQLite::OPEN_READWRITE);
    writer.exec("BEGIN IMMEDIATE");
    writer.exec("UPDATE sources SET file = 'renamed.txt' WHERE id = " + std::to_string(one[5].source_id));
    const std::vector<SourceView> during = load(2, false, connections);
    CHECK(connections == 1);
    REQUIRE(during.size() == 600);
    CHECK(during[5].file == one[5].file);
    writer.exec("COMMIT");
    const std::vector<SourceView> after = load(2, false, connections);
    CHECK(connections == 2);
    CHECK(after[5].file == "renamed.txt");
    // A damaged claim in the last chunk, read on a thread of its own: its file named.
    store->db().exec("UPDATE claims SET fields = '[1]' WHERE id = (SELECT max(id) FROM claims)");
    for (int jobs : {1, 2}) {
      CorpusLoad what;
      what.jobs = jobs;
      what.connections = &connections;
      auto damaged = load_corpus(store->db(), what);
      CHECK(connections == jobs);
      CHECK(damaged.status().code() == StatusCode::kIoError);
      CHECK(damaged.status().message().find("corpus/s599.txt") == 0);
    }
    // One in the first chunk, which the first thread reads and trains the
    // dictionary on while the others read on: they do not wait for ever,
    // and the first error in order is the one reported.
    store->db().exec("UPDATE claims SET fields = '[1]' WHERE id = (SELECT min(id) FROM claims)");
    for (int jobs : {1, 2, 3}) {
      CorpusLoad what;
      what.jobs = jobs;
      what.compress_text = true;
      auto damaged = load_corpus(store->db(), what);
      CHECK(damaged.status().code() == StatusCode::kIoError);
      CHECK(damaged.status().message().find("corpus/s0.txt") == 0);
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  {
    // A whole corpus of one chunk (a fact-checker's few articles): one connection.
    auto store = Store::Open(path.string(), OpenMode::kReadWrite, std::chrono::milliseconds(2000));
    REQUIRE_MESSAGE(store.ok(), store.status().message());
    put(*store, "a.txt", kStoryA);
    put(*store, "b.txt", kStoryB);
    int connections = 0;
    CorpusLoad what;
    what.jobs = 2;
    what.connections = &connections;
    auto few = load_corpus(store->db(), what);
    REQUIRE(few.ok());
    CHECK(few->size() == 2);
    CHECK(connections == 1);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("filters: one id; only findings on current versions") {
  Store store = open_memory();
  const Ingested a = put(store, "a.txt", kStoryA);
  const Ingested b = put(store, "b.txt", kStoryB);
  const Finding old_pair = finding(FindingKind::kDateConflict, Severity::kHigh,
                                   {evidence(a, "", "Tuesday"), evidence(b, "", "Monday")});
  REQUIRE(record_run(store.db(), run_at("2026-01-21T09:00:00Z"), {old_pair}).ok());
  const Ingested b2 = put(store, "b.txt", "The mayor opened the bridge on Sunday.\n");
  REQUIRE(b2.source_id == b.source_id);
  const Finding new_pair = finding(FindingKind::kDateConflict, Severity::kHigh,
                                   {evidence(a, "", "Tuesday"), evidence(b2, "", "Sunday")});
  REQUIRE(record_run(store.db(), run_at("2026-01-22T09:00:00Z"), {new_pair}).ok());

  FindingFilter current;
  current.current_only = true;
  auto found = load_findings(store.db(), current);
  REQUIRE(found.ok());
  REQUIRE(found->size() == 1);
  CHECK(found->front().finding.id == new_pair.id);
  FindingFilter by_id;
  by_id.id = old_pair.id;
  found = load_findings(store.db(), by_id);
  REQUIRE(found.ok());
  REQUIRE(found->size() == 1);
  CHECK(found->front().finding.id == old_pair.id);
}

}  // TEST_SUITE

}  // namespace crosscheck
