// Numbers as news writes them: digits ("1,200", "3.5", "1.2bn", "6 million")
// and words ("ninety", "two hundred and five", "a dozen", "twenty-first",
// "hundreds of millions", "one and a half"). The building block of the
// quantity and date extractors ("three days ago" reads "three" here).
//
// The lexicon (which words are numbers, scales, suffixes) lives in
// rules/numbers.toml, sections [words.*] and [scales.*]; it is compiled once by
// NumberLexicon::Load and is immutable and thread-safe afterwards.
#ifndef CROSSCHECK_ENGINE_NUMBER_WORDS_H_
#define CROSSCHECK_ENGINE_NUMBER_WORDS_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/rules.h"
#include "engine/status.h"
#include "engine/string_map.h"

namespace crosscheck {

// What one lexicon word is.
enum class NumberWordKind {
  kUnit,         // zero .. nineteen
  kTens,         // twenty .. ninety
  kHundred,      // hundred: multiplies what precedes within a group
  kMultiplier,   // thousand, million, billion, trillion, lakh, crore: closes a group
  kDozen,        // dozen, dozens (after a number), score
  kOrdinal,      // first .. twentieth, thirtieth, hundredth, millionth ...
  kFraction,     // half, halves, quarter(s) (denominator in `value`)
  kVaguePlural,  // hundreds, thousands, millions, tens, dozens: an interval
  kQuantifier,   // several, few, couple: a vague count before a multiplier
  kArticle,      // a, an: "a dozen", "a trillion", "a third of"
  kAnd,          // and: "two hundred and five", "one and a half"
  kPoint,        // point: "two point five", "two hundred point seventy-one"
};

struct NumberWord {
  NumberWordKind kind = NumberWordKind::kUnit;
  double value = 0;  // the number, multiplier, ordinal rank or denominator
  double low = 0;    // kVaguePlural / kQuantifier: interval [low, high) of the
  double high = 0;   //   word alone ("hundreds" = [200, 1000))
  double base = 1;   // kVaguePlural: its scale when it follows "of" ("of millions" = 1e6)
  bool plural = false;  // kOrdinal used as a plural denominator ("thirds", "fifths")
};

// The compiled lexicon. Immutable after Load.
class NumberLexicon {
 public:
  // Loads rules/numbers.toml. Errors name the file, line and column.
  static Result<NumberLexicon> Load(const RuleSource& rules);
  // Compiles from an already opened rule file (the quantity extractor opens
  // numbers.toml once for both).
  static Result<NumberLexicon> FromRules(const RuleFile& file);

  // The entry of a lower-case ASCII word, or nullptr.
  const NumberWord* word(std::string_view lower) const;
  // The multiplier of a scale suffix glued to digits ("bn" -> 1e9, "k" -> 1e3),
  // or nullopt. `money_only` is set for suffixes that count only next to a
  // currency ("m", "k": "40m" is also forty metres).
  std::optional<double> suffix(std::string_view lower, bool* money_only) const;
  // True when "n/d" with this denominator reads as a fraction ("3/4", "2 1/4");
  // other denominators ("9/11", "24/7") are dates or names.
  bool fraction_denominator(double d) const {
    return d >= 1 && d < fraction_denominators_.size() && d == static_cast<double>(static_cast<size_t>(d)) &&
           fraction_denominators_[static_cast<size_t>(d)];
  }
  // True for a one-letter suffix that scales only upper-case after two digits
  // or a decimal ("10G", "1.5G"); otherwise it is a name or unit ("5G", "10g").
  bool upper_only(std::string_view lower) const {
    return lower.size() == 1 && lower[0] >= 'a' && lower[0] <= 'z' && upper_only_[static_cast<size_t>(lower[0] - 'a')];
  }
  // Cheap pre-check: can a word of this first and second letter (lower-case
  // ASCII) be in the lexicon? False for most English words.
  bool may_start(char c0, char c1) const {
    const unsigned a = static_cast<unsigned char>(c0) - 'a';
    const unsigned b = static_cast<unsigned char>(c1) - 'a';
    return a < 26 && b < 26 && prefix_[a * 26 + b];
  }
  // Sharper pre-check on a whole lower-case word: first, second and last
  // letters and length. False for "the", "that", "has" and most words.
  bool may_be_word(std::string_view lower) const {
    const size_t k = shape_key(lower);
    return k != kNoShape && ((shapes_[k >> 6] >> (k & 63)) & 1) != 0;
  }

