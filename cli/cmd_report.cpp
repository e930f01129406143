// crosscheck report: the findings of a run as text or JSON (engine/report.h).
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.h"
#include "engine/findings_store.h"
#include "engine/report.h"

namespace crosscheck::cli {

namespace {

struct ReportFlags {
  std::string format = "text";
  std::string output;
  std::vector<std::string> kinds;
  std::string min_severity;
  std::string source;
  int64_t run = 0;
  std::string status;
  bool all = false;
};

// Colour only when writing to a terminal and the user has not opted out
// (https://no-color.org: any NO_COLOR value disables it).
bool use_colour(const ReportRequest& req) {
  return req.output.empty() && ::isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
}

Result<ReportRequest> request_from(const ReportFlags& f) {
  ReportRequest req;
  const auto format = parse_report_format(f.format);
  if (!format) return Status::Invalid("--format: unknown format '" + f.format + "' (text or json)");
  req.format = *format;
  req.output = f.output;
  for (const std::string& k : f.kinds) {
    const auto kind = parse_finding_kind(k);
    if (!kind) return Status::Invalid("--kind: unknown finding kind '" + k + "'");
    req.filter.kinds.push_back(*kind);
  }
  if (!f.min_severity.empty()) {
    const auto s = parse_severity(f.min_severity);
    if (!s) return Status::Invalid("--min-severity: unknown severity '" + f.min_severity + "' (high, medium, low)");
    req.filter.min_severity = *s;
  }
  if (!f.source.empty()) req.filter.source = f.source;
  if (!f.status.empty()) {
    const auto s = parse_finding_status(f.status);
    if (!s) return Status::Invalid("--status: unknown status '" + f.status + "' (open, confirmed, dismissed)");
    req.filter.status = *s;
  }
  if (f.run > 0) req.filter.run = f.run;
  req.all_runs = f.all;
  if (req.all_runs && req.filter.run) return Status::Invalid("--all and --run exclude each other");
  return req;
}

}  // namespace

int run_report(const GlobalOptions& g, Store& store, const ReportRequest& req) {
  if (store.schema_version() < kFindingsSchemaVersion)
    return fail(Status::Invalid("database " + g.db + " has no findings yet (run 'crosscheck check')"));
  auto report = load_report(store.db(), req.filter, req.all_runs);
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kNotFound) return fail(Status::Invalid(report.status().message()));
    return fail(report.status());
  }
  std::ostringstream text;
  switch (req.format) {
    case ReportFormat::kJson: text << render_json(*report); break;
    case ReportFormat::kText: render_text(text, *report, use_colour(req)); break;
  }
  if (req.output.empty()) {
    std::cout << text.str() << std::flush;
    if (!std::cout) return fail(Status::Io("cannot write the report to standard output"));
    return kExitOk;
  }
  std::ofstream out(req.output, std::ios::binary | std::ios::trunc);
  out << text.str();
  out.close();
  if (!out) return fail(Status::Io("cannot write the report to " + req.output));
  return kExitOk;
}

void register_report(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app.add_subcommand("report", "Report the findings of the latest check (or of --run N)");
  cmd->add_option("--format", flags->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE instead of standard output");
  cmd->add_option("--kind", flags->kinds, "Only findings of this kind (repeatable)");
  cmd->add_option("--min-severity", flags->min_severity, "Only findings at or above: high, medium or low")
      ->check(CLI::IsMember({"high", "medium", "low"}));
  cmd->add_option("--source", flags->source, "Only findings with evidence from this file (path or file name)");
  cmd->add_option("--run", flags->run, "The findings raised by run N (default: the latest run)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--status", flags->status, "Only findings with this review status: open, confirmed, dismissed")
      ->check(CLI::IsMember({"open", "confirmed", "dismissed"}));
  cmd->add_flag("--all", flags->all, "Every stored finding, whichever run raised it last");
  cmd->callback([&g, &run, flags] {
    run = [&g, flags]() -> int {
      auto req = request_from(*flags);
      if (!req.ok()) return fail(req.status());
      auto store = open_store(g, OpenMode::kReadOnly);
      if (!store.ok()) return fail(store.status());
      return run_report(g, *store, *req);
    };
  });
}

}  // namespace crosscheck::cli
