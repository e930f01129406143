// Tests of the date extractor: the seed facts of issue 4, a table of news
// phrasings with their publication dates, non-dates, anchors and events.
#include "engine/date_extractor.h"
#include "engine/date_grammar.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace crosscheck {
namespace {

using testing::builtin_rules;
using testing::make_doc;
using testing::read_shared;

const DateExtractor& extractor() {
  static const DateExtractor ex = [] {
    auto r = DateExtractor::Load(builtin_rules());
    if (!r.ok()) FAIL(r.status().message());
    return std::move(r.value());
  }();
  return ex;
}

std::vector<DateMention> extract(std::string_view text, std::string_view published) {
  return extractor().Extract(make_doc(text, published));
}

const DateMention* find(const std::vector<DateMention>& ms, std::string_view surface) {
  for (const auto& m : ms)
    if (m.surface == surface) return &m;
  return nullptr;
}

std::string iso(const std::optional<date::sys_days>& d) { return d ? iso_day(*d) : ""; }

std::string surfaces(const std::vector<DateMention>& ms) {
  std::string s;
  for (const auto& m : ms) s += "[" + m.surface + " => " + m.value + "] ";
  return s;
}

// The first story sentence of a seed file containing `needle`, as a document
// with that seed's publication date.
const DateMention* seed_mention(std::string_view file, std::string_view published,
                                std::string_view surface, std::vector<DateMention>& keep) {
  const auto text = read_shared(std::string("seeds/") + std::string(file));
  if (!text) return nullptr;
  keep = extract(*text, published);
  return find(keep, surface);
}

}  // namespace

TEST_SUITE("dates.seeds") {
  TEST_CASE("seed 001: 'In September' in an article of 2026-01-22 is September 2025") {
    std::vector<DateMention> ms;
    const DateMention* m = seed_mention("001_bd6b9e9e81336716.txt", "2026-01-22", "September", ms);
    if (!read_shared("seeds/001_bd6b9e9e81336716.txt")) {
      MESSAGE("seeds absent; skipped");
      return;
    }
    REQUIRE(m != nullptr);
    CHECK(m->value == "2025-09");
    CHECK(iso(m->start) == "2025-09-01");
    CHECK(iso(m->end) == "2025-10-01");
    CHECK(m->tense == DateTense::kPast);
    CHECK(m->implied == std::vector<std::string>{"year"});
    const DateMention* y = find(ms, "2023");
    REQUIRE(y != nullptr);
    CHECK(y->value == "2023");
    CHECK(y->event.predicate == "releas");
    const DateMention* spring = find(ms, "this spring");
    REQUIRE(spring != nullptr);
    CHECK(spring->value == "2026-SP");
    CHECK(spring->tense == DateTense::kFuture);
    CHECK(find(ms, "Llama 4") == nullptr);
    for (const auto& d : ms) CHECK_MESSAGE(d.value.find("500") == std::string::npos, d.surface);
  }

  TEST_CASE("seed 002: 'In September 2024' is September 2024 without any anchor") {
    std::vector<DateMention> ms;
    const DateMention* m = seed_mention("002_309823009a5691c8.txt", "", "September 2024", ms);
    if (!read_shared("seeds/002_309823009a5691c8.txt")) {
      MESSAGE("seeds absent; skipped");
      return;
    }
    REQUIRE(m != nullptr);
    CHECK(m->value == "2024-09");
    CHECK(!m->anchor.has_value());
  }

  TEST_CASE("seed 003: 'in January' in an article of 2025-08-12 is January 2025") {
    std::vector<DateMention> ms;
    const DateMention* m = seed_mention("003_1ca28c38a1e3f029.txt", "2025-08-12", "January", ms);
    if (!read_shared("seeds/003_1ca28c38a1e3f029.txt")) {
      MESSAGE("seeds absent; skipped");
      return;
    }
    REQUIRE(m != nullptr);
    CHECK(m->value == "2025-01");
  }

  TEST_CASE("seed 004: 'this January' in the April 2025 edition is January 2025") {
    std::vector<DateMention> ms;
    const DateMention* m = seed_mention("004_14a64741e17ce39b.txt", "2025-04", "this January", ms);
    if (!read_shared("seeds/004_14a64741e17ce39b.txt")) {
      MESSAGE("seeds absent; skipped");
      return;
    }
    REQUIRE(m != nullptr);
    CHECK(m->value == "2025-01");
    CHECK(m->anchor->iso() == "2025-04");
  }

  TEST_CASE("seeds 001 and 002: the September events share their participants") {
    const auto a = read_shared("seeds/001_bd6b9e9e81336716.txt");
    const auto b = read_shared("seeds/002_309823009a5691c8.txt");
    if (!a || !b) {
      MESSAGE("seeds absent; skipped");
      return;
    }
    const auto ma = extract(*a, "2026-01-22");
    const auto mb = extract(*b, "");
    const DateMention* x = find(ma, "September");
    const DateMention* y = find(mb, "September 2024");
    REQUIRE(x != nullptr);
    REQUIRE(y != nullptr);
    for (const char* p : {"qwen", "meta", "llama"}) {
      CHECK(std::count(x->event.participants.begin(), x->event.participants.end(), p) == 1);
      CHECK(std::count(y->event.participants.begin(), y->event.participants.end(), p) == 1);
    }
    CHECK(std::binary_search(x->event.stems.begin(), x->event.stems.end(), "download"));
    CHECK(std::binary_search(y->event.stems.begin(), y->event.stems.end(), "download"));
  }
}

