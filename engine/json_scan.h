// The lexical layer of JSON (RFC 8259): white space, literals, numbers and
// strings, read from one text with a cursor. The JSON Lines reader
// (json_line.h) and the claim fields packer (packed_fields.h) build their
// grammars on it; neither builds a tree.
#ifndef CROSSCHECK_ENGINE_JSON_SCAN_H_
#define CROSSCHECK_ENGINE_JSON_SCAN_H_

#include <string>
#include <string_view>

namespace crosscheck {

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : s_(text) {}

  bool AtEnd() const { return p_ >= s_.size(); }
  // The next byte, or '\0' at the end.
  char Peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
  void SkipSpace() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r')) ++p_;
  }
  bool Eat(char c) {
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view word);

  // A number at the cursor, by the JSON grammar: its text as written, and
  // whether it has neither a fraction nor an exponent.
  bool Number(std::string_view& text, bool& integer);

  // A string at the cursor (its opening quote), unescaped into `out`: runs
  // without escapes are copied whole. A raw control character, a bad escape
  // or a lone surrogate fails it; with `check_utf8`, so does invalid UTF-8
  // (as in nlohmann's parser).
  bool String(std::string& out, bool check_utf8);

  // Any one value at the cursor, skipped over: objects and arrays nested at
  // most kMaxDepth deep; strings are checked for raw control characters
  // only, not for their escapes or UTF-8.
  bool SkipValue();

  size_t position() const { return p_; }

  static constexpr int kMaxDepth = 64;

 private:
  bool SkipValue(int depth);
  bool Digits();
  bool Hex4(unsigned& out);

  std::string_view s_;
  size_t p_ = 0;
};

// Calls f(key, value) for each member of the JSON object `text`, in order,
// with each value as its text; false when `text` is not one valid object
// (the members before the fault have been given to f).
template <typename F>
bool for_each_json_member(std::string_view text, F&& f) {
  JsonScanner s(text);
  std::string key;
  s.SkipSpace();
  if (!s.Eat('{')) return false;
  s.SkipSpace();
  if (!s.Eat('}')) {
    do {
      s.SkipSpace();
      key.clear();
      if (!s.String(key, false)) return false;
      s.SkipSpace();
      if (!s.Eat(':')) return false;
      s.SkipSpace();
      const size_t start = s.position();
      if (!s.SkipValue()) return false;
      f(std::string_view(key), text.substr(start, s.position() - start));
      s.SkipSpace();
    } while (s.Eat(','));
    if (!s.Eat('}')) return false;
  }
  s.SkipSpace();
  return s.AtEnd();
}

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_JSON_SCAN_H_
