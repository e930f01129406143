// crosscheck review ID: record a review decision on a finding, or show its
// review history.
#include <iostream>
#include <memory>

#include "cli/common.h"
#include "engine/findings_store.h"

namespace crosscheck::cli {

namespace {

struct ReviewFlags {
  std::string id;
  std::string status;
  std::optional<std::string> note;
  TableFormat format = TableFormat::kTable;
};

int show_history(const GlobalOptions& g, Store& store, const ReviewFlags& f) {
  FindingFilter one;
  one.id = f.id;
  auto found = load_findings(store.db(), one);
  if (!found.ok()) return fail(found.status());
  if (found->empty()) return fail(Status::NotFound("no finding with id " + f.id + " (see 'crosscheck report')"));
  auto history = load_reviews(store.db(), f.id);
  if (!history.ok()) return fail(history.status());
  const StoredFinding& s = found->front();
  if (!g.quiet && f.format == TableFormat::kTable) {
    std::cout << s.finding.id << "  " << finding_kind_name(s.finding.kind) << "  "
              << severity_name(s.finding.severity) << "  " << finding_status_name(s.status) << "\n"
              << terminal_safe(s.finding.summary, false) << "\n\n";
  }
  Table t;
  t.columns = {"at", "status", "note", "evidence_hash"};
  t.numeric.assign(t.columns.size(), false);
  for (const ReviewRecord& r : *history)
    t.rows.push_back({r.at, std::string(finding_status_name(r.status)), r.note, r.evidence_hash});
  print_table(std::cout, t, f.format);
  return kExitOk;
}

int run_review(const GlobalOptions& g, const ReviewFlags& f) {
  std::optional<FindingStatus> status;
  if (!f.status.empty()) {
    status = parse_finding_status(f.status);
    if (!status) return fail(Status::Invalid("--status: unknown status '" + f.status + "' (open, confirmed, dismissed)"));
  }
  if (!status && f.note) return fail(Status::Invalid("--note needs --status"));
  if (f.note && f.note->size() > 10000) return fail(Status::Invalid("--note: over 10000 bytes"));
  // Read-write even for the history: opening migrates an older database.
  auto store = open_store(g, OpenMode::kReadWrite);
  if (!store.ok()) return fail(store.status());
  if (store->schema_version() < kFindingsSchemaVersion)
    return fail(Status::Invalid("database " + g.db + " has no findings yet (run 'crosscheck check')"));
  if (!status) return show_history(g, *store, f);
  const Status reviewed = review_finding(store->db(), f.id, *status, f.note, utc_now());
  if (reviewed.code() == StatusCode::kNotFound)
    return fail(Status::NotFound("no finding with id " + f.id + " (see 'crosscheck report')"));
  if (!reviewed.ok()) return fail(explain_busy(g, reviewed));
  if (!g.quiet) std::cout << "finding " << f.id << ": " << finding_status_name(*status) << "\n";
  return kExitOk;
}

}  // namespace

void register_review(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto flags = std::make_shared<ReviewFlags>();
  CLI::App* cmd = app.add_subcommand(
      "review", "Mark a finding confirmed, dismissed or open (kept across runs), or show its review history");
  cmd->add_option("id", flags->id, "The finding's id (from 'report')")->required();
  cmd->add_option("--status", flags->status,
                  "confirmed, dismissed or open; a dismissed finding no longer alerts in audits until its "
                  "evidence changes. Without --status: the finding's review history")
      ->check(CLI::IsMember({"open", "confirmed", "dismissed"}));
  cmd->add_option("--note", flags->note, "Why (stored with the review)");
  add_format_option(cmd, flags->format);
  cmd->callback([&g, &run, flags] {
    run = [&g, flags]() -> int { return run_review(g, *flags); };
  });
}

}  // namespace crosscheck::cli
