#include "engine/report_html.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <cstdio>
#include <map>
#include <set>

#include "engine/sha256.h"
#include "engine/word_diff.h"

namespace crosscheck {

namespace {

// The page's only style and script. Neither ever holds report text.
constexpr std::string_view kStyle = R"CSS(
:root{--fg:#1d2430;--muted:#5b6574;--line:#d8dde4;--high:#b3261e;--medium:#a05a00;--low:#285d9e}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1200px;padding:1em 1.5em}
h1{margin:.2em 0}h2{margin-top:1.5em;border-bottom:1px solid var(--line)}
.run,.meta{color:var(--muted)}
table{border-collapse:collapse;width:100%}th,td{border:1px solid var(--line);padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f5f8}td{overflow-wrap:anywhere}
#filters{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:center;padding:.6em;background:#f3f5f8;border-radius:6px;margin:1em 0}
#filters fieldset{border:0;padding:0;margin:0}#filters label{white-space:nowrap;margin-right:.6em}
.finding{border:1px solid var(--line);border-left:6px solid var(--low);border-radius:6px;padding:.6em 1em;margin:1em 0}
.finding.sev-high{border-left-color:var(--high)}.finding.sev-medium{border-left-color:var(--medium)}
.finding h3{margin:.2em 0 .4em;font-size:1.05em}
.badge{display:inline-block;font-size:.8em;font-weight:600;text-transform:uppercase;padding:0 .45em;border-radius:4px;color:#fff;background:var(--low)}
.badge.sev-high{background:var(--high)}.badge.sev-medium{background:var(--medium)}
.kind{font-family:ui-monospace,monospace;color:var(--muted)}
.why{margin:.3em 0;white-space:pre-wrap}
.qdiff{font-style:italic}
del{background:#fbe3e1;color:#7a1a14}ins{background:#e3f4e1;color:#1d5c18;text-decoration:none}
mark{background:#fff0a8}
.evidence{display:grid;grid-template-columns:repeat(auto-fit,minmax(18em,1fr));gap:.8em;margin-top:.5em}
.side{border:1px solid var(--line);border-radius:4px;padding:.4em .7em;background:#fbfcfd}
.side h4{margin:.1em 0 .3em;font-size:.95em}.side blockquote{margin:.2em 0;white-space:pre-wrap}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:0 .6em;margin:.4em 0 0;font-size:.9em}
dl.fields dt{color:var(--muted)}dl.fields dd{margin:0}
[hidden]{display:none!important}
)CSS";

constexpr std::string_view kScript = R"JS(
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var items = [].slice.call(document.querySelectorAll('article.finding'));
  var rank = {low: 0, medium: 1, high: 2};
  var boxes = [].slice.call(form.querySelectorAll('input[name=kind]'));
  function apply() {
    var kinds = {};
    boxes.forEach(function (c) { kinds[c.value] = c.checked; });
    var min = rank[form.elements['min-severity'].value] || 0;
    var status = form.elements['status'].value;
    var shown = 0;
    items.forEach(function (a) {
      var show = kinds[a.dataset.kind] !== false && rank[a.dataset.severity] >= min &&
                 (status === '' || a.dataset.status === status);
      a.hidden = !show;
      if (show) shown++;
    });
    document.getElementById('shown').textContent = shown + ' of ' + items.length + ' findings shown';
  }
  function preset() {
    var h = (location.hash || '').replace(/^#/, '');
    h.split('&').forEach(function (part) {
      var kv = part.split('=');
      var k, v;
      try { k = decodeURIComponent(kv[0] || ''); v = decodeURIComponent(kv[1] || ''); } catch (e) { return; }
      if (k === 'min-severity' && rank.hasOwnProperty(v)) form.elements['min-severity'].value = v;
      if (k === 'status' && ['', 'open', 'confirmed', 'dismissed'].indexOf(v) >= 0) form.elements['status'].value = v;
      if (k === 'kind') {
        var only = v.split(',');
        boxes.forEach(function (c) { c.checked = only.indexOf(c.value) >= 0; });
      }
    });
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  preset();
  apply();
})();
)JS";

std::string confidence_text(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

bool is_http_url(std::string_view u) {
  const auto starts = [&](std::string_view p) {
    if (u.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(u[i])) != p[i]) return false;
    return true;
  };
  return starts("http://") || starts("https://");
}

std::optional<std::string> quote_of(const Evidence& e) {
  if (!e.fields.is_object()) return std::nullopt;
  const auto q = e.fields.find("quote");
  if (q == e.fields.end() || !q->is_string()) return std::nullopt;
  return q->get<std::string>();
}

void render_header(std::ostream& out, const Report& r) {
  out << "<header><h1>crosscheck report</h1>\n<p class=\"run\">";
  if (r.run) {
    out << "Run " << r.run->id << " (" << run_kind_name(r.run->kind) << "), started "
        << html_escape(r.run->started_at);
    if (r.run->finished_at) out << ", finished " << html_escape(*r.run->finished_at);
    out << "; rules " << html_escape(r.run->rules_version) << "; " << r.run->sources << " sources, "
        << r.run->claims << " claims, " << r.run->findings_total << " findings (" << r.run->findings_new
        << " new); " << r.findings.size() << " in this report.";
  } else {
    out << "Nothing checked yet (run <code>crosscheck check</code>).";
  }
  out << "</p></header>\n";
}

void render_sources(std::ostream& out, const Report& r) {
  size_t others = 0;
  const std::vector<const ReportSource*> listed = listed_sources(r, others);
  if (listed.empty() && !others) return;
  if (listed.empty()) {
    out << "<section id=\"sources\"><h2>Sources</h2><p>" << others
        << ", none cited by the findings shown (<code>crosscheck sources</code> lists them).</p></section>\n";
    return;
  }
  out << "<section id=\"sources\"><h2>" << (others ? "Sources cited" : "Sources")
      << "</h2>\n<table><thead><tr><th>#</th><th>File</th><th>Outlet</th>"
         "<th>Title</th><th>Published</th><th>Claims</th><th>Derived from</th></tr></thead><tbody>\n";
  for (const ReportSource* listed_source : listed) {
    const ReportSource& rs = *listed_source;
    const SourceSummary& s = rs.source;
    out << "<tr><td>" << s.id << "</td><td>";
    if (s.url && is_http_url(*s.url)) {
      out << "<a href=\"" << html_escape(*s.url) << "\" rel=\"noopener noreferrer\">" << html_escape(s.file) << "</a>";
    } else {
      out << html_escape(s.file);
    }
    out << "</td><td>" << (s.outlet ? html_escape(*s.outlet) : "") << "</td><td>"
        << (s.title ? html_escape(*s.title) : "") << "</td><td>"
        << (s.published ? html_escape(*s.published) : "undated") << "</td><td>" << s.claims << "</td><td>";
    for (size_t i = 0; i < rs.derived_from.size(); ++i) out << (i ? ", " : "") << html_escape(rs.derived_from[i]);
    out << "</td></tr>\n";
  }
  out << "</tbody></table>";
  if (others) out << "<p>And " << others << " other sources (<code>crosscheck sources</code> lists them all).</p>";
  out << "</section>\n";
}

void render_filters(std::ostream& out, const Report& r) {
  std::set<std::string> kinds;
  for (const StoredFinding& f : r.findings) kinds.insert(finding_kind_name(f.finding.kind));
  out << "<form id=\"filters\"><fieldset><legend>Kinds</legend>";
  for (const std::string& k : kinds)
    out << "<label><input type=\"checkbox\" name=\"kind\" value=\"" << html_escape(k) << "\" checked> "
        << html_escape(k) << "</label>";
  out << "</fieldset>\n<label>Minimum severity <select name=\"min-severity\"><option value=\"low\">low</option>"
         "<option value=\"medium\">medium</option><option value=\"high\">high</option></select></label>\n"
         "<label>Status <select name=\"status\"><option value=\"\">any</option><option value=\"open\">open</option>"
         "<option value=\"confirmed\">confirmed</option><option value=\"dismissed\">dismissed</option></select>"
         "</label>\n<output id=\"shown\"></output></form>\n";
}

// `text` as shown beside `other`: the words `other` lacks are marked.
void render_marked(std::ostream& out, std::string_view other, std::string_view text) {
  for (const WordDiffPart& p : word_diff(other, text)) {
    switch (p.op) {
      case DiffOp::kEqual: out << html_escape(p.text); break;
      case DiffOp::kInsert: out << "<mark>" << html_escape(p.text) << "</mark>"; break;
      case DiffOp::kDelete: break;
    }
  }
}

void render_quote_diff(std::ostream& out, const Finding& f) {
  if (f.evidence.size() < 2) return;
  const auto a = quote_of(f.evidence[0]);
  const auto b = quote_of(f.evidence[1]);
  if (!a || !b || *a == *b) return;
  out << "<p class=\"qdiff\">Quote, " << html_escape(f.evidence[0].file) << " &rarr; "
      << html_escape(f.evidence[1].file) << ": &ldquo;";
  const std::vector<WordDiffPart> parts = word_diff(*a, *b);
  for (size_t i = 0; i < parts.size(); ++i) {
    const WordDiffPart& p = parts[i];
    switch (p.op) {
      case DiffOp::kEqual: out << html_escape(p.text); break;
      case DiffOp::kDelete:
        out << "<del>" << html_escape(p.text) << "</del>";
        // A last word deleted and replaced: keep the two apart.
        if (i + 1 < parts.size() && parts[i + 1].op == DiffOp::kInsert && p.text.back() != ' ') out << ' ';
        break;
      case DiffOp::kInsert: out << "<ins>" << html_escape(p.text) << "</ins>"; break;
    }
  }
  out << "&rdquo;</p>\n";
}

void render_finding(std::ostream& out, const StoredFinding& sf, const std::map<int64_t, const SourceSummary*>& by_id) {
  const Finding& f = sf.finding;
  const char* sev = severity_name(f.severity);
  out << "<article class=\"finding sev-" << sev << "\" id=\"finding-" << html_escape(f.id) << "\" data-kind=\""
      << finding_kind_name(f.kind) << "\" data-severity=\"" << sev << "\" data-status=\""
      << finding_status_name(sf.status) << "\">\n<h3><span class=\"badge sev-" << sev << "\">" << sev
      << "</span> <span class=\"kind\">" << finding_kind_name(f.kind) << "</span> " << html_escape(f.summary)
      << "</h3>\n<p class=\"meta\">id <code>" << html_escape(f.id) << "</code> &middot; confidence "
      << confidence_text(f.confidence) << " &middot; status " << finding_status_name(sf.status)
      << " &middot; first raised by run " << sf.first_run << "</p>\n";
  if (!f.explanation.empty())
    out << "<p class=\"why\"><strong>Why raised:</strong> " << html_escape(f.explanation) << "</p>\n";
  if (f.kind == FindingKind::kAlteredQuote || f.kind == FindingKind::kMisattributedQuote) render_quote_diff(out, f);
  out << "<div class=\"evidence\">\n";
  for (size_t i = 0; i < f.evidence.size(); ++i) {
    const Evidence& e = f.evidence[i];
    out << "<div class=\"side\"><h4>" << html_escape(e.file);
    const auto it = by_id.find(e.source_id);
    if (it != by_id.end()) {
      const SourceSummary& s = *it->second;
      if (s.outlet || s.published)
        out << " <span class=\"meta\">(" << (s.outlet ? html_escape(*s.outlet) : "")
            << (s.outlet && s.published ? ", " : "") << (s.published ? html_escape(*s.published) : "") << ")</span>";
    }
    out << "</h4>\n<blockquote>";
    if (f.evidence.size() > 1) {
      render_marked(out, f.evidence[i == 0 ? 1 : 0].text, e.text);
    } else {
      out << html_escape(e.text);
    }
    out << "</blockquote>\n";
    if (e.fields.is_object() && !e.fields.empty()) {
      out << "<dl class=\"fields\">";
      for (const auto& [k, v] : e.fields.items())
        out << "<dt>" << html_escape(k) << "</dt><dd>" << html_escape(field_text(v)) << "</dd>";
      out << "</dl>\n";
    }
    out << "</div>\n";
  }
  out << "</div>\n</article>\n";
}

}  // namespace

std::string html_escape(std::string_view s) {
  const std::string safe = terminal_safe(s, true);
  std::string out;
  out.reserve(safe.size() + safe.size() / 8);
  for (char c : safe) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_report_csp() {
  return "default-src 'none'; script-src '" + csp_hash(kScript) + "'; style-src '" + csp_hash(kStyle) +
         "'; img-src 'none'; base-uri 'none'; form-action 'none'";
}

void render_html(std::ostream& out, const Report& r) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\""
      << html_report_csp()
      << "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>crosscheck report</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n";
  render_header(out, r);
  render_sources(out, r);
  out << "<section id=\"findings\"><h2>Findings</h2>\n";
  if (r.findings.empty()) {
    out << "<p>No findings shown.</p>\n";
  } else {
    render_filters(out, r);
    std::map<int64_t, const SourceSummary*> by_id;
    for (const ReportSource& s : r.sources) by_id[s.source.id] = &s.source;
    for (Severity s : {Severity::kHigh, Severity::kMedium, Severity::kLow})
      for (const StoredFinding& f : r.findings)
        if (f.finding.severity == s) render_finding(out, f, by_id);
  }
  out << "</section>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace crosscheck
