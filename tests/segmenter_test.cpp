#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/normalizer.h"
#include "engine/segmenter.h"
#include "tests/test_support.h"

using crosscheck::BlockRole;
using crosscheck::Document;
using crosscheck::testing::make_doc;

namespace {
std::vector<std::string> sentences(const Document& d) {
  std::vector<std::string> out;
  for (const auto& s : d.sentences) out.emplace_back(d.slice(s.span));
  return out;
}
}  // namespace

TEST_SUITE("segmenter") {
  TEST_CASE("sentence boundaries in news phrasing") {
    struct Case {
      const char* text;
      std::vector<std::string> expected;
    };
    const std::vector<Case> cases = {
        {"The bank cut rates. Shares rose 3.5% on the news.",
         {"The bank cut rates.", "Shares rose 3.5% on the news."}},
        {"Mr. Smith met Dr. Jones in St. Louis on Jan. 5. They talked.",
         {"Mr. Smith met Dr. Jones in St. Louis on Jan. 5.", "They talked."}},
        {"The U.S. Federal Reserve held rates. It said more later.",
         {"The U.S. Federal Reserve held rates.", "It said more later."}},
        {"Growth slowed in the U.S. The euro zone fared worse.",
         {"Growth slowed in the U.S.", "The euro zone fared worse."}},
        {"The deal is worth $1.2bn. Analysts had expected less.",
         {"The deal is worth $1.2bn.", "Analysts had expected less."}},
        {"A reader, Sarah J. Miller, wrote in. She was annoyed.",
         {"A reader, Sarah J. Miller, wrote in.", "She was annoyed."}},
        {"\"We will win. We always do,\" she said. Nobody believed it.",
         {"\"We will win. We always do,\" she said.", "Nobody believed it."}},
        {"\"Is it over?\" he asked. \"Not yet.\"",
         {"\"Is it over?\" he asked.", "\"Not yet.\""}},
        {"Apple Inc. reported results. The company beat forecasts.",
         {"Apple Inc. reported results.", "The company beat forecasts."}},
        {"Apple Inc. Chief Executive Tim Cook spoke.", {"Apple Inc. Chief Executive Tim Cook spoke."}},
        {"Prices fell... Then they rose again!", {"Prices fell...", "Then they rose again!"}},
        {"It opened at 9 a.m. on Monday.", {"It opened at 9 a.m. on Monday."}},
        {"The vote was 52-48. It passed.", {"The vote was 52-48.", "It passed."}},
        {"See e.g. the report by the panel.", {"See e.g. the report by the panel."}},
        {"Sales rose (by 4%). Profits fell.", {"Sales rose (by 4%).", "Profits fell."}},
        {"He left in 2023. In 2024 he returned.", {"He left in 2023.", "In 2024 he returned."}},
        // Re-joined tokens write a decimal point with a space: no break there.
        {"The 6. 1 - magnitude quake hit Aceh. It killed one.",
         {"The 6. 1 - magnitude quake hit Aceh.", "It killed one."}},
        {"He left in 2004. 3 men stayed.", {"He left in 2004.", "3 men stayed."}},
        {"The score was 1,250. 3 more came.", {"The score was 1,250.", "3 more came."}},
    };
    for (const auto& c : cases) {
      const std::string text = c.text;
      CAPTURE(text);
      CHECK(sentences(make_doc(c.text)) == c.expected);
    }
  }

  TEST_CASE("every span slices the text it names") {
    const Document d = make_doc("Title here\n\nFirst para. Second one.\nThird line?\n");
    for (const auto& s : d.sentences) {
      CHECK(d.paragraphs[s.paragraph].span.contains(s.span));
      CHECK_FALSE(s.span.empty());
    }
  }

  TEST_CASE("headings, bylines and captions get their roles") {
    const Document d = make_doc(
        "Markets rally as rates fall\n"
        "By Jane Doe and John Smith\n"
        "Getty Images A trader at work on the floor.\n"
        "Stocks rose on Friday. Bonds were flat.\n"
        "What comes next\n"
        "Analysts expect more cuts.\n");
    REQUIRE(d.paragraphs.size() == 6);
    CHECK(d.paragraphs[0].role == BlockRole::kTitle);
    CHECK(d.paragraphs[1].role == BlockRole::kByline);
    CHECK(d.paragraphs[2].role == BlockRole::kCaption);
    CHECK(d.paragraphs[3].role == BlockRole::kBody);
    CHECK(d.paragraphs[4].role == BlockRole::kHeading);
    CHECK(d.paragraphs[5].role == BlockRole::kBody);
  }

  TEST_CASE("a sentence that opens with \"By\" is story text, not a byline") {
    // Paragraphs of real news and of the generated corpus that the byline
    // patterns took for bylines, dropping their claims from the story.
    const Document d = make_doc(
        "Mills close as demand falls\n"
        "By most accounts, the union criticised the contracts of Adeyemi Shipping, a spokesperson said.\n"
        "By then, he was so ill that his memory of the talks had almost vanished.\n"
        "By March, the company had cut 300 jobs.\n"
        "BY JANE DOE, STAFF WRITER\n"
        "By Robert PigottReligious affairs correspondent, BBC News\n"
        "By Kate Holton and Guy Faulconbridge, Reuters\n");
    const BlockRole expected[] = {BlockRole::kBody, BlockRole::kBody, BlockRole::kBody,
                                  BlockRole::kByline, BlockRole::kByline, BlockRole::kByline};
    REQUIRE(d.paragraphs.size() == 7);
    for (size_t i = 1; i < d.paragraphs.size(); ++i) {
      CAPTURE(i);
      CHECK(d.paragraphs[i].role == expected[i - 1]);
    }
  }

  TEST_CASE("a paragraph that is only the page's date stamp is a dateline") {
    const char* datelines[] = {
        "Posted: Thursday, July 29, 2004", "23 July 2013 Last updated at 13:42 GMT", "Updated 4/9/2007 6:04 PM",
        "Apr 12, 2007", "WEDNESDAY 03 JULY 2013", "Nov 13, 2007, 1:17pm EST", "Published July 28, 2004",
        "Tuesday 28 April 2009 22. 34 BST", "2024-05-03",
    };
    for (const char* line : datelines) {
      CAPTURE(line);
      const Document d = make_doc(std::string("Mills close as demand falls\n") + line + "\nThe mill closed.\n");
      REQUIRE(d.paragraphs.size() == 3);
      CHECK(d.paragraphs[1].role == BlockRole::kByline);
    }
    // Metadata that gives the date stamp as the page's title does not make it a title.
    Document titled;
    titled.normalized = crosscheck::normalize("23 July 2013 Last updated at 13:42 GMT\nMills close as demand falls\nThe mill closed.\n");
    titled.meta.title = "23 July 2013 Last updated at 13:42 GMT";
    crosscheck::testing::loaded<crosscheck::Segmenter>().Segment(titled);
    REQUIRE(titled.paragraphs.size() == 3);
    CHECK(titled.paragraphs[0].role == BlockRole::kByline);
    // A date inside a sentence is story text.
    for (const char* line : {"On July 29, 2004 the mill closed.", "July 29, 2004 was the last day of work.",
                             "Updated figures for July 29, 2004 show a loss."}) {
      CAPTURE(line);
      const Document d = make_doc(std::string("Mills close as demand falls\n") + line + "\nThe mill closed.\n");
      REQUIRE(d.paragraphs.size() == 3);
      CHECK(d.paragraphs[1].role == BlockRole::kBody);
    }
  }

  TEST_CASE("hard-wrapped plain text keeps its paragraphs together") {
    const Document d = make_doc(
        "The city council voted on Tuesday to approve the new budget, which\n"
        "includes funding for road repairs and a new library in the north of\n"
        "the city, officials said after a long and heated meeting downtown.\n"
        "\n"
        "Opponents said the plan would raise taxes for most households in\n"
        "the area and promised to fight it at the next election in the spring\n"
        "when several seats on the council will be contested by newcomers.\n");
    CHECK(d.paragraphs.size() == 2);
    CHECK(d.sentences.size() == 2);
  }
}
