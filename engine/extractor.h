// The extraction pipeline: raw text -> normalized, segmented Document -> claims.
//
// A Pipeline is loaded once from rules and is then immutable and safe to use
// from several threads at once.
#ifndef CROSSCHECK_ENGINE_EXTRACTOR_H_
#define CROSSCHECK_ENGINE_EXTRACTOR_H_

#include <memory>
#include <string_view>

#include "engine/claim.h"
#include "engine/document.h"
#include "engine/rules.h"

namespace crosscheck {

class NumberLexicon;

// A set of claim kinds: bit (1 << kind) for each kind in it.
using ClaimKindSet = unsigned;
inline constexpr ClaimKindSet kAllClaimKinds = 0x1F;
constexpr ClaimKindSet claim_kind_bit(ClaimKind k) { return 1u << static_cast<unsigned>(k); }

class Pipeline {
 public:
  // Compiles every rule file the stages need; fails with the first rule error.
  static Result<Pipeline> Load(const RuleSource& rules);

  // Normalizes `raw` (any bytes), segments it and marks page chrome.
  Document Prepare(std::string_view raw, SourceMeta meta) const;

  // Runs the claim extractors over the story sentences of `doc`: those whose
  // kinds are in `kinds` (quotes, reported speech, roles and people come from
  // one extractor, which runs when any of its kinds is asked for; people are
  // listed only then).
  ExtractedClaims Extract(const Document& doc, ClaimKindSet kinds = kAllClaimKinds) const;

  // The date claims alone (the comparator re-reads an undated copy's dates
  // against the publication date of the source it copies).
  std::vector<Claim> ExtractDates(const Document& doc) const;

  // The number words the quantities read (the comparator reads "eleventh"
  // and "11th" as one number in quotes).
  const NumberLexicon& numbers() const;

  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

 private:
  struct Stages;
  explicit Pipeline(std::unique_ptr<Stages> s);
  std::unique_ptr<Stages> s_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_EXTRACTOR_H_
