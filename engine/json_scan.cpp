#include "engine/json_scan.h"

#include "engine/utf8.h"

namespace crosscheck {

bool JsonScanner::Literal(std::string_view word) {
  if (s_.substr(p_, word.size()) != word) return false;
  p_ += word.size();
  return true;
}

bool JsonScanner::Digits() {
  const size_t b = p_;
  while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
  return p_ > b;
}

bool JsonScanner::Number(std::string_view& text, bool& integer) {
  const size_t start = p_;
  Eat('-');
  if (Eat('0')) {
  } else if (p_ < s_.size() && s_[p_] >= '1' && s_[p_] <= '9') {
    Digits();
  } else {
    return false;
  }
  integer = true;
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
  text = s_.substr(start, p_ - start);
  return true;
}

bool JsonScanner::Hex4(unsigned& out) {
  if (p_ + 4 > s_.size()) return false;
  out = 0;
  for (size_t i = 0; i < 4; ++i) {
    const char c = s_[p_ + i];
    int h = -1;
    if (c >= '0' && c <= '9') h = c - '0';
    if (c >= 'a' && c <= 'f') h = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') h = c - 'A' + 10;
    if (h < 0) return false;
    out = out * 16 + static_cast<unsigned>(h);
  }
  p_ += 4;
  return true;
}

bool JsonScanner::String(std::string& out, bool check_utf8) {
  if (!Eat('"')) return false;
  out.clear();
  while (p_ < s_.size()) {
    size_t run = p_;
    while (run < s_.size()) {
      // Eight plain bytes at a time: no quote, backslash or control byte, and
      // ASCII when UTF-8 is checked.
      if (run + 8 <= s_.size()) {
        const uint64_t w = swar::load(s_.data() + run);
        const uint64_t stop = swar::json_stops(w, check_utf8);
        if (stop == 0) {
          run += 8;
          continue;
        }
        run += swar::first(stop);
      }
      const auto c = static_cast<unsigned char>(s_[run]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      if (c < 0x80 || !check_utf8) {
        ++run;
        continue;
      }
      const size_t at = run;
      if (decode_utf8(s_, run) == kReplacementChar && run - at == 1) return false;
    }
    out.append(s_.data() + p_, run - p_);
    p_ = run;
    if (p_ >= s_.size()) return false;
    const char c = s_[p_++];
    if (c == '"') return true;
    if (c != '\\') return false;  // a raw control character
    if (p_ >= s_.size()) return false;
    switch (s_[p_++]) {
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
        append_utf8(out, static_cast<char32_t>(cp));
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

bool JsonScanner::SkipValue() { return SkipValue(0); }

bool JsonScanner::SkipValue(int depth) {
  switch (Peek()) {
    case '{':
    case '[': {
      if (depth >= kMaxDepth) return false;
      const char close = Peek() == '{' ? '}' : ']';
      const bool object = close == '}';
      ++p_;
      SkipSpace();
      if (Eat(close)) return true;
      std::string key;
      do {
        SkipSpace();
        if (object) {
          key.clear();
          if (!String(key, false)) return false;
          SkipSpace();
          if (!Eat(':')) return false;
          SkipSpace();
        }
        if (!SkipValue(depth + 1)) return false;
        SkipSpace();
      } while (Eat(','));
      return Eat(close);
    }
    case '"': {  // to the closing quote; escapes are not decoded
      ++p_;
      while (p_ < s_.size() && s_[p_] != '"') {
        if (static_cast<unsigned char>(s_[p_]) < 0x20) return false;
        p_ += s_[p_] == '\\' ? 2 : 1;
      }
      return Eat('"');
    }
    case 't': return Literal("true");
    case 'f': return Literal("false");
    case 'n': return Literal("null");
    default: {
      std::string_view number;
      bool integer = false;
      return Number(number, integer);
    }
  }
}

}  // namespace crosscheck
