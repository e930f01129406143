// Claims in their stored form: a kind, a span and kind-specific JSON fields.
//
// Extractors produce typed values (DateMention, Quantity, Quote, Role); the
// pipeline turns them into Claims, which the store persists and the comparator
// reads back. The field names are the public contract of `crosscheck extract`,
// of the claims table and of its views (db/README.md).
#ifndef CROSSCHECK_ENGINE_CLAIM_H_
#define CROSSCHECK_ENGINE_CLAIM_H_

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/document.h"
#include "engine/packed_fields.h"

namespace crosscheck {

// Persisted by name; names never change meaning.
enum class ClaimKind { kQuote, kReported, kRole, kDate, kQuantity };
const char* claim_kind_name(ClaimKind kind);
std::optional<ClaimKind> parse_claim_kind(std::string_view name);

struct Claim {
  ClaimKind kind = ClaimKind::kQuote;
  Span span;                      // into the document's normalized text
  std::optional<uint32_t> sentence;  // index into Document::sentences
  nlohmann::json fields = nlohmann::json::object();
  // The fields in the comparator's compact form: load_corpus fills this
  // and leaves `fields` null; the comparator reads only this (it packs a
  // copy of a corpus given with `fields` alone).
  PackedFields packed;
};

struct PersonRecord {
  std::string name;
  bool organisation = false;
  // Where the text names the person, in text order, and what it writes
  // there ([i] for alias_spans[i]). Apart: a corpus loaded for comparison
  // holds the spans alone (CorpusLoad::alias_text), 8 bytes an alias where a
  // span beside an empty string took 40 (millions of aliases at 100k articles).
  std::vector<Span> alias_spans;
  std::vector<std::string> alias_texts;  // empty, or one per span
};

struct ExtractedClaims {
  std::vector<Claim> claims;   // in text order
  std::vector<PersonRecord> people;
  // Each claim's fields as stored (claim_fields_text), when the extracting
  // thread serialized them ahead of the store; else empty. The store then
  // reads only these, and ingest frees the claims' field trees.
  std::vector<std::string> fields_text;
};

// JSON as crosscheck stores and prints it: compact, invalid UTF-8 replaced
// by U+FFFD (text from sources may carry any bytes).
std::string compact_json(const nlohmann::json& j);

// A JSON object built key by key. Keys added in ascending order go in at the
// end of nlohmann's map without a search (any order gives the same object,
// only slower): a date claim's fields cost a third less than by operator[].
class JsonObjectBuilder {
 public:
  template <typename V>
  JsonObjectBuilder& add(std::string_view key, V&& value) {
    object_.emplace_hint(object_.end(), std::string(key), nlohmann::json(std::forward<V>(value)));
    return *this;
  }
  nlohmann::json done() { return nlohmann::json(std::move(object_)); }  // the object, moved out

 private:
  nlohmann::json::object_t object_;
};

// compact_json appended to `out`.
void append_compact_json(std::string& out, const nlohmann::json& j);

// Appends `s` as a JSON string, as compact_json writes one.
void append_json_text(std::string& out, std::string_view s);

// A claim's fields as the claims table stores them (compact_json).
std::string claim_fields_text(const Claim& c);

// Index of the sentence of `doc` containing byte `offset`, if any.
std::optional<uint32_t> sentence_at(const Document& doc, uint32_t offset);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_CLAIM_H_
