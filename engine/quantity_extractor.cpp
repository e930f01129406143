#include "engine/quantity_extractor.h"

#include <algorithm>
#include <cmath>

#include "engine/quantity_reading.h"
#include "engine/quantity_rules.h"

namespace crosscheck {

const char* quantity_kind_name(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::kCount: return "count";
    case QuantityKind::kPercent: return "percent";
    case QuantityKind::kMoney: return "money";
    case QuantityKind::kRatio: return "ratio";
    case QuantityKind::kRank: return "rank";
    case QuantityKind::kOrdinal: return "ordinal";
  }
  return "count";
}

const char* approx_name(Approx a) {
  switch (a) {
    case Approx::kExact: return "exact";
    case Approx::kAbout: return "about";
    case Approx::kNearly: return "nearly";
    case Approx::kOver: return "over";
    case Approx::kAtLeast: return "at_least";
    case Approx::kUnder: return "under";
    case Approx::kUpTo: return "up_to";
    case Approx::kRange: return "range";
    case Approx::kVague: return "vague";
  }
  return "exact";
}

QuantityExtractor::QuantityExtractor(std::unique_ptr<Compiled> c) : c_(std::move(c)) {}
QuantityExtractor::QuantityExtractor(QuantityExtractor&&) noexcept = default;
QuantityExtractor& QuantityExtractor::operator=(QuantityExtractor&&) noexcept = default;
QuantityExtractor::~QuantityExtractor() = default;

Result<QuantityExtractor> QuantityExtractor::Load(const RuleSource& rules) {
  auto file = rules.Open("numbers.toml");
  if (!file.ok()) return file.status();
  auto compiled = compile_quantity_rules(*file);
  if (!compiled.ok()) return compiled.status();
  return QuantityExtractor(std::make_unique<Compiled>(std::move(*compiled)));
}

namespace {

// A rank or an ordinal as an int: a whole number from 1 to a million ("top
// 10", "third"), else none ("top 10000000000000000000000000002" has no rank
// an int can hold; converting it would be undefined behaviour).
std::optional<int> small_count(double v) {
  if (!(v >= 1 && v <= 1e6) || v != std::floor(v)) return std::nullopt;
  return static_cast<int>(v);
}

using Kind = QToken::Kind;
using Compiled = QuantityExtractor::Compiled;
using namespace qread;  // NOLINT: the module's private helpers

class Scanner {
 public:
  Scanner(const Compiled& c, const Document& doc, Span sentence, std::vector<Quantity>& out)
      : c_(c), text_(doc.text()), floor_(sentence.start), limit_(sentence.end), out_(out), sentence_(sentence) {}

  void Run() {
    size_t p = floor_;
    while (p < limit_) {
      const char ch = text_[p];
      const CharClass cls = char_class(ch);
      if (cls == CharClass::kOther) {
        if (ch == '.' && p + 1 < limit_ && is_digit(text_[p + 1]) && !(p > floor_ && is_alnum(text_[p - 1])))
          p = Candidate(p);
        else
          ++p;
        continue;
      }
      const char prev = p > floor_ ? text_[p - 1] : ' ';
      if (cls == CharClass::kDigit) {
        if (is_alnum(prev) || ((prev == '.' || prev == ',') && p >= floor_ + 2 && is_digit(text_[p - 2]))) {
          p = skip_run(text_, p, limit_);
          continue;
        }
        p = Candidate(p);
        continue;
      }
      size_t e = p + 1;
      while (e < limit_ && char_class(text_[e]) == CharClass::kAlpha) ++e;
      if (e - p < 24 && (e == p + 1 || c_.lex.may_start(lower(ch), lower(text_[p + 1]))) && !is_digit(prev) &&
          prev != '-' && prev != '\'') {
        char buf[24];
        for (size_t k = p; k < e; ++k) buf[k - p] = lower(text_[k]);
        const std::string_view word(buf, e - p);
        if (c_.lex.may_be_word(word)) {
          const NumberWord* w = c_.lex.word(word);
          if (w != nullptr && w->kind != NumberWordKind::kAnd && w->kind != NumberWordKind::kPoint &&
              w->kind != NumberWordKind::kHundred &&
              w->kind != NumberWordKind::kMultiplier && (w->kind != NumberWordKind::kArticle || ArticleLeads(e))) {
            p = Candidate(p);
            continue;
          }
        }
      }
      p = e;
    }
  }

