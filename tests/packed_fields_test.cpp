#include "engine/packed_fields.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/claim.h"
#include "engine/extractor.h"
#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

TEST_SUITE("packed_fields") {

TEST_CASE("compact_json writes numbers as nlohmann's serializer does") {
  std::vector<nlohmann::json> numbers = {0,    -0.0,   3.0,   -3.0,  0.5,  1.25e-7, 123456789012345.0,
                                         1e15, -1e15,  1e16,  2.5e6, 1e300, -7,     uint64_t{18446744073709551615u},
                                         int64_t{-9223372036854775807 - 1},   999999999999999.0, 0.1 + 0.2};
  for (int i = -40; i <= 40; ++i) {
    numbers.emplace_back(i * 1000.0);
    numbers.emplace_back(i / 8.0);
    numbers.emplace_back(static_cast<double>(i) * 1e13);
  }
  numbers.emplace_back(std::numeric_limits<double>::quiet_NaN());
  numbers.emplace_back(std::numeric_limits<double>::infinity());
  for (const nlohmann::json& v : numbers) {
    std::string out = "x";
    append_compact_json(out, v);
    CHECK(out == "x" + v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

TEST_CASE("compact_json writes what nlohmann's serializer writes, byte for byte") {
  const auto reference = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  // Strings that take each path: plain, escapes, every control character,
  // multi-byte UTF-8, and invalid UTF-8 of each kind (the serializer's error
  // handler replaces it).
  std::vector<std::string> strings = {"", "plain", "say \"no\"", "back\\slash", "tab\tnew\nline\r",
                                      "\b\f", std::string("nul\0byte", 8), "\x7f del",
                                      "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80",
                                      "\xEF\xBF\xBD replacement", "lone \x80", "cut \xE2\x80", "overlong \xC0\xAF",
                                      "overlong \xE0\x80\xAF", "surrogate \xED\xA0\x80", "too high \xF4\x90\x80\x80",
                                      "\xFF\xFE", "end \xC3"};
  for (int c = 0; c < 0x20; ++c) strings.push_back(std::string("x") + static_cast<char>(c) + "y");
  uint32_t seed = 12345;
  const auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  // Each byte that needs a look, at every place in and around the words of
  // eight bytes the plain writer skips at once.
  for (const std::string& special : {std::string(1, '\0'), std::string("\x1f"), std::string("\""), std::string("\\"),
                                    std::string("\x7f"), std::string("\xC3\xA9"), std::string("\xF0\x9F\x98\x80"),
                                    std::string("\x80"), std::string("\xE2\x80")})
    for (size_t at = 0; at <= 25; ++at) {
      std::string r(25, 'k');
      r.insert(at, special);
      strings.push_back(r);
    }
  for (int n = 0; n < 1000; ++n) {  // random bytes, mostly text-like
    std::string r;
    const int len = static_cast<int>(next() % 40);
    for (int i = 0; i < len; ++i) {
      const uint32_t pick = next() % 20;
      r += pick < 17 ? static_cast<char>('a' + next() % 26) : static_cast<char>(next() >> 8);
    }
    strings.push_back(r);
  }
  for (const std::string& text : strings) {
    CAPTURE(text);
    const nlohmann::json value = text;
    CHECK(compact_json(value) == reference(value));
    std::string out;
    append_json_text(out, text);
    CHECK(out == reference(value));
    nlohmann::json keyed = nlohmann::json::object();
    keyed[text] = 1;
    keyed["z"] = {text, nullptr, true, 2.5};
    CHECK(compact_json(keyed) == reference(keyed));
  }
  // A claim's fields and nesting: objects in arrays in objects, every scalar.
  const nlohmann::json tree = {{"value", 3.0},      {"low", -0.0},     {"high", 1e300},
                               {"count", -7},       {"big", uint64_t{18446744073709551615u}},
                               {"ratio", 0.1 + 0.2}, {"nan", std::numeric_limits<double>::quiet_NaN()},
                               {"list", {1, "two", {{"three", false}}, nlohmann::json::array()}},
                               {"empty", nlohmann::json::object()}, {"none", nullptr}};
  CHECK(compact_json(tree) == reference(tree));
}

TEST_CASE("JsonObjectWriter writes what compact_json writes for the same object") {
  const std::string odd = "say \"no\"\n\x01 caf\xC3\xA9 cut \xE2\x80";  // escapes, UTF-8, invalid UTF-8
  const std::vector<std::string> words = {"a", "", odd};
  const std::optional<double> none;
  const std::optional<std::string_view> some = std::string_view("x");
  std::string out = "prefix:";
  JsonObjectWriter(out)
      .add("a_null", nullptr)
      .add("b_true", true)
      .add("c_false", false)
      .add("d_int", -7)
      .add("e_u32", uint32_t{4000000000u})
      .add("f_u64", uint64_t{18446744073709551615u})
      .add("g_i64", int64_t{-9223372036854775807 - 1})
      .add("h_whole", 3.0)
      .add("i_frac", 0.1 + 0.2)
      .add("j_big", 1e300)
      .add("k_negzero", -0.0)
      .add("l_nan", std::numeric_limits<double>::quiet_NaN())
      .add("m_text", odd)
      .add("n_literal", "plain")
      .add("o_words", words)
      .add("p_none", none)
      .add("q_some", some)
      .Open("r_nested")
      .add("a", 1)
      .Open("b")
      .Close()
      .add("c", std::vector<std::string>{})
      .Close()
      .add("s_last", 1e15)
      .Done();
  nlohmann::json tree = nlohmann::json::object();
  tree["a_null"] = nullptr;
  tree["b_true"] = true;
  tree["c_false"] = false;
  tree["d_int"] = -7;
  tree["e_u32"] = uint32_t{4000000000u};
  tree["f_u64"] = uint64_t{18446744073709551615u};
  tree["g_i64"] = int64_t{-9223372036854775807 - 1};
  tree["h_whole"] = 3.0;
  tree["i_frac"] = 0.1 + 0.2;
  tree["j_big"] = 1e300;
  tree["k_negzero"] = -0.0;
  tree["l_nan"] = std::numeric_limits<double>::quiet_NaN();
  tree["m_text"] = odd;
  tree["n_literal"] = "plain";
  tree["o_words"] = words;
  tree["p_none"] = nullptr;
  tree["q_some"] = "x";
  tree["r_nested"] = {{"a", 1}, {"b", nlohmann::json::object()}, {"c", nlohmann::json::array()}};
  tree["s_last"] = 1e15;
  CHECK(out == "prefix:" + compact_json(tree));
  CHECK(out == "prefix:" + tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));

  std::string empty;
  JsonObjectWriter(empty).Done();
  CHECK(empty == "{}");
}

TEST_CASE("JsonObjectWriter refuses keys out of order and unbalanced objects") {
  std::string out;
  JsonObjectWriter w(out);
  w.add("b", 1);
  CHECK_THROWS_AS(w.add("a", 2), std::logic_error);  // before the last key
  CHECK_THROWS_AS(w.add("b", 2), std::logic_error);  // the same key again
  w.add("c", 3);                                     // after it: fine
  CHECK_THROWS_AS(w.Open("c"), std::logic_error);
  // Each nested object has keys of its own.
  w.Open("d").add("a", 1).Close();
  w.Done();
  CHECK(out.starts_with(R"({"b":1,"c":3,"d":{"a":1}})"));
  CHECK_THROWS_AS(w.Close(), std::logic_error);  // nothing left open
  CHECK_THROWS_AS(w.add("z", 1), std::logic_error);

  std::string deep;
  JsonObjectWriter d(deep);
  d.Open("a").Open("b").Open("c");
  CHECK_THROWS_AS(d.Open("d"), std::logic_error);  // deeper than the writer holds
}

TEST_CASE("CompactString keeps any bytes in one pointer") {
  static_assert(sizeof(CompactString) == sizeof(void*));
  const CompactString none;
  CHECK(none.empty());
  CHECK(none.view().empty());
  CHECK(CompactString("").empty());  // nothing to hold: no allocation
  const std::string bytes("a\0b\xff\xc3\xa9", 6);
  CompactString a(bytes);
  CHECK(a.view() == bytes);
  CompactString b = a;  // a copy of its own
  a = CompactString("other");
  CHECK(b.view() == bytes);
  CHECK(a.view() == "other");
  CompactString c = std::move(b);
  CHECK(c.view() == bytes);
  a = c;
  CHECK(a.view() == bytes);
  const CompactString& same = a;
  a = same;  // assigned to itself: keeps the text
  CHECK(a.view() == bytes);
  c = CompactString();
  CHECK(c.empty());
  CHECK(a.view() == bytes);
}

TEST_CASE("every claim the extractors write packs, parses and reads back unchanged") {
  const Pipeline& pipeline = testing::loaded<Pipeline>();
  const Document doc = pipeline.Prepare(
      "The council approved the 4.2 million euro budget on 12 March, a rise of ninety percent.\n"
      "\"We will open the bridge next summer,\" said Mayor Ana Ruiz, who took office in 2019.\n"
      "Chief executive Tom Baker told reporters the firm had hired 1,200 people since last September.\n",
      [] {
        SourceMeta m;
        m.published = parse_published_date("2026-01-15").value();
        return m;
      }());
  const ExtractedClaims claims = pipeline.Extract(doc);
  REQUIRE(claims.claims.size() >= 5);
  for (const Claim& c : claims.claims) {
    // The extractors write the text compact_json writes for its tree.
    const std::string_view text = c.fields_text.view();
    const nlohmann::json fields = testing::written_fields(std::string(text));
    CHECK(claim_fields(c) == fields);
    // extract prints a claim's kind, start, end and text, then its fields as
    // written: none may repeat those keys.
    for (const char* own : {"kind", "start", "end", "text"}) CHECK_FALSE(fields.contains(own));
    const PackedFields packed = PackedFields::Pack(fields);
    CHECK(packed.view().ToJson() == fields);
    // Parsing the stored text gives the same bytes as packing the tree.
    const auto parsed = PackedFields::Parse(text);
    REQUIRE(parsed.has_value());
    CHECK(parsed->bytes() == packed.bytes());
    CHECK(parsed->view().ToJson() == fields);
    // Packed is far smaller than the compact JSON text itself.
    CHECK(packed.bytes() < text.size());
  }
}

TEST_CASE("readers: strings, numbers of every kind, booleans, arrays, nested objects") {
  const auto p = PackedFields::Parse(
      R"({"speaker":"Ana Ruiz","value":-3,"high":18446744073709551615,"confidence":0.75,"speech":true,)"
      R"("vague":false,"mod":null,"written":["month",7,"day"],"implied":[],)"
      R"("event":{"stems":["open","bridg"],"participants":["ruiz"]},"a key not in the dictionary":"yes",)"
      R"("cue":"dijo \u00e9l \ud83d\ude00"})");
  REQUIRE(p.has_value());
  const FieldsView v = p->view();
  CHECK(v.str("speaker") == "Ana Ruiz");
  CHECK(v.str("value") == std::nullopt);  // a number, not a string
  CHECK(v.num("value") == -3.0);
  CHECK(v.num("high") == doctest::Approx(18446744073709551615.0));
  CHECK(v.num("confidence") == 0.75);
  CHECK(v.num("speaker") == std::nullopt);
  CHECK(v.boolean("speech") == true);
  CHECK(v.boolean("vague") == false);
  CHECK(v.boolean("mod") == std::nullopt);
  CHECK(v.has("mod"));
  CHECK_FALSE(v.has("anchor"));
  CHECK(v.strings("written") == std::vector<std::string_view>{"month", "day"});
  CHECK(v.is_array("implied"));
  CHECK(v.strings("implied").empty());
  CHECK_FALSE(v.is_array("speaker"));
  CHECK(v.object("event").strings("stems") == std::vector<std::string_view>{"open", "bridg"});
  CHECK(v.object("event").strings("participants") == std::vector<std::string_view>{"ruiz"});
  CHECK(v.object("speaker").empty());
  CHECK(v.object("nothing").str("stems") == std::nullopt);
  CHECK(v.str("a key not in the dictionary") == "yes");
  CHECK(v.str("cue") == "dijo \xc3\xa9l \xf0\x9f\x98\x80");
  CHECK(FieldsView().str("speaker") == std::nullopt);
}

TEST_CASE("only the kept top-level keys stay, whatever their values hold") {
  const KeyFilter keep({"speaker", "event", "a key not in the dictionary"});
  const auto p = PackedFields::Parse(
      R"({"rule":{"speaker":"no","deep":[[{"speaker":"no"}],{}]},"speaker":"Ana","list":[1,[2,{"x":3}]],)"
      R"("event":{"rule":"kept: nested keys are not filtered","stems":[]},"tense":"past","a key not in the dictionary":1,)"
      R"("another":2})",
      &keep);
  REQUIRE(p.has_value());
  CHECK(p->view().ToJson() ==
        nlohmann::json::parse(R"({"speaker":"Ana","event":{"rule":"kept: nested keys are not filtered","stems":[]},)"
                              R"("a key not in the dictionary":1})"));
  CHECK(keep.keeps("speaker"));
  CHECK(keep.keeps("a key not in the dictionary"));
  CHECK_FALSE(keep.keeps("tense"));
  CHECK_FALSE(keep.keeps("another"));
}

TEST_CASE("keys and strings of any length") {
  for (size_t n : {size_t{126}, size_t{127}, size_t{128}, size_t{200}, size_t{20000}}) {
    const std::string key(n, 'k');
    const std::string value(n * 5, 'v');
    nlohmann::json j = {{key, {{"speaker", "nested"}, {key, value}}}, {"speaker", value}};
    const PackedFields p = PackedFields::Pack(j);
    CHECK(p.view().object(key).str("speaker") == "nested");
    CHECK(p.view().object(key).str(key) == value);
    CHECK(p.view().str("speaker") == value);
    CHECK(p.view().ToJson() == j);
    const auto parsed = PackedFields::Parse(j.dump());
    REQUIRE(parsed.has_value());
    CHECK(parsed->bytes() == p.bytes());
  }
}

TEST_CASE("text that is not a JSON object is refused") {
  for (const char* bad : {"", "[1]", "\"speaker\"", "3", "null", "{", "{\"a\":}", "{\"a\":1} {}", "{\"a\":1,}",
                          "{\"a\":\"\xff\"}"})
    CHECK_MESSAGE(!PackedFields::Parse(bad).has_value(), bad);
  CHECK(PackedFields::Parse("{}").has_value());
  CHECK(PackedFields::Parse("{}")->set());
  CHECK(PackedFields::Parse("{}")->view().empty());
  CHECK_FALSE(PackedFields().set());
  // Pack takes any value; what is not an object packs as an empty one.
  CHECK(PackedFields::Pack(nlohmann::json::array({1, 2})).view().empty());
}

// What nlohmann makes of `text`, when it is an object.
std::optional<nlohmann::json> reference(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

void check_same_as_nlohmann(const std::string& text) {
  const auto want = reference(text);
  const auto got = PackedFields::Parse(text);
  CHECK_MESSAGE(want.has_value() == got.has_value(), text);
  if (want && got) CHECK_MESSAGE(got->view().ToJson() == *want, text);
}

TEST_CASE("the parser accepts what nlohmann accepts, with the same values") {
  for (const char* text : {
           R"({})", R"( { } )", "\xEF\xBB\xBF{\"a\":1}", R"({"a":[]})", R"({"a":[[],{}]})", R"({"a" : [ 1 , 2 ] })",
           "{\"a\":\t\n\r 1}", R"({"a":0})", R"({"a":-0})", R"({"a":-0.0})", R"({"a":1.5e3})", R"({"a":1E-2})",
           R"({"a":1e+2})", R"({"a":9223372036854775807})", R"({"a":-9223372036854775808})",
           R"({"a":-9223372036854775809})", R"({"a":18446744073709551615})", R"({"a":18446744073709551616})",
           R"({"a":1e308})", R"({"a":1e309})", R"({"a":-1e309})", R"({"a":1e-400})", R"({"a":4.9e-324})",
           R"({"a":0.1})", R"({"a":123456789012345678901234567890})", R"({"a":01})", R"({"a":+1})", R"({"a":.5})",
           R"({"a":1.})", R"({"a":1e})", R"({"a":-})", R"({"a":NaN})", R"({"a":Infinity})", R"({"a":tru})",
           R"({"a":true})", R"({"a":nul})", R"({"a":null,})", R"({"a":1,,"b":2})", R"({,"a":1})", R"({"a" 1})",
           R"({"a":1}})", R"({"a":[1,]})", R"({"a":[,1]})", R"({"a":[1 2]})", R"({'a':1})", R"({a:1})",
           R"({"a":"\u00e9\ud83d\ude00\u0000\/\b\f\n\r\t\"\\"})", R"({"a":"\ud83d"})", R"({"a":"\ude00"})",
           R"({"a":"\ud83d\u0041"})", R"({"a":"\u12"})", R"({"a":"\x41"})", R"({"a":"\U0041"})",
           "{\"a\":\"tab\tinside\"}", "{\"a\":\"\x7f\"}", "{\"a\":\"\xc3\xa9\"}", "{\"a\":\"\xc3\"}",
           "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":\"\xef\xbf\xbd\"}",
           "{\"\xff\":1}", R"({"a":"unterminated)", R"({"a":1)", R"({"a":1} )", R"({"a":1} x)", R"({"a":1}{})",
           R"({"a":{"b":{"c":[{"d":null}]}}})", R"({"a":1,"a":2})", "/*c*/{}", "{} // c"})
    check_same_as_nlohmann(text);
  check_same_as_nlohmann(std::string("{\"a\":\"nul\0inside\"}", 19));
  // nlohmann stops at a NUL byte as at the end of the input; JSON text holds
  // none, and the packer refuses it wherever it stands.
  CHECK(reference(std::string("{}\0x", 4)).has_value());
  CHECK_FALSE(PackedFields::Parse(std::string("{}\0x", 4)).has_value());
  CHECK_FALSE(PackedFields::Parse(std::string("{}\0", 3)).has_value());
}

TEST_CASE("the parser and nlohmann agree on damaged claim fields") {
  // Claim fields as the extractors write them, then cut, added to and
  // overwritten byte by byte (a damaged or hand-edited database).
  const std::string fields =
      R"({"anchor":"2022-03-11","event":{"participants":["holham","airlin"],"stems":["aircraft","million"]},)"
      R"("high":704000000.0,"implied":["year"],"rank":null,"speech":true,"value":-12,"cue":"d\u00e9clar\u00e9"})";
  check_same_as_nlohmann(fields);
  uint64_t state = 42;
  const auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  const std::string alphabet = "{}[]\":,.-+eE0123456789tfnul\\/ \t\x80\xc3\xff";
  for (int round = 0; round < 3000; ++round) {
    std::string text = fields;
    switch (round % 3) {
      case 0: text.resize(next() % text.size()); break;
      case 1: text.insert(next() % text.size(), text.substr(next() % text.size(), 1 + next() % 8)); break;
      default:
        for (int k = 0; k < 1 + round % 4; ++k) text[next() % text.size()] = alphabet[next() % alphabet.size()];
    }
    check_same_as_nlohmann(text);
  }
}

TEST_CASE("of duplicate keys the last counts, as for a JSON parser") {
  const auto p = PackedFields::Parse(R"({"speaker":"First","speaker":"Last","event":{"stems":["a"],"stems":["b"]}})");
  REQUIRE(p.has_value());
  CHECK(p->view().str("speaker") == "Last");
  CHECK(p->view().object("event").strings("stems") == std::vector<std::string_view>{"b"});
  CHECK(p->view().ToJson() == nlohmann::json::parse(R"({"speaker":"Last","event":{"stems":["b"]}})"));
}

TEST_CASE("copies are deep") {
  PackedFields a = PackedFields::Pack({{"speaker", "Ana"}});
  PackedFields b = a;
  a = PackedFields::Pack({{"speaker", "Tom"}});
  CHECK(b.view().str("speaker") == "Ana");
  CHECK(a.view().str("speaker") == "Tom");
  b = b;  // NOLINT: self-assignment is harmless
  CHECK(b.view().str("speaker") == "Ana");
}

}  // TEST_SUITE
