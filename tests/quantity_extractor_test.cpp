#include "engine/quantity_extractor.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

#include "engine/number_words.h"
#include "tests/test_support.h"

namespace crosscheck {
namespace {

using testing::builtin_rules;
using testing::make_doc;

const QuantityExtractor& extractor() { return testing::loaded<QuantityExtractor>(); }

const NumberLexicon& lexicon() { return testing::loaded<NumberLexicon>(); }

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();  // "unbounded" / "no value"

bool same(const std::optional<double>& got, double want) {
  if (std::isnan(want)) return !got.has_value();
  return got.has_value() && std::fabs(*got - want) <= 1e-9 * std::max(1.0, std::fabs(want));
}

std::optional<Quantity> find(const std::vector<Quantity>& qs, std::string_view surface) {
  for (const auto& q : qs)
    if (q.surface == surface) return q;
  return std::nullopt;
}

std::string dump(const std::vector<Quantity>& qs) {
  std::string s;
  for (const auto& q : qs) s += "[" + q.surface + "] ";
  return s;
}

}  // namespace

TEST_SUITE("quantities.number_words") {
  TEST_CASE("spelled-out numbers and scales") {
    struct Case {
      const char* text;
      double value;
      double high;  // kNone unless vague
      NumberForm form;
      size_t length;
    };
    const Case cases[] = {
        {"ninety percent", 90, kNone, NumberForm::kCardinal, 6},
        {"two hundred and five people", 205, kNone, NumberForm::kCardinal, 20},
        {"a dozen offices", 12, kNone, NumberForm::kCardinal, 7},
        {"hundreds of millions of users", 2e8, 1e9, NumberForm::kVague, 20},
        {"tens of thousands of staff", 2e4, 1e5, NumberForm::kVague, 17},
        {"a trillion dollars", 1e12, kNone, NumberForm::kCardinal, 10},
        {"1.2bn", 1.2e9, kNone, NumberForm::kCardinal, 5},
        {"6 million", 6e6, kNone, NumberForm::kCardinal, 9},
        {"1,674.5 million", 1.6745e9, kNone, NumberForm::kCardinal, 15},
        {"twenty-one", 21, kNone, NumberForm::kCardinal, 10},
        {"twenty-first", 21, kNone, NumberForm::kOrdinal, 12},
        {"21st", 21, kNone, NumberForm::kOrdinal, 4},
        {"two thirds", 2.0 / 3, kNone, NumberForm::kFraction, 10},
        {"one and a half million", 1.5e6, kNone, NumberForm::kCardinal, 22},
        {"half a million", 5e5, kNone, NumberForm::kCardinal, 14},
        {"half-million", 5e5, kNone, NumberForm::kCardinal, 12},
        {"half-dozen", 6, kNone, NumberForm::kCardinal, 10},
        {"several hundred", 300, 1000, NumberForm::kVague, 15},
        {"a few million", 2e6, 1e7, NumberForm::kVague, 13},
        {"three dozen eggs", 36, kNone, NumberForm::kCardinal, 11},
        {"fifty two", 52, kNone, NumberForm::kCardinal, 9},
        {"two hundred and two thousand", 202000, kNone, NumberForm::kCardinal, 28},
        {"12,567 words", 12567, kNone, NumberForm::kCardinal, 6},
        {".5", 0.5, kNone, NumberForm::kCardinal, 2},
        {"Seventy", 70, kNone, NumberForm::kCardinal, 7},
        // Slash fractions, scientific notation, glued and spaced scale letters.
        {"3/4 of voters", 0.75, kNone, NumberForm::kFraction, 3},
        {"2 1/4 miles", 2.25, kNone, NumberForm::kCardinal, 5},
        {"1e10 operations", 1e10, kNone, NumberForm::kCardinal, 4},
        {"1.5e-3 seconds", 1.5e-3, kNone, NumberForm::kCardinal, 6},
        {"6.23x10^-4 grams", 6.23e-4, kNone, NumberForm::kCardinal, 10},
        {"6.23\u00d710^-4 grams", 6.23e-4, kNone, NumberForm::kCardinal, 11},
        {"3.2M users", 3.2e6, kNone, NumberForm::kCardinal, 4},
        {"10G links", 1e10, kNone, NumberForm::kCardinal, 3},
        {"1,674.5 G in total", 1.6745e12, kNone, NumberForm::kCardinal, 9},
        // "point" decimals.
        {"two point five percent", 2.5, kNone, NumberForm::kCardinal, 14},
        {"two hundred point seventy-one", 200.71, kNone, NumberForm::kCardinal, 29},
        {"three point one four", 3.14, kNone, NumberForm::kCardinal, 20},
        // Words and digits mixed; Indian scales.
        {"3 hundred and 21 seats", 321, kNone, NumberForm::kCardinal, 16},
        {"4 thousand 3 hundred and 21 votes", 4321, kNone, NumberForm::kCardinal, 27},
        {"6 crore and two hundred rupees", 60000200, kNone, NumberForm::kCardinal, 23},
        {"three lakh crore rupees", 3e12, kNone, NumberForm::kCardinal, 16},
        {"twenty-one thousand jobs", 21000, kNone, NumberForm::kCardinal, 19},
        // Whole numbers with fractions.
        {"three and two thirds", 3 + 2.0 / 3, kNone, NumberForm::kCardinal, 20},
        {"six million and two thirds", 6e6 + 2e6 / 3, kNone, NumberForm::kCardinal, 26},
        {"one twenty-fifth of it", 0.04, kNone, NumberForm::kFraction, 16},
        {"fifty - two", 52, kNone, NumberForm::kCardinal, 11},
    };
    for (const Case& c : cases) {
      const std::string text = c.text;
      CAPTURE(text);
      auto m = parse_number_words(c.text, 0, lexicon());
      REQUIRE(m.has_value());
      CHECK(same(m->value, c.value));
      CHECK(same(m->high, c.high));
      CHECK(m->form == c.form);
      CHECK(m->end == c.length);
    }
  }

  TEST_CASE("not numbers") {
    for (const char* t : {"a second", "an apple", "and", "onerous", "dozen", "tenure"}) {
      const std::string text = t;
      CAPTURE(text);
      CHECK_FALSE(parse_number_words(text, 0, lexicon()).has_value());
    }
  }

  TEST_CASE("groups and fractions stop where the number stops") {
    struct Case {
      const char* text;
      double value;
      size_t length;
    };
    const Case cases[] = {
        {"3 hundred and 2 hundred", 300, 9},   // two numbers
        {"5 million and 20 staff", 5e6, 9},    // "and" joins digits only after "hundred"
        {"9/11 attacks", 9, 1},                // not a listed denominator
        {"24/7 coverage", 24, 2},
        {"3/4/2025", 3, 1},                    // a date
        {"two and three", 2, 3},
        {"two point", 2, 3},
    };
    for (const Case& c : cases) {
      const std::string text = c.text;
      CAPTURE(text);
      auto m = parse_number_words(c.text, 0, lexicon());
      REQUIRE(m.has_value());
      CHECK(same(m->value, c.value));
      CHECK(m->end == c.length);
    }
  }

  TEST_CASE("thousands written \", 000\" and decimals \"6. 1\" by text split into tokens and joined again") {
    struct Case {
      const char* text;
      size_t at;  // where the number starts
      double value;
      size_t length;
    };
    const Case cases[] = {
        {"as many as 20, 000 people", 11, 20000, 7},
        {"The 170, 000 - square - foot building", 4, 170000, 8},
        {"It cost 1, 000, 000 euros.", 8, 1e6, 11},
        {"paid $6, 000, police said", 6, 6000, 6},
        {"He is 5 - foot - 8, 135 pounds.", 17, 8, 1},    // after a hyphen: a height, then a weight
        {"Marchers came on May 5, 300 of them.", 21, 5, 1},  // a capital inside the sentence: a date
        {"Routes 100, 200 and 300 closed.", 7, 100, 3},      // a list
        {"Lines 100, 200, 300 run.", 6, 100, 3},
        {"It rose to 20, 0001 units.", 11, 20, 2},           // not three digits
        {"scores of 20, 000x", 10, 20, 2},
        {"The 6. 1 - magnitude quake", 4, 6.1, 4},           // a decimal point written with a space
        {"stocks plunged 5. 4 per cent", 15, 5.4, 4},
        {"in 2004. 3 men", 3, 2004, 4},                      // a year ends its sentence
    };
    for (const Case& c : cases) {
      const std::string text = c.text;
      CAPTURE(text);
      auto m = parse_number_words(c.text, c.at, lexicon());
      REQUIRE(m.has_value());
      CHECK(same(m->value, c.value));
      CHECK(m->end - c.at == c.length);
    }
  }

  TEST_CASE("one-digit upper-case scale letters are names, lower-case g is grams") {
    for (const char* t : {"5G network", "10g of sugar", "1.5g dose"}) {
      const std::string text = t;
      CAPTURE(text);
      auto m = parse_number_words(text, 0, lexicon());
      REQUIRE(m.has_value());
      CHECK(m->glued_letters);
    }
  }

  TEST_CASE("glued letters are reported, not read") {
    auto m = parse_number_words("4o model", 0, lexicon());
    REQUIRE(m.has_value());
    CHECK(m->glued_letters);
    CHECK(m->end == 1);
  }
}

TEST_SUITE("quantities.extract") {
  struct Case {
    const char* sentence;
    const char* surface;
    QuantityKind kind;
    double value;  // kNone when the text gives an interval only
    double low;
    double high;
    const char* unit;      // "" = none
    const char* currency;  // "" = none
    Approx approx;
  };
  constexpr QuantityKind C = QuantityKind::kCount, P = QuantityKind::kPercent, M = QuantityKind::kMoney,
                         R = QuantityKind::kRatio, K = QuantityKind::kRank, O = QuantityKind::kOrdinal;
  constexpr Approx EX = Approx::kExact, AB = Approx::kAbout, NE = Approx::kNearly, OV = Approx::kOver,
                   AL = Approx::kAtLeast, UN = Approx::kUnder, UP = Approx::kUpTo, RG = Approx::kRange,
                   VG = Approx::kVague;

  // Written for these tests in the style of wire copy.
  const Case kCases[] = {
      // Digits, separators, decimals.
      {"The company employs 12,500 people across Europe.", "12,500", C, 12500, 12500, 12500, "people", "", EX},
      {"Shares closed at 3.75 after a volatile session.", "3.75", C, 3.75, 3.75, 3.75, "", "", EX},
      {"The storm damaged 1,204,332 homes in the region.", "1,204,332", C, 1204332, 1204332, 1204332, "homes", "", EX},
      {"Officials counted 48 deaths by Tuesday evening.", "48", C, 48, 48, 48, "deaths", "", EX},
      {"The startup now has 320 paying customers.", "320", C, 320, 320, 320, "customers", "", EX},
      {"The index fell 0.4 points in early trading.", "0.4", C, 0.4, 0.4, 0.4, "points", "", EX},
      {"Police arrested 17 protesters outside parliament.", "17", C, 17, 17, 17, "protesters", "", EX},
      {"The plant produced 2.3 million vehicles last year.", "2.3 million", C, 2.3e6, 2.3e6, 2.3e6, "vehicles", "", EX},
      {"The app has been downloaded 40 million times.", "40 million", C, 4e7, 4e7, 4e7, "times", "", EX},
      {"About 1.5 billion people use the service every month.", "About 1.5 billion", C, 1.5e9, 1.35e9, 1.65e9,
       "people", "", AB},
      {"The data centre will draw 300 megawatts of power.", "300", C, 300, 300, 300, "megawatts", "", EX},
      {"The vote passed by 52 to 48 in the senate.", "52", C, 52, 52, 52, "", "", EX},
      // Newer forms: fractions, scientific notation, scale letters, "point", signs.
      {"Prices rose 2 1/2 times over the decade.", "2 1/2", C, 2.5, 2.5, 2.5, "times", "", EX},
      {"Only 3/4 of the seats were filled.", "3/4", R, 0.75, 0.75, 0.75, "seats", "", EX},
      {"The chip performs 1e15 operations per second.", "1e15", C, 1e15, 1e15, 1e15, "operations", "", EX},
      {"The app passed 3.2M downloads in a week.", "3.2M", C, 3.2e6, 3.2e6, 3.2e6, "downloads", "", EX},
      {"Inflation slowed to two point five percent in May.", "two point five percent", P, 2.5, 2.5, 2.5, "percent",
       "", EX},
      {"Temperatures fell to minus 12 degrees overnight.", "minus 12", C, -12, -12, -12, "degrees", "", EX},
      {"The council added 3 hundred and 21 beds this winter.", "3 hundred and 21", C, 321, 321, 321, "beds", "",
       EX},
      {"The state budget is 2 lakh crore rupees this year.", "2 lakh crore rupees", M, 2e12, 2e12, 2e12, "INR",
       "INR", EX},
      {"Some twenty-one thousand workers joined the strike.", "Some twenty-one thousand", C, 21000, 18900, 23100,
       "workers", "", AB},
      // Words.
      {"Ninety engineers left the company in a single quarter.", "Ninety", C, 90, 90, 90, "engineers", "", EX},
      {"The two companies signed the deal on Monday.", "two", C, 2, 2, 2, "companies", "", EX},
      {"The agency hired a dozen analysts this month.", "a dozen", C, 12, 12, 12, "analysts", "", EX},
      {"The group has invested a trillion yen in chips.", "a trillion yen", M, 1e12, 1e12, 1e12, "JPY", "JPY", EX},
      {"Every month, hundreds of millions of users visit the site.", "hundreds of millions", C, kNone, 2e8, 1e9,
       "users", "", VG},
      {"Tens of thousands of workers walked out on Friday.", "Tens of thousands", C, kNone, 2e4, 1e5, "workers", "",
       VG},
      {"Thousands of fans gathered outside the stadium.", "Thousands", C, kNone, 2e3, 1e6, "fans", "", VG},
      {"Dozens of firms have signed up for the scheme.", "Dozens", C, kNone, 24, 144, "firms", "", VG},
      {"Several hundred residents were evacuated overnight.", "Several hundred", C, kNone, 300, 1000, "residents",
       "", VG},
      {"Three hundred and twelve delegates voted in favour.", "Three hundred and twelve", C, 312, 312, 312,
       "delegates", "", EX},
      {"Twenty-five schools closed because of the strike.", "Twenty-five", C, 25, 25, 25, "schools", "", EX},
      {"The ministry said one million doses had arrived.", "one million", C, 1e6, 1e6, 1e6, "doses", "", EX},
      {"Half a million households lost power.", "Half a million", C, 5e5, 5e5, 5e5, "households", "", EX},
      {"Roughly two and a half million voters stayed home.", "Roughly two and a half million", C, 2.5e6, 2.25e6,
       2.75e6, "voters", "", AB},
      {"A few thousand people attended the rally.", "A few thousand", C, kNone, 2e3, 1e4, "people", "", VG},
      {"Eleven miners were rescued after the collapse.", "Eleven", C, 11, 11, 11, "miners", "", EX},
      {"The board has seven members and meets monthly.", "seven", C, 7, 7, 7, "members", "", EX},
      {"One company has already withdrawn its bid.", "One", C, 1, 1, 1, "company", "", EX},
      {"Labs spend hundreds of millions of dollars on each model.", "hundreds of millions", M, kNone, 2e8, 1e9,
       "USD", "USD", VG},
      {"Rivals spent tens or hundreds of millions on training.", "tens or hundreds of millions", C, kNone, 2e7, 1e9,
       "", "", VG},
      {"The firm released its first open-weight model.", "first", O, 1, 1, 1, "model", "", EX},
      // Percentages.
      {"Sales rose 30% in the second quarter.", "30%", P, 30, 30, 30, "percent", "", EX},
      {"It costs sometimes ninety percent less than rival models.", "ninety percent", P, 90, 90, 90, "percent", "",
       EX},
      {"Turnout reached 90 per cent in some districts.", "90 per cent", P, 90, 90, 90, "percent", "", EX},
      {"Support for the plan stands at ninety % among members.", "ninety %", P, 90, 90, 90, "percent", "", EX},
      {"Inflation eased to 2.4 percent in March.", "2.4 percent", P, 2.4, 2.4, 2.4, "percent", "", EX},
      {"The central bank raised rates by 0.25 percentage points.", "0.25 percentage points", P, 0.25, 0.25, 0.25,
       "percentage points", "", EX},
      {"Nearly 40% of adults said they had cut spending.", "Nearly 40%", P, 40, 36, 40, "percent", "", NE},
      {"Prices could climb by as much as 15% next year.", "as much as 15%", P, 15, kNone, 15, "percent", "", UP},
      {"The shares lost more than 20 percent of their value.", "more than 20 percent", P, 20, 20, kNone, "percent",
       "", OV},
      {"Wages grew 18 to 25 percent in the sector.", "18 to 25 percent", P, kNone, 18, 25, "percent", "", RG},
      {"Analysts expect growth of 5-10% over the period.", "5-10%", P, kNone, 5, 10, "percent", "", RG},
      {"Unemployment is between 5 and 7 percent in the north.", "between 5 and 7 percent", P, kNone, 5, 7, "percent",
       "", RG},
      {"Fewer than 10% of the loans were repaid.", "Fewer than 10%", P, 10, kNone, 10, "percent", "", UN},
      {"Only about a third of respondents agreed.", "about a third", R, 1.0 / 3, 0.3, 1.0 / 3 * 1.1, "respondents",
       "", AB},
      {"Two thirds of members backed the motion.", "Two thirds", R, 2.0 / 3, 2.0 / 3, 2.0 / 3, "members", "", EX},
      {"Its market share fell to 12.5% from 14%.", "12.5%", P, 12.5, 12.5, 12.5, "percent", "", EX},
      {"The bank cut its forecast by 50 basis points.", "50 basis points", P, 50, 50, 50, "basis points", "", EX},
      {"Yields rose 3 pct on the week.", "3 pct", P, 3, 3, 3, "percent", "", EX},
      // Money.
      {"The training run had cost a mere $6 million, the company said.", "$6 million", M, 6e6, 6e6, 6e6, "USD",
       "USD", EX},
      {"The selloff wiped out over $1 trillion in market value.", "over $1 trillion", M, 1e12, 1e12, kNone, "USD",
       "USD", OV},
      {"The firm raised $1.2bn from investors.", "$1.2bn", M, 1.2e9, 1.2e9, 1.2e9, "USD", "USD", EX},
      {"The carmaker will invest €3 billion in Spain.", "€3 billion", M, 3e9, 3e9, 3e9, "EUR", "EUR", EX},
      {"The club paid £40m for the striker.", "£40m", M, 4e7, 4e7, 4e7, "GBP", "GBP", EX},
      {"Tickets start at US$5 for students.", "US$5", M, 5, 5, 5, "USD", "USD", EX},
      {"The fund manages HK$10 billion in assets.", "HK$10 billion", M, 1e10, 1e10, 1e10, "HKD", "HKD", EX},
      {"The loan is worth 100 billion yuan.", "100 billion yuan", M, 1e11, 1e11, 1e11, "CNY", "CNY", EX},
      {"Ministers received five million yen from the industry.", "five million yen", M, 5e6, 5e6, 5e6, "JPY", "JPY",
       EX},
      {"The deal is valued at about $98 a share.", "about $98", M, 98, 88.2, 107.8, "USD", "USD", AB},
      {"Losses could reach up to $500 million this year.", "up to $500 million", M, 5e8, kNone, 5e8, "USD", "USD",
       UP},
      {"The contract is worth at least $2.5bn.", "at least $2.5bn", M, 2.5e9, 2.5e9, kNone, "USD", "USD", AL},
      {"The company lost nearly $4 billion in the quarter.", "nearly $4 billion", M, 4e9, 3.6e9, 4e9, "USD", "USD",
       NE},
      {"Homes sell for $300,000 to $450,000 in the suburb.", "$300,000 to $450,000", M, kNone, 3e5, 4.5e5, "USD",
       "USD", RG},
      {"The project will cost $5-10 million.", "$5-10 million", M, kNone, 5e6, 1e7, "USD", "USD", RG},
      {"The settlement totals 2.5 million dollars.", "2.5 million dollars", M, 2.5e6, 2.5e6, 2.5e6, "USD", "USD",
       EX},
      {"The government approved a USD 200 million loan.", "USD 200 million", M, 2e8, 2e8, 2e8, "USD", "USD", EX},
      {"The bonds raised 420 million euros.", "420 million euros", M, 4.2e8, 4.2e8, 4.2e8, "EUR", "EUR", EX},
      {"It paid more than £1.2 billion for the chain.", "more than £1.2 billion", M, 1.2e9, 1.2e9, kNone, "GBP",
       "GBP", OV},
      {"The budget is less than $50,000 this year.", "less than $50,000", M, 5e4, kNone, 5e4, "USD", "USD", UN},
      {"The startup was valued at $3tn by some estimates.", "$3tn", M, 3e12, 3e12, 3e12, "USD", "USD", EX},
      {"The mayor earns C$150,000 a year.", "C$150,000", M, 1.5e5, 1.5e5, 1.5e5, "CAD", "CAD", EX},
      {"India set aside ₹500 crore for the scheme.", "₹500 crore", M, 5e9, 5e9, 5e9, "INR", "INR", EX},
      // Ratios.
      {"There are weeks where four out of five top models are from Chinese labs.", "four out of five", R, 0.8, 0.8,
       0.8, "models", "", EX},
      {"In the survey, 4 out of 5 dentists recommend the brand.", "4 out of 5", R, 0.8, 0.8, 0.8, "dentists", "", EX},
      {"One in three adults has high blood pressure.", "One in three", R, 1.0 / 3, 1.0 / 3, 1.0 / 3, "adults", "",
       EX},
      {"Nine out of 10 voters said the economy mattered most.", "Nine out of 10", R, 0.9, 0.9, 0.9, "voters", "", EX},
      {"A quarter of the workforce is over 55.", "A quarter", R, 0.25, 0.25, 0.25, "", "", EX},
      // Ranks and ordinals.
      {"The firm is among the top 10 employers in the state.", "top 10", K, 10, 10, 10, "employers", "", EX},
      {"The song reached No. 1 in the charts.", "No. 1", K, 1, 1, 1, "", "", EX},
      {"It is the country's third-largest bank by assets.", "third-largest", O, 3, 3, 3, "bank", "", EX},
      {"The company unveiled its first electric truck.", "first", O, 1, 1, 1, "truck", "", EX},
      {"Samsung is the world's second-biggest chipmaker.", "second-biggest", O, 2, 2, 2, "chipmaker", "", EX},
      {"The top five banks hold most deposits.", "top five", K, 5, 5, 5, "banks", "", EX},
      // Approximations and bounds.
      {"The bank has developed around 30 internal tools.", "around 30", C, 30, 27, 33, "tools", "", AB},
      {"Approximately 200 people were injured.", "Approximately 200", C, 200, 180, 220, "people", "", AB},
      {"Almost 60 flights were cancelled at the airport.", "Almost 60", C, 60, 54, 60, "flights", "", NE},
      {"More than 1,000 homes were destroyed.", "More than 1,000", C, 1000, 1000, kNone, "homes", "", OV},
      {"At least 12 people died in the floods.", "At least 12", C, 12, 12, kNone, "people", "", AL},
      {"Up to 300 jobs could go at the plant.", "Up to 300", C, 300, kNone, 300, "jobs", "", UP},
      {"Fewer than 50 patients took part in the trial.", "Fewer than 50", C, 50, kNone, 50, "patients", "", UN},
      {"Over 2 million people signed the petition.", "Over 2 million", C, 2e6, 2e6, kNone, "people", "", OV},
      {"Some 40 countries attended the summit.", "Some 40", C, 40, 36, 44, "countries", "", AB},
      {"As many as 5,000 troops could be deployed.", "As many as 5,000", C, 5000, kNone, 5000, "troops", "", UP},
      {"No fewer than 20 ministers resigned.", "No fewer than 20", C, 20, 20, kNone, "ministers", "", AL},
      {"Nearly 2,000 residents attended the meeting.", "Nearly 2,000", C, 2000, 1800, 2000, "residents", "", NE},
      {"The tower is more than 300 metres tall.", "more than 300", C, 300, 300, kNone, "metres", "", OV},
      {"The survey covered 500 or more households.", "500 or more", C, 500, 500, kNone, "households", "", AL},
      {"Between 20 and 30 vessels were in the port.", "Between 20 and 30", C, kNone, 20, 30, "vessels", "", RG},
      {"The trial will enrol 10 to 15 patients.", "10 to 15", C, kNone, 10, 15, "patients", "", RG},
      {"Two or three officers were injured.", "Two or three", C, kNone, 2, 3, "officers", "", RG},
      {"Police said 10-15 people were detained.", "10-15", C, kNone, 10, 15, "people", "", RG},
      {"Well over 100 firms bid for the contract.", "Well over 100", C, 100, 100, kNone, "firms", "", OV},
      {"The museum holds close to 80,000 objects.", "close to 80,000", C, 80000, 72000, 80000, "objects", "", NE},
      {"Just under half of the staff voted.", "Just under half", R, 0.5, 0.45, 0.5, "staff", "", NE},
      // Measures units after hyphen and glued units.
      {"The 15-member board voted unanimously.", "15", C, 15, 15, 15, "member", "", EX},
      {"The site will host a 5GW data centre.", "5GW", C, 5, 5, 5, "gw", "", EX},
      {"The firm sold 3.5 million tonnes of steel.", "3.5 million", C, 3.5e6, 3.5e6, 3.5e6, "tonnes", "", EX},
      {"The -2 reading surprised economists.", "-2", C, -2, -2, -2, "", "", EX},
      // Text split into tokens and joined again: spaced hyphens, groups and points.
      {"The 170, 000 - square - foot building was sold.", "170, 000", C, 170000, 170000, 170000, "square-foot", "", EX},
      {"About 20 - including two children - were hurt.", "About 20", C, 20, 18, 22, "", "", AB},
      {"Greek stocks plunged 5. 4 per cent on Monday.", "5. 4 per cent", P, 5.4, 5.4, 5.4, "percent", "", EX},
  };

  TEST_CASE("table of news expressions") {
    size_t n = 0;
    for (const Case& c : kCases) {
      const std::string sentence = c.sentence;
      CAPTURE(sentence);
      const Document doc = make_doc(c.sentence);
      const auto qs = extractor().Extract(doc);
      auto q = find(qs, c.surface);
      INFO("found: " << dump(qs));
      if (!q) {
        FAIL_CHECK("expected " << c.surface);
        continue;
      }
      ++n;
      CHECK(q->kind == c.kind);
      CHECK(same(q->value, c.value));
      CHECK(same(q->low, c.low));
      CHECK(same(q->high, c.high));
      CHECK(q->unit == c.unit);
      CHECK(q->currency.value_or("") == c.currency);
      CHECK(q->approx == c.approx);
      CHECK(q->span.size() == q->surface.size());
      CHECK(doc.slice(q->span) == q->surface);
    }
    CHECK(n >= 100);
  }

  TEST_CASE("not quantities") {
    struct Neg {
      const char* sentence;
      const char* not_read;  // a part that must not start or sit inside any quantity
    };
    const Neg negs[] = {
        {"Meta released its Llama models in 2023.", "2023"},
        {"The bank has struggled since 2008, analysts say.", "2008"},
        {"The vote is expected by 2030 at the latest.", "2030"},
        {"The meeting started at 2:04 p.m. on Tuesday.", "2:04"},
        // A character lost in decoding beside the digits ("4\u00bd" read as
        // "4\uFFFD"): the value is unknown.
        {"He served 4\xEF\xBF\xBD months in federal prison.", "4"},
        {"Tickets cost \xEF\xBF\xBD" "5 each.", "5"},
        {"Markets closed at 4 pm in New York.", "4"},
        {"The hearing is set for Aug 15 in Washington.", "15"},
        {"The deadline is 15 August, officials said.", "15"},
        {"Meta's Llama 4 was released in April.", "4"},
        {"Alibaba's Qwen3 topped the download charts.", "3"},
        {"DeepSeek's R1 model shocked investors.", "1"},
        {"OpenAI's GPT-4o is used by millions.", "4"},
        {"Half of the Fortune 500 use the software.", "500"},
        {"The S&P 500 closed higher on Friday.", "500"},
        {"Windows 11 ships on new laptops.", "11"},
        {"The iPhone 16 went on sale in September.", "16"},
        {"For details call 555-123-4567 during office hours.", "555"},
        {"See Section 3.2 of the agreement.", "3.2"},
        {"Under Article 50 the country can leave.", "50"},
        {"The company filed for Chapter 11 protection.", "11"},
        {"Version 2 of the app fixes the bug.", "2"},
        {"No one was hurt in the blaze.", "one"},
        {"It was one of the largest deals of the year.", "one"},
        {"The mid-2024 launch was delayed.", "2024"},
        {"Three days ago, the ministry issued a warning.", "Three"},
        {"The 1990s were a boom decade for the firm.", "1990"},
        {"The 2024-25 season begins in August.", "2024"},
        {"The carrier switched on its 5G network in the city.", "5"},
        {"The report is at https://example.com/report/2024?id=55 online.", "55"},
        {"It was the first time the court ruled on the case.", "first"},
        {"The firm reported results for the first quarter.", "first"},
        {"Police responded on March 3, 2025 to the call.", "2025"},
        {"Route 66 was busy over the holiday.", "66"},
        {"Flight 370 disappeared over the ocean.", "370"},
        {"Covid-19 cases fell in the city.", "19"},
        {"He spent a second looking at the screen.", "second"},
        {"Operators are rolling out 5G networks across the country.", "5"},
        {"Memorials marked the anniversary of 9/11 on Thursday.", "9"},
        {"The newsroom runs a 24/7 live blog.", "24"},
        {"The poll closes on 3/4/2025, officials said.", "3"},
        // A fraction word joined to a word by a hyphen is a compound.
        {"Spain reached the quarter-finals after beating France.", "quarter"},
        {"He lost his older half-sister to cancer.", "half"},
        {"A third-party candidate entered the race.", "third"},
        {"The score at half-time was level.", "half"},
    };
    for (const Neg& n : negs) {
      const std::string sentence = n.sentence;
      CAPTURE(sentence);
      const Document doc = make_doc(n.sentence);
      const auto qs = extractor().Extract(doc);
      INFO("found: " << dump(qs));
      const std::string_view text = doc.text();
      const size_t at = text.find(n.not_read);
      REQUIRE(at != std::string_view::npos);
      const Span bad{static_cast<uint32_t>(at), static_cast<uint32_t>(at + std::strlen(n.not_read))};
      for (const auto& q : qs) CHECK_FALSE(q.span.overlaps(bad));
    }
  }

  TEST_CASE("a rank or an ordinal too large for an int has none (found by fuzz_quantities)") {
    const Document doc = make_doc("It is in the top 10000000000000000000000000002 of the list, and in the top 10 again.");
    const auto qs = extractor().Extract(doc);
    auto huge = find(qs, "top 10000000000000000000000000002");
    REQUIRE(huge.has_value());
    CHECK(huge->kind == QuantityKind::kRank);
    CHECK_FALSE(huge->rank.has_value());
    auto ten = find(qs, "top 10");
    REQUIRE(ten.has_value());
    CHECK(ten->rank == 10);
  }

  TEST_CASE("spans are in text order, do not overlap, and skip chrome") {
    const Document doc = make_doc(
        "The firm hired 30 engineers and 12 designers. It spent $4 million on 2 offices and 45% of its budget.");
    const auto qs = extractor().Extract(doc);
    REQUIRE(qs.size() == 5);
    for (size_t i = 1; i < qs.size(); ++i) CHECK(qs[i - 1].span.end <= qs[i].span.start);
  }

  TEST_CASE("measures: subject, metric and comparative") {
    const Document doc = make_doc(
        "Its services come at a much lower cost, he said, sometimes ninety percent less than rival models.");
    const auto qs = extractor().Extract(doc);
    auto q = find(qs, "ninety percent");
    REQUIRE(q.has_value());
    CHECK(q->comparative == "less");
    const auto& st = q->measures.stems;
    CHECK(std::find(st.begin(), st.end(), "cost") != st.end());
    CHECK(std::find(st.begin(), st.end(), "less") != st.end());

    const Document doc2 = make_doc("Every month, hundreds of millions of users flock to Pinterest for ideas.");
    auto q2 = find(extractor().Extract(doc2), "hundreds of millions");
    REQUIRE(q2.has_value());
    CHECK(q2->measures.subject == "Pinterest");
    CHECK(q2->unit == "users");
  }

  TEST_CASE("json fields") {
    const Document doc = make_doc("Investors wiped out over $1 trillion in value.");
    auto q = find(extractor().Extract(doc), "over $1 trillion");
    REQUIRE(q.has_value());
    std::string text;
    append_quantity_fields(*q, text);
    const nlohmann::json j = testing::written_fields(text);
    CHECK(j["quantity_kind"] == "money");
    CHECK(j["value"] == 1e12);
    CHECK(j["low"] == 1e12);
    CHECK(j["high"].is_null());
    CHECK(j["low_inclusive"] == false);
    CHECK(j["currency"] == "USD");
    CHECK(j["unit"] == "USD");
    CHECK(j["scale"] == 1e12);
    CHECK(j["approx"] == "over");
    CHECK(j["qualifier"] == "over");
    CHECK(j["ratio"].is_null());
    CHECK(j["measures"].contains("stems"));
  }
}

TEST_SUITE("quantities.seeds") {
  // The seed articles are read at run time and never copied into the repo.
  std::optional<Quantity> seed_quantity(const char* file, const char* surface) {
    auto text = testing::read_shared(std::string("seeds/") + file);
    if (!text) return std::nullopt;
    const Document doc = make_doc(*text);
    return find(extractor().Extract(doc), surface);
  }

  TEST_CASE("seed facts") {
    if (!testing::read_shared("seeds/001_bd6b9e9e81336716.txt")) {
      MESSAGE("seeds absent; skipped");
      return;
    }
    auto a = seed_quantity("001_bd6b9e9e81336716.txt", "ninety percent");
    REQUIRE(a.has_value());
    CHECK(a->kind == QuantityKind::kPercent);
    CHECK(same(a->value, 90));
    CHECK(a->comparative == "less");

    auto b = seed_quantity("001_bd6b9e9e81336716.txt", "four out of five");
    REQUIRE(b.has_value());
    REQUIRE(b->ratio.has_value());
    CHECK(b->ratio->num == 4);
    CHECK(b->ratio->den == 5);

    auto c = seed_quantity("004_14a64741e17ce39b.txt", "$6 million");
    REQUIRE(c.has_value());
    CHECK(same(c->value, 6e6));
    CHECK(c->currency == std::optional<std::string>("USD"));

    auto d = seed_quantity("004_14a64741e17ce39b.txt", "over $1 trillion");
    REQUIRE(d.has_value());
    CHECK(same(d->low, 1e12));
    CHECK_FALSE(d->low_inclusive);
    CHECK_FALSE(d->high.has_value());
    CHECK(d->currency == std::optional<std::string>("USD"));

    auto e = seed_quantity("003_1ca28c38a1e3f029.txt", "around 30");
    REQUIRE(e.has_value());
    CHECK(e->approx == Approx::kAbout);
    CHECK(same(e->value, 30));
    CHECK(e->unit == "tools");

    auto f = seed_quantity("001_bd6b9e9e81336716.txt", "hundreds of millions");
    REQUIRE(f.has_value());
    CHECK(same(f->low, 2e8));
    REQUIRE(f->high.has_value());
    CHECK(*f->high <= 1e9);
    CHECK(f->unit == "users");
  }
}

}  // namespace crosscheck
