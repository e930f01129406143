// crosscheck sources: list what is stored.
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
      return print_query(g,
                         "SELECT source_id AS id, file, outlet, published, title, versions, sentences, "
                         "chrome_segments AS chrome FROM sources_v ORDER BY source_id",
                         {}, opts->format, "sources");
    };
  });
}

}  // namespace crosscheck::cli
