#include "engine/extractor.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "engine/chrome_marker.h"
#include "engine/date_extractor.h"
#include "engine/quantity_extractor.h"
#include "engine/quote_extractor.h"
#include "engine/segmenter.h"

namespace crosscheck {

const char* claim_kind_name(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::kQuote: return "quote";
    case ClaimKind::kReported: return "reported";
    case ClaimKind::kRole: return "role";
    case ClaimKind::kDate: return "date";
    case ClaimKind::kQuantity: return "quantity";
  }
  return "quote";
}

std::optional<ClaimKind> parse_claim_kind(std::string_view name) {
  for (ClaimKind k : {ClaimKind::kQuote, ClaimKind::kReported, ClaimKind::kRole, ClaimKind::kDate,
                      ClaimKind::kQuantity})
    if (name == claim_kind_name(k)) return k;
  return std::nullopt;
}

nlohmann::json claim_fields(const Claim& c) {
  nlohmann::json j = nlohmann::json::parse(c.fields_text.view(), nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

void set_claim_fields(Claim& c, const nlohmann::json& fields) { c.fields_text = CompactString(compact_json(fields)); }

std::optional<uint32_t> sentence_at(const Document& doc, uint32_t offset) {
  auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), offset,
                             [](uint32_t v, const Sentence& s) { return v < s.span.start; });
  if (it == doc.sentences.begin()) return std::nullopt;
  --it;
  if (offset >= it->span.end && !(offset == it->span.end && it->span.empty())) return std::nullopt;
  return static_cast<uint32_t>(it - doc.sentences.begin());
}

struct Pipeline::Stages {
  Segmenter segmenter;
  ChromeMarker chrome;
  QuoteExtractor quotes;
  DateExtractor dates;
  QuantityExtractor quantities;
};

Pipeline::Pipeline(std::unique_ptr<Stages> s) : s_(std::move(s)) {}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

Result<Pipeline> Pipeline::Load(const RuleSource& rules) {
  auto segmenter = Segmenter::Load(rules);
  if (!segmenter.ok()) return segmenter.status();
  auto chrome = ChromeMarker::Load(rules);
  if (!chrome.ok()) return chrome.status();
  auto quotes = QuoteExtractor::Load(rules);
  if (!quotes.ok()) return quotes.status();
  auto dates = DateExtractor::Load(rules);
  if (!dates.ok()) return dates.status();
  auto quantities = QuantityExtractor::Load(rules);
  if (!quantities.ok()) return quantities.status();
  return Pipeline(std::make_unique<Stages>(Stages{std::move(segmenter).value(), std::move(chrome).value(),
                                                  std::move(quotes).value(), std::move(dates).value(),
                                                  std::move(quantities).value()}));
}

Document Pipeline::Prepare(std::string_view raw, SourceMeta meta) const {
  Document doc;
  doc.normalized = normalize(raw);
  doc.meta = std::move(meta);
  s_->segmenter.Segment(doc);
  s_->chrome.Mark(doc);
  return doc;
}

namespace {

// A claim whose fields `write` appends to a string. The string is the
// thread's own, reused, so a claim costs one allocation: its CompactString.
template <typename Write>
Claim make_claim(const Document& doc, ClaimKind kind, Span span, Write&& write) {
  thread_local std::string fields;
  fields.clear();
  write(fields);
  Claim c;
  c.kind = kind;
  c.span = span;
  c.sentence = sentence_at(doc, span.start);
  c.fields_text = CompactString(fields);
  return c;
}

Claim date_claim(const Document& doc, const DateMention& d) {
  return make_claim(doc, ClaimKind::kDate, d.span, [&d](std::string& out) { append_date_fields(d, out); });
}

}  // namespace

ExtractedClaims Pipeline::Extract(const Document& doc, ClaimKindSet kinds) const {
  ExtractedClaims out;
  const auto wanted = [kinds](ClaimKind k) { return (kinds & claim_kind_bit(k)) != 0; };
  if (wanted(ClaimKind::kQuote) || wanted(ClaimKind::kReported) || wanted(ClaimKind::kRole)) {
    const QuoteClaims qc = s_->quotes.Extract(doc);
    for (const Quote& q : qc.quotes) {
      const ClaimKind k = q.reported ? ClaimKind::kReported : ClaimKind::kQuote;
      if (wanted(k))
        out.claims.push_back(make_claim(doc, k, q.span, [&q](std::string& o) { append_quote_fields(q, o); }));
    }
    if (wanted(ClaimKind::kRole))
      for (const Role& r : qc.roles)
        out.claims.push_back(
            make_claim(doc, ClaimKind::kRole, r.span, [&](std::string& o) { append_role_fields(r, qc, o); }));
    for (const Person& p : qc.people) {
      PersonRecord rec;
      rec.name = p.name;
      rec.organisation = p.organisation;
      for (const Mention& m : p.mentions) {
        rec.alias_spans.push_back(m.span);
        rec.alias_texts.push_back(m.text);
      }
      out.people.push_back(std::move(rec));
    }
  }
  if (wanted(ClaimKind::kDate))
    for (const auto& d : s_->dates.Extract(doc)) out.claims.push_back(date_claim(doc, d));
  if (wanted(ClaimKind::kQuantity))
    for (const auto& q : s_->quantities.Extract(doc))
      out.claims.push_back(
          make_claim(doc, ClaimKind::kQuantity, q.span, [&q](std::string& o) { append_quantity_fields(q, o); }));
  std::stable_sort(out.claims.begin(), out.claims.end(),
                   [](const Claim& a, const Claim& b) { return a.span.start < b.span.start; });
  return out;
}

const NumberLexicon& Pipeline::numbers() const { return s_->quantities.numbers(); }

std::vector<Claim> Pipeline::ExtractDates(const Document& doc) const {
  std::vector<Claim> out;
  for (const auto& d : s_->dates.Extract(doc)) out.push_back(date_claim(doc, d));
  return out;
}

}  // namespace crosscheck
