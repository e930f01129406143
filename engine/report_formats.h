// Report formats for people and other tools besides text and JSON
// (engine/report.h): Markdown, CSV and schema.org ClaimReview JSON-LD.
// Every renderer treats source text as hostile: controls and bidi overrides are
// replaced (terminal_safe), invalid UTF-8 is repaired, and each format's own
// markup characters are escaped.
#ifndef CROSSCHECK_ENGINE_REPORT_FORMATS_H_
#define CROSSCHECK_ENGINE_REPORT_FORMATS_H_

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <string_view>

#include "engine/report.h"

namespace crosscheck {

// Markdown (CommonMark/GFM): a header, a table of sources, then the findings
// grouped by severity, each with its evidence. Source text is escaped so it
// renders as the same text: & < > become entities (no inline HTML), Markdown
// punctuation and table pipes are backslash-escaped, newlines become spaces.
void render_markdown(std::ostream& out, const Report& r);
// `s` escaped for one line of Markdown inline text (see above).
std::string markdown_escape(std::string_view s);

// CSV (RFC 4180, CRLF line ends, a header row): one row per finding and
// evidence item, one row with empty evidence cells for a finding without
// evidence. Columns: finding_id, kind, severity, confidence, status, summary,
// explanation, file, outlet, published, start, end, text, then one column per
// evidence field name found in the report (sorted; a name that is already a
// column gets the prefix "field_"). A field that is not a string is written as
// compact JSON.
void render_csv(std::ostream& out, const Report& r);
// One CSV cell: quoted when it holds a comma, quote, CR or LF (quotes
// doubled); a cell starting with = + - @ TAB or CR gets a leading ' so a
// spreadsheet does not read it as a formula.
std::string csv_cell(std::string_view s);

struct ClaimReviewOptions {
  std::string org;       // the reviewing Organization's name (required)
  std::string base_url;  // optional: each review's url is base_url#finding-<id>
};
// A JSON array of schema.org ClaimReview objects, one per finding, each with
// @context, @type, identifier, name (the summary), claimReviewed (the first
// evidence item's quote, else its text, else the summary), reviewBody (the
// explanation), itemReviewed (a Claim whose appearance lists one CreativeWork
// per evidence source: url when known else identifier = the file, headline,
// datePublished, publisher), reviewRating (a Rating with alternateName from
// claimreview_rating and ratingExplanation), author (the Organization),
// datePublished (the date of the report's run, when there is one) and url
// (with base_url). Dumped with 2-space indentation and a final newline.
std::string render_claimreview(const Report& r, const ClaimReviewOptions& o);
nlohmann::json claimreview_json(const Report& r, const ClaimReviewOptions& o);
// The textual rating of a finding, e.g. "Misattributed".
std::string claimreview_rating(FindingKind kind, Severity severity);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_FORMATS_H_
