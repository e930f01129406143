#include "engine/published_date.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace crosscheck {

const char* date_precision_name(DatePrecision p) {
  switch (p) {
    case DatePrecision::kYear: return "year";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kDay: return "day";
    case DatePrecision::kTimestamp: return "timestamp";
  }
  return "day";
}

std::string iso_date(int year, unsigned month, unsigned day, int parts) {
  char buf[32];
  if (year < 0 || year > 9999 || month > 99 || day > 99) {  // printf's widths, for what dates never hold
    const int n = parts <= 1   ? std::snprintf(buf, sizeof buf, "%04d", year)
                  : parts == 2 ? std::snprintf(buf, sizeof buf, "%04d-%02u", year, month)
                               : std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
    return std::string(buf, static_cast<size_t>(std::max(n, 0)));
  }
  const auto two = [&](char* at, unsigned v) {
    at[0] = static_cast<char>('0' + v / 10);
    at[1] = static_cast<char>('0' + v % 10);
  };
  const auto y = static_cast<unsigned>(year);
  two(buf, y / 100);
  two(buf + 2, y % 100);
  size_t n = 4;
  if (parts >= 2) {
    buf[n] = '-';
    two(buf + n + 1, month);
    n += 3;
  }
  if (parts >= 3) {
    buf[n] = '-';
    two(buf + n + 1, day);
    n += 3;
  }
  return std::string(buf, n);
}

std::string PublishedDate::iso() const {
  const int parts = precision == DatePrecision::kYear ? 1 : precision == DatePrecision::kMonth ? 2 : 3;
  return iso_date(static_cast<int>(day.year()), static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()),
                  parts);
}

date::sys_days PublishedDate::end() const {
  using namespace date;  // NOLINT: calendar literals
  switch (precision) {
    case DatePrecision::kYear: return sys_days{year_month_day{day.year() + years{1}, January, 1_d}};
    case DatePrecision::kMonth: {
      const year_month next = year_month{day.year(), day.month()} + months{1};
      return sys_days{next / 1};
    }
    case DatePrecision::kDay:
    case DatePrecision::kTimestamp: return sys_days{day} + days{1};
  }
  return sys_days{day} + days{1};
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t k = pos; k < pos + n; ++k) {
    if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    v = v * 10 + (s[k] - '0');
  }
  out = v;
  return true;
}

bool valid_time_suffix(std::string_view t) {
  // HH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM|+HHMM]
  int v = 0;
  if (!digits(t, 0, 2, v) || v > 23 || t.size() < 5 || t[2] != ':' || !digits(t, 3, 2, v) || v > 59)
    return false;
  size_t p = 5;
  if (p < t.size() && t[p] == ':') {
    if (!digits(t, p + 1, 2, v) || v > 60) return false;
    p += 3;
    if (p < t.size() && (t[p] == '.' || t[p] == ',')) {
      ++p;
      const size_t f = p;
      while (p < t.size() && std::isdigit(static_cast<unsigned char>(t[p]))) ++p;
      if (p == f) return false;
    }
  }
  if (p == t.size()) return true;
  if (t[p] == 'Z' || t[p] == 'z') return p + 1 == t.size();
  if (t[p] != '+' && t[p] != '-') return false;
  std::string_view z = t.substr(p + 1);
  if (z.size() == 5 && z[2] == ':') return digits(z, 0, 2, v) && v <= 23 && digits(z, 3, 2, v) && v <= 59;
  if (z.size() == 4) return digits(z, 0, 2, v) && v <= 23 && digits(z, 2, 2, v) && v <= 59;
  if (z.size() == 2) return digits(z, 0, 2, v) && v <= 23;
  return false;
}

}  // namespace

Result<PublishedDate> parse_published_date(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  const auto bad = [&](const char* why) {
    return Status::Invalid("bad publication date '" + std::string(text) + "': " + why +
                           " (expected YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp)");
  };
  if (text.empty()) return bad("empty");
  int y = 0, m = 1, d = 1;
  if (!digits(text, 0, 4, y)) return bad("no four-digit year");
  if (y < 1000) return bad("year out of range");
  PublishedDate p;
  p.text = std::string(text);
  p.precision = DatePrecision::kYear;
  if (text.size() > 4) {
    if (text[4] != '-' || !digits(text, 5, 2, m)) return bad("malformed month");
    p.precision = DatePrecision::kMonth;
    if (text.size() > 7) {
      if (text[7] != '-' || !digits(text, 8, 2, d)) return bad("malformed day");
      p.precision = DatePrecision::kDay;
      if (text.size() > 10) {
        if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !valid_time_suffix(text.substr(11)))
          return bad("malformed time");
        p.precision = DatePrecision::kTimestamp;
      }
    }
  }
  p.day = date::year{y} / date::month{static_cast<unsigned>(m)} / date::day{static_cast<unsigned>(d)};
  if (!p.day.ok()) return bad("no such day in the calendar");
  return p;
}

}  // namespace crosscheck
