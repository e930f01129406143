#include "engine/json_line.h"

#include <cstring>

namespace crosscheck {

namespace {

constexpr size_t kMaxMembers = 64;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  std::optional<FlatJsonObject> Object() {
    SkipSpace();
    if (!Eat('{')) return std::nullopt;
    FlatJsonObject out;
    SkipSpace();
    if (Eat('}')) return Finish(std::move(out));
    // Each iteration consumes at least `"":x`, so the loop is bounded by the line.
    while (true) {
      SkipSpace();
      std::string key;
      if (!String(key)) return std::nullopt;
      SkipSpace();
      if (!Eat(':')) return std::nullopt;
      SkipSpace();
      FlatJsonValue value;
      if (!Value(value)) return std::nullopt;
      Put(out, std::move(key), std::move(value));
      if (out.size() > kMaxMembers) return std::nullopt;  // keeps Put's search short
      SkipSpace();
      if (Eat(',')) continue;
      if (Eat('}')) return Finish(std::move(out));
      return std::nullopt;
    }
  }

 private:
  std::optional<FlatJsonObject> Finish(FlatJsonObject out) {
    SkipSpace();
    if (p_ != s_.size()) return std::nullopt;
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
  bool Literal(std::string_view word) {
    if (s_.substr(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  bool Value(FlatJsonValue& v) {
    if (p_ >= s_.size()) return false;
    const char c = s_[p_];
    if (c == '"') {
      v.type = FlatJsonValue::Type::kString;
      return String(v.text);
    }
    if (c == 't' || c == 'f' || c == 'n') {
      const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
      if (!Literal(word)) return false;
      v.type = c == 'n' ? FlatJsonValue::Type::kNull : FlatJsonValue::Type::kBool;
      v.text = std::string(word);
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return Number(v);
    return false;  // objects and arrays: the general parser's job
  }

  // JSON number grammar. Integers are only those the general parser keeps as
  // integers and writes back the same way (no "-0", at most 18 digits).
  bool Number(FlatJsonValue& v) {
    const size_t start = p_;
    Eat('-');
    const size_t int_start = p_;
    if (Eat('0')) {
    } else if (p_ < s_.size() && s_[p_] >= '1' && s_[p_] <= '9') {
      while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
    } else {
      return false;
    }
    const size_t int_digits = p_ - int_start;
    bool integer = true;
    if (Eat('.')) {
      integer = false;
      if (!Digits()) return false;
    }
    if (p_ < s_.size() && (s_[p_] == 'e' || s_[p_] == 'E')) {
      integer = false;
      ++p_;
      if (!Eat('+')) Eat('-');
      if (!Digits()) return false;
    }
    v.text = std::string(s_.substr(start, p_ - start));
    if (integer && (v.text == "-0" || int_digits > 18)) return false;
    v.type = integer ? FlatJsonValue::Type::kInteger : FlatJsonValue::Type::kNumber;
    return true;
  }
  bool Digits() {
    const size_t b = p_;
    while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
    return p_ > b;
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool Hex4(unsigned& out) {
    if (p_ + 4 > s_.size()) return false;
    out = 0;
    for (size_t i = 0; i < 4; ++i) {
      const int h = Hex(s_[p_ + i]);
      if (h < 0) return false;
      out = out * 16 + static_cast<unsigned>(h);
    }
    p_ += 4;
    return true;
  }
  static void AppendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // A string at p_ (the caller has seen '"' or expects one). Runs without
  // escapes are copied whole.
  bool String(std::string& out) {
    if (!Eat('"')) return false;
    out.clear();
    while (p_ < s_.size()) {
      size_t run = p_;
      while (run < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[run]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++run;
      }
      out.append(s_.data() + p_, run - p_);
      p_ = run;
      if (p_ >= s_.size()) return false;
      const char c = s_[p_++];
      if (c == '"') return true;
      if (c != '\\') return false;  // a raw control character
      if (p_ >= s_.size()) return false;
      const char e = s_[p_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo = 0;
            if (!Literal("\\u") || !Hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t p_ = 0;
};

}  // namespace

std::optional<FlatJsonObject> read_flat_json_object(std::string_view line) { return Reader(line).Object(); }

const FlatJsonValue* find_member(const FlatJsonObject& object, std::string_view key) {
  for (const auto& [k, v] : object)
    if (k == key) return &v;
  return nullptr;
}

}  // namespace crosscheck
