#include <algorithm>

#include "engine/claim.h"
#include "engine/quantity_rules.h"
#include "engine/word_tokens.h"

namespace crosscheck {

namespace {

using Kind = QToken::Kind;

// Bounds the look-around of one quantity so a long sentence stays linear-ish.
constexpr int kMaxBack = 14;     // tokens read before the quantity
constexpr int kMaxForward = 8;   // tokens read after it, for a subject
constexpr size_t kMaxMetric = 3;

bool name_word(const QuantityExtractor::Compiled& c, const QToken& t, size_t sentence_start) {
  if (t.kind != Kind::kWord || !t.capitalized) return false;
  std::string_view w = t.lower;
  if (w.ends_with("'s")) w.remove_suffix(2);
  if (c.stopwords.count(w) || c.months.count(w) || c.one_blockers.count(w)) return false;
  if (c.lex.word(w) != nullptr) return false;
  if (c.single_modifiers.count(w)) return false;
  (void)sentence_start;
  return true;
}

std::string strip_possessive(std::string_view s) {
  if (s.size() > 2 && (s.ends_with("'s") || s.ends_with("'S"))) s.remove_suffix(2);
  return std::string(s);
}

// The run of capitalized words around token `t` ("Bill Ready", "Hugging Face").
std::string name_run(const QuantityExtractor::Compiled& c, std::string_view text, const QToken& t, Span s) {
  size_t b = t.begin;
  size_t e = t.end;
  for (int i = 0; i < 4; ++i) {
    QToken p = prev_token(text, b, s.start);
    if (!name_word(c, p, s.start) || p.lower.ends_with("'s")) break;
    b = p.begin;
  }
  if (!t.lower.ends_with("'s")) {
    for (int i = 0; i < 4; ++i) {
      QToken n = next_token(text, e, s.end);
      if (!name_word(c, n, s.start)) break;
      e = n.end;
      if (n.lower.ends_with("'s")) break;
    }
  }
  return strip_possessive(text.substr(b, e - b));
}

bool content_word(const QuantityExtractor::Compiled& c, const QToken& t) {
  if (t.kind != Kind::kWord || t.capitalized || t.lower.size() < 3) return false;
  if (c.stopwords.count(t.lower) || c.lex.word(t.lower) != nullptr) return false;
  for (char ch : t.lower)
    if (!(ch >= 'a' && ch <= 'z') && ch != '-') return false;
  return true;
}

}  // namespace

void fill_measures(const QuantityExtractor::Compiled& c, std::string_view text, Span s, Quantity& q) {
  Measures& m = q.measures;
  // Subject: the nearest name before the quantity, else after it.
  size_t p = q.span.start;
  std::vector<std::string> before;
  bool crossed_clause = false;
  for (int i = 0; i < kMaxBack; ++i) {
    QToken t = prev_token(text, p, s.start);
    if (t.kind == Kind::kNone) break;
    p = t.begin;
    if (t.kind == Kind::kPunct && (t.lower == ";" || t.lower == "\"")) crossed_clause = true;
    if (m.subject.empty() && name_word(c, t, s.start) && !(t.begin == s.start && !t.lower.ends_with("'s") &&
                                                           c.stopwords.count(t.lower))) {
      m.subject = name_run(c, text, t, s);
    }
    if (!crossed_clause && before.size() < kMaxMetric && content_word(c, t)) before.push_back(t.lower);
    if (!crossed_clause && before.size() < kMaxMetric && t.lower.ends_with("'s") && !t.capitalized) {
      QToken bare = t;
      bare.lower.resize(bare.lower.size() - 2);
      if (content_word(c, bare)) before.push_back(bare.lower);
    }
    if (!m.subject.empty() && before.size() >= kMaxMetric) break;
  }
  if (m.subject.empty()) {
    size_t e = q.span.end;
    for (int i = 0; i < kMaxForward; ++i) {
      QToken t = next_token(text, e, s.end);
      if (t.kind == Kind::kNone) break;
      e = t.end;
      if (name_word(c, t, s.start)) {
        m.subject = name_run(c, text, t, s);
        break;
      }
    }
  }
  std::reverse(before.begin(), before.end());
  m.metric = std::move(before);
  if (!q.comparative.empty() &&
      std::find(m.metric.begin(), m.metric.end(), q.comparative) == m.metric.end())
    m.metric.push_back(q.comparative);
  for (const auto& w : m.metric) m.stems.push_back(stem(w));
  if (!q.unit.empty() && !q.currency && q.kind != QuantityKind::kPercent) {
    std::string st = stem(fold_word(q.unit));
    if (std::find(m.stems.begin(), m.stems.end(), st) == m.stems.end()) m.stems.push_back(std::move(st));
  }
}

void append_quantity_fields(const Quantity& q, std::string& out) {
  const auto text = [](const std::string& v) {  // null when empty
    return v.empty() ? std::nullopt : std::optional<std::string_view>(v);
  };
  JsonObjectWriter w(out);  // keys in ascending order
  w.add("approx", approx_name(q.approx))
      .add("comparative", text(q.comparative))
      .add("currency", q.currency)
      .add("high", q.high)
      .add("high_inclusive", q.high_inclusive)
      .add("low", q.low)
      .add("low_inclusive", q.low_inclusive)
      .Open("measures")
      .add("metric", q.measures.metric)
      .add("stems", q.measures.stems)
      .add("subject", text(q.measures.subject))
      .Close()
      .add("ordinal", q.ordinal)
      .add("qualifier", text(q.qualifier))
      .add("quantity_kind", quantity_kind_name(q.kind))
      .add("rank", q.rank);
  if (q.ratio) {
    w.Open("ratio").add("den", q.ratio->den).add("num", q.ratio->num).Close();
  } else {
    w.add("ratio", nullptr);
  }
  w.add("rule", q.rule).add("scale", q.scale).add("unit", text(q.unit)).add("value", q.value).Done();
}

}  // namespace crosscheck
