#include "engine/json_line.h"

#include "engine/json_scan.h"

namespace crosscheck {

namespace {

constexpr size_t kMaxMembers = 64;

class Reader {
 public:
  explicit Reader(std::string_view s) : in_(s) {}

  std::optional<FlatJsonObject> Object() {
    in_.SkipSpace();
    if (!in_.Eat('{')) return std::nullopt;
    FlatJsonObject out;
    in_.SkipSpace();
    if (in_.Eat('}')) return Finish(std::move(out));
    // Each iteration consumes at least `"":x`, so the loop is bounded by the line.
    while (true) {
      in_.SkipSpace();
      std::string key;
      if (!in_.String(key, /*check_utf8=*/false)) return std::nullopt;
      in_.SkipSpace();
      if (!in_.Eat(':')) return std::nullopt;
      in_.SkipSpace();
      FlatJsonValue value;
      if (!Value(value)) return std::nullopt;
      Put(out, std::move(key), std::move(value));
      if (out.size() > kMaxMembers) return std::nullopt;  // keeps Put's search short
      in_.SkipSpace();
      if (in_.Eat(',')) continue;
      if (in_.Eat('}')) return Finish(std::move(out));
      return std::nullopt;
    }
  }

 private:
  std::optional<FlatJsonObject> Finish(FlatJsonObject out) {
    in_.SkipSpace();
    if (!in_.AtEnd()) return std::nullopt;
    return out;
  }

  static void Put(FlatJsonObject& out, std::string key, FlatJsonValue value) {
    for (auto& [k, v] : out) {
      if (k == key) {
        v = std::move(value);
        return;
      }
    }
    out.emplace_back(std::move(key), std::move(value));
  }

  bool Value(FlatJsonValue& v) {
    const char c = in_.Peek();
    if (c == '"') {
      v.type = FlatJsonValue::Type::kString;
      return in_.String(v.text, /*check_utf8=*/false);
    }
    if (c == 't' || c == 'f' || c == 'n') {
      const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
      if (!in_.Literal(word)) return false;
      v.type = c == 'n' ? FlatJsonValue::Type::kNull : FlatJsonValue::Type::kBool;
      v.text = std::string(word);
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return Number(v);
    return false;  // objects and arrays: the general parser's job
  }

  // Integers are only those the general parser keeps as integers and writes
  // back the same way (no "-0", at most 18 digits).
  bool Number(FlatJsonValue& v) {
    std::string_view text;
    bool integer = false;
    if (!in_.Number(text, integer)) return false;
    const size_t digits = text.size() - (text.front() == '-' ? 1 : 0);
    if (integer && (text == "-0" || digits > 18)) return false;
    v.text = std::string(text);
    v.type = integer ? FlatJsonValue::Type::kInteger : FlatJsonValue::Type::kNumber;
    return true;
  }

  JsonScanner in_;
};

}  // namespace

std::optional<FlatJsonObject> read_flat_json_object(std::string_view line) { return Reader(line).Object(); }

const FlatJsonValue* find_member(const FlatJsonObject& object, std::string_view key) {
  for (const auto& [k, v] : object)
    if (k == key) return &v;
  return nullptr;
}

}  // namespace crosscheck
