// The comparator's view of what is stored: every current source version with
// its sentences, claims and people, read back from the store.
#ifndef CROSSCHECK_ENGINE_CORPUS_H_
#define CROSSCHECK_ENGINE_CORPUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/claim.h"
#include "engine/compressed_text.h"
#include "engine/document.h"
#include "engine/status.h"

namespace SQLite {
class Database;
}

namespace crosscheck {

struct SourceView {
  int64_t source_id = 0;
  int64_t version_id = 0;
  std::string file;
  std::string locator;
  SourceMeta meta;            // outlet, title, url, published (with precision)
  // The normalized text: `text`, or `packed` once compressed
  // (CorpusLoad::compress_text), when `text` is empty. Read both through
  // full_text() and slice().
  std::string text;
  CompressedText packed;
  std::vector<Sentence> sentences;   // ordinal order; role kChrome kept (skip them)
  std::vector<Claim> claims;         // text order; sentence = index into sentences; fields in Claim::packed
  size_t claims_stored = 0;          // claims of the version, loaded or not (CorpusLoad::claim_kinds)
  std::vector<PersonRecord> people;

  // Views into a compressed text stay valid while this thread reads fewer
  // than CompressedText::kCachedTexts other sources.
  std::string_view full_text() const { return packed.set() ? packed.Read() : std::string_view(text); }
  size_t text_size() const { return packed.set() ? packed.size() : text.size(); }
  std::string_view slice(Span s) const { return full_text().substr(s.start, s.end - s.start); }
};

// What load_corpus keeps of each claim; by default everything.
struct CorpusLoad {
  // Only these top-level keys of each claim's fields (Comparator::ClaimFieldsRead),
  // when given: a check then holds less in memory.
  const std::vector<std::string>* claim_fields = nullptr;
  // Only claims of these kinds (Comparator::ClaimKindsRead), when not empty;
  // SourceView::claims_stored still counts them all.
  std::vector<ClaimKind> claim_kinds;
  // The text of each person's aliases; without it only their spans (all the
  // comparator reads: Comparator::kReadsAliasText).
  bool alias_text = true;
  // The aliases of organisations; without them only people's aliases
  // (Comparator::kReadsOrganisationAliases). Organisations are still listed.
  bool organisation_aliases = true;
  // Each text held compressed (SourceView::packed), with a dictionary
  // trained on the first texts loaded: a fifth to a third of the memory, for
  // a decompression when a comparison reads a source it did not read just
  // before.
  bool compress_text = false;
  // Threads that read and parse the sources; the result does not depend on it.
  int jobs = 1;
  // Only these sources (ids, ascending), when given: an audit's scope
  // (audit_scope). Ids with no current version are skipped.
  const std::vector<int64_t>* sources = nullptr;
  // Set, when given, to the number of connections the sources were read on:
  // one per thread for a database file, outside a transaction of the
  // caller's, when no other process is writing at that moment and there is
  // more than one chunk of 256 sources to read; else one.
  int* connections = nullptr;
};

// What a run records of the corpus it compared, without loading it (an audit
// with nothing new compares nothing).
struct CorpusCounts {
  int64_t sources = 0;             // current versions
  int64_t claims = 0;              // their claims, of every kind
  std::optional<int64_t> last_version_id;
};
Result<CorpusCounts> count_corpus(SQLite::Database& db);

// Loads every current version (ordered by source id), or those of CorpusLoad::sources.
Result<std::vector<SourceView>> load_corpus(SQLite::Database& db, const CorpusLoad& what = {});

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_CORPUS_H_
