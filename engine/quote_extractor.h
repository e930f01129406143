// Quotations, reported speech and who said them; people and their titles.
//
// Direct quotes are found in every quote-mark style left after normalization
// (" and ', where ' is told apart from the apostrophe by its context), including
// pairs that open with ' and close with " as scraped pages produce, quotes split
// by their attribution, quotes running over several sentences or paragraphs,
// and nested quotes. Each quote gets a speaker from cue verbs and phrases on
// either side of it (rules/quotes.toml), from a pronoun resolved to the most
// recent compatible person (favouring the subject of the previous sentence),
// from a short name resolved to the full name introduced earlier, or from a
// cue in a neighbouring sentence. A quote nobody is found for keeps no speaker.
// Quoted words that no cue attributes and that are too short to be a sentence
// (titles, scare quotes) are kept with speech == false.
//
// Only story sentences are read (page chrome is skipped). Extraction is linear
// in the text: quote marks are found by scanning, cue words are looked up per
// token, and only sentences near quotes or holding a cue word are parsed.
#ifndef CROSSCHECK_ENGINE_QUOTE_EXTRACTOR_H_
#define CROSSCHECK_ENGINE_QUOTE_EXTRACTOR_H_

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/document.h"
#include "engine/people.h"
#include "engine/rules.h"

namespace crosscheck {

struct Quote {
  // The quoted content inside the marks (direct quotes; a trailing comma is
  // dropped), or the content clause of reported speech.
  Span span;
  bool reported = false;  // false: kind "quote"; true: kind "reported"
  bool speech = true;     // false for titles and scare quotes nobody is said to say
  bool nested = false;    // a quote inside another quote
  std::optional<std::string> speaker;  // the resolved full name, or nullopt
  std::optional<uint32_t> person;      // index into QuoteClaims::people
  std::optional<Span> speaker_span;    // the mention the attribution rests on (name or pronoun)
  std::string speaker_text;            // that mention as written
  std::string cue;                     // "said", "according to", "told", "-" ...
  // How the speaker was found: "explicit", "pronoun", "short_name",
  // "nearby_cue" (a cue in a neighbouring sentence, or the other half of a
  // split quote), "none".
  std::string resolution = "none";
  double confidence = 0.0;  // 0 when no speaker
  bool operator==(const Quote&) const = default;
};

struct QuoteClaims {
  std::vector<Person> people;  // people and speaking organisations, in order of introduction
  std::vector<Quote> quotes;   // in text order of their spans
  std::vector<Role> roles;     // in text order
};

class QuoteExtractor {
 public:
  // Compiles rules/quotes.toml and rules/people.toml; fails with the first
  // rule error ("rules/quotes.toml:12:5: ...").
  static Result<QuoteExtractor> Load(const RuleSource& rules);

  // Extracts from the story sentences of `doc` (chrome skipped). Thread-safe.
  QuoteClaims Extract(const Document& doc) const;

  QuoteExtractor(QuoteExtractor&&) noexcept;
  QuoteExtractor& operator=(QuoteExtractor&&) noexcept;
  ~QuoteExtractor();

  struct Compiled;

 private:
  explicit QuoteExtractor(std::unique_ptr<Compiled> c);
  std::unique_ptr<Compiled> c_;
};

// Claim fields (offsets are BYTE offsets into the normalized text; the caller
// converts them): "speaker", "speaker_text", "speaker_start", "speaker_end",
// "cue", "resolution", "confidence", "speech". Absent values are null.
// Each appended to `out` as a JSON object (compact_json's form).
void append_quote_fields(const Quote& q, std::string& out);
// "person", "title", "organisation", "role_class".
void append_role_fields(const Role& r, const QuoteClaims& all, std::string& out);
// "name", "organisation", "aliases": [{"text", "start", "end"}] (byte offsets).
nlohmann::json person_json(const Person& p);

// Quote-mark pairing, exposed for tests: the spans of quoted contents in
// `text` (one paragraph), in order of their opening marks.
struct QuoteMarks {
  uint32_t open = 0;    // byte offset of the opening mark
  uint32_t close = 0;   // byte offset of the closing mark (unset when !closed)
  bool nested = false;  // inside another quote
  bool closed = true;   // false: an outer quote still open at the end of the text
  bool operator==(const QuoteMarks&) const = default;
};
std::vector<QuoteMarks> pair_quote_marks(std::string_view text, uint32_t base = 0);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_QUOTE_EXTRACTOR_H_
