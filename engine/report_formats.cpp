#include "engine/report_formats.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace crosscheck {

namespace {

using SourceIndex = std::map<int64_t, const SourceSummary*>;

SourceIndex index_sources(const Report& r) {
  SourceIndex by_id;
  for (const ReportSource& s : r.sources) by_id[s.source.id] = &s.source;
  return by_id;
}

const SourceSummary* source_of(const SourceIndex& by_id, const Evidence& e) {
  const auto it = by_id.find(e.source_id);
  return it == by_id.end() ? nullptr : it->second;
}

std::string confidence_text(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

// --- Markdown ---------------------------------------------------------------

void markdown_finding(std::ostream& out, const StoredFinding& sf, const SourceIndex& by_id) {
  const Finding& f = sf.finding;
  out << "### " << finding_kind_name(f.kind) << ": " << markdown_escape(f.summary) << "\n\n";
  out << "- id " << markdown_escape(f.id) << " · confidence " << confidence_text(f.confidence) << " · status "
      << finding_status_name(sf.status) << "\n\n";
  if (!f.explanation.empty()) out << markdown_escape(f.explanation) << "\n\n";
  for (const Evidence& e : f.evidence) {
    out << "- **" << markdown_escape(e.file) << "**";
    if (const SourceSummary* s = source_of(by_id, e); s && s->outlet) out << " (" << markdown_escape(*s->outlet) << ")";
    out << ": " << markdown_escape(e.text) << "\n";
    if (e.fields.is_object() && !e.fields.empty()) {
      out << "  - ";
      bool first = true;
      for (const auto& [k, v] : e.fields.items()) {
        out << (first ? "" : " · ") << markdown_escape(k) << ": " << markdown_escape(field_text(v));
        first = false;
      }
      out << "\n";
    }
  }
  out << "\n";
}

// --- ClaimReview -------------------------------------------------------------

std::string date_part(std::string_view iso) {
  return iso.size() >= 10 ? std::string(iso.substr(0, 10)) : std::string(iso);
}

std::string clean(std::string_view s) { return terminal_safe(s, true); }

nlohmann::json appearance(const Evidence& e, const SourceSummary* s) {
  nlohmann::json w = {{"@type", "CreativeWork"}};
  if (s && s->url) {
    w["url"] = clean(*s->url);
  } else {
    w["identifier"] = clean(e.file);
  }
  if (s && s->title) w["headline"] = clean(*s->title);
  if (s && s->published) w["datePublished"] = clean(*s->published);
  if (s && s->outlet) w["publisher"] = {{"@type", "Organization"}, {"name", clean(*s->outlet)}};
  return w;
}

std::string claim_reviewed(const Finding& f) {
  if (!f.evidence.empty()) {
    const Evidence& e = f.evidence.front();
    if (e.fields.is_object()) {
      const auto q = e.fields.find("quote");
      if (q != e.fields.end() && q->is_string() && !q->get<std::string>().empty()) return q->get<std::string>();
    }
    if (!e.text.empty()) return e.text;
  }
  return f.summary;
}

}  // namespace

std::string markdown_escape(std::string_view s) {
  const std::string safe = terminal_safe(s, false);
  std::string out;
  out.reserve(safe.size() + safe.size() / 8);
  for (size_t i = 0; i < safe.size(); ++i) {
    const char c = safe[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
        out += '\\';
        out += c;
        break;
      default:
        // A leading # + - = . would start a heading, a list, a heading
        // underline or an ordered list marker. ( ) ! only matter next to an
        // escaped [ ].
        if (i == 0 && (c == '#' || c == '+' || c == '-' || c == '=' || c == '.')) out += '\\';
        out += c;
    }
  }
  return out;
}

void render_markdown(std::ostream& out, const Report& r) {
  out << "# crosscheck report\n\n";
  if (r.run) {
    out << "Run " << r.run->id << " (" << run_kind_name(r.run->kind) << ", " << markdown_escape(r.run->started_at)
        << "): " << r.run->sources << " sources, " << r.run->findings_total << " findings (" << r.run->findings_new
        << " new). " << r.findings.size() << " shown.\n\n";
  } else {
    out << "Nothing checked yet (run `crosscheck check`).\n\n";
  }
  size_t others = 0;
  const std::vector<const ReportSource*> listed = listed_sources(r, others);
  if (listed.empty() && others) {
    out << "## Sources\n\n" << others << ", none cited by the findings shown (`crosscheck sources` lists them).\n\n";
  } else if (!listed.empty()) {
    out << (others ? "## Sources cited" : "## Sources")
        << "\n\n| # | File | Outlet | Published | Claims | Derived from |\n|---|---|---|---|---|---|\n";
    for (const ReportSource* listed_source : listed) {
      const ReportSource& rs = *listed_source;
      const SourceSummary& s = rs.source;
      std::string derived;
      for (const std::string& d : rs.derived_from) derived += (derived.empty() ? "" : ", ") + markdown_escape(d);
      out << "| " << s.id << " | " << markdown_escape(s.file) << " | " << (s.outlet ? markdown_escape(*s.outlet) : "")
          << " | " << (s.published ? markdown_escape(*s.published) : "undated") << " | " << s.claims << " | "
          << derived << " |\n";
    }
    if (others) out << "\nAnd " << others << " other sources (`crosscheck sources` lists them all).\n";
    out << "\n";
  }
  if (r.findings.empty()) {
    out << "No findings shown.\n";
    return;
  }
  const SourceIndex by_id = index_sources(r);
  for (Severity s : {Severity::kHigh, Severity::kMedium, Severity::kLow}) {
    const auto n = std::count_if(r.findings.begin(), r.findings.end(),
                                 [s](const StoredFinding& f) { return f.finding.severity == s; });
    if (n == 0) continue;
    std::string name = severity_name(s);
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    out << "## " << name << " (" << n << ")\n\n";
    for (const StoredFinding& f : r.findings)
      if (f.finding.severity == s) markdown_finding(out, f, by_id);
  }
}

std::string csv_cell(std::string_view s) {
  std::string v = terminal_safe(s, true);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void render_csv(std::ostream& out, const Report& r) {
  static const std::vector<std::string> kColumns = {"finding_id", "kind",    "severity",  "confidence", "status",
                                                    "summary",    "explanation", "file", "outlet",     "published",
                                                    "start",      "end",     "text"};
  std::set<std::string> names;
  for (const StoredFinding& sf : r.findings)
    for (const Evidence& e : sf.finding.evidence)
      if (e.fields.is_object())
        for (const auto& [k, v] : e.fields.items()) names.insert(k);
  const std::vector<std::string> fields(names.begin(), names.end());
  const auto row = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_cell(cells[i]);
    out << "\r\n";
  };
  std::vector<std::string> header = kColumns;
  for (const std::string& f : fields) {
    const bool taken = std::find(kColumns.begin(), kColumns.end(), f) != kColumns.end();
    header.push_back(taken ? "field_" + f : f);
  }
  row(header);
  const SourceIndex by_id = index_sources(r);
  for (const StoredFinding& sf : r.findings) {
    const Finding& f = sf.finding;
    const std::vector<std::string> head = {f.id,        finding_kind_name(f.kind), severity_name(f.severity),
                                           confidence_text(f.confidence), finding_status_name(sf.status),
                                           f.summary,   f.explanation};
    if (f.evidence.empty()) {
      std::vector<std::string> cells = head;
      cells.resize(kColumns.size() + fields.size());
      row(cells);
    }
    for (const Evidence& e : f.evidence) {
      std::vector<std::string> cells = head;
      const SourceSummary* s = source_of(by_id, e);
      cells.push_back(e.file);
      cells.push_back(s && s->outlet ? *s->outlet : "");
      cells.push_back(s && s->published ? *s->published : "");
      cells.push_back(std::to_string(e.span.start));
      cells.push_back(std::to_string(e.span.end));
      cells.push_back(e.text);
      for (const std::string& name : fields) {
        const auto it = e.fields.is_object() ? e.fields.find(name) : e.fields.end();
        cells.push_back(it == e.fields.end() ? "" : field_text(*it));
      }
      row(cells);
    }
  }
}

std::string claimreview_rating(FindingKind kind, Severity severity) {
  switch (kind) {
    case FindingKind::kMisattributedQuote: return "Misattributed";
    case FindingKind::kAlteredQuote:
      return severity == Severity::kLow ? "Quote worded slightly differently" : "Altered quote";
    case FindingKind::kNameVariant: return "Name spelled differently by another source";
    case FindingKind::kRoleConflict: return "Contradicted by another source: title or role";
    case FindingKind::kDateConflict: return "Contradicted by another source: date";
    case FindingKind::kNumberConflict: return "Contradicted by another source: figure";
    case FindingKind::kListConflict: return "Contradicted by another source: list";
    case FindingKind::kCertaintyChange: return "Certainty changed from another source";
    case FindingKind::kUncorroboratedQuote: return "Unverified: carried by one outlet";
    case FindingKind::kDerivedCopy: return "Copied from another source";
    case FindingKind::kSummaryUnsupported: return "Unsupported: not in the source it summarises";
  }
  return "Needs context";
}

nlohmann::json claimreview_json(const Report& r, const ClaimReviewOptions& o) {
  const SourceIndex by_id = index_sources(r);
  nlohmann::json author = {{"@type", "Organization"}, {"name", clean(o.org)}};
  if (!o.base_url.empty()) author["url"] = clean(o.base_url);
  nlohmann::json out = nlohmann::json::array();
  for (const StoredFinding& sf : r.findings) {
    const Finding& f = sf.finding;
    nlohmann::json appearances = nlohmann::json::array();
    std::set<int64_t> seen;
    for (const Evidence& e : f.evidence)
      if (seen.insert(e.source_id).second) appearances.push_back(appearance(e, source_of(by_id, e)));
    nlohmann::json review = {
        {"@context", "https://schema.org"},
        {"@type", "ClaimReview"},
        {"identifier", f.id},
        {"name", clean(f.summary)},
        {"claimReviewed", clean(claim_reviewed(f))},
        {"reviewBody", clean(f.explanation)},
        {"itemReviewed", {{"@type", "Claim"}, {"appearance", std::move(appearances)}}},
        {"reviewRating",
         {{"@type", "Rating"},
          {"alternateName", claimreview_rating(f.kind, f.severity)},
          {"ratingExplanation", clean(f.explanation)}}},
        {"author", author}};
    if (r.run) review["datePublished"] = date_part(r.run->started_at);
    if (!o.base_url.empty()) review["url"] = clean(o.base_url) + "#finding-" + f.id;
    out.push_back(std::move(review));
  }
  return out;
}

std::string render_claimreview(const Report& r, const ClaimReviewOptions& o) {
  return claimreview_json(r, o).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace crosscheck
