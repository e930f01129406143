// Reading one number in context for the quantity extractor: its sign,
// currency, percent and unit, the modifiers before it, the noun after it.
// Private to the quantity module.
#ifndef CROSSCHECK_ENGINE_QUANTITY_READING_H_
#define CROSSCHECK_ENGINE_QUANTITY_READING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/number_words.h"
#include "engine/quantity_rules.h"

namespace crosscheck::qread {

using Compiled = QuantityExtractor::Compiled;

inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

enum class CharClass : uint8_t { kOther, kAlpha, kDigit };
struct CharTable {
  CharClass t[256];
  constexpr CharTable() : t() {
    for (int i = 0; i < 256; ++i) t[i] = CharClass::kOther;
    for (int i = 'a'; i <= 'z'; ++i) t[i] = CharClass::kAlpha;
    for (int i = 'A'; i <= 'Z'; ++i) t[i] = CharClass::kAlpha;
    for (int i = '0'; i <= '9'; ++i) t[i] = CharClass::kDigit;
  }
};
inline constexpr CharTable kCharTable;
inline CharClass char_class(char c) { return kCharTable.t[static_cast<unsigned char>(c)]; }

// Past a run of letters, digits and inner joiners ("GPT-4o", "2:04", "3.2.1").
size_t skip_run(std::string_view text, size_t p, size_t limit);
std::string_view strip_dot(std::string_view s);

// One number with its sign, currency before and percent/currency/unit after.
struct Reading {
  NumberWordsMatch m;
  size_t begin = 0;  // including sign and currency
  size_t end = 0;    // including percent and currency words
  double value = 0;
  double scale = 1;
  std::optional<std::string> currency;
  std::string money_unit;  // "cents" for "USD cents"
  std::string percent_unit;
  std::string glued_unit;
  bool negative = false;
};
// Reads the number at `p` (nullopt when none, or when it is a name like "4o").
std::optional<Reading> read_number(const Compiled& c, std::string_view text, size_t p, size_t floor,
                                   size_t limit);

// What precedes a number: a modifier ("more than"), a sign (">="), "top".
struct Before {
  size_t begin;  // start of the modifier words, or of the number
  Approx approx = Approx::kExact;
  bool between = false;
  bool from = false;
  bool rank = false;
  QToken prev;  // the token right before the number (or its currency)
};
Before look_before(const Compiled& c, std::string_view text, size_t begin, size_t floor);

// The head noun after a number: "30 internal tools" -> "tools".
struct UnitNoun {
  std::string word;
  size_t end = 0;
};
UnitNoun unit_after(const Compiled& c, std::string_view text, size_t p, size_t limit, bool allow_of,
                    bool singular_ok);

bool is_month(const Compiled& c, const QToken& t);

// Sets currency (and the money unit of "USD cents") from a rule value.
void set_currency(Reading& r, const std::string& value);

}  // namespace crosscheck::qread

#endif  // CROSSCHECK_ENGINE_QUANTITY_READING_H_
