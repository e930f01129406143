#include "engine/normalizer.h"

#include <doctest/doctest.h>

#include <string>

using namespace crosscheck;  // NOLINT: test file

TEST_SUITE("normalizer") {
  TEST_CASE("news punctuation is unified") {
    struct Case {
      const char* in;
      const char* out;
    };
    const Case cases[] = {
        {"\xE2\x80\x9CWe won,\xE2\x80\x9D she said.", "\"We won,\" she said."},
        {"the firm\xE2\x80\x99s boss", "the firm's boss"},
        {"\xE2\x80\x98" "Fast and cheap\xE2\x80\x99", "'Fast and cheap'"},
        {"\xC2\xAB Bonjour \xC2\xBB", "\" Bonjour \""},
        {"\xE2\x80\x9E\x44ie Zeit\xE2\x80\x9C", "\"Die Zeit\""},
        {"2020\xE2\x80\x93" "2023", "2020-2023"},
        {"models \xE2\x80\x94 like Qwen", "models - like Qwen"},
        {"\xE2\x88\x92" "5%", "-5%"},
        {"Wait\xE2\x80\xA6", "Wait..."},
        {"$6\xC2\xA0million", "$6 million"},
        {"10\xE2\x80\xAF" "000", "10 000"},
        {"line one\r\nline two\rline three", "line one\nline two\nline three"},
        {"tab\there", "tab here"},
        {"zero\xE2\x80\x8Bwidth", "zerowidth"},
        {"bidi\xE2\x80\xAEtxet", "biditxet"},
        {"\xEF\xBB\xBFStarts with BOM", "Starts with BOM"},
        {"NUL\0byte", "NULbyte"},
        {"Cafe\xCC\x81 de\xCC\x81\x63" "afe\xCC\x81", "Caf\xC3\xA9 d\xC3\xA9\x63" "af\xC3\xA9"},  // NFC
        {"soft\xC2\xADhyphen", "softhyphen"},
    };
    for (const auto& c : cases) {
      std::string in = c.in;
      if (in == "NUL") in = std::string("NUL\0byte", 8);
      CAPTURE(in);
      CHECK(normalize(in).text == c.out);
    }
  }

  TEST_CASE("every normalized offset maps back into the original") {
    const std::string in =
        "\xEF\xBB\xBF\xE2\x80\x9CQuote\xE2\x80\x9D \xE2\x80\x94 Cafe\xCC\x81 $6\xC2\xA0m\r\nNext\xE2\x80\xA6 \xE9!";
    const NormalizedText n = normalize(in);
    CHECK(n.invalid_utf8 == 1);
    CHECK(n.original.size() == in.size() + 2);  // the bad byte became three
    size_t last = 0;
    for (size_t i = 0; i <= n.text.size(); ++i) {
      const size_t o = n.map.to_original(i);
      CHECK(o >= last);
      CHECK(o <= n.original.size());
      last = o;
    }
    // A word keeps its original bytes.
    const size_t q = n.text.find("Quote");
    const size_t oq = n.map.to_original(q);
    CHECK(n.original.substr(oq, 5) == "Quote");
    const size_t nx = n.text.find("Next");
    CHECK(n.original.substr(n.map.to_original(nx), 4) == "Next");
    CHECK(n.map.to_original(n.text.size()) == n.original.size());
  }

  TEST_CASE("what needs a change is found at every place of the words read whole") {
    // Each byte that stops the plain run (CR, a tab, DEL, a curly quote) after
    // 0 to 19 plain bytes, so it falls at every place of an eight-byte word.
    for (size_t before = 0; before < 20; ++before) {
      CAPTURE(before);
      const std::string a(before, 'a'), b(before + 3, 'b');
      CHECK(normalize(a + "\r\n" + b).text == a + "\n" + b);
      CHECK(normalize(a + "\t" + b).text == a + " " + b);
      CHECK(normalize(a + "\x7F" + b).text == a + b);
      CHECK(normalize(a + "\xE2\x80\x9C" + b + "\xE2\x80\x9D").text == a + "\"" + b + "\"");
      const NormalizedText n = normalize(a + "\xE2\x80\x94" + b);
      CHECK(n.text == a + "-" + b);
      CHECK(n.map.to_original(before + 1) == before + 3);  // the dash is one byte of three
    }
  }

  TEST_CASE("plain ASCII needs no anchors beyond the end") {
    const NormalizedText n = normalize("Nothing to change here.");
    CHECK(n.text == "Nothing to change here.");
    CHECK(n.map.anchor_count() <= 1);
    CHECK(n.map.to_original(7) == 7);
  }
}