TEST_SUITE("dates.table") {
  struct Case {
    const char* published;
    const char* text;
    const char* surface;
    const char* value;
    const char* start;  // "" when not checked
    const char* end;
  };
  // Sentences written for these tests in the style of news reports.
  const Case kCases[] = {
    {"2026-01-22", "In September, the startup topped its rival in downloads.", "September", "2025-09", "2025-09-01", "2025-10-01"},
    {"2025-06-03", "As of today, 300 people have signed the petition.", "today", "2025-06-03", "", ""},
    {"2025-06-03", "The offer lapses at the end of today.", "today", "2025-06-03", "", ""},
    {"2025-01-20", "In January, the company cut 300 jobs.", "January", "2025-01", "", ""},
    {"2025-08-12", "The model was released in January.", "January", "2025-01", "", ""},
    {"2025-04", "But this January, a Chinese startup undercut that narrative.", "this January", "2025-01", "", ""},
    {"2025-06-10", "Meta released its open models in 2023.", "2023", "2023", "2023-01-01", "2024-01-01"},
    {"2025-06-10", "The merger closed in January 2025.", "January 2025", "2025-01", "", ""},
    {"2025-09-01", "The deal was signed on Aug 15.", "Aug 15", "2025-08-15", "", ""},
    {"2025-09-01", "The deal was signed on Aug. 15, 2024.", "Aug. 15, 2024", "2024-08-15", "", ""},
    {"2025-09-01", "Voting ended on 15 August 2025.", "15 August 2025", "2025-08-15", "", ""},
    {"2025-09-01", "The filing is dated 2025-08-15.", "2025-08-15", "2025-08-15", "", ""},
    {"2025-09-01", "Sales peaked in mid-2024.", "mid-2024", "2024", "", ""},
    {"2025-09-01", "The trend began in the 1990s.", "1990s", "199", "1990-01-01", "2000-01-01"},
    {"2025-09-01", "The firm was founded in 1998.", "1998", "1998", "", ""},
    {"2026-01-22", "The new model is set for release this spring.", "this spring", "2026-SP", "2026-03-01", "2026-06-01"},
    {"2025-10-05", "Prices rose sharply last summer.", "last summer", "2025-SU", "", ""},
    {"2025-07-05", "Prices rose sharply last summer.", "last summer", "2024-SU", "", ""},
    {"2025-09-20", "The talks stalled in early August.", "early August", "2025-08", "2025-08-01", "2025-08-11"},
    {"2025-09-20", "The plant will close in late 2026.", "late 2026", "2026", "", ""},
    {"2025-09-20", "He resigned yesterday.", "yesterday", "2025-09-19", "2025-09-19", "2025-09-20"},
    {"2025-09-20", "The index fell 2% last week.", "last week", "2025-W37", "", ""},
    {"2025-09-20", "Exports slumped last month.", "last month", "2025-08", "", ""},
    {"2025-09-20", "Profits doubled last year.", "last year", "2024", "", ""},
    {"2025-09-20", "Profits have doubled this year.", "this year", "2025", "", ""},
    {"2025-09-20", "The company will report results next month.", "next month", "2025-10", "", ""},
    {"2025-09-20", "The ship sank three days ago.", "three days ago", "2025-09-17", "", ""},
    {"2026-01-22", "The story was posted 33 minutes ago.", "33 minutes ago", "2026-01-22", "", ""},
    {"2025-09-20", "Earlier this year, the bank cut rates.", "Earlier this year", "2025", "2025-01-01", "2025-09-20"},
    {"2025-09-20", "The fire broke out on Friday.", "Friday", "2025-09-19", "", ""},
    {"2025-09-17", "The fire broke out on Friday.", "Friday", "2025-09-12", "", ""},
    {"2025-09-20", "Output grew between 2020 and 2023.", "between 2020 and 2023", "2020/2023", "2020-01-01", "2024-01-01"},
    {"2025-09-20", "Prices have risen since July.", "since July", "2025-07", "2025-07-01", "2025-09-21"},
    {"2025-09-20", "The firm recently hired a new chief.", "recently", "PAST_REF", "", ""},
    {"2025-09-20", "The court ruled on Tuesday that the law was valid.", "Tuesday", "2025-09-16", "", ""},
    {"2025-09-20", "Shares jumped on Monday morning.", "Monday morning", "2025-09-15TMO", "", ""},
    {"2025-09-20", "The company reported its results on Sept. 3.", "Sept. 3", "2025-09-03", "", ""},
    {"2025-09-20", "The strike began on March 3, 2024.", "March 3, 2024", "2024-03-03", "", ""},
    {"2025-09-20", "The ceasefire took effect on 1 August.", "1 August", "2025-08-01", "", ""},
    {"2025-09-20", "The vote will be held on 1 October.", "1 October", "2025-10-01", "", ""},
    {"2025-03-10", "The vote was held on 1 October.", "1 October", "2024-10-01", "", ""},
    {"2025-03-10", "The festival will return in October.", "October", "2025-10", "", ""},
    {"2025-03-10", "The festival was cancelled in October.", "October", "2024-10", "", ""},
    {"2025-03-10", "The minister visited Beijing in December 2023.", "December 2023", "2023-12", "", ""},
    {"2025-03-10", "He was first elected in May 2019.", "May 2019", "2019-05", "", ""},
    {"2025-03-10", "The rules came into force on May 25, 2018.", "May 25, 2018", "2018-05-25", "", ""},
    {"2025-03-10", "The law was passed in 2019 and amended in 2021.", "2021", "2021", "", ""},
    {"2025-03-10", "The law was passed in 2019 and amended in 2021.", "2019", "2019", "", ""},
    {"2025-03-10", "Growth slowed in the third quarter.", "the third quarter", "2024-Q3", "", ""},
    {"2025-03-10", "Growth slowed in the third quarter of 2023.", "the third quarter of 2023", "2023-Q3", "", ""},
    {"2025-03-10", "The chipmaker posted third-quarter results.", "third-quarter", "2024-Q3", "", ""},
    // In a clause about the future, the nearest quarter: the coming one, or
    // the one just ended whose results are still to come.
    {"2025-08-19", "The carmaker will idle two plants during the fourth quarter.", "the fourth quarter", "2025-Q4", "", ""},
    {"2025-10-26", "The chipmaker will report third-quarter results on Thursday.", "third-quarter", "2025-Q3", "", ""},
    {"2025-08-19", "The plants were idled during the fourth quarter.", "the fourth quarter", "2024-Q4", "", ""},
    // A deadline falls after the past verb that set it: the nearest month or day.
    {"1998-03-22", "The regulator ordered the bank to sell its insurance arm by May.", "May", "1998-05", "", ""},
    {"2025-10-30", "Regulators gave the bidder until mid-November to send more figures.", "until mid-November", "2025-11", "", ""},
    {"2025-10-30", "The bidder sold its stake by May.", "May", "2025-05", "", ""},
    // A plan as it stood before ("had been due to"): the past day, not the next.
    {"2025-10-27", "The offer had been due to expire on Friday.", "Friday", "2025-10-24", "", ""},
    {"2025-10-27", "The offer is due to expire on Friday.", "Friday", "2025-10-31", "", ""},
    {"2025-03-10", "Revenue rose 12% in Q4 2024.", "Q4 2024", "2024-Q4", "", ""},
    {"2025-03-10", "Revenue fell in the first half of 2024.", "the first half of 2024", "2024-H1", "", ""},
    {"2025-03-10", "The budget for fiscal 2026 was approved.", "fiscal 2026", "2026", "", ""},
    {"2025-03-10", "The bridge was built in the 19th century.", "the 19th century", "18", "", ""},
    {"2025-03-10", "Crime fell during the 2010s.", "2010s", "201", "", ""},
    {"2025-03-10", "The company was founded in the early 2000s.", "early 2000s", "200", "", ""},
    {"2025-03-10", "The mine operated until 2015.", "until 2015", "2015", "", ""},
    {"2025-03-10", "The loan is due in 2027.", "2027", "2027", "", ""},
    {"2025-03-10", "Demand has grown since 2020.", "since 2020", "2020", "", ""},
    {"2025-03-10", "The storm hit the coast last Friday.", "last Friday", "2025-03-07", "", ""},
    {"2025-03-10", "The summit will take place next Tuesday.", "next Tuesday", "2025-03-11", "", ""},
    {"2025-03-10", "Talks resume this Thursday.", "this Thursday", "2025-03-13", "", ""},
    {"2025-03-10", "The results are due tomorrow.", "tomorrow", "2025-03-11", "", ""},
    {"2025-03-10", "The minister spoke today.", "today", "2025-03-10", "", ""},
    {"2025-03-10", "Protesters gathered tonight in the square.", "tonight", "2025-03-10TNI", "", ""},
    {"2025-03-10", "The senator spoke this morning.", "this morning", "2025-03-10TMO", "", ""},
    {"2025-03-10", "The bank raised rates last night.", "last night", "2025-03-09TNI", "", ""},
    {"2025-03-10", "The firm was sold two years ago.", "two years ago", "2023", "", ""},
    {"2025-03-10", "The mine closed a decade ago.", "a decade ago", "201", "", ""},
    {"2025-03-10", "The attack happened two weeks ago.", "two weeks ago", "2025-02-24", "2025-02-24", "2025-02-25"},
    {"2025-03-10", "He left the company five months ago.", "five months ago", "2024-10", "", ""},
    {"2025-03-10", "The plane landed four hours ago.", "four hours ago", "2025-03-10", "", ""},
    {"2025-03-10", "The company was founded a year earlier.", "a year earlier", "2024", "", ""},
    {"2025-03-10", "The talks lasted three years.", "three years", "P3Y", "", ""},
    {"2025-03-10", "The strike lasted 24 hours.", "24 hours", "PT24H", "", ""},
    {"2025-03-10", "Prices have doubled over the past five years.", "the past five years", "P5Y", "", ""},
    {"2025-03-10", "Sales rose over the past year.", "the past year", "P1Y", "", ""},
    {"2025-03-10", "The government signed a 10-year contract.", "10-year", "P10Y", "", ""},
    {"2025-03-10", "The project took two weeks.", "two weeks", "P2W", "", ""},
    {"2025-03-10", "Inflation will ease in the coming months.", "in the coming months", "FUTURE_REF", "", ""},
    {"2025-03-10", "In recent years, the town has grown.", "recent years", "PXY", "", ""},
    // "recent" + plural unit: a duration of unknown count (TIMEX3 PX<unit>).
    {"2025-03-10", "Shipments have slowed in recent weeks.", "recent weeks", "PXW", "", ""},
    {"2025-03-10", "Recent months have been hard for growers.", "Recent months", "PXM", "", ""},
    {"2025-03-10", "Fighting has eased in recent days.", "recent days", "PXD", "", ""},
    // "current": PRESENT_REF alone, "this" before a unit.
    {"2025-03-10", "He blamed current market conditions.", "current", "PRESENT_REF", "", ""},
    {"2025-03-10", "Sales in the current quarter will fall.", "current quarter", "2025-Q1", "2025-01-01", "2025-04-01"},
    // Clock units take a fraction in the next smaller unit; calendar units keep it.
    {"2025-03-10", "The flight lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M", "", ""},
    {"2025-03-10", "The trial lasted two and a half years.", "two and a half years", "P2.5Y", "", ""},
    // "planning for" looks ahead like "plans to".
    {"2025-03-10", "Officials are planning for the summit in April.", "April", "2025-04", "", ""},
    // "now" is PRESENT_REF in "until now" and "now that" too.
    {"2025-03-10", "No woman had led the team until now.", "now", "PRESENT_REF", "", ""},
    {"2025-03-10", "Now that the vote is over, talks can resume.", "Now", "PRESENT_REF", "", ""},
    // "N weeks ago" counts days from the anchor day; "last week" stays a week.
    {"2025-03-10", "The plant closed three weeks ago.", "three weeks ago", "2025-02-17", "2025-02-17", "2025-02-18"},
    {"2025-03-10", "Police made the arrest a week ago.", "a week ago", "2025-03-03", "", ""},
    {"2025-03-10", "The index fell sharply last week.", "last week", "2025-W10", "", ""},
    // A year written before a quarter or half ("the 1988 second quarter").
    {"2025-03-10", "Profit beat the 2024 third quarter.", "the 2024 third quarter", "2024-Q3", "2024-07-01", "2024-10-01"},
    {"2025-03-10", "Sales fell from the 2023 first half.", "the 2023 first half", "2023-H1", "2023-01-01", "2023-07-01"},
    // "supposed to" and "should" look ahead: an unqualified month is the next one.
    {"2025-03-10", "The two sides are supposed to sign the deal in May.", "May", "2025-05", "", ""},
    {"2025-03-10", "The new line should open in June.", "June", "2025-06", "", ""},
    {"2025-03-10", "The new line opened in June.", "June", "2024-06", "", ""},
    // Narrative time: after "on March 4" in the week before publication, a bare
    // weekday is a day of that week; an attributive date ("the March 4 accord")
    // or a date further back does not move the time line.
    {"2025-03-13", "The council met on March 4. It approved the plan on Wednesday.", "Wednesday", "2025-03-05", "2025-03-05", "2025-03-06"},
    {"2025-03-13", "The council met on March 4. Monday's vote was close.", "Monday's", "2025-03-03", "", ""},
    {"2025-03-13", "Under the March 4 accord, inspectors returned on Wednesday.", "Wednesday", "2025-03-12", "", ""},
    {"2025-03-13", "The council met on Feb. 25. It approved the plan on Wednesday.", "Wednesday", "2025-03-12", "", ""},
    {"2025-03-13", "The council met on March 4. It will vote again on Friday.", "Friday", "2025-03-14", "", ""},
    {"2025-03-10", "The factory is now closed.", "now", "PRESENT_REF", "", ""},
    {"2025-03-10", "The ministry will publish the plan soon.", "soon", "FUTURE_REF", "", ""},
    {"2025-03-10", "The firm previously made cars.", "previously", "PAST_REF", "", ""},
    {"2025-03-10", "The index hit a record earlier this month.", "earlier this month", "2025-03", "2025-03-01", "2025-03-10"},
    {"2025-03-10", "Further cuts are planned later this year.", "later this year", "2025", "2025-03-11", "2026-01-01"},
    {"2025-03-10", "The plant closed late last year.", "late last year", "2024", "2024-09-01", "2025-01-01"},
    {"2025-03-10", "The app will launch early next year.", "early next year", "2026", "2026-01-01", "2026-05-02"},
    {"2025-03-10", "The agency expects a decision by the end of 2025.", "the end of 2025", "2025", "", ""},
    {"2025-03-10", "Prices fell at the start of the year.", "the start of the year", "2025", "", ""},
    {"2025-03-10", "The works will finish by mid-2026.", "mid-2026", "2026", "", ""},
    {"2025-03-10", "Applications open in mid-April.", "mid-April", "2025-04", "", ""},
    {"2025-03-10", "The stadium was packed last weekend.", "last weekend", "2025-W10-WE", "", ""},
    {"2025-03-10", "Crowds are expected this weekend.", "this weekend", "2025-W11-WE", "", ""},
    {"2025-03-10", "Exports rose 4% this quarter.", "this quarter", "2025-Q1", "", ""},
    {"2025-03-10", "Exports fell 4% last quarter.", "last quarter", "2024-Q4", "", ""},
    {"2025-03-10", "The economy shrank in the fourth quarter of last year.", "the fourth quarter of last year", "2024-Q4", "", ""},
    {"2025-03-10", "The euro slid in the summer of 2022.", "the summer of 2022", "2022-SU", "", ""},
    {"2025-03-10", "The tournament returns in summer 2026.", "summer 2026", "2026-SU", "", ""},
    {"2025-03-10", "Snow fell heavily last winter.", "last winter", "2024-WI", "", ""},
    {"2025-03-10", "The crops failed in the autumn.", "the autumn", "2024-FA", "", ""},
    {"2025-03-10", "Elections are due next year.", "next year", "2026", "", ""},
    {"2025-02-10", "The shares were suspended in the spring.", "the spring", "2024-SP", "", ""},
    {"2025-03-10", "Output has doubled this decade.", "this decade", "202", "", ""},
    {"2025-03-10", "It was the worst drought this century.", "this century", "20", "", ""},
    {"2025-03-10", "The bill was passed between March and May 2024.", "between March and May 2024", "2024-03/2024-05", "", ""},
    {"2025-03-10", "The exhibition runs from June to September.", "from June to September", "2025-06/2025-09", "", ""},
    {"2025-03-10", "The festival runs from 2026 to 2028.", "from 2026 to 2028", "2026/2028", "", ""},
    {"2025-03-10", "The hearings ran from May 3-5, 2023.", "from May 3-5, 2023", "2023-05-03/2023-05-05", "", ""},
    {"2025-03-10", "Data for 2020-2023 show a decline.", "2020-2023", "2020/2023", "", ""},
    {"2025-03-10", "The 2023-24 season was a disaster.", "2023-24", "2023/2024", "", ""},
    {"2025-03-10", "The 2024 election changed everything.", "2024", "2024", "", ""},
    {"2025-03-10", "2023 was the hottest year on record.", "2023", "2023", "", ""},
    {"2025-03-10", "The city's 2024 budget was cut.", "2024", "2024", "", ""},
    {"2025-03-10", "2023's results were weak.", "2023", "2023", "", ""},
    {"2025-03-10", "The war began on Feb. 24, 2022.", "Feb. 24, 2022", "2022-02-24", "", ""},
    {"2025-03-10", "The regulator fined the bank on 12/03/2024.", "12/03/2024", "2024-12-03", "", ""},
    {"2025-03-10", "Trading was halted on Wednesday, March 5.", "Wednesday, March 5", "2025-03-05", "", ""},
    {"2025-03-10", "He was born on July 4th, 1976.", "July 4th, 1976", "1976-07-04", "", ""},
    {"2025-03-10", "The treaty was signed on the 9th of May 1950.", "the 9th of May 1950", "1950-05-09", "", ""},
    {"2025-03-10", "The 1970s were a turbulent decade.", "1970s", "197", "", ""},
    {"2025-03-10", "The company was listed in the '90s.", "'90s", "199", "", ""},
    {"2025-03-10", "Shares have fallen since January.", "since January", "2025-01", "", ""},
    {"2025-03-10", "He has worked there since 2011.", "since 2011", "2011", "", ""},
    {"2025-03-10", "Rates stayed high through 2024.", "2024", "2024", "", ""},
    {"2025-03-10", "Sales fell in April and May.", "April", "2024-04", "", ""},
    {"2025-03-10", "Sales will rise in April and May.", "April", "2025-04", "", ""},
    {"2025-11-15", "The strike began in early September.", "early September", "2025-09", "", ""},
    {"2025-11-15", "Talks broke down in late October.", "late October", "2025-10", "2025-10-22", "2025-11-01"},
    {"2025-11-15", "The court will rule in December.", "December", "2025-12", "", ""},
    {"2025-11-15", "The court ruled in December.", "December", "2024-12", "", ""},
    {"2025-11-15", "Orders picked up in the spring.", "the spring", "2025-SP", "", ""},
    {"2025-11-15", "The government is expected to announce the plan in January.", "January", "2026-01", "", ""},
    {"2025-11-15", "The election will be held next spring.", "next spring", "2026-SP", "", ""},
    {"2025-11-15", "The minister said on Thursday that prices would fall.", "Thursday", "2025-11-13", "", ""},
    {"2025-11-15", "The plant reopened on Saturday.", "Saturday", "2025-11-15", "", ""},
    {"2025-11-15", "The ferry sank on Sunday.", "Sunday", "2025-11-09", "", ""},
    {"2025-11-15", "The launch is scheduled for Sunday.", "Sunday", "2025-11-16", "", ""},
    {"2025-11-15", "Turnout fell in the 2022 midterms.", "2022", "2022", "", ""},
    {"2025-11-15", "The bank lent $2bn in 2019 alone.", "2019", "2019", "", ""},
    {"2025-11-15", "He served as mayor from 2010 until 2018.", "from 2010 until 2018", "2010/2018", "", ""},
    {"2025-11-15", "Unemployment hit 5% in November 2008.", "November 2008", "2008-11", "", ""},
    {"2025-11-15", "The rebels took the city in the summer.", "the summer", "2025-SU", "", ""},
    {"2025-11-15", "The merger was announced on 3 June.", "3 June", "2025-06-03", "", ""},
    {"2025-11-15", "The talks will resume on 3 June.", "3 June", "2026-06-03", "", ""},
    {"2025-11-15", "The group held its first meeting in June 2021.", "June 2021", "2021-06", "", ""},
    {"2025-11-15", "Wages grew slowly in the first half.", "the first half", "2025-H1", "", ""},
    {"2025-11-15", "Shares rose 3% in Q3.", "Q3", "2025-Q3", "", ""},
    {"2025-11-15", "The company was fined last April.", "last April", "2025-04", "", ""},
    {"2025-11-15", "The company will be audited next April.", "next April", "2026-04", "", ""},
    {"2025-11-15", "The drought has lasted six months.", "six months", "P6M", "", ""},
    {"2025-11-15", "The project was delayed by several years.", "several years", "PXY", "", ""},
    {"2025-11-15", "The mine was closed several years ago.", "several years ago", "PAST_REF", "", ""},
    {"2025-11-15", "The scheme ran for a decade.", "a decade", "P10Y", "", ""},
    {"2025-11-15", "The CEO stepped down 18 months ago.", "18 months ago", "2024-05", "", ""},
    {"2025-11-15", "The dam burst 10 days ago.", "10 days ago", "2025-11-05", "", ""},
    {"2025-11-15", "The company went public a year ago.", "a year ago", "2024", "", ""},
    {"2025-11-15", "Prices will be reviewed in two years.", "two years", "P2Y", "", ""},
    {"2025-11-15", "The ban was lifted on 2 November.", "2 November", "2025-11-02", "", ""},
    {"2025-11-15", "The currency peaked in the second half of 2024.", "the second half of 2024", "2024-H2", "", ""},
    {"2025-11-15", "Growth was strongest in the late 1980s.", "late 1980s", "198", "", ""},
    {"2025-11-15", "The shop opened in the mid-1990s.", "mid-1990s", "199", "", ""},
    {"2025-11-15", "The pact dates from the 20th century.", "the 20th century", "19", "", ""},
    {"2025-11-15", "The book is set in the twenty-first century.", "the twenty-first century", "20", "", ""},
    {"2025-11-15", "The fund returned 8% in fiscal year 2024.", "fiscal year 2024", "2024", "", ""},
    {"2025-11-15", "FY2025 revenue rose 9%.", "FY2025", "2025", "", ""},
    {"2025-11-15", "The vote took place on 2024-11-05.", "2024-11-05", "2024-11-05", "", ""},
    {"2025-11-15", "Prices were lower in 2025-03 than a year before.", "2025-03", "2025-03", "", ""},
    {"2025-11-15", "In the past, the party won easily.", "In the past", "PAST_REF", "", ""},
    {"2025-11-15", "These days, few people use cheques.", "These days", "PRESENT_REF", "", ""},
    {"2025-11-15", "The company currently employs 500 people.", "currently", "PRESENT_REF", "", ""},
    {"2025-11-15", "Storms battered the coast yesterday morning.", "yesterday morning", "2025-11-14TMO", "", ""},
    {"2025-11-15", "The vote is set for Tuesday evening.", "Tuesday evening", "2025-11-18TEV", "", ""},
    {"2025", "The company was founded in March.", "March", "2025-03", "", ""},
    {"2025-11", "The plant closed yesterday.", "yesterday", "XXXX-XX-XX", "", ""},
    {"2025-11", "The plant closed last month.", "last month", "2025-10", "", ""},
  };

  TEST_CASE("news phrasings resolve against their publication date") {
    CHECK(std::size(kCases) >= 150);
    for (const Case& c : kCases) {
      const auto ms = extract(c.text, c.published);
      const DateMention* m = find(ms, c.surface);
      const std::string where = std::string(c.published) + " | " + c.text + " | found: " + surfaces(ms);
      CHECK_MESSAGE(m != nullptr, where);
      if (m == nullptr) continue;
      CHECK_MESSAGE(m->value == c.value, where);
      if (*c.start) CHECK_MESSAGE(iso(m->start) == c.start, (where + " start " + iso(m->start)));
      if (*c.end) CHECK_MESSAGE(iso(m->end) == c.end, (where + " end " + iso(m->end)));
    }
  }
}

