#include "engine/rules.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "engine/chrome_marker.h"
#include "engine/comparator.h"
#include "engine/extractor.h"
#include "engine/quote_extractor.h"
#include "engine/segmenter.h"
#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

namespace {
std::filesystem::path temp_rules_dir(const std::string& name, const std::string& file, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("crosscheck-rules-" + name);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / file) << text;
  return dir;
}
}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("every built-in rule file parses") {
    const RuleSource& rules = testing::builtin_rules();
    REQUIRE_FALSE(rules.names().empty());
    for (const auto& name : rules.names()) {
      CAPTURE(name);
      auto f = rules.Open(name);
      CHECK(f.ok());
    }
    CHECK(rules.version().size() == 16);
  }

  TEST_CASE("a syntax error names file, line and column") {
    auto f = RuleFile::Parse("rules/x.toml", "a = [\"one\",\n  'two' 'three']\n");
    REQUIRE_FALSE(f.ok());
    CHECK(f.status().message().rfind("rules/x.toml:2:9: ", 0) == 0);
  }

  TEST_CASE("a pattern RE2 rejects is refused at its position") {
    auto f = RuleFile::Parse("rules/x.toml", "[p]\nlist = [\n  'fine',\n  '(unclosed',\n]\n");
    REQUIRE(f.ok());
    auto res = f->regexes("p.list");
    REQUIRE_FALSE(res.ok());
    CHECK(res.status().message() == "rules/x.toml:4:3: bad pattern: missing ): (unclosed");
  }

  TEST_CASE("a pattern past the memory bound is refused") {
    auto f = RuleFile::Parse("rules/x.toml", "p = ['((a{1,1000}){1,1000}){1,1000}']\n");
    REQUIRE(f.ok());
    auto res = f->regexes("p");
    REQUIRE_FALSE(res.ok());
    CHECK(res.status().message().rfind("rules/x.toml:1:6: bad pattern: ", 0) == 0);
  }

  TEST_CASE("wrong types and ranges are refused") {
    auto f = RuleFile::Parse("rules/x.toml", "words = ['a', 3]\nn = 0\nname = 5\n");
    REQUIRE(f.ok());
    CHECK(f->strings("words").status().message() == "rules/x.toml:1:15: 'words' must hold only strings");
    CHECK(f->strings("missing").status().message() == "rules/x.toml: missing key 'missing'");
    CHECK(f->strings("missing", true).ok());
    CHECK(f->integer("n", 1, 1, 10).status().message() == "rules/x.toml:2:5: 'n' must be an integer from 1 to 10");
    CHECK(f->string("name").status().message() == "rules/x.toml:3:8: 'name' must be a string");
  }

  TEST_CASE("certainty scales and date bounds: a marker on two scales, a mild pair of non-markers, a phrase, a missing key are refused") {
    std::ifstream in(std::filesystem::path(testing::source_dir()) / "rules" / "compare.toml");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto edited = [&](std::string_view from, std::string_view to) {
      std::string t = text;
      const size_t at = t.find(from);
      REQUIRE(at != std::string::npos);
      return t.replace(at, from.size(), to);
    };
    const auto refusal = [](const std::string& name, const std::string& toml) {
      auto src = RuleSource::FromDirectory(temp_rules_dir(name, "compare.toml", toml));
      REQUIRE(src.ok());
      auto c = Comparator::Load(*src);
      REQUIRE_FALSE(c.ok());
      return c.status().message();
    };
    CHECK(refusal("certainty-twice", edited("frequency = [", "frequency = [\"most\", ")).find(
              "certainty.scales.quantity: certainty marker 'most' is on two scales or twice on one") !=
          std::string::npos);
    CHECK(refusal("certainty-phrase", edited("frequency = [", "frequency = [\"hardly ever\", ")).find(
              "a certainty marker is one word, not 'hardly ever'") != std::string::npos);
    CHECK(refusal("certainty-mild", edited("often = \"usually\"", "often = \"soon\"")).find(
              "certainty.mild: 'often' and 'soon' must both be certainty markers") != std::string::npos);
    CHECK(refusal("date-bound-phrase", edited("no_later_than = [", "no_later_than = [\"no later than\", ")).find(
              "dates.no_later_than: a bound is one word, not 'no later than'") != std::string::npos);
    CHECK(refusal("date-bound-missing", edited("no_earlier_than = [\"after\"]", "")).find("dates.no_earlier_than") !=
          std::string::npos);
    CHECK(refusal("past-role-phrase", edited("past = [", "past = [\"used to be\", ")).find(
              "roles.past: a past-role word is one word, not 'used to be'") != std::string::npos);
  }

  TEST_CASE("a two-word speech verb that is not two words is refused, naming the list and the entry") {
    std::ifstream in(std::filesystem::path(testing::source_dir()) / "rules" / "quotes.toml");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* bad : {"\"shot\"", "\"went on to\"", "\" back\""}) {
      CAPTURE(std::string(bad));
      std::string t = text;
      const std::string from = "phrasal_speech_verbs = [";
      const size_t at = t.find(from);
      REQUIRE(at != std::string::npos);
      t.insert(at + from.size(), std::string(bad) + ", ");
      auto src = RuleSource::FromDirectory(temp_rules_dir("phrasal-bad", "quotes.toml", t));
      REQUIRE(src.ok());
      auto q = QuoteExtractor::Load(*src);
      REQUIRE_FALSE(q.ok());
      CHECK(q.status().message().find("cues.phrasal_speech_verbs: '") != std::string::npos);
      CHECK(q.status().message().find("quotes.toml") != std::string::npos);
    }
  }

  TEST_CASE("a rules directory overrides file by file; a broken override is refused") {
    const auto dir = temp_rules_dir("override", "chrome.toml",
                                    "[[rule]]\nreason = \"house style\"\npatterns = ['^advertisement: .*']\n");
    auto src = RuleSource::FromDirectory(dir);
    REQUIRE(src.ok());
    auto chrome = ChromeMarker::Load(*src);
    REQUIRE(chrome.ok());
    auto seg = Segmenter::Load(*src);  // not overridden: the built-in file
    REQUIRE(seg.ok());
    Document doc;
    doc.normalized = normalize("Advertisement: buy now\nThe council met on Monday.\n");
    seg->Segment(doc);
    chrome->Mark(doc);
    CHECK(doc.paragraphs[0].role == BlockRole::kChrome);
    CHECK(doc.paragraphs[0].chrome_reason == "house style");
    CHECK(doc.paragraphs[1].role != BlockRole::kChrome);

    const auto bad = temp_rules_dir("broken", "chrome.toml", "[[rule]]\npatterns = ['x']\n");
    auto broken = RuleSource::FromDirectory(bad);
    REQUIRE(broken.ok());
    auto refused = ChromeMarker::Load(*broken);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().message() == (bad / "chrome.toml").string() + ":1:1: rule needs a string 'reason'");
    CHECK(RuleSource::FromDirectory("/nonexistent/rules").status().message() ==
          "/nonexistent/rules: rules directory not found");
  }
}

