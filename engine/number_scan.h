// Private to the number reader (number_words.cpp, number_digits.cpp): the
// word scanner both parsers share, and the two parsers.
#ifndef CROSSCHECK_ENGINE_NUMBER_SCAN_H_
#define CROSSCHECK_ENGINE_NUMBER_SCAN_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "engine/number_words.h"

namespace crosscheck::numscan {

inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
// A letter or digit at `p`, or a joiner ('/', '.', ',', '-') followed by one:
// the end of "3/4" is not clean in "3/4/2025" or "3/4ths".
inline bool is_alnum_or_joiner(std::string_view text, size_t p) {
  const char c = text[p];
  if (is_alpha(c) || is_digit(c)) return true;
  return (c == '/' || c == '.' || c == ',' || c == '-') && p + 1 < text.size() &&
         (is_alpha(text[p + 1]) || is_digit(text[p + 1]));
}
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower-case ASCII word starting at `p`; empty when `p` is not at a letter or
// the word is too long to be a number word (its end is still returned).
struct WordAt {
  size_t begin = 0;
  size_t end = 0;
  char buf[24] = {};
  size_t len = 0;
  std::string_view lower() const { return {buf, len}; }
};

inline WordAt read_word(std::string_view text, size_t p) {
  WordAt w;
  w.begin = w.end = p;
  while (w.end < text.size() && is_alpha(text[w.end])) ++w.end;
  if (w.end - w.begin < sizeof w.buf) {
    for (size_t i = w.begin; i < w.end; ++i) w.buf[w.len++] = lower(text[i]);
  }
  return w;
}

// After a word ending at `p`: the start of the next word when it is separated
// by spaces or one hyphen ("twenty-one"), else npos.
inline size_t next_word_start(std::string_view text, size_t p, bool* hyphen) {
  *hyphen = false;
  size_t q = p;
  if (q < text.size() && text[q] == '-') {
    *hyphen = true;
    ++q;
  } else {
    while (q < text.size() && text[q] == ' ' && q - p < 4) ++q;
    if (q == p) return std::string_view::npos;
  }
  if (q < text.size() && is_alpha(text[q])) return q;
  return std::string_view::npos;
}

// Digits at `pos` ("1,200", "3/4", "1e10", "3.2M", "4 thousand 3 hundred and 21").
std::optional<NumberWordsMatch> parse_digits(std::string_view text, size_t pos, const NumberLexicon& lex);
// Words at `pos` ("twenty-one", "two point five", "three lakh crore").
std::optional<NumberWordsMatch> parse_words(std::string_view text, size_t pos, const NumberLexicon& lex);

}  // namespace crosscheck::numscan

#endif  // CROSSCHECK_ENGINE_NUMBER_SCAN_H_
