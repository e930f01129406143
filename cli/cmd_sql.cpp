// crosscheck sql "SELECT ...": run SQL against the store.
#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>

#include "cli/common.h"

namespace crosscheck::cli {

namespace {
struct SqlOptions {
  std::string query;
  bool write = false;
  TableFormat format = TableFormat::kTable;
};
}  // namespace

void register_sql(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto opts = std::make_shared<SqlOptions>();
  CLI::App* cmd = app.add_subcommand("sql", "Run an SQL statement against the database (read-only unless --write)");
  cmd->add_option("query", opts->query, "The SQL statement; the views sources_v, segments_v, claims_v, quotes_v ... "
                                        "are the stable interface (db/README.md)")
      ->required();
  cmd->add_flag("--write", opts->write, "Open the database for writing");
  add_format_option(cmd, opts->format);
  cmd->callback([&g, &run, opts] {
    run = [&g, opts]() -> int {
      auto store = open_store(g, opts->write ? OpenMode::kReadWrite : OpenMode::kReadOnly);
      if (!store.ok()) return fail(store.status());
      try {
        SQLite::Statement st(store->db(), opts->query);
        const Table t = table_from(st);
        print_table(std::cout, t, opts->format);
        return kExitOk;
      } catch (const SQLite::Exception& e) {
        const std::string msg = e.what();
        if (!opts->write && msg.find("readonly") != std::string::npos)
          return fail(Status::Invalid("sql: " + msg + " (the database is opened read-only; add --write)"));
        return fail(Status::Invalid("sql: " + msg));
      }
    };
  });
}

}  // namespace crosscheck::cli
