// The HTML report: one self-contained page (inline CSS and script, no
// external URL) that works offline.
//
// Layout: a header with the run; a table of sources (file, outlet, title,
// published, claims, the sources each derives from); filter controls (kinds,
// minimum severity, status); then one <article class="finding"> per finding,
// with data-kind, data-severity and data-status, its summary, confidence,
// status, explanation ("why raised"), for quotes the word diff of the first two
// quotes (<del>/<ins>), and the evidence side by side, one column per source,
// the words that differ from the other side marked (<mark>), with the
// evidence fields.
//
// The script hides findings the filters exclude (the `hidden` attribute). The
// URL fragment presets the filters: "#kind=a,b&min-severity=medium&status=open".
//
// Safety: every byte of text from sources or the store is HTML-escaped
// (& < > " ') after controls are removed and UTF-8 repaired, in text and in
// attributes alike; no such text is written inside <script> or <style>; only
// http(s) URLs become links. A Content-Security-Policy meta allows nothing but
// the page's own script and style, by their SHA-256 hashes.
#ifndef CROSSCHECK_ENGINE_REPORT_HTML_H_
#define CROSSCHECK_ENGINE_REPORT_HTML_H_

#include <ostream>
#include <string>
#include <string_view>

#include "engine/report.h"

namespace crosscheck {

void render_html(std::ostream& out, const Report& r);

// `s` with controls removed, UTF-8 repaired and & < > " ' escaped: safe as
// element text and as a quoted attribute value.
std::string html_escape(std::string_view s);

// The Content-Security-Policy the page carries (for tests).
std::string html_report_csp();

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_HTML_H_
