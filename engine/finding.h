// Findings: what the comparison raises, with evidence from every side.
//
// Kind names are a public contract (JSON, CSV, SQL) and never change meaning.
#ifndef CROSSCHECK_ENGINE_FINDING_H_
#define CROSSCHECK_ENGINE_FINDING_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/document.h"

namespace crosscheck {

enum class FindingKind {
  kMisattributedQuote,
  kAlteredQuote,
  kNameVariant,
  kRoleConflict,
  kDateConflict,
  kNumberConflict,
  kListConflict,
  kCertaintyChange,
  kUncorroboratedQuote,
  kDerivedCopy,
  kSummaryUnsupported,  // a summary's figure, date or name that the source it summarises never gives
};
const char* finding_kind_name(FindingKind k);
std::optional<FindingKind> parse_finding_kind(std::string_view name);

enum class Severity { kLow, kMedium, kHigh };
const char* severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view name);

// One side of a finding: where in which source, verbatim.
struct Evidence {
  int64_t source_id = 0;
  int64_t version_id = 0;
  std::string file;
  Span span;                 // the claim's bytes in the version's normalized text
  std::string text;          // the sentence(s) holding the claim, verbatim
  nlohmann::json fields = nlohmann::json::object();  // speaker, quote, date, value, title ...
  // The fields as stored (compact JSON) once the finding is compacted
  // (compact_finding); `fields` is then null.
  std::string fields_text;
};

struct Finding {
  std::string id;            // stable: see finding_id()
  FindingKind kind = FindingKind::kAlteredQuote;
  Severity severity = Severity::kMedium;
  double confidence = 0.5;   // [0, 1]
  std::string summary;       // one line
  std::string explanation;   // what differs and why it was raised
  std::vector<Evidence> evidence;
  nlohmann::json details = nlohmann::json::object();  // kind-specific: diff, substitutions, shares
  // The details as stored once compacted; `details` is then null.
  std::string details_text;
};

// Turns each evidence item's fields and the details into the compact JSON
// they are stored as (Evidence::fields_text, Finding::details_text), freeing
// their trees: at 100k articles, findings held as trees took 3.5 KB each, a
// quarter of a check's peak memory. record_run stores either form alike.
// Idempotent.
void compact_finding(Finding& f);
// An evidence item's fields and a finding's details as stored (compact JSON;
// "{}" when null), in either form.
std::string stored_fields(const Evidence& e);
std::string stored_details(const Finding& f);

// A stable id from the kind and each side's source and verbatim evidence text:
// the same finding keeps its id across runs; new evidence gives a new id.
std::string finding_id(FindingKind kind, const std::vector<std::pair<std::string, std::string>>& sides);

// 16 hex digits of the XXH3 hash of `parts`, each hashed after its length (no
// two lists share bytes). finding_id and evidence_hash are built on it.
std::string parts_hash(const std::vector<std::string_view>& parts);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_FINDING_H_
