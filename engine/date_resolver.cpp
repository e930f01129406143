#include "engine/date_resolver.h"

#include <date/iso_week.h>

#include <cmath>
#include <cstdio>

namespace crosscheck {

using date::days;
using date::months;
using date::sys_days;
using date::year_month_day;
using date::years;

const char* date_unit_name(DateUnit u) {
  switch (u) {
    case DateUnit::kNone: return "unknown";
    case DateUnit::kMinute: return "minute";
    case DateUnit::kHour: return "hour";
    case DateUnit::kDay: return "day";
    case DateUnit::kWeek: return "week";
    case DateUnit::kWeekend: return "weekend";
    case DateUnit::kMonth: return "month";
    case DateUnit::kSeason: return "season";
    case DateUnit::kQuarter: return "quarter";
    case DateUnit::kHalf: return "half";
    case DateUnit::kYear: return "year";
    case DateUnit::kDecade: return "decade";
    case DateUnit::kCentury: return "century";
  }
  return "unknown";
}

const char* date_mod_name(DateMod m) {
  switch (m) {
    case DateMod::kNone: return "";
    case DateMod::kStart: return "START";
    case DateMod::kMid: return "MID";
    case DateMod::kEnd: return "END";
    case DateMod::kBefore: return "BEFORE";
    case DateMod::kAfter: return "AFTER";
  }
  return "";
}

const char* date_tense_name(DateTense t) {
  switch (t) {
    case DateTense::kUnknown: return "unknown";
    case DateTense::kPast: return "past";
    case DateTense::kFuture: return "future";
  }
  return "unknown";
}

bool DateExpr::absolute() const {
  switch (form) {
    case Form::kCalendar: return year.has_value() || decade.has_value() || century.has_value();
    case Form::kShift: return false;
    case Form::kVague: return true;
    case Form::kDuration: return true;
    case Form::kSet: return true;
  }
  return false;
}

std::vector<std::string> DateExpr::written() const {
  std::vector<std::string> w;
  if (century) w.push_back("century");
  if (decade) w.push_back("decade");
  if (year) w.push_back("year");
  if (half) w.push_back("half");
  if (quarter) w.push_back("quarter");
  if (season) w.push_back("season");
  if (month) w.push_back("month");
  if (day) w.push_back("day");
  if (weekday) w.push_back("weekday");
  if (!part_of_day.empty()) w.push_back("part_of_day");
  return w;
}

std::string iso_day(sys_days d) {
  const year_month_day ymd{d};
  return iso_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  3);
}

