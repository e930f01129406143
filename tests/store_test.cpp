#include "engine/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

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

int64_t matches(Store& s, const char* table, const std::string& query) {
  SQLite::Statement st(s.db(), std::string("SELECT count(*) FROM ") + table + " WHERE " + table + " MATCH ?");
  st.bind(1, query);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

// Runs FTS5's own consistency check of an external-content index against its content.
bool fts_consistent(Store& s, const char* table) {
  try {
    s.db().exec(std::string("INSERT INTO ") + table + "(" + table + ", rank) VALUES ('integrity-check', 1)");
    return true;
  } catch (const SQLite::Exception&) {
    return false;
  }
}

// A database file in the temporary directory; Remove() deletes it with its
// WAL and shared-memory files, as its destructor does.
struct TempDatabase {
  explicit TempDatabase(const char* name) : path((std::filesystem::temp_directory_path() / name).string()) {
    Remove();
  }
  ~TempDatabase() { Remove(); }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  void Remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::string path;
};

// Makes `db` a database of schema `n` (the first n migrations, as
// crosscheck of that schema made it) holding source 1 with its version 1.
void at_schema_with_a_source(SQLite::Database& db, size_t n) {
  const auto& migrations = embedded_migrations();
  REQUIRE(migrations.size() > n);
  for (size_t i = 0; i < n; ++i) db.exec(std::string(migrations[i].content));
  db.exec("PRAGMA user_version = " + std::to_string(n));
  db.exec("INSERT INTO sources(id, locator, file, format, created_at) VALUES (1, '/a', 'a', 'text', 'now')");
  db.exec("INSERT INTO source_versions(id, source_id, content_hash, raw_text, text, offset_map, ingested_at) "
          "VALUES (1, 1, 'h', 'x', 'x', x'', 'now')");
}

// One source with a sentence and a quote by Jane Roe; returns its version id.
int64_t put_quoted(Store& s, const std::string& locator, const std::string& text, Span quote) {
  ExtractedClaims claims;
  Claim c;
  c.kind = ClaimKind::kQuote;
  c.span = quote;
  c.sentence = 1;
  set_claim_fields(c, {{"speaker", "Jane Roe"}});
  claims.claims.push_back(c);
  auto put = s.PutSource(input_for(locator, text), testing::make_doc(text), claims);
  REQUIRE(put.ok());
  return put->version_id;
}
// The connection of `s` (version 1 stored) enforces foreign keys and CHECK
// constraints and fires the full-text index's triggers, as outside a batch.
void checks_keys_and_fires_triggers(Store& s) {
  CHECK(s.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK_THROWS_AS(s.db().exec("INSERT INTO segments(version_id, kind, ordinal, paragraph, role, start, end, text) "
                              "VALUES (999, 'sentence', 0, 0, 'body', 0, 3, 'The')"),
                  SQLite::Exception);
  CHECK_THROWS_AS(s.db().exec("INSERT INTO segments(version_id, kind, ordinal, paragraph, role, start, end, text) "
                              "VALUES (1, 'sentence', 99, 0, 'sidebar', 0, 3, 'The')"),
                  SQLite::Exception);
  s.db().exec("INSERT INTO segments(version_id, kind, ordinal, paragraph, role, start, end, text) "
              "VALUES (1, 'sentence', 99, 0, 'body', 0, 3, 'Gangway')");
  CHECK(matches(s, "sentences_fts", "gangway") == 1);  // by the insert trigger
  CHECK(fts_consistent(s, "sentences_fts"));
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
    set_claim_fields(c, {{"speaker", nullptr}});
    claims.claims.push_back(c);
    claims.people.push_back(PersonRecord{"Jane Roe", false, {Span{0, 3}}, {"Roe"}});

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

  TEST_CASE("a person's aliases without their text are refused, and nothing is stored") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    const std::string text = "Jane Roe spoke.";
    ExtractedClaims claims;
    claims.people.push_back(PersonRecord{"Jane Roe", false, {Span{0, 8}}, {}});  // as a corpus loads them
    auto put = s->PutSource(input_for("/corpus/roe.txt", text), testing::make_doc(text), claims);
    REQUIRE_FALSE(put.ok());
    CHECK(put.status().message().find("roe.txt") != std::string::npos);
    CHECK(put.status().message().find("Jane Roe") != std::string::npos);
    CHECK(count(*s, "sources") == 0);
    CHECK(count(*s, "people") == 0);
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
  TEST_CASE("the full-text indexes follow the insert and the delete of a version") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    const std::string text = "The ferry runs late. \"Our hull is quieter,\" Jane Roe said.";
    const int64_t version = put_quoted(*s, "/corpus/ferry.txt", text, Span{22, 42});
    CHECK(matches(*s, "sentences_fts", "\"ferry runs late\"") == 1);
    CHECK(matches(*s, "quotes_fts", "quieter") == 1);
    CHECK(matches(*s, "quotes_fts", "speaker: roe") == 1);
    CHECK(matches(*s, "sentences_fts", "submarine") == 0);
    CHECK(fts_consistent(*s, "sentences_fts"));
    CHECK(fts_consistent(*s, "quotes_fts"));

    // Updates (no crosscheck command makes them; a client may) move the index along.
    CHECK(s->db().exec("UPDATE claims SET text = 'Our hull is silent' WHERE kind = 'quote'") == 1);
    CHECK(matches(*s, "quotes_fts", "quieter") == 0);
    CHECK(matches(*s, "quotes_fts", "silent") == 1);
    CHECK(s->db().exec("UPDATE segments SET role = 'chrome' WHERE kind = 'sentence' AND ordinal = 0") == 1);
    CHECK(matches(*s, "sentences_fts", "ferry") == 0);
    CHECK(fts_consistent(*s, "sentences_fts"));
    CHECK(fts_consistent(*s, "quotes_fts"));
    CHECK(s->db().exec("UPDATE segments SET role = 'body' WHERE kind = 'sentence' AND ordinal = 0") == 1);

    const std::string other = "The tram is early.";
    REQUIRE(s->PutSource(input_for("/corpus/tram.txt", other), testing::make_doc(other), {}).ok());
    for (const char* sql : {"DELETE FROM aliases WHERE person_id IN (SELECT id FROM people WHERE version_id = ?)",
                            "DELETE FROM people WHERE version_id = ?", "DELETE FROM claims WHERE version_id = ?",
                            "DELETE FROM segments WHERE version_id = ?", "DELETE FROM source_versions WHERE id = ?"}) {
      SQLite::Statement del(s->db(), sql);
      del.bind(1, version);
      del.exec();
    }
    CHECK(matches(*s, "sentences_fts", "ferry") == 0);
    CHECK(matches(*s, "quotes_fts", "quieter") == 0);
    CHECK(matches(*s, "sentences_fts", "tram") == 1);
    CHECK(fts_consistent(*s, "sentences_fts"));
    CHECK(fts_consistent(*s, "quotes_fts"));
  }

  TEST_CASE("a batch transaction indexes its rows at commit, in one statement, and nothing on rollback") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    put_quoted(*s, "/corpus/ferry.txt", "The ferry runs late. \"Our hull is quieter,\" Jane Roe said.", Span{22, 42});

    REQUIRE(s->Begin().ok());
    put_quoted(*s, "/corpus/tram.txt", "The tram is early. \"We keep the timetable,\" Jane Roe said.", Span{20, 43});
    put_quoted(*s, "/corpus/bus.txt", "The bus is full. \"Add a second deck,\" Jane Roe said.", Span{17, 36});
    // Inside the batch this connection fires no triggers and evaluates no
    // CHECK constraints or foreign keys: the rows wait for the commit.
    CHECK(matches(*s, "sentences_fts", "tram") == 0);
    CHECK(s->db().execAndGet("PRAGMA foreign_keys").getInt() == 0);
    REQUIRE(s->Commit().ok());
    CHECK(matches(*s, "sentences_fts", "tram") == 1);
    CHECK(matches(*s, "sentences_fts", "bus") == 1);
    CHECK(matches(*s, "sentences_fts", "ferry") == 1);
    CHECK(matches(*s, "quotes_fts", "timetable") == 1);
    CHECK(matches(*s, "quotes_fts", "deck AND speaker: roe") == 1);
    CHECK(count(*s, "sentences_fts_docsize") == count(*s, "sentences_fts_content"));
    CHECK(count(*s, "quotes_fts_docsize") == count(*s, "quotes_fts_content"));
    CHECK(fts_consistent(*s, "sentences_fts"));
    CHECK(fts_consistent(*s, "quotes_fts"));

    REQUIRE(s->Begin().ok());
    put_quoted(*s, "/corpus/boat.txt", "The boat sank. \"Nobody was hurt,\" Jane Roe said.", Span{15, 32});
    s->Rollback();
    CHECK(matches(*s, "sentences_fts", "boat") == 0);
    CHECK(fts_consistent(*s, "sentences_fts"));

    // A single source outside a batch is a batch of its own.
    put_quoted(*s, "/corpus/ship.txt", "The ship docked. \"All aboard,\" Jane Roe said.", Span{17, 30});
    CHECK(matches(*s, "sentences_fts", "ship") == 1);
    CHECK(matches(*s, "quotes_fts", "aboard") == 1);
    CHECK(fts_consistent(*s, "quotes_fts"));

    // What the batches wrote meets every constraint, and after a commit or a
    // rollback the connection enforces them and fires triggers again.
    CHECK(s->db().execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK_FALSE(SQLite::Statement(s->db(), "PRAGMA foreign_key_check").executeStep());
    checks_keys_and_fires_triggers(*s);
  }

  TEST_CASE("BulkWrites keeps the batch settings across batches, so statements are not re-prepared") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    put_quoted(*s, "/corpus/ferry.txt", "The ferry runs late. \"Our hull is quieter,\" Jane Roe said.", Span{22, 42});
    // A statement of the connection, stepped once per batch; SQLite counts
    // the times it had to prepare it again.
    // (SQLiteCpp keeps its handle private: the C API.)
    sqlite3_stmt* raw = nullptr;
    REQUIRE(sqlite3_prepare_v2(s->db().getHandle(), "SELECT count(*) FROM segments", -1, &raw, nullptr) == SQLITE_OK);
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> probe(raw, sqlite3_finalize);
    const auto step = [&] {
      CHECK(sqlite3_step(probe.get()) == SQLITE_ROW);
      sqlite3_reset(probe.get());
    };
    const auto reprepared = [&] { return sqlite3_stmt_status(probe.get(), SQLITE_STMTSTATUS_REPREPARE, 0); };
    const auto triggers_enabled = [&] {
      int on = -1;
      sqlite3_db_config(s->db().getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &on);  // -1: only read it
      return on;
    };
    const auto batch = [&](const std::string& file, const std::string& text, Span quote) {
      REQUIRE(s->Begin().ok());
      put_quoted(*s, file, text, quote);
      REQUIRE(s->Commit().ok());
      step();
    };
    step();
    // Without it, each batch sets its settings and sets them back.
    const int before = reprepared();
    batch("/corpus/tram.txt", "The tram is early. \"We keep the timetable,\" Jane Roe said.", Span{20, 43});
    CHECK(reprepared() > before);
    {
      const BulkWrites bulk(*s, /*background_checkpoints=*/false);
      const int start = reprepared();
      step();  // prepared again once, for the settings just set
      const int held = reprepared();
      CHECK(held >= start);
      batch("/corpus/bus.txt", "The bus is full. \"Add a second deck,\" Jane Roe said.", Span{17, 36});
      batch("/corpus/boat.txt", "The boat sank. \"Nobody was hurt,\" Jane Roe said.", Span{15, 32});
      CHECK(reprepared() == held);
      // Between the batches too: no foreign keys, no triggers.
      CHECK(s->db().execAndGet("PRAGMA foreign_keys").getInt() == 0);
      CHECK(triggers_enabled() == 0);
    }
    CHECK(triggers_enabled() == 1);
    // Each batch indexed its own rows at its commit.
    CHECK(matches(*s, "quotes_fts", "deck") == 1);
    CHECK(matches(*s, "sentences_fts", "boat") == 1);
    CHECK(fts_consistent(*s, "sentences_fts"));
    // Afterwards the connection checks keys and fires triggers again.
    checks_keys_and_fires_triggers(*s);
  }

  TEST_CASE("BackgroundCheckpoints copies the WAL back on its own thread and bounds the WAL") {
    const TempDatabase file("crosscheck-store-checkpoints.db");
    const std::string& path = file.path;
    // Stores 40 batches (Begin settles the checkpoints) and returns the
    // largest the WAL file was: with the thread's checkpoints, or with none.
    const auto store_batches = [&](bool background) {
      file.Remove();
      auto s = Store::Open(path, OpenMode::kReadWrite);
      REQUIRE(s.ok());
      // A WAL of 16 pages is due for a checkpoint: every few batches here.
      s->db().exec(background ? "PRAGMA wal_autocheckpoint = 16" : "PRAGMA wal_autocheckpoint = 0");
      const auto autocheckpoint = [&] { return s->db().execAndGet("PRAGMA wal_autocheckpoint").getInt(); };
      uintmax_t largest_wal = 0;
      {
        const BulkWrites bulk(*s, background);
        // SQLite's own automatic checkpoint is a WAL hook, replaced by the
        // thread's: the PRAGMA reads 0 while it is not SQLite's.
        CHECK(autocheckpoint() == 0);
        std::string filler;
        for (int i = 0; i < 40; ++i) {
          filler += "The ferry was late again on day " + std::to_string(i) + ". ";
          const std::string text = filler + "\"Our hull is quieter,\" Jane Roe said.";
          const size_t open = text.find('"');
          REQUIRE(s->Begin().ok());
          put_quoted(*s, "/corpus/ferry-" + std::to_string(i) + ".txt", text,
                     Span{static_cast<uint32_t>(open), static_cast<uint32_t>(text.size() - 15)});
          REQUIRE(s->Commit().ok());
          largest_wal = std::max(largest_wal, std::filesystem::file_size(path + "-wal"));
        }
      }
      // SQLite's own checkpoint is back.
      CHECK(autocheckpoint() == (background ? 16 : 0));
      // Another connection sees every batch.
      SQLite::Database other(path, SQLite::OPEN_READONLY);
      CHECK(other.execAndGet("SELECT count(*) FROM sources").getInt() == 40);
      CHECK(other.execAndGet("SELECT count(*) FROM claims WHERE kind = 'quote'").getInt() == 40);
      return largest_wal;
    };
    const uintmax_t unchecked = store_batches(false);
    const uintmax_t checkpointed = store_batches(true);
    // The WAL was started over instead of growing with every batch.
    CAPTURE(unchecked);
    CAPTURE(checkpointed);
    CHECK(checkpointed * 4 < unchecked);
    {
      // Checkpoints were copied by the thread: count them on a fresh run.
      auto s = Store::Open(path, OpenMode::kReadWrite);
      REQUIRE(s.ok());
      s->db().exec("PRAGMA wal_autocheckpoint = 4");
      BackgroundCheckpoints checkpoints(s->db());
      REQUIRE(checkpoints.active());
      for (int i = 0; i < 10; ++i) {
        checkpoints.Settle();
        REQUIRE(s->Begin().ok());
        put_quoted(*s, "/corpus/tram-" + std::to_string(i) + ".txt",
                   "The tram is early. \"We keep the timetable,\" Jane Roe said.", Span{19, 44});
        REQUIRE(s->Commit().ok());
      }
      checkpoints.Settle();
      CHECK(checkpoints.completed() >= 1);
    }
    // Nothing to do without a WAL file, or with automatic checkpoints off.
    auto memory = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(memory.ok());
    CHECK_FALSE(BackgroundCheckpoints(memory->db()).active());
    {
      auto s = Store::Open(path, OpenMode::kReadWrite);
      REQUIRE(s.ok());
      s->db().exec("PRAGMA wal_autocheckpoint = 0");
      CHECK_FALSE(BackgroundCheckpoints(s->db()).active());
    }
  }

  TEST_CASE("a batch's rows are read from the indexed views by row id, however large the database") {
    // Indexing a batch reads "WHERE id > <last id before it>"; a plan through
    // another index visits every stored row at each batch (0007).
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    for (const char* view : {"quotes_fts_content", "sentences_fts_content"}) {
      SQLite::Statement plan(s->db(), std::string("EXPLAIN QUERY PLAN SELECT * FROM ") + view + " WHERE id > ?");
      std::string steps;
      while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
      CAPTURE(view);
      CAPTURE(steps);
      CHECK(steps.find("INTEGER PRIMARY KEY (rowid>?)") != std::string::npos);
      CHECK(steps.find("USING INDEX") == std::string::npos);
    }
  }

  TEST_CASE("with fts off nothing is indexed; switching it on indexes what was stored meanwhile") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    put_quoted(*s, "/corpus/a.txt", "The ferry runs late. \"Our hull is quieter,\" Jane Roe said.", Span{22, 42});
    s->db().exec("UPDATE settings SET value = 'off' WHERE key = 'fts'");
    CHECK(count(*s, "sentences_fts_docsize") == 0);  // emptied, not left stale
    CHECK(count(*s, "quotes_fts_docsize") == 0);
    put_quoted(*s, "/corpus/b.txt", "The tram is early. \"Nobody waits,\" Jane Roe said.", Span{20, 32});
    CHECK(matches(*s, "sentences_fts", "tram") == 0);
    CHECK(matches(*s, "quotes_fts", "waits") == 0);
    CHECK(s->db().exec("DELETE FROM claims WHERE text = 'Nobody waits'") == 1);  // no index to touch while off

    s->db().exec("UPDATE settings SET value = 'on' WHERE key = 'fts'");
    CHECK(matches(*s, "sentences_fts", "tram") == 1);
    CHECK(matches(*s, "sentences_fts", "ferry") == 1);
    CHECK(matches(*s, "quotes_fts", "quieter") == 1);
    CHECK(matches(*s, "quotes_fts", "waits") == 0);
    CHECK(fts_consistent(*s, "sentences_fts"));
    CHECK(fts_consistent(*s, "quotes_fts"));
    CHECK_THROWS_AS(s->db().exec("UPDATE settings SET value = 'later' WHERE key = 'fts'"), SQLite::Exception);
    CHECK_THROWS_AS(s->db().exec("DELETE FROM settings WHERE key = 'fts'"), SQLite::Exception);
  }

  TEST_CASE("migrating a schema-8 database makes findings a rowid table and keeps every row and reference") {
    const TempDatabase file("crosscheck-store-schema8.db");
    const std::string& path = file.path;
    // The rows of a run and its findings, as crosscheck of schema 8 wrote
    // them; `dangling`: plus an evidence row whose finding was deleted by
    // hand with keys off (the sqlite3 shell's default).
    const auto make = [&](bool dangling) {
      file.Remove();
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      REQUIRE(embedded_migrations()[8].name == "0009_findings_rowid.sql");
      at_schema_with_a_source(db, 8);
      REQUIRE(db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'findings'").getString().find(
                  "WITHOUT ROWID") != std::string::npos);
      db.exec("INSERT INTO runs(id, started_at, kind, rules_version) VALUES (1, 'then', 'check', 'r1')");
      const std::string long_details = "{\"note\":\"" + std::string(3000, 'x') + "\"}";  // overflowed a page
      SQLite::Statement f(db,
                          "INSERT INTO findings(id, kind, severity, confidence, summary, explanation, details, "
                          "first_run, last_run, status, evidence_hash) VALUES (?, 'altered_quote', 'high', 0.9, "
                          "'s', 'e', ?, 1, 1, 'confirmed', 'h1')");
      for (const char* id : {"f-b", "f-a", "f-c"}) {
        f.reset();
        f.bind(1, id);
        f.bind(2, std::string(id) == "f-b" ? long_details : std::string("{}"));
        f.exec();
        db.exec(std::string("INSERT INTO evidence(finding_id, ordinal, source_id, version_id, file, start, end, "
                            "text, fields) VALUES ('") + id + "', 0, 1, 1, 'a', 0, 1, 'x', '{}')");
        db.exec(std::string("INSERT INTO run_findings(run_id, finding_id, is_new) VALUES (1, '") + id + "', 1)");
      }
      db.exec("INSERT INTO reviews(finding_id, status, at) VALUES ('f-b', 'confirmed', 'then')");
      if (dangling) {
        db.exec("INSERT INTO evidence(finding_id, ordinal, source_id, version_id, file, start, end, text) "
                "VALUES ('f-gone', 0, 1, 1, 'a', 0, 1, 'x')");
      }
      return long_details;
    };
    const std::string long_details = make(false);
    {
      auto s = Store::Open(path, OpenMode::kReadWrite);
      REQUIRE(s.ok());
      SQLite::Database& db = s->db();
      CHECK(s->schema_version() == static_cast<int>(embedded_migrations().size()));
      CHECK(db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'findings'").getString().find(
                "WITHOUT ROWID") == std::string::npos);
      // Every row and column, in id order as recording writes them.
      CHECK(db.execAndGet("SELECT group_concat(id, ',') FROM (SELECT id FROM findings ORDER BY rowid)").getString() ==
            "f-a,f-b,f-c");
      CHECK(db.execAndGet("SELECT details FROM findings WHERE id = 'f-b'").getString() == long_details);
      CHECK(db.execAndGet("SELECT status || evidence_hash || last_run FROM findings WHERE id = 'f-c'").getString() ==
            "confirmedh11");
      // The references and the views that read findings work as before.
      CHECK(db.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
      CHECK(db.execAndGet("SELECT count(*) FROM findings_v").getInt() == 3);
      CHECK(db.execAndGet("SELECT count(*) FROM evidence_v").getInt() == 3);
      CHECK(db.execAndGet("SELECT review_note IS NULL FROM findings_v WHERE finding_id = 'f-b'").getInt() == 1);
      CHECK(db.execAndGet("PRAGMA legacy_alter_table").getInt() == 0);
      // Keys are enforced again, on the rebuilt table too.
      CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
      CHECK_THROWS_AS(db.exec("DELETE FROM findings WHERE id = 'f-a'"), SQLite::Exception);
      CHECK_THROWS_AS(db.exec("INSERT INTO run_findings(run_id, finding_id) VALUES (1, 'f-none')"), SQLite::Exception);
      CHECK_THROWS_AS(db.exec("INSERT INTO findings(id, kind, severity, confidence, summary, explanation, first_run, "
                              "last_run) VALUES ('f-a', 'altered_quote', 'high', 1, 's', 'e', 1, 1)"),
                      SQLite::Exception);  // the id is still the key
    }
    // A row naming a missing finding before the migration does not stop it;
    // it is still there after.
    make(true);
    {
      auto s = Store::Open(path, OpenMode::kReadWrite);
      REQUIRE(s.ok());
      CHECK(s->schema_version() == static_cast<int>(embedded_migrations().size()));
      CHECK(s->db().execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 1);
      CHECK(s->db().execAndGet("SELECT count(*) FROM findings").getInt() == 3);
    }
  }

  TEST_CASE("migrating a schema-9 database admits summary_unsupported findings and keeps every row") {
    const TempDatabase file("crosscheck-store-schema9.db");
    {
      SQLite::Database db(file.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      REQUIRE(embedded_migrations()[9].name == "0010_summary_unsupported.sql");
      at_schema_with_a_source(db, 9);
      db.exec("INSERT INTO runs(id, started_at, kind, rules_version) VALUES (1, 'then', 'check', 'r1')");
      db.exec("INSERT INTO findings(id, kind, severity, confidence, summary, explanation, first_run, last_run, status) "
              "VALUES ('f-a', 'number_conflict', 'high', 0.9, 's', 'e', 1, 1, 'dismissed')");
      db.exec("INSERT INTO run_findings(run_id, finding_id, is_new) VALUES (1, 'f-a', 1)");
      CHECK_THROWS_AS(db.exec("INSERT INTO findings(id, kind, severity, confidence, summary, explanation, first_run, "
                              "last_run) VALUES ('f-b', 'summary_unsupported', 'medium', 0.7, 's', 'e', 1, 1)"),
                      SQLite::Exception);
    }
    auto s = Store::Open(file.path, OpenMode::kReadWrite);
    REQUIRE(s.ok());
    SQLite::Database& db = s->db();
    CHECK(s->schema_version() == 10);
    CHECK(db.execAndGet("SELECT kind || status FROM findings WHERE id = 'f-a'").getString() == "number_conflictdismissed");
    CHECK(db.execAndGet("SELECT count(*) FROM findings_v").getInt() == 1);
    db.exec("INSERT INTO findings(id, kind, severity, confidence, summary, explanation, first_run, last_run) "
            "VALUES ('f-b', 'summary_unsupported', 'medium', 0.7, 's', 'e', 1, 1)");
    CHECK_THROWS_AS(db.exec("INSERT INTO findings(id, kind, severity, confidence, summary, explanation, first_run, "
                            "last_run) VALUES ('f-c', 'made_up', 'medium', 0.7, 's', 'e', 1, 1)"),
                    SQLite::Exception);
    CHECK_THROWS_AS(db.exec("DELETE FROM findings WHERE id = 'f-a'"), SQLite::Exception);  // run_findings names it
    CHECK(db.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
  }

  TEST_CASE("migrating a schema-3 database indexes the text it holds") {
    const TempDatabase file("crosscheck-store-schema3.db");
    const std::string& path = file.path;
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      REQUIRE(embedded_migrations()[3].name == "0004_search.sql");
      at_schema_with_a_source(db, 3);
      db.exec("INSERT INTO segments(version_id, kind, ordinal, paragraph, role, start, end, text) VALUES "
              "(1, 'sentence', 0, 0, 'body', 0, 19, 'The ferry runs late'), "
              "(1, 'sentence', 1, 1, 'chrome', 20, 36, 'Related articles'), "
              "(1, 'paragraph', 0, 0, 'body', 0, 19, 'The ferry runs late')");
    }
    {
      auto s = Store::Open(path, OpenMode::kReadWrite);
      REQUIRE(s.ok());
      CHECK(matches(*s, "sentences_fts", "ferry") == 1);  // the sentence, not its paragraph too
      CHECK(matches(*s, "sentences_fts", "related") == 0);  // chrome is not story text
      CHECK(fts_consistent(*s, "sentences_fts"));
    }
    std::filesystem::remove(path);
  }
}
