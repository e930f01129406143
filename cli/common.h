// What every subcommand shares: global options, exit codes, opening the
// database and the rules, and table output.
#ifndef CROSSCHECK_CLI_COMMON_H_
#define CROSSCHECK_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/extractor.h"
#include "engine/findings_store.h"
#include "engine/ingest.h"
#include "engine/report.h"
#include "engine/rules.h"
#include "engine/status.h"
#include "engine/store.h"

namespace crosscheck::cli {

// Documented exit codes (README "Exit codes").
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;     // audit: new findings at or above --fail-on
inline constexpr int kExitBadInput = 2;     // bad usage, unreadable or refused input, busy database
inline constexpr int kExitInternal = 3;     // a bug

struct GlobalOptions {
  std::string db = "crosscheck.db";
  std::string rules_dir;   // empty: the rules compiled into the binary
  bool quiet = false;     // only errors
  bool verbose = false;   // per-stage timings and per-file lines
  int busy_timeout_s = 30;  // how long to wait for another process's write lock
};

int exit_code_for(const Status& s);

// Prints "crosscheck: message" on stderr and returns the exit code for `s`.
// Prints "crosscheck: MESSAGE" on stderr, controls replaced (terminal_safe); returns the exit code for `s`.
int fail(const Status& s);

Result<RuleSource> open_rules(const GlobalOptions& g);
Result<Pipeline> open_pipeline(const GlobalOptions& g);
// Waits up to g.busy_timeout_s for another process's lock.
Result<Store> open_store(const GlobalOptions& g, OpenMode mode);
// `s`, a kBusy one re-worded to name the database and the timeout.
Status explain_busy(const GlobalOptions& g, const Status& s);

enum class TableFormat { kTable, kCsv, kJson };
// Adds --format table|csv|json to `cmd`.
void add_format_option(CLI::App* cmd, TableFormat& format);

// Adds --jobs N (-j) to `cmd`: threads for `what`, 1 to 256; 0 is read as one
// per core, so `jobs` holds the count to use.
void add_jobs_option(CLI::App* cmd, int& jobs, const std::string& what);

// A result set: column names and rows of optional cells (nullopt = NULL).
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::vector<bool> numeric;  // per column: right-align in table output, bare in JSON
};
void print_table(std::ostream& out, const Table& t, TableFormat format);
// Runs `st` to the end, collecting its rows; integer and real columns are
// numeric unless a row holds text in them.
Table table_from(SQLite::Statement& st);
// Opens the store read-only, runs `sql` with `binds` (?1, ?2, ...) and prints
// the rows; `what` names the command in errors. Returns the exit code.
int print_query(const GlobalOptions& g, const std::string& sql, const std::vector<std::string>& binds,
                TableFormat format, const std::string& what);

// Ingest flags shared by `ingest`, `run` and `audit`.
struct IngestFlags {
  std::vector<std::string> paths;
  std::string manifest;
  std::string outlet, published, title, url, author;
  size_t max_file_mb = 64;
  int jobs = 1;                        // threads that read and extract (add_jobs_option)
  std::string report_format = "text";  // run only
};
void add_ingest_flags(CLI::App* cmd, IngestFlags& flags, bool paths_required);
// Ingests per `flags`, printing one line per source on `out` (unless quiet) and every
// problem on stderr. Returns the exit code: 0, or 2 when any input was refused.
int run_ingest(const GlobalOptions& g, const IngestFlags& flags, Store& store, const Pipeline& pipeline,
               std::ostream& out);
// ingest() with a progress bar on a terminal (see cli/progress.h) and, when
// verbose, its time on stderr.
Result<IngestReport> ingest_with_progress(const GlobalOptions& g, Store& store, const Pipeline& pipeline,
                                          const IngestOptions& options);
// Prints one line per source on `out` when `per_file`, each warning and problem
// on stderr. Returns 0, or 2 when any input was refused.
int print_ingest_outcome(const IngestReport& report, bool per_file, std::ostream& out);

// Compares what is stored and records a run of `kind` started at `started_at`
// (cmd_check.cpp), with a progress bar over the stages on a terminal and
// per-stage timings when verbose. With `focus_versions`, only pairs involving
// one of those source versions are compared (Comparator focus mode), among
// the sources of the audit's scope (audit_scope), or of the whole corpus with
// `whole_corpus`.
Result<RecordedRun> compare_and_record(const GlobalOptions& g, Store& store, RunKind kind,
                                       const std::string& started_at,
                                       const std::optional<std::set<int64_t>>& focus_versions = std::nullopt,
                                       int jobs = 1, bool whole_corpus = false);
// compare_and_record as a check; prints "run N: X findings (Y new)" on `out`
// unless quiet.
int run_check(const GlobalOptions& g, Store& store, std::ostream& out, int jobs = 1);
// Writes a report of stored findings (cmd_report.cpp).
int run_report(const GlobalOptions& g, Store& store, const ReportRequest& req);

// Each subcommand registers itself on the app and returns its runner.
using Runner = std::function<int()>;
void register_ingest(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_sources(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_sql(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_run(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_extract(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_claims(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_check(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_report(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_audit(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_review(CLI::App& app, const GlobalOptions& g, Runner& run);
void register_index(CLI::App& app, const GlobalOptions& g, Runner& run);

}  // namespace crosscheck::cli

#endif  // CROSSCHECK_CLI_COMMON_H_
