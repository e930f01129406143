// The store under a second writer: look-ups leave no read transaction open,
// so a later write waits for the lock instead of failing at once.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <doctest/doctest.h>

#include <filesystem>

#include "engine/store.h"
#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

namespace {
SourceInput input_for(const std::string& locator, const std::string& text) {
  SourceInput in;
  in.locator = locator;
  in.file = locator;
  in.format = "text";
  in.content_hash = content_hash(text, {});
  return in;
}
}  // namespace

TEST_SUITE("store") {
  TEST_CASE("a look-up outside a transaction does not pin a stale snapshot (regression: BEGIN IMMEDIATE "
            "failed at once with SQLITE_BUSY_SNAPSHOT after another process wrote)") {
    const auto dir = std::filesystem::temp_directory_path() / "crosscheck-store-busy";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "b.db").string();
    auto s = Store::Open(path, OpenMode::kReadWrite);
    REQUIRE(s.ok());
    const std::string text = "The council met on Monday.";
    REQUIRE(s->PutSource(input_for("/a.txt", text), testing::make_doc(text), {}).ok());

    auto found = s->FindUnchanged(input_for("/a.txt", text));  // outside any transaction
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    {
      SQLite::Database other(path, SQLite::OPEN_READWRITE, 5000);
      other.exec("INSERT INTO sources(locator, file, format, created_at) VALUES ('/b.txt', '/b.txt', 'text', 'now')");
    }
    const Status begun = s->Begin();
    CHECK_MESSAGE(begun.ok(), begun.message());
    if (begun.ok()) CHECK(s->Commit().ok());
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("errors name the database and the source; busy and disk full are told apart") {
    CHECK(sqlite_status("database x.db", SQLITE_BUSY, "database is locked").code() == StatusCode::kBusy);
    CHECK(sqlite_status("database x.db", SQLITE_BUSY_SNAPSHOT, "database is locked").code() == StatusCode::kBusy);
    CHECK(sqlite_status("database x.db", SQLITE_LOCKED, "locked").code() == StatusCode::kBusy);
    const Status full = sqlite_status("database x.db (storing a.txt)", SQLITE_FULL, "database or disk is full");
    CHECK(full.code() == StatusCode::kIoError);
    CHECK(full.message() == "database x.db (storing a.txt): disk full (database or disk is full)");
    CHECK(sqlite_status("database x.db", SQLITE_IOERR_WRITE, "disk I/O error").code() == StatusCode::kIoError);
    CHECK(sqlite_status("database x.db", SQLITE_CORRUPT, "malformed").message() ==
          "database x.db: not a crosscheck database or damaged (malformed)");
  }
}