TEST_SUITE("chrome") {
  TEST_CASE("page furniture is marked with its reason, story text is not") {
    struct Case {
      const char* paragraph;
      const char* reason;  // "" for story text
    };
    const Case cases[] = {
        {"\xE2\x86\x90 Back to articles", "navigation"},
        {"Share Save", "navigation"},
        {"Getty Images", "image credit"},
        {"a1b2c3d4-photo.jpg", "image file or alt text"},
        {"Leave a Reply", "comment form"},
        {"Your email address will not be published. Required fields are marked *", "comment form"},
        {"Sign up for our morning newsletter and get the news in your inbox.", "newsletter or app promotion"},
        {"Subscribe to Premium to read thousands of stories.", "newsletter or app promotion"},
        {"Already a subscriber? Sign In", "newsletter or app promotion"},
        {"Write to Jane Roe at jane.roe@example.com", "edition or contact note"},
        {"The author of the newsletter said the market would recover.", ""},
        {"The council approved the budget on Monday after a long debate.", ""},
        {"Reuters reported that the deal was close.", ""},
    };
    for (const auto& c : cases) {
      CAPTURE(c.paragraph);
      const Document d = testing::make_doc(std::string("The story begins here with a full sentence.\n") + c.paragraph);
      REQUIRE(d.paragraphs.size() == 2);
      const Paragraph& p = d.paragraphs[1];
      if (*c.reason == '\0') {
        CHECK(p.role != BlockRole::kChrome);
      } else {
        CHECK(p.role == BlockRole::kChrome);
        CHECK(p.chrome_reason == c.reason);
      }
    }
  }

  TEST_CASE("a related-articles block makes the rest of the page chrome") {
    const Document d = testing::make_doc(
        "Prices rose again in March, the agency said.\nRelated Articles\nDow hits a record on bank rally\n"
        "Shares of lenders rose sharply on Friday after the results.\n");
    REQUIRE(d.paragraphs.size() == 4);
    CHECK(d.paragraphs[0].role != BlockRole::kChrome);
    for (size_t i = 1; i < 4; ++i) {
      CHECK(d.paragraphs[i].role == BlockRole::kChrome);
      CHECK(d.paragraphs[i].chrome_reason == "related articles");
    }
    for (const auto& s : d.sentences)
      CHECK((s.role == BlockRole::kChrome) == (s.paragraph >= 1));
  }
}

