#include "engine/compressed_text.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "engine/corpus.h"

using namespace crosscheck;

namespace {

// A news-like text of about `sentences` sentences, different for each `seed`.
std::string story(int seed, int sentences = 40) {
  std::string out;
  for (int i = 0; i < sentences; ++i)
    out += "The council of district " + std::to_string(seed) + " met on day " + std::to_string(i) +
           " and said that \xE2\x80\x9Cthe bridge will reopen\xE2\x80\x9D, according to the mayor. ";
  return out;
}

}  // namespace

TEST_SUITE("compressed_text") {
  TEST_CASE("a text reads back as it was, in less memory") {
    const std::string text = story(1);
    const auto packed = CompressedText::Of(text);
    REQUIRE(packed.has_value());
    CHECK(packed->set());
    CHECK(packed->size() == text.size());
    CHECK(packed->compressed_size() < text.size() / 2);
    CHECK(packed->Read() == text);
    CHECK(packed->Read().data() == packed->Read().data());  // the second read is the cached text

    CompressedText moved = *packed;
    const CompressedText to = std::move(moved);
    CHECK(to.Read() == text);
    CHECK_FALSE(moved.set());  // NOLINT(bugprone-use-after-move): a moved-from text is no text
    CHECK(moved.Read().empty());

    const auto empty = CompressedText::Of("");
    REQUIRE(empty.has_value());
    CHECK(empty->set());
    CHECK(empty->Read().empty());
    CHECK_FALSE(CompressedText().set());
    CHECK(CompressedText().Read().empty());
  }

  TEST_CASE("the texts read last stay cached; older ones are read again right") {
    std::vector<std::string> texts;
    std::vector<CompressedText> packed;
    for (int i = 0; i < int(CompressedText::kCachedTexts) * 2 + 3; ++i) {
      texts.push_back(story(i, 3 + i % 7));
      packed.push_back(*CompressedText::Of(texts.back()));
    }
    // A view stays valid while fewer than kCachedTexts other texts are read.
    const std::string_view first = packed[0].Read();
    for (size_t i = 1; i < CompressedText::kCachedTexts; ++i) CHECK(packed[i].Read() == texts[i]);
    CHECK(first == texts[0]);
    // Every text, in an order that evicts and reads back again.
    for (int round = 0; round < 3; ++round)
      for (size_t i = 0; i < packed.size(); i += 1 + round) {
        CAPTURE(i);
        CHECK(packed[i].Read() == texts[i]);
      }
    // A copy reads the same text (it shares the cache entry).
    const CompressedText copy = packed[5];
    CHECK(copy.Read() == texts[5]);
    CHECK(copy.Read().data() == packed[5].Read().data());
  }

  TEST_CASE("a dictionary trained on other texts makes each text smaller") {
    std::vector<std::string> texts;
    for (int i = 0; i < 300; ++i) texts.push_back(story(i, 2 + i % 5));
    std::vector<std::string_view> samples(texts.begin(), texts.begin() + 200);
    auto dictionary = TextDictionary::Train(samples);
    REQUIRE(dictionary != nullptr);
    CHECK(dictionary->size() > 0);
    CHECK(dictionary->size() <= size_t{64} << 10);
    size_t alone = 0, with = 0;
    std::vector<CompressedText> packed;
    for (size_t i = 200; i < texts.size(); ++i) {  // texts it was not trained on
      alone += CompressedText::Of(texts[i])->compressed_size();
      packed.push_back(*CompressedText::Of(texts[i], dictionary));
      with += packed.back().compressed_size();
    }
    CHECK(with < alone);
    for (size_t i = 0; i < packed.size(); ++i) CHECK(packed[i].Read() == texts[200 + i]);
    // The texts keep their dictionary alive: decompressed again (others
    // have pushed it out of the cache) after every other owner has gone.
    const CompressedText last = packed.back();
    packed.clear();
    dictionary.reset();
    for (size_t i = 0; i < CompressedText::kCachedTexts; ++i) CHECK(CompressedText::Of(texts[i])->Read() == texts[i]);
    CHECK(last.Read() == texts.back());

    CHECK(TextDictionary::Train({}) == nullptr);
    CHECK(TextDictionary::Train({"too", "short"}) == nullptr);
  }

  TEST_CASE("two equal texts compressed apart are cached apart") {
    const std::string text = story(7);
    const auto x = *CompressedText::Of(text), y = *CompressedText::Of(text);
    CHECK(x.Read() == y.Read());
    CHECK(x.Read().data() != y.Read().data());
  }

  TEST_CASE("threads read through caches of their own") {
    std::vector<std::string> texts;
    std::vector<CompressedText> packed;
    for (int i = 0; i < 100; ++i) {
      texts.push_back(story(i, 5));
      packed.push_back(*CompressedText::Of(texts.back()));
    }
    std::vector<int> wrong(3, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t)
      threads.emplace_back([&, t] {
        for (int round = 0; round < 20; ++round)
          for (size_t i = t; i < packed.size(); i += 1 + t)
            if (packed[i].Read() != texts[i]) ++wrong[t];
      });
    for (auto& th : threads) th.join();
    CHECK(wrong == std::vector<int>(3, 0));
  }

  TEST_CASE("a source's slices are the same from a compressed text") {
    SourceView plain;
    plain.text = story(3, 4);
    SourceView packed = plain;
    packed.packed = *CompressedText::Of(packed.text);
    packed.text.clear();
    CHECK(packed.text_size() == plain.text_size());
    CHECK(packed.full_text() == plain.full_text());
    for (uint32_t start = 0; start < plain.text.size(); start += 37) {
      const Span s{start, std::min<uint32_t>(start + 50, static_cast<uint32_t>(plain.text.size()))};
      CHECK(packed.slice(s) == plain.slice(s));
    }
  }
}
