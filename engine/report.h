// Reports: the stored findings of a run rendered for people (text, Markdown,
// HTML) and for programs (JSON, CSV, schema.org ClaimReview). The formats other
// than text and JSON live in engine/report_formats.h and engine/report_html.h.
//
// JSON contract (read by ../shared/tools/score-findings; keys are added, never
// renamed):
//   {"run": {"id", "kind", "started_at", "finished_at", "rules_version",
//            "sources", "claims", "findings_total", "findings_new"} | null,
//    "sources": [{"id", "version_id", "file", "outlet", "title", "published",
//                 "url", "claims", "derived_from": [file, ...]}],
//    "findings": [{"id", "kind", "severity", "confidence", "summary",
//                  "explanation", "details", "status", "first_run", "last_run",
//                  "evidence": [{"file", "source_id", "version_id", "start",
//                                "end", "text", <each evidence field>}]}]}
// Evidence fields (speaker, quote, date, value, title ...) are flattened into
// the item; a field whose name is one of the item's own keys is written as
// "field_<name>". start/end are byte offsets into the version's stored text.
// Unknown metadata is null. Invalid UTF-8 is replaced, never an error.
//
// derived_from lists, for each source, the files of the sources it copies, read
// from the run's derived_copy findings: details "copy_source_id" and
// "original_source_id" when the comparator sets them; else evidence items whose
// field "role" is "derived" copy those whose role is "original"; else the first
// evidence item is the copy and the others its originals.
#ifndef CROSSCHECK_ENGINE_REPORT_H_
#define CROSSCHECK_ENGINE_REPORT_H_

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/findings_store.h"
#include "engine/status.h"

namespace crosscheck {

enum class ReportFormat { kText, kJson, kMarkdown, kHtml, kCsv, kClaimReview };
// "text", "json", "md", "html", "csv", "claimreview".
const char* report_format_name(ReportFormat f);
std::optional<ReportFormat> parse_report_format(std::string_view name);

// What `crosscheck report` (and `run`) is asked for.
struct ReportRequest {
  ReportFormat format = ReportFormat::kText;
  std::string output;          // a file to write; empty: standard output
  FindingFilter filter;        // filter.run unset: the latest run
  bool all_runs = false;       // every stored finding, whichever run raised it last
  // --since: only findings first raised by a run after `since_run`, or by a
  // run started on or after `since_date` (an ISO 8601 date or time, compared
  // with the run's started_at as text).
  std::optional<int64_t> since_run;
  std::optional<std::string> since_date;
  std::string org;             // ClaimReview author (required for that format)
  std::string base_url;        // ClaimReview: url of each review is base_url#finding-<id>
};

// Parses a --since value: digits are a run id, else an ISO 8601 date
// (YYYY-MM-DD, optionally followed by a time). kInvalidInput otherwise.
Status parse_since(std::string_view value, ReportRequest& req);

struct ReportSource {
  SourceSummary source;
  std::vector<std::string> derived_from;  // files
};

struct Report {
  std::optional<RunInfo> run;             // nullopt: nothing checked yet
  // Every current source; or, loaded for a report for people (see
  // listed_sources) with more than kListAllSources stored, those the
  // findings cite and those their derived copies name.
  std::vector<ReportSource> sources;
  size_t sources_total = 0;               // current sources stored (0: as many as `sources`)
  std::vector<StoredFinding> findings;    // in load_findings order
};

// Reads the report of run `filter.run` (the latest run when unset; every
// stored finding when `all_runs`). kNotFound when `filter.run` names no run.
// With no run stored, the report has sources and no findings. With
// `cited_sources`, only the sources a report for people lists are read
// (Report::sources): at 100k articles reading every summary took seconds.
Result<Report> load_report(SQLite::Database& db, FindingFilter filter, bool all_runs = false,
                           bool cited_sources = false);

// load_report for `req` (the sources its format lists), then the --since
// filters (the started_at of each finding's first run is read from the store).
Result<Report> load_report(SQLite::Database& db, const ReportRequest& req);

// Fills each source's derived_from from the report's derived_copy findings.
void link_derived_sources(Report& report);

// The sources a report for people (text, Markdown, HTML) lists: all of them
// up to kListAllSources; beyond, an archive's audit would open with a line per
// stored source, so only those the shown findings cite and those they derive
// from. `others` counts the sources left out (`crosscheck sources` lists all).
// Reports for programs (JSON, CSV) keep every source.
constexpr size_t kListAllSources = 50;
std::vector<const ReportSource*> listed_sources(const Report& r, size_t& others);

// An evidence field's value as the tables of a report show it: a string as
// it is, anything else as compact JSON.
std::string field_text(const nlohmann::json& v);

nlohmann::json evidence_to_json(const Evidence& e);
nlohmann::json finding_to_json(const StoredFinding& f);
nlohmann::json report_to_json(const Report& r);
// report_to_json dumped with 2-space indentation and a final newline.
std::string render_json(const Report& r);

// The inverse of finding_to_json for one finding object (tools and tests read
// reports back). kInvalidInput names the first missing or mistyped key.
Result<StoredFinding> finding_from_json(const nlohmann::json& j);

// Text for people: a header, the sources, then the findings grouped by
// severity (high first), each with its summary, explanation and the evidence
// of every source (file and verbatim text). Control characters and bidi
// overrides from sources are replaced, so a source cannot drive the terminal.
// `colour` adds ANSI colours (the caller decides: a TTY and no NO_COLOR).
void render_text(std::ostream& out, const Report& r, bool colour);

// Renders `r` in `req.format` (`colour` applies to text only). kInvalidInput
// when a ClaimReview report is asked for without `req.org`.
Status render_report(std::ostream& out, const Report& r, const ReportRequest& req, bool colour);

// `s` with C0/C1 controls (except newline when `keep_newlines`), DEL and
// bidirectional overrides replaced, and invalid UTF-8 repaired.
std::string terminal_safe(std::string_view s, bool keep_newlines);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_H_
