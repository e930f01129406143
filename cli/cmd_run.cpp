// crosscheck run PATHS...: the main job: ingest, check, report.
#include <iostream>

#include "cli/common.h"

namespace crosscheck::cli {

void register_run(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand("run", "Ingest the given sources, compare them and report (the main job)");
  add_ingest_flags(cmd, *flags, false);
  cmd->add_option("--report", flags->report_format,
                  "Report format: text, json, md, html or csv (ClaimReview: 'report')")
      ->check(CLI::IsMember({"text", "json", "md", "html", "csv"}))
      ->capture_default_str();
  cmd->callback([&g, &run, flags] {
    run = [&g, flags]() -> int {
      auto pipeline = open_pipeline(g);
      if (!pipeline.ok()) return fail(pipeline.status());
      auto store = open_store(g, OpenMode::kReadWrite);
      if (!store.ok()) return fail(store.status());
      const int ingest_code = run_ingest(g, *flags, *store, *pipeline, std::cerr);
      if (ingest_code == kExitInternal) return ingest_code;
      const int check_code = run_check(g, *store, std::cerr, flags->jobs);
      if (check_code != kExitOk) return check_code;
      ReportRequest req;
      req.format = parse_report_format(flags->report_format).value_or(ReportFormat::kText);
      const int report_code = run_report(g, *store, req);
      if (report_code != kExitOk) return report_code;
      return ingest_code;
    };
  });
}

}  // namespace crosscheck::cli
