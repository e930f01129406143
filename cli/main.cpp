// crosscheck: extract claims from news sources and flag contradictions.
#include <iostream>

#include "cli/common.h"

int main(int argc, char** argv) {
  using namespace crosscheck::cli;  // NOLINT: the CLI's own namespace
  CLI::App app{"crosscheck: extract the claims news sources make, store them in SQLite and flag "
               "contradictions between sources, with evidence."};
  app.set_version_flag("--version", std::string("crosscheck ") + CROSSCHECK_VERSION);
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
