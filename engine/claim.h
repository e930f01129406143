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

#include "engine/compact_string.h"
#include "engine/document.h"
#include "engine/json_writer.h"
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
  // The kind's fields as the claims table stores them and extract prints
  // them: a JSON object in compact_json's form, written by the extractors
  // without a tree (JsonObjectWriter). Empty in a corpus load_corpus reads.
  CompactString fields_text;
  // The fields in the comparator's compact form: load_corpus fills this
  // and leaves `fields_text` empty; the comparator reads only this (it packs
  // a copy of a corpus given with `fields_text` alone).
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
};

// A claim's fields as a tree (tests, and the comparator's rare rewrites):
// an empty object when they are empty or not a JSON object.
nlohmann::json claim_fields(const Claim& c);

// Sets a claim's fields from a tree (tests, and those rewrites).
void set_claim_fields(Claim& c, const nlohmann::json& fields);

// Index of the sentence of `doc` containing byte `offset`, if any.
std::optional<uint32_t> sentence_at(const Document& doc, uint32_t offset);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_CLAIM_H_
