#include "engine/extractor.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "engine/chrome_marker.h"
#include "engine/date_extractor.h"
#include "engine/quantity_extractor.h"
#include "engine/quote_extractor.h"
#include "engine/segmenter.h"
#include "engine/utf8.h"

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

namespace {

std::string nlohmann_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Numbers nlohmann's serializer would write the same way: integers, and
// doubles holding a whole number below 1e15 in magnitude ("3.0"). False (and
// nothing appended) for the rest: fractions, large values, -0.0, NaN.
bool append_plain_number(std::string& out, const nlohmann::json& v) {
  char buf[32];
  if (v.is_number_unsigned()) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get<uint64_t>()).ptr);
    return true;
  }
  if (v.is_number_integer()) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get<int64_t>()).ptr);
    return true;
  }
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  if (!(std::fabs(d) < 1e15 && d == std::trunc(d) && !(d == 0 && std::signbit(d)))) return false;
  out.append(buf, std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(d)).ptr);
  out += ".0";
  return true;
}

// `s` as a JSON string the way nlohmann writes one without ensure_ascii:
// UTF-8 as it is, the two-character escapes, other control characters as
// lower-case \u00xx. False (and nothing appended) for invalid UTF-8, which
// its error handler replaces.
bool append_plain_string(std::string& out, std::string_view s) {
  const size_t mark = out.size();
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < s.size()) {
    // Eight bytes at a time while none of them needs a look: no byte of 0x80
    // or more (UTF-8 to check), below 0x20, '"' or '\\'. Each test is the
    // classic "some byte is zero / below k" on bytes known to be under 0x80.
    if (s.size() - i >= 8) {
      constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
      if (((w | (w - kOnes * 0x20) | (quote - kOnes) | (backslash - kOnes)) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t start = i;
      if (decode_utf8(s, i) == kReplacementChar && i - start == 1) {
        out.resize(mark);  // invalid UTF-8: nothing appended
        return false;
      }
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
  return true;
}

// compact_json into `out`: nlohmann's serializer (a string stream of its own
// per call) only for what the plain writers above decline.
void append_compact(std::string& out, const nlohmann::json& j) {
  using T = nlohmann::json::value_t;
  switch (j.type()) {
    case T::null: out += "null"; return;
    case T::boolean: out += j.get<bool>() ? "true" : "false"; return;
    case T::string:
      if (append_plain_string(out, j.get_ref<const std::string&>())) return;
      break;
    case T::array: {
      out += '[';
      bool first = true;
      for (const nlohmann::json& e : j) {
        if (!first) out += ',';
        first = false;
        append_compact(out, e);
      }
      out += ']';
      return;
    }
    case T::object: {
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {  // the map's order, as nlohmann's
        if (!first) out += ',';
        first = false;
        append_json_text(out, it.key());
        out += ':';
        append_compact(out, it.value());
      }
      out += '}';
      return;
    }
    case T::number_integer:
    case T::number_unsigned:
    case T::number_float:
      if (append_plain_number(out, j)) return;
      break;
    default: break;
  }
  out += nlohmann_dump(j);
}

}  // namespace

std::string compact_json(const nlohmann::json& j) {
  std::string out;
  append_compact(out, j);
  return out;
}

void append_compact_json(std::string& out, const nlohmann::json& j) { append_compact(out, j); }

void append_json_text(std::string& out, std::string_view s) {
  if (!append_plain_string(out, s)) out += nlohmann_dump(nlohmann::json(std::string(s)));
}

std::string claim_fields_text(const Claim& c) { return compact_json(c.fields); }

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
Claim make_claim(const Document& doc, ClaimKind kind, Span span, nlohmann::json fields) {
  Claim c;
  c.kind = kind;
  c.span = span;
  c.sentence = sentence_at(doc, span.start);
  c.fields = std::move(fields);
  return c;
}
}  // namespace

ExtractedClaims Pipeline::Extract(const Document& doc, ClaimKindSet kinds) const {
  ExtractedClaims out;
  const auto wanted = [kinds](ClaimKind k) { return (kinds & claim_kind_bit(k)) != 0; };
  if (wanted(ClaimKind::kQuote) || wanted(ClaimKind::kReported) || wanted(ClaimKind::kRole)) {
    const QuoteClaims qc = s_->quotes.Extract(doc);
    for (const Quote& q : qc.quotes) {
      const ClaimKind k = q.reported ? ClaimKind::kReported : ClaimKind::kQuote;
      if (wanted(k)) out.claims.push_back(make_claim(doc, k, q.span, quote_fields_json(q, qc)));
    }
    if (wanted(ClaimKind::kRole))
      for (const Role& r : qc.roles)
        out.claims.push_back(make_claim(doc, ClaimKind::kRole, r.span, role_fields_json(r, qc)));
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
    for (const auto& d : s_->dates.Extract(doc))
      out.claims.push_back(make_claim(doc, ClaimKind::kDate, d.span, date_fields_json(d)));
  if (wanted(ClaimKind::kQuantity))
    for (const auto& q : s_->quantities.Extract(doc))
      out.claims.push_back(make_claim(doc, ClaimKind::kQuantity, q.span, quantity_fields_json(q)));
  std::stable_sort(out.claims.begin(), out.claims.end(),
                   [](const Claim& a, const Claim& b) { return a.span.start < b.span.start; });
  return out;
}

std::vector<Claim> Pipeline::ExtractDates(const Document& doc) const {
  std::vector<Claim> out;
  for (const auto& d : s_->dates.Extract(doc))
    out.push_back(make_claim(doc, ClaimKind::kDate, d.span, date_fields_json(d)));
  return out;
}

}  // namespace crosscheck
