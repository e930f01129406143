#include "engine/number_words.h"

#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace crosscheck {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// A letter or digit at `p`, or a joiner ('/', '.', ',', '-') followed by one:
// the end of "3/4" is not clean in "3/4/2025" or "3/4ths".
bool is_alnum_or_joiner(std::string_view text, size_t p) {
  const char c = text[p];
  if (is_alpha(c) || is_digit(c)) return true;
  return (c == '/' || c == '.' || c == ',' || c == '-') && p + 1 < text.size() &&
         (is_alpha(text[p + 1]) || is_digit(text[p + 1]));
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower-case ASCII word starting at `p`; empty when `p` is not at a letter or
// the word is too long to be a number word (its end is still returned).
struct WordAt {
  size_t begin = 0;
  size_t end = 0;
  char buf[24] = {};
  size_t len = 0;
  std::string_view lower() const { return {buf, len}; }
};

WordAt read_word(std::string_view text, size_t p) {
  WordAt w;
  w.begin = w.end = p;
  while (w.end < text.size() && is_alpha(text[w.end])) ++w.end;
  if (w.end - w.begin < sizeof w.buf) {
    for (size_t i = w.begin; i < w.end; ++i) w.buf[w.len++] = lower(text[i]);
  }
  return w;
}

// After a word ending at `p`: the start of the next word when it is separated
// by spaces or one hyphen ("twenty-one"), else npos.
size_t next_word_start(std::string_view text, size_t p, bool* hyphen) {
  *hyphen = false;
  size_t q = p;
  if (q < text.size() && text[q] == '-') {
    *hyphen = true;
    ++q;
  } else {
    while (q < text.size() && text[q] == ' ' && q - p < 4) ++q;
    if (q == p) return std::string_view::npos;
  }
  if (q < text.size() && is_alpha(text[q])) return q;
  return std::string_view::npos;
}

Result<double> number_at(const RuleFile& f, const toml::node& n) {
  if (auto v = n.value<double>()) return *v;
  return f.error_at(n, "expected a number");
}

}  // namespace

Status NumberLexicon::Add(const RuleFile& file, std::string word, NumberWord entry) {
  if (word.empty() || word.size() >= 24) return file.error("bad number word '" + word + "'");
  for (char& c : word) {
    c = lower(c);
    if (!is_alpha(c)) return file.error("number word '" + word + "' must be ASCII letters");
  }
  if (word.size() >= 2) prefix_[(word[0] - 'a') * 26 + (word[1] - 'a')] = true;
  else
    for (int b = 0; b < 26; ++b) prefix_[(word[0] - 'a') * 26 + b] = true;
  const size_t k = shape_key(word);
  if (k != kNoShape) shapes_[k >> 6] |= uint64_t{1} << (k & 63);
  words_[std::move(word)] = entry;
  return Status::Ok();
}

Result<NumberLexicon> NumberLexicon::Load(const RuleSource& rules) {
  auto file = rules.Open("numbers.toml");
  if (!file.ok()) return file.status();
  return FromRules(*file);
}

