#include "engine/date_grammar.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace crosscheck {

namespace {

constexpr int kMinYear = 1900;  // a bare number is a year only in [kMinYear, kMaxYear]
constexpr int kMaxYear = 2100;

class Parser {
 public:
  Parser(const std::vector<DateToken>& t, std::string_view text, const DateLexicon& lex)
      : t_(t), text_(text), lex_(lex), n_(t.size()) {}

  std::vector<DateMatch> Run() {
    std::vector<DateMatch> out;
    size_t i = 0;
    while (i < n_) {
      std::optional<DateMatch> m = Best(i);
      if (!m) {
        ++i;
        continue;
      }
      m = Ranged(i, std::move(*m));
      for (size_t k = m->first; k < m->last; ++k)
        if (t_[k].digits >= 0) years_.push_back(k);
      i = m->last;
      out.push_back(std::move(*m));
    }
    return out;
  }

 private:
  const std::vector<DateToken>& t_;
  std::string_view text_;
  const DateLexicon& lex_;
  size_t n_;
  std::vector<size_t> years_;  // number tokens already read inside a date (for lists)

  // ---- token helpers
  const std::string& low(size_t i) const {
    static const std::string kEmpty;
    return i < n_ ? t_[i].lower : kEmpty;
  }
  bool is(size_t i, std::string_view w) const { return i < n_ && t_[i].lower == w; }
  bool punct(size_t i, char c) const {
    return i < n_ && t_[i].kind == TokenKind::kPunct && t_[i].lower.size() == 1 && t_[i].lower[0] == c;
  }
  bool glued(size_t i) const { return i < n_ && !t_[i].space_before; }
  bool word(size_t i) const { return i < n_ && t_[i].kind == TokenKind::kWord; }
  bool in(const DateLexicon::Set& s, size_t i) const { return i < n_ && s.count(t_[i].lower) > 0; }
  // Word without a possessive "'s".
  std::string_view bare(size_t i) const {
    if (i >= n_) return {};
    return std::string_view(t_[i].lower).substr(0, t_[i].key_size);
  }
  bool all_caps(size_t i) const {
    for (char c : text_.substr(t_[i].span.start, t_[i].span.size()))
      if (c >= 'a' && c <= 'z') return false;
    return true;
  }

