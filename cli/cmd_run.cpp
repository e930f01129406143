// crosscheck run PATHS...: the main job: ingest, then show what is stored and
// what the later stages find.
#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>

#include "cli/common.h"

namespace crosscheck::cli {

void register_run(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand("run", "Ingest the given sources, compare them and report (the main job)");
  add_ingest_flags(cmd, *flags, false);
  cmd->callback([&g, &run, flags] {
    run = [&g, flags]() -> int {
      auto pipeline = open_pipeline(g);
      if (!pipeline.ok()) return fail(pipeline.status());
      auto store = open_store(g, OpenMode::kReadWrite);
      if (!store.ok()) return fail(store.status());
      const int ingest_code = run_ingest(g, *flags, *store, *pipeline);
      if (ingest_code == kExitInternal) return ingest_code;
      if (!g.quiet) {
        try {
          SQLite::Statement st(store->db(),
                               "SELECT s.file, s.outlet, s.published, "
                               "(SELECT count(*) FROM claims c WHERE c.version_id = s.version_id) "
                               "FROM sources_v s ORDER BY s.source_id");
          Table t;
          t.columns = {"file", "outlet", "published", "claims"};
          t.numeric = {false, false, false, true};
          while (st.executeStep()) {
            std::vector<std::optional<std::string>> row;
            for (int c = 0; c < 4; ++c) {
              const auto col = st.getColumn(c);
              row.push_back(col.isNull() ? std::nullopt : std::optional<std::string>(col.getString()));
            }
            t.rows.push_back(std::move(row));
          }
          std::cout << "\nStored sources\n";
          print_table(std::cout, t, TableFormat::kTable);
        } catch (const SQLite::Exception& e) {
          return fail(sqlite_status("run", e.getErrorCode(), e.what()));
        }
      }
      return ingest_code;
    };
  });
}

}  // namespace crosscheck::cli
