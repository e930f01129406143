// Runs and findings in the store (db/migrations/0003_findings.sql).
//
// Free functions on the Store's database: the comparator's findings are
// recorded with a run, read back for reports, and reviewed. Every statement is
// prepared and bound. SQLite errors come back as a Status (see sqlite_status).
#ifndef CROSSCHECK_ENGINE_FINDINGS_STORE_H_
#define CROSSCHECK_ENGINE_FINDINGS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.h"
#include "engine/store.h"
#include "engine/status.h"

namespace SQLite {
class Database;
}

namespace crosscheck {

// The schema version (number of migrations) from which these tables exist.
inline constexpr int kFindingsSchemaVersion = 3;

// Persisted by name.
enum class RunKind { kCheck, kAudit };
const char* run_kind_name(RunKind k);
std::optional<RunKind> parse_run_kind(std::string_view name);

// Persisted by name; a review sets it.
enum class FindingStatus { kOpen, kConfirmed, kDismissed };
const char* finding_status_name(FindingStatus s);
std::optional<FindingStatus> parse_finding_status(std::string_view name);

struct RunInfo {
  int64_t id = 0;
  RunKind kind = RunKind::kCheck;
  std::string started_at;                 // ISO 8601 UTC
  std::optional<std::string> finished_at;
  std::string rules_version;
  int64_t sources = 0;
  int64_t claims = 0;
  int64_t findings_total = 0;
  int64_t findings_new = 0;
};

// What a run is recorded with; times come from the caller (tests pin them).
struct RunRecord {
  RunKind kind = RunKind::kCheck;
  std::string started_at;
  std::string finished_at;
  std::string rules_version;
  int64_t sources = 0;
  int64_t claims = 0;
  std::optional<int64_t> last_version_id;  // the highest source version id compared
};

struct RecordedRun {
  RunInfo run;
  std::vector<std::string> new_ids;       // findings never raised before, in input order
  std::vector<std::string> alert_ids;     // audit runs: the findings it alerts on (see below)
  std::vector<std::string> reopened_ids;  // dismissed findings reopened because their evidence changed
};

// A hash of a finding's evidence (kind, and each item's source id, verbatim
// text and fields, in any order): what a review saw. 16 hex digits.
std::string evidence_hash(const Finding& f);

// Records a run and its findings, all or nothing: BEGIN IMMEDIATE when no
// transaction is open (a concurrent writer makes it wait for the busy timeout,
// then fail with kBusy), a savepoint inside the caller's transaction.
// A finding whose id is already stored keeps its first_run and status; its
// kind, severity, confidence, texts and details are replaced, its last_run set
// to this run and its evidence replaced. Stored findings not in `findings` are
// left as they are. Two findings of one run with the same id are a comparator
// bug, but must not lose either: the second and later get "-2", "-3" ...
// appended (deterministic as long as the comparator's order is).
// An evidence item with an empty `file` gets the source's stored file.
// Each finding's evidence_hash is stored. A dismissed finding whose evidence
// hash differs from the one its dismissal saw is reopened: status 'open' and a
// review row (note "reopened by run N: ...", time run.finished_at).
// An audit run (kind kAudit) alerts on each finding it raises that is not
// dismissed and that no earlier audit raised or that some run reopened since
// the last audit that raised it (run_findings.alert = 1; alert_ids). The decision is made inside the write
// transaction, so two audits racing on one database never both alert on a
// finding. Needs db/migrations/0005_audits.sql.
// Fails with kInvalidInput when a finding's confidence is outside [0, 1] or an
// evidence item names a source or version that is not stored.
Result<RecordedRun> record_run(SQLite::Database& db, const RunRecord& run, std::vector<Finding> findings);

// The run with this id, or nullopt.
Result<std::optional<RunInfo>> find_run(SQLite::Database& db, int64_t id);
// The run with the highest id, or nullopt when nothing has been checked yet.
Result<std::optional<RunInfo>> latest_run(SQLite::Database& db);

// The latest audit run's rules version and last_version_id, or nullopt when
// no audit ran yet.
struct AuditMark {
  std::string rules_version;
  std::optional<int64_t> last_version_id;
};
Result<std::optional<AuditMark>> latest_audit_mark(SQLite::Database& db);

// A finding as stored, with its review state.
struct StoredFinding {
  Finding finding;
  FindingStatus status = FindingStatus::kOpen;
  int64_t first_run = 0;
  int64_t last_run = 0;
};

// Which stored findings to read. Unset members do not filter.
struct FindingFilter {
  std::optional<int64_t> run;             // findings raised by this run (run_findings)
  std::vector<FindingKind> kinds;         // any of these (empty: all)
  std::optional<Severity> min_severity;
  std::optional<std::string> source;      // a stored file path, or its base name
  std::optional<FindingStatus> status;
  std::optional<std::string> id;          // this finding only
  bool alerts_only = false;               // with `run`: only the findings that (audit) run alerted on
  bool current_only = false;              // only findings whose evidence is all from current versions
};

// Findings matching `filter` ordered by severity (high first), kind,
// confidence (high first) and id, each with its evidence in ordinal order.
Result<std::vector<StoredFinding>> load_findings(SQLite::Database& db, const FindingFilter& filter);

// Sets a finding's status and records the review (with `note`, time `at` and
// the finding's current evidence hash). kNotFound when no finding has this id.
Status review_finding(SQLite::Database& db, std::string_view id, FindingStatus status,
                      const std::optional<std::string>& note, const std::string& at);

// One review decision (or an automatic reopening).
struct ReviewRecord {
  int64_t id = 0;
  FindingStatus status = FindingStatus::kOpen;
  std::optional<std::string> note;
  std::string at;
  std::optional<std::string> evidence_hash;  // NULL for reviews stored before 0005_audits.sql
};
// The reviews of finding `id`, oldest first. kNotFound when no finding has this id.
Result<std::vector<ReviewRecord>> load_reviews(SQLite::Database& db, std::string_view id);

// A current source as reports list it.
struct SourceSummary {
  int64_t id = 0;
  int64_t version_id = 0;
  std::string file;
  std::optional<std::string> outlet, title, published, url;
  int64_t claims = 0;
};
// Every current source, by id; with `ids`, only those of them (ascending,
// each once) that are current.
Result<std::vector<SourceSummary>> load_source_summaries(SQLite::Database& db,
                                                         const std::vector<int64_t>* ids = nullptr);
// The number of current sources (an index count: no row is read).
Result<size_t> count_current_sources(SQLite::Database& db);


}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_FINDINGS_STORE_H_
