#include "engine/report.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "engine/report_formats.h"
#include "engine/report_html.h"
#include "engine/utf8.h"

namespace crosscheck {

const char* report_format_name(ReportFormat f) {
  switch (f) {
    case ReportFormat::kText: return "text";
    case ReportFormat::kJson: return "json";
    case ReportFormat::kMarkdown: return "md";
    case ReportFormat::kHtml: return "html";
    case ReportFormat::kCsv: return "csv";
    case ReportFormat::kClaimReview: return "claimreview";
  }
  return "text";
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  for (ReportFormat f : {ReportFormat::kText, ReportFormat::kJson, ReportFormat::kMarkdown, ReportFormat::kHtml,
                         ReportFormat::kCsv, ReportFormat::kClaimReview})
    if (name == report_format_name(f)) return f;
  return std::nullopt;
}

namespace {

constexpr std::array<std::string_view, 6> kEvidenceKeys = {"file", "source_id", "version_id", "start", "end", "text"};
constexpr std::string_view kFieldPrefix = "field_";

bool is_evidence_key(std::string_view k) {
  return std::find(kEvidenceKeys.begin(), kEvidenceKeys.end(), k) != kEvidenceKeys.end();
}

nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json run_to_json(const RunInfo& r) {
  return {{"id", r.id},
          {"kind", run_kind_name(r.kind)},
          {"started_at", r.started_at},
          {"finished_at", opt(r.finished_at)},
          {"rules_version", r.rules_version},
          {"sources", r.sources},
          {"claims", r.claims},
          {"findings_total", r.findings_total},
          {"findings_new", r.findings_new}};
}

std::optional<int64_t> int_in(const nlohmann::json& details, const char* key) {
  if (!details.is_object()) return std::nullopt;
  const auto it = details.find(key);
  if (it == details.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

}  // namespace

std::string field_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : compact_json(v); }

void link_derived_sources(Report& report) {
  std::map<int64_t, std::string> file_of;
  for (const ReportSource& s : report.sources) file_of[s.source.id] = s.source.file;
  std::map<int64_t, std::set<std::string>> originals;
  const auto link = [&](int64_t copy, int64_t original) {
    if (copy == original) return;
    const auto it = file_of.find(original);
    if (it != file_of.end()) originals[copy].insert(it->second);
  };
  for (const StoredFinding& sf : report.findings) {
    const Finding& f = sf.finding;
    if (f.kind != FindingKind::kDerivedCopy) continue;
    const auto copy = int_in(f.details, "copy_source_id");
    const auto original = int_in(f.details, "original_source_id");
    std::vector<int64_t> copies, originals_here;
    for (const Evidence& e : f.evidence) {
      const auto role = e.fields.is_object() ? e.fields.find("role") : e.fields.end();
      if (role == e.fields.end() || !role->is_string()) continue;
      if (*role == "derived") copies.push_back(e.source_id);
      if (*role == "original") originals_here.push_back(e.source_id);
    }
    if (copy && original) {
      link(*copy, *original);
    } else if (!copies.empty() && !originals_here.empty()) {
      for (int64_t c : copies)
        for (int64_t o : originals_here) link(c, o);
    } else if (!f.evidence.empty()) {
      for (size_t i = 1; i < f.evidence.size(); ++i) link(f.evidence[0].source_id, f.evidence[i].source_id);
    }
  }
  for (ReportSource& s : report.sources) {
    const auto it = originals.find(s.source.id);
    s.derived_from = it == originals.end() ? std::vector<std::string>{}
                                           : std::vector<std::string>(it->second.begin(), it->second.end());
  }
}

std::vector<const ReportSource*> listed_sources(const Report& r, size_t& others) {
  std::vector<const ReportSource*> out;
  const size_t total = std::max(r.sources_total, r.sources.size());
  if (total <= kListAllSources) {
    for (const ReportSource& s : r.sources) out.push_back(&s);
    others = 0;
    return out;
  }
  std::set<int64_t> cited;
  std::set<std::string_view> originals;  // files, as derived_from names them
  for (const StoredFinding& f : r.findings)
    for (const Evidence& e : f.finding.evidence) cited.insert(e.source_id);
  for (const ReportSource& s : r.sources)
    if (cited.count(s.source.id))
      for (const std::string& file : s.derived_from) originals.insert(file);
  for (const ReportSource& s : r.sources)
    if (cited.count(s.source.id) || originals.count(s.source.file)) out.push_back(&s);
  others = total - out.size();
  return out;
}

Result<Report> load_report(SQLite::Database& db, FindingFilter filter, bool all_runs, bool cited_sources) {
  Report r;
  if (filter.run) {
    auto run = find_run(db, *filter.run);
    if (!run.ok()) return run.status();
    if (!run->has_value()) return Status::NotFound("no run " + std::to_string(*filter.run));
    r.run = **run;
  } else {
    auto run = latest_run(db);
    if (!run.ok()) return run.status();
    r.run = *run;
    if (r.run && !all_runs) filter.run = r.run->id;
  }
  if (all_runs) filter.run.reset();
  auto total = count_current_sources(db);
  if (!total.ok()) return total.status();
  r.sources_total = *total;
  const bool some = cited_sources && *total > kListAllSources;
  const auto add_sources = [&r, &db](const std::vector<int64_t>* ids) -> Status {
    auto sources = load_source_summaries(db, ids);
    if (!sources.ok()) return sources.status();
    for (SourceSummary& s : *sources) r.sources.push_back(ReportSource{std::move(s), {}});
    return Status::Ok();
  };
  if (!some) CC_RETURN_IF_ERROR(add_sources(nullptr));
  if (!r.run && !all_runs) return r;
  auto findings = load_findings(db, filter);
  if (!findings.ok()) return findings.status();
  r.findings = std::move(*findings);

  // Derivation is a property of the sources, so read it from every
  // derived_copy finding of the run, whatever the filters kept.
  Report links;
  links.sources = r.sources;
  FindingFilter copies;
  copies.run = filter.run;
  copies.kinds = {FindingKind::kDerivedCopy};
  auto derived = load_findings(db, copies);
  if (!derived.ok()) return derived.status();
  links.findings = std::move(*derived);
  if (some) {
    // The cited sources, and every source of a derived copy finding that
    // cites one of them (its original, or its copies).
    std::set<int64_t> ids;
    for (const StoredFinding& f : r.findings)
      for (const Evidence& e : f.finding.evidence) ids.insert(e.source_id);
    std::vector<int64_t> linked;
    for (const StoredFinding& f : links.findings) {
      const auto& ev = f.finding.evidence;
      if (std::any_of(ev.begin(), ev.end(), [&](const Evidence& e) { return ids.count(e.source_id) > 0; }))
        for (const Evidence& e : ev) linked.push_back(e.source_id);
    }
    ids.insert(linked.begin(), linked.end());
    const std::vector<int64_t> wanted(ids.begin(), ids.end());
    CC_RETURN_IF_ERROR(add_sources(&wanted));
    links.sources = r.sources;
  }
  link_derived_sources(links);
  r.sources = std::move(links.sources);
  return r;
}

Status parse_since(std::string_view value, ReportRequest& req) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool all_digits = !value.empty() && value.size() <= 18 && std::all_of(value.begin(), value.end(), digit);
  if (all_digits) {
    req.since_run = std::stoll(std::string(value));
    req.since_date.reset();
    return Status::Ok();
  }
  // YYYY-MM-DD, then optionally 'T' or ' ' and a time made of digits, ':', '.', 'Z', '+', '-'.
  bool ok = value.size() >= 10 && value[4] == '-' && value[7] == '-';
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && digit(value[i]);
  if (ok) {
    const int month = (value[5] - '0') * 10 + (value[6] - '0');
    const int day = (value[8] - '0') * 10 + (value[9] - '0');
    ok = month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  if (ok && value.size() > 10) {
    ok = value[10] == 'T' || value[10] == ' ';
    for (size_t i = 11; ok && i < value.size(); ++i)
      ok = digit(value[i]) || value[i] == ':' || value[i] == '.' || value[i] == 'Z' || value[i] == '+' ||
           value[i] == '-';
  }
  if (!ok)
    return Status::Invalid("--since: '" + std::string(value) + "' is neither a run id nor a date (YYYY-MM-DD)");
  std::string date(value);
  if (date.size() > 10) date[10] = 'T';
  req.since_date = date;
  req.since_run.reset();
  return Status::Ok();
}

Result<Report> load_report(SQLite::Database& db, const ReportRequest& req) {
  const bool for_people =
      req.format == ReportFormat::kText || req.format == ReportFormat::kMarkdown || req.format == ReportFormat::kHtml;
  auto report = load_report(db, req.filter, req.all_runs, for_people);
  if (!report.ok() || (!req.since_run && !req.since_date)) return report;
  // One look-up per distinct first run: bounded by the number of runs.
  std::map<int64_t, bool> keep;
  for (const StoredFinding& f : report->findings) {
    if (keep.count(f.first_run)) continue;
    bool k = true;
    if (req.since_run) k = f.first_run > *req.since_run;
    if (k && req.since_date) {
      auto run = find_run(db, f.first_run);
      if (!run.ok()) return run.status();
      k = run->has_value() && (*run)->started_at >= *req.since_date;
    }
    keep[f.first_run] = k;
  }
  std::erase_if(report->findings, [&](const StoredFinding& f) { return !keep[f.first_run]; });
  return report;
}

Status render_report(std::ostream& out, const Report& r, const ReportRequest& req, bool colour) {
  switch (req.format) {
    case ReportFormat::kText: render_text(out, r, colour); return Status::Ok();
    case ReportFormat::kJson: out << render_json(r); return Status::Ok();
    case ReportFormat::kMarkdown: render_markdown(out, r); return Status::Ok();
    case ReportFormat::kHtml: render_html(out, r); return Status::Ok();
    case ReportFormat::kCsv: render_csv(out, r); return Status::Ok();
    case ReportFormat::kClaimReview: {
      if (req.org.empty()) return Status::Invalid("--format claimreview needs --org NAME (the reviewing organisation)");
      ClaimReviewOptions o;
      o.org = req.org;
      o.base_url = req.base_url;
      out << render_claimreview(r, o);
      return Status::Ok();
    }
  }
  return Status::Internal("unknown report format");
}

nlohmann::json evidence_to_json(const Evidence& e) {
  nlohmann::json j = {{"file", e.file},         {"source_id", e.source_id}, {"version_id", e.version_id},
                      {"start", e.span.start}, {"end", e.span.end},        {"text", e.text}};
  if (e.fields.is_object()) {
    for (const auto& [k, v] : e.fields.items()) {
      if (is_evidence_key(k)) {
        j[std::string(kFieldPrefix) + k] = v;
      } else {
        j[k] = v;
      }
    }
  }
  return j;
}

nlohmann::json finding_to_json(const StoredFinding& sf) {
  const Finding& f = sf.finding;
  nlohmann::json ev = nlohmann::json::array();
  for (const Evidence& e : f.evidence) ev.push_back(evidence_to_json(e));
  return {{"id", f.id},
          {"kind", finding_kind_name(f.kind)},
          {"severity", severity_name(f.severity)},
          {"confidence", f.confidence},
          {"summary", f.summary},
          {"explanation", f.explanation},
          {"details", f.details},
          {"status", finding_status_name(sf.status)},
          {"first_run", sf.first_run},
          {"last_run", sf.last_run},
          {"evidence", std::move(ev)}};
}

nlohmann::json report_to_json(const Report& r) {
  nlohmann::json sources = nlohmann::json::array();
  for (const ReportSource& rs : r.sources) {
    const SourceSummary& s = rs.source;
    sources.push_back({{"id", s.id},
                       {"version_id", s.version_id},
                       {"file", s.file},
                       {"outlet", opt(s.outlet)},
                       {"title", opt(s.title)},
                       {"published", opt(s.published)},
                       {"url", opt(s.url)},
                       {"claims", s.claims},
                       {"derived_from", rs.derived_from}});
  }
  nlohmann::json findings = nlohmann::json::array();
  for (const StoredFinding& f : r.findings) findings.push_back(finding_to_json(f));
  return {{"run", r.run ? run_to_json(*r.run) : nlohmann::json(nullptr)},
          {"sources", std::move(sources)},
          {"findings", std::move(findings)}};
}

std::string render_json(const Report& r) {
  return report_to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<StoredFinding> finding_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return Status::Invalid("a finding is not a JSON object");
  const auto str = [&](const nlohmann::json& o, const char* key, std::string& out) -> Status {
    const auto it = o.find(key);
    if (it == o.end() || !it->is_string()) return Status::Invalid(std::string("finding: '") + key + "' is not a string");
    out = it->get<std::string>();
    return Status::Ok();
  };
  const auto integer = [&](const nlohmann::json& o, const char* key, int64_t& out) -> Status {
    const auto it = o.find(key);
    if (it == o.end() || !it->is_number_integer())
      return Status::Invalid(std::string("finding: '") + key + "' is not an integer");
    out = it->get<int64_t>();
    return Status::Ok();
  };
  StoredFinding sf;
  Finding& f = sf.finding;
  std::string kind, severity, status;
  CC_RETURN_IF_ERROR(str(j, "id", f.id));
  CC_RETURN_IF_ERROR(str(j, "kind", kind));
  CC_RETURN_IF_ERROR(str(j, "severity", severity));
  CC_RETURN_IF_ERROR(str(j, "summary", f.summary));
  CC_RETURN_IF_ERROR(str(j, "explanation", f.explanation));
  const auto k = parse_finding_kind(kind);
  if (!k) return Status::Invalid("finding: unknown kind '" + kind + "'");
  f.kind = *k;
  const auto s = parse_severity(severity);
  if (!s) return Status::Invalid("finding: unknown severity '" + severity + "'");
  f.severity = *s;
  const auto conf = j.find("confidence");
  if (conf == j.end() || !conf->is_number()) return Status::Invalid("finding: 'confidence' is not a number");
  f.confidence = conf->get<double>();
  if (const auto d = j.find("details"); d != j.end()) f.details = *d;
  if (j.contains("status")) {
    CC_RETURN_IF_ERROR(str(j, "status", status));
    const auto st = parse_finding_status(status);
    if (!st) return Status::Invalid("finding: unknown status '" + status + "'");
    sf.status = *st;
  }
  if (j.contains("first_run")) CC_RETURN_IF_ERROR(integer(j, "first_run", sf.first_run));
  if (j.contains("last_run")) CC_RETURN_IF_ERROR(integer(j, "last_run", sf.last_run));
  const auto ev = j.find("evidence");
  if (ev == j.end() || !ev->is_array()) return Status::Invalid("finding: 'evidence' is not an array");
  for (const auto& item : *ev) {
    if (!item.is_object()) return Status::Invalid("finding: an evidence item is not an object");
    Evidence e;
    int64_t start = 0, end = 0;
    CC_RETURN_IF_ERROR(str(item, "file", e.file));
    CC_RETURN_IF_ERROR(str(item, "text", e.text));
    CC_RETURN_IF_ERROR(integer(item, "source_id", e.source_id));
    CC_RETURN_IF_ERROR(integer(item, "start", start));
    CC_RETURN_IF_ERROR(integer(item, "end", end));
    if (item.contains("version_id")) CC_RETURN_IF_ERROR(integer(item, "version_id", e.version_id));
    if (start < 0 || end < start || end > UINT32_MAX) return Status::Invalid("finding: bad evidence span");
    e.span = Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    for (const auto& [key, v] : item.items()) {
      if (is_evidence_key(key)) continue;
      const std::string_view name(key);
      if (name.substr(0, kFieldPrefix.size()) == kFieldPrefix && is_evidence_key(name.substr(kFieldPrefix.size()))) {
        e.fields[std::string(name.substr(kFieldPrefix.size()))] = v;
      } else {
        e.fields[key] = v;
      }
    }
    f.evidence.push_back(std::move(e));
  }
  return sf;
}

std::string terminal_safe(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    if (cp == '\n' && keep_newlines) {
      out += '\n';
    } else if (cp == '\t' || cp == '\n' || cp == '\r') {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C) {
      append_utf8(out, kReplacementChar);
    } else if (cp == kReplacementChar) {
      append_utf8(out, kReplacementChar);
    } else {
      out.append(s, start, i - start);
    }
  }
  return out;
}

namespace {

struct Palette {
  bool on = false;
  std::string wrap(std::string_view code, std::string_view text) const {
    if (!on) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }
};

const char* severity_colour(Severity s) {
  switch (s) {
    case Severity::kHigh: return "1;31";
    case Severity::kMedium: return "1;33";
    case Severity::kLow: return "1;34";
  }
  return "1";
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Writes `text` with every line after a newline indented by `indent`.
void indented(std::ostream& out, std::string_view text, std::string_view indent) {
  out << indent;
  for (char c : text) {
    out << c;
    if (c == '\n') out << indent;
  }
  out << "\n";
}

void render_source_line(std::ostream& out, const ReportSource& rs, const Palette& p) {
  const SourceSummary& s = rs.source;
  out << "  [" << s.id << "] " << p.wrap("36", terminal_safe(s.file, false));
  std::string about;
  if (s.outlet) about += terminal_safe(*s.outlet, false);
  about += about.empty() ? "" : ", ";
  about += s.published ? "published " + terminal_safe(*s.published, false) : "undated";
  out << " (" << about << ")";
  if (!rs.derived_from.empty()) {
    out << " derived from ";
    for (size_t i = 0; i < rs.derived_from.size(); ++i)
      out << (i ? ", " : "") << terminal_safe(rs.derived_from[i], false);
  }
  out << "\n";
}

void render_finding(std::ostream& out, const StoredFinding& sf, const std::map<int64_t, const SourceSummary*>& by_id,
                    const Palette& p) {
  const Finding& f = sf.finding;
  char conf[16];
  std::snprintf(conf, sizeof conf, "%.2f", f.confidence);
  out << "  " << p.wrap("1", finding_kind_name(f.kind)) << ": " << terminal_safe(f.summary, false) << "\n";
  out << "    " << p.wrap("2", "id " + f.id + "  confidence " + conf + "  status " + finding_status_name(sf.status))
      << "\n";
  if (!f.explanation.empty()) indented(out, terminal_safe(f.explanation, true), "    ");
  for (const Evidence& e : f.evidence) {
    out << "    - " << p.wrap("36", terminal_safe(e.file, false));
    const auto it = by_id.find(e.source_id);
    if (it != by_id.end() && it->second->outlet) out << " (" << terminal_safe(*it->second->outlet, false) << ")";
    out << ":\n";
    out << "        " << terminal_safe(e.text, false) << "\n";
  }
  out << "\n";
}

}  // namespace

void render_text(std::ostream& out, const Report& r, bool colour) {
  const Palette p{colour};
  if (r.run) {
    out << p.wrap("1", "crosscheck report") << ": run " << r.run->id << " (" << run_kind_name(r.run->kind) << ", "
        << terminal_safe(r.run->started_at, false) << "), " << r.run->sources << " sources, "
        << r.run->findings_total << " findings (" << r.run->findings_new << " new)\n";
  } else {
    out << p.wrap("1", "crosscheck report") << ": nothing checked yet (run 'crosscheck check')\n";
  }
  size_t others = 0;
  const std::vector<const ReportSource*> listed = listed_sources(r, others);
  if (listed.empty() && others) {
    out << "\nSources: " << others << ", none cited by the findings shown (crosscheck sources lists them)\n";
  } else if (!listed.empty()) {
    out << "\nSources" << (others ? " cited" : "") << "\n";
    for (const ReportSource* s : listed) render_source_line(out, *s, p);
    if (others) out << "  and " << others << " other sources (crosscheck sources lists them all)\n";
  }
  std::map<int64_t, const SourceSummary*> by_id;
  for (const ReportSource& s : r.sources) by_id[s.source.id] = &s.source;
  if (r.findings.empty()) {
    out << "\nNo findings shown.\n";
    return;
  }
  for (Severity s : {Severity::kHigh, Severity::kMedium, Severity::kLow}) {
    const auto n = std::count_if(r.findings.begin(), r.findings.end(),
                                 [s](const StoredFinding& f) { return f.finding.severity == s; });
    if (n == 0) continue;
    out << "\n" << p.wrap(severity_colour(s), upper(severity_name(s))) << " (" << n << ")\n\n";
    for (const StoredFinding& f : r.findings)
      if (f.finding.severity == s) render_finding(out, f, by_id, p);
  }
}

}  // namespace crosscheck