 private:
  // "a"/"an" start a number only before a scale or fraction word ("a dozen").
  bool ArticleLeads(size_t e) const {
    size_t q = e;
    while (q < limit_ && text_[q] == ' ' && q - e < 3) ++q;
    size_t f = q;
    while (f < limit_ && char_class(text_[f]) == CharClass::kAlpha && f - q < 24) ++f;
    if (f == q || f - q >= 24) return false;
    char buf[24];
    for (size_t k = q; k < f; ++k) buf[k - q] = lower(text_[k]);
    const std::string_view word(buf, f - q);
    if (!c_.lex.may_be_word(word)) return false;
    const NumberWord* w = c_.lex.word(word);
    return w != nullptr && w->kind != NumberWordKind::kAnd && w->kind != NumberWordKind::kPoint &&
           w->kind != NumberWordKind::kArticle &&
           w->kind != NumberWordKind::kUnit && w->kind != NumberWordKind::kTens;
  }

  // Reads the quantity at `p`, if any; returns where scanning resumes.
  size_t Candidate(size_t p) {
    const size_t skip = skip_run(text_, p, limit_);
    if (InUrl(p)) {
      size_t e = p;
      while (e < limit_ && text_[e] != ' ') ++e;
      return std::max(e, p + 1);
    }
    const char prev = p > floor_ ? text_[p - 1] : ' ';
    const char prev2 = p > floor_ + 1 ? text_[p - 2] : ' ';
    if (is_digit(text_[p])) {
      if (prev == '+' || prev == '#' || ((prev == ':' || prev == '/' || prev == '-') && is_digit(prev2)) ||
          (prev == '-' && is_alpha(prev2)))
        return skip;
    } else if (prev == '-' && is_alpha(prev2)) {
      return skip;
    }
    auto r = read_number(c_, text_, p, floor_, limit_);
    if (!r) return is_digit(text_[p]) ? skip : WordEnd(p);
    const NumberWordsMatch& m = r->m;
    // Joined to a character lost in decoding (U+FFFD): "4\uFFFD months" was
    // "4½" or "4¼"; its value is not readable.
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    if ((m.end + kReplacement.size() <= limit_ && text_.substr(m.end, kReplacement.size()) == kReplacement) ||
        (r->begin >= floor_ + kReplacement.size() &&
         text_.substr(r->begin - kReplacement.size(), kReplacement.size()) == kReplacement))
      return End(*r, skip);
    // Joined to something that is not an amount: "2:04", "9/11", "3.2.1", "555-123-4567".
    if (m.digits && m.end < limit_) {
      const char a = text_[m.end];
      const bool digit_after = m.end + 1 < limit_ && is_digit(text_[m.end + 1]);
      if ((a == ':' || a == '/' || a == '.' || a == ',') && digit_after) return skip;
      if (a == '-' && digit_after) {
        const size_t e2 = skip_run(text_, m.end + 1, limit_);
        if (std::count(text_.begin() + static_cast<long>(p), text_.begin() + static_cast<long>(e2), '-') >= 2)
          return e2;
      }
    }
    const Before b = look_before(c_, text_, r->begin, floor_);
    const QToken next = next_token(text_, r->end, limit_);
    const bool has_unit = r->currency || !r->percent_unit.empty();
    // Dates, clock times, labels and names.
    if (!has_unit) {
      if (is_month(c_, b.prev) || is_month(c_, next)) return End(*r, skip);
      if (next.kind == Kind::kWord && c_.clock.count(strip_dot(next.lower))) return End(*r, skip);
      if (m.digits && next.kind == Kind::kPunct && (next.lower == ":" )) return End(*r, skip);
      if (b.approx == Approx::kExact && !b.rank && b.prev.kind == Kind::kWord) {
        if (c_.labels.count(strip_dot(b.prev.lower))) return End(*r, skip);
        const bool possessive = b.prev.lower.size() > 2 && b.prev.lower.ends_with("'s");
        bool mixed = false;  // "iPhone", "eBay"
        for (size_t k = b.prev.begin + 1; k < b.prev.end; ++k) mixed = mixed || (text_[k] >= 'A' && text_[k] <= 'Z');
        if ((b.prev.capitalized || mixed) && !possessive && !c_.stopwords.count(b.prev.lower) &&
            !c_.one_blockers.count(b.prev.lower))
          return End(*r, skip);
      }
    }
    Quantity q;
    q.scale = r->scale;
    size_t end = r->end;
    double lo = r->value;
    std::optional<double> hi;
    bool range = false;
    bool vague = m.form == NumberForm::kVague;
    if (vague) hi = m.high;
    std::string unit;
    // Years: "in 2023", "since 2008" (but "2000 people" is a count).
    bool maybe_year = false;
    if (m.digits && !has_unit && !m.grouped && m.decimals == 0 && m.scale == 1 && !r->negative &&
        r->glued_unit.empty() && m.end - p == 4 && r->value >= c_.year_min && r->value <= c_.year_max &&
        m.form == NumberForm::kCardinal) {
      if (b.approx != Approx::kExact || b.prev.kind != Kind::kWord || c_.year_preps.count(b.prev.lower))
        return End(*r, skip);
      maybe_year = true;
    }
    // Ordinals: "its first", "third-largest", "the 21st".
    if (m.form == NumberForm::kOrdinal) {
      if (end < limit_ && text_[end] == '-') {
        QToken sup = next_token(text_, end + 1, limit_);
        if (sup.kind == Kind::kWord && c_.superlatives.count(sup.lower)) {
          q.comparative = sup.lower;
          end = sup.end;
          q.unit = unit_after(c_, text_, end, limit_, false, true).word;
          return Emit(q, *r, b, QuantityKind::kOrdinal, end, lo, lo, false, false, "ordinal_superlative");
        }
      }
      const bool owner = b.prev.kind == Kind::kWord &&
                         (c_.ordinal_owners.count(b.prev.lower) || b.prev.lower.ends_with("'s"));
      if (!owner || next.kind != Kind::kWord || c_.ordinal_skip.count(next.lower) || is_month(c_, next) ||
          c_.stopwords.count(next.lower) || c_.time_units.count(next.lower))
        return End(*r, skip);
      q.unit = unit_after(c_, text_, end, limit_, false, true).word;
      return Emit(q, *r, b, QuantityKind::kOrdinal, end, lo, lo, false, false, "ordinal");
    }
    QuantityKind kind = r->currency ? QuantityKind::kMoney
                        : !r->percent_unit.empty() ? QuantityKind::kPercent
                        : b.rank ? QuantityKind::kRank
                        : m.form == NumberForm::kFraction ? QuantityKind::kRatio
                                                            : QuantityKind::kCount;
    // Ratios: "four out of five", "one in three".
    if (kind == QuantityKind::kCount && !vague && next.kind == Kind::kWord &&
        (next.lower == "out" || next.lower == "in") && std::floor(lo) == lo && lo >= 0) {
      size_t q2 = next.end;
      if (next.lower == "out") {
        QToken of = next_token(text_, q2, limit_);
        q2 = of.lower == "of" ? of.end : std::string_view::npos;
      }
      if (q2 != std::string_view::npos) {
        QToken dt = next_token(text_, q2, limit_);
        if (dt.kind == Kind::kDigits || dt.kind == Kind::kWord) {
          auto d = read_number(c_, text_, dt.begin, floor_, limit_);
          const bool year = d && d->m.digits && d->m.end - dt.begin == 4 && d->value >= c_.year_min;
          if (d && !d->m.glued_letters && d->m.form == NumberForm::kCardinal && !d->currency &&
              d->percent_unit.empty() && !year && d->value >= 2 && d->value >= lo &&
              (next.lower == "out" || (lo < d->value && d->value <= 1000))) {
            q.ratio = Ratio{lo, d->value};
            kind = QuantityKind::kRatio;
            end = d->end;
            const double v = lo / d->value;
            q.unit = unit_after(c_, text_, end, limit_, true, false).word;
            return Emit(q, *r, b, kind, end, v, v, false, false, "ratio");
          }
        }
      }
    }
    // "one" is a count only before a noun: not "no one", "one of", "the one".
    if (!m.digits && m.value == 1 && m.end - p == 3 && m.form == NumberForm::kCardinal && !r->negative) {
      if ((b.prev.kind == Kind::kWord && c_.one_blockers.count(b.prev.lower)) || next.kind != Kind::kWord ||
          c_.stopwords.count(next.lower) || next.lower == "another" || (m.end < limit_ && text_[m.end] == '-'))
        return End(*r, WordEnd(p));
    }
    // Ranges: "18 to 25 percent", "between 5 and 10", "5-10%", "two or three".
    // "tens or hundreds of millions": the first vague word takes the second's base.
    if (vague && m.scale == 1) {
      QToken conn = next_token(text_, end, limit_);
      if (conn.kind == Kind::kWord && (conn.lower == "or" || conn.lower == "to")) {
        QToken st = next_token(text_, conn.end, limit_);
        std::optional<Reading> d;
        if (st.kind == Kind::kWord) d = read_number(c_, text_, st.begin, floor_, limit_);
        if (d && d->m.form == NumberForm::kVague && d->m.scale > 1 && d->m.high) {
          lo = m.value * d->m.scale;
          hi = *d->m.high;
          q.scale = d->m.scale;
          end = d->end;
        }
      }
    }
    if (!vague && kind != QuantityKind::kRank) {
      size_t cq = end;
      QToken conn = next_token(text_, cq, limit_);
      const bool hyphen = conn.kind == Kind::kPunct && conn.lower == "-";
      const bool to = conn.kind == Kind::kWord && conn.lower == "to" && !b.from;
      const bool and_ = conn.kind == Kind::kWord && conn.lower == "and" && b.between;
      const bool or_ = conn.kind == Kind::kWord && conn.lower == "or" && kind == QuantityKind::kCount;
      if (hyphen || to || and_ || or_) {
        QToken st = next_token(text_, conn.end, limit_);
        size_t s2 = st.begin;
        if (st.kind == Kind::kPunct && st.lower != "-") {  // "$5-$10"
          const QToken st2 = next_token(text_, st.end, limit_);
          if (st2.kind == Kind::kDigits) s2 = st2.begin;
        }
        std::optional<Reading> d;
        if (st.kind != Kind::kNone && s2 < limit_ && (is_digit(text_[s2]) || is_alpha(text_[s2])))
          d = read_number(c_, text_, s2, floor_, limit_);
        if (d && (!m.digits) != (!d->m.digits) && hyphen) d.reset();
        if (d && d->m.form == NumberForm::kCardinal && !d->negative) {
          double a = lo;
          const double raw2 = d->m.scale > 1 ? d->value / d->scale : d->value;
          if (r->scale == 1 && d->scale > 1 && a < raw2) a *= d->scale;
          const bool units_ok = (!r->currency || !d->currency || *r->currency == *d->currency) &&
                                (r->percent_unit.empty() || d->percent_unit.empty() ||
                                 r->percent_unit == d->percent_unit) &&
                                !(!r->percent_unit.empty() && d->currency) &&
                                !(r->currency && !d->percent_unit.empty());
          const bool phone = d->end < limit_ && text_[d->end] == '-' && d->end + 1 < limit_ &&
                             is_digit(text_[d->end + 1]);
          if (phone) return skip_run(text_, d->end, limit_);
          if (units_ok && a < d->value && !(maybe_year && d->m.end - s2 == 4)) {
            lo = a;
            hi = d->value;
            range = true;
            end = d->end;
            if (d->scale > q.scale) q.scale = d->scale;
            if (!r->currency && d->currency) {
              r->currency = d->currency;
              r->money_unit = d->money_unit;
              kind = QuantityKind::kMoney;
            }
            if (r->percent_unit.empty() && !d->percent_unit.empty()) {
              r->percent_unit = d->percent_unit;
              kind = QuantityKind::kPercent;
            }
            if (r->glued_unit.empty()) r->glued_unit = d->glued_unit;
          }
        }
      }
    }
    Before bb = b;
    if (!range && !vague) {
      size_t me = 0;
      const int mi = match_phrase_after(c_.modifiers_after, c_.modifiers_after_by_first, text_, end, limit_, &me);
      // "or less" but not "or less than 6000" (a second bound of its own).
      if (mi >= 0 && next_token(text_, me, limit_).lower != "than") {
        bb.approx = c_.modifiers_after[mi].approx;
        end = me;
      }
    }
    // The unit: percent, currency, a glued unit, or the noun after.
    const bool allow_of = vague || q.scale >= 1000 || kind == QuantityKind::kRatio;
    UnitNoun noun;
    if (kind == QuantityKind::kCount || kind == QuantityKind::kRank || kind == QuantityKind::kRatio) {
      noun = unit_after(c_, text_, end, limit_, allow_of, lo == 1 || kind == QuantityKind::kRank);
      if (!noun.word.empty() && c_.time_units.count(noun.word)) {
        QToken rel = next_token(text_, noun.end, limit_);
        if (rel.kind == Kind::kWord && c_.relative_time.count(rel.lower)) return noun.end;  // a date
      }
    }
    if (maybe_year && (noun.word.empty() || c_.time_units.count(noun.word))) return End(*r, skip);
    if (!r->glued_unit.empty()) noun.word = r->glued_unit;
    q.unit = noun.word;
    // "hundreds of millions of dollars": the noun is a currency.
    if (!r->currency && !noun.word.empty()) {
      auto cw = c_.currency_words_by_first.find(noun.word);
      if (cw != c_.currency_words_by_first.end()) {
        for (const int i : cw->second) {
          const QuantityPhrase& ph = c_.currency_words[static_cast<size_t>(i)];
          if (ph.words.size() != 1) continue;
          set_currency(*r, ph.value);
          kind = QuantityKind::kMoney;
          q.unit.clear();
          break;
        }
      }
    }
    // A comparative right after: "ninety percent less", "30% cheaper".
    QToken after = next_token(text_, end, limit_);
    if (after.kind == Kind::kWord && c_.comparatives.count(after.lower)) q.comparative = after.lower;
    std::string rule = kind == QuantityKind::kMoney     ? "money"
                       : kind == QuantityKind::kPercent ? "percent"
                       : kind == QuantityKind::kRank    ? "rank"
                       : kind == QuantityKind::kRatio   ? "fraction"
                                                        : (m.digits ? "number" : "number_words");
    if (range) return Emit(q, *r, bb, kind, end, lo, *hi, true, false, rule + "_range");
    if (vague) return Emit(q, *r, bb, kind, end, lo, *hi, false, true, rule + "_vague");
    // Two bounds: "more than 10 and fewer than 20", "at most 100 and at least 20".
    if (bb.approx == Approx::kOver || bb.approx == Approx::kAtLeast || bb.approx == Approx::kUnder ||
        bb.approx == Approx::kUpTo) {
      QToken conn = next_token(text_, end, limit_);
      size_t me = 0;
      const int mi = (conn.lower == "and" || conn.lower == "but")
                         ? match_phrase_after(c_.modifiers, c_.modifiers_by_first, text_, conn.end, limit_, &me)
                         : -1;
      const bool lower_first = bb.approx == Approx::kOver || bb.approx == Approx::kAtLeast;
      if (mi >= 0) {
        const Approx a2 = c_.modifiers[mi].approx;
        const bool complementary = lower_first ? (a2 == Approx::kUnder || a2 == Approx::kUpTo)
                                               : (a2 == Approx::kOver || a2 == Approx::kAtLeast);
        QToken nt = next_token(text_, me, limit_);
        std::optional<Reading> d;
        if (complementary && (nt.kind == Kind::kDigits || nt.kind == Kind::kWord))
          d = read_number(c_, text_, nt.begin, floor_, limit_);
        if (d && d->m.form == NumberForm::kCardinal && d->percent_unit == r->percent_unit &&
            d->currency == r->currency) {
          const double l = lower_first ? lo : d->value;
          const double h = lower_first ? d->value : lo;
          const bool l_incl = (lower_first ? bb.approx : a2) == Approx::kAtLeast;
          const bool h_incl = (lower_first ? a2 : bb.approx) == Approx::kUpTo;
          if (l < h) {
            const size_t before_count = out_.size();
            const size_t res = Emit(q, *r, bb, kind, d->end, l, h, true, false, rule + "_bounds");
            if (out_.size() > before_count) {
              out_.back().low_inclusive = l_incl;
              out_.back().high_inclusive = h_incl;
            }
            return res;
          }
        }
      }
    }
    return Emit(q, *r, bb, kind, end, lo, lo, false, false, rule);
  }