TEST_SUITE("dates.nondates") {
  TEST_CASE("numbers, model names and clock times are not dates") {
    const char* texts[] = {
        "Meta's Llama 4 disappointed developers.",
        "It is one of the Fortune 500 companies.",
        "The council paid $2023 for the sign.",
        "The fire forced 2,023 people from their homes.",
        "The plant employs 2000 people and 1500 contractors.",
        "The company cut 1500 jobs.",
        "The troops attacked at 2000 GMT.",
        "Flight 1984 landed safely.",
        "Windows 2000 is no longer supported.",
        "The index rose 2024 points.",
        "You may see delays.",
        "Thousands march on the capital.",
        "The fall in prices surprised investors.",
        "She went to the hot spring.",
        "He scored 1999 runs for the club.",
        "Room 2010 was booked.",
        "The model has 2048 tokens of context.",
        "The S&P 500 closed higher.",
        "The 33-year-old was arrested.",
        "Half of the 1920 residents voted.",
        "Qwen3 beat GPT-4 on the test.",
        "The board held a public hearing on a Friday.",
        "The club meets on any Monday that suits its members.",
        "The grid was built for a poorer town than the Frostbury of today.",
        "They are the engineers of tomorrow.",
    };
    for (const char* t : texts) {
      const auto ms = extract(t, "2025-06-01");
      CHECK_MESSAGE(ms.empty(), (std::string(t) + " => " + surfaces(ms)));
    }
  }

  TEST_CASE("an attribution after a comma is not part of the event") {
    const auto ms = extract(
        "Halcyon Airlines was founded in 1904 as a small aviation firm, according to the Planning Authority.",
        "2025-06-01");
    const DateMention* m = find(ms, "1904");
    REQUIRE(m != nullptr);
    CHECK(m->event.predicate == "found");
    for (const char* source : {"plan", "author"}) {
      CHECK(std::count(m->event.participants.begin(), m->event.participants.end(), source) == 0);
      CHECK_FALSE(std::binary_search(m->event.stems.begin(), m->event.stems.end(), source));
    }
    CHECK(std::count(m->event.participants.begin(), m->event.participants.end(), "halcyon") == 1);
  }

  TEST_CASE("a quotation of several sentences: a date's tense and event end with its own sentence") {
    // "We expect" tells of the future. The segmenter keeps the quotation
    // whole; "has been" of the next sentence is not the date's tense, nor are
    // its furnaces the date's event.
    struct Want {
      const char* text;
      const char* date;
      const char* stem_in;   // of the date's own sentence
      const char* stem_out;  // of the next one
      DateTense tense;
    };
    const Want wants[] = {
        {"\"We expect the works in Ivyminster to be profitable before the end of the year. Every one of the new "
         "furnaces has been inspected by our engineers,\" stated Naomi Navarro.",
         "the end of the year", "ivyminst", "furnac", DateTense::kFuture},
        {"\"We opened the plant in 2020. We will add a second line,\" she said.", "2020", "open", "line",
         DateTense::kPast},
        // An abbreviation's full stop ends nothing: London is the deal's.
        {"The deal closed on Jan. 5, 2020 in London. Shares rose.", "Jan. 5, 2020", "london", "share",
         DateTense::kPast},
    };
    for (const Want& w : wants) {
      CAPTURE(w.text);
      const auto found = extract(w.text, "2023-03-10");
      const DateMention* date = find(found, w.date);
      REQUIRE(date != nullptr);
      const auto& stems = date->event.stems;
      CHECK(date->tense == w.tense);
      CHECK(std::binary_search(stems.begin(), stems.end(), w.stem_in));
      CHECK_FALSE(std::binary_search(stems.begin(), stems.end(), w.stem_out));
    }
  }

  TEST_CASE("chrome is skipped") {
    const auto ms = extract("Sign up for our newsletter\n\nThe plant closed in 2019.\n", "2025-06-01");
    REQUIRE(!ms.empty());
    CHECK(ms.back().value == "2019");
  }
}

