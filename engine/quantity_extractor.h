// Quantities: every amount a story states, normalized so that "ninety percent"
// equals "90%", "$1.2bn" equals "1.2 billion dollars" and "over $1 trillion"
// is an interval, with the unit and what the number measures.
//
// Rules (lexicons, modifiers, currencies, tolerances) live in rules/numbers.toml
// and are compiled once by Load; Extract is const and thread-safe.
#ifndef CROSSCHECK_ENGINE_QUANTITY_EXTRACTOR_H_
#define CROSSCHECK_ENGINE_QUANTITY_EXTRACTOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/document.h"
#include "engine/rules.h"
#include "engine/status.h"

namespace crosscheck {

class NumberLexicon;

// What kind of amount. Persisted by name (quantity_kind_name).
enum class QuantityKind {
  kCount,    // a plain number, with or without a unit noun ("30 internal tools")
  kPercent,  // "30%", "ninety percent", "5 percentage points" (unit tells which)
  kMoney,    // a currency amount ("$6 million", "€3 billion")
  kRatio,    // "four out of five", "one in three", "two thirds of"
  kRank,     // "top 10", "No. 1"
  kOrdinal,  // "its first", "third-largest", "21st"
};
const char* quantity_kind_name(QuantityKind kind);

// How the text bounds the value. Persisted by name (approx_name).
enum class Approx {
  kExact,    // "30"                 -> [30, 30]
  kAbout,    // "about", "around"    -> [v(1-t), v(1+t)], t = about_tolerance
  kNearly,   // "nearly", "almost"   -> [v(1-t), v)
  kOver,     // "over", "more than"  -> (v, unbounded)
  kAtLeast,  // "at least"           -> [v, unbounded)
  kUnder,    // "under", "fewer than"-> (unbounded, v)
  kUpTo,     // "up to", "as much as"-> (unbounded, v]
  kRange,    // "18 to 25", "between 5 and 10", "5-10%" -> [a, b]
  kVague,    // "hundreds of millions", "several thousand" -> [low, high)
};
const char* approx_name(Approx a);

struct Ratio {
  double num = 0;
  double den = 0;
  bool operator==(const Ratio&) const = default;
};

// What the number measures, from its sentence.
struct Measures {
  std::string subject;              // nearest proper name ("Pinterest"), or ""
  std::vector<std::string> metric;  // folded content words ("cost", "lower", "less")
  std::vector<std::string> stems;   // stem() of metric words and of the unit
  bool operator==(const Measures&) const = default;
};

struct Quantity {
  Span span;                 // the whole expression, modifiers and currency included
  std::string surface;       // the text of span
  QuantityKind kind = QuantityKind::kCount;
  // The point value when the text gives one (the written number for about,
  // nearly, over... too); nullopt for ranges and vague plurals.
  std::optional<double> value;
  // The interval the text allows; nullopt = unbounded on that side.
  std::optional<double> low;
  std::optional<double> high;
  bool low_inclusive = true;
  bool high_inclusive = true;
  std::string unit;                     // "percent", "USD", "tools", "users", "" when none
  std::optional<std::string> currency;  // ISO code for money
  double scale = 1;                     // largest scale written (1e6 for "$6 million")
  Approx approx = Approx::kExact;
  std::string qualifier;                // the modifier words as written ("more than"), or ""
  std::optional<Ratio> ratio;           // kRatio with both terms written
  std::optional<int> rank;              // kRank: "top 10" -> 10
  std::optional<int> ordinal;           // kOrdinal: "third-largest" -> 3
  std::string comparative;              // "less" in "ninety percent less", or ""
  Measures measures;
  std::string rule;                     // which reading matched ("money", "percent", ...)
  bool operator==(const Quantity&) const = default;
};

class QuantityExtractor {
 public:
  // Compiles rules/numbers.toml once. Errors name file:line:col.
  static Result<QuantityExtractor> Load(const RuleSource& rules);

  // All quantities in the story sentences of doc (chrome sentences skipped),
  // in text order; spans never overlap. Does not read clock times, years
  // (1900-2100 standing as years), dates, model and product names ("Llama 4",
  // "GPT-4o", "Fortune 500"), phone numbers or section numbers.
  // Linear in the document size.
  std::vector<Quantity> Extract(const Document& doc) const;

  // The number words it reads (rules/numbers.toml).
  const NumberLexicon& numbers() const;

  QuantityExtractor(QuantityExtractor&&) noexcept;
  QuantityExtractor& operator=(QuantityExtractor&&) noexcept;
  ~QuantityExtractor();

  struct Compiled;  // defined in quantity_extractor.cpp

 private:
  explicit QuantityExtractor(std::unique_ptr<Compiled> c);
  std::unique_ptr<Compiled> c_;
};

// Kind-specific JSON fields as `crosscheck extract` prints them: "quantity_kind",
// "value" (number or null), "low", "high" (null = unbounded), "low_inclusive",
// "high_inclusive", "unit", "currency" (ISO code or null), "scale", "approx",
// "qualifier", "ratio" ({"num":4,"den":5} or null), "rank", "ordinal",
// "comparative", "measures": {"subject", "metric", "stems"}, "rule".
// Appended to `out` as a JSON object (compact_json's form).
void append_quantity_fields(const Quantity& q, std::string& out);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_QUANTITY_EXTRACTOR_H_
