// The relative, modified, weekday, season, quarter, counted, vague and set
// rules of the date parser, and range wrapping (see engine/date_parser.h).
#include <cctype>
#include <cmath>
#include <cstdio>

#include "engine/date_parser.h"

namespace crosscheck::date_internal {

std::optional<DateQualifier> Parser::Qualifier(size_t i) const {
  if (is(i, "last")) return DateQualifier::kLast;
  if (in(lex_.rel_this, i)) return DateQualifier::kThis;
  if (is(i, "next")) return DateQualifier::kNext;
  return std::nullopt;
}

// "last year", "this spring", "next Friday", "last January", "this morning".
Parser::Opt Parser::Qualified(size_t i) const {
  const auto q = Qualifier(i);
  if (!q) return std::nullopt;
  // "the last year" is a duration; "the current quarter" still names one.
  if (i > 0 && is(i - 1, "the") && *q != DateQualifier::kThis) return std::nullopt;
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
Parser::Opt Parser::ModTarget(size_t j) const {
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
Parser::Opt Parser::Modified(size_t i) const {
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
Parser::Opt Parser::Deictic(size_t i) const {
  if (!word(i)) return std::nullopt;
  auto it = lex_.deictic_days.find(bare(i));
  if (it == lex_.deictic_days.end()) return std::nullopt;
  // "the Frostbury of today" is no day; "as of today", "the end of today" are.
  if (i > 0 && lex_.deictic_never_after.count(low(i - 1)) &&
      !(i > 1 && lex_.deictic_never_after_unless.count(low(i - 2))))
    return std::nullopt;
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
Parser::Opt Parser::WeekdayRule(size_t i) const {
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
  if (i > 0 && lex_.indefinite_weekday_before.count(low(i - 1))) return std::nullopt;
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
Parser::Opt Parser::Season(size_t i, bool need_context) const {
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
Parser::Opt Parser::Quarter(size_t i) const {
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
  std::optional<int> lead_year;
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
    // "the 1988 second quarter": the year written before the ordinal.
    int y0 = 0;
    if (const size_t ky = Year4(j, y0, kMinYear, kMaxYear); ky && Ordinal(j + ky, used)) {
      lead_year = y0;
      j += ky;
    }
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
  if (lead_year) {
    e.year = *lead_year;
    return Make(i, j, e, "year_quarter");
  }
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
Parser::Opt Parser::Counted(size_t i) const {
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
    if (e.unit == DateUnit::kWeek && *amount == std::floor(*amount)) {
      // "two weeks ago" counts days back from the anchor day (TIMEX3 gives
      // the day, 1998-03-08), unlike "last week", which names a calendar week.
      e.unit = DateUnit::kDay;
      *e.amount *= 7;
    }
    return Make(i, end + 1, e, back ? "ago" : "later");
  }
  if (article && !the_past && !(j > 0 && in(lex_.article_duration_before, j - 1))) return std::nullopt;
  if (k > 0 && !the_past && !article && t_[j].digits < 0 && !word(j)) return std::nullopt;
  e.form = DateExpr::Form::kDuration;
  return Make(i, end, e, the_past ? "duration_past" : "duration");
}

Parser::Opt Parser::Vague(size_t i) const {
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
  // "now" alone is PRESENT_REF, also in "until now" and "now that"; "from
  // now" belongs to a shift ("eight years from now"), "by now" to no date.
  if (low(i) == "now" && i > 0 && (is(i - 1, "from") || is(i - 1, "by"))) return std::nullopt;
  DateExpr e;
  e.form = DateExpr::Form::kVague;
  e.vague = it->second;
  return Make(i, i + 1, e, "vague");
}

// "daily", "every day", "each July", "every Monday".
Parser::Opt Parser::SetRule(size_t i) const {
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
Parser::Opt Parser::Plural(size_t i) const {
  if (in(lex_.unknown_count_before, i)) {  // "recent years": the cue word is part of the span
    auto u = Unit(i + 1);
    if (!u || low(i + 1).back() != 's' || *u == DateUnit::kWeekend) return std::nullopt;
    DateExpr e;
    e.form = DateExpr::Form::kDuration;
    e.unit = *u;
    return Make(i, i + 2, e, "duration_plural");
  }
  if (i == 0 || !(is(i - 1, "for") || is(i - 1, "over") || is(i - 1, "within"))) return std::nullopt;
  auto u = Unit(i);
  if (!u || low(i).back() != 's' || *u == DateUnit::kWeekend) return std::nullopt;
  DateExpr e;
  e.form = DateExpr::Form::kDuration;
  e.unit = *u;
  return Make(i, i + 1, e, "duration_plural");
}

// Can a rule begin at word token i? One hash look-up for most words.
bool Parser::Starter(size_t i) const {
  const std::string_view w = bare(i);
  if (lex_.starters.count(w)) return true;
  if (w.size() >= 2 && (w[0] == 'q' || w[0] == 'h' || (w[0] == 'f' && w[1] == 'y')) &&
      std::isdigit(static_cast<unsigned char>(w.back())))
    return true;
  if (w.size() >= 2 && lex_.numbers->may_start(w[0], w[1]) && lex_.numbers->word(w)) return true;
  return false;
}

// The longest match of any rule at token i.
Parser::Opt Parser::Best(size_t i) const {
  Opt best;
  if (i >= n_) return best;  // Ranged looks past a connector that may end the sentence ("from May to")
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
DateMatch Parser::Ranged(size_t i, DateMatch m) {
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
}  // namespace crosscheck::date_internal
