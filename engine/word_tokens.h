// Word tokens and stems: the shared vocabulary of extraction and comparison.
#ifndef CROSSCHECK_ENGINE_WORD_TOKENS_H_
#define CROSSCHECK_ENGINE_WORD_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/document.h"

namespace crosscheck {

enum class TokenKind {
  kWord,    // letters, with inner apostrophes, hyphens and dots ("don't", "open-source", "U.S.")
  kNumber,  // digits with inner separators ("1,200", "3.5", "2025-08-15" is three numbers)
  kPunct,   // any other single non-space code point
};

struct Token {
  Span span;          // into the text the tokenizer was given (plus its base offset)
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;  // first code point is an upper-case letter
  bool operator==(const Token&) const = default;
};

// Tokenizes `text`; spans are offset by `base` (pass the sentence start to get
// document offsets). Linear; never allocates more than one Token per byte.
std::vector<Token> tokenize(std::string_view text, uint32_t base = 0);

// tokenize's tokens appended to `out`: for callers that reuse one vector.
void tokenize_append(std::string_view text, uint32_t base, std::vector<Token>& out);

// Whether tokens[k] is a name by its capital: a capitalised word inside a
// sentence, or before a number ("on May 4", "May 28, 2020", "Will Smith",
// "Key Largo"). After punctuation (a quote mark, a colon) a capital still
// opens a sentence ("said: \"Most ...").
bool is_name_word(const std::vector<Token>& tokens, size_t k);

// The space-separated words of `text` (runs of spaces give no empty words).
std::vector<std::string> split_words(std::string_view text);

// Lower-case Unicode case fold of one word (see fold_case).
std::string fold_word(std::string_view word);

// Calls fn(folded word, name) for each word and number of the sentence
// `text` in order; a name is a capitalised word that does not open the
// sentence (sentence alignment's names, an audit's written names).
template <typename Fn>
void for_each_word(std::string_view text, Fn fn) {
  bool first_word = true;
  for (const Token& tok : tokenize(text)) {
    if (tok.kind == TokenKind::kPunct) continue;
    const bool name = tok.capitalized && !first_word && tok.kind == TokenKind::kWord;
    first_word = false;
    fn(fold_word(text.substr(tok.span.start, tok.span.size())), name);
  }
}

// English Snowball stem of an already folded word ("released" -> "releas").
// Thread-safe (one stemmer per thread).
std::string stem(std::string_view folded_word);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_WORD_TOKENS_H_
