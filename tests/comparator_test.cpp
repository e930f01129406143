#include "engine/comparator.h"
#include "engine/findings_store.h"  // evidence_hash

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include <string>
#include <vector>

#include "engine/extractor.h"
#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

namespace {

const Pipeline& pipeline() {
  return testing::loaded<Pipeline>();
}

const Comparator& comparator() {
  return testing::loaded<Comparator>();
}

SourceView view(int64_t id, const std::string& file, const std::string& text, const std::string& published) {
  SourceMeta meta;
  if (!published.empty()) meta.published = parse_published_date(published).value();
  const Document doc = pipeline().Prepare(text, meta);
  const ExtractedClaims claims = pipeline().Extract(doc);
  SourceView v;
  v.source_id = v.version_id = id;
  v.file = v.locator = file;
  v.meta = doc.meta;
  v.text = doc.text();
  v.sentences = doc.sentences;
  v.claims = claims.claims;
  v.people = claims.people;
  return v;
}

// A story of several sentences, so that a copy of it is recognised as one.
std::string story(const std::string& changed) {
  return "The harbour authority approved a new ferry terminal on Tuesday after two years of delays.\n"
         "The terminal will cost the city less than the old plan, officials said.\n"
         "Construction crews will begin work on the northern pier within weeks.\n"
         "Local traders welcomed the decision at a packed meeting in the town hall.\n" +
         changed +
         "\nThe old terminal will close once the new one opens to passengers.\n"
         "Critics said the plan ignored the concerns of fishermen on the southern quay.\n";
}

std::vector<Finding> compare(const std::string& a, const std::string& b, const std::string& pub_a = "2026-03-10",
                             const std::string& pub_b = "") {
  const std::vector<SourceView> corpus = {view(1, "a.txt", a, pub_a), view(2, "b.txt", b, pub_b)};
  return comparator().Compare(corpus);
}

size_t count(const std::vector<Finding>& fs, FindingKind k) {
  size_t n = 0;
  for (const auto& f : fs) n += f.kind == k;
  return n;
}

// The example story (original and copy), the seeds when ../shared is there,
// and two tellings of one story with a quote given to another speaker.
std::vector<SourceView> mixed_corpus() {
  std::vector<SourceView> corpus;
  const auto add = [&](const std::string& name, const std::string& text, const std::string& published) {
    corpus.push_back(view(static_cast<int64_t>(corpus.size() + 1), name, text, published));
  };
  for (const auto& [name, published] : {std::pair<std::string, std::string>{"original.md", "2026-03-10"},
                                        {"copy.txt", ""}}) {
    std::ifstream in(testing::source_dir() + "/examples/story/" + name, std::ios::binary);
    REQUIRE(in.good());
    add(name, std::string(std::istreambuf_iterator<char>(in), {}), published);
  }
  for (const char* seed : {"000_3ce98f647ed82eac.txt", "001_bd6b9e9e81336716.txt", "002_309823009a5691c8.txt",
                           "003_1ca28c38a1e3f029.txt", "004_14a64741e17ce39b.txt"})
    if (auto text = testing::read_shared(std::string("seeds/") + seed)) add(seed, *text, "2026-01-22");
  // A summary of the example's original naming a country it never names.
  {
    std::ifstream in(testing::source_dir() + "/examples/summary/renamed.txt", std::ios::binary);
    REQUIRE(in.good());
    add("renamed.txt", std::string(std::istreambuf_iterator<char>(in), {}), "2026-03-11");
  }
  // A summary of a.txt with a figure a.txt never gives.
  add("summary.txt", "The harbour authority approved a new ferry terminal, to cost 48 million euros, after two years of delays.",
      "2026-03-11");
  add("a.txt", story("\"We have waited long enough for this terminal,\" said Mayor Ana Silva."), "2026-03-10");
  add("b.txt", story("\"We have waited long for this terminal,\" said harbour master Tom Reyes on May 4, 2025."),
      "2026-03-10");
  return corpus;
}

// The same findings, in the same order, with the same texts and evidence
// (fields and details compared as stored: a compacted finding holds only that).
void check_same_findings(const std::vector<Finding>& got, const std::vector<Finding>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(got[i].id == want[i].id);
    CHECK(got[i].severity == want[i].severity);
    CHECK(got[i].summary == want[i].summary);
    CHECK(got[i].explanation == want[i].explanation);
    CHECK(stored_details(got[i]) == stored_details(want[i]));
    REQUIRE(got[i].evidence.size() == want[i].evidence.size());
    for (size_t e = 0; e < want[i].evidence.size(); ++e) {
      CHECK(got[i].evidence[e].text == want[i].evidence[e].text);
      CHECK(stored_fields(got[i].evidence[e]) == stored_fields(want[i].evidence[e]));
    }
  }
}

}  // namespace

