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

class Pipeline {
 public:
  // Compiles every rule file the stages need; fails with the first rule error.
  static Result<Pipeline> Load(const RuleSource& rules);

  // Normalizes `raw` (any bytes), segments it and marks page chrome.
  Document Prepare(std::string_view raw, SourceMeta meta) const;

  // Runs every claim extractor over the story sentences of `doc`.
  ExtractedClaims Extract(const Document& doc) const;

  // The date claims alone (the comparator re-reads an undated copy's dates
  // against the publication date of the source it copies).
  std::vector<Claim> ExtractDates(const Document& doc) const;

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
