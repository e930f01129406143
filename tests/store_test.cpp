#include "engine/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>

#include "engine/embedded.h"
#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

namespace {
SourceInput input_for(const std::string& locator, const std::string& text, const SourceMeta& meta = {}) {
  SourceInput in;
  in.locator = locator;
  in.file = locator;
  in.format = "text";
  in.meta = meta;
  in.content_hash = content_hash(text, meta);
  return in;
}

int64_t count(Store& s, const char* table) {
  return s.db().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}
}  // namespace

TEST_SUITE("store") {
  TEST_CASE("migrations are applied once and recorded") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    CHECK(s->schema_version() == static_cast<int>(embedded_migrations().size()));
    CHECK(s->db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  }

  TEST_CASE("a source is stored with segments and claims; identical content is a no-op; new content a version") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    const std::string text = "Rates fell on Monday. \"It helps,\" the minister said.";
    const Document doc = testing::make_doc(text);
    ExtractedClaims claims;
    Claim c;
    c.kind = ClaimKind::kQuote;
    c.span = Span{23, 31};
    c.sentence = 1;
    c.fields = {{"speaker", nullptr}};
    claims.claims.push_back(c);
    claims.people.push_back(PersonRecord{"Jane Roe", false, {PersonAlias{"Roe", Span{0, 3}}}});

    const SourceInput in = input_for("/corpus/a.txt", text);
    auto first = s->PutSource(in, doc, claims);
    REQUIRE(first.ok());
    CHECK(first->action == PutAction::kAdded);
    CHECK(count(*s, "segments") == static_cast<int64_t>(doc.paragraphs.size() + doc.sentences.size()));
    CHECK(count(*s, "claims") == 1);
    CHECK(count(*s, "aliases") == 1);

    auto unchanged = s->FindUnchanged(in);
    REQUIRE(unchanged.ok());
    REQUIRE(unchanged->has_value());
    CHECK((*unchanged)->version_id == first->version_id);
    auto again = s->PutSource(in, doc, claims);
    REQUIRE(again.ok());
    CHECK(again->action == PutAction::kUnchanged);
    CHECK(count(*s, "source_versions") == 1);

    const std::string text2 = "Rates rose on Monday.";
    auto second = s->PutSource(input_for("/corpus/a.txt", text2), testing::make_doc(text2), {});
    REQUIRE(second.ok());
    CHECK(second->action == PutAction::kNewVersion);
    CHECK(second->source_id == first->source_id);
    CHECK(count(*s, "source_versions") == 2);
    CHECK(s->db().execAndGet("SELECT count(*) FROM sources_v").getInt() == 1);
    CHECK(s->db().execAndGet("SELECT count(*) FROM claims_v").getInt() == 0);  // the new version has none
  }

  TEST_CASE("the same URL under another path is the same source") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    SourceMeta meta;
    meta.url = "https://news.example/story";
    REQUIRE(s->PutSource(input_for("/a/story.html", "One.", meta), testing::make_doc("One."), {}).ok());
    auto moved = s->PutSource(input_for("/b/story.html", "Two.", meta), testing::make_doc("Two."), {});
    REQUIRE(moved.ok());
    CHECK(moved->action == PutAction::kNewVersion);
    CHECK(count(*s, "sources") == 1);
  }

  TEST_CASE("source text is bound, never spliced into SQL") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    const std::string hostile = "Robert'); DROP TABLE sources;-- said \"hi\".";
    SourceMeta meta;
    meta.title = hostile;
    REQUIRE(s->PutSource(input_for(hostile, hostile, meta), testing::make_doc(hostile), {}).ok());
    CHECK(s->db().execAndGet("SELECT title FROM sources_v").getString() == hostile);
  }

  TEST_CASE("opening errors are clear") {
    auto missing = Store::Open("/nonexistent/dir/x.db", OpenMode::kReadOnly);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().message() ==
          "database /nonexistent/dir/x.db: no such database (run 'crosscheck ingest' first)");
    const auto path = std::filesystem::temp_directory_path() / "crosscheck-store-future.db";
    std::filesystem::remove(path);
    {
      SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("PRAGMA user_version = 999");
    }
    auto future = Store::Open(path.string(), OpenMode::kReadWrite);
    REQUIRE_FALSE(future.ok());
    CHECK(future.status().message().find("newer than this crosscheck knows") != std::string::npos);
    std::filesystem::remove(path);
  }
}
