#include "engine/json_line.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/input_reader.h"
#include "engine/json_scan.h"

namespace crosscheck {
namespace {

TEST_SUITE("json_line") {
  TEST_CASE("reads flat objects with every kind of scalar") {
    const auto o = read_flat_json_object(
        R"( {"id": 42, "text": "Costs rose \"sharply\",\nhe said.", "score": -1.5e3, "ok": true, "x": null} )");
    REQUIRE(o);
    REQUIRE(o->size() == 5);
    CHECK(find_member(*o, "id")->type == FlatJsonValue::Type::kInteger);
    CHECK(find_member(*o, "id")->text == "42");
    CHECK(find_member(*o, "text")->text == "Costs rose \"sharply\",\nhe said.");
    CHECK(find_member(*o, "score")->type == FlatJsonValue::Type::kNumber);
    CHECK(find_member(*o, "ok")->type == FlatJsonValue::Type::kBool);
    CHECK(find_member(*o, "x")->type == FlatJsonValue::Type::kNull);
    CHECK(find_member(*o, "missing") == nullptr);
  }

  TEST_CASE("decodes escapes and surrogate pairs to UTF-8") {
    const auto o = read_flat_json_object(R"({"t":"caf\u00e9 \u2014 \ud83d\ude00 \/ \\ \t"})");
    REQUIRE(o);
    CHECK(find_member(*o, "t")->text == "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 / \\ \t");
  }

  TEST_CASE("escapes, UTF-8 and control bytes are found at every place of the words read whole") {
    const auto scan = [](const std::string& json, bool check_utf8) -> std::optional<std::string> {
      JsonScanner in(json);
      std::string out;
      if (!in.String(out, check_utf8) || !in.AtEnd()) return std::nullopt;
      return out;
    };
    for (size_t before = 0; before < 20; ++before) {
      CAPTURE(before);
      const std::string pad(before, 'x');
      for (bool check_utf8 : {false, true}) {
        CHECK(scan("\"" + pad + "\\\"caf\xC3\xA9\\n" + pad + "\"", check_utf8) == pad + "\"caf\xC3\xA9\n" + pad);
        CHECK_FALSE(scan("\"" + pad + "\x01" + pad + "\"", check_utf8));  // a raw control byte
        CHECK_FALSE(scan("\"" + pad + pad, check_utf8));                   // unterminated
      }
      CHECK_FALSE(scan("\"" + pad + "\xE9" + pad + "\"", true));  // invalid UTF-8, when checked
      CHECK(scan("\"" + pad + "\xE9" + pad + "\"", false) == pad + "\xE9" + pad);
    }
  }

  TEST_CASE("the last of duplicate keys wins, as in the general parser") {
    const auto o = read_flat_json_object(R"({"text":"first","text":"second"})");
    REQUIRE(o);
    CHECK(o->size() == 1);
    CHECK(find_member(*o, "text")->text == "second");
  }

  TEST_CASE("declines what it does not fully understand") {
    const char* lines[] = {
        R"({"a": {"nested": 1}})", R"({"a": [1, 2]})", R"({"a": "\ud800"})", R"({"a": "\udc00"})",
        R"({"a": "\x"})", "{\"a\": \"raw\ttab\"}", R"({"a": 01})", R"({"a": -0})", R"({"a": 1234567890123456789})",
        R"({"a": 1.})", R"({"a": "x"} trailing)", R"({"a" "x"})", R"({"a": "x",})", R"(["a"])", "", "{",
        R"({"a": tru})", R"({"a": "unterminated)"};
    for (const char* line : lines) {
      CAPTURE(line);
      CHECK_FALSE(read_flat_json_object(line));
    }
  }

