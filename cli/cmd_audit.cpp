// crosscheck audit: the scheduled job. Ingests what is new or changed in a
// folder (or a manifest's files), compares, records an audit run and reports
// only what is new since the last audit; the exit code says whether anything
// at or above --fail-on turned up.
#include <fnmatch.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>

#include "cli/common.h"
#include "engine/findings_store.h"
#include "engine/ingest.h"
#include "engine/input_reader.h"
#include "engine/manifest.h"

namespace crosscheck::cli {

namespace {

struct AuditFlags {
  std::string manifest;
  std::vector<std::string> dirs;
  std::string glob;
  std::string fail_on = "high";
  bool all = false;
  std::string format = "text";
  std::string output;
  std::string org, base_url;  // ClaimReview
  size_t max_file_mb = 64;
  int jobs = 1;
  bool whole_corpus = false;
};

// A pattern with a '/' is matched against the path below --dir (or the
// manifest's directory), one without against the file name.
bool glob_matches(const std::string& pattern, const std::string& relative) {
  if (pattern.empty()) return true;
  if (pattern.find('/') != std::string::npos) return ::fnmatch(pattern.c_str(), relative.c_str(), FNM_PATHNAME) == 0;
  const std::string name = std::filesystem::path(relative).filename().string();
  return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

struct Selection {
  std::vector<std::filesystem::path> paths;  // empty with `whole_manifest`: the manifest's files
  bool whole_manifest = false;
  std::vector<Status> problems;
};

// The files to look at: those under each --dir, or the manifest's, kept when
// they match --glob. Refused (the whole audit) when a --dir is not a directory
// or the manifest cannot be read.
Result<Selection> select_files(const AuditFlags& f) {
  Selection sel;
  if (f.dirs.empty()) {
    if (f.glob.empty()) {
      sel.whole_manifest = true;
      return sel;
    }
    auto manifest = Manifest::Read(f.manifest);
    if (!manifest.ok()) return manifest.status();
    for (const ManifestEntry& e : manifest->entries())
      if (glob_matches(f.glob, e.relative)) sel.paths.push_back(e.path);
    return sel;
  }
  for (const std::string& dir : f.dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      return Status::Invalid("--dir " + dir + ": " +
                             (std::filesystem::exists(dir, ec) ? "not a directory" : "no such directory"));
    CollectOutcome found = collect_input_files({std::filesystem::path(dir)});
    for (Status& p : found.problems) sel.problems.push_back(std::move(p));
    for (const InputFile& file : found.files)
      if (glob_matches(f.glob, file.relative)) sel.paths.push_back(file.path);
  }
  return sel;
}

Result<ReportRequest> report_request(const AuditFlags& f) {
  ReportRequest req;
  const auto format = parse_report_format(f.format);
  if (!format) return Status::Invalid("--format: unknown format '" + f.format + "'");
  req.format = *format;
  req.output = f.output;
  req.org = f.org;
  req.base_url = f.base_url;
  if (req.format == ReportFormat::kClaimReview && req.org.empty())
    return Status::Invalid("--format claimreview needs --org NAME (the reviewing organisation)");
  if (f.all) {
    req.all_runs = true;
    req.filter.status = FindingStatus::kOpen;
    req.filter.current_only = true;
  } else {
    req.filter.alerts_only = true;
  }
  return req;
}

// The source versions an audit compares (pairs with at least one of them):
// every current one (nullopt) when no audit ran before or the rules changed
// since the last one; else those stored after the last audit's corpus, by
// this audit or by ingest or run in between. Findings of other pairs were
// raised before and are not raised again; they stay stored as they are.
Result<std::optional<std::set<int64_t>>> audit_focus(const GlobalOptions& g, Store& store) {
  auto rules = open_rules(g);
  if (!rules.ok()) return rules.status();
  auto mark = latest_audit_mark(store.db());
  if (!mark.ok()) return explain_busy(g, mark.status());
  if (!*mark || (*mark)->rules_version != rules->version() || !(*mark)->last_version_id)
    return std::optional<std::set<int64_t>>();
  try {
    SQLite::Statement q(store.db(), "SELECT id FROM source_versions WHERE is_current = 1 AND id > ?");
    q.bind(1, *(*mark)->last_version_id);
    std::set<int64_t> versions;
    while (q.executeStep()) versions.insert(q.getColumn(0).getInt64());
    return std::optional<std::set<int64_t>>(std::move(versions));
  } catch (const SQLite::Exception& e) {
    return explain_busy(g, sqlite_status("read sources", e.getErrorCode(), e.what()));
  }
}

struct IngestCounts {
  size_t added = 0, changed = 0, unchanged = 0, refused = 0;
};

int run_audit(const GlobalOptions& g, const AuditFlags& f) {
  using Clock = std::chrono::steady_clock;
  const std::string started_at = utc_now();
  if (f.manifest.empty() && f.dirs.empty()) return fail(Status::Invalid("audit: give --dir DIR or --manifest FILE"));
  const auto fail_on = parse_severity(f.fail_on);
  if (!fail_on) return fail(Status::Invalid("--fail-on: unknown severity '" + f.fail_on + "' (high, medium, low)"));
  auto req = report_request(f);
  if (!req.ok()) return fail(req.status());
  if (!f.output.empty()) {
    // Checked first: a report lost after the run is recorded would lose its alerts.
    const std::filesystem::path parent = std::filesystem::path(f.output).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      return fail(Status::Invalid("-o " + f.output + ": no such directory " + parent.string()));
  }
  auto selection = select_files(f);
  if (!selection.ok()) return fail(selection.status());

  auto pipeline = open_pipeline(g);
  if (!pipeline.ok()) return fail(pipeline.status());
  auto store = open_store(g, OpenMode::kReadWrite);
  if (!store.ok()) return fail(store.status());

  IngestCounts counts;
  for (const Status& p : selection->problems) std::cerr << "crosscheck: " << terminal_safe(p.message(), false) << "\n";
  counts.refused += selection->problems.size();
  if (selection->whole_manifest || !selection->paths.empty()) {
    IngestOptions options;
    options.paths = selection->paths;
    if (!f.manifest.empty()) options.manifest = f.manifest;
    options.limits.max_file_bytes = f.max_file_mb << 20;
    options.jobs = f.jobs;
    auto report = ingest_with_progress(g, *store, *pipeline, options);
    if (!report.ok()) return fail(explain_busy(g, report.status()));
    print_ingest_outcome(*report, g.verbose, std::cerr);
    for (const IngestedItem& item : report->items) {
      switch (item.action) {
        case PutAction::kAdded: ++counts.added; break;
        case PutAction::kNewVersion: ++counts.changed; break;
        case PutAction::kUnchanged: ++counts.unchanged; break;
      }
    }
    counts.refused += report->problems.size();
  } else if (!g.quiet) {
    std::cerr << "crosscheck: warning: no input files" << (f.glob.empty() ? "" : " matching " + f.glob)
              << " under the given --dir\n";
  }

  auto focus = audit_focus(g, *store);
  if (!focus.ok()) return fail(focus.status());
  auto recorded = compare_and_record(g, *store, RunKind::kAudit, started_at, *focus, f.jobs, f.whole_corpus);
  if (!recorded.ok()) return fail(recorded.status());
  const RunInfo& run = recorded->run;

  auto t = Clock::now();
  req->filter.run = run.id;
  const int report_code = run_report(g, *store, *req);
  if (g.verbose)
    std::cerr << "audit: reported in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count() << " ms\n";

  FindingFilter alarming;
  alarming.run = run.id;
  alarming.alerts_only = true;
  alarming.min_severity = *fail_on;
  auto alarms = load_findings(store->db(), alarming);
  if (!alarms.ok()) return fail(alarms.status());

  if (!g.quiet) {
    std::cerr << "audit: run " << run.id << ": " << counts.added << " new, " << counts.changed << " changed, "
              << counts.unchanged << " unchanged source(s)";
    if (counts.refused > 0) std::cerr << ", " << counts.refused << " refused";
    std::cerr << "; compared ";
    if (*focus) {
      std::cerr << (*focus)->size() << " new or changed of " << run.sources << " source(s)";
    } else {
      std::cerr << "all " << run.sources << " source(s)";
    }
    std::cerr << "; " << run.findings_total << " finding(s), " << recorded->alert_ids.size()
              << " new since the last audit (" << alarms->size() << " at or above " << severity_name(*fail_on)
              << ")";
    if (!recorded->reopened_ids.empty()) std::cerr << ", " << recorded->reopened_ids.size() << " reopened";
    std::cerr << "\n";
  }
  if (report_code != kExitOk) return report_code;
  if (counts.refused > 0) return kExitBadInput;
  return alarms->empty() ? kExitOk : kExitFindings;
}

}  // namespace

void register_audit(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto flags = std::make_shared<AuditFlags>();
  CLI::App* cmd = app.add_subcommand(
      "audit",
      "Scheduled audit: ingest new or changed sources, compare, report only findings new since the last audit; "
      "exit 1 when any is at or above --fail-on");
  cmd->add_option("--manifest", flags->manifest,
                  "CSV of per-source metadata (file,outlet,title,published,url,note); with --dir it gives the "
                  "metadata of the files found there, matched by path relative to it, else by file name; "
                  "without --dir its files are audited");
  cmd->add_option("--dir", flags->dirs, "Folder to audit, walked recursively (repeatable)");
  cmd->add_option("--glob", flags->glob,
                  "Only files whose name matches this shell pattern (e.g. '*.html'; with a '/', the path below "
                  "--dir)");
  cmd->add_option("--fail-on", flags->fail_on, "Exit 1 when a new finding is at or above: high, medium or low")
      ->check(CLI::IsMember({"high", "medium", "low"}))
      ->capture_default_str();
  cmd->add_flag("--whole-corpus", flags->whole_corpus,
                "Compare what is new with every stored source, not only those naming the same people and "
                "organisations (slower on a large archive; rules/compare.toml [audit])");
  cmd->add_flag("--all", flags->all, "Report every open finding on current sources, not only the new ones");
  cmd->add_option("--format", flags->format, "Report format, as for 'report': text, json, md, html, csv or claimreview (needs --org)")
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE instead of standard output");
  cmd->add_option("--org", flags->org, "ClaimReview: the reviewing organisation's name");
  cmd->add_option("--base-url", flags->base_url, "ClaimReview: the URL the report is published at");
  cmd->add_option("--max-file-mb", flags->max_file_mb, "Refuse input files larger than this (MiB)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{4096}));
  add_jobs_option(cmd, flags->jobs, "read and extract, load claims, index, align and compare");
  cmd->footer(
      "Exit codes: 0 nothing new at or above --fail-on; 1 new findings at or above it; 2 bad input (some "
      "files refused, a bad manifest or folder) or a busy database; 3 internal error.");
  cmd->callback([&g, &run, flags] {
    run = [&g, flags]() -> int { return run_audit(g, *flags); };
  });
}

}  // namespace crosscheck::cli
