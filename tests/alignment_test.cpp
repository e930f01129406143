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

TEST_CASE("aligner: KeepTerms keeps the terms and names of the sentences asked for") {
  const std::vector<SourceView> corpus = generated_corpus(40);
  Aligner a = aligner(1);
  a.Index(corpus);
  std::vector<std::vector<std::vector<uint32_t>>> before(corpus.size()), before_names(corpus.size());
  size_t names = 0;
  for (size_t s = 0; s < corpus.size(); ++s)
    for (size_t i = 0; i < corpus[s].sentences.size(); ++i) {
      const TermsView t = a.terms(s, i);
      before[s].emplace_back(t.terms.begin(), t.terms.end());
      before_names[s].emplace_back(t.names.begin(), t.names.end());
      names += t.names.size();
    }
  REQUIRE(names > 0);
  const auto keep = [](size_t s, size_t i) { return (s + i) % 3 == 0; };
  for (size_t s = 0; s < corpus.size(); ++s) {
    std::vector<char> mask(corpus[s].sentences.size() - s % 2);  // shorter than the source: the rest is dropped
    for (size_t i = 0; i < mask.size(); ++i) mask[i] = keep(s, i);
    a.KeepTerms(s, mask);
  }
  size_t kept = 0, kept_names = 0;
  for (size_t s = 0; s < corpus.size(); ++s)
    for (size_t i = 0; i < corpus[s].sentences.size(); ++i) {
      const TermsView t = a.terms(s, i);
      const std::vector<uint32_t> now(t.terms.begin(), t.terms.end());
      const std::vector<uint32_t> now_names(t.names.begin(), t.names.end());
      if (keep(s, i) && i + s % 2 < corpus[s].sentences.size()) {
        CHECK(now == before[s][i]);
        CHECK(now_names == before_names[s][i]);
        kept += !now.empty();
        kept_names += now_names.size();
      } else {
        CHECK(now.empty());
        CHECK(now_names.empty());
      }
    }
  CHECK(kept > 10);
  CHECK(kept_names > 10);
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


TEST_CASE("aligner: a term common in the whole corpus is no key in a part of it") {
  // Two reports of one council vote, worded apart (no common signature):
  // their shared stems pair the sentences when counted in these two
  // sources alone.
  std::vector<SourceView> part = {
      source_of({"Councillors voted against the river bridge budget on Monday."}),
      source_of({"On Monday councillors voted against the budget for a river bridge plan."})};
  Aligner local = aligner(1);
  local.Index(part);
  const auto pairs = local.AlignAll();
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].sentences.size() == 1);
  // The test's stopwords keep "on" and "for": ten stems, eight in both.
  const auto counted = local.CountTerms({});
  CHECK(counted.size() == 10);
  size_t in_both = 0;
  for (const auto& [stem, n] : counted) in_both += n == 2;
  CHECK(in_both == 8);

  // In the whole corpus every one of those stems is in more sentences than
  // the postings cap: no key pairs them, as a check of it would not.
  Aligner scoped = aligner(1);
  scoped.Index(part);
  scoped.SetCorpusFrequencies([](const std::string&) { return 401u; });
  CHECK(scoped.AlignAll().empty());

  // Counts at the cap or unknown (0) change nothing.
  Aligner known = aligner(1);
  known.Index(part);
  known.SetCorpusFrequencies([](const std::string& stem) { return stem == "bridg" ? 400u : 0u; });
  CHECK(known.AlignAll().size() == 1);
}

TEST_CASE("aligner: CountTerms counts sentences of the sources asked for") {
  std::vector<SourceView> corpus = {source_of({"Marta Quell closed the bridge.", "The bridge closed again."}),
                                    source_of({"#The bridge menu.", "Bridge talks failed."})};
  Aligner a = aligner(1);
  a.Index(corpus);
  const auto count_of = [](const std::vector<std::pair<std::string, uint32_t>>& counts, const std::string& stem) {
    for (const auto& [s, n] : counts)
      if (s == stem) return n;
    return 0u;
  };
  const auto all = a.CountTerms({});
  const auto first = a.CountTerms({1, 0});
  const auto second = a.CountTerms({0, 1});
  CHECK(count_of(all, "bridg") == 3);  // the chrome sentence has no terms
  CHECK(count_of(first, "bridg") == 2);
  CHECK(count_of(second, "bridg") == 1);
  CHECK(count_of(second, "marta") == 0);
  for (const auto& [stem, n] : second) CHECK(n > 0);
}

}  // namespace
}  // namespace crosscheck

TEST_CASE("StringIds finds what was inserted, through its growth, and nothing else") {
  crosscheck::StringIds ids;
  CHECK_FALSE(ids.find("anything").has_value());
  std::vector<std::string> keys = {"", "a", "the", std::string("nul\0byte", 8), "caf\xC3\xA9"};
  for (int i = 0; i < 5000; ++i) keys.push_back("w" + std::to_string(i * 7919));
  for (uint32_t k = 0; k < keys.size(); ++k) {
    REQUIRE_FALSE(ids.find(keys[k]).has_value());
    ids.insert(keys[k], k == 2 ? UINT32_MAX : k);  // any value, the stopword mark too
  }
  CHECK(ids.size() == keys.size());
  for (uint32_t k = 0; k < keys.size(); ++k) {
    const auto got = ids.find(keys[k]);
    REQUIRE(got.has_value());
    CHECK(*got == (k == 2 ? UINT32_MAX : k));
    CHECK(ids.key(k) == keys[k]);  // keys by insertion order
  }
  CHECK_FALSE(ids.find("nul").has_value());  // a prefix of a key is not the key
  CHECK_FALSE(ids.find("w1").has_value());
  CHECK_FALSE(ids.find("thee").has_value());
}

TEST_CASE("StringIds::intern gives ids in the order keys are first met") {
  crosscheck::StringIds ids;
  const std::vector<std::string> met = {"bridg", "council", "bridg", "", "vote", "council", "vote", "mayor"};
  std::vector<uint32_t> got;
  for (const std::string& w : met) got.push_back(ids.intern(w));
  CHECK(got == std::vector<uint32_t>{0, 1, 0, 2, 3, 1, 3, 4});
  CHECK(ids.size() == 5);
  CHECK(ids.key(2).empty());
  CHECK(ids.key(4) == "mayor");
  for (int i = 0; i < 3000; ++i) CHECK(ids.intern("w" + std::to_string(i)) == static_cast<uint32_t>(5 + i));
  CHECK(ids.intern("council") == 1);  // still found after the table grew
}
