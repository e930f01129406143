// crosscheck sources: list what is stored.
#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>

#include "cli/common.h"

namespace crosscheck::cli {

namespace {
struct SourcesOptions {
  TableFormat format = TableFormat::kTable;
};
}  // namespace

void register_sources(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto opts = std::make_shared<SourcesOptions>();
  CLI::App* cmd = app.add_subcommand("sources", "List the stored sources (current versions)");
  add_format_option(cmd, opts->format);
  cmd->callback([&g, &run, opts] {
    run = [&g, opts]() -> int {
      auto store = open_store(g, OpenMode::kReadOnly);
      if (!store.ok()) return fail(store.status());
      try {
        SQLite::Statement st(store->db(),
                             "SELECT source_id AS id, file, outlet, published, title, versions, sentences, "
                             "chrome_segments AS chrome FROM sources_v ORDER BY source_id");
        const Table t = table_from(st);
        print_table(std::cout, t, opts->format);
        return kExitOk;
      } catch (const SQLite::Exception& e) {
        return fail(sqlite_status("sources", e.getErrorCode(), e.what()));
      }
    };
  });
}

}  // namespace crosscheck::cli