TEST_SUITE("dates.anchor") {
  TEST_CASE("without a publication date the latest full date is the inferred anchor") {
    const auto ms = extract(
        "The talks opened on March 3, 2025. The deal was signed on March 10, 2025. "
        "Two days later the firm announced layoffs. In January, sales had slumped.",
        "");
    const DateMention* jan = find(ms, "January");
    REQUIRE(jan != nullptr);
    CHECK(jan->value == "2025-01");
    CHECK(jan->anchor_inferred);
    REQUIRE(jan->anchor.has_value());
    CHECK(jan->anchor->iso() == "2025-03-10");
  }

  TEST_CASE("without any full date the year stays unknown") {
    const auto ms = extract("In September, the company cut jobs. Last year it grew.", "");
    const DateMention* sep = find(ms, "September");
    REQUIRE(sep != nullptr);
    CHECK(sep->value == "XXXX-09");
    CHECK(!sep->start.has_value());
    CHECK(sep->written == std::vector<std::string>{"month"});
    const DateMention* ly = find(ms, "Last year");
    REQUIRE(ly != nullptr);
    CHECK(ly->value == "XXXX");
  }

  TEST_CASE("Reanchor resolves relative mentions and keeps absolute ones") {
    const auto ms = extract("In September, Qwen topped Llama. In September 2024, it grew.", "");
    const DateMention* rel = find(ms, "September");
    const DateMention* abs = find(ms, "September 2024");
    REQUIRE(rel != nullptr);
    REQUIRE(abs != nullptr);
    const PublishedDate a = *parse_published_date("2026-01-22");
    const DateMention r = extractor().Reanchor(*rel, a, true);
    CHECK(r.value == "2025-09");
    CHECK(r.anchor_inferred);
    CHECK(extractor().Reanchor(*abs, a, true) == *abs);
  }

  TEST_CASE("a past month that contains the anchor day is that month") {
    const auto ms = extract("In January, the firm cut 300 jobs.", "2025-01-20");
    REQUIRE(find(ms, "January") != nullptr);
    CHECK(find(ms, "January")->value == "2025-01");
  }
}

