// People and organisations named in one source, their aliases and their titles.
//
// The quote extractor (engine/quote_extractor.h) drives this module: it finds
// names next to speech cues, and asks the PersonRegistry to introduce them or
// to resolve short references ("Madrigal", "Sir Nick", "Mr Altman") to the
// full name introduced earlier in the same source. Titles come from
// pre-modifiers ("Airbnb boss Brian Chesky"), appositions ("Sam Altman, CEO of
// OpenAI"), relative clauses ("Jeff Boudier, who builds products at ...") and
// bylines ("Lily Jamali, North America Technology correspondent").
//
// All lexicons live in rules/people.toml. Every function here is linear in the
// tokens it is given.
#ifndef CROSSCHECK_ENGINE_PEOPLE_H_
#define CROSSCHECK_ENGINE_PEOPLE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/document.h"
#include "engine/rules.h"
#include "engine/word_tokens.h"

namespace crosscheck {

// One occurrence of a person's name (or alias) in the text.
struct Mention {
  std::string text;  // as written, honorific included ("Sir Nick")
  Span span;
  bool operator==(const Mention&) const = default;
};

enum class Gender { kUnknown, kMale, kFemale };

struct Person {
  std::string name;           // canonical full name, honorific removed ("Nick Clegg")
  bool organisation = false;  // a company, agency, report... that speaks
  std::vector<Mention> mentions;  // in text order, no duplicates
  Gender gender = Gender::kUnknown;
  std::string honorific;      // the first honorific seen ("Sir"), or ""
  bool operator==(const Person&) const = default;
};

// A title given to a person in one place of the text.
struct Role {
  Span span;                  // the title as written (without the name)
  uint32_t person = 0;        // index into QuoteClaims::people
  std::string person_name;    // that person's canonical name
  std::string title;          // "Chief Technology Officer", "boss"
  std::optional<std::string> organisation;  // "Pinterest", "OpenAI"
  std::string role_class;     // from rules ("chief executive"), else the normalized title
  bool operator==(const Role&) const = default;
};

// A case-insensitive set of words (ASCII case folding; other bytes compared as is).
// A flat open-addressing hash table over one byte arena: a look-up folds the
// word once, hashes it and compares at most a few stored words.
class WordSet {
 public:
  WordSet() = default;
  explicit WordSet(std::vector<std::string> words);
  bool has(std::string_view word) const;
  // The hash of a word as stored (FNV-1a, mixed); other word tables use it too.
  static uint64_t Hash(std::string_view low);

 private:
  static constexpr size_t kMaxLen = 48;
  std::string arena_;                      // the words, lower case, back to back
  std::vector<uint64_t> slots_;            // (offset << 16 | length), 0 = empty; size a power of 2
  uint64_t mask_ = 0;
  // Bit (length, first byte folded to 0..63) set when some word has them: most
  // look-ups end here without hashing.
  uint64_t seen_[kMaxLen + 1] = {};
};

// Lower-cases ASCII letters of `w` into `buf` (truncating at its size).
std::string_view lower_into(std::string_view w, char* buf, size_t cap);

// rules/people.toml, compiled.
class PeopleRules {
 public:
  static Result<PeopleRules> Load(const RuleSource& rules);

  WordSet honorifics, male_honorifics, female_honorifics, particles, suffixes, not_names,
      organisation_words, title_words, title_modifiers, title_departments, organisation_prepositions,
      organisation_stops, relative_pronouns, byline_noise;

  // The role class of a title: the class of the longest listed suffix of its
  // normalized form (lower case, modifiers dropped), else that normalized form.
  std::string role_class(std::string_view title) const;

 private:
  std::vector<std::pair<std::string, std::string>> classes_;  // sorted by key
};

// A capitalized name found in a token range, split into its parts.
struct NameRun {
  uint32_t first = 0;       // token index of the first token (honorific included)
  uint32_t last = 0;        // token index one past the last token
  uint32_t name_first = 0;  // first token of the name proper (after honorific and titles)
  std::string honorific;    // "Sir", "Mr", or ""
  bool organisation = false;
};

// A memo of name_run_starting_at for one token (see TokenView::run_cache).
struct RunCacheEntry {
  bool done = false;
  std::optional<NameRun> run;
};

// Token helpers shared with the quote extractor.
struct TokenView {
  std::string_view text;             // the document text
  const std::vector<Token>* tokens;  // tokens of one sentence (document offsets)
  // Optional, per token: 1 when it may sit in a name run (see
  // mark_run_words); computed on the fly when null.
  const uint8_t* run_words = nullptr;
  // Optional, one entry per token: name_run_starting_at remembers its answers
  // here (it is a pure function of the tokens); null: no memo.
  std::vector<RunCacheEntry>* run_cache = nullptr;
  std::string_view at(size_t i) const {
    const Token& t = (*tokens)[i];
    return text.substr(t.span.start, t.span.end - t.span.start);
  }
  size_t size() const { return tokens->size(); }
};

// Fills `out` (one byte per token of tv) with the run-word flags TokenView
// can carry: a capitalized word, not a possessive, not a listed non-name.
void mark_run_words(const PeopleRules& r, const TokenView& tv, std::vector<uint8_t>& out);

// True when token i could be part of a name: capitalized word, not a listed
// non-name, not all capitals (an acronym), or an initial ("J" followed by ".").
bool is_name_token(const PeopleRules& r, const TokenView& tv, size_t i);

// The maximal name run that ends at token `end - 1` (walking back, never
// before `floor`), or nullopt. Title words inside the run ("Pinterest Chief
// Technology Officer Matt Madrigal") are left out of the name proper.
std::optional<NameRun> name_run_ending_at(const PeopleRules& r, const TokenView& tv, size_t end,
                                          size_t floor);
// The maximal name run that starts at token `start`, or nullopt.
std::optional<NameRun> name_run_starting_at(const PeopleRules& r, const TokenView& tv,
                                            size_t start);

// The canonical text of a name run: name proper only, tokens joined by one space
// ("Sarah J." keeps the dot of an initial).
std::string name_text(const TokenView& tv, const NameRun& run);

// The people of one source and their mentions, built while reading it in order.
class PersonRegistry {
 public:
  explicit PersonRegistry(const PeopleRules& rules) : rules_(&rules) {}

  // Resolves `name` (canonical text, without honorific) written with
  // `honorific` to a known person: same full name, or a one-word surname /
  // honorific + first or last name matching a longer name seen before.
  // `short_name` is set when the match went through a shorter form.
  std::optional<uint32_t> Find(std::string_view name, std::string_view honorific,
                               bool* short_name = nullptr) const;
  // Finds or adds the person; records the mention. Returns its index.
  uint32_t Introduce(std::string_view name, std::string_view honorific, bool organisation,
                     Mention mention, bool* short_name = nullptr);
  void AddMention(uint32_t person, Mention mention);
  void SetGender(uint32_t person, Gender g);

  const std::vector<Person>& people() const { return people_; }
  std::vector<Person> Release() { return std::move(people_); }

 private:
  const PeopleRules* rules_;
  std::vector<Person> people_;
};

// Finds titles in one sentence (pre-modifiers, appositions, relative clauses)
// and the people they belong to; introduces those people. Roles are appended.
void find_roles(const PeopleRules& r, const TokenView& tv, PersonRegistry& reg,
                std::vector<Role>& roles);
// The same for a byline line ("Lily Jamali, North America Technology
// correspondent", "Lily JamaliNorth America ...", "By Jane Doe").
void find_byline_roles(const PeopleRules& r, std::string_view text, Span line,
                       PersonRegistry& reg, std::vector<Role>& roles);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_PEOPLE_H_
