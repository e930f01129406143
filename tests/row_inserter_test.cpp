#include "engine/row_inserter.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>

using namespace crosscheck;  // NOLINT: test file

namespace {

SQLite::Database make_db() {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT, o TEXT NOT NULL, "
      "UNIQUE (n))");
  return db;
}

// Every row of t in id order, one line each, NULL shown as "-".
std::string dump(SQLite::Database& db) {
  SQLite::Statement q(db,
                      "SELECT id, coalesce(n, '-'), coalesce(x, '-'), coalesce(s, '-'), typeof(s), o FROM t "
                      "ORDER BY id");
  std::string out;
  while (q.executeStep()) {
    for (int c = 0; c < 6; ++c) {
      if (c > 0) out += '|';
      out += q.getColumn(c).getString();
    }
    out += '\n';
  }
  return out;
}

// What one-row inserts of rows 0 .. rows-1 store.
std::string one_by_one(size_t rows) {
  SQLite::Database db = make_db();
  SQLite::Statement ins(db, "INSERT INTO t(n, x, s, o) VALUES (?, ?, ?, ?)");
  for (size_t i = 0; i < rows; ++i) {
    ins.reset();
    ins.bind(1, static_cast<int64_t>(i));
    ins.bind(2, static_cast<double>(i) / 4);
    if (i % 3 == 0) {
      ins.bind(3);
    } else {
      ins.bind(3, i % 3 == 1 ? std::string() : "row " + std::to_string(i));
    }
    ins.bind(4, "owned " + std::to_string(i));
    ins.exec();
  }
  return dump(db);
}

}  // namespace

TEST_SUITE("row_inserter") {
  TEST_CASE("rows go in several to a statement, in order, as one-row inserts store them") {
    const size_t k = RowInserter::kRowsPerStatement;
    for (size_t rows : {size_t{0}, size_t{1}, k - 1, k, k + 1, 2 * k + 5}) {
      CAPTURE(rows);
      SQLite::Database db = make_db();
      RowInserter ins(db, "INSERT INTO t(n, x, s, o)", 4);
      std::vector<std::string> texts;
      texts.reserve(rows);
      for (size_t i = 0; i < rows; ++i) texts.push_back("row " + std::to_string(i));
      for (size_t i = 0; i < rows; ++i) {
        ins.Int(static_cast<int64_t>(i)).Real(static_cast<double>(i) / 4);
        if (i % 3 == 0) {
          ins.Null();
        } else {
          // An empty text is stored as '', not NULL, even with no pointer.
          ins.Text(i % 3 == 1 ? std::string_view() : std::string_view(texts[i]));
        }
        ins.OwnedText("owned " + std::to_string(i));
        // Full statements' worth of rows are inserted as they come.
        CHECK(ins.pending_rows() == (i + 1) % k);
      }
      ins.Flush();
      CHECK(ins.pending_rows() == 0);
      CHECK(dump(db) == one_by_one(rows));
    }
  }

  TEST_CASE("an incomplete row is refused and dropped") {
    SQLite::Database db = make_db();
    RowInserter ins(db, "INSERT INTO t(n, x, s, o)", 4);
    ins.Int(1).Real(0.5).Text("a").OwnedText("b");
    ins.Int(2).Real(0.5);
    CHECK_THROWS_AS(ins.Flush(), std::logic_error);
    CHECK(ins.pending_rows() == 0);
    CHECK(dump(db).empty());
    ins.Int(3).Real(0.5).Text("c").Text("d");
    ins.Flush();
    CHECK(dump(db) == "1|3|0.5|c|text|d\n");
  }

  TEST_CASE("a failing statement throws, drops its rows, and the inserter goes on") {
    SQLite::Database db = make_db();
    RowInserter ins(db, "INSERT INTO t(n, x, s, o)", 4);
    ins.Int(1).Real(0).Text("a").Text("x");
    ins.Int(1).Real(0).Text("b").Text("y");  // n is unique
    CHECK_THROWS_AS(ins.Flush(), SQLite::Exception);
    CHECK(ins.pending_rows() == 0);
    CHECK(dump(db).empty());  // the statement is undone whole
    ins.Int(2).Real(0).Null().Null();  // o is NOT NULL
    try {
      ins.Flush();
      FAIL("a NULL went into a NOT NULL column");
    } catch (const SQLite::Exception& e) {
      CHECK(std::string(e.what()).find("NOT NULL") != std::string::npos);
    }
    ins.Int(2).Real(0).Text("c").Text("z");
    ins.Flush();
    CHECK(dump(db) == "1|2|0.0|c|text|z\n");
  }

  TEST_CASE("INSERT OR ROLLBACK: a failing row rolls the caller's transaction back") {
    SQLite::Database db = make_db();
    db.exec("BEGIN");
    db.exec("INSERT INTO t(n, o) VALUES (7, 'before')");
    RowInserter ins(db, "INSERT OR ROLLBACK INTO t(n, x, s, o)", 4);
    ins.Int(8).Real(0).Text("a").Text("x");
    ins.Int(7).Real(0).Text("b").Text("y");
    CHECK_THROWS_AS(ins.Flush(), SQLite::Exception);
    CHECK(sqlite3_get_autocommit(db.getHandle()) != 0);  // no transaction left open
    CHECK(dump(db).empty());
  }

  TEST_CASE("a tail after the values: an upsert updates the rows already there") {
    SQLite::Database db = make_db();
    db.exec("INSERT INTO t(n, s, o) VALUES (5, 'old', 'kept')");
    RowInserter ins(db, "INSERT INTO t(n, x, s, o)", 4, nullptr, "ON CONFLICT (n) DO UPDATE SET s = excluded.s");
    ins.Int(5).Real(0).Text("new").Text("ignored");
    ins.Int(6).Real(0.5).Text("fresh").Text("o6");
    ins.Flush();
    CHECK(dump(db) == "1|5|-|new|text|kept\n2|6|0.5|fresh|text|o6\n");
  }

  TEST_CASE("discarded rows are never inserted") {
    SQLite::Database db = make_db();
    RowInserter ins(db, "INSERT INTO t(n, x, s, o)", 4);
    ins.Int(1).Real(0).Text("a").Text("x").Int(2);
    ins.Discard();
    CHECK(ins.pending_rows() == 0);
    ins.Int(3).Real(0).Text("c").Text("z");
    ins.Flush();
    CHECK(dump(db) == "1|3|0.0|c|text|z\n");
  }
}