TEST_SUITE("dates.json") {
  TEST_CASE("fields as crosscheck extract prints them") {
    const auto ms = extract("In September, Qwen topped Meta's Llama.", "2026-01-22");
    REQUIRE(ms.size() == 1);
    std::string text;
    append_date_fields(ms[0], text);
    const nlohmann::json j = testing::written_fields(text);
    CHECK(j["value"] == "2025-09");
    CHECK(j["start_date"] == "2025-09-01");
    CHECK(j["end_date"] == "2025-10-01");
    CHECK(j["precision"] == "month");
    CHECK(j["anchor"] == "2026-01-22");
    CHECK(j["anchor_inferred"] == false);
    CHECK(j["written"] == nlohmann::json::array({"month"}));
    CHECK(j["implied"] == nlohmann::json::array({"year"}));
    CHECK(j["rule"] == "month");
    CHECK(j["vague"] == false);
    CHECK(j["tense"] == "past");
    CHECK(j["event"]["predicate"] == "top");
    CHECK(j["event"]["participants"] == nlohmann::json::array({"qwen", "meta", "llama"}));
  }
}


TEST_CASE("a range connector that ends the sentence reads no token past it") {
  // "from May to" at the end: the end of the range would start one past the
  // last token. The tokens sit in a vector of their exact size, so a read
  // past the end is a heap overflow under AddressSanitizer (scripts/test).
  auto lex = DateLexicon::Load(builtin_rules());
  REQUIRE(lex.ok());
  for (const std::string text : {"Prices rose from May to", "It ran between June and", "Sales fell in 2019 -"}) {
    CAPTURE(text);
    std::vector<DateToken> toks = date_tokens(text, Span{0, static_cast<uint32_t>(text.size())});
    toks.shrink_to_fit();
    REQUIRE(toks.capacity() == toks.size());
    const std::vector<DateMatch> matches = parse_dates(toks, text, *lex);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].range == DateRange::kNone);
    CHECK(matches[0].last <= toks.size());
  }
}