Result<NumberLexicon> NumberLexicon::FromRules(const RuleFile& f) {
  NumberLexicon lex;
  struct Section {
    const char* path;
    NumberWordKind kind;
    bool plural;
  };
  const Section simple[] = {
      {"words.units", NumberWordKind::kUnit, false},
      {"words.tens", NumberWordKind::kTens, false},
      {"words.hundred", NumberWordKind::kHundred, false},
      {"words.multipliers", NumberWordKind::kMultiplier, false},
      {"words.dozens", NumberWordKind::kDozen, false},
      {"words.ordinals", NumberWordKind::kOrdinal, false},
      {"words.denominators", NumberWordKind::kOrdinal, true},
      {"words.fractions", NumberWordKind::kFraction, false},
  };
  for (const Section& s : simple) {
    const toml::node* n = f.find(s.path);
    if (n == nullptr) return f.error(std::string("missing table '") + s.path + "'");
    const toml::table* t = n->as_table();
    if (t == nullptr) return f.error_at(*n, std::string("'") + s.path + "' must be a table");
    for (const auto& [k, v] : *t) {
      auto value = number_at(f, v);
      if (!value.ok()) return value.status();
      NumberWord w;
      w.kind = s.kind;
      w.value = *value;
      w.plural = s.plural;
      CC_RETURN_IF_ERROR(lex.Add(f, std::string(k.str()), w));
    }
  }
  const struct {
    const char* path;
    NumberWordKind kind;
  } ranged[] = {{"words.vague_plurals", NumberWordKind::kVaguePlural},
                {"words.quantifiers", NumberWordKind::kQuantifier}};
  for (const auto& s : ranged) {
    const toml::node* n = f.find(s.path);
    const toml::table* t = n ? n->as_table() : nullptr;
    if (t == nullptr) return f.error(std::string("missing table '") + s.path + "'");
    for (const auto& [k, v] : *t) {
      const toml::table* e = v.as_table();
      if (e == nullptr) return f.error_at(v, "expected { low = .., high = .. }");
      NumberWord w;
      w.kind = s.kind;
      const toml::node* lo = e->get("low");
      const toml::node* hi = e->get("high");
      if (lo == nullptr || hi == nullptr) return f.error_at(v, "needs low and high");
      auto l = number_at(f, *lo);
      if (!l.ok()) return l.status();
      auto h = number_at(f, *hi);
      if (!h.ok()) return h.status();
      w.low = *l;
      w.high = *h;
      if (const toml::node* b = e->get("base")) {
        auto bv = number_at(f, *b);
        if (!bv.ok()) return bv.status();
        w.base = *bv;
      }
      if (!(w.low < w.high)) return f.error_at(v, "low must be below high");
      CC_RETURN_IF_ERROR(lex.Add(f, std::string(k.str()), w));
    }
  }
  auto articles = f.strings("words.articles");
  if (!articles.ok()) return articles.status();
  for (auto& a : *articles) CC_RETURN_IF_ERROR(lex.Add(f, a, NumberWord{NumberWordKind::kArticle}));
  auto ands = f.strings("words.conjunctions");
  if (!ands.ok()) return ands.status();
  for (auto& a : *ands) CC_RETURN_IF_ERROR(lex.Add(f, a, NumberWord{NumberWordKind::kAnd}));

  auto points = f.strings("words.points");
  if (!points.ok()) return points.status();
  for (auto& a : *points) CC_RETURN_IF_ERROR(lex.Add(f, a, NumberWord{NumberWordKind::kPoint}));
  const toml::node* dn = f.find("scales.fraction_denominators");
  const toml::array* da = dn ? dn->as_array() : nullptr;
  if (da == nullptr) return f.error("missing array 'scales.fraction_denominators'");
  for (const toml::node& d : *da) {
    auto value = number_at(f, d);
    if (!value.ok()) return value.status();
    if (!(*value >= 2 && *value < static_cast<double>(lex.fraction_denominators_.size())))
      return f.error_at(d, "a denominator must be from 2 to 1024");
    lex.fraction_denominators_[static_cast<size_t>(*value)] = true;
  }

  auto money_only = f.strings("scales.money_only");
  if (!money_only.ok()) return money_only.status();
  const toml::node* sn = f.find("scales.suffixes");
  const toml::table* st = sn ? sn->as_table() : nullptr;
  if (st == nullptr) return f.error("missing table 'scales.suffixes'");
  for (const auto& [k, v] : *st) {
    auto value = number_at(f, v);
    if (!value.ok()) return value.status();
    std::string key(k.str());
    for (char& c : key) c = lower(c);
    bool only = false;
    for (const auto& m : *money_only) only = only || m == key;
    lex.suffixes_[key] = {*value, only};
  }
  auto upper_only = f.strings("scales.upper_only");
  if (!upper_only.ok()) return upper_only.status();
  for (const auto& u : *upper_only) {
    if (u.size() != 1 || !is_alpha(u[0]) || !lex.suffixes_.count(std::string(1, lower(u[0]))))
      return f.error("upper_only suffix '" + u + "' must be one letter listed in [scales.suffixes]");
    lex.upper_only_[static_cast<size_t>(lower(u[0]) - 'a')] = true;
  }
  return lex;
}

const NumberWord* NumberLexicon::word(std::string_view lower_word) const {
  if (lower_word.empty()) return nullptr;
  if (!may_be_word(lower_word)) return nullptr;
  auto it = words_.find(lower_word);
  return it == words_.end() ? nullptr : &it->second;
}

std::optional<double> NumberLexicon::suffix(std::string_view lower_word, bool* money_only) const {
  auto it = suffixes_.find(lower_word);
  if (it == suffixes_.end()) return std::nullopt;
  if (money_only) *money_only = it->second.second;
  return it->second.first;
}

