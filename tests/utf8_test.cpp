#include "engine/utf8.h"

#include <doctest/doctest.h>

#include <string>

using namespace crosscheck;  // NOLINT: test file

TEST_SUITE("utf8") {
  TEST_CASE("repair replaces each invalid byte with one U+FFFD") {
    struct Case {
      std::string in;
      std::string out;
      size_t bad;
    };
    const Case cases[] = {
        {"plain ASCII", "plain ASCII", 0},
        {"caf\xC3\xA9", "caf\xC3\xA9", 0},                         // valid two-byte
        {"caf\xE9 noir", "caf\xEF\xBF\xBD noir", 1},                // Latin-1 byte
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", 2},                // overlong slash
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},  // surrogate
        {"end\xE2\x80", "end\xEF\xBF\xBD\xEF\xBF\xBD", 2},          // truncated
        {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4},  // > U+10FFFF
    };
    for (const auto& c : cases) {
      CAPTURE(c.in);
      const Utf8Repair r = repair_utf8(c.in);
      CHECK(r.text == c.out);
      CHECK(r.invalid_bytes == c.bad);
      CHECK(is_valid_utf8(r.text));
      CHECK(is_valid_utf8(c.in) == (c.bad == 0));
    }
  }

  TEST_CASE("code point offsets agree with a decoder at every byte") {
    std::string text = "Caf\xC3\xA9 \xE2\x80\x9Cquote\xE2\x80\x9D \xF0\x9F\x98\x80 end";
    for (int k = 0; k < 5; ++k) text += text;  // cross several 64-byte blocks
    const CodepointIndex index(text);
    size_t cp = 0;
    size_t i = 0;
    while (i < text.size()) {
      CHECK(index.to_codepoint(i) == cp);
      decode_utf8(text, i);
      ++cp;
    }
    CHECK(index.to_codepoint(text.size()) == cp);
    const CodepointIndex empty("");
    CHECK(empty.to_codepoint(0) == 0);
    const std::string block(64, 'a');
    CHECK(CodepointIndex(block).to_codepoint(64) == 64);
  }

  TEST_CASE("binary files are told from text") {
    CHECK(looks_binary(std::string("PNG\0\0\x01", 6)));
    CHECK_FALSE(looks_binary("An ordinary sentence.\nAnother one.\n"));
    CHECK_FALSE(looks_binary("caf\xE9 in Latin-1 is not binary"));
    std::string controls(200, '\x01');
    CHECK(looks_binary(controls));
  }

  TEST_CASE("case folding") {
    CHECK(fold_case("Bill READY") == "bill ready");
    CHECK(fold_case("\xC3\x89LYS\xC3\x89\x45") == "\xC3\xA9lys\xC3\xA9\x65");
    CHECK(ascii_lower("U.S. \xC3\x89") == "u.s. \xC3\x89");
  }
}
