#include "engine/utf8.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
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

  TEST_CASE("word-at-a-time masks agree with a byte loop for every byte at every place") {
    for (const char filler : {'a', ' ', '!', '\x7F'}) {
      for (size_t place = 0; place < 8; ++place) {
        for (int b = 0; b < 256; ++b) {
          std::string bytes(8, filler);
          bytes[place] = static_cast<char>(b);
          bytes[7] = place < 7 ? '"' : bytes[7];  // a later byte of a kind must not hide the first
          const uint64_t w = swar::load(bytes.data());
          const auto expect = [&](const auto& is) {
            for (size_t k = 0; k < 8; ++k)
              if (is(static_cast<unsigned char>(bytes[k]))) return std::optional<size_t>(k);
            return std::optional<size_t>();
          };
          const auto check = [&](uint64_t mask, std::optional<size_t> first) {
            CAPTURE(place);
            CAPTURE(b);
            CHECK((mask != 0) == first.has_value());
            if (mask != 0 && first) CHECK(swar::first(mask) == *first);
          };
          check(swar::high(w), expect([](unsigned char c) { return c >= 0x80; }));
          check(swar::below(w, 0x20), expect([](unsigned char c) { return c < 0x20; }));
          check(swar::equal(w, '"'), expect([](unsigned char c) { return c == '"'; }));
          check(swar::equal(w, '\\'), expect([](unsigned char c) { return c == '\\'; }));
          int continuation = 0;
          for (char c : bytes) continuation += (static_cast<unsigned char>(c) & 0xC0) == 0x80;
          CHECK(swar::continuation_bytes(w) == continuation);
        }
      }
    }
  }

  TEST_CASE("invalid bytes are found at every place, in and after the words read whole") {
    for (size_t before = 0; before < 20; ++before) {
      for (const std::string bad : {"\xE9", "\xC3", "\xED\xA0\x80"}) {
        CAPTURE(before);
        const std::string text = std::string(before, 'a') + bad + std::string(11, 'b') + "caf\xC3\xA9";
        CHECK(skip_ascii(text, 0) == before);
        CHECK(skip_ascii(text, before + bad.size()) == before + bad.size() + 11 + 3);
        CHECK_FALSE(is_valid_utf8(text));
        const Utf8Repair r = repair_utf8(text);
        CHECK(r.invalid_bytes == bad.size());
        CHECK(r.text == std::string(before, 'a') + [&] {
          std::string s;
          for (size_t k = 0; k < bad.size(); ++k) s += "\xEF\xBF\xBD";
          return s;
        }() + std::string(11, 'b') + "caf\xC3\xA9");
        CHECK(is_valid_utf8(std::string(before, 'a') + "\xC3\xA9" + std::string(before, 'b')));
      }
    }
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