TEST_SUITE("comparator") {
  TEST_CASE("a summary's figure or dated year that its article never gives") {
    const std::string article =
        story("The terminal will cost 42 million euros and carry 400 passengers a day from 2027.");
    // The same figures in other words: "four hundred", "42m euros".
    CHECK(count(compare(article,
                        "The harbour authority approved a new ferry terminal costing 42m euros, to carry four hundred "
                        "passengers a day from 2027."),
                FindingKind::kSummaryUnsupported) == 0);
    const auto fs = compare(article,
                            "The harbour authority approved a new ferry terminal costing 48 million euros, to carry 400 "
                            "passengers a day from 2029.");
    REQUIRE(count(fs, FindingKind::kSummaryUnsupported) == 2);
    for (const Finding& f : fs) {
      if (f.kind != FindingKind::kSummaryUnsupported) continue;
      CHECK(f.severity == Severity::kMedium);
      REQUIRE(f.evidence.size() == 2);
      CHECK(f.evidence[0].file == "b.txt");
      CHECK(f.evidence[1].file == "a.txt");  // the article's closest sentence
      CHECK(f.evidence[1].text.find("42 million euros") != std::string::npos);
      CHECK(f.explanation.find("summary of a.txt") != std::string::npos);
    }
    // A day of the week or of a month, without a year, as the summary writes
    // it or as the same day; "last week" is not the summary's own.
    const std::string approved = "The harbour authority approved a new ferry terminal ";
    const std::string rest = ", to carry 400 passengers a day from 2027.";
    CHECK(count(compare(article, approved + "on Friday" + rest, "2026-03-12", "2026-03-12"),
                FindingKind::kSummaryUnsupported) == 1);
    CHECK(count(compare(article, approved + "on March 6" + rest, "2026-03-12", "2026-03-12"),
                FindingKind::kSummaryUnsupported) == 1);
    for (const char* same : {"on Tuesday", "on March 10", "last week"})
      CHECK(count(compare(article, approved + same + rest, "2026-03-12", "2026-03-12"),
                  FindingKind::kSummaryUnsupported) == 0);
    // A brief with a headline and a dateline is a report of its own, and a
    // text naming a place the article never names is about something else.
    CHECK(count(compare(article,
                        "Ferry terminal approved\nTuesday, 10 March 2026\nThe harbour authority approved a new ferry "
                        "terminal costing 48 million euros."),
                FindingKind::kSummaryUnsupported) == 0);
    CHECK(count(compare(article, "The Saltwell harbour authority approved a new ferry terminal costing 48 million euros."),
                FindingKind::kSummaryUnsupported) == 0);
    // As long as the article, it is no summary of it.
    CHECK(count(compare(article, story("The terminal will cost 48 million euros.")), FindingKind::kSummaryUnsupported) ==
          0);
  }

  TEST_CASE("a summary's figure that another source of the story gives is not its own") {
    const std::string summary = "The harbour authority approved a new ferry terminal, to cost 48 million euros.";
    std::vector<SourceView> corpus = {view(1, "a.txt", story("The terminal will be built by a local firm."), "2026-03-10"),
                                      view(2, "s.txt", summary, "2026-03-11")};
    CHECK(count(comparator().Compare(corpus), FindingKind::kSummaryUnsupported) == 1);
    corpus.push_back(view(3, "c.txt",
                          "The city's harbour authority approved the ferry terminal on Tuesday.\n"
                          "The project will cost 48 million euros, officials said.\n",
                          "2026-03-10"));
    CHECK(count(comparator().Compare(corpus), FindingKind::kSummaryUnsupported) == 0);
  }

  TEST_CASE("a summary naming, in the article's place, what no source writes") {
    const std::string article = story("The ferries will sail from Emberley to Saltwell twice a day.");
    const std::string told = "The harbour authority approved a new ferry terminal, with ferries sailing from Emberley to ";
    const auto fs = compare(article, told + "Dunmore twice a day.");
    REQUIRE(count(fs, FindingKind::kSummaryUnsupported) == 1);
    for (const Finding& f : fs) {
      if (f.kind != FindingKind::kSummaryUnsupported) continue;
      CHECK(f.severity == Severity::kMedium);
      CHECK(f.summary.find("\"Dunmore\" in b.txt is not in a.txt") != std::string::npos);
      CHECK(f.summary.find("names \"Saltwell\" there") != std::string::npos);
      REQUIRE(f.evidence.size() == 2);
      CHECK(f.evidence[0].file == "b.txt");
      CHECK(f.evidence[0].fields["names"] == nlohmann::json::array({"Dunmore"}));
      CHECK(f.evidence[1].file == "a.txt");
      CHECK(f.evidence[1].text == "The ferries will sail from Emberley to Saltwell twice a day.");
    }
    // The same names; a name added beside the article's (nothing of its
    // sentence is missing); a summary in lower case, whose capitals tell
    // no names.
    CHECK(count(compare(article, told + "Saltwell twice a day."), FindingKind::kSummaryUnsupported) == 0);
    CHECK(count(compare(article, "The Halmont harbour authority approved a new ferry terminal, with ferries sailing from "
                                 "Emberley to Saltwell twice a day."),
                FindingKind::kSummaryUnsupported) == 0);
    CHECK(count(compare(article, "the harbour authority approved a new ferry terminal, with ferries sailing from emberley "
                                 "to Dunmore twice a day."),
                FindingKind::kSummaryUnsupported) == 0);
    // Another source of the story writes the name: the summary may have it from there.
    const auto with_third = [&](const std::string& third) {
      const std::vector<SourceView> corpus = {view(1, "a.txt", article, "2026-03-10"),
                                              view(2, "b.txt", told + "Dunmore twice a day.", "2026-03-11"),
                                              view(3, "c.txt", story(third), "2026-03-10")};
      return count(comparator().Compare(corpus), FindingKind::kSummaryUnsupported);
    };
    CHECK(with_third("The ferries will sail from Emberley, by way of Saltwell, twice a day.") == 1);
    CHECK(with_third("The ferries will sail from Emberley to Dunmore, by way of Saltwell, twice a day.") == 0);
  }

  TEST_CASE("a copy is recognised and its evidence names both sources") {
    const auto fs = compare(story("Mayor Ana Silva said the terminal would open next year."),
                            story("Mayor Ana Silva said the terminal would open next year."));
    REQUIRE(count(fs, FindingKind::kDerivedCopy) == 1);
    for (const auto& f : fs) CHECK(f.kind == FindingKind::kDerivedCopy);  // identical texts: nothing else
    // Verbatim evidence: a copied sentence of the story from each side, the
    // original first, each with its offsets into its source's text.
    const Finding& f = fs[0];
    REQUIRE(f.evidence.size() == 2);
    CHECK(f.evidence[0].fields["role"] == "original");
    CHECK(f.evidence[1].fields["role"] == "derived");
    CHECK(f.evidence[0].text == "The harbour authority approved a new ferry terminal on Tuesday after two years of delays.");
    CHECK(f.evidence[1].text == f.evidence[0].text);
    CHECK(f.evidence[0].span.end > f.evidence[0].span.start);

    // A spin shows a sentence whose words it substituted.
    std::string spun = story("Mayor Ana Silva said the terminal would open next year.");
    spun.replace(spun.find("welcomed the decision"), 21, "applauded the decision");
    const auto spin = compare(story("Mayor Ana Silva said the terminal would open next year."), spun);
    bool shown = false;
    for (const auto& x : spin)
      if (x.kind == FindingKind::kDerivedCopy) {
        REQUIRE(x.evidence.size() == 2);
        shown = x.evidence[0].text.find("welcomed") != std::string::npos &&
                x.evidence[1].text.find("applauded") != std::string::npos;
      }
    CHECK(shown);
  }

  TEST_CASE("misattributed quote, and the same words from the same speaker") {
    const std::string q = "\"We have waited long enough for this terminal,\" ";
    CHECK(count(compare(story(q + "said Mayor Ana Silva."), story(q + "said harbour master Tom Reyes.")),
                FindingKind::kMisattributedQuote) == 1);
    CHECK(count(compare(story(q + "said Mayor Ana Silva."), story(q + "Mayor Ana Silva said.")),
                FindingKind::kMisattributedQuote) == 0);
  }

  TEST_CASE("altered quote, and differences of case and punctuation only") {
    const auto altered = compare(story("\"The ferry will carry 400 people a day,\" said Mayor Ana Silva."),
                                 story("\"The ferry will carry 900 people a day,\" said Mayor Ana Silva."));
    REQUIRE(count(altered, FindingKind::kAlteredQuote) == 1);
    CHECK(count(compare(story("\"The ferry will carry people, every day,\" said Mayor Ana Silva."),
                        story("\"the ferry will carry people every day\" said Mayor Ana Silva.")),
                FindingKind::kAlteredQuote) == 0);
  }

  TEST_CASE("altered quote severity: words replaced, or only spelling and a partial quote") {
    const auto spelling = compare(story("\"We organised the neighbourhood meetings ourselves,\" said Mayor Ana Silva."),
                                  story("\"We organized the neighborhood meetings ourselves,\" said Mayor Ana Silva."));
    for (const auto& f : spelling)
      if (f.kind == FindingKind::kAlteredQuote) CHECK(f.severity == Severity::kLow);
    // One number in words and in digits ("eleventh", "11th"): not a changed word.
    const auto number = compare(story("\"We stopped this eleventh-hour rule for 21 towns,\" said Mayor Ana Silva."),
                                story("\"We stopped this 11th-hour rule for twenty-one towns,\" said Mayor Ana Silva."));
    for (const auto& f : number)
      if (f.kind == FindingKind::kAlteredQuote) CHECK(f.severity == Severity::kLow);
    const auto other = compare(story("\"We stopped this eleventh-hour rule for 21 towns,\" said Mayor Ana Silva."),
                               story("\"We stopped this 12th-hour rule for twenty-one towns,\" said Mayor Ana Silva."));
    REQUIRE(count(other, FindingKind::kAlteredQuote) == 1);
    for (const auto& f : other)
      if (f.kind == FindingKind::kAlteredQuote) CHECK(f.severity == Severity::kHigh);
    const auto words = compare(story("\"We organised the meetings ourselves,\" said Mayor Ana Silva."),
                               story("\"The council organised the meetings for us,\" said Mayor Ana Silva."));
    REQUIRE(count(words, FindingKind::kAlteredQuote) == 1);
    for (const auto& f : words)
      if (f.kind == FindingKind::kAlteredQuote) CHECK(f.severity == Severity::kHigh);
  }

  TEST_CASE("role conflict, and role classes that match") {
    CHECK(count(compare(story("Port assistant general manager Lena Park backed the plan."),
                        story("Port assistant GM Lena Park backed the plan.")),
                FindingKind::kRoleConflict) == 0);
    CHECK(count(compare(story("Port Chief Financial Officer Lena Park backed the plan."),
                        story("Port Chief Operating Officer Lena Park backed the plan.")),
                FindingKind::kRoleConflict) == 1);
    CHECK(count(compare(story("Port authority boss Lena Park backed the plan."),
                        story("Port authority chief executive Lena Park backed the plan.")),
                FindingKind::kRoleConflict) == 0);
    // A department before the title is the title's ("Finance Director"); a
    // title with its department after "of" is a title, not a stray phrase.
    CHECK(count(compare(story("Alstead Growers Finance Director Lena Park backed the plan."),
                        story("Lena Park, the head of communications of Alstead Growers, backed the plan.")),
                FindingKind::kRoleConflict) == 1);
    // A past role is not a present one; a phrase after ", and" is another person's.
    CHECK(count(compare(story("Lena Park, then the head of the port, backed the plan."),
                        story("Port Chief Operating Officer Lena Park backed the plan.")),
                FindingKind::kRoleConflict) == 0);
    CHECK(count(compare(story("Ex-Alstead Growers boss Lena Park backed the plan."),
                        story("Alstead Growers Finance Director Lena Park backed the plan.")),
                FindingKind::kRoleConflict) == 0);
    CHECK(count(compare(story("Alstead Growers boss Lena Park backed the plan."),
                        story("Alstead Growers Finance Director Lena Park backed the plan.")),
                FindingKind::kRoleConflict) == 1);
    CHECK(count(compare(story("The port chief executive, Lena Park, and the finance director, Tom Reyes, backed the plan."),
                        story("Port Chief Executive Lena Park and Finance Director Tom Reyes backed the plan.")),
                FindingKind::kRoleConflict) == 0);
  }

  TEST_CASE("date conflict, and dates that name the same month") {
    CHECK(count(compare(story("In February, the board signed the contract."),
                        story("In February 2024, the board signed the contract.")),
                FindingKind::kDateConflict) == 1);
    CHECK(count(compare(story("In February, the board signed the contract."),
                        story("In February 2026, the board signed the contract.")),
                FindingKind::kDateConflict) == 0);
  }

  TEST_CASE("two outlets' datelines that differ are no date conflict; the same dates in a sentence are") {
    CHECK(count(compare(story("Posted: Thursday, July 29, 2004"), story("Wednesday, July 28, 2004")),
                FindingKind::kDateConflict) == 0);
    CHECK(count(compare(story("The board met on Thursday, July 29, 2004."),
                        story("The board met on Wednesday, July 28, 2004.")),
                FindingKind::kDateConflict) == 1);
  }

  TEST_CASE("number conflict, and the same figure in other words") {
    CHECK(count(compare(story("The new boats use 90% less fuel than the old ones."),
                        story("The new boats use 60% less fuel than the old ones.")),
                FindingKind::kNumberConflict) == 1);
    CHECK(count(compare(story("The new boats use 90% less fuel than the old ones."),
                        story("The new boats use ninety percent less fuel than the old ones.")),
                FindingKind::kNumberConflict) == 0);
    CHECK(count(compare(story("Four out of five residents backed the plan."),
                        story("4 out of 5 residents backed the plan.")),
                FindingKind::kNumberConflict) == 0);
  }

  TEST_CASE("figures without units pair by place only when a word beside them agrees") {
    // Five and dozens trade places: five dead is not dozens injured.
    CHECK(count(compare(story("Five dead, dozens injured as the storm hits the harbour."),
                        story("Dozens injured, 5 dead as the storm hits the harbour.")),
                FindingKind::kNumberConflict) == 0);
    CHECK(count(compare(story("The harbour index closed at 412 on Friday."),
                        story("The harbour index closed at 436 on Friday.")),
                FindingKind::kNumberConflict) == 1);
  }

  TEST_CASE("number conflict between independent reports, by subject, unit and measure") {
    const std::string other =
        "City officials gave the go-ahead for a ferry terminal this week, ending a long wait.\n"
        "Shop owners said they were pleased, while fishing crews voiced doubts.\n";
    const auto flagged = compare(story("The Harbour Authority expects the terminal to handle 3,000 passengers a day."),
                                 other + "The Harbour Authority expects the terminal to handle 8,000 passengers a day.\n",
                                 "2026-03-10", "2026-03-11");
    CHECK(count(flagged, FindingKind::kDerivedCopy) == 0);
    CHECK(count(flagged, FindingKind::kNumberConflict) == 1);
    const auto same = compare(story("The Harbour Authority expects the terminal to handle 3,000 passengers a day."),
                              other + "The Harbour Authority expects the terminal to handle about 3,000 passengers a day.\n",
                              "2026-03-10", "2026-03-11");
    CHECK(count(same, FindingKind::kNumberConflict) == 0);
    // The same subject and unit measured otherwise: the people a storm killed
    // are not the people an island is home to.
    const auto other_measure =
        compare(story("A storm hit the Harbour Authority island, killing at least 7 people."),
                other + "The Harbour Authority island, home to 12,000 people, was struck by a storm.\n",
                "2026-03-10", "2026-03-11");
    CHECK(count(other_measure, FindingKind::kDerivedCopy) == 0);
    CHECK(count(other_measure, FindingKind::kNumberConflict) == 0);
  }

  TEST_CASE("list conflict, and lists of examples") {
    CHECK(count(compare(story("The contract went to Alder Marine, Birch Shipping, and Cedar Works."),
                        story("The contract went to Alder Marine and Birch Shipping.")),
                FindingKind::kListConflict) == 1);
    CHECK(count(compare(story("Bidders included Alder Marine, Birch Shipping, and Cedar Works."),
                        story("Bidders included Alder Marine and Birch Shipping.")),
                FindingKind::kListConflict) == 0);
    CHECK(count(compare(story("The contract went to Alder Marine, Birch Shipping, and Cedar Works."),
                        story("The contract went to Alder Marine or Birch Shipping.")),
                FindingKind::kListConflict) == 0);
    // A run going on with "or" is a choice, whatever "and" it holds (here
    // inside a name): not a complete list.
    CHECK(count(compare(story("Agencies must consult the Fish and Wildlife Service and Marine Fisheries Service."),
                        story("Agencies must consult the Fish and Wildlife Service or Marine Fisheries Service.")),
                FindingKind::kListConflict) == 0);
    // "Fish and Wildlife Service" may be one name: the lists differ only if
    // read as one.
    CHECK(count(compare(story("Agencies must consult the U.S. Fish and Wildlife Service and Marine Fisheries Service."),
                        story("Agencies may consult the Fish and Wildlife Service at any time.")),
                FindingKind::kListConflict) == 0);
    // One member written longer on one side is the same member.
    CHECK(count(compare(story("The contract went to Alder Marine, Birch Shipping, and Cedar Works."),
                        story("The contract went to Alder Marine, Birch Shipping Group, and Cedar Works.")),
                FindingKind::kListConflict) == 0);
    CHECK(count(compare(story("The contract went to Alder Marine, Birch Shipping, and Cedar Works."),
                        story("The contract went to Alder Marine, Birch Shipping Group, and Dunmore Yards.")),
                FindingKind::kListConflict) == 1);
    // Names outside ASCII (sentences are pre-screened for "and" only when ASCII).
    CHECK(count(compare(story("The contract went to Ålesund Marine, Brønn Shipping, and Čedar Works."),
                        story("The contract went to Ålesund Marine and Brønn Shipping.")),
                FindingKind::kListConflict) == 1);
  }

  TEST_CASE("dates in independent reports: one past event, a future one, the day of telling") {
    const std::string a =
        "Port of Fernley picks hub builder\n\n"
        "The Fernley Port Authority approved the distribution hub in November 2019, its chairman Marta Quell said "
        "on Monday.\nMarta Quell said the hub would bring 400 jobs to the town of Fernley.\n"
        "The Fernley Port Authority has spent two years preparing the site near the river.\n"
        "Local traders welcomed the decision at a packed meeting in the town hall.\n";
    const auto other = [](const std::string& line) {
      return "Fernley hub plan moves ahead\n\n"
             "Residents of Fernley packed the council chamber on Monday to hear about the port's plans.\n" +
             line +
             "\nMarta Quell said the hub would bring 400 jobs to the town of Fernley.\n"
             "Farmers in the valley have asked for a new road to the site.\n";
    };
    const auto past = compare(a, other("The Fernley Port Authority approved the distribution hub in March 2021, "
                                       "its chairman Marta Quell said."),
                              "2026-03-10", "2026-03-10");
    REQUIRE(count(past, FindingKind::kDateConflict) == 1);
    // Only the approval dates are compared: "said on Monday" dates the telling.
    for (const auto& f : past)
      if (f.kind == FindingKind::kDateConflict) CHECK(f.summary.find("2019-11") != std::string::npos);
    // A review still to come is another happening than a past approval.
    CHECK(count(compare(a, other("The Fernley Port Authority will review the distribution hub in March 2027, its "
                                 "chairman Marta Quell said."),
                        "2026-03-10", "2026-03-10"),
                FindingKind::kDateConflict) == 0);
    // The same approval of a hub somewhere else is another happening: each side names a place the
    // other does not.
    std::string emberley = a;
    emberley.replace(emberley.find("hub in November"), 3, "hub in Emberley");
    CHECK(count(compare(emberley, other("The Fernley Port Authority approved the distribution hub in Saltwell in March "
                                 "2021, its chairman Marta Quell said."),
                        "2026-03-10", "2026-03-10"),
                FindingKind::kDateConflict) == 0);
    // An attribution is not a participant: "according to" the authority, the approval is the same one.
    CHECK(count(compare(a, other("The Fernley Port Authority approved the distribution hub in March 2021, "
                                 "according to the Valley Gazette."),
                        "2026-03-10", "2026-03-10"),
                FindingKind::kDateConflict) == 1);
  }

  TEST_CASE("two stories about two firms share background, not events") {
    // One board approved two plants in one town: each story's title names
    // its firm, which its story names again and the other story never does.
    // The background sentence they share tells two approvals, not one with
    // two dates.
    // One name in both (a generator's, or a common one) with two titles is
    // two people.
    const auto firm = [](const std::string& name, const std::string& object, const std::string& when,
                         const std::string& person, const std::string& rest, const std::string& title) {
      return name + " orders pumps for its Hazelness plant\n\n" + name +
             " announced an order for new pumps worth $4 million for its plant in Hazelness.\n\nIn " + when +
             ", the Valley Transport Board approved the " + object +
             " in Hazelness after a three-year review.\n\n"
             "Residents of Hazelness asked the Valley Transport Board about traffic near the plant.\n\n"
             "\"We will publish every contract,\" said " + person + ", the chief executive of " + name + ".\n\n" +
             name + " " + title + " Karl Oslow said the first of the new pumps would arrive by 2027.\n\n" + rest;
    };
    const std::string rest_a =
        "The order is the largest in the history of the company, analysts said.\n\n"
        "Union officials asked for guarantees on jobs during the refit.\n\n"
        "The old pumps date from the nineteen-seventies.\n\n"
        "Delivery of the first pump is expected within months.\n";
    const std::string rest_b =
        "Environmental groups gave the plan a cautious welcome on Thursday.\n\n"
        "Shares in the company rose slightly after the news.\n\n"
        "A new rail siding is also planned for the site.\n\n"
        "Neighbours have long complained about noise from the site.\n";
    // Zenith Water's story against Ivory Growers', then against another
    // outlet's telling of its own.
    const auto against = [&](const std::string& other, const std::string& person, const std::string& object) {
      return compare(firm("Zenith Water", "treatment plant", "April 2020", "Ruth Kell", rest_a, "Chief Technology Officer"),
                     firm(other, object, "September 2020", person, rest_b, "Chief Engineer"), "2026-03-10",
                     "2026-03-11");
    };
    const auto two = against("Ivory Growers", "Amira Halcroft", "processing plant");
    CHECK(count(two, FindingKind::kDerivedCopy) == 0);
    CHECK(count(two, FindingKind::kDateConflict) == 0);
    CHECK(count(two, FindingKind::kRoleConflict) == 0);
    // The same firm's story told by two outlets: the dates and titles conflict.
    const auto one = against("Zenith Water", "Ruth Kell", "treatment plant");
    CHECK(count(one, FindingKind::kDateConflict) == 1);
    CHECK(count(one, FindingKind::kRoleConflict) == 1);
  }

  TEST_CASE("a deadline bounds its event: 'by 2026' holds of a date before it") {
    const std::string shared =
        "The Faircliffe works employ about 800 people, according to Quinson Steel.\n\n"
        "Residents of Faircliffe welcomed the plan at a meeting in the town hall.\n\n";
    const std::string a =
        "Quinson Steel orders furnaces for Faircliffe works\n\n"
        "On August 8, Quinson Steel announced an order for new furnaces for its works in Faircliffe.\n\n" + shared +
        "The order is the largest in the history of the company, analysts said.\n\n"
        "Union officials asked for guarantees on jobs during the refit.\n\n"
        "The old furnaces date from the nineteen-seventies.\n\n"
        "Delivery of the first furnace is expected within months.\n\n"
        "The supplier has built similar furnaces for plants in the north.\n";
    const std::string b =
        "Quinson Steel plans cleaner Faircliffe works\n\n"
        "Quinson Steel says its works in Faircliffe will run on cleaner power by 2026.\n\n" + shared +
        "Environmental groups gave the plan a cautious welcome on Thursday.\n\n"
        "Shares in the company rose slightly after the news.\n\n"
        "A new rail siding is also planned for the site.\n\n"
        "Local schools will take part in a science programme about steel making.\n\n"
        "Neighbours have long complained about smoke from the chimneys.\n";
    CHECK(count(compare(a, b, "2023-08-09", "2023-08-10"), FindingKind::kDateConflict) == 0);
    // Without "by" the two dates are points that cannot both hold.
    std::string in = b;
    in.replace(in.find("by 2026"), 7, "in 2026");
    CHECK(count(compare(a, in, "2023-08-09", "2023-08-10"), FindingKind::kDateConflict) == 1);
    // Two deadlines are compared as written.
    std::string by25 = a;
    by25.replace(by25.find("On August 8, Quinson Steel announced an order for new furnaces for its works in Faircliffe."),
                 91, "Quinson Steel says its works in Faircliffe will run on cleaner power by 2025.");
    CHECK(count(compare(by25, b, "2023-08-09", "2023-08-10"), FindingKind::kDateConflict) == 1);
  }

  TEST_CASE("a bare weekday read a week off, and a sentence with two dates, are not date conflicts") {
    // Two outlets' own stories (not copies) sharing two sentences of background.
    const std::string shared =
        "The Faircliffe works employ about 800 people, according to Quinson Steel.\n\n"
        "Residents of Faircliffe welcomed the plan at a meeting in the town hall.\n\n";
    const std::string rest_a =
        "The order is the largest in the history of the company, analysts said.\n\n"
        "Union officials asked for guarantees on jobs during the refit.\n\n"
        "The old furnaces date from the nineteen-seventies.\n\n"
        "Delivery of the first furnace is expected within months.\n\n"
        "The supplier has built similar furnaces for plants in the north.\n\n"
        "A spokesman declined to give the price of the order.\n";
    const std::string rest_b =
        "Environmental groups gave the plan a cautious welcome on Thursday.\n\n"
        "Shares in the company rose slightly after the news.\n\n"
        "A new rail siding is also planned for the site.\n\n"
        "Neighbours have long complained about smoke from the chimneys.\n\n"
        "Local schools will take part in a science programme about steel making.\n\n"
        "The council will review the plans next spring.\n";
    const auto pair = [&](const std::string& lead_a, const std::string& lead_b) {
      const std::string head = "Quinson Steel founder Ferris Marlow dies\n\n";
      // Published on Monday, August 7 and Monday, August 14.
      return count(compare(head + lead_a + "\n\n" + shared + rest_a, head + lead_b + "\n\n" + shared + rest_b,
                           "2023-08-07", "2023-08-14"),
                   FindingKind::kDateConflict);
    };
    // The later story's "Saturday" reads as August 12, but its text agrees
    // with the other's Saturday, August 5.
    const std::string died = "Ferris Marlow, who founded Quinson Steel in Faircliffe, died on Saturday, August 5, 2023, at his home.";
    CHECK(pair(died, "Ferris Marlow, who founded Quinson Steel in Faircliffe, died Saturday at his home.") == 0);
    // Another weekday is another day.
    CHECK(pair(died, "Ferris Marlow, who founded Quinson Steel in Faircliffe, died Friday at his home.") == 1);
    // A sentence that dates two happenings: which one the other source's
    // date belongs to is unknown.
    const std::string founded = "Ferris Marlow became a welder and founded Quinson Steel in Faircliffe in 1958.";
    CHECK(pair("Born in Faircliffe in 1931, " + founded, founded) == 0);
    // One date each: 1958 against 1961 is a conflict.
    CHECK(pair(founded, "Ferris Marlow became a welder and founded Quinson Steel in Faircliffe in 1961.") == 1);
  }

  TEST_CASE("two stories from one mould are not one story told twice") {
    // The same sentence frames about two towns, with other people: no quote is 'given to another
    // person', no date conflicts, although most sentences align word for word but the names.
    const auto town = [](const std::string& place, const std::string& person, const std::string& when,
                         const std::string& rest) {
      return "Bus fares rise in " + place + "\n\n"
             "The transport board of " + place + " raised bus fares by a fifth in " + when + ".\n"
             "\"The passengers of " + place + " are not a test case,\" said " + person +
             ", a professor at the University of " + place + ".\n" + rest;
    };
    const std::string rest_a =
        "The board said the money would pay for new buses and longer routes.\n"
        "Shopkeepers said fewer people came to the town centre after the rise.\n";
    const std::string rest_b =
        "Drivers at the depot voted to strike over the new rota next month.\n"
        "A petition against the rise has gathered two thousand names since the weekend.\n";
    const auto fs = compare(town("Cobblefield", "Mateo Ivanova", "March 2025", rest_a),
                            town("Ferngate", "Beatrice Bakker", "June 2024", rest_b), "2026-03-10", "2026-03-10");
    CHECK(count(fs, FindingKind::kDerivedCopy) == 0);
    CHECK(count(fs, FindingKind::kMisattributedQuote) == 0);
    CHECK(count(fs, FindingKind::kDateConflict) == 0);
    CHECK(count(fs, FindingKind::kAlteredQuote) == 0);
    // One town told twice with the quote given to another person is still flagged.
    const auto same = compare(town("Cobblefield", "Mateo Ivanova", "March 2025", rest_a),
                              town("Cobblefield", "Beatrice Bakker", "March 2025", rest_b), "2026-03-10", "2026-03-10");
    CHECK(count(same, FindingKind::kMisattributedQuote) == 1);
  }

  TEST_CASE("one mould, two towns: a shared authority does not make their figures and quotes one story's") {
    // Each sentence names its own town, firm or people beside an authority both name; the quote,
    // word for word the same, is given to two people who each name their own town.
    const auto town = [](const std::string& place, const std::string& firm, const std::string& person,
                         const std::string& pct, const std::string& month) {
      return firm + " will spend $20 million on new pumps for its plant in " + place + ", the company said in " +
             month + ".\n"
             "According to a survey commissioned by the Western Water Board, " + pct + " percent of residents in " +
             place + " support the plan.\n"
             "\"We have read every page of the pump plan,\" said " + person + ", who leads the " + place +
             " Residents Forum, \"and the hard questions remain.\"\n"
             "The Western Water Board approved the pumps for " + place + " after a two-year review.\n"
             "The mayor's office in " + place + " spent weeks examining the cost of the new pumps.\n"
             "The old pumps will be removed once the new ones are running.\n"
             "Engineers expect the work to take about eighteen months.\n";
    };
    const auto apart = compare(town("Quarryshot", "Evergreen Metals", "Boris Garfield", "70", "October"),
                               town("Reedthorpe", "Cole Steel", "Otto Garhurst", "24", "October"), "2026-03-10",
                               "2026-03-10");
    CHECK(count(apart, FindingKind::kDerivedCopy) == 0);
    CHECK(count(apart, FindingKind::kNumberConflict) == 0);
    CHECK(count(apart, FindingKind::kMisattributedQuote) == 0);
    // One town told twice, its month changed (a month names no place): a copy whose figure differs.
    const auto same = compare(town("Quarryshot", "Evergreen Metals", "Boris Garfield", "70", "October"),
                              town("Quarryshot", "Evergreen Metals", "Boris Garfield", "24", "November"),
                              "2026-03-10", "2026-03-10");
    CHECK(count(same, FindingKind::kDerivedCopy) == 1);
    CHECK(count(same, FindingKind::kNumberConflict) == 1);
  }

  TEST_CASE("a misattribution needs the same content words, not only the same function words") {
    const std::string q = "\"The money for the wind farm is there,\" ";
    CHECK(count(compare(story(q + "said Mayor Ana Silva."),
                        story("\"The money for the terminal expansion is there,\" said harbour master Tom Reyes.")),
                FindingKind::kMisattributedQuote) == 0);
    CHECK(count(compare(story(q + "said Mayor Ana Silva."), story(q + "said harbour master Tom Reyes.")),
                FindingKind::kMisattributedQuote) == 1);
  }

  TEST_CASE("certainty change, and the same hedge") {
    CHECK(count(compare(story("The fishermen were never consulted about the pier."),
                        story("The fishermen were rarely consulted about the pier.")),
                FindingKind::kCertaintyChange) == 1);
    CHECK(count(compare(story("The fishermen were never consulted about the pier."),
                        story("The fishermen were never consulted about the new pier.")),
                FindingKind::kCertaintyChange) == 0);
    // Reported speech shifts "will" back to "would": the same certainty.
    CHECK(count(compare(story("The harbour board will rebuild the pier next year, its chairman said."),
                        story("The harbour board would rebuild the pier next year, its chairman said.")),
                FindingKind::kCertaintyChange) == 0);
    CHECK(count(compare(story("The harbour board will rebuild the pier next year, its chairman said."),
                        story("The harbour board may rebuild the pier next year, its chairman said.")),
                FindingKind::kCertaintyChange) == 1);
    // The month May, a person named Will: names, not hedges. A capital at the
    // start of a sentence or after a quote mark is still a hedge.
    CHECK(count(compare(story("On May 4, the harbour board ordered a new crane for the pier."),
                        story("The harbour board will buy a new crane for the pier, it said.")),
                FindingKind::kCertaintyChange) == 0);
    CHECK(count(compare(story("Harbour master Will Grant opened the rebuilt pier on Monday."),
                        story("Harbour master Can Grant opened the rebuilt pier on Monday.")),
                FindingKind::kCertaintyChange) == 0);
    CHECK(count(compare(story("The chairman said: \"Most fishermen were consulted about the pier.\""),
                        story("The chairman said: \"Some fishermen were consulted about the pier.\"")),
                FindingKind::kCertaintyChange) == 1);
    // A neighbour on the scale ("should" for "would"): listed at low severity, not an alarm.
    const auto mild = compare(story("Running costs should fall by a tenth, its chairman said."),
                              story("Its chairman said running costs would fall by a tenth."));
    REQUIRE(count(mild, FindingKind::kCertaintyChange) == 1);
    for (const auto& f : mild)
      if (f.kind == FindingKind::kCertaintyChange) CHECK(f.severity == Severity::kLow);
    for (const auto& f : compare(story("The harbour board will rebuild the pier next year, its chairman said."),
                                 story("The harbour board may rebuild the pier next year, its chairman said.")))
      if (f.kind == FindingKind::kCertaintyChange) CHECK(f.severity == Severity::kMedium);
  }

  TEST_CASE("certainty: only a marker put in another's place, on its own scale, is a change") {
    // Two markers of one degree: "may" and "could" (backshifted "can").
    CHECK(count(compare(story("The harbour board may hire any of three builders for the pier, its chairman said."),
                        story("The harbour board could hire any of three builders for the pier, its chairman said.")),
                FindingKind::kCertaintyChange) == 0);
    // Markers of two scales in one place: how often is not what is possible.
    CHECK(count(compare(story("The new cranes are often moved between the two quays by the crews."),
                        story("The new cranes can be moved between the two quays by the crews.")),
                FindingKind::kCertaintyChange) == 0);
    // One scale, but not in one place: the copy dropped one marker and wrote another elsewhere.
    CHECK(count(compare(story("The fishermen were rarely consulted about the pier, the harbour board said."),
                        story("The fishermen were consulted about the pier, the harbour board always said.")),
                FindingKind::kCertaintyChange) == 0);
    // Sentences that share only their place between anchors are two statements.
    CHECK(count(compare(story("Nobody in the town should have to campaign for a pier that works, the mayor said."),
                        story("Around 900 boats use the pier at the harbour every day, the mayor said.")),
                FindingKind::kCertaintyChange) == 0);
    // The same place, one scale, two degrees: flagged, and the evidence names the two markers.
    const auto fs = compare(story("The harbour board said all of the berths would be ready by spring."),
                            story("The harbour board said few of the berths would be ready by spring."));
    REQUIRE(count(fs, FindingKind::kCertaintyChange) == 1);
    for (const auto& f : fs)
      if (f.kind == FindingKind::kCertaintyChange) {
        CHECK(f.severity == Severity::kMedium);
        CHECK(f.summary.find("\"all\"") != std::string::npos);
        CHECK(f.summary.find("\"few\"") != std::string::npos);
      }
  }

  TEST_CASE("name variant: a person renamed wherever they appear, not a person swapped once") {
    const std::string a = "Mayor Tom Reyes opened the meeting with a warning about the budget.\n"
                          "Reyes said the old pier was no longer safe for heavy traffic.\n";
    const std::string b = "Mayor Tim Rayner opened the meeting with a warning about the budget.\n"
                          "Rayner said the old pier was no longer safe for heavy traffic.\n";
    const auto fs = compare(story(a), story(b));
    REQUIRE(count(fs, FindingKind::kNameVariant) == 1);
    CHECK(count(fs, FindingKind::kMisattributedQuote) == 0);
  }

  TEST_CASE("name variant: two names told in another order are nobody renamed") {
    // A copy turns two sentences round. The resolver took a place for a
    // person in one source and a department in the other (as it may): each
    // sentence still writes both names.
    const std::string a = "The Ministry of Infrastructure approved the hospital wing in Greenton last year.\n"
                          "The Ministry of Infrastructure will report on the wing in Greenton every quarter.\n";
    const std::string b = "The hospital wing in Greenton was approved by the Ministry of Infrastructure last year.\n"
                          "Every quarter the wing in Greenton will be reported on by the Ministry of Infrastructure.\n";
    std::vector<SourceView> corpus = {view(1, "a.txt", story(a), "2026-03-10"), view(2, "b.txt", story(b), "")};
    const auto person = [](SourceView& v, const std::string& name) {
      PersonRecord p;
      p.name = name;
      for (size_t at = v.text.find(name); at != std::string::npos; at = v.text.find(name, at + 1))
        p.alias_spans.push_back(Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + name.size())});
      REQUIRE(p.alias_spans.size() == 2);
      v.people = {p};
    };
    person(corpus[0], "Infrastructure");
    person(corpus[1], "Greenton");
    CHECK(count(comparator().Compare(corpus), FindingKind::kNameVariant) == 0);
  }

  TEST_CASE("uncorroborated quote: only for a story told by several sources") {
    const std::string extra = "\"Nobody asked the fishermen what they needed from the new quay,\" said trader Lucia Mendes.";
    const auto fs = compare(story(""), story(extra));
    REQUIRE(count(fs, FindingKind::kUncorroboratedQuote) == 1);
    const std::vector<SourceView> alone = {view(1, "a.txt", story(extra), "2026-03-10")};
    CHECK(count(comparator().Compare(alone), FindingKind::kUncorroboratedQuote) == 0);
  }

  TEST_CASE("an independent report of the same news is not a copy") {
    const std::string other =
        "City officials gave the go-ahead for a ferry terminal this week, ending a long wait.\n"
        "Work on the northern pier starts soon, according to the harbour authority.\n"
        "Shop owners said they were pleased, while fishing crews voiced doubts.\n";
    CHECK(count(compare(story(""), other, "2026-03-10", "2026-03-11"), FindingKind::kDerivedCopy) == 0);
  }

  TEST_CASE("focus mode: the findings of the full comparison that involve a focus source") {
    // Two stories: one told by an original, a copy with a changed figure, a
    // spin with a quote given to someone else and an independent report; the
    // other by an original and an undated copy with a changed date.
    const std::string quote = "\"We have waited long enough for this terminal,\" ";
    const std::string other =
        "City officials gave the go-ahead for a ferry terminal this week, ending a long wait.\n"
        "The Harbour Authority expects the terminal to handle 8,000 passengers a day.\n"
        "Shop owners said they were pleased, while fishing crews voiced doubts.\n";
    const std::string rail = "The regional council voted to reopen the old railway line to Millbrook on Monday.\n"
                             "Trains will run every hour between the coast and the valley towns.\n"
                             "The line closed in 1965 after years of falling passenger numbers.\n"
                             "Councillor Maria Lopez said the reopening would cut traffic on the coast road.\n";
    const std::vector<SourceView> corpus = {
        view(1, "orig.txt", story(quote + "said Mayor Ana Silva. The Harbour Authority expects the terminal to handle 3,000 passengers a day."), "2026-03-10"),
        view(2, "copy.txt", story(quote + "said Mayor Ana Silva. The Harbour Authority expects the terminal to handle 5,000 passengers a day."), "2026-03-11"),
        view(3, "spin.txt", story(quote + "said harbour master Tom Reyes. The Harbour Authority expects the terminal to handle 3,000 passengers a day."), "2026-03-12"),
        view(4, "indep.txt", other, "2026-03-11"),
        view(5, "rail.txt", rail + "The first trains will run in June 2027, the council said.\n", "2026-04-06"),
        view(6, "rail-copy.txt", rail + "The first trains will run in June 2028, the council said.\n", ""),
    };
    const auto full = comparator().Compare(corpus);
    REQUIRE(count(full, FindingKind::kDerivedCopy) >= 3);
    REQUIRE(count(full, FindingKind::kNumberConflict) >= 1);
    REQUIRE(count(full, FindingKind::kMisattributedQuote) >= 1);
    REQUIRE(count(full, FindingKind::kDateConflict) >= 1);
    const auto ids_involving = [&](const std::vector<bool>& focus) {
      std::vector<std::string> ids;
      for (const auto& f : full)
        for (const auto& e : f.evidence)
          if (focus[static_cast<size_t>(e.source_id - 1)]) {
            ids.push_back(f.id);
            break;
          }
      return ids;
    };
    // Every single source, every pair of sources, all and none.
    std::vector<std::vector<bool>> focuses;
    for (size_t i = 0; i < corpus.size(); ++i)
      for (size_t j = i; j < corpus.size(); ++j) {
        std::vector<bool> f(corpus.size(), false);
        f[i] = f[j] = true;
        focuses.push_back(f);
      }
    focuses.push_back(std::vector<bool>(corpus.size(), true));
    focuses.push_back(std::vector<bool>(corpus.size(), false));
    for (const auto& focus : focuses) {
      std::vector<std::string> got;
      for (const auto& f : comparator().Compare(corpus, focus)) got.push_back(f.id);
      std::string which;
      for (bool b : focus) which += b ? '1' : '0';
      CAPTURE(which);
      CHECK(got == ids_involving(focus));
    }
    CHECK(comparator().Compare(corpus, std::vector<bool>(2, true)).empty());  // focus of the wrong size
  }

  TEST_CASE("a corpus reduced to the claim kinds, fields and alias texts comparisons read, its texts compressed, gives the same findings") {
    const std::vector<SourceView> corpus = mixed_corpus();
    std::vector<SourceView> reduced = corpus;
    const auto& keep = Comparator::ClaimFieldsRead();
    const auto& kinds = Comparator::ClaimKindsRead();
    size_t dropped = 0;
    for (SourceView& v : reduced) {
      const size_t before = v.claims.size();
      v.claims.erase(std::remove_if(v.claims.begin(), v.claims.end(),
                                    [&](const Claim& c) {
                                      return std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end();
                                    }),
                     v.claims.end());
      dropped += before - v.claims.size();
      for (Claim& c : v.claims) {
        nlohmann::json fields = claim_fields(c);
        for (auto it = fields.begin(); it != fields.end();)
          it = std::find(keep.begin(), keep.end(), it.key()) != keep.end() ? std::next(it) : fields.erase(it);
        set_claim_fields(c, fields);
      }
      for (PersonRecord& p : v.people) {
        if (!Comparator::kReadsAliasText) p.alias_texts.clear();
        if (!Comparator::kReadsOrganisationAliases && p.organisation) p.alias_spans.clear();
      }
      // As a check loads it: the text compressed (CorpusLoad::compress_text).
      auto packed = CompressedText::Of(v.text);
      REQUIRE(packed.has_value());
      v.packed = std::move(*packed);
      v.text.clear();
    }
    REQUIRE(dropped > 0);  // the corpus has reported speech
    const auto full = comparator().Compare(corpus);
    REQUIRE(full.size() > 3);
    // A figure (it reads "quantity_kind" too) and a changed name (read from the compressed text).
    REQUIRE(count(full, FindingKind::kSummaryUnsupported) == 2);
    check_same_findings(comparator().Compare(reduced), full);
  }

  TEST_CASE("threads do not change the findings, in full or in focus") {
    const std::vector<SourceView> corpus = mixed_corpus();
    auto threaded = Comparator::Load(testing::builtin_rules());
    REQUIRE(threaded.ok());
    threaded->SetJobs(3);
    const auto one = comparator().Compare(corpus);
    REQUIRE(count(one, FindingKind::kDerivedCopy) >= 1);
    REQUIRE(count(one, FindingKind::kMisattributedQuote) + count(one, FindingKind::kAlteredQuote) >= 1);
    check_same_findings(threaded->Compare(corpus), one);
    std::vector<bool> focus(corpus.size(), false);
    focus.back() = true;
    const auto focused = comparator().Compare(corpus, focus);
    REQUIRE(!focused.empty());
    check_same_findings(threaded->Compare(corpus, focus), focused);
  }

  TEST_CASE("undated copies take their dates from their originals, on any number of threads") {
    // Four stories, each told by a dated original and an undated copy that
    // puts an event "last year": re-read against its own original's day (a
    // different year for each), on the threads.
    const std::vector<std::string> stories = {
        "The regional council voted to reopen the old railway line to Millbrook.\n"
        "Trains will run every hour between the coast and the valley towns.\n"
        "Councillor Maria Lopez said the reopening would cut traffic on the coast road.\n",
        "Harbour officials approved a new ferry terminal for the island of Skarn.\n"
        "Boats will leave twice a day from the rebuilt northern pier.\n"
        "Captain Olaf Berg said fishing crews feared for their moorings.\n",
        "The university opened a research centre for batteries in Dunmore.\n"
        "Its laboratories will test cells made by two local start-ups.\n"
        "Professor Aiko Tanaka said the centre would hire forty chemists.\n",
        "A storm flooded the market square of Castellane and closed its bakeries.\n"
        "Firefighters pumped water from cellars for most of the night.\n"
        "Mayor Henri Duval said repairs would cost the town dearly.\n"};
    std::vector<SourceView> corpus;
    for (size_t k = 0; k < stories.size(); ++k) {
      const std::string year = std::to_string(2023 + k);
      corpus.push_back(view(static_cast<int64_t>(corpus.size() + 1), "story" + std::to_string(k) + ".txt",
                            stories[k] + "The work began in June " + std::to_string(2020 + k) + ", officials said.\n",
                            year + "-05-06"));
      corpus.push_back(view(static_cast<int64_t>(corpus.size() + 1), "story" + std::to_string(k) + "-copy.txt",
                            stories[k] + "The work began in June, officials said.\n", ""));
    }
    auto threaded = Comparator::Load(testing::builtin_rules());
    REQUIRE(threaded.ok());
    threaded->SetJobs(3);
    const auto one = comparator().Compare(corpus);
    size_t anchored = 0;
    for (const Finding& f : one) {
      if (f.kind != FindingKind::kDateConflict) continue;
      for (const Evidence& e : f.evidence) {
        const size_t copy = e.file.find("-copy");
        if (copy == std::string::npos) continue;
        // "last year" of the copy's own original.
        const int k = e.file[copy - 1] - '0';
        CHECK(e.fields.value("value", "") == std::to_string(2022 + k) + "-06");
        ++anchored;
      }
    }
    CHECK(anchored == stories.size());
    check_same_findings(threaded->Compare(corpus), one);
  }

  TEST_CASE("a story told by more sources than a source keeps partners gives the same findings on threads") {
    // Thirty tellings of one story, each with its own figure: every source
    // aligns with 29 others and keeps its 24 best (rules), chosen on the
    // threads.
    std::vector<SourceView> corpus;
    for (int k = 0; k < 30; ++k)
      corpus.push_back(view(k + 1, "telling" + std::to_string(k) + ".txt",
                            "The regional council voted to reopen the old railway line to Millbrook on Monday.\n"
                            "Trains will run every hour between the coast and the valley towns.\n"
                            "The line closed in 1965 after years of falling passenger numbers.\n"
                            "The council expects " + std::to_string(1000 + 37 * k) + " passengers a day.\n"
                            "Councillor Maria Lopez said the reopening would cut traffic on the coast road.\n",
                            "2026-04-0" + std::to_string(1 + k % 9)));
    auto threaded = Comparator::Load(testing::builtin_rules());
    REQUIRE(threaded.ok());
    threaded->SetJobs(3);
    const auto one = comparator().Compare(corpus);
    const size_t conflicts = count(one, FindingKind::kNumberConflict);
    CHECK(conflicts > 0);
    check_same_findings(threaded->Compare(corpus), one);
  }

  TEST_CASE("compacted findings are the same findings, their fields and details as stored text") {
    const std::vector<SourceView> corpus = mixed_corpus();
    auto compacting = Comparator::Load(testing::builtin_rules());
    REQUIRE(compacting.ok());
    compacting->SetCompactFindings(true);
    compacting->SetJobs(2);
    const auto trees = comparator().Compare(corpus);
    const auto compact = compacting->Compare(corpus);
    REQUIRE(count(trees, FindingKind::kDerivedCopy) >= 1);
    check_same_findings(compact, trees);
    size_t with_details = 0;
    for (size_t i = 0; i < compact.size(); ++i) {
      CHECK(compact[i].details.is_null());
      CHECK(!compact[i].details_text.empty());
      with_details += compact[i].details_text != "{}";
      CHECK(evidence_hash(compact[i]) == evidence_hash(trees[i]));
      for (const Evidence& e : compact[i].evidence) {
        CHECK(e.fields.is_null());
        CHECK(nlohmann::json::parse(e.fields_text).is_object());
      }
      Finding again = compact[i];
      compact_finding(again);  // idempotent
      CHECK(stored_details(again) == compact[i].details_text);
    }
    CHECK(with_details > 0);
    // Trees compacted after the fact store the same text.
    Finding f = trees.front();
    compact_finding(f);
    CHECK(f.details_text == compact.front().details_text);
  }

  TEST_CASE("finding ids are stable and order-independent") {
    const auto a = compare(story("In February, the board signed the contract."),
                           story("In February 2024, the board signed the contract."));
    const auto b = compare(story("In February, the board signed the contract."),
                           story("In February 2024, the board signed the contract."));
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].id == b[i].id);
  }
}