namespace {

std::optional<NumberWordsMatch> parse_words(std::string_view text, size_t pos, const NumberLexicon& lex);

// After "4 thousand" or "3 hundred": smaller groups in digits or words ("4
// thousand 3 hundred and 21", "6 crore and two hundred"). A group needs its own
// scale word, or "and" after "hundred"; "3 hundred and 2 hundred" stops.
void continue_group(std::string_view text, const NumberLexicon& lex, double last_mult, NumberWordsMatch& m) {
  for (int guard = 0; guard < 4; ++guard) {
    size_t q = m.end;
    while (q < text.size() && text[q] == ' ' && q - m.end < 3) ++q;
    if (q == m.end || q >= text.size()) return;
    bool saw_and = false;
    WordAt a = read_word(text, q);
    if (a.end > q) {
      const NumberWord* ae = lex.word(a.lower());
      if (ae != nullptr && ae->kind == NumberWordKind::kAnd) {
        saw_and = true;
        q = a.end;
        const size_t s0 = q;
        while (q < text.size() && text[q] == ' ' && q - s0 < 3) ++q;
        if (q == s0 || q >= text.size()) return;
      }
    }
    double value = 0;
    double own = 0;  // the group's own scale word
    size_t end = 0;
    if (is_digit(text[q])) {
      size_t d = q;
      while (d < text.size() && is_digit(text[d]) && d - q < 4) value = value * 10 + (text[d++] - '0');
      if (d < text.size() && (is_alpha(text[d]) || is_digit(text[d]) || text[d] == '.' || text[d] == ',' ||
                              text[d] == '/' || text[d] == ':'))
        return;
      end = d;
      size_t r = d;
      while (r < text.size() && text[r] == ' ' && r - d < 3) ++r;
      if (r > d) {
        WordAt w = read_word(text, r);
        const NumberWord* e = lex.word(w.lower());
        if (e != nullptr && (e->kind == NumberWordKind::kHundred || e->kind == NumberWordKind::kMultiplier)) {
          if (e->value >= last_mult) return;  // "3 hundred and 2 hundred": two numbers
          own = e->value;
          value *= own;
          end = w.end;
        }
      }
    } else if (is_alpha(text[q])) {
      auto g = parse_words(text, q, lex);
      if (!g || g->form != NumberForm::kCardinal || g->value < 1) return;
      value = g->value;
      own = g->value >= 100 ? 100 : 0;
      end = g->end;
    } else {
      return;
    }
    if (value >= last_mult || !(own > 0 || (saw_and && last_mult == 100))) return;
    m.value += value;
    m.end = end;
    if (own == 0) return;
    last_mult = own;
  }
}

// Digits: "1,200", "3.5", ".5", then a glued suffix ("bn", "st") or a spaced
// multiplier word ("million", "dozen").
std::optional<NumberWordsMatch> parse_digits(std::string_view text, size_t pos,
                                             const NumberLexicon& lex) {
  NumberWordsMatch m;
  m.begin = pos;
  m.digits = true;
  char buf[64];
  size_t n = 0;
  size_t p = pos;
  size_t int_digits = 0;
  while (p < text.size() && is_digit(text[p])) {
    if (n < 40) buf[n++] = text[p];
    ++p;
    ++int_digits;
  }
  bool space_grouped = false;
  // Thousands groups: a comma followed by exactly three digits.
  if (int_digits > 0 && int_digits <= 3) {
    while (p + 3 < text.size() + 0 && text[p] == ',' && is_digit(text[p + 1]) && is_digit(text[p + 2]) &&
           is_digit(text[p + 3]) && (p + 4 >= text.size() || !is_digit(text[p + 4]))) {
      for (int i = 1; i <= 3; ++i)
        if (n < 40) buf[n++] = text[p + i];
      p += 4;
      m.grouped = true;
    }
    // Thin-space groups as some styles write them ("40 000"): exactly three
    // digits after one space, and no digit, dot or comma right after.
    for (int guard = 0; !m.grouped && guard < 8; ++guard) {
      if (!(p + 4 <= text.size() && text[p] == ' ' && is_digit(text[p + 1]) && is_digit(text[p + 2]) &&
            is_digit(text[p + 3]) &&
            (p + 4 == text.size() || !(is_digit(text[p + 4]) || text[p + 4] == '.' || text[p + 4] == ',' ||
                                       text[p + 4] == ':' || is_alpha(text[p + 4])))))
        break;
      for (int i = 1; i <= 3; ++i)
        if (n < 40) buf[n++] = text[p + i];
      p += 4;
      space_grouped = true;
    }
    m.grouped = m.grouped || space_grouped;
  }
  if (p + 1 < text.size() && text[p] == '.' && is_digit(text[p + 1])) {
    if (n < 40) buf[n++] = '.';
    ++p;
    while (p < text.size() && is_digit(text[p])) {
      if (n < 60) buf[n++] = text[p];
      ++p;
      ++m.decimals;
    }
  }
  if (n == 0 || (n == 1 && buf[0] == '.')) return std::nullopt;
  // Scientific notation: "1e10", "1.5e-3", "-127.32e13" (exponent of 1-3 digits).
  int exponent = 0;
  bool scientific = false;
  size_t times = 0;  // "x10^", "*10^", "×10^": the length of the marker
  for (std::string_view mark : {std::string_view("x10^"), std::string_view("*10^"), std::string_view("\xC3\x9710^")})
    if (text.substr(p, mark.size()) == mark) times = mark.size() - 1;
  if (!m.grouped && p + 1 < text.size() && (text[p] == 'e' || text[p] == 'E' || times > 0)) {
    size_t q = p + 1 + times;
    const bool minus = q < text.size() && text[q] == '-';
    if (q < text.size() && (text[q] == '-' || text[q] == '+')) ++q;
    size_t d = q;
    int ev = 0;
    while (d < text.size() && is_digit(text[d]) && d - q < 4) ev = ev * 10 + (text[d++] - '0');
    if (d > q && d - q <= 3 && (d == text.size() || !(is_alpha(text[d]) || is_digit(text[d])))) {
      exponent = minus ? -ev : ev;
      scientific = true;
      p = d;
    }
  }
  double v = 0;
  if (buf[0] == '.') {
    // from_chars does not take a leading dot.
    char b2[64];
    b2[0] = '0';
    std::copy(buf, buf + std::min<size_t>(n, 62), b2 + 1);
    std::from_chars(b2, b2 + std::min<size_t>(n, 62) + 1, v);
  } else {
    std::from_chars(buf, buf + n, v);
  }
  if (scientific) v *= std::pow(10.0, exponent);
  m.value = v;
  m.end = p;
  if (scientific) return m;
  // Slash fractions: "3/4", "2 1/4" (a whole number, spaces, a proper fraction),
  // with a denominator from the lexicon; "9/11" and "24/7" are not read.
  if (!m.grouped && m.decimals == 0 && int_digits > 0 && int_digits <= 4) {
    size_t q = p;
    while (q < text.size() && text[q] == ' ' && q - p < 3) ++q;
    size_t nb = q;
    double num = 0;
    while (q < text.size() && is_digit(text[q]) && q - nb < 4) num = num * 10 + (text[q++] - '0');
    const bool mixed = q > nb && nb > p;
    if (!mixed) {
      q = p;
      num = v;
    }
    if ((mixed || q == p) && q + 1 < text.size() && text[q] == '/' && is_digit(text[q + 1])) {
      size_t d = q + 1;
      double den = 0;
      while (d < text.size() && is_digit(text[d]) && d - q <= 5) den = den * 10 + (text[d++] - '0');
      const bool clean = d == text.size() || !(is_alnum_or_joiner(text, d));
      if (clean && lex.fraction_denominator(den) && num < den && num > 0) {
        m.value = (mixed ? v : 0) + num / den;
        m.form = mixed ? NumberForm::kCardinal : NumberForm::kFraction;
        m.end = d;
        return m;
      }
    }
  }
  if (p < text.size() && is_alpha(text[p])) {
    WordAt w = read_word(text, p);
    const std::string_view lw = w.lower();
    bool money_only = false;
    if (m.decimals == 0 && (lw == "st" || lw == "nd" || lw == "rd" || lw == "th")) {
      m.form = NumberForm::kOrdinal;
      m.end = w.end;
      return m;
    }
    if (auto s = lex.suffix(lw, &money_only)) {
      // An upper-case one-letter suffix after two or more digits or a decimal
      // is a scale without a currency ("3.2M users", "10G"); after one digit it
      // is a name ("5G", "4K").
      const bool upper_scale = lw.size() == 1 && text[p] >= 'A' && text[p] <= 'Z' && (int_digits >= 2 || m.decimals > 0);
      if (lex.upper_only(lw) && !upper_scale) {
        m.glued_letters = true;  // "5G", "10g" (grams)
        return m;
      }
      m.value *= *s;
      m.scale = *s;
      m.money_suffix = money_only && !upper_scale;
      m.end = w.end;
      return m;
    }
    m.glued_letters = true;
    return m;
  }
  // One spaced multiplier: "6 million", "1.5 billion", "3 dozen", "322 hundred".
  size_t q = p;
  while (q < text.size() && text[q] == ' ' && q - p < 3) ++q;
  if (q > p && q < text.size() && is_alpha(text[q])) {
    WordAt w = read_word(text, q);
    const NumberWord* e = lex.word(w.lower());
    double mult = 0;
    bool money_only = false;
    if (w.end == q + 1 && m.decimals > 0 && text[q] >= 'A' && text[q] <= 'Z') {
      // "1,674.5 G": a spaced upper-case scale letter after a decimal.
      if (auto sc = lex.suffix(w.lower(), &money_only)) {
        m.value *= *sc;
        m.scale = *sc;
        m.end = w.end;
        return m;
      }
    }
    if (e != nullptr && (e->kind == NumberWordKind::kMultiplier || e->kind == NumberWordKind::kHundred ||
                         e->kind == NumberWordKind::kDozen)) {
      mult = e->value;
    } else if (e != nullptr && e->kind == NumberWordKind::kVaguePlural && e->base <= 100) {
      mult = e->base;  // "3 dozens"
    }
    if (mult > 0) {
      m.value *= mult;
      if (e->kind == NumberWordKind::kMultiplier) m.scale = mult;
      m.words = true;
      m.end = w.end;
      if (e->kind == NumberWordKind::kMultiplier && m.end < text.size() && text[m.end] == ' ') {
        // A scale of scales: "2 lakh crore".
        WordAt w2 = read_word(text, m.end + 1);
        const NumberWord* e2 = lex.word(w2.lower());
        if (e2 != nullptr && e2->kind == NumberWordKind::kMultiplier && e2->value > mult) {
          mult *= e2->value;
          m.value *= e2->value;
          m.scale = mult;
          m.end = w2.end;
        }
      }
      if (e->kind != NumberWordKind::kVaguePlural && m.decimals == 0 && !m.grouped)
        continue_group(text, lex, mult, m);
    }
  }
  return m;
}

enum class Last { kNone, kArticle, kUnit, kTens, kHundred, kMultiplier, kAnd, kHalf };

bool followed_by_of_or_end(std::string_view text, size_t p) {
  size_t q = p;
  while (q < text.size() && text[q] == ' ') ++q;
  if (q >= text.size()) return true;
  if (!is_alpha(text[q])) return !is_digit(text[q]);
  WordAt w = read_word(text, q);
  return w.lower() == "of";
}

std::optional<NumberWordsMatch> parse_words(std::string_view text, size_t pos, const NumberLexicon& lex) {
  NumberWordsMatch m;
  m.begin = pos;
  m.words = true;
  double total = 0;
  double current = 0;
  double last_mult = std::numeric_limits<double>::infinity();
  Last last = Last::kNone;
  bool and_after_scale = false;  // "six million and ...": a fraction after it is of the scale
  size_t end = pos;  // end of the last consumed word
  size_t p = pos;
  bool ok = false;   // consumed something that is a number
  for (int guard = 0; guard < 48 && p != std::string_view::npos && p < text.size(); ++guard) {
    WordAt w = read_word(text, p);
    const NumberWord* e = lex.word(w.lower());
    if (e == nullptr) break;
    bool hyphen = false;
    size_t next = next_word_start(text, w.end, &hyphen);
    if (e->kind == NumberWordKind::kTens && next == std::string_view::npos && w.end + 3 < text.size() &&
        text[w.end] == ' ' && text[w.end + 1] == '-' && text[w.end + 2] == ' ' && is_alpha(text[w.end + 3])) {
      // "fifty - two": a spaced hyphen joins a unit only.
      WordAt u = read_word(text, w.end + 3);
      const NumberWord* ue = lex.word(u.lower());
      if (ue != nullptr && ue->kind == NumberWordKind::kUnit && ue->value >= 1 && ue->value <= 9) {
        next = w.end + 3;
        hyphen = true;
      }
    }
    switch (e->kind) {
      case NumberWordKind::kArticle:
        if (last != Last::kNone) goto done;
        last = Last::kArticle;
        break;
      case NumberWordKind::kUnit:
        if (last == Last::kNone || last == Last::kHundred || last == Last::kMultiplier || last == Last::kAnd ||
            (last == Last::kTens && e->value > 0 && e->value < 10)) {
          current += e->value;
          last = Last::kUnit;
          ok = true;
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kTens:
        if (last == Last::kUnit && current == 1 && total == 0 && hyphen && next != std::string_view::npos) {
          // "one twenty-fifth": a fraction with a compound denominator.
          WordAt o = read_word(text, next);
          const NumberWord* oe = lex.word(o.lower());
          if (oe != nullptr && oe->kind == NumberWordKind::kOrdinal && !oe->plural && oe->value >= 1 &&
              oe->value <= 9) {
            m.form = NumberForm::kFraction;
            m.value = 1.0 / (e->value + oe->value);
            m.end = o.end;
            return m;
          }
        }
        if ((last == Last::kNone || last == Last::kHundred || last == Last::kMultiplier || last == Last::kAnd) &&
            std::fmod(current, 100) == 0) {
          current += e->value;
          last = Last::kTens;
          ok = true;
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kHundred:
      case NumberWordKind::kDozen:
        if (last == Last::kArticle || last == Last::kNone || last == Last::kUnit || last == Last::kTens) {
          if (last == Last::kNone && e->kind == NumberWordKind::kDozen) goto done;  // "dozen" alone
          current = (current == 0 ? 1 : current) * e->value;
          last = Last::kHundred;
          ok = true;
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kMultiplier:
        if ((last == Last::kArticle || last == Last::kNone || last == Last::kUnit || last == Last::kTens ||
             last == Last::kHundred || last == Last::kHalf) &&
            e->value < last_mult) {
          total += (current == 0 ? 1 : current) * e->value;
          current = 0;
          last_mult = e->value;
          m.scale = std::max(m.scale, e->value);
          m.form = NumberForm::kCardinal;  // "three quarters billion" is a count
          last = Last::kMultiplier;
          ok = true;
          end = w.end;
          break;
        }
        if (last == Last::kMultiplier && current == 0 && e->value > last_mult) {
          // A scale of scales: "three lakh crore", "a thousand million".
          total *= e->value;
          last_mult *= e->value;
          m.scale = std::max(m.scale, last_mult);
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kPoint: {
        // "two point five", "two hundred point seventy-one": the words after
        // "point" are digits, a tens word two of them ("seventy-one" = 71).
        if (!ok || hyphen || !(last == Last::kUnit || last == Last::kTens || last == Last::kHundred ||
                               last == Last::kMultiplier))
          goto done;
        double frac = 0;
        double place = 1;
        size_t fend = 0;
        size_t q = next;
        for (int k = 0; k < 12 && q != std::string_view::npos; ++k) {
          WordAt d = read_word(text, q);
          const NumberWord* de = lex.word(d.lower());
          if (de == nullptr || !(de->kind == NumberWordKind::kUnit || de->kind == NumberWordKind::kTens) ||
              de->value >= 100 || (de->kind == NumberWordKind::kUnit && de->value >= 10))
            break;
          bool h2 = false;
          size_t q2 = next_word_start(text, d.end, &h2);
          double dv = de->value;
          int places = de->kind == NumberWordKind::kTens ? 2 : 1;
          fend = d.end;
          if (de->kind == NumberWordKind::kTens && q2 != std::string_view::npos) {
            WordAt u = read_word(text, q2);
            const NumberWord* ue = lex.word(u.lower());
            if (ue != nullptr && ue->kind == NumberWordKind::kUnit && ue->value >= 1 && ue->value <= 9) {
              dv += ue->value;
              fend = u.end;
              q2 = next_word_start(text, u.end, &h2);
            }
          }
          for (int i = 0; i < places; ++i) place /= 10;
          frac += dv * place;
          q = h2 ? std::string_view::npos : q2;
        }
        if (fend == 0) goto done;
        m.value = total + current + frac;
        m.decimals = 1;
        m.end = fend;
        return m;
      }
      case NumberWordKind::kAnd: {
        if (!ok || next == std::string_view::npos || hyphen) goto done;
        WordAt w2 = read_word(text, next);
        const NumberWord* e2 = lex.word(w2.lower());
        if (e2 == nullptr) goto done;
        if ((last == Last::kUnit || last == Last::kTens) &&
            (e2->kind == NumberWordKind::kUnit || e2->kind == NumberWordKind::kTens) && e2->value > 0) {
          // "three and two thirds", "two and fifty-four hundredths": a whole
          // number and a fraction. Anything else ends the number before "and".
          double num = e2->value;
          bool h3 = false;
          size_t n3 = next_word_start(text, w2.end, &h3);
          if (n3 == std::string_view::npos) goto done;
          WordAt w3 = read_word(text, n3);
          const NumberWord* e3 = lex.word(w3.lower());
          if (e3 != nullptr && e2->kind == NumberWordKind::kTens && e3->kind == NumberWordKind::kUnit &&
              e3->value >= 1 && e3->value <= 9) {
            num += e3->value;
            n3 = next_word_start(text, w3.end, &h3);
            if (n3 == std::string_view::npos) goto done;
            w3 = read_word(text, n3);
            e3 = lex.word(w3.lower());
          }
          if (e3 == nullptr || e3->kind != NumberWordKind::kOrdinal || !e3->plural || e3->value <= 0) goto done;
          m.form = NumberForm::kCardinal;
          m.value = total + current + num / e3->value;
          m.end = w3.end;
          return m;
        }
        if ((last == Last::kHundred || last == Last::kMultiplier) &&
            (e2->kind == NumberWordKind::kUnit || e2->kind == NumberWordKind::kTens)) {
          and_after_scale = last == Last::kMultiplier;
          last = Last::kAnd;
          break;  // consumed "and"; `end` stays until a number follows
        }
        if (e2->kind == NumberWordKind::kArticle &&
            (last == Last::kUnit || last == Last::kTens || last == Last::kHundred)) {
          // "one and a half", "five and a quarter"
          bool h2 = false;
          const size_t n3 = next_word_start(text, w2.end, &h2);
          if (n3 == std::string_view::npos || h2) goto done;
          WordAt w3 = read_word(text, n3);
          const NumberWord* e3 = lex.word(w3.lower());
          // "and a half", "and a quarter", "and a fourth", "and a third"
          if (e3 == nullptr || e3->value <= 0 ||
              !(e3->kind == NumberWordKind::kFraction ||
                (e3->kind == NumberWordKind::kOrdinal && !e3->plural && e3->value >= 3 && e3->value <= 100)))
            goto done;
          current += 1.0 / e3->value;
          last = Last::kHalf;
          end = w3.end;
          bool h4 = false;
          p = next_word_start(text, w3.end, &h4);
          if (h4) p = std::string_view::npos;
          continue;
        }
        goto done;
      }
      case NumberWordKind::kOrdinal: {
        if (e->plural) {
          // "two thirds", "three fifths": a fraction of what precedes.
          if ((last == Last::kUnit || last == Last::kTens || last == Last::kHundred) && e->value > 0) {
            m.form = NumberForm::kFraction;
            m.value = total + current / e->value;
            if (and_after_scale && current < e->value && std::isfinite(last_mult)) {
              m.form = NumberForm::kCardinal;  // "six million and two thirds"
              m.value = total + current / e->value * last_mult;
            }
            m.end = w.end;
            return m;
          }
          goto done;
        }
        if (last == Last::kNone) {
          m.form = NumberForm::kOrdinal;
          m.value = e->value;
          m.end = w.end;
          return m;
        }
        if (last == Last::kArticle || (last == Last::kUnit && current == 1 && total == 0)) {
          // "a third of", "one fifth", "a hundredth": a fraction. "a second" is not.
          if (e->value >= 3 && followed_by_of_or_end(text, w.end)) {
            m.form = NumberForm::kFraction;
            m.value = 1.0 / e->value;
            m.end = w.end;
            return m;
          }
          goto done;
        }
        if ((last == Last::kTens && e->value < 10) ||
            ((last == Last::kHundred || last == Last::kMultiplier || last == Last::kAnd) && e->value < 100)) {
          m.form = NumberForm::kOrdinal;
          m.value = total + current + e->value;
          m.end = w.end;
          return m;
        }
        goto done;
      }
      case NumberWordKind::kFraction: {
        if ((last == Last::kUnit || last == Last::kTens) && current > 0 && e->value > 0) {
          // "three quarters", "two halves"; a multiplier may follow ("three quarters billion").
          current = current / e->value;
          last = Last::kHalf;
          ok = true;
          end = w.end;
          m.form = NumberForm::kFraction;
          break;
        }
        if (last == Last::kNone || last == Last::kArticle) {
          // "half a million", "a quarter of", "half of".
          if (next != std::string_view::npos && !hyphen && last == Last::kNone) {
            WordAt w2 = read_word(text, next);
            const NumberWord* e2 = lex.word(w2.lower());
            if (e2 != nullptr && e2->kind == NumberWordKind::kArticle) {
              bool h3 = false;
              const size_t n3 = next_word_start(text, w2.end, &h3);
              if (n3 != std::string_view::npos && !h3) {
                WordAt w3 = read_word(text, n3);
                const NumberWord* e3 = lex.word(w3.lower());
                if (e3 != nullptr &&
                    (e3->kind == NumberWordKind::kMultiplier || e3->kind == NumberWordKind::kHundred ||
                     e3->kind == NumberWordKind::kDozen)) {
                  m.value = e3->value / e->value;
                  m.scale = e3->kind == NumberWordKind::kMultiplier ? e3->value : 1;
                  m.end = w3.end;
                  return m;
                }
              }
            }
            if (e2 != nullptr && e2->kind == NumberWordKind::kMultiplier) {  // "half million"
              m.value = e2->value / e->value;
              m.scale = e2->value;
              m.end = w2.end;
              return m;
            }
          }
          if (followed_by_of_or_end(text, w.end) && e->value > 0) {
            m.form = NumberForm::kFraction;
            m.value = 1.0 / e->value;
            m.end = w.end;
            return m;
          }
        }
        goto done;
      }
      case NumberWordKind::kVaguePlural: {
        if ((last == Last::kUnit || last == Last::kTens) && e->base <= 100) {
          current *= e->base;  // "three dozens"
          last = Last::kHundred;
          end = w.end;
          break;
        }
        if (last != Last::kNone) goto done;
        double lo = e->low;
        double hi = e->high;
        size_t vend = w.end;
        if (e->base >= 1000) m.scale = e->base;
        // "hundreds of millions", "tens of thousands"
        bool h2 = false;
        size_t q = next_word_start(text, w.end, &h2);
        if (q != std::string_view::npos && !h2) {
          WordAt of = read_word(text, q);
          if (of.lower() == "of") {
            size_t q2 = next_word_start(text, of.end, &h2);
            if (q2 != std::string_view::npos && !h2) {
              WordAt w2 = read_word(text, q2);
              const NumberWord* e2 = lex.word(w2.lower());
              if (e2 != nullptr && e2->kind == NumberWordKind::kVaguePlural && e2->base > e->base) {
                lo *= e2->base;
                hi *= e2->base;
                m.scale = e2->base;
                vend = w2.end;
              }
            }
          }
        }
        m.form = NumberForm::kVague;
        m.value = lo;
        m.high = hi;
        m.end = vend;
        return m;
      }
      case NumberWordKind::kQuantifier: {
        if (last != Last::kNone && last != Last::kArticle) goto done;
        // "several hundred", "a few million", "a couple of thousand"
        double lo = e->low;
        double hi = e->high;
        size_t q = next_word_start(text, w.end, &hyphen);
        if (q == std::string_view::npos || hyphen) goto done;
        WordAt w2 = read_word(text, q);
        if (w2.lower() == "of") {
          q = next_word_start(text, w2.end, &hyphen);
          if (q == std::string_view::npos || hyphen) goto done;
          w2 = read_word(text, q);
        }
        size_t vend = 0;
        double scale = 1;
        for (int k = 0; k < 2; ++k) {
          const NumberWord* e2 = lex.word(w2.lower());
          if (e2 == nullptr || !(e2->kind == NumberWordKind::kMultiplier || e2->kind == NumberWordKind::kHundred ||
                                 e2->kind == NumberWordKind::kDozen))
            break;
          lo *= e2->value;
          hi *= e2->value;
          if (e2->kind == NumberWordKind::kMultiplier) scale = std::max(scale, e2->value);
          vend = w2.end;
          q = next_word_start(text, w2.end, &hyphen);
          if (q == std::string_view::npos || hyphen) break;
          w2 = read_word(text, q);
        }
        if (vend == 0) goto done;
        m.form = NumberForm::kVague;
        m.value = lo;
        m.high = hi;
        m.scale = scale;
        m.end = vend;
        return m;
      }
    }
    if (hyphen && !(last == Last::kTens || last == Last::kHundred || last == Last::kUnit)) break;
    p = next;
  }
done:
  if (!ok) return std::nullopt;
  m.value = total + current;
  m.end = end;
  return m;
}

}  // namespace

std::optional<NumberWordsMatch> parse_number_words(std::string_view text, size_t pos,
                                                   const NumberLexicon& lexicon) {
  if (pos >= text.size()) return std::nullopt;
  const char c = text[pos];
  if (is_digit(c) || (c == '.' && pos + 1 < text.size() && is_digit(text[pos + 1])))
    return parse_digits(text, pos, lexicon);
  if (!is_alpha(c)) return std::nullopt;
  return parse_words(text, pos, lexicon);
}

}  // namespace crosscheck
