#include "engine/word_tokens.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

namespace {

// Each token as "text/k", k the kind (w, n, p), "^" after it when capitalized.
std::string shown(std::string_view text, uint32_t base = 0) {
  std::string out;
  for (const Token& t : tokenize(text, base)) {
    if (!out.empty()) out += ' ';
    out += text.substr(t.span.start - base, t.span.size());
    out += t.kind == TokenKind::kWord ? "/w" : t.kind == TokenKind::kNumber ? "/n" : "/p";
    if (t.capitalized) out += '^';
  }
  return out;
}

}  // namespace

TEST_SUITE("word_tokens") {

TEST_CASE("words keep inner apostrophes, hyphens and initialisms; punctuation stands alone") {
  CHECK(shown("\"We'll see,\" said Jean-Luc Picard of the U.S. Navy.") ==
        "\"/p We'll/w^ see/w ,/p \"/p said/w Jean-Luc/w^ Picard/w^ of/w the/w U.S./w^ Navy/w^ ./p");
  CHECK(shown("Mr. O'Brien's dog-walker, A.B.C. and U.K.") ==
        "Mr/w^ ./p O'Brien's/w^ dog-walker/w ,/p A.B.C./w^ and/w U.K./w^");
  // A joiner needs a letter after it.
  CHECK(shown("x'y -z a- 'quoted'") == "x'y/w -/p z/w a/w -/p '/p quoted/w '/p");
}

TEST_CASE("numbers keep inner dots and commas; a number and a word split") {
  CHECK(shown("Shares rose 4.5% to $1,200.50 on 2025-08-15; 30% of 5bn users' data.") ==
        "Shares/w^ rose/w 4.5/n %/p to/w $/p 1,200.50/n on/w 2025/n -/p 08/n -/p 15/n ;/p 30/n %/p "
        "of/w 5/n bn/w users/w '/p data/w ./p");
  CHECK(shown("1.2.3 ... !?") == "1.2.3/n ./p ./p ./p !/p ?/p");
}

TEST_CASE("code points beyond ASCII are classified by Unicode category") {
  CHECK(shown("Z\u00fcrich-based \u00c9lodie told Le Monde: \u00ab\u00e7a va\u00bb \u2014 caf\u00e9.") ==
        "Z\u00fcrich-based/w^ \u00c9lodie/w^ told/w Le/w^ Monde/w^ :/p \u00ab/p \u00e7a/w va/w \u00bb/p "
        "\u2014/p caf\u00e9/w ./p");
  // Every kind of white space separates; other scripts' digits are digits.
  CHECK(shown("Tab\there\r\nand\fform \u00a0nbsp \u3000wide \u0663\u0664 digits") ==
        "Tab/w^ here/w and/w form/w nbsp/w wide/w \u0663\u0664/n digits/w");
  // Invalid UTF-8: each bad byte a token of its own, the words around intact.
  const std::string bad = "bad \xff\xfe bytes \xe2\x82 cut";
  std::vector<std::string> words;
  for (const Token& t : tokenize(bad))
    if (t.kind == TokenKind::kWord) words.emplace_back(bad.substr(t.span.start, t.span.size()));
  CHECK(words == std::vector<std::string>{"bad", "bytes", "cut"});
}

TEST_CASE("tokenize_append appends tokenize's tokens, offset by base") {
  const std::string_view text = "The mayor said on 12 March: \"We are ready.\"";
  std::vector<Token> got = {Token{{1, 2}, TokenKind::kPunct, false}};
  tokenize_append(text, 100, got);
  REQUIRE(got.size() > 1);
  CHECK(got.front() == Token{{1, 2}, TokenKind::kPunct, false});  // kept
  got.erase(got.begin());
  CHECK(got == tokenize(text, 100));
  CHECK(got[0].span == Span{100, 103});
  CHECK(tokenize("").empty());
  CHECK(tokenize(" \n\t ").empty());
}

TEST_CASE("over real news, tokens are in order, apart, and cover every other byte") {
  // The evaluation data when present (read, never copied).
  auto corpus = testing::read_shared("eval/polnear.dev.jsonl");
  if (!corpus) return;
  size_t pos = 0, docs = 0, tokens = 0;
  while (pos < corpus->size() && docs < 100) {
    size_t nl = corpus->find('\n', pos);
    if (nl == std::string::npos) nl = corpus->size();
    const auto j = nlohmann::json::parse(corpus->substr(pos, nl - pos), nullptr, false);
    pos = nl + 1;
    if (!j.is_object() || !j.contains("text")) continue;
    const std::string text = j["text"].get<std::string>();
    uint32_t at = 0;
    bool ok = true;
    for (const Token& t : tokenize(text)) {
      ok = ok && t.span.start >= at && t.span.end > t.span.start && t.span.end <= text.size();
      // Between tokens, white space only (ASCII here; others are multi-byte).
      for (uint32_t k = at; ok && k < t.span.start; ++k) {
        const char c = text[k];
        ok = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || static_cast<unsigned char>(c) >= 0x80;
      }
      for (uint32_t k = t.span.start; ok && k < t.span.end; ++k) ok = text[k] != ' ' && text[k] != '\n';
      at = t.span.end;
      ++tokens;
    }
    CHECK(ok);
    ++docs;
  }
  CHECK(tokens > docs * 50);
}

}  // TEST_SUITE
