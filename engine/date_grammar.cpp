#include "engine/date_grammar.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "engine/date_parser.h"

namespace crosscheck {
namespace date_internal {

Parser::Opt Parser::Make(size_t i, size_t j, DateExpr e, const char* rule) const {
  DateMatch m;
  m.first = i;
  m.last = j;
  m.expr = std::move(e);
  m.rule = rule;
  return m;
}

Parser::Opt Parser::Numeric(size_t i) const {
  if (i >= n_ || t_[i].digits < 0) return std::nullopt;
  const auto sep = [&](size_t k) {
    return (punct(k, '-') || punct(k, '/') || punct(k, '.')) && glued(k) && glued(k + 1) &&
           k + 1 < n_ && t_[k + 1].digits >= 0;
  };
  if (!sep(i + 1)) return std::nullopt;
  const char s1 = t_[i + 1].lower[0];
  const int a = t_[i].digits, b = t_[i + 2].digits;
  const int na = t_[i].ndigits, nb = t_[i + 2].ndigits;
  const bool third = sep(i + 3) && t_[i + 3].lower[0] == s1;
  DateExpr e;
  if (na == 4 && a >= 1000) {
    if (third && b >= 1 && b <= 12 && t_[i + 4].ndigits <= 2) {
      const date::year_month_day ymd = date::year{a} / date::month{static_cast<unsigned>(b)} /
                                       date::day{static_cast<unsigned>(t_[i + 4].digits)};
      if (!ymd.ok()) return std::nullopt;
      e.year = a;
      e.month = static_cast<unsigned>(b);
      e.day = static_cast<unsigned>(t_[i + 4].digits);
      e.unit = DateUnit::kDay;
      return Make(i, i + 5, e, "iso_date");
    }
    if (third || s1 == '.') return std::nullopt;
    if (s1 == '-' && nb == 2 && t_[i + 2].lower[0] == '0' && b >= 1) {
      e.year = a;
      e.month = static_cast<unsigned>(b);
      e.unit = DateUnit::kMonth;
      return Make(i, i + 3, e, "iso_month");
    }
    if (s1 == '-' && a >= kMinYear && a <= kMaxYear) {
      int b4 = -1;
      if (nb == 2 && b == (a + 1) % 100) b4 = a + 1;
      if (nb == 4 && b > a && b - a < 100) b4 = b;
      if (b4 < 0) return std::nullopt;
      e.year = a;
      e.unit = DateUnit::kYear;
      DateMatch m = *Make(i, i + 3, e, "year_range");
      DateExpr end = e;
      end.year = b4;
      m.range_end = end;
      m.range = DateRange::kBetween;
      return m;
    }
    return std::nullopt;
  }
  if (s1 == '/' && na <= 2 && nb <= 2 && third) {
    const int c = t_[i + 4].digits, nc = t_[i + 4].ndigits;
    if (nc != 2 && nc != 4) return std::nullopt;
    const int y = nc == 4 ? c : (c < 50 ? 2000 + c : 1900 + c);
    int mo = a, d = b;
    if (a > 12) std::swap(mo, d);
    if (mo < 1 || mo > 12) return std::nullopt;
    const date::year_month_day ymd =
        date::year{y} / date::month{static_cast<unsigned>(mo)} / date::day{static_cast<unsigned>(d)};
    if (!ymd.ok()) return std::nullopt;
    e.year = y;
    e.month = static_cast<unsigned>(mo);
    e.day = static_cast<unsigned>(d);
    e.unit = DateUnit::kDay;
    return Make(i, i + 5, e, "slash_date");
  }
  if (s1 == '/' && na <= 2 && nb == 4 && !third && a >= 1 && a <= 12) {
    e.year = b;
    e.month = static_cast<unsigned>(a);
    e.unit = DateUnit::kMonth;
    return Make(i, i + 3, e, "slash_month");
  }
  return std::nullopt;
}

// MONTH [DAY[-DAY]] [,] [YEAR]; "Aug 15", "August 15, 2025", "January 2025".
Parser::Opt Parser::MonthFirst(size_t i, bool need_context) const {
  unsigned m = 0;
  bool abbr = false;
  const size_t k = Month(i, m, abbr);
  if (k == 0) return std::nullopt;
  DateExpr e;
  e.month = m;
  size_t j = i + k;
  unsigned d = 0;
  if (const size_t kd = Day(j, d)) {
    e.day = d;
    e.unit = DateUnit::kDay;
    j += kd;
    std::optional<DateExpr> end;
    unsigned d2 = 0;
    if ((punct(j, '-') || is(j, "to") || is(j, "through")) && Day(j + 1, d2) && d2 > d) {
      end = e;
      end->day = d2;
      j += 1 + Day(j + 1, d2);
    }
    int y = 0;
    size_t jy = punct(j, ',') ? j + 1 : j;
    if (const size_t ky = Year4(jy, y)) {
      e.year = y;
      if (end) end->year = y;
      j = jy + ky;
    }
    DateMatch mm = *Make(i, j, e, e.year ? "month_day_year" : "month_day");
    if (end) {
      mm.range_end = end;
      mm.range = DateRange::kBetween;
    }
    return mm;
  }
  int y = 0;
  size_t jy = (punct(j, ',') || is(j, "of")) ? j + 1 : j;
  if (const size_t ky = Year4(jy, y)) {
    e.year = y;
    e.unit = DateUnit::kMonth;
    return Make(i, jy + ky, e, "month_year");
  }
  if (glued(j) && punct(j, '\'') && j + 1 < n_ && t_[j + 1].ndigits == 2) {
    e.year = 2000 + t_[j + 1].digits;
    e.two_digit_year = true;
    e.unit = DateUnit::kMonth;
    return Make(i, j + 2, e, "month_year");
  }
  if (abbr && !all_caps(i)) return std::nullopt;
  if (abbr) return std::nullopt;
  if (need_context) {
    if (i == 0) return std::nullopt;
    const bool amb = lex_.ambiguous_months.count(bare(i)) > 0;
    if (!in(amb ? lex_.ambiguous_month_before : lex_.month_before, i - 1)) return std::nullopt;
  }
  e.unit = DateUnit::kMonth;
  return Make(i, j, e, "month");
}

// [the] DAY [of] MONTH [,] [YEAR]; "15 August 2025", "the 15th of August".
Parser::Opt Parser::DayFirst(size_t i) const {
  size_t j = is(i, "the") ? i + 1 : i;
  unsigned d = 0;
  const size_t kd = Day(j, d);
  if (kd == 0) return std::nullopt;
  j += kd;
  std::optional<unsigned> d2;
  unsigned dd = 0;
  if ((punct(j, '-') || is(j, "to")) && Day(j + 1, dd) && dd > d) {
    d2 = dd;
    j += 1 + Day(j + 1, dd);
  }
  if (is(j, "of")) ++j;
  if (glued(j) && punct(j, '-')) ++j;
  unsigned m = 0;
  bool abbr = false;
  const size_t km = Month(j, m, abbr);
  if (km == 0 && !(word(j) && all_caps(j) && lex_.month_abbr.count(low(j)))) return std::nullopt;
  if (km == 0) return std::nullopt;
  j += km;
  DateExpr e;
  e.day = d;
  e.month = m;
  e.unit = DateUnit::kDay;
  int y = 0;
  size_t jy = (punct(j, ',') || (glued(j) && punct(j, '-'))) ? j + 1 : j;
  if (const size_t ky = Year4(jy, y)) {
    e.year = y;
    j = jy + ky;
  }
  DateMatch mm = *Make(i, j, e, e.year ? "day_month_year" : "day_month");
  if (d2) {
    DateExpr end = e;
    end.day = *d2;
    mm.range_end = end;
    mm.range = DateRange::kBetween;
  }
  return mm;
}

bool Parser::YearContext(size_t i) const {
  if (i + 1 < n_ && glued(i + 1) && (punct(i + 1, '%') || (word(i + 1) && !is(i + 1, "s"))))
    return false;
  const bool possessive = punct(i + 1, '\'') && glued(i + 1) && is(i + 2, "s") && glued(i + 2);
  const size_t nx = i + 1;
  if (!possessive && in(lex_.year_never_before, nx)) return false;
  if (i == 0) return possessive || in(lex_.year_after, nx);
  const size_t p = i - 1;
  if (t_[p].kind == TokenKind::kPunct && (t_[p].lower == "$" || t_[p].lower == "#" ||
                                          t_[p].lower == "\xE2\x82\xAC" || t_[p].lower == "\xC2\xA3"))
    return false;
  if (t_[p].kind == TokenKind::kNumber) return false;
  if (in(lex_.year_never_after, p)) return false;
  if (possessive) return true;
  const bool safe_after = nx >= n_ || (t_[nx].kind == TokenKind::kPunct && !punct(nx, '%')) ||
                          in(lex_.year_after, nx);
  // Lists and ranges of years: "2020, 2021 and 2023".
  if (p >= 1 && (punct(p, ',') || is(p, "and") || is(p, "or") || is(p, "to") || punct(p, '-'))) {
    for (size_t y : years_)
      if (y + 1 == p) return true;
  }
  if (in(lex_.year_before, p)) return !in(lex_.year_weak_before, p) || safe_after;
  // "the city's 2024 budget"
  const std::string& pw = t_[p].lower;
  if (word(p) && pw.size() > 2 && pw.compare(pw.size() - 2, 2, "'s") == 0) return safe_after;
  if (t_[p].kind == TokenKind::kPunct && (punct(p, '"') || punct(p, '(')))
    return in(lex_.year_after, nx);
  return false;
}

// "2023", "the 1990s", "'90s", "2023's", "'82".
Parser::Opt Parser::Year(size_t i) const {
  DateExpr e;
  if (punct(i, '\'') && i + 1 < n_ && glued(i + 1) && t_[i + 1].ndigits == 2) {
    const int v = t_[i + 1].digits;
    if (is(i + 2, "s") && glued(i + 2) && v % 10 == 0) {
      e.decade = (v < 30 ? 200 : 190) + v / 10;
      e.two_digit_year = true;
      e.unit = DateUnit::kDecade;
      return Make(i, i + 3, e, "decade");
    }
    if (i == 0 || !in(lex_.year_before, i - 1) || in(lex_.year_weak_before, i - 1)) return std::nullopt;
    if (glued(i + 2) && word(i + 2)) return std::nullopt;
    e.year = v < 30 ? 2000 + v : 1900 + v;
    e.two_digit_year = true;
    e.unit = DateUnit::kYear;
    return Make(i, i + 2, e, "year_two_digits");
  }
  if (i >= n_ || t_[i].ndigits != 4) return std::nullopt;
  const int y = t_[i].digits;
  if (y < 1000 || y > kMaxYear) return std::nullopt;
  if (is(i + 1, "s") && glued(i + 1) && y % 10 == 0) {
    e.decade = y / 10;
    e.unit = DateUnit::kDecade;
    return Make(i, i + 2, e, "decade");
  }
  if (y % 10 == 0 && punct(i + 1, '\'') && glued(i + 1) && is(i + 2, "s") && i > 0 &&
      (is(i - 1, "the") || lex_.mods.count(low(i - 1)))) {
    e.decade = y / 10;
    e.unit = DateUnit::kDecade;
    return Make(i, i + 3, e, "decade");
  }
  if (y < kMinYear || !YearContext(i)) return std::nullopt;
  e.year = y;
  e.unit = DateUnit::kYear;
  return Make(i, i + 1, e, "year");
}

// "the 20th century", "the twenty-first century".
Parser::Opt Parser::Century(size_t i) const {
  size_t j = is(i, "the") ? i + 1 : i;
  size_t used = 0;
  std::optional<unsigned> o = Ordinal(j, used);
  if (!o && word(j) && punct(j + 1, '-') && word(j + 2)) {
    // "twenty-first"
    const NumberWord* tens = lex_.numbers->word(low(j));
    const NumberWord* unit = lex_.numbers->word(low(j + 2));
    if (tens && unit && tens->kind == NumberWordKind::kTens && unit->kind == NumberWordKind::kOrdinal) {
      o = static_cast<unsigned>(tens->value + unit->value);
      used = 3;
    }
  }
  if (!o || *o < 1 || *o > 30) return std::nullopt;
  j += used;
  if (punct(j, '-')) ++j;
  if (Unit(j) != DateUnit::kCentury || is(j, "centuries")) return std::nullopt;
  DateExpr e;
  e.century = static_cast<int>(*o) - 1;
  e.unit = DateUnit::kCentury;
  return Make(i, j + 1, e, "century");
}

}  // namespace date_internal

std::vector<DateMatch> parse_dates(const std::vector<DateToken>& toks, std::string_view text,
                                   const DateLexicon& lex) {
  date_internal::Parser p(toks, text, lex);
  return p.Run();
}

}  // namespace crosscheck
