// Progress bars (cli/progress.h): the line format and when it is drawn.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "cli/progress.h"

namespace crosscheck::cli {
namespace {

std::string rep(size_t n, char c) { return std::string(n, c); }

}  // namespace

TEST_SUITE("progress") {

TEST_CASE("format_duration") {
  struct Case {
    double seconds;
    const char* want;
  };
  for (const Case& c : {Case{0, "0:00"}, Case{-3, "0:00"}, Case{9.2, "0:10"}, Case{59.5, "1:00"}, Case{61, "1:01"},
                        Case{3600, "1:00:00"}, Case{3725, "1:02:05"}, Case{1e9, "99:59:59"}}) {
    CAPTURE(c.seconds);
    CHECK(format_duration(c.seconds) == c.want);
  }
}

TEST_CASE("format_progress") {
  struct Case {
    const char* label;
    size_t done, total;
    double elapsed;
    size_t width;
    std::string want;
  };
  const Case cases[] = {
      // 28 left at 3.0/s: 9.3 s, shown rounded up.
      {"ingest", 12, 40, 4.0, 60, "ingest [" + rep(8, '#') + rep(19, '.') + "]  12/40  3.0/s  ETA 0:10"},
      {"check", 0, 3, 0.5, 40, "check [" + rep(15, '.') + "]  0/3  -/s  ETA -"},
      {"check", 2, 3, 0.0, 40, "check [" + rep(10, '#') + rep(5, '.') + "]  2/3  -/s  ETA -"},
      {"audit", 40, 40, 8.0, 50, "audit [" + rep(18, '#') + "]  40/40  5.0/s  ETA 0:00"},
      {"ingest", 1000, 2000, 2.0, 48, "ingest [" + rep(5, '#') + rep(6, '.') + "]  1000/2000  500/s  ETA 0:02"},
      // More done than the total counts as the total.
      {"audit", 50, 40, 8.0, 50, "audit [" + rep(18, '#') + "]  40/40  5.0/s  ETA 0:00"},
      // Unknown total: a count and a rate.
      {"ingest", 7, 0, 2.0, 80, "ingest  7  3.5/s"},
      // No room for a 10-cell bar: no bar.
      {"ingest", 12, 40, 4.0, 40, "ingest  12/40  3.0/s  ETA 0:10"},
      // Not even for the label: it is cut, the counts stay.
      {"a very long label", 12, 40, 4.0, 28, "a ve  12/40  3.0/s  ETA 0:10"},
      {"\u00e9t\u00e9 label", 12, 40, 4.0, 26, "\u00e9t  12/40  3.0/s  ETA 0:10"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.label);
    CAPTURE(c.width);
    CHECK(format_progress(c.label, c.done, c.total, c.elapsed, c.width) == c.want);
  }
}

TEST_CASE("a bar draws in place, always at the first and last item, and erases itself") {
  std::ostringstream out;
  {
    ProgressBar bar("ingest", 3, true, out);
    bar.Update(1);
    bar.Update(3);
    const std::string drawn = out.str();
    CHECK(drawn.rfind("\ringest [", 0) == 0);
    CHECK(drawn.find("1/3") != std::string::npos);
    CHECK(drawn.find("3/3") != std::string::npos);
    CHECK(drawn.find('\n') == std::string::npos);
  }
  CHECK(out.str().size() >= 4);
  CHECK(out.str().substr(out.str().size() - 4) == "\r\x1b[K");

  std::ostringstream off;
  {
    ProgressBar bar("ingest", 3, false, off);
    bar.Update(1);
    bar.Update(3);
    bar.Finish();
  }
  CHECK(off.str().empty());
}

}  // TEST_SUITE

}  // namespace crosscheck::cli