  // ---- word classes. Each returns the tokens read (0 when none).
  size_t Month(size_t i, unsigned& m, bool& abbr) const {
    if (!word(i) || !(t_[i].capitalized)) return 0;
    const std::string_view w = bare(i);
    if (auto it = lex_.month_names.find(w); it != lex_.month_names.end()) {
      m = it->second;
      abbr = false;
      return 1;
    }
    if (auto it = lex_.month_abbr.find(w); it != lex_.month_abbr.end()) {
      m = it->second;
      abbr = true;
      return (punct(i + 1, '.') && glued(i + 1)) ? 2 : 1;
    }
    return 0;
  }
  size_t Weekday(size_t i, unsigned& d, bool& abbr) const {
    if (!word(i) || !t_[i].capitalized) return 0;
    const std::string_view w = bare(i);
    if (auto it = lex_.weekday_names.find(w); it != lex_.weekday_names.end()) {
      d = it->second;
      abbr = false;
      return 1;
    }
    if (auto it = lex_.weekday_abbr.find(w); it != lex_.weekday_abbr.end()) {
      d = it->second;
      abbr = true;
      return (punct(i + 1, '.') && glued(i + 1)) ? 2 : 1;
    }
    return 0;
  }
  size_t Day(size_t i, unsigned& d) const {
    if (i >= n_ || t_[i].digits < 1 || t_[i].digits > 31 || t_[i].ndigits > 2) return 0;
    d = static_cast<unsigned>(t_[i].digits);
    if (glued(i + 1) && (is(i + 1, "st") || is(i + 1, "nd") || is(i + 1, "rd") || is(i + 1, "th")))
      return 2;
    if (glued(i + 1) && word(i + 1)) return 0;
    return 1;
  }
  size_t Year4(size_t i, int& y, int lo = 1000, int hi = 2999) const {
    if (i >= n_ || t_[i].ndigits != 4 || t_[i].digits < lo || t_[i].digits > hi) return 0;
    if (glued(i + 1) && word(i + 1) && !is(i + 1, "s")) return 0;
    y = t_[i].digits;
    return 1;
  }
  std::optional<unsigned> Ordinal(size_t i, size_t& used) const {
    if (word(i)) {
      const NumberWord* w = lex_.numbers->word(low(i));
      if (w && w->kind == NumberWordKind::kOrdinal) {
        used = 1;
        return static_cast<unsigned>(w->value);
      }
      return std::nullopt;
    }
    if (i + 1 < n_ && t_[i].digits > 0 && glued(i + 1) &&
        (is(i + 1, "st") || is(i + 1, "nd") || is(i + 1, "rd") || is(i + 1, "th"))) {
      used = 2;
      return static_cast<unsigned>(t_[i].digits);
    }
    return std::nullopt;
  }
  std::optional<DateUnit> Unit(size_t i) const {
    if (!word(i)) return std::nullopt;
    auto it = lex_.units.find(bare(i));
    if (it == lex_.units.end()) return std::nullopt;
    return it->second;
  }
  // A count before a unit: digits, number words, "a"/"an" (1), or a vague
  // quantifier (nullopt amount, known = false). Returns tokens read.
  size_t Amount(size_t i, std::optional<double>& amount) const {
    if (i >= n_) return 0;
    const std::string& w = low(i);
    if (w == "a" || w == "an") {
      if (is(i + 1, "few") || is(i + 1, "couple")) {
        amount.reset();
        return is(i + 2, "of") ? 3 : 2;
      }
      amount = 1;
      return 1;
    }
    if (w == "several" || w == "few" || w == "many" || w == "some") {
      amount.reset();
      return 1;
    }
    if (t_[i].kind == TokenKind::kPunct) return 0;
    if (word(i) && !lex_.numbers->may_start(w[0], w.size() > 1 ? w[1] : 'a')) return 0;
    if (word(i)) {
      // One number word before a unit ("two quarters" is not two fourths here).
      const NumberWord* nw = lex_.numbers->word(w);
      if (nw && (nw->kind == NumberWordKind::kUnit || nw->kind == NumberWordKind::kTens) &&
          nw->value > 0 && Unit(i + 1)) {
        amount = nw->value;
        return 1;
      }
    }
    const auto m = parse_number_words(text_, t_[i].span.start, *lex_.numbers);
    if (!m || m->form != NumberForm::kCardinal || m->value <= 0 || m->value > 100000 || m->glued_letters)
      return 0;
    size_t j = i;
    while (j < n_ && t_[j].span.start < m->end) ++j;
    amount = m->value;
    return j - i;
  }

  // ---- rules
  using Opt = std::optional<DateMatch>;
  Opt Make(size_t i, size_t j, DateExpr e, const char* rule) const {
    DateMatch m;
    m.first = i;
    m.last = j;
    m.expr = std::move(e);
    m.rule = rule;
    return m;
  }

