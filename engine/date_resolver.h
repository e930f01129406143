// Temporal expressions as written, and their resolution against an anchor.
//
// The grammar (engine/date_grammar.h) turns text into a DateExpr: only what the
// text wrote, with no anchor. resolve_date() then places it on the calendar
// against the source's publication date and the tense of its clause. All
// calendar arithmetic uses Howard Hinnant's date; "today" is never consulted.
#ifndef CROSSCHECK_ENGINE_DATE_RESOLVER_H_
#define CROSSCHECK_ENGINE_DATE_RESOLVER_H_

#include <date/date.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/published_date.h"

namespace crosscheck {

// Calendar units, finest first. Persisted by name (date_unit_name).
enum class DateUnit {
  kNone,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kWeekend,
  kMonth,
  kSeason,
  kQuarter,
  kHalf,
  kYear,
  kDecade,
  kCentury,
};
// "minute", "hour", "day", "week", "weekend", "month", "season", "quarter",
// "half", "year", "decade", "century"; "unknown" for kNone.
const char* date_unit_name(DateUnit u);

// A deictic qualifier written before the expression.
enum class DateQualifier { kNone, kThis, kLast, kNext };

// The part of the period meant (TIMEX3 mod): "early August" is kStart,
// "mid-2024" kMid, "late 2024" kEnd; "earlier this year" is kBefore (from the
// period's start up to the anchor), "later this month" kAfter.
enum class DateMod { kNone, kStart, kMid, kEnd, kBefore, kAfter };
const char* date_mod_name(DateMod m);  // "", "START", "MID", "END", "BEFORE", "AFTER"

// Tense of the clause holding the expression.
enum class DateTense { kUnknown, kPast, kFuture };
const char* date_tense_name(DateTense t);  // "unknown", "past", "future"

// Where the expression sits among ranges: "between 2020 and 2023" is kBetween
// (the expression and its range_end), "since July" kSince, "until May" kUntil.
enum class DateRange { kNone, kBetween, kSince, kUntil };

struct DateExpr {
  enum class Form {
    kCalendar,  // fields of the calendar, maybe partial: "September", "Aug 15", "2023", "Q3"
    kShift,     // `amount` units from the anchor: "yesterday", "last year", "three days ago"
    kVague,     // PAST_REF, PRESENT_REF, FUTURE_REF
    kDuration,  // "three years", "the past two months"
    kSet,       // "daily", "every July": `set` holds the TIMEX3 value
  };
  Form form = Form::kCalendar;
  // kCalendar: the finest unit written; kShift: the unit shifted; kDuration:
  // the unit counted.
  DateUnit unit = DateUnit::kNone;

  // kCalendar fields, set only when written.
  std::optional<int> year;
  std::optional<unsigned> month;    // 1..12
  std::optional<unsigned> day;      // 1..31
  std::optional<unsigned> weekday;  // 0 = Monday .. 6 = Sunday
  std::optional<unsigned> season;   // 0 spring, 1 summer, 2 autumn, 3 winter
  std::optional<unsigned> quarter;  // 1..4
  std::optional<unsigned> half;     // 1..2
  std::optional<int> decade;        // 199 for the 1990s
  std::optional<int> century;       // 19 for the 20th century (1900-1999)
  bool two_digit_year = false;      // "'82": the century was implied
  DateQualifier qualifier = DateQualifier::kNone;

  // kShift: signed count of units (negative = before the anchor); nullopt for
  // an unknown count ("several days ago"). kDuration: the count.
  std::optional<double> amount;

  DateMod mod = DateMod::kNone;
  std::string part_of_day;  // "MO", "AF", "EV", "NI" or ""
  std::string vague;        // kVague: "PAST_REF", "PRESENT_REF", "FUTURE_REF"
  std::string set;          // kSet: "P1D", "XXXX-WXX-1", "XXXX-07"

  // True when the written parts alone fix the period (no anchor needed).
  bool absolute() const;
  // Parts the text wrote: "year", "month", "day", "weekday", "season", ...
  std::vector<std::string> written() const;

  bool operator==(const DateExpr&) const = default;
};

struct DateResolution {
  std::string value;                    // TIMEX3 value; unknown parts as X
  std::optional<date::sys_days> start;  // half-open interval of days, when known
  std::optional<date::sys_days> end;
  DateUnit precision = DateUnit::kNone;
  std::vector<std::string> implied;     // parts taken from the anchor
  bool operator==(const DateResolution&) const = default;
};

// Places `e` on the calendar.
//  - Written parts are kept as written; absolute expressions ignore the anchor.
//  - A partial date (month, season, quarter, weekday, month+day) takes the
//    occurrence the tense asks for: past -> the latest one that has begun on or
//    before the anchor day (so "In January" in an article of 2025-01-20 is
//    January 2025); future -> the first one not yet over on the anchor day;
//    unknown -> for a day (month and day, or a weekday) the nearest one (ties
//    go to the past), for a coarser period the past reading unless that lies
//    more than about eight months away (then the nearest). A month and day
//    whose tense reading lies more than about eight months away takes the nearest
//    occurrence instead (news writes the year of farther dates). "last X" is the latest
//    occurrence that began before the anchor's own period; "next X" the first
//    that begins after it; "this X" the one in the anchor's year (week for
//    weekdays).
//  - Shifts count from the anchor's period at the shifted unit.
//  - Without an anchor, parts not written stay unknown (X) and there is no
//    interval. When the anchor is coarser than the result needs (a month-only
//    publication date and "yesterday"), the finer parts are X and there is no
//    interval.
DateResolution resolve_date(const DateExpr& e, const std::optional<PublishedDate>& anchor,
                            DateTense tense);

// "2025-08-15" (year outside 0..9999 is clamped by the caller's grammar).
std::string iso_day(date::sys_days d);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_DATE_RESOLVER_H_
