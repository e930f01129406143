// The quote extractor's tokenizer: the same tokens as tokenize()
// (engine/word_tokens.h), appended to a reused vector, with ASCII bytes
// classified by a table (news text is mostly ASCII); other code points are
// decoded and classified exactly as tokenize() does.
#include <utf8proc.h>

#include <array>

#include "engine/quote_rules.h"
#include "engine/utf8.h"

namespace crosscheck {

namespace {

enum Cls : uint8_t { kSpace, kLetter, kDigit, kOther };

struct AsciiTable {
  std::array<uint8_t, 128> cls{};
  constexpr AsciiTable() {
    for (int c = 0; c < 128; ++c) cls[c] = kOther;
    for (char c : {' ', '\n', '\t', '\r', '\f'}) cls[static_cast<unsigned char>(c)] = kSpace;
    for (int c = '0'; c <= '9'; ++c) cls[c] = kDigit;
    for (int c = 'a'; c <= 'z'; ++c) cls[c] = kLetter;
    for (int c = 'A'; c <= 'Z'; ++c) cls[c] = kLetter;
  }
};
constexpr AsciiTable kAscii;

Cls classify_cp(char32_t cp, bool& upper) {
  upper = false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      upper = true;
      return kLetter;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return kLetter;
    case UTF8PROC_CATEGORY_ND:
      return kDigit;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return kSpace;
    default:
      return kOther;
  }
}

// The class of the code point at i; `next` is set past it.
inline Cls class_at(std::string_view s, size_t i, size_t& next, bool& upper) {
  if (i >= s.size()) {
    next = i;
    upper = false;
    return kSpace;
  }
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    next = i + 1;
    upper = c >= 'A' && c <= 'Z';
    return static_cast<Cls>(kAscii.cls[c]);
  }
  next = i;
  const char32_t cp = decode_utf8(s, next);
  return classify_cp(cp, upper);
}

}  // namespace

void tokenize_append(std::string_view text, uint32_t base, std::vector<Token>& out) {
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    size_t next = 0;
    bool upper = false;
    const Cls c = class_at(text, i, next, upper);
    if (c == kSpace) {
      i = next;
      continue;
    }
    Token t;
    t.span.start = base + static_cast<uint32_t>(i);
    t.capitalized = upper;
    if (c == kOther) {
      t.kind = TokenKind::kPunct;
      i = next;
    } else {
      const bool word = c == kLetter;
      t.kind = word ? TokenKind::kWord : TokenKind::kNumber;
      i = next;
      const size_t len = text.size();
      while (i < len) {
        // Fast path: ASCII letters and digits inside a word, digits inside a number.
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
          const uint8_t k = kAscii.cls[b];
          if (k == kDigit || (word && k == kLetter)) {
            ++i;
            continue;
          }
        }
        bool u = false;
        size_t n = 0;
        const Cls d = class_at(text, i, n, u);
        if (d == kLetter || d == kDigit) {
          if (!word && d == kLetter) break;  // "30%" "5bn": number then word
          i = n;
          continue;
        }
        const char ch = text[i];
        size_t n2 = 0;
        bool u2 = false;
        const Cls after = (d == kOther) ? class_at(text, n, n2, u2) : kSpace;
        if (word && (ch == '\'' || ch == '-') && after == kLetter) {
          i = n;
          continue;
        }
        if (!word && (ch == '.' || ch == ',') && after == kDigit) {
          i = n;
          continue;
        }
        if (word && ch == '.' && after == kLetter && u2 && n2 - n == 1 &&
            (n2 >= text.size() || text[n2] == '.')) {
          i = n;
          continue;
        }
        break;
      }
      if (word && i < text.size() && text[i] == '.' && i >= 2 && text[i - 2] == '.') ++i;
    }
    t.span.end = base + static_cast<uint32_t>(i);
    out.push_back(t);
  }
}

}  // namespace crosscheck