  // Inside a URL, a path or an e-mail address (the chars before `p` in its run).
  bool InUrl(size_t p) const {
    for (size_t i = p, n = 0; i > floor_ && n < 256; --i, ++n) {
      const char ch = text_[i - 1];
      if (ch == ' ') return false;
      if (ch == '/' || ch == '=' || ch == '@' || ch == '_' || ch == '?' || ch == '&' || ch == '\\') return true;
    }
    return false;
  }

  size_t WordEnd(size_t p) const {
    size_t e = p;
    while (e < limit_ && is_alpha(text_[e])) ++e;
    return std::max(e, p + 1);
  }
  static size_t End(const Reading& r, size_t skip) { return std::max(skip, r.m.end); }

  size_t Emit(Quantity& q, const Reading& r, const Before& b, QuantityKind kind, size_t end, double lo, double hi,
              bool range, bool vague, std::string rule) {
    q.kind = kind;
    size_t begin = std::min(r.begin, b.begin);
    if (b.between && !range) begin = r.begin;  // "between" without an "and"
    if (!out_.empty() && out_.back().span.end > begin) return std::max(end, r.m.end);
    q.span = Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    q.surface = std::string(text_.substr(begin, end - begin));
    if (begin < r.begin) q.qualifier = std::string(text_.substr(begin, r.begin - begin));
    while (!q.qualifier.empty() && q.qualifier.back() == ' ') q.qualifier.pop_back();
    if (r.currency) {
      q.currency = r.currency;
      q.unit = r.money_unit.empty() ? *r.currency : r.money_unit;
    }
    if (!r.percent_unit.empty()) q.unit = r.percent_unit;
    if (kind == QuantityKind::kRank) q.rank = small_count(lo);
    if (kind == QuantityKind::kOrdinal) q.ordinal = small_count(lo);
    q.rule = std::move(rule);
    if (range) {
      q.approx = Approx::kRange;
      q.low = lo;
      q.high = hi;
    } else if (vague) {
      q.approx = Approx::kVague;
      q.low = lo;
      q.high = hi;
      q.high_inclusive = false;
      if (b.approx == Approx::kOver || b.approx == Approx::kAtLeast) q.high.reset();
    } else {
      const double v = lo;
      q.value = v;
      q.approx = b.between ? Approx::kExact : b.approx;
      const double av = std::fabs(v);
      switch (q.approx) {
        case Approx::kExact:
        case Approx::kRange:
        case Approx::kVague:
          q.low = v;
          q.high = v;
          break;
        case Approx::kAbout:
          q.low = v - av * c_.about_tolerance;
          q.high = v + av * c_.about_tolerance;
          break;
        case Approx::kNearly:
          q.low = v - av * c_.nearly_tolerance;
          q.high = v;
          q.high_inclusive = false;
          break;
        case Approx::kOver:
          q.low = v;
          q.low_inclusive = false;
          break;
        case Approx::kAtLeast:
          q.low = v;
          break;
        case Approx::kUnder:
          q.high = v;
          q.high_inclusive = false;
          break;
        case Approx::kUpTo:
          q.high = v;
          break;
      }
    }
    fill_measures(c_, text_, sentence_, q);
    out_.push_back(std::move(q));
    return std::max(end, r.m.end);
  }

  const Compiled& c_;
  std::string_view text_;
  size_t floor_;
  size_t limit_;
  std::vector<Quantity>& out_;
  Span sentence_;
};

}  // namespace

const NumberLexicon& QuantityExtractor::numbers() const { return c_->lex; }

std::vector<Quantity> QuantityExtractor::Extract(const Document& doc) const {
  std::vector<Quantity> out;
  for (const Sentence& s : doc.sentences) {
    if (!doc.is_story(s) || s.span.end > doc.text().size()) continue;
    Scanner(*c_, doc, s.span, out).Run();
  }
  return out;
}

}  // namespace crosscheck