  TEST_CASE("agrees with the general parser on what it accepts") {
    const char* lines[] = {R"({"text":"A \"quoted\" word","id":"x-1"})", R"({"id":7,"text":"t","published":"2025-01-02"})",
                           R"({})", R"({"text":"\u00e9\u0041"})", R"({"n":0,"m":-12,"f":0.5e-2})"};
    for (const char* line : lines) {
      CAPTURE(line);
      const auto fast = read_flat_json_object(line);
      REQUIRE(fast);
      const auto j = nlohmann::json::parse(line);
      CHECK(fast->size() == j.size());
      for (const auto& [k, v] : *fast) {
        REQUIRE(j.contains(k));
        if (v.type == FlatJsonValue::Type::kString) CHECK(j[k].get<std::string>() == v.text);
        if (v.type == FlatJsonValue::Type::kInteger) CHECK(j[k].dump() == v.text);
      }
    }
  }

  TEST_CASE("a JSON Lines record reads the same through either path") {
    // The nested member sends the second line to the general parser.
    auto fast = read_jsonl_record("in.jsonl", 1, R"({"id":5,"text":"The mayor said so.","outlet":"Gazette"})");
    auto slow = read_jsonl_record("in.jsonl", 2, R"({"id":5,"text":"The mayor said so.","outlet":"Gazette","x":[1]})");
    REQUIRE(fast.ok());
    REQUIRE(slow.ok());
    CHECK(fast->text == slow->text);
    CHECK(fast->meta.id == slow->meta.id);
    CHECK(fast->meta.outlet == slow->meta.outlet);
    CHECK(*fast->meta.id == "5");
  }

  TEST_CASE("errors name the line and do not echo the input") {
    const std::string long_line = R"({"text": ")" + std::string(5000, 'x');
    auto r = read_jsonl_record("in.jsonl", 3, long_line);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("in.jsonl:3") != std::string::npos);
    CHECK(r.status().message().size() < 300);
    auto id = read_jsonl_record("in.jsonl", 4, R"({"text":"t","id":1.5})");
    REQUIRE_FALSE(id.ok());
    CHECK(id.status().message().find("'id'") != std::string::npos);
  }

  TEST_CASE("for_each_json_member gives each member's value as written, nested values whole") {
    std::vector<std::pair<std::string, std::string>> got;
    const auto collect = [&](std::string_view k, std::string_view v) { got.emplace_back(k, v); };
    CHECK(for_each_json_member(
        R"( {"a" : 1, "b":"x\"}y", "c":{"d":[1,{"e":null}],"f":"}"}, "g\u0041":[], "h":-2.5e3, "i":true} )",
        collect));
    const std::vector<std::pair<std::string, std::string>> want = {
        {"a", "1"},   {"b", R"("x\"}y")"}, {"c", R"({"d":[1,{"e":null}],"f":"}"})"},
        {"gA", "[]"}, {"h", "-2.5e3"},      {"i", "true"}};
    CHECK(got == want);
    got.clear();
    CHECK(for_each_json_member("{}", collect));
    CHECK(got.empty());
    // Not one valid object: false, with the members before the fault given.
    for (const char* bad : {"", "[]", "{", R"({"a":1)", R"({"a":1,})", R"({"a" 1})", R"({"a":tru})",
                            R"({"a":"x)", "{\"a\":\"x\ny\"}", R"({"a":1} x)", R"({"a":[1,2})", R"({"a":01})",
                            R"({a:1})"}) {
      got.clear();
      CHECK_MESSAGE(!for_each_json_member(bad, collect), bad);
    }
    got.clear();
    CHECK_FALSE(for_each_json_member(R"({"a":1,"b":})", collect));
    CHECK(got == std::vector<std::pair<std::string, std::string>>{{"a", "1"}});
    // Nesting is bounded: 64 levels below the object are read, 65 are not.
    const auto nested = [](int depth) {
      return "{\"a\":" + std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']') + "}";
    };
    CHECK(for_each_json_member(nested(JsonScanner::kMaxDepth), collect));
    CHECK_FALSE(for_each_json_member(nested(JsonScanner::kMaxDepth + 1), collect));
    CHECK_FALSE(for_each_json_member(nested(100000), collect));  // no deep recursion
  }
}

}  // namespace
}  // namespace crosscheck
