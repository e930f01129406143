#include "engine/alignment.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace crosscheck {
namespace {

// One source from sentences (a sentence starting with '#' is chrome).
SourceView source_of(const std::vector<std::string>& sentences) {
  SourceView v;
  for (const std::string& s : sentences) {
    const bool chrome = !s.empty() && s[0] == '#';
    Sentence sentence;
    sentence.span = Span{static_cast<uint32_t>(v.text.size()), 0};
    v.text += chrome ? s.substr(1) : s;
    sentence.span.end = static_cast<uint32_t>(v.text.size());
    sentence.role = chrome ? BlockRole::kChrome : BlockRole::kBody;
    v.sentences.push_back(sentence);
    v.text += ' ';
  }
  return v;
}

Aligner aligner(int jobs) {
  AlignmentOptions o;
  o.jobs = jobs;
  return Aligner({"the", "a", "of", "said", "and", "to", "in"}, o);
}

// Many sources from a small pool of words (inflected, capitalised, stopwords),
// so that words recur across sources and blocks the way news words do.
std::vector<SourceView> generated_corpus(size_t sources) {
  const std::vector<std::string> words = {
      "the",     "council", "Councils", "released", "releases", "report",   "Reporting", "budget",  "a",
      "of",      "Marta",   "Quell",    "said",     "hub",      "jobs",     "Fernley",   "mayor",   "Mayors",
      "voted",   "voting",  "against",  "plan",     "planned",  "and",      "river",     "bridge",  "Bridges",
      "closed",  "closing", "to",       "in",       "school",   "teachers", "strike",    "striking", "talks",
      "Ostrava", "Kellner", "ninety",   "percent",  "rose",     "rising",   "fell",      "falling", "water"};
  uint64_t state = 0x2545F4914F6CDD1DULL;
  const auto next = [&state](uint64_t bound) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state % bound;
  };
  std::vector<SourceView> corpus;
  for (size_t s = 0; s < sources; ++s) {
    std::vector<std::string> sentences;
    const size_t count = 3 + next(6);
    for (size_t i = 0; i < count; ++i) {
      std::string sentence = next(9) == 0 ? "#" : "";
      const size_t n = 4 + next(10);
      for (size_t w = 0; w < n; ++w) sentence += (w ? " " : "") + words[next(words.size())];
      // A word of its own now and then, so the vocabulary keeps growing.
      if (next(4) == 0) sentence += " word" + std::to_string(s * 7 + i);
      sentences.push_back(sentence + ".");
    }
    corpus.push_back(source_of(sentences));
  }
  return corpus;
}

TEST_CASE("aligner: terms are content stems; chrome and stopwords have none") {
  const std::vector<SourceView> corpus = {
      source_of({"The council released the budget report.", "#Subscribe to the newsletter."}),
      source_of({"Councils release a report of the budget."})};
  Aligner a = aligner(1);
  a.Index(corpus);
  const TermsView first = a.terms(0, 0), copy = a.terms(1, 0);
  REQUIRE(first.terms.size() == 4);  // council, releas, budget, report
  CHECK(a.terms(0, 1).terms.empty());
  CHECK(std::vector<uint32_t>(first.terms.begin(), first.terms.end()) ==
        std::vector<uint32_t>(copy.terms.begin(), copy.terms.end()));
  CHECK(first.names.empty());
  CHECK(Aligner::dice(first.terms, copy.terms) == 1.0);
  for (uint32_t id : first.terms) CHECK(a.frequency(id) == 2);
  const auto pairs = a.AlignAll();
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].a == 0);
  CHECK(pairs[0].b == 1);
  REQUIRE(pairs[0].sentences.size() == 1);
  CHECK(pairs[0].sentences[0].similarity == 1.0);
}

TEST_CASE("aligner: threads give every term the id one thread gives it") {
  // 1,100 sources: blocks of 64 sources, several rounds of blocks per thread count.
  const std::vector<SourceView> corpus = generated_corpus(1100);
  Aligner one = aligner(1);
  one.Index(corpus);
  for (int jobs : {2, 3}) {
    CAPTURE(jobs);
    Aligner many = aligner(jobs);
    many.Index(corpus);
    size_t ids = 0;
    for (size_t s = 0; s < corpus.size(); ++s)
      for (size_t i = 0; i < corpus[s].sentences.size(); ++i) {
        const TermsView x = one.terms(s, i), y = many.terms(s, i);
        REQUIRE(std::vector<uint32_t>(x.terms.begin(), x.terms.end()) ==
                std::vector<uint32_t>(y.terms.begin(), y.terms.end()));
        REQUIRE(std::vector<uint32_t>(x.names.begin(), x.names.end()) ==
                std::vector<uint32_t>(y.names.begin(), y.names.end()));
        for (uint32_t id : x.terms) {
          REQUIRE(one.term_text(id) == many.term_text(id));
          REQUIRE(one.frequency(id) == many.frequency(id));
          ids = std::max<size_t>(ids, id + 1);
        }
      }
    CHECK(ids > 300);  // the shared words and many of the sources' own
    // Terms of new text get the same ids too (the vocabulary is the same).
    CHECK(one.TermsOf("Quell voted against the bridge plan; word77 and word99999.").terms ==
          many.TermsOf("Quell voted against the bridge plan; word77 and word99999.").terms);
    const auto x = one.AlignAll(), y = many.AlignAll();
    REQUIRE(x.size() == y.size());
    for (size_t k = 0; k < x.size(); ++k) {
      REQUIRE(x[k].a == y[k].a);
      REQUIRE(x[k].b == y[k].b);
      REQUIRE(x[k].sentences.size() == y[k].sentences.size());
    }
  }
}

}  // namespace
}  // namespace crosscheck
