// crosscheck: extract claims from news sources and flag contradictions.
#include <iostream>
#include <string>

#ifdef CROSSCHECK_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include "cli/common.h"
#include "engine/store.h"

namespace {

std::string version_text() {
  std::string v = std::string("crosscheck ") + CROSSCHECK_VERSION;
#ifdef CROSSCHECK_WITH_MIMALLOC
  const int mi = mi_version();  // e.g. 209 for 2.0.9
  v += " (allocator: mimalloc " + std::to_string(mi / 100) + "." + std::to_string(mi / 10 % 10) + "." +
       std::to_string(mi % 10) + ")";
#endif
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace crosscheck::cli;  // NOLINT: the CLI's own namespace
  crosscheck::configure_sqlite();
  CLI::App app{"crosscheck: extract the claims news sources make, store them in SQLite and flag "
               "contradictions between sources, with evidence."};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions g;
  app.add_option("--db", g.db, "SQLite database file (':memory:' for a throw-away one)")
      ->capture_default_str();
  app.add_option("--rules", g.rules_dir, "Directory of rule files overriding the built-in rules");
  app.add_flag("-q,--quiet", g.quiet, "Print only errors");
  app.add_flag("-v,--verbose", g.verbose, "Print each stage's time and a line per file");
  app.add_option("--busy-timeout", g.busy_timeout_s,
                 "Seconds to wait while another process writes to the database, then fail (exit 2)")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400));
  app.footer(
      "Exit codes: 0 ok; 1 findings at or above --fail-on (audit); 2 bad usage, unreadable or refused "
      "input, or a busy database; 3 internal error.");

  Runner run;
  register_ingest(app, g, run);
  register_run(app, g, run);
  register_check(app, g, run);
  register_report(app, g, run);
  register_audit(app, g, run);
  register_review(app, g, run);
  register_sources(app, g, run);
  register_claims(app, g, run);
  register_extract(app, g, run);
  register_sql(app, g, run);
  register_index(app, g, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  try {
    return run ? run() : kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "crosscheck: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
