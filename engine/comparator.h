// Cross-source comparison: aligns what different sources say about the same
// thing and raises a Finding for each contradiction, with evidence from every
// side. Equivalent statements (equal numbers in other words, matching role
// classes, overlapping dates, the same quote) are never flagged.
//
// Cost grows about linearly with the number of claims: candidates come from
// inverted indexes (sentence stems, quote shingles, event participants,
// people), never from all pairs.
#ifndef CROSSCHECK_ENGINE_COMPARATOR_H_
#define CROSSCHECK_ENGINE_COMPARATOR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/audit_scope.h"
#include "engine/corpus.h"
#include "engine/finding.h"
#include "engine/rules.h"

namespace crosscheck {

class Comparator {
 public:
  // Loads rules/compare.toml and the extraction pipeline (to re-read an undated
  // copy's dates against the source it copies).
  static Result<Comparator> Load(const RuleSource& rules);

  // All findings over `corpus`, in a deterministic order (kind, then id).
  std::vector<Finding> Compare(const std::vector<SourceView>& corpus) const;

  // Focus mode, for audits: `focus[i]` (one flag per source of `corpus`) marks
  // the sources that are new or changed. Only pairs of sources with at least
  // one focus side are compared, and only findings with evidence from a focus
  // source are returned: the findings of the full comparison that involve a
  // focus source (same ids), at the cost of the pairs around the focus rather
  // than of the whole corpus. Sources are still indexed in full (alignment
  // needs every sentence's terms), and the sources a focus source aligns with,
  // and theirs, are aligned with all (a copy is told from its siblings by
  // their common original). Differences from the full comparison: a quote's
  // corroboration counts (details.corroboration) count the focus pairs only.
  // An empty focus gives no findings; focus.size() must equal corpus.size().
  std::vector<Finding> Compare(const std::vector<SourceView>& corpus, const std::vector<bool>& focus) const;

  // Sentence counts of content stems (the alignment's keys): what a
  // comparison of part of the corpus reads of the whole, and what a
  // comparison counts, to be stored for later ones (db: stem_counts).
  struct StemCounts {
    // In, optional: sentences of the whole stored corpus holding a stem (0
    // when unknown). A stem held by more than alignment.max_postings of them
    // is no alignment key, however rare among the sources compared.
    std::function<uint32_t(const std::string& stem)> corpus_sentences;
    // In: count the stems of every source, in focus mode too.
    bool count_all = false;
    // Out: each stem of the sentences of the sources compared (in focus mode,
    // of the focus sources, unless count_all) with how many of those
    // sentences hold it.
    std::vector<std::pair<std::string, uint32_t>> counted;
  };
  // Compare(corpus) or, with `focus`, Compare(corpus, *focus), reading and
  // filling `stems`.
  std::vector<Finding> Compare(const std::vector<SourceView>& corpus, const std::vector<bool>* focus,
                               StemCounts& stems) const;

  // How an audit finds the stored sources its focus is compared with
  // (rules/compare.toml [audit]; see audit_scope).
  const ScopeOptions& scope_options() const;

  // Threads for the parts of a comparison whose items are independent
  // (sentence alignment); findings do not depend on it.
  void SetJobs(int jobs);

  // Findings come out compacted (compact_finding: fields and details as
  // their stored JSON text, not trees), as record_run takes them: a check of
  // 100k articles then holds its findings in a third of the memory. Off by
  // default, for callers that read the trees.
  void SetCompactFindings(bool compact);

  // The claim fields (top-level keys) comparisons read. A corpus loaded with
  // only these (load_corpus) gives the same findings and takes less memory.
  static const std::vector<std::string>& ClaimFieldsRead();
  // The claim kinds comparisons read ("reported" speech is extracted and
  // stored for queries, not compared). A corpus loaded with only these gives
  // the same findings.
  static const std::vector<ClaimKind>& ClaimKindsRead();
  // Whether comparisons read the text of people's aliases (they read their
  // spans); a corpus loaded without it gives the same findings.
  static constexpr bool kReadsAliasText = false;
  // Whether comparisons read the aliases of organisations (they place only
  // people in sentences); a corpus loaded without them gives the same findings.
  static constexpr bool kReadsOrganisationAliases = false;

  Comparator(Comparator&&) noexcept;
  Comparator& operator=(Comparator&&) noexcept;
  ~Comparator();

  struct Config;  // opaque: the compiled rules

 private:
  explicit Comparator(std::unique_ptr<Config> c);
  std::unique_ptr<Config> c_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_COMPARATOR_H_
