// crosscheck index [--fts on|off|rebuild]: the full-text indexes (db/migrations/0004_search.sql).
//
// The schema does the work: switching settings.fts empties ('off') or rebuilds
// ('on') sentences_fts and quotes_fts through triggers, so the same UPDATE in
// the sqlite3 shell has the same effect. 'rebuild' re-reads everything stored.
#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>

#include "cli/common.h"

namespace crosscheck::cli {

namespace {

struct IndexOptions {
  std::string fts;  // empty: print the state only
};

// Rows indexed per table: the docsize shadow tables hold one row per indexed
// document (counting the FTS tables themselves would read the content views).
void print_state(SQLite::Database& db, std::ostream& out) {
  const std::string state = db.execAndGet("SELECT value FROM settings WHERE key = 'fts'").getString();
  const int64_t sentences = db.execAndGet("SELECT count(*) FROM sentences_fts_docsize").getInt64();
  const int64_t quotes = db.execAndGet("SELECT count(*) FROM quotes_fts_docsize").getInt64();
  out << "fts: " << state << " (" << sentences << " sentences, " << quotes << " quotes indexed)\n";
}

void switch_fts(SQLite::Database& db, const std::string& fts) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const bool was_on = db.execAndGet("SELECT value FROM settings WHERE key = 'fts'").getString() == "on";
  if (fts == "off" || fts == "on") {
    SQLite::Statement set(db, "UPDATE settings SET value = ? WHERE key = 'fts'");
    set.bind(1, fts);
    set.exec();
  } else if (was_on) {  // rebuild; when off, switching on rebuilds
    db.exec("INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')");
    db.exec("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')");
  } else {
    db.exec("UPDATE settings SET value = 'on' WHERE key = 'fts'");
  }
  tx.commit();
}

}  // namespace

void register_index(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto opts = std::make_shared<IndexOptions>();
  CLI::App* cmd = app.add_subcommand(
      "index", "Show or switch the full-text indexes over sentences and quotes (sentences_fts, quotes_fts)");
  cmd->add_option("--fts", opts->fts,
                  "on: index new text (rebuilding what was stored while off); off: empty the indexes and "
                  "skip indexing (faster ingest); rebuild: re-index everything stored")
      ->check(CLI::IsMember({"on", "off", "rebuild"}));
  cmd->callback([&g, &run, opts] {
    run = [&g, opts]() -> int {
      auto store = open_store(g, OpenMode::kReadWrite);
      if (!store.ok()) return fail(store.status());
      try {
        if (!opts->fts.empty()) {
          switch_fts(store->db(), opts->fts);
        }
        if (!g.quiet || opts->fts.empty()) print_state(store->db(), std::cout);
        return kExitOk;
      } catch (const SQLite::Exception& e) {
        return fail(sqlite_status("index", e.getErrorCode(), e.what()));
      }
    };
  });
}

}  // namespace crosscheck::cli
