// rules/quotes.toml compiled, and the speaker-phrase parser the quote
// extractor uses around cue words (engine/quote_attribution.cpp). Private to
// the quote extractor.
#ifndef CROSSCHECK_ENGINE_QUOTE_RULES_H_
#define CROSSCHECK_ENGINE_QUOTE_RULES_H_

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/people.h"
#include "engine/quote_extractor.h"

namespace crosscheck {

struct QuoteRules {
  WordSet speech_verbs, reported_verbs, tell_verbs, hearers, naming_verbs, adverbs, passive,
      male_pronouns, female_pronouns, plural_pronouns, neuter_pronouns, first_person_pronouns,
      determiners, source_nouns,
      phrase_breakers, title_markers;
  // Two-word speech verbs ("shot back"): the first words, and the pairs
  // joined by one space.
  WordSet phrasal_first, phrasal;
  WordSet participle_after;  // "by" in 'ended by saying "Q"'

  std::vector<std::vector<std::string>> according;  // phrases, lower-case words
  std::vector<std::unique_ptr<RE2>> subject_cues;
  size_t min_unattributed_words = 6;
  struct {
    double explicit_ = 0.95, short_name = 0.9, descriptive = 0.85, pronoun_same = 0.85,
           pronoun_previous = 0.85, pronoun_farther = 0.7, continuation = 0.85, nearby = 0.7,
           structural = 0.75, sentence = 0.85;
  } conf;

  static Result<QuoteRules> Load(const RuleSource& rules);
  // Is token c a speech verb, alone ("said") or with the word after it
  // ("shot back")? 0: no; else how many tokens the cue takes.
  size_t speech_cue_at(const TokenView& tv, size_t c) const;
  bool is_pronoun(std::string_view w) const {
    return male_pronouns.has(w) || female_pronouns.has(w) || plural_pronouns.has(w) ||
           neuter_pronouns.has(w) || first_person_pronouns.has(w);
  }
};

// A speaker phrase found next to a cue.
struct SpeakerPhrase {
  enum class Kind { kName, kPronoun, kDescriptive };
  Kind kind = Kind::kName;
  size_t first = 0, last = 0;  // mention tokens [first, last) (the name proper, the pronoun, the phrase)
  size_t phrase_first = 0;     // where the whole phrase starts (titles and determiners included)
  std::string name;            // canonical name (kName) or the phrase text
  std::string honorific;
  bool organisation = false;
};

// The speaker phrase ending just before token `cue` (adverbs between allowed),
// never reaching before `floor`.
std::optional<SpeakerPhrase> phrase_before(const QuoteRules& q, const PeopleRules& p,
                                           const TokenView& tv, size_t cue, size_t floor);
// The speaker phrase starting at token `start` (after an inverted cue:
// "said Lian Jye Su, an analyst", "said the company").
std::optional<SpeakerPhrase> phrase_after(const QuoteRules& q, const PeopleRules& p,
                                          const TokenView& tv, size_t start);
// The "(" of a short parenthesis (at most 8 tokens) closed by the ")" at
// token `close`, after `floor`, with no quote mark or other ")" inside:
// 'Rep. Jane Roe (D-Ore.) said'.
std::optional<size_t> short_parenthesis_open(const TokenView& tv, size_t close, size_t floor);
// The subject a clause opens with at token `start`: a pronoun or a name
// ("Hillary Clinton immediately posted ..., saying, "Q""), nothing else.
std::optional<SpeakerPhrase> subject_at(const QuoteRules& q, const PeopleRules& p, const TokenView& tv,
                                        size_t start);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_QUOTE_RULES_H_