namespace {

constexpr const char* kSeasonCodes[] = {"SP", "SU", "FA", "WI"};
// Days from the anchor within which a month and day read by tense is kept
// (about eight months).
constexpr long kDayReach = 250;

struct Period {
  sys_days start;
  sys_days end;
};

sys_days first_of(int y, unsigned m) {
  return sys_days{date::year{y} / date::month{m} / 1};
}

Period month_period(int y, unsigned m) {
  const date::year_month ym = date::year{y} / date::month{m};
  const date::year_month nx = ym + months{1};
  return {sys_days{ym / 1}, sys_days{nx / 1}};
}

// Season `s` of season-year `y`: winter starts in December of y.
Period season_period(int y, unsigned s) {
  const unsigned m = s == 3 ? 12 : 3 + 3 * s;
  const date::year_month st = date::year{y} / date::month{m};
  return {sys_days{st / 1}, sys_days{(st + months{3}) / 1}};
}

Period quarter_period(int y, unsigned q) {
  const date::year_month st = date::year{y} / date::month{3 * (q - 1) + 1};
  return {sys_days{st / 1}, sys_days{(st + months{3}) / 1}};
}

Period half_period(int y, unsigned h) {
  const date::year_month st = date::year{y} / date::month{6 * (h - 1) + 1};
  return {sys_days{st / 1}, sys_days{(st + months{6}) / 1}};
}

Period year_period(int y) { return {first_of(y, 1), first_of(y + 1, 1)}; }

int year_of(sys_days d) { return static_cast<int>(year_month_day{d}.year()); }
unsigned month_of(sys_days d) { return static_cast<unsigned>(year_month_day{d}.month()); }

// The season index and season-year a day falls in.
std::pair<unsigned, int> season_of(sys_days d) {
  const unsigned m = month_of(d);
  const int y = year_of(d);
  if (m == 12) return {3, y};
  if (m <= 2) return {3, y - 1};
  return {(m - 3) / 3, y};
}

std::string fmt(const char* f, int a) {
  char buf[32];
  std::snprintf(buf, sizeof buf, f, a);
  return buf;
}
std::string fmt2(const char* f, int a, unsigned b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}

Period apply_mod(Period p, DateMod mod, const std::optional<Period>& anchor) {
  const auto len = (p.end - p.start).count();
  switch (mod) {
    case DateMod::kNone: return p;
    case DateMod::kStart: return {p.start, p.start + days{len / 3}};
    case DateMod::kMid: return {p.start + days{len / 3}, p.start + days{len - len / 3}};
    case DateMod::kEnd: return {p.start + days{len - len / 3}, p.end};
    case DateMod::kBefore:
      if (anchor && anchor->start > p.start && anchor->start <= p.end) return {p.start, anchor->start};
      return p;
    case DateMod::kAfter:
      if (anchor && anchor->end >= p.start && anchor->end < p.end) return {anchor->end, p.end};
      return p;
  }
  return p;
}

// Days between two periods (0 when they overlap).
long gap(const Period& a, const Period& b) {
  if (a.end <= b.start) return (b.start - a.end).count() + 1;
  if (b.end <= a.start) return (a.start - b.end).count() + 1;
  return 0;
}

// Chooses among occurrences cand[0..n) (in calendar order) the one the
// qualifier and tense ask for. `own` is the anchor's own period at this unit.
template <typename F>
std::optional<int> choose(F period_of, int lo, int hi, const Period& anchor, const Period& own,
                          DateQualifier q, DateTense tense) {
  std::optional<int> best;
  for (int y = lo; y <= hi; ++y) {
    const Period p = period_of(y);
    switch (q) {
      case DateQualifier::kLast:
        if (p.start < own.start) best = y;
        break;
      case DateQualifier::kNext:
        if (p.start >= own.end && !best) best = y;
        break;
      case DateQualifier::kThis:
        if (p.start < own.end && p.end > own.start && !best) best = y;
        break;
      case DateQualifier::kNone:
        switch (tense) {
          case DateTense::kPast:
            if (p.start < anchor.end) best = y;
            break;
          case DateTense::kFuture:
            if (p.end > anchor.start && !best) best = y;
            break;
          case DateTense::kUnknown:
            if (!best || gap(p, anchor) < gap(period_of(*best), anchor)) best = y;
            break;
        }
        break;
    }
  }
  return best;
}

DateResolution unknown_anchor(const DateExpr& e) {
  DateResolution r;
  r.precision = e.unit;
  const auto md = [&](const char* f) { return fmt2(f, static_cast<int>(*e.month), e.day.value_or(0)); };
  if (e.form == DateExpr::Form::kCalendar) {
    if (e.month && e.day) r.value = md("XXXX-%02d-%02u");
    else if (e.month) r.value = fmt("XXXX-%02d", static_cast<int>(*e.month));
    else if (e.season) r.value = std::string("XXXX-") + kSeasonCodes[*e.season];
    else if (e.quarter) r.value = fmt("XXXX-Q%d", static_cast<int>(*e.quarter));
    else if (e.half) r.value = fmt("XXXX-H%d", static_cast<int>(*e.half));
    else if (e.weekday) r.value = fmt("XXXX-WXX-%d", static_cast<int>(*e.weekday) + 1);
    else r.value = "XXXX";
  } else {
    switch (e.unit) {
      case DateUnit::kMinute:
      case DateUnit::kHour:
      case DateUnit::kDay: r.value = "XXXX-XX-XX"; break;
      case DateUnit::kWeek: r.value = "XXXX-WXX"; break;
      case DateUnit::kWeekend: r.value = "XXXX-WXX-WE"; break;
      case DateUnit::kMonth: r.value = "XXXX-XX"; break;
      case DateUnit::kSeason: r.value = "XXXX-XX"; break;
      case DateUnit::kQuarter: r.value = "XXXX-QX"; break;
      case DateUnit::kHalf: r.value = "XXXX-HX"; break;
      case DateUnit::kYear: r.value = "XXXX"; break;
      case DateUnit::kDecade: r.value = "XXX"; break;
      case DateUnit::kCentury: r.value = "XX"; break;
      case DateUnit::kNone: r.value = "XXXX"; break;
    }
    r.precision = e.unit == DateUnit::kMinute || e.unit == DateUnit::kHour ? DateUnit::kDay : e.unit;
  }
  return r;
}

std::string week_value(sys_days d) {
  const iso_week::year_weeknum_weekday w{d};
  return fmt2("%04d-W%02u", static_cast<int>(w.year()), static_cast<unsigned>(w.weeknum()));
}
sys_days week_start(sys_days d) {
  const iso_week::year_weeknum_weekday w{d};
  return sys_days{iso_week::year_weeknum_weekday{w.year(), w.weeknum(), iso_week::mon}};
}

// Unit precision a shift or partial date needs from its anchor.
int need_rank(DateUnit u) {
  switch (u) {
    case DateUnit::kMinute:
    case DateUnit::kHour:
    case DateUnit::kDay:
    case DateUnit::kWeek:
    case DateUnit::kWeekend: return 2;
    case DateUnit::kMonth:
    case DateUnit::kSeason:
    case DateUnit::kQuarter:
    case DateUnit::kHalf: return 1;
    case DateUnit::kYear:
    case DateUnit::kDecade:
    case DateUnit::kCentury:
    case DateUnit::kNone: return 0;
  }
  return 0;
}
int have_rank(DatePrecision p) {
  switch (p) {
    case DatePrecision::kYear: return 0;
    case DatePrecision::kMonth: return 1;
    case DatePrecision::kDay:
    case DatePrecision::kTimestamp: return 2;
  }
  return 2;
}

DateResolution resolve_shift(const DateExpr& e, const Period& a) {
  DateResolution r;
  r.precision = e.unit;
  const double amount = e.amount.value_or(0);
  const long n = std::lround(amount);
  const sys_days d = a.start;
  const year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  Period p{d, d + days{1}};
  switch (e.unit) {
    case DateUnit::kMinute:
    case DateUnit::kHour: {
      const double minutes = amount * (e.unit == DateUnit::kHour ? 60 : 1);
      const sys_days t = d + days{static_cast<long>(std::trunc(minutes / 1440.0))};
      p = {t, t + days{1}};
      r.value = iso_day(t);
      r.precision = DateUnit::kDay;
      r.implied = {"year", "month", "day"};
      break;
    }
    case DateUnit::kNone:
    case DateUnit::kDay: {
      const sys_days t = d + days{n};
      p = {t, t + days{1}};
      r.value = iso_day(t);
      r.precision = DateUnit::kDay;
      r.implied = {"year", "month", "day"};
      break;
    }
    case DateUnit::kWeek: {
      const sys_days s = week_start(d) + days{7 * n};
      p = {s, s + days{7}};
      r.value = week_value(s);
      r.implied = {"year", "week"};
      break;
    }
    case DateUnit::kWeekend: {
      const sys_days s = week_start(d) + days{7 * n} + days{5};
      p = {s, s + days{2}};
      r.value = week_value(s) + "-WE";
      r.implied = {"year", "week"};
      break;
    }
    case DateUnit::kMonth: {
      const date::year_month ym = date::year{y} / date::month{m} + months{n};
      p = month_period(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
      r.value = iso_date(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()), 0, 2);
      r.implied = {"year", "month"};
      break;
    }
    case DateUnit::kSeason: {
      const auto [s0, sy] = season_of(d);
      const long idx = static_cast<long>(sy) * 4 + s0 + n;
      const int yy = static_cast<int>(std::floor(idx / 4.0));
      const unsigned ss = static_cast<unsigned>(idx - 4L * yy);
      p = season_period(yy, ss);
      r.value = fmt("%04d-", yy) + kSeasonCodes[ss];
      r.implied = {"year", "season"};
      break;
    }
    case DateUnit::kQuarter: {
      const long idx = static_cast<long>(y) * 4 + (m - 1) / 3 + n;
      const int yy = static_cast<int>(std::floor(idx / 4.0));
      const unsigned q = static_cast<unsigned>(idx - 4L * yy) + 1;
      p = quarter_period(yy, q);
      r.value = fmt2("%04d-Q%u", yy, q);
      r.implied = {"year", "quarter"};
      break;
    }
    case DateUnit::kHalf: {
      const long idx = static_cast<long>(y) * 2 + (m - 1) / 6 + n;
      const int yy = static_cast<int>(std::floor(idx / 2.0));
      const unsigned h = static_cast<unsigned>(idx - 2L * yy) + 1;
      p = half_period(yy, h);
      r.value = fmt2("%04d-H%u", yy, h);
      r.implied = {"year", "half"};
      break;
    }
    case DateUnit::kYear: {
      const int yy = y + static_cast<int>(n);
      p = year_period(yy);
      r.value = fmt("%04d", yy);
      r.implied = {"year"};
      break;
    }
    case DateUnit::kDecade: {
      const int dd = static_cast<int>(std::floor(y / 10.0)) + static_cast<int>(n);
      p = {first_of(dd * 10, 1), first_of(dd * 10 + 10, 1)};
      r.value = fmt("%03d", dd);
      r.implied = {"decade"};
      break;
    }
    case DateUnit::kCentury: {
      const int cc = static_cast<int>(std::floor(y / 100.0)) + static_cast<int>(n);
      p = {first_of(cc * 100, 1), first_of(cc * 100 + 100, 1)};
      r.value = fmt("%02d", cc);
      r.implied = {"century"};
      break;
    }
  }
  p = apply_mod(p, e.mod, a);
  r.start = p.start;
  r.end = p.end;
  if (!e.part_of_day.empty() && r.precision == DateUnit::kDay) r.value += "T" + e.part_of_day;
  return r;
}

DateResolution resolve_calendar(const DateExpr& e, const std::optional<Period>& anchor_p,
                                const std::optional<PublishedDate>& anchor, DateTense tense) {
  // News reports the past: a month, season or quarter in a clause of unknown
  // tense is read as past; a day (month and day, weekday) as the nearest one.
  // Quarters and halves are reported once over: the latest one begun. In a
  // clause about the future, the nearest: "will close during the fourth
  // quarter" in August is this year's, "will report third-quarter results"
  // in October the one just ended.
  const bool unknown_tense = tense == DateTense::kUnknown;
  if (unknown_tense && !e.day && !e.weekday) tense = DateTense::kPast;
  if (e.quarter || e.half) tense = tense == DateTense::kFuture ? DateTense::kUnknown : DateTense::kPast;
  DateResolution r;
  r.precision = e.unit;
  std::optional<Period> p;
  std::optional<int> y = e.year;
  const bool has_anchor = anchor_p.has_value();
  const Period a = has_anchor ? *anchor_p : Period{};
  const int ay = has_anchor ? year_of(a.start) : 0;
  if (e.century) {
    const int c = *e.century;
    p = Period{first_of(c * 100, 1), first_of(c * 100 + 100, 1)};
    r.value = fmt("%02d", c);
  } else if (e.decade) {
    const int dd = *e.decade;
    p = Period{first_of(dd * 10, 1), first_of(dd * 10 + 10, 1)};
    r.value = fmt("%03d", dd);
  } else if (e.month) {
    const unsigned m = *e.month;
    if (e.day) {
      const unsigned dd = *e.day;
      const auto period_of = [&](int yy) {
        year_month_day ymd = date::year{yy} / date::month{m} / date::day{dd};
        if (!ymd.ok()) ymd = date::year{yy} / date::month{m} / date::last;
        const sys_days s{ymd};
        return Period{s, s + days{1}};
      };
      if (!y && has_anchor) {
        const Period own{a.start, a.start + days{1}};
        y = choose(period_of, ay - 2, ay + 2, a, own, e.qualifier, tense);
        // A day written without its year is within half a year of the
        // publication date (news adds the year otherwise): the tense only
        // chooses between occurrences that near.
        if (y && e.qualifier == DateQualifier::kNone && gap(period_of(*y), a) > kDayReach)
          y = choose(period_of, ay - 2, ay + 2, a, own, e.qualifier, DateTense::kUnknown);
        if (y) r.implied = {"year"};
      }
      if (y) {
        p = period_of(*y);
        r.value = iso_day(p->start);
      }
    } else {
      const auto period_of = [&](int yy) { return month_period(yy, m); };
      if (!y && has_anchor) {
        const Period own = month_period(ay, month_of(a.start));
        if (e.qualifier == DateQualifier::kThis || anchor->precision == DatePrecision::kYear)
          y = ay;
        else
          y = choose(period_of, ay - 2, ay + 2, a, own, e.qualifier, tense);
        // Without a tense, a month far in the past is more likely the coming one.
        if (y && unknown_tense && e.qualifier == DateQualifier::kNone && gap(period_of(*y), a) > kDayReach)
          y = choose(period_of, ay - 2, ay + 2, a, own, e.qualifier, DateTense::kUnknown);
        if (y) r.implied = {"year"};
      }
      if (y) {
        p = period_of(*y);
        r.value = iso_date(*y, m, 0, 2);
      }
    }
  } else if (e.season) {
    const unsigned s = *e.season;
    const auto period_of = [&](int yy) { return season_period(yy, s); };
    if (!y && has_anchor) {
      const auto [s0, sy] = season_of(a.start);
      if (e.qualifier == DateQualifier::kThis) {
        y = (s == 3 && month_of(a.start) <= 2) ? ay - 1 : ay;
      } else {
        y = choose(period_of, ay - 2, ay + 2, a, season_period(sy, s0), e.qualifier, tense);
      }
      if (y) r.implied = {"year"};
    }
    if (y) {
      p = period_of(*y);
      r.value = fmt("%04d-", *y) + kSeasonCodes[s];
    }
  } else if (e.quarter || e.half) {
    const bool q = e.quarter.has_value();
    const unsigned k = q ? *e.quarter : *e.half;
    const auto period_of = [&](int yy) { return q ? quarter_period(yy, k) : half_period(yy, k); };
    if (!y && has_anchor) {
      const unsigned am = month_of(a.start);
      const Period own = q ? quarter_period(ay, (am - 1) / 3 + 1) : half_period(ay, (am - 1) / 6 + 1);
      if (e.qualifier == DateQualifier::kThis) y = ay;
      else if (e.amount) y = ay + static_cast<int>(*e.amount);
      else y = choose(period_of, ay - 2, ay + 2, a, own, e.qualifier, tense);
      if (y) r.implied = {"year"};
    }
    if (y) {
      p = period_of(*y);
      r.value = fmt2(q ? "%04d-Q%u" : "%04d-H%u", *y, k);
    }
  } else if (e.weekday) {
    if (e.year) {
      p = year_period(*e.year);
      r.value = fmt("%04d", *e.year);
      r.precision = DateUnit::kYear;
    } else if (has_anchor && anchor->precision != DatePrecision::kYear &&
               anchor->precision != DatePrecision::kMonth) {
      const date::weekday want{(*e.weekday + 1) % 7};
      const sys_days base = a.start - days{14};
      const sys_days first = base + (want - date::weekday{base});
      std::optional<sys_days> best;
      const sys_days wk = week_start(a.start);
      for (int i = 0; i < 5; ++i) {
        const sys_days c = first + days{7 * i};
        const Period cp{c, c + days{1}};
        bool take = false;
        switch (e.qualifier) {
          case DateQualifier::kLast: take = c < a.start; if (take) best = c; break;
          case DateQualifier::kNext: if (!best && c > a.start) best = c; break;
          case DateQualifier::kThis: if (!best && c >= wk && c < wk + days{7}) best = c; break;
          case DateQualifier::kNone:
            switch (tense) {
              case DateTense::kPast: if (c <= a.start) best = c; break;
              case DateTense::kFuture: if (!best && c >= a.start) best = c; break;
              case DateTense::kUnknown:
                if (!best || gap(cp, a) < gap(Period{*best, *best + days{1}}, a)) best = c;
                break;
            }
            break;
        }
        (void)take;
      }
      if (best) {
        p = Period{*best, *best + days{1}};
        r.value = iso_day(*best);
        r.implied = {"year", "month", "day"};
      }
    }
    if (!p) r.value = fmt("XXXX-WXX-%d", static_cast<int>(*e.weekday) + 1);
  } else if (y) {
    p = year_period(*y);
    r.value = fmt("%04d", *y);
  }
  if (!p) {
    DateResolution u = unknown_anchor(e);
    if (y && e.month) u.value.replace(0, 4, fmt("%04d", *y));
    return u;
  }
  if (e.two_digit_year) r.implied.push_back("century");
  *p = apply_mod(*p, e.mod, anchor_p);
  r.start = p->start;
  r.end = p->end;
  if (!e.part_of_day.empty() && r.precision == DateUnit::kDay) r.value += "T" + e.part_of_day;
  return r;
}

}  // namespace

