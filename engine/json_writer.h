// JSON as crosscheck stores and prints it: compact, keys in ascending order,
// UTF-8 as it is, invalid UTF-8 replaced by U+FFFD (text from sources may
// carry any bytes). Byte for byte what nlohmann's serializer writes with
// dump(-1) and its replacing error handler, without its per-call stream.
//
// Claims' fields are written by JsonObjectWriter straight into text: building
// a tree per claim and then dumping it cost extract 11% more instructions.
#ifndef CROSSCHECK_ENGINE_JSON_WRITER_H_
#define CROSSCHECK_ENGINE_JSON_WRITER_H_

#include <nlohmann/json.hpp>

#include <charconv>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {

std::string compact_json(const nlohmann::json& j);

// compact_json appended to `out`.
void append_compact_json(std::string& out, const nlohmann::json& j);

// Appends `s` as a JSON string, as compact_json writes one.
void append_json_text(std::string& out, std::string_view s);

// Appends a double as compact_json writes one ("3.0", "0.25", "1e+20").
void append_json_double(std::string& out, double d);

// A JSON object appended to a string member by member, giving the text
// compact_json gives for the same object. Keys must come in ascending byte
// order, as in nlohmann's map (a key out of order is a programming error and
// throws std::logic_error), and must outlive the writer: string literals of
// letters, digits and '_', written without escaping.
//
//   JsonObjectWriter(out).add("a", 1).Open("b").add("c", true).Close().Done();
//
// writes {"a":1,"b":{"c":true}}. Types map as nlohmann's do: integers are
// written as integers, doubles as doubles ("3.0"), an empty optional as null.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_ += '{'; }

  JsonObjectWriter& add(std::string_view key, std::nullptr_t) {
    Key(key);
    out_ += "null";
    return *this;
  }
  JsonObjectWriter& add(std::string_view key, bool v) {
    Key(key);
    out_ += v ? "true" : "false";
    return *this;
  }
  JsonObjectWriter& add(std::string_view key, std::string_view v);
  JsonObjectWriter& add(std::string_view key, const char* v) { return add(key, std::string_view(v)); }
  JsonObjectWriter& add(std::string_view key, const std::string& v) { return add(key, std::string_view(v)); }
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonObjectWriter& add(std::string_view key, T v) {
    Key(key);
    char buf[24];
    out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    return *this;
  }
  JsonObjectWriter& add(std::string_view key, double v) {
    Key(key);
    append_json_double(out_, v);
    return *this;
  }
  JsonObjectWriter& add(std::string_view key, const std::vector<std::string>& v);
  template <typename T>
  JsonObjectWriter& add(std::string_view key, const std::optional<T>& v) {
    return v ? add(key, *v) : add(key, nullptr);
  }

  // A nested object under `key`, written by the calls up to its Close().
  JsonObjectWriter& Open(std::string_view key);
  JsonObjectWriter& Close();
  // Closes the object itself.
  void Done() { Close(); }

 private:
  struct Level {
    std::string_view last;  // the level's last key
    size_t members = 0;
  };
  static constexpr size_t kMaxDepth = 4;

  void Key(std::string_view key);

  std::string& out_;
  Level levels_[kMaxDepth] = {};
  size_t depth_ = 1;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_JSON_WRITER_H_