TEST_CASE("a rules file whose date words include an empty one is refused") {
  // The grammar reads "" for the word past a sentence's end.
  std::ifstream in(std::string(CROSSCHECK_SOURCE_DIR) + "/rules/dates.toml");
  const std::string builtin((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(builtin.find("reporting = [\"said\"") != std::string::npos);
  REQUIRE(builtin.find("\n[units.words]\n") != std::string::npos);
  const auto dir = std::filesystem::temp_directory_path() / "crosscheck-rules-empty-date-word";
  std::filesystem::create_directories(dir);
  // Not structured bindings: clang cannot capture them in CAPTURE's lambda.
  for (const auto& edit : {std::pair<std::string, std::string>{"reporting = [\"said\"", "reporting = [\"\", \"said\""},
                           {"\n[units.words]\n", "\n[units.words]\n\"\" = \"D\"\n"}}) {
    const std::string& from = edit.first;
    const std::string& to = edit.second;
    CAPTURE(to);
    std::string text = builtin;
    text.replace(text.find(from), from.size(), to);
    std::ofstream(dir / "dates.toml") << text;
    auto rules = RuleSource::FromDirectory(dir);
    REQUIRE(rules.ok());
    auto lex = DateLexicon::Load(*rules);
    REQUIRE_FALSE(lex.ok());
    CHECK(lex.status().message().find("an empty word") != std::string::npos);
    CHECK(lex.status().message().rfind((dir / "dates.toml").string() + ":", 0) == 0);
  }
}

}  // namespace crosscheck
