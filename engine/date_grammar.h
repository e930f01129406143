// The grammar of temporal expressions: which word sequences of a sentence form
// a date, a duration or a vague time reference, read into DateExprs (what the
// text wrote, before any anchor; see engine/date_resolver.h).
//
// The words come from rules/dates.toml (compiled once into a DateLexicon,
// engine/date_lexicon.cpp);
// the sequences are the grammar below. Every rule reads tokens left to right
// from one start position and never looks further than a few tokens ahead, so
// a sentence is parsed in linear time.
#ifndef CROSSCHECK_ENGINE_DATE_GRAMMAR_H_
#define CROSSCHECK_ENGINE_DATE_GRAMMAR_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/date_resolver.h"
#include "engine/number_words.h"
#include "engine/string_map.h"
#include "engine/rules.h"
#include "engine/word_tokens.h"
#include "engine/string_map.h"

namespace crosscheck {

// A word token of a sentence as the date grammar sees it. Hyphenated words are
// split ("mid-August" is "mid", "-", "August").
struct DateToken {
  Span span;                 // into the document text
  TokenKind kind = TokenKind::kWord;
  std::string lower;         // ASCII lower case of the token
  uint32_t key_size = 0;     // length of `lower` without a possessive "'s"
  bool capitalized = false;  // first letter upper case
  bool space_before = true;  // white space (or the sentence start) before it
  int digits = -1;           // value when the token is 1-4 plain digits, else -1
  int ndigits = 0;           // how many digits (when digits >= 0)
};

// Cuts a sentence [span) of `text` into DateTokens. Linear.
std::vector<DateToken> date_tokens(std::string_view text, Span sentence);

// The words of rules/dates.toml. Immutable after Load.
struct DateLexicon {
  template <typename V>
  using Map = StringMap<V>;
  using Set = StringSet;

  Map<unsigned> month_names, month_abbr, weekday_names, weekday_abbr, seasons;
  Map<DateUnit> units;
  Map<int> deictic_days;
  Set rel_last, rel_this, rel_next, ago, later;
  Map<DateMod> mods, rel_mods;
  Map<std::string> part_of_day, vague_words;
  std::vector<std::pair<std::vector<std::string>, std::string>> vague_phrases;
  Set ambiguous_months, ambiguous_month_before, season_the_before, article_duration_before;
  Set unknown_count_before, narrative_before;
  Set deictic_never_after, deictic_never_after_unless;  // "the Frostbury of today"; "as of today"
  Set indefinite_weekday_before;  // "on a Friday": no particular day  // "recent" + plural unit: a duration of unknown count
  Set month_before, year_before, year_weak_before, year_after, year_never_after, year_never_before;
  Set every;
  Map<std::string> set_words;
  std::string past_suffix;
  Set clause_after_comma;
  // Words that can begin an expression (built from the lists above): the
  // grammar tries its rules only at these, at numbers and at apostrophes.
  Set starters;
  // The tense and event lists a word is in, as bits (the lists are kept only
  // here): the extractor reads every word of a date's clause against twelve
  // of them with one look-up. kDateWord: a word of the lists above that names a
  // time (not an event word).
  enum WordClass : uint32_t {
    kStopword = 1, kReporting = 2, kFuture = 4, kFutureBeforeTo = 8, kPast = 16, kPastBlocker = 32,
    kDateWord = 64, kAuxiliary = 128, kVerb = 256, kPlanInPastAfter = 512, kPlanInPastSkip = 1024,
    kDeadline = 2048,
  };
  StringIds word_classes;
  uint32_t classes(std::string_view word) const { return word_classes.find(word).value_or(0); }
  std::unique_ptr<RE2> prefilter;
  std::unique_ptr<NumberLexicon> numbers;

  // Compiles rules/dates.toml and the number words of rules/numbers.toml.
  static Result<DateLexicon> Load(const RuleSource& rules);
};

// One expression found by the grammar.
struct DateMatch {
  size_t first = 0;  // token range [first, last)
  size_t last = 0;
  DateExpr expr;
  std::optional<DateExpr> range_end;  // kBetween: the end of the range
  DateRange range = DateRange::kNone;
  std::string rule;  // name of the rule that matched
};

// All expressions of one sentence's tokens, in text order, never overlapping
// (the longest match at the leftmost position wins). `text` is the document
// text the tokens point into.
std::vector<DateMatch> parse_dates(const std::vector<DateToken>& toks, std::string_view text,
                                   const DateLexicon& lex);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_DATE_GRAMMAR_H_
