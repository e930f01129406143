// The compiled form of rules/numbers.toml's [quantities] sections, and the
// small token readers the quantity extractor looks around a number with.
// Private to the quantity module (quantity_extractor.cpp, quantity_measures.cpp).
#ifndef CROSSCHECK_ENGINE_QUANTITY_RULES_H_
#define CROSSCHECK_ENGINE_QUANTITY_RULES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/number_words.h"
#include "engine/quantity_extractor.h"
#include "engine/rules.h"
#include "engine/string_map.h"

namespace crosscheck {

using QuantityWordSet = StringSet;
template <typename V>
using QuantityWordMap = StringMap<V>;

// One word of text next to a number.
struct QToken {
  size_t begin = 0;
  size_t end = 0;
  enum class Kind { kNone, kWord, kDigits, kPunct } kind = Kind::kNone;
  std::string lower;        // ASCII-lower-cased text ("u.s.", "$", "元")
  bool capitalized = false; // first byte is an upper-case ASCII letter
  bool upper = false;       // all letters upper-case ("USD")
};

// The token starting after `p` (skipping at most a few spaces), reading no
// further than `limit`. kind == kNone at the limit.
QToken next_token(std::string_view text, size_t p, size_t limit);
// The token ending at or before `p` (skipping spaces), starting no earlier
// than `floor`. kind == kNone at the floor.
QToken prev_token(std::string_view text, size_t p, size_t floor);

// A phrase of lower-case words with what it means.
struct QuantityPhrase {
  std::vector<std::string> words;
  std::string value;
  Approx approx = Approx::kExact;
  bool between = false;
};

struct QuantityExtractor::Compiled {
  NumberLexicon lex;
  int year_min = 1900;
  int year_max = 2100;
  double about_tolerance = 0.1;
  double nearly_tolerance = 0.1;
  std::vector<QuantityPhrase> modifiers;         // before the number, longest first
  std::vector<QuantityPhrase> modifiers_after;   // after the number ("or more"), longest first
  std::vector<std::pair<std::string, Approx>> signs;  // ">=", "<", longest first
  std::vector<QuantityPhrase> percent;           // after the number, longest first
  std::vector<QuantityPhrase> currency_words;    // after the number, longest first
  std::vector<std::pair<std::string, std::string>> currency_symbols;  // longest first
  QuantityWordMap<std::string> currency_codes;
  QuantityWordMap<double> currency_code_scales;
  // Indexes for speed: phrases by their first word (after the number) or last
  // word (before it); the last bytes currency symbols can end with.
  QuantityWordMap<std::vector<int>> percent_by_first, currency_words_by_first, modifiers_after_by_first,
      modifiers_by_first, modifiers_by_last;
  QuantityWordSet single_modifiers;
  bool symbol_last_byte[256] = {};
  QuantityWordSet glued_units, labels, months, year_preps, clock, time_units, relative_time,
      comparatives, irregular_units, rank, ordinal_skip, ordinal_owners, superlatives,
      one_blockers, stopwords, negatives;
};

Result<QuantityExtractor::Compiled> compile_quantity_rules(const RuleFile& file);

// Fills q.measures (subject, metric words, stems) from the sentence `sentence`
// of `text` around q.span.
void fill_measures(const QuantityExtractor::Compiled& c, std::string_view text, Span sentence,
                   Quantity& q);

// Matches the longest phrase of `phrases` whose words are the tokens following
// `p`; returns its index and sets *end, or -1.
// `index` maps a first word to indices into `phrases` (longest first).
int match_phrase_after(const std::vector<QuantityPhrase>& phrases, const QuantityWordMap<std::vector<int>>& index,
                       std::string_view text, size_t p, size_t limit, size_t* end);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_QUANTITY_RULES_H_
