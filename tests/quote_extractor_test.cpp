#include "engine/quote_extractor.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "engine/quote_rules.h"
#include "engine/word_tokens.h"
#include "tests/test_support.h"

namespace crosscheck {
namespace {

const QuoteExtractor& extractor() { return testing::loaded<QuoteExtractor>(); }

void dump(const std::string& name, const Document& doc, const QuoteClaims& c) {
  std::cout << "=== " << name << "\n";
  for (const Quote& q : c.quotes) {
    std::cout << (q.reported ? "R " : "Q ") << (q.speech ? "S " : "- ") << "[" << doc.slice(q.span).substr(0, 60)
              << "] -> " << (q.speaker ? *q.speaker : "(none)") << " | " << q.speaker_text << " | " << q.cue
              << " | " << q.resolution << " " << q.confidence << "\n";
  }
  for (const Role& r : c.roles)
    std::cout << "ROLE " << r.person_name << " | " << r.title << " | " << (r.organisation ? *r.organisation : "-")
              << " | " << r.role_class << "\n";
  for (const Person& p : c.people) {
    std::cout << "PERSON " << p.name << (p.organisation ? " (org)" : "") << " :";
    for (const Mention& m : p.mentions) std::cout << " [" << m.text << "]";
    std::cout << "\n";
  }
}


// The quote (not reported speech) whose content contains `words`.
const Quote* find_quote(const Document& doc, const QuoteClaims& c, std::string_view words) {
  for (const Quote& q : c.quotes)
    if (!q.reported && doc.slice(q.span) == words) return &q;
  for (const Quote& q : c.quotes)
    if (!q.reported && doc.slice(q.span).find(words) != std::string_view::npos) return &q;
  return nullptr;
}

struct AttributionCase {
  const char* text;
  const char* words;       // a few words of the quoted content
  const char* speaker;     // resolved speaker, "" for none
  const char* resolution;  // nullptr: not checked
  bool speech;
};

const AttributionCase kCases[] = {
// Post-cue, name first.
{"\"We will appeal the ruling,\" Maria Lopez said.", "appeal the ruling", "Maria Lopez", "explicit", true},
{"\"Prices will keep rising,\" Tom Baker, an economist at Lloyds, said on Tuesday.", "Prices will keep", "Tom Baker", "explicit", true},
{"\"The plan is dead,\" Senator Ann Ward told reporters.", "plan is dead", "Ann Ward", "explicit", true},
{"\"It is too early to tell,\" the company's chief executive Paul Grant said.", "too early to tell", "Paul Grant", "explicit", true},
{"\"Nobody saw this coming,\" Kenji Mori later said.", "Nobody saw this", "Kenji Mori", "explicit", true},
{"\"We have the votes,\" Ellen Park added.", "have the votes", "Ellen Park", "explicit", true},
// The second half of a quotation split by its attribution (and apposition) takes its speaker.
{"\"The plant is not finished,\" said Boris Kelshaw, an analyst at Northstar Partners, \"and the residents of Limesdale know it.\"", "residents of Limesdale", "Boris Kelshaw", "nearby_cue", true},
{"\"The plant is not finished,\" said Boris Kelshaw, \"and everyone knows it.\"", "everyone knows it", "Boris Kelshaw", "nearby_cue", true},
{"\"The numbers speak for themselves,\" Raj Patel wrote in a memo to staff.", "numbers speak", "Raj Patel", "explicit", true},
{"\"We are not going anywhere,\" union leader Sam Hill insisted.", "not going anywhere", "Sam Hill", "explicit", true},
// Post-cue, inverted.
{"\"The vote was rigged,\" said Peter Olsen, a local councillor.", "vote was rigged", "Peter Olsen", "explicit", true},
{"\"This is a turning point,\" said Dr Hannah Stein, who leads the study.", "turning point", "Hannah Stein", "explicit", true},
{"\"We expect a slowdown,\" says Lucas Meyer, chief economist at Helvetia Bank.", "expect a slowdown", "Lucas Meyer", "explicit", true},
{"\"Demand is recovering,\" explained Carla Gomez, the firm's head of sales.", "Demand is recovering", "Carla Gomez", "explicit", true},
{"\"Our customers want lower fees,\" said Globex spokeswoman Irene Cho.", "want lower fees", "Irene Cho", "explicit", true},
{"\"It was a mistake,\" admitted James Cole, the club's manager.", "It was a mistake", "James Cole", "explicit", true},
// Cue before the quote.
{"Mayor Linda Hart said: \"We will rebuild the bridge by spring.\"", "rebuild the bridge", "Linda Hart", "explicit", true},
{"Omar Haddad told the BBC: \"We had no warning at all.\"", "no warning at all", "Omar Haddad", "explicit", true},
{"Greta Lind told Reuters \"the deal is off\" after the meeting.", "the deal is off", "Greta Lind", "explicit", true},
{"Speaking after the match, Diego Ruiz said, \"We simply ran out of energy.\"", "ran out of energy", "Diego Ruiz", "explicit", true},
{"In a statement, Northwind Airlines said: \"All flights will resume on Friday.\"", "flights will resume", "Northwind Airlines", "explicit", true},
{"According to Fiona Grey, \"the budget is already spent.\"", "budget is already spent", "Fiona Grey", "explicit", true},
// Pronouns.
{"Anna Berg runs the shelter. \"We turn people away every night,\" she said.", "turn people away", "Anna Berg", "pronoun", true},
{"Paul Nkemelu founded the start-up in 2019. \"We were broke for two years,\" he recalled.", "broke for two years", "Paul Nkemelu", "pronoun", true},
{"Ms Rivera has led the agency since March. \"The backlog is shrinking,\" she told me.", "backlog is shrinking", "Rivera", "pronoun", true},
{"Finance minister Rachel Moss defended the cuts. \"There was no alternative,\" she said.", "no alternative", "Rachel Moss", "pronoun", true},
{"Mr Adebayo, 54, has fished here all his life. \"The river is dying,\" he said.", "river is dying", "Adebayo", "pronoun", true},
{"Coach Brian Daly praised his players. \"They gave everything,\" he said.", "gave everything", "Brian Daly", "pronoun", true},
{"Ivan Petrov called the report \"deeply flawed\". \"It ignores the evidence,\" he said.", "ignores the evidence", "Ivan Petrov", "pronoun", true},
// Short names.
{"Chancellor Olaf Brandt spoke first. \"We stand together,\" Brandt said.", "stand together", "Olaf Brandt", "short_name", true},
{"Sir Keith Rowe, the former minister, was blunt. \"It is a disgrace,\" Sir Keith said.", "is a disgrace", "Keith Rowe", "short_name", true},
{"Lisa Chen, the chief executive of Arlo, met investors. \"Growth is back,\" Ms Chen said.", "Growth is back", "Lisa Chen", "short_name", true},
{"Analyst Victor Hugo Lam expects more cuts. \"Rates will fall twice,\" Lam said.", "Rates will fall", "Victor Hugo Lam", "short_name", true},
// Split quotes and continuations.
{"\"We were lucky,\" she said. \"Next time we may not be.\"", "Next time we may", "", "none", true},
{"Jon Weller runs the bakery. \"Flour costs doubled,\" he said. \"We cannot pass that on.\"", "cannot pass that on", "Jon Weller", "nearby_cue", true},
{"\"The water came fast,\" said Priya Nair. \"Within minutes the street was a river.\"", "Within minutes", "Priya Nair", "nearby_cue", true},
{"\"I have no regrets,\" Marco Bell said, \"and I would do it again.\"", "would do it again", "Marco Bell", "explicit", true},
{"\"This is our home,\" said Ruth Okoye.\n\n\"We are not leaving it.\"", "We are not leaving", "Ruth Okoye", "nearby_cue", true},
{"\"First we fix the roads. Then we fix the schools. Then we cut taxes,\" Governor Dale Irwin said.", "First we fix the roads", "Dale Irwin", "explicit", true},
// Multi-paragraph quote.
{"\"We lost everything in the fire.\n\n\"But the town came together,\" said Nora Quinn.", "lost everything", "Nora Quinn", "explicit", true},
// Organisations.
{"\"We take safety seriously,\" the company said in a statement.", "take safety seriously", "the company", "explicit", true},
{"\"The claims are false,\" a spokesman for the ministry said.", "claims are false", "the ministry", nullptr, true},
{"\"Sales rose 4% in the quarter,\" Acme Corp said.", "Sales rose", "Acme Corp", "explicit", true},
{"\"The findings are preliminary,\" the report said.", "findings are preliminary", "the report", "explicit", true},
{"\"No decision has been taken,\" OpenAI said.", "No decision", "OpenAI", "explicit", true},
// Mismatched and single marks.
{"'We are ready for the storm,\" said Helen Marsh, the city's emergency chief.", "ready for the storm", "Helen Marsh", "explicit", true},
{"'The market has turned,' said Alan Frost, a trader in Chicago.", "market has turned", "Alan Frost", "explicit", true},
{"'Don't expect miracles,' Grace Lee told the students.", "expect miracles", "Grace Lee", "explicit", true},
{"\"He kept saying 'trust me' all night,\" said Leo Hart.", "kept saying", "Leo Hart", "explicit", true},
// Dash attribution.
{"The crowd loved the closing line. \"Ask not what your country can do for you\" - John Kennedy, 1961.", "Ask not what", "John Kennedy", "explicit", true},
// Naming verbs and phrases in speech context.
{"Mark Dunn calls the plan \"a blank cheque\" for developers.", "a blank cheque", "Mark Dunn", nullptr, true},
{"Julia Voss described the talks as \"constructive\".", "constructive", "Julia Voss", nullptr, true},
{"Tariq Aziz told Bloomberg the merger was \"a done deal\" by then.", "a done deal", "Tariq Aziz", nullptr, true},
{"She gave two reasons - it is \"cheaper\" and \"safer\". Before that, Elena Ruiz had said nothing.", "cheaper", "", nullptr, true},
{"Elena Ruiz was asked why. She gave two reasons - it is \"cheaper\" and \"safer\".", "safer", "Elena Ruiz", "pronoun", true},
// Cue in the previous sentence.
{"Kofi Mensah put it simply:\n\n\"We need rain.\"", "We need rain", "Kofi Mensah", "nearby_cue", true},
// No speaker.
{"The banner read \"Welcome home, heroes\" in red letters.", "Welcome home", "", "none", false},
{"A page titled \"the best budget phones\" lists twelve models.", "best budget phones", "", "none", false},
{"The so-called \"gig economy\" keeps growing.", "gig economy", "", "none", false},
{"Critics dismissed the film as \"pretentious\".", "pretentious", "", "none", false},
{"\"Our story is far from over and we will be back soon with more,\" the sign on the door read.", "Our story", "", "none", true},
{"The word \"unprecedented\" appears 14 times in the report.", "unprecedented", "", "none", false},
{"\"Nobody expected this to happen so soon in the season.\"", "Nobody expected", "", "none", true},
{"It's the users' choice, and the company's 'open' model helps.", "open", "", "none", false},
{"He watched \"The Godfather\" twice.", "The Godfather", "", "none", false},
// Reported-speech context with a quoted fragment.
{"Judge Amy Clarke said the evidence was \"overwhelming\" and denied bail.", "overwhelming", "Amy Clarke", "explicit", true},
{"The minister, Kwame Asante, said the law would \"change nothing\" for farmers.", "change nothing", "Kwame Asante", nullptr, true},
// A name (and apposition) opening the sentence, then a colon: round-ups and transcripts.
{"Nadia Farouk, a pollster at Greenline Research: \"Turnout in the suburbs decided this race, not the debates.\"", "Turnout in the suburbs", "Nadia Farouk", "explicit", true},
{"\"The vote was never in doubt,\" Sen. Maria Delgado (D-N.M.) said after the session.", "The vote was never", "Maria Delgado", "explicit", true},
{"Paul Okafor: \"We will appeal the ruling as soon as the court allows it.\"", "We will appeal", "Paul Okafor", "explicit", true},
{"Update: \"The bridge will stay closed to traffic until further notice.\"", "The bridge will stay", "", "none", true},
{"Its message to drivers was blunt: \"The permit was never valid in the first place.\"", "The permit was never", "", "none", true},
// A lower-case title before the name, an age, a parenthesis before a comma.
{"\"We should give the new rules a year,\" House majority leader Dana Whitlock told reporters.", "give the new rules", "Dana Whitlock", "explicit", true},
{"\"We disagree, but we stay neighbours,\" Omar Lindqvist, 63, told a passer-by.", "we stay neighbours", "Omar Lindqvist", "explicit", true},
{"After the count, Gov. Ruth Calloway (D-Vt.), said, \"We will govern for everyone in this state.\"", "We will govern", "Ruth Calloway", "explicit", true},
{"Council leader Ivo Brandt (Greens) said \"the tram will run by spring\" at the meeting.", "the tram will run", "Ivo Brandt", "explicit", true},
// Two-word speech verbs, after and before the quote; the verb alone is no cue.
{"Hugo Lenz mocked the rival camp. \"They promise everything to everyone,\" Clara Voigt shot back.", "promise everything", "Clara Voigt", "explicit", true},
{"After Governor Ray Tolland criticised her, Mira Osei fired back, \"I chose to finish the job I was hired for.\"", "finish the job", "Mira Osei", "explicit", true},
{"\"We were outplayed from the first minute,\" Tom Reyes chimed in.", "outplayed from the first", "Tom Reyes", "explicit", true},
// A two-word cue right before the mark wins over a cue in the next sentence.
{"Mira Osei fired back: \"We won the vote fairly.\" Tom Reyes said nothing.", "won the vote fairly", "Mira Osei", "explicit", true},
// A participle after "by": the subject the sentence opens with, not a name
// before an unlisted verb in the next sentence.
{"Mayor Ines Falk closed the vigil by saying \"Never again.\" The choir from the Riverside Hall followed her.", "Never again", "Ines Falk", "explicit", true},
// A participle after a comma: the subject the sentence opens with.
{"Marta Quell answered the critics on Tuesday, saying, \"The harbour has never been safer than it is today.\"", "The harbour has never", "Marta Quell", nullptr, true},
{"Speaking to the press again, he turned to the budget, saying: \"Every line of this will be published in full.\"", "Every line of this", "", nullptr, true},
};

TEST_CASE("quotes attribution table") {
  for (const AttributionCase& c : kCases) {
    CAPTURE(std::string(c.text));
    const Document doc = testing::make_doc(c.text);
    const QuoteClaims claims = extractor().Extract(doc);
    const Quote* q = find_quote(doc, claims, c.words);
    REQUIRE(q != nullptr);
    CHECK(q->speech == c.speech);
    CHECK(q->speaker.value_or("") == std::string(c.speaker));
    if (c.resolution != nullptr) CHECK(q->resolution == std::string(c.resolution));
    if (q->speaker) {
      CHECK(q->confidence > 0.0);
      REQUIRE(q->speaker_span.has_value());
      CHECK(doc.slice(*q->speaker_span) == q->speaker_text);
    } else {
      CHECK(q->confidence == 0.0);
    }
  }
}

TEST_CASE("quotes reported speech") {
  struct R {
    const char* text;
    const char* words;
    const char* speaker;
  };
  const R cases[] = {
      {"Health minister Joan Avery said the hospital would reopen in May.", "hospital would reopen", "Joan Avery"},
      {"The company claims that its batteries last twice as long.", "batteries last twice", "the company"},
      {"According to Oxfam, the number of people in need has doubled.", "number of people in need", "Oxfam"},
      {"Food prices will rise again next year, according to the central bank.", "Food prices will rise", "the central bank"},
      {"Tom Reyes runs a farm. Yields fell by a third this year, he said.", "Yields fell by a third", "Tom Reyes"},
  };
  for (const R& c : cases) {
    CAPTURE(std::string(c.text));
    const Document doc = testing::make_doc(c.text);
    const QuoteClaims claims = extractor().Extract(doc);
    const Quote* found = nullptr;
    for (const Quote& q : claims.quotes)
      if (q.reported && doc.slice(q.span).find(c.words) != std::string_view::npos) found = &q;
    REQUIRE(found != nullptr);
    CHECK(found->speaker.value_or("") == std::string(c.speaker));
  }
  // Not reported speech: passive "is said", a direct quote's attribution.
  for (const char* text : {"The castle is said to be haunted by a former owner.",
                           "\"We are done here,\" Karen Mills said."}) {
    CAPTURE(std::string(text));
    const Document doc = testing::make_doc(text);
    for (const Quote& q : extractor().Extract(doc).quotes) CHECK_FALSE(q.reported);
  }
}

TEST_CASE("quotes marks pairing") {
  using M = QuoteMarks;
  CHECK(pair_quote_marks("He said \"yes\" twice.") == std::vector<M>{{8, 12, false, true}});
  // Apostrophes are not quote marks; a plural possessive is not a closer.
  CHECK(pair_quote_marks("It's the users' choice.").empty());
  CHECK(pair_quote_marks("'The users' words matter,\" she said.") == std::vector<M>{{0, 25, false, true}});
  // Nested single quotes.
  const auto nested = pair_quote_marks("\"She said 'no' to me,\" he said.");
  REQUIRE(nested.size() == 2);
  CHECK(nested[0].nested);
  CHECK_FALSE(nested[1].nested);
  // Left open at the end of a paragraph.
  const auto open = pair_quote_marks("\"We lost everything.");
  REQUIRE(open.size() == 1);
  CHECK_FALSE(open[0].closed);
  // Hostile input stays bounded.
  const std::string junk(100000, '\'');
  CHECK(pair_quote_marks(junk).size() < junk.size());
}

TEST_CASE("quotes a mark on the wrong side of its space does not make the attribution a quote") {
  // Text split into tokens and joined again: 'children, "said' for 'children," said'.
  const Document doc = testing::make_doc(
      "She was our mother, \"said Tom Lark, her brother. \"She held us together,\" said a tearful Tom Lark.");
  const QuoteClaims claims = extractor().Extract(doc);
  for (const Quote& q : claims.quotes) {
    CAPTURE(std::string(doc.slice(q.span)));
    CHECK(doc.slice(q.span).substr(0, 5) != "said ");
  }
  // A quotation may still open with a verb that is not about speech.
  const Document ok = testing::make_doc("\"Said to be the best in town,\" the bakery sign read.");
  CHECK(extractor().Extract(ok).quotes.size() == 1);
}

struct SeedQuote {
  const char* words;
  const char* speaker;
};

void check_seed(const char* file, std::initializer_list<SeedQuote> expected) {
  auto text = testing::read_shared(file);
  if (!text) {
    MESSAGE("seed " << file << " absent: skipped");
    return;
  }
  const Document doc = testing::make_doc(*text);
  const QuoteClaims claims = extractor().Extract(doc);
  for (const SeedQuote& e : expected) {
    CAPTURE(std::string(file));
    CAPTURE(std::string(e.words));
    const Quote* q = find_quote(doc, claims, e.words);
    REQUIRE(q != nullptr);
    CHECK(q->speech);
    CHECK(q->speaker.value_or("") == std::string(e.speaker));
  }
}

TEST_CASE("quotes seed 001 speakers") {
  check_seed("seeds/001_bd6b9e9e81336716.txt",
             {{"effectively made Pinterest", "Bill Ready"},
              {"DeepSeek moment", "Bill Ready"},
              {"chose to open source", "Bill Ready"},
              {"30% more accurate", "Matt Madrigal"},
              {"a lot", "Brian Chesky"},
              {"very good", "Brian Chesky"},
              {"fast", "Brian Chesky"},
              {"cheap", "Brian Chesky"},
              {"top trending models", "Jeff Boudier"},
              {"four out of five", "Jeff Boudier"}});
  // The page title in the first paragraph is a quoted phrase, not speech.
  auto text = testing::read_shared("seeds/001_bd6b9e9e81336716.txt");
  if (!text) return;
  const Document doc = testing::make_doc(*text);
  const QuoteClaims claims = extractor().Extract(doc);
  const Quote* title = find_quote(doc, claims, "most ridiculous");
  REQUIRE(title != nullptr);
  CHECK_FALSE(title->speech);
  CHECK_FALSE(title->speaker.has_value());
}

TEST_CASE("quotes seed 002 speakers") {
  check_seed("seeds/002_309823009a5691c8.txt",
             {{"chose to open source", "Matt Madrigal"}, {"small business owner", "Sarah J."}});
}

TEST_CASE("quotes seed 000 spun speakers") {
  check_seed("seeds/000_3ce98f647ed82eac.txt",
             {{"purchasing assistant", "Invoice Prepared"},
              {"open supply it", "Invoice Prepared"},
              {"DeepSeek second", "Invoice Prepared"},
              {"Open supply strategies", "Matt Madrigal"},
              {"Here is the irony", "Nick Clegg"}});
}

TEST_CASE("quotes seed 003 Mint speakers") {
  check_seed("seeds/003_1ca28c38a1e3f029.txt",
             {{"Fearing being cut off", "Lian Jye Su"},
              {"stable of about 10", "Donald MacDonald"},
              {"observed instances", "Shinichi Usami"},
              {"handle these nuances", "Shinichi Usami"},
              {"user stickiness", "Charlie Chai"},
              {"Darwinian", "Andrew Ng"}});
}

TEST_CASE("quotes rules load and json fields") {
  const Document doc = testing::make_doc("\"We are ready,\" said Ann Cole, the mayor.");
  const QuoteClaims c = extractor().Extract(doc);
  REQUIRE(c.quotes.size() == 1);
  std::string text;
  append_quote_fields(c.quotes[0], text);
  const nlohmann::json j = testing::written_fields(text);
  CHECK(j["speaker"] == "Ann Cole");
  CHECK(j["speaker_text"] == "Ann Cole");
  CHECK(j["speaker_start"] == 21);
  CHECK(j["speaker_end"] == 29);
  CHECK(j["cue"] == "said");
  CHECK(j["resolution"] == "explicit");
  CHECK(j["speech"] == true);
  text.clear();
  append_quote_fields(Quote{}, text);
  const nlohmann::json none = testing::written_fields(text);
  CHECK(none["speaker"].is_null());
  CHECK(none["speaker_start"].is_null());
}

TEST_CASE("quotes extraction speed") {
  // Synthetic news text: quotes, attributions, reported speech, names.
  std::string para =
      "\"We expect demand to keep rising through the year,\" said Maria Lopez, chief executive of "
      "Northwind. Analysts said the figures were \"better than feared\". She added that costs had "
      "fallen. \"It is a good start,\" she said. The company's shares rose 4% on Tuesday, according "
      "to exchange data, while rivals slipped.\n\n";
  std::string text;
  while (text.size() < (4u << 20)) text += para;
  const Document doc = testing::make_doc(text);
  const auto t0 = std::chrono::steady_clock::now();
  const QuoteClaims c = extractor().Extract(doc);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double mbps = static_cast<double>(text.size()) / 1e6 / secs;
  MESSAGE("quote extraction: " << mbps << " MB/s over " << text.size() << " bytes, " << c.quotes.size()
                               << " quotes");
  CHECK(c.quotes.size() > 1000);
  // Real news text when the evaluation data is present (read, never copied).
  auto corpus = testing::read_shared("eval/polnear.dev.jsonl");
  if (!corpus) return;
  std::vector<Document> docs;
  size_t bytes = 0;
  size_t pos = 0;
  while (pos < corpus->size()) {
    size_t nl = corpus->find('\n', pos);
    if (nl == std::string::npos) nl = corpus->size();
    const auto j = nlohmann::json::parse(corpus->substr(pos, nl - pos), nullptr, false);
    pos = nl + 1;
    if (!j.is_object() || !j.contains("text")) continue;
    docs.push_back(testing::make_doc(j["text"].get<std::string>()));
    bytes += docs.back().text().size();
  }
  const auto t1 = std::chrono::steady_clock::now();
  size_t quotes = 0;
  for (const Document& d : docs) quotes += extractor().Extract(d).quotes.size();
  const double s2 = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  MESSAGE("quote extraction over news articles: " << static_cast<double>(bytes) / 1e6 / s2 << " MB/s over "
                                                  << bytes << " bytes, " << quotes << " quotes");
}

TEST_CASE("quotes dump seeds (CC_DUMP=1)") {
  if (std::getenv("CC_DUMP") == nullptr) return;
  for (const char* f : {"seeds/000_3ce98f647ed82eac.txt", "seeds/001_bd6b9e9e81336716.txt",
                        "seeds/002_309823009a5691c8.txt", "seeds/003_1ca28c38a1e3f029.txt",
                        "seeds/004_14a64741e17ce39b.txt"}) {
    auto text = std::getenv("CC_TEXT") ? std::optional<std::string>(std::getenv("CC_TEXT")) : testing::read_shared(f);
    if (!text) continue;
    const Document doc = testing::make_doc(*text);
    if (std::getenv("CC_SENT")) {
      for (const Sentence& s : doc.sentences)
        std::cout << block_role_name(s.role) << " p" << s.paragraph << ": " << doc.slice(s.span).substr(0, 100) << "\n";
    }
    dump(f, doc, extractor().Extract(doc));
  }
}

}  // namespace
}  // namespace crosscheck