TEST_SUITE("rules") {
  TEST_CASE("patterns that need more than RE2 (backreferences, look-around) are refused at their position") {
    struct Case {
      const char* pattern;
      const char* error;  // what follows "rules/x.toml:1:6: bad pattern: "
    };
    const Case cases[] = {
        {R"((a)\1)", "invalid escape sequence: \\1"},
        {"(?=x)", "invalid perl operator: (?="},
        {"(?<=x)y", "invalid perl operator: (?<"},
        {"(?!x)", "invalid perl operator: (?!"},
        {"a{1001}", "invalid repetition size: {1001}"},
        {"[z-a]", "invalid character class range: z-a"},
        {"*", "no argument for repetition operator: *"},
        {R"(\pL{1000})", "pattern too large - compile failed"},  // over kRulePatternMaxMem
    };
    for (const Case& c : cases) {
      const std::string pattern = c.pattern;
      CAPTURE(pattern);
      auto f = RuleFile::Parse("rules/x.toml", std::string("p = ['") + c.pattern + "']\n");
      REQUIRE(f.ok());
      auto res = f->regexes("p");
      REQUIRE_FALSE(res.ok());
      CHECK(res.status().message() == std::string("rules/x.toml:1:6: bad pattern: ") + c.error);
    }
  }

  TEST_CASE("every rule file, overridden by a broken one, stops the stages that load it with file:line:col") {
    const RuleSource& builtin = testing::builtin_rules();
    for (const std::string& name : builtin.names()) {
      CAPTURE(name);
      const auto dir = temp_rules_dir("broken-" + name, name, "ok = 1\nlist = ['a',\n");
      auto src = RuleSource::FromDirectory(dir);
      REQUIRE(src.ok());
      const std::string where = (dir / name).string() + ":2:";
      auto pipeline = Pipeline::Load(*src);
      auto comparator = Comparator::Load(*src);
      const bool refused = !pipeline.ok() || !comparator.ok();
      CHECK(refused);
      if (!pipeline.ok()) CHECK(pipeline.status().message().rfind(where, 0) == 0);
      if (!comparator.ok()) CHECK(comparator.status().message().rfind(where, 0) == 0);
    }
  }
}
