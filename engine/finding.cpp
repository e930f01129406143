#include "engine/finding.h"

#include "engine/claim.h"  // compact_json

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace crosscheck {

namespace {
constexpr std::array kKinds = {
    FindingKind::kMisattributedQuote, FindingKind::kAlteredQuote,   FindingKind::kNameVariant,
    FindingKind::kRoleConflict,       FindingKind::kDateConflict,   FindingKind::kNumberConflict,
    FindingKind::kListConflict,       FindingKind::kCertaintyChange, FindingKind::kUncorroboratedQuote,
    FindingKind::kDerivedCopy,        FindingKind::kSummaryUnsupported,
};
constexpr std::array kSeverities = {Severity::kLow, Severity::kMedium, Severity::kHigh};
}  // namespace

const char* finding_kind_name(FindingKind k) {
  switch (k) {
    case FindingKind::kMisattributedQuote: return "misattributed_quote";
    case FindingKind::kAlteredQuote: return "altered_quote";
    case FindingKind::kNameVariant: return "name_variant";
    case FindingKind::kRoleConflict: return "role_conflict";
    case FindingKind::kDateConflict: return "date_conflict";
    case FindingKind::kNumberConflict: return "number_conflict";
    case FindingKind::kListConflict: return "list_conflict";
    case FindingKind::kCertaintyChange: return "certainty_change";
    case FindingKind::kUncorroboratedQuote: return "uncorroborated_quote";
    case FindingKind::kDerivedCopy: return "derived_copy";
    case FindingKind::kSummaryUnsupported: return "summary_unsupported";
  }
  return "altered_quote";
}

std::optional<FindingKind> parse_finding_kind(std::string_view name) {
  for (FindingKind k : kKinds)
    if (name == finding_kind_name(k)) return k;
  return std::nullopt;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
  }
  return "medium";
}

std::optional<Severity> parse_severity(std::string_view name) {
  for (Severity s : kSeverities)
    if (name == severity_name(s)) return s;
  return std::nullopt;
}

namespace {
std::string stored_json(const nlohmann::json& tree, const std::string& text) {
  if (!tree.is_null()) return compact_json(tree);
  return text.empty() ? "{}" : text;
}
}  // namespace

std::string stored_fields(const Evidence& e) { return stored_json(e.fields, e.fields_text); }
std::string stored_details(const Finding& f) { return stored_json(f.details, f.details_text); }

void compact_finding(Finding& f) {
  const auto compact = [](nlohmann::json& tree, std::string& text) {
    if (tree.is_null()) return;
    text = compact_json(tree);
    tree = nullptr;
  };
  for (Evidence& e : f.evidence) compact(e.fields, e.fields_text);
  compact(f.details, f.details_text);
}

std::string parts_hash(const std::vector<std::string_view>& parts) {
  // Each part is hashed after its length, so that no two lists share bytes.
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  for (std::string_view v : parts) {
    const uint64_t n = v.size();
    XXH3_64bits_update(st, &n, sizeof n);
    XXH3_64bits_update(st, v.data(), v.size());
  }
  const uint64_t h = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string finding_id(FindingKind kind, const std::vector<std::pair<std::string, std::string>>& sides) {
  // Sides are sorted so that the order in which the comparator met them does
  // not change the id.
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(sides.size());
  for (const auto& s : sides) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return *a < *b; });
  std::vector<std::string_view> parts = {finding_kind_name(kind)};
  for (const auto* s : sorted) {
    parts.push_back(s->first);
    parts.push_back(s->second);
  }
  return parts_hash(parts);
}

}  // namespace crosscheck
