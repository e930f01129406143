// Digits as news writes them; see engine/number_scan.h.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/number_scan.h"

namespace crosscheck::numscan {

namespace {

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

// Thousands groups written ", 000": text split into tokens and joined again
// leaves "20, 000 people" and "1, 300 biologists". The number's first group
// (1-3 digits) runs from `begin` to `p`; returns how many ", ddd" groups
// follow it, each a comma, one space and exactly three digits. None when the
// comma more likely ends something else: after a hyphen ("5 - foot - 8, 135
// pounds"), after a capitalised word inside a sentence ("on May 5, 300
// marched", "Route 9, 100"), before a next item of a list ("100, 200 and 300",
// "100, 200, 300").
size_t comma_space_groups(std::string_view text, size_t begin, size_t p) {
  const auto group_at = [&](size_t q) {
    return q + 5 <= text.size() && text[q] == ',' && text[q + 1] == ' ' && is_digit(text[q + 2]) &&
           is_digit(text[q + 3]) && is_digit(text[q + 4]) &&
           (q + 5 == text.size() ||
            !(is_digit(text[q + 5]) || is_alpha(text[q + 5]) || text[q + 5] == ':' ||
              ((text[q + 5] == '.' || text[q + 5] == ',') && q + 6 < text.size() && is_digit(text[q + 6]))));
  };
  size_t groups = 0;
  size_t q = p;
  while (groups < 4 && group_at(q)) {
    ++groups;
    q += 5;
  }
  if (groups == 0) return 0;
  // "1, 000, 000" but not "100, 200, 300": a number of millions ends in zeros.
  if (groups > 1 && text.substr(q - 3, 3) != "000") return 0;
  // The word before the number.
  size_t b = begin;
  while (b > 0 && text[b - 1] == ' ' && begin - b < 2) --b;
  if (b > 0 && (text[b - 1] == '-' || is_digit(text[b - 1]))) return 0;
  size_t w = b;
  while (w > 0 && is_alpha(text[w - 1]) && b - w < 16) --w;
  if (w < b && is_upper(text[w])) {
    // A capital opens a sentence after its end or at the start of the text.
    size_t s = w;
    while (s > 0 && text[s - 1] == ' ' && w - s < 3) --s;
    const bool opens = s == 0 || text[s - 1] == '\n' || text[s - 1] == '.' || text[s - 1] == '"' ||
                       text[s - 1] == '!' || text[s - 1] == '?';
    if (!opens) return 0;
  }
  // "100, 200 and 300", "100, 200, 300": items of a list.
  const std::string_view after = text.substr(q, 8);
  for (std::string_view joiner : {std::string_view(" and "), std::string_view(" or "), std::string_view(", ")})
    if (after.substr(0, joiner.size()) == joiner && after.size() > joiner.size() && is_digit(after[joiner.size()]))
      return 0;
  return groups;
}

}  // namespace

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
    if (!m.grouped) {
      const size_t groups = comma_space_groups(text, pos, p);
      for (size_t g = 0; g < groups; ++g) {
        for (int i = 2; i <= 4; ++i)
          if (n < 40) buf[n++] = text[p + i];
        p += 5;
      }
      m.grouped = groups > 0;
    }
  }
  const bool spaced_point = !m.grouped && is_spaced_decimal(text, p);
  if ((p + 1 < text.size() && text[p] == '.' && is_digit(text[p + 1])) || spaced_point) {
    if (n < 40) buf[n++] = '.';
    p += spaced_point ? 2 : 1;
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
  for (std::string_view mark : {std::string_view("x10^"), std::string_view("*10^"), std::string_view("\xC3\x97" "10^")})
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

}  // namespace crosscheck::numscan

namespace crosscheck {

bool is_spaced_decimal(std::string_view text, size_t dot) {
  using numscan::is_digit;
  if (!(dot + 2 < text.size() && text[dot] == '.' && text[dot + 1] == ' ' && is_digit(text[dot + 2]))) return false;
  size_t b = dot;
  while (b > 0 && is_digit(text[b - 1]) && dot - b <= 3) --b;
  if (b == dot || dot - b > 3) return false;
  return b == 0 || !(is_digit(text[b - 1]) || text[b - 1] == '.' || text[b - 1] == ',');
}

}  // namespace crosscheck