DateResolution resolve_date(const DateExpr& e, const std::optional<PublishedDate>& anchor,
                            DateTense tense) {
  std::optional<Period> ap;
  if (anchor && anchor->day.ok()) ap = Period{anchor->begin(), anchor->end()};
  switch (e.form) {
    case DateExpr::Form::kVague: {
      DateResolution r;
      r.value = e.vague;
      return r;
    }
    case DateExpr::Form::kSet: {
      DateResolution r;
      r.value = e.set;
      r.precision = e.unit;
      return r;
    }
    case DateExpr::Form::kDuration: {
      DateResolution r;
      r.precision = e.unit;
      const bool t = e.unit == DateUnit::kHour || e.unit == DateUnit::kMinute;
      const char* code = "Y";
      switch (e.unit) {
        case DateUnit::kMinute: code = "M"; break;
        case DateUnit::kHour: code = "H"; break;
        case DateUnit::kNone:
        case DateUnit::kDay: code = "D"; break;
        case DateUnit::kWeek: code = "W"; break;
        case DateUnit::kWeekend: code = "WE"; break;
        case DateUnit::kMonth: code = "M"; break;
        case DateUnit::kSeason: code = "M"; break;
        case DateUnit::kQuarter: code = "M"; break;
        case DateUnit::kHalf: code = "M"; break;
        case DateUnit::kYear: code = "Y"; break;
        case DateUnit::kDecade: code = "Y"; break;
        case DateUnit::kCentury: code = "Y"; break;
      }
      std::string n = "X";
      if (t && e.amount && *e.amount > 0 && *e.amount < 1e6 && *e.amount != std::floor(*e.amount)) {
        // Clock units take a fraction in the next smaller unit, as TIMEX3
        // corpora write them: "5 1/2 hours" is PT5H30M. Calendar units keep
        // the decimal ISO 8601 allows ("two and a half years" is P2.5Y).
        const double whole = std::floor(*e.amount);
        const double rest = (*e.amount - whole) * 60;
        if (std::fabs(rest - std::round(rest)) < 1e-9) {
          const bool hours = e.unit == DateUnit::kHour;
          r.value = "PT";
          if (whole > 0) r.value += std::to_string(std::lround(whole)) + (hours ? "H" : "M");
          r.value += std::to_string(std::lround(rest)) + (hours ? "M" : "S");
          return r;
        }
      }
      if (e.amount) {
        double v = *e.amount;
        if (e.unit == DateUnit::kSeason) v *= 3;
        if (e.unit == DateUnit::kHalf) v *= 6;
        if (e.unit == DateUnit::kQuarter) v *= 3;
        if (e.unit == DateUnit::kDecade) v *= 10;
        if (e.unit == DateUnit::kCentury) v *= 100;
        char buf[32];
        if (v == std::floor(v)) std::snprintf(buf, sizeof buf, "%.0f", v);
        else std::snprintf(buf, sizeof buf, "%g", v);
        n = buf;
      }
      r.value = std::string(t ? "PT" : "P") + n + code;
      return r;
    }
    case DateExpr::Form::kShift:
      if (!ap || need_rank(e.unit) > have_rank(anchor->precision)) return unknown_anchor(e);
      return resolve_shift(e, *ap);
    case DateExpr::Form::kCalendar:
      if (!e.absolute() && ap && e.month && e.day && have_rank(anchor->precision) < 1) {
        DateResolution u = unknown_anchor(e);
        return u;
      }
      return resolve_calendar(e, ap, anchor, tense);
  }
  return {};
}

}  // namespace crosscheck