  Opt Numeric(size_t i) const {
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
  Opt MonthFirst(size_t i, bool need_context) const {
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
  Opt DayFirst(size_t i) const {
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

  bool YearContext(size_t i) const {
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
  Opt Year(size_t i) const {
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
  Opt Century(size_t i) const {
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

  std::optional<DateQualifier> Qualifier(size_t i) const {
    if (is(i, "last")) return DateQualifier::kLast;
    if (in(lex_.rel_this, i)) return DateQualifier::kThis;
    if (is(i, "next")) return DateQualifier::kNext;
    return std::nullopt;
  }

  // "last year", "this spring", "next Friday", "last January", "this morning".
  Opt Qualified(size_t i) const {
    if (i > 0 && is(i - 1, "the")) return std::nullopt;
    const auto q = Qualifier(i);
    if (!q) return std::nullopt;
    const size_t j = i + 1;
    const int shift = *q == DateQualifier::kLast ? -1 : *q == DateQualifier::kNext ? 1 : 0;
    DateExpr e;
    e.qualifier = *q;
    if (auto u = Unit(j)) {
      const std::string_view w = bare(j);
      if (w.back() == 's' || *u == DateUnit::kMinute || *u == DateUnit::kHour ||
          *u == DateUnit::kDay)
        return std::nullopt;
      e.form = DateExpr::Form::kShift;
      e.unit = *u;
      e.amount = shift;
      e.qualifier = DateQualifier::kNone;
      return Make(i, j + 1, e, "relative_unit");
    }
    unsigned m = 0, d = 0;
    bool abbr = false;
    if (const size_t k = Month(j, m, abbr); k && !abbr) {
      e.month = m;
      e.unit = DateUnit::kMonth;
      return Make(i, j + k, e, "qualified_month");
    }
    if (auto it = lex_.seasons.find(bare(j)); it != lex_.seasons.end()) {
      e.season = it->second;
      e.unit = DateUnit::kSeason;
      return Make(i, j + 1, e, "qualified_season");
    }
    if (const size_t k = Weekday(j, d, abbr); k && !abbr) {
      e.weekday = d;
      e.unit = DateUnit::kDay;
      size_t end = j + k;
      if (auto it = lex_.part_of_day.find(low(end)); it != lex_.part_of_day.end()) {
        e.part_of_day = it->second;
        ++end;
      }
      return Make(i, end, e, "qualified_weekday");
    }
    if (auto it = lex_.part_of_day.find(low(j)); it != lex_.part_of_day.end()) {
      if (*q == DateQualifier::kNext) return std::nullopt;
      if (*q == DateQualifier::kLast && low(j) != "night") return std::nullopt;
      e = DateExpr{};
      e.form = DateExpr::Form::kShift;
      e.unit = DateUnit::kDay;
      e.amount = *q == DateQualifier::kLast ? -1 : 0;
      e.part_of_day = it->second;
      return Make(i, j + 1, e, "part_of_day");
    }
    return std::nullopt;
  }

  // Targets of a modifier: what "early", "mid-", "the end of" apply to.
  Opt ModTarget(size_t j) const {
    if (auto m = Qualified(j)) return m;
    if (auto m = MonthFirst(j, false)) return m;
    if (auto m = Season(j, false)) return m;
    if (auto m = Century(j)) return m;
    const size_t k = is(j, "the") ? j + 1 : j;
    DateExpr e;
    if (k < n_ && t_[k].ndigits == 4 && t_[k].digits >= 1000 && t_[k].digits <= kMaxYear) {
      if (is(k + 1, "s") && glued(k + 1) && t_[k].digits % 10 == 0) {
        e.decade = t_[k].digits / 10;
        e.unit = DateUnit::kDecade;
        return Make(j, k + 2, e, "decade");
      }
      if (k == j && !in(lex_.year_never_before, k + 1) && !(glued(k + 1) && word(k + 1))) {
        e.year = t_[k].digits;
        e.unit = DateUnit::kYear;
        return Make(j, k + 1, e, "year");
      }
    }
    if (is(j, "the")) {
      if (auto u = Unit(j + 1); u && low(j + 1).back() != 's' && *u != DateUnit::kDay &&
                                *u != DateUnit::kHour && *u != DateUnit::kMinute) {
        e.form = DateExpr::Form::kShift;
        e.unit = *u;
        e.amount = 0;
        return Make(j, j + 2, e, "relative_unit");
      }
    }
    return std::nullopt;
  }

  // "early August", "mid-2024", "late last year", "the end of 2024", "earlier this year".
  Opt Modified(size_t i) const {
    DateMod mod = DateMod::kNone;
    size_t j = i;
    if (auto it = lex_.rel_mods.find(low(i)); it != lex_.rel_mods.end()) {
      auto m = Qualified(i + 1);
      if (!m || m->expr.form != DateExpr::Form::kShift || m->expr.unit == DateUnit::kDay) return std::nullopt;
      m->expr.mod = it->second;
      m->first = i;
      m->rule = "relative_part";
      return m;
    }
    if (is(i, "the")) {
      const size_t k = i + 1;
      auto it = lex_.mods.find(low(k));
      if (it == lex_.mods.end() || !is(k + 1, "of")) return std::nullopt;
      mod = it->second;
      j = k + 2;
    } else if (auto it = lex_.mods.find(low(i)); it != lex_.mods.end() &&
                                                 (low(i) == "early" || low(i) == "mid" || low(i) == "late")) {
      mod = it->second;
      j = i + 1;
      if (punct(j, '-') && glued(j)) ++j;
      if (is(j, "in")) ++j;
    } else {
      return std::nullopt;
    }
    auto m = ModTarget(j);
    if (!m || m->expr.form == DateExpr::Form::kDuration || m->expr.form == DateExpr::Form::kVague)
      return std::nullopt;
    if (m->expr.mod == DateMod::kNone) m->expr.mod = mod;
    m->first = i;
    m->rule = "part_of_" + m->rule;
    return m;
  }

  // "yesterday", "today", "tomorrow morning", "tonight".
  Opt Deictic(size_t i) const {
    if (!word(i)) return std::nullopt;
    auto it = lex_.deictic_days.find(bare(i));
    if (it == lex_.deictic_days.end()) return std::nullopt;
    DateExpr e;
    e.form = DateExpr::Form::kShift;
    e.unit = DateUnit::kDay;
    e.amount = it->second;
    size_t j = i + 1;
    if (bare(i) == "tonight") e.part_of_day = "NI";
    else if (auto p = lex_.part_of_day.find(low(j)); p != lex_.part_of_day.end() && low(j) != "tonight") {
      e.part_of_day = p->second;
      ++j;
    }
    return Make(i, j, e, "deictic");
  }

  // "Friday", "on Tuesday morning", "Friday, Aug. 15".
  Opt WeekdayRule(size_t i) const {
    unsigned d = 0;
    bool abbr = false;
    const size_t k = Weekday(i, d, abbr);
    if (k == 0) return std::nullopt;
    size_t j = i + k;
    const size_t jd = punct(j, ',') ? j + 1 : j;
    Opt dated = MonthFirst(jd, false);
    if (!dated || !dated->expr.day) dated = DayFirst(jd);
    if (dated && dated->expr.day) {
      dated->first = i;
      dated->expr.weekday = d;
      return dated;
    }
    if (abbr) return std::nullopt;
    DateExpr e;
    e.weekday = d;
    e.unit = DateUnit::kDay;
    if (auto p = lex_.part_of_day.find(low(j)); p != lex_.part_of_day.end() && low(j) != "tonight") {
      e.part_of_day = p->second;
      ++j;
    }
    return Make(i, j, e, "weekday");
  }

  // "summer 2024", "the spring of 2025", "in the fall".
  Opt Season(size_t i, bool need_context) const {
    const size_t s = is(i, "the") ? i + 1 : i;
    if (!word(s)) return std::nullopt;
    auto it = lex_.seasons.find(bare(s));
    if (it == lex_.seasons.end()) return std::nullopt;
    DateExpr e;
    e.season = it->second;
    e.unit = DateUnit::kSeason;
    size_t j = s + 1;
    int y = 0;
    const size_t jy = is(j, "of") ? j + 1 : j;
    if (const size_t ky = Year4(jy, y, kMinYear, kMaxYear)) {
      e.year = y;
      return Make(i, jy + ky, e, "season_year");
    }
    if (is(j, "of") || (word(j) && t_[j].capitalized)) return std::nullopt;
    if (glued(j) && punct(j, '-')) return std::nullopt;
    if (need_context && !(s > i || (s > 0 && in(lex_.month_before, s - 1) && !is(s - 1, "the"))))
      return std::nullopt;
    if (s > i && (i == 0 || !in(lex_.season_the_before, i - 1))) return std::nullopt;
    return Make(i, j, e, "season");
  }

  // "the third quarter of 2024", "Q3", "third-quarter", "the first half", "fiscal 2024".
  Opt Quarter(size_t i) const {
    DateExpr e;
    size_t j = i;
    if (is(i, "fiscal") || is(i, "fy")) {
      j = i + 1;
      if (is(j, "year")) ++j;
      int y = 0;
      if (const size_t ky = Year4(j, y, kMinYear, kMaxYear)) {
        e.year = y;
        e.unit = DateUnit::kYear;
        return Make(i, j + ky, e, "fiscal_year");
      }
      return std::nullopt;
    }
    const std::string& w = low(i);
    if (word(i) && w.size() >= 4 && w[0] == 'f' && w[1] == 'y' && std::isdigit(static_cast<unsigned char>(w[2]))) {
      const std::string d = w.substr(2);
      if ((d.size() == 2 || d.size() == 4) && d.find_first_not_of("0123456789") == std::string::npos) {
        const int v = std::stoi(d);
        e.year = d.size() == 4 ? v : 2000 + v;
        e.unit = DateUnit::kYear;
        return Make(i, i + 1, e, "fiscal_year");
      }
      return std::nullopt;
    }
    bool found = false;
    if (word(i) && w.size() == 2 && (w[0] == 'q' || w[0] == 'h') && t_[i].capitalized) {
      const int k = w[1] - '0';
      if (w[0] == 'q' && k >= 1 && k <= 4) e.quarter = static_cast<unsigned>(k);
      else if (w[0] == 'h' && k >= 1 && k <= 2) e.half = static_cast<unsigned>(k);
      else return std::nullopt;
      j = i + 1;
      found = true;
    } else {
      j = is(i, "the") ? i + 1 : i;
      size_t used = 0;
      const auto o = Ordinal(j, used);
      if (!o) return std::nullopt;
      j += used;
      if (punct(j, '-')) ++j;
      if (is(j, "quarter") && *o <= 4) e.quarter = *o;
      else if (is(j, "half") && *o <= 2) e.half = *o;
      else return std::nullopt;
      ++j;
      found = true;
    }
    if (!found) return std::nullopt;
    e.unit = e.quarter ? DateUnit::kQuarter : DateUnit::kHalf;
    int y = 0;
    size_t jy = is(j, "of") ? j + 1 : j;
    if (is(jy, "fiscal")) ++jy;
    if (const size_t ky = Year4(jy, y, kMinYear, kMaxYear)) {
      e.year = y;
      return Make(i, jy + ky, e, "quarter_year");
    }
    if (is(j, "of")) {
      if (auto q = Qualified(j + 1); q && q->expr.form == DateExpr::Form::kShift &&
                                     q->expr.unit == DateUnit::kYear) {
        // "the third quarter of last year": the quarter of that year.
        DateMatch m = *Make(i, q->last, e, "quarter_of_relative_year");
        m.expr.amount = q->expr.amount;
        return m;
      }
    }
    return Make(i, j, e, "quarter");
  }

  // "three days ago", "a year earlier", "33 minutes ago"; "two years", "the
  // past five years", "10-year" (durations).
  Opt Counted(size_t i) const {
    size_t j = i;
    bool the_past = false;
    if (is(i, "the") && (is(i + 1, "past") || is(i + 1, "last") || is(i + 1, "next") ||
                         is(i + 1, "previous") || is(i + 1, "coming") || is(i + 1, "first"))) {
      j = i + 2;
      the_past = true;
    }
    std::optional<double> amount;
    size_t k = Amount(j, amount);
    bool hyphen = false;
    if (k == 0) {
      if (!the_past) return std::nullopt;
      amount = 1;  // "the past year"
    } else if (punct(j + k, '-') && glued(j + k)) {
      hyphen = true;
      ++k;
    }
    const size_t u = j + k;
    const auto unit = Unit(u);
    if (!unit || *unit == DateUnit::kWeekend) return std::nullopt;
    const std::string_view uw = bare(u);
    const bool plural = uw.back() == 's';
    if (k == 0 && plural) return std::nullopt;
    if (amount && *amount == 1 && plural && !the_past) return std::nullopt;
    if (is(u + 1, "old") || (punct(u + 1, '-') && is(u + 2, "old"))) return std::nullopt;
    const bool article = k > 0 && (is(j, "a") || is(j, "an")) && amount;
    DateExpr e;
    e.unit = *unit;
    e.amount = amount;
    size_t end = u + 1;
    if (!hyphen && !the_past && (in(lex_.ago, end) || is(end, "later") ||
                                 (is(end, "from") && is(end + 1, "now")))) {
      const bool back = in(lex_.ago, end);
      if (is(end, "from")) ++end;
      if (!amount) {
        e.form = DateExpr::Form::kVague;
        e.vague = back ? "PAST_REF" : "FUTURE_REF";
        return Make(i, end + 1, e, "vague_count");
      }
      e.form = DateExpr::Form::kShift;
      e.amount = back ? -*amount : *amount;
      return Make(i, end + 1, e, back ? "ago" : "later");
    }
    if (article && !the_past && !(j > 0 && in(lex_.article_duration_before, j - 1))) return std::nullopt;
    if (k > 0 && !the_past && !article && t_[j].digits < 0 && !word(j)) return std::nullopt;
    e.form = DateExpr::Form::kDuration;
    return Make(i, end, e, the_past ? "duration_past" : "duration");
  }

  Opt Vague(size_t i) const {
    for (const auto& [words, value] : lex_.vague_phrases) {
      if (words.front() != low(i)) continue;
      size_t k = 0;
      while (k < words.size() && is(i + k, words[k])) ++k;
      if (k == words.size()) {
        std::optional<double> a;
        if (Unit(i + k) || Amount(i + k, a) > 0) continue;  // "in the past two quarters"
        DateExpr e;
        e.form = DateExpr::Form::kVague;
        e.vague = value;
        return Make(i, i + k, e, "vague_phrase");
      }
    }
    if (!word(i)) return std::nullopt;
    auto it = lex_.vague_words.find(low(i));
    if (it == lex_.vague_words.end()) return std::nullopt;
    if (low(i) == "now" && (is(i + 1, "that") || (i > 0 && (is(i - 1, "from") || is(i - 1, "until") ||
                                                             is(i - 1, "by")))))
      return std::nullopt;
    DateExpr e;
    e.form = DateExpr::Form::kVague;
    e.vague = it->second;
    return Make(i, i + 1, e, "vague");
  }

  // "daily", "every day", "each July", "every Monday".
  Opt SetRule(size_t i) const {
    if (!word(i)) return std::nullopt;
    DateExpr e;
    e.form = DateExpr::Form::kSet;
    if (auto it = lex_.set_words.find(low(i)); it != lex_.set_words.end()) {
      if (t_[i].capitalized && i > 0) return std::nullopt;
      e.set = it->second;
      return Make(i, i + 1, e, "set");
    }
    if (!in(lex_.every, i)) return std::nullopt;
    const size_t j = i + 1;
    unsigned m = 0, d = 0;
    bool abbr = false;
    if (auto u = Unit(j); u && low(j).back() != 's') {
      static const char* codes[] = {"", "PT1M", "PT1H", "P1D", "P1W", "P1WE", "P1M", "P3M", "P3M",
                                    "P6M", "P1Y", "P10Y", "P100Y"};
      e.set = codes[static_cast<int>(*u)];
      e.unit = *u;
      return Make(i, j + 1, e, "set");
    }
    if (const size_t k = Month(j, m, abbr); k && !abbr) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "XXXX-%02u", m);
      e.set = buf;
      e.unit = DateUnit::kMonth;
      return Make(i, j + k, e, "set");
    }
    if (const size_t k = Weekday(j, d, abbr); k && !abbr) {
      e.set = "XXXX-WXX-" + std::to_string(d + 1);
      e.unit = DateUnit::kDay;
      return Make(i, j + k, e, "set");
    }
    return std::nullopt;
  }

  // "for years", "over decades": an unknown count of units.
  Opt Plural(size_t i) const {
    if (i == 0 || !(is(i - 1, "for") || is(i - 1, "over") || is(i - 1, "within"))) return std::nullopt;
    auto u = Unit(i);
    if (!u || low(i).back() != 's' || *u == DateUnit::kWeekend) return std::nullopt;
    DateExpr e;
    e.form = DateExpr::Form::kDuration;
    e.unit = *u;
    return Make(i, i + 1, e, "duration_plural");
  }

  // Can a rule begin at word token i? One hash look-up for most words.
  bool Starter(size_t i) const {
    const std::string_view w = bare(i);
    if (lex_.starters.count(w)) return true;
    if (w.size() >= 2 && (w[0] == 'q' || w[0] == 'h' || (w[0] == 'f' && w[1] == 'y')) &&
        std::isdigit(static_cast<unsigned char>(w.back())))
      return true;
    if (w.size() >= 2 && lex_.numbers->may_start(w[0], w[1]) && lex_.numbers->word(w)) return true;
    return false;
  }

  // The longest match of any rule at token i.
  Opt Best(size_t i) const {
    Opt best;
    const auto take = [&](Opt m) {
      if (m && m->last > i && (!best || m->last > best->last)) best = std::move(m);
    };
    const DateToken& tok = t_[i];
    if (tok.kind == TokenKind::kNumber) {
      take(Numeric(i));
      take(DayFirst(i));
      take(Year(i));
      take(Century(i));
      take(Counted(i));
      take(Quarter(i));
      return best;
    }
    if (tok.kind == TokenKind::kPunct) {
      if (tok.lower == "'") take(Year(i));
      return best;
    }
    if (!Starter(i)) return best;
    // Frequent starters lead somewhere only before another starter or a number.
    if ((tok.lower == "the" || tok.lower == "a" || tok.lower == "an") &&
        !(i + 1 < n_ && (t_[i + 1].kind != TokenKind::kWord || Starter(i + 1))))
      return best;
    take(MonthFirst(i, true));
    take(WeekdayRule(i));
    take(Qualified(i));
    take(Modified(i));
    take(Deictic(i));
    take(Season(i, true));
    take(Quarter(i));
    take(Century(i));
    take(Counted(i));
    if (is(i, "the")) take(DayFirst(i));
    take(SetRule(i));
    if (!best) take(Plural(i));
    if (!best) take(Vague(i));
    return best;
  }

  // Wraps a match in the range it opens or closes: "between X and Y",
  // "from X to Y", "X to Y", "since X", "until X".
  DateMatch Ranged(size_t i, DateMatch m) {
    if (m.expr.form != DateExpr::Form::kCalendar && m.expr.form != DateExpr::Form::kShift) return m;
    const std::string& before = i > 0 ? low(i - 1) : low(n_);
    if (m.range == DateRange::kNone) {
      const size_t c = m.last;
      const bool between = before == "between";
      const bool connector = (between && is(c, "and")) ||
                             (!between && (is(c, "to") || is(c, "through") || is(c, "until") ||
                                           (punct(c, '-') && m.expr.form == DateExpr::Form::kCalendar)));
      if (connector && m.expr.form == DateExpr::Form::kCalendar) {
        years_.push_back(m.last - 1);
        Opt end = Best(c + 1);
        years_.pop_back();
        if (end && end->expr.form == DateExpr::Form::kCalendar && end->range == DateRange::kNone &&
            (end->expr.unit == m.expr.unit || (before == "between" || before == "from"))) {
          DateExpr& a = m.expr;
          const DateExpr& b = end->expr;
          if (!a.year && b.year && !a.decade) {
            a.year = *b.year;
            if (a.month && b.month && *a.month > *b.month) a.year = *b.year - 1;
          }
          m.range_end = b;
          m.range = DateRange::kBetween;
          m.last = end->last;
          m.rule = "range_" + m.rule;
        }
      }
    }
    if (i > 0 && m.range == DateRange::kNone) {
      if (before == "since") {
        m.range = DateRange::kSince;
        m.first = i - 1;
      } else if (before == "until" || before == "till") {
        m.range = DateRange::kUntil;
        m.first = i - 1;
      }
    } else if (i > 0 && (before == "between" || before == "from") && m.range == DateRange::kBetween) {
      m.first = i - 1;
    }
    return m;
  }
};

}  // namespace

std::vector<DateMatch> parse_dates(const std::vector<DateToken>& toks, std::string_view text,
                                   const DateLexicon& lex) {
  Parser p(toks, text, lex);
  return p.Run();
}

}  // namespace crosscheck
