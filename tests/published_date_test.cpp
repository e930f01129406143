#include "engine/published_date.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using namespace crosscheck;  // NOLINT: test file

TEST_SUITE("published_date") {
  TEST_CASE("accepted forms keep their precision") {
    struct Case {
      const char* text;
      DatePrecision precision;
      const char* iso;
      const char* end;
    };
    const Case cases[] = {
        {"2025", DatePrecision::kYear, "2025", "2026-01-01"},
        {"2025-04", DatePrecision::kMonth, "2025-04", "2025-05-01"},
        {"2024-12", DatePrecision::kMonth, "2024-12", "2025-01-01"},
        {"2026-01-22", DatePrecision::kDay, "2026-01-22", "2026-01-23"},
        {" 2025-08-12 ", DatePrecision::kDay, "2025-08-12", "2025-08-13"},
        {"2026-03-11T08:30:00Z", DatePrecision::kTimestamp, "2026-03-11", "2026-03-12"},
        {"2026-03-11T08:30:00.123+05:30", DatePrecision::kTimestamp, "2026-03-11", "2026-03-12"},
        {"2026-03-11 08:30", DatePrecision::kTimestamp, "2026-03-11", "2026-03-12"},
        {"2024-02-29", DatePrecision::kDay, "2024-02-29", "2024-03-01"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      auto p = parse_published_date(c.text);
      REQUIRE(p.ok());
      CHECK(p->precision == c.precision);
      CHECK(p->iso() == c.iso);
      CHECK(date::format("%F", p->end()) == c.end);
    }
  }

  TEST_CASE("bad dates are refused with the text quoted") {
    const char* bad[] = {"", "yesterday", "25-04-2025", "2025-13", "2025-02-30", "2023-02-29",
                         "0999", "2025/04/01", "2025-04-01T25:00", "99999-01-01", "2025-04-01Tnoon"};
    for (const char* b : bad) {
      CAPTURE(b);
      auto p = parse_published_date(b);
      REQUIRE_FALSE(p.ok());
      CHECK(p.status().message().find("bad publication date '") == 0);
    }
    CHECK(parse_published_date("2025-02-30").status().message() ==
          "bad publication date '2025-02-30': no such day in the calendar (expected YYYY, YYYY-MM, YYYY-MM-DD or an "
          "ISO 8601 timestamp)");
  }

  TEST_CASE("iso_date writes what printf's %04d-%02u-%02u writes") {
    const auto printf_iso = [](int y, unsigned m, unsigned d, int parts) {
      char buf[64];
      if (parts == 1) std::snprintf(buf, sizeof buf, "%04d", y);
      if (parts == 2) std::snprintf(buf, sizeof buf, "%04d-%02u", y, m);
      if (parts == 3) std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
      return std::string(buf);
    };
    for (int y : {-12345, -1, 0, 7, 99, 100, 999, 1000, 1969, 2025, 9999, 10000, 32767})
      for (unsigned m : {0u, 1u, 9u, 10u, 12u, 99u, 100u})
        for (unsigned d : {0u, 1u, 9u, 10u, 31u, 99u, 123u})
          for (int parts = 1; parts <= 3; ++parts) {
            CAPTURE(y);
            CAPTURE(m);
            CAPTURE(d);
            CAPTURE(parts);
            CHECK(iso_date(y, m, d, parts) == printf_iso(y, m, d, parts));
          }
    PublishedDate p = parse_published_date("2025-04-09").value();
    CHECK(p.iso() == "2025-04-09");
    p.precision = DatePrecision::kMonth;
    CHECK(p.iso() == "2025-04");
    p.precision = DatePrecision::kYear;
    CHECK(p.iso() == "2025");
  }
}
