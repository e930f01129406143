// A source's publication date, at the precision its metadata gave.
#ifndef CROSSCHECK_ENGINE_PUBLISHED_DATE_H_
#define CROSSCHECK_ENGINE_PUBLISHED_DATE_H_

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace crosscheck {

enum class DatePrecision { kYear, kMonth, kDay, kTimestamp };
const char* date_precision_name(DatePrecision p);

struct PublishedDate {
  // The first day of the period written: 2025-04 is 2025-04-01 with kMonth.
  date::year_month_day day{};
  DatePrecision precision = DatePrecision::kDay;
  std::string text;      // as written in the metadata
  bool inferred = false; // true when guessed from the text, not given
  bool operator==(const PublishedDate&) const = default;

  // "2025", "2025-04", "2025-04-01"
  std::string iso() const;
  // Half-open interval of days the date stands for.
  date::sys_days begin() const { return date::sys_days{day}; }
  date::sys_days end() const;
};

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (`parts` 1 to 3) with the year in four
// digits or more, as printf's "%04d-%02u-%02u" writes it, without printf's
// cost (a date claim's fields hold three or four of them).
std::string iso_date(int year, unsigned month, unsigned day, int parts);

// Parses YYYY, YYYY-MM, YYYY-MM-DD or a full ISO 8601 timestamp
// (YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM]). Surrounding spaces are ignored.
// Invalid calendar dates (2025-02-30) and years outside 1000..9999 are refused
// with a message quoting the text.
Result<PublishedDate> parse_published_date(std::string_view text);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_PUBLISHED_DATE_H_
