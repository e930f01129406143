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

nlohmann::json quantity_fields_json(const Quantity& q) {
  using nlohmann::json;
  const auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  const auto text = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
  return JsonObjectBuilder()  // keys in ascending order
      .add("approx", approx_name(q.approx))
      .add("comparative", text(q.comparative))
      .add("currency", opt(q.currency))
      .add("high", opt(q.high))
      .add("high_inclusive", q.high_inclusive)
      .add("low", opt(q.low))
      .add("low_inclusive", q.low_inclusive)
      .add("measures", JsonObjectBuilder()
                           .add("metric", q.measures.metric)
                           .add("stems", q.measures.stems)
                           .add("subject", text(q.measures.subject))
                           .done())
      .add("ordinal", opt(q.ordinal))
      .add("qualifier", text(q.qualifier))
      .add("quantity_kind", quantity_kind_name(q.kind))
      .add("rank", opt(q.rank))
      .add("ratio", q.ratio ? JsonObjectBuilder().add("den", q.ratio->den).add("num", q.ratio->num).done() : json(nullptr))
      .add("rule", q.rule)
      .add("scale", q.scale)
      .add("unit", text(q.unit))
      .add("value", opt(q.value))
      .done();
}

}  // namespace crosscheck
