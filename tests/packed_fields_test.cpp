#include "engine/packed_fields.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/claim.h"
#include "engine/extractor.h"
#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

TEST_SUITE("packed_fields") {

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
    const PackedFields packed = PackedFields::Pack(c.fields);
    CHECK(packed.view().ToJson() == c.fields);
    // Parsing the stored text gives the same bytes as packing the tree.
    const auto parsed = PackedFields::Parse(claim_fields_text(c));
    REQUIRE(parsed.has_value());
    CHECK(parsed->bytes() == packed.bytes());
    CHECK(parsed->view().ToJson() == c.fields);
    // Packed is far smaller than the compact JSON text itself.
    CHECK(packed.bytes() < claim_fields_text(c).size());
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
  const std::vector<std::string> keep = {"event", "speaker"};  // sorted
  const auto p = PackedFields::Parse(
      R"({"rule":{"speaker":"no","deep":[[{"speaker":"no"}],{}]},"speaker":"Ana","list":[1,[2,{"x":3}]],)"
      R"("event":{"rule":"kept: nested keys are not filtered","stems":[]},"tense":"past"})",
      &keep);
  REQUIRE(p.has_value());
  CHECK(p->view().ToJson() ==
        nlohmann::json::parse(R"({"speaker":"Ana","event":{"rule":"kept: nested keys are not filtered","stems":[]}})"));
}

TEST_CASE("a key longer than 127 bytes is dropped with its value; long strings are kept") {
  const std::string long_key(200, 'k');
  const std::string long_value(100000, 'v');
  nlohmann::json j = {{long_key, {{"speaker", "hidden"}}}, {"speaker", long_value}, {std::string(127, 'x'), 1}};
  const PackedFields p = PackedFields::Pack(j);
  CHECK_FALSE(p.view().has(long_key));
  CHECK(p.view().str("speaker") == long_value);
  CHECK(p.view().num(std::string(127, 'x')) == 1.0);
  const auto parsed = PackedFields::Parse(j.dump());
  REQUIRE(parsed.has_value());
  CHECK(parsed->view().ToJson() == p.view().ToJson());
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