 private:
  StringMap<NumberWord> words_;
  StringMap<std::pair<double, bool>> suffixes_;
  std::array<bool, 26 * 26> prefix_{};
  std::array<bool, 1025> fraction_denominators_{};
  std::array<bool, 26> upper_only_{};
  static constexpr size_t kNoShape = ~size_t{0};
  static size_t shape_key(std::string_view w) {
    if (w.empty()) return kNoShape;
    const unsigned a = static_cast<unsigned char>(w[0]) - 'a';
    const unsigned b = static_cast<unsigned char>(w.size() > 1 ? w[1] : w[0]) - 'a';
    const unsigned l = static_cast<unsigned char>(w.back()) - 'a';
    if (a >= 26 || b >= 26 || l >= 26) return kNoShape;
    return ((a * 26 + b) * 26 + l) * 16 + std::min<size_t>(w.size(), 15);
  }
  std::array<uint64_t, (26 * 26 * 26 * 16 + 63) / 64> shapes_{};
  Status Add(const RuleFile& file, std::string word, NumberWord entry);
};

enum class NumberForm {
  kCardinal,  // 90, "ninety", "6 million", "a dozen"
  kOrdinal,   // "first", "21st", "twenty-first"
  kFraction,  // "two thirds", "a quarter of" (value < 1 usually)
  kVague,     // "hundreds of millions", "tens of thousands", "several million"
};

struct NumberWordsMatch {
  size_t begin = 0;  // byte offsets of the match in the text given
  size_t end = 0;
  NumberForm form = NumberForm::kCardinal;
  // kCardinal/kOrdinal/kFraction: the value. kVague: the interval low (inclusive).
  double value = 0;
  // kVague: the interval high (exclusive).
  std::optional<double> high;
  // The largest multiplier written (1e6 for "6 million" and "$40m"), 1 when none.
  double scale = 1;
  bool digits = false;           // starts with digits ("6 million", "1.2bn")
  bool words = false;            // contains spelled-out number words
  bool money_suffix = false;     // the scale came from a money-only suffix ("40m")
  bool grouped = false;          // digits with thousands separators ("1,200")
  int decimals = 0;              // digits after the decimal point
  bool glued_letters = false;    // letters follow the digits directly and were not read
                                 // ("4o", "3D"): a model or product name, usually
  bool operator==(const NumberWordsMatch&) const = default;
};

// Reads the number that starts exactly at byte `pos` of `text`: digits
// ("1,200.5", ".5", "21st", "1.2bn", "6 million", "3 dozen") or words
// ("ninety", "twenty-one", "two hundred and five", "a dozen", "a trillion",
// "one and a half million", "two thirds", "hundreds of millions", "tens of
// thousands", "several hundred"). Case-insensitive. Does not read a sign, a
// currency, a percent sign or a unit: the caller does.
// Returns nullopt when no number starts at `pos` (including a lone article
// "a"). Never reads past `text.size()`; linear in the length of the match.
// REQUIRES: pos <= text.size(); `pos` is at a word or digit boundary.
std::optional<NumberWordsMatch> parse_number_words(std::string_view text, size_t pos,
                                                   const NumberLexicon& lexicon);

// Whether the period at `dot` is the decimal point of a number that text
// split into tokens and joined again wrote with a space ("a 6. 1 - magnitude
// quake", "plunged 5. 4 per cent"): one to three digits before it (not part
// of a longer number: "in 2004. 3 men"), then one space and a digit. The
// segmenter does not end a sentence there, and the number reader reads 6.1.
bool is_spaced_decimal(std::string_view text, size_t dot);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_NUMBER_WORDS_H_
