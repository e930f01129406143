#include "engine/word_tokens.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/string_map.h"
#include "engine/utf8.h"

namespace crosscheck {

namespace {

enum class CharClass { kSpace, kLetter, kDigit, kOther };

constexpr CharClass classify(char32_t cp, bool& upper) {
  upper = false;
  if (cp < 0x80) {
    if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f') return CharClass::kSpace;
    if (cp >= '0' && cp <= '9') return CharClass::kDigit;
    if (cp >= 'A' && cp <= 'Z') {
      upper = true;
      return CharClass::kLetter;
    }
    if (cp >= 'a' && cp <= 'z') return CharClass::kLetter;
    return CharClass::kOther;
  }
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  switch (cat) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      upper = true;
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return CharClass::kSpace;
    default:
      return CharClass::kOther;
  }
}

// classify() of each ASCII byte, the class in the low bits and 4 for upper
// case: most text is ASCII, and a look-up does without classify's branches.
constexpr std::array<uint8_t, 128> kAsciiClasses = [] {
  std::array<uint8_t, 128> t{};
  for (char32_t b = 0; b < 128; ++b) {
    bool upper = false;
    t[b] = static_cast<uint8_t>(static_cast<uint8_t>(classify(b, upper)) | (upper ? 4 : 0));
  }
  return t;
}();

inline CharClass class_at(std::string_view s, size_t i, size_t& next, bool& upper) {
  next = i;
  if (i >= s.size()) {
    upper = false;
    return CharClass::kSpace;
  }
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {  // most text: no call into decode_utf8
    next = i + 1;
    upper = (kAsciiClasses[b] & 4) != 0;
    return static_cast<CharClass>(kAsciiClasses[b] & 3);
  }
  const char32_t cp = decode_utf8(s, next);
  return classify(cp, upper);
}

}  // namespace

void tokenize_append(std::string_view text, uint32_t base, std::vector<Token>& out) {
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {  // the most common byte: no class look-up
      ++i;
      continue;
    }
    size_t next = 0;
    bool upper = false;
    const CharClass c = class_at(text, i, next, upper);
    if (c == CharClass::kSpace) {
      i = next;
      continue;
    }
    Token t;
    t.span.start = base + static_cast<uint32_t>(i);
    t.capitalized = upper;
    if (c == CharClass::kOther) {
      t.kind = TokenKind::kPunct;
      i = next;
    } else {
      const bool word = c == CharClass::kLetter;
      t.kind = word ? TokenKind::kWord : TokenKind::kNumber;
      i = next;
      while (i < text.size()) {
        // ASCII letters inside a word and digits inside either go on at once.
        if (const auto b = static_cast<unsigned char>(text[i]); b < 0x80) {
          const auto k = static_cast<CharClass>(kAsciiClasses[b] & 3);
          if (k == CharClass::kDigit || (word && k == CharClass::kLetter)) {
            ++i;
            continue;
          }
        }
        bool u = false;
        size_t n = 0;
        const CharClass d = class_at(text, i, n, u);
        if (d == CharClass::kLetter || d == CharClass::kDigit) {
          if (!word && d == CharClass::kLetter) break;  // "30%" "5bn": number then word
          i = n;
          continue;
        }
        // Joiners inside a token: an apostrophe or hyphen between letters, a dot
        // or comma between digits, a dot inside an initialism ("U.S.").
        const char ch = text[i];
        size_t n2 = 0;
        bool u2 = false;
        const CharClass after = (d == CharClass::kOther) ? class_at(text, n, n2, u2) : CharClass::kSpace;
        if (word && (ch == '\'' || ch == '-') && after == CharClass::kLetter) {
          i = n;
          continue;
        }
        if (!word && (ch == '.' || ch == ',') && after == CharClass::kDigit) {
          i = n;
          continue;
        }
        if (word && ch == '.' && after == CharClass::kLetter && u2 && n2 - n == 1 &&
            (n2 >= text.size() || text[n2] == '.')) {
          i = n;  // "U.S" + final dot handled below
          continue;
        }
        break;
      }
      // Keep the final dot of an initialism ("U.S.").
      if (word && i < text.size() && text[i] == '.' && i >= 2 && text[i - 2] == '.') ++i;
    }
    t.span.end = base + static_cast<uint32_t>(i);
    out.push_back(t);
  }
}

std::vector<Token> tokenize(std::string_view text, uint32_t base) {
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 1);  // news: a token every five or six bytes
  tokenize_append(text, base, out);
  return out;
}

std::string fold_word(std::string_view word) { return fold_case(word); }

bool is_name_word(const std::vector<Token>& tokens, size_t k) {
  return tokens[k].kind == TokenKind::kWord && tokens[k].capitalized &&
         ((k > 0 && tokens[k - 1].kind != TokenKind::kPunct) ||
          (k + 1 < tokens.size() && tokens[k + 1].kind == TokenKind::kNumber));
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < text.size()) {
    size_t e = text.find(' ', p);
    if (e == std::string_view::npos) e = text.size();
    if (e > p) out.emplace_back(text.substr(p, e - p));
    p = e + 1;
  }
  return out;
}

namespace {
struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace

std::string stem(std::string_view folded_word) {
  // Snowball costs a few thousand instructions a word and news repeats its
  // words, so each thread keeps the stems it has computed: words in a flat
  // table, stems back to back. The cache is dropped when it reaches its
  // bound, so memory stays bounded on any input.
  struct Cache {
    std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer{sb_stemmer_new("english", "UTF_8")};
    StringIds words;                                  // folded word -> index into `spans`
    std::string stems;                                // every cached stem, back to back
    std::vector<std::pair<uint32_t, uint32_t>> spans;  // [index]: offset and length in `stems`
  };
  constexpr size_t kMaxCached = 1 << 16;
  thread_local Cache cache;
  if (!cache.stemmer || folded_word.empty() || folded_word.size() > 64) return std::string(folded_word);
  if (const auto known = cache.words.find(folded_word)) {
    const auto [offset, length] = cache.spans[*known];
    return cache.stems.substr(offset, length);
  }
  const sb_symbol* out = sb_stemmer_stem(cache.stemmer.get(), reinterpret_cast<const sb_symbol*>(folded_word.data()),
                                         static_cast<int>(folded_word.size()));
  if (out == nullptr) return std::string(folded_word);
  std::string result(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(cache.stemmer.get())));
  if (cache.words.size() >= kMaxCached) {
    cache.words = StringIds();
    cache.stems.clear();
    cache.spans.clear();
  }
  cache.words.insert(folded_word, static_cast<uint32_t>(cache.spans.size()));
  cache.spans.emplace_back(static_cast<uint32_t>(cache.stems.size()), static_cast<uint32_t>(result.size()));
  cache.stems += result;
  return result;
}

}  // namespace crosscheck
