// What an audit loads: the sources new or changed since the last run (its
// focus) and the stored sources that may tell the same story, found in the
// store without loading the corpus.
//
// Every finding compares two sources the aligner paired (they share aligned
// sentences), and sources telling one story name the same people and
// organisations. So the neighbours of a focus source are the current sources
// that share `min_shared_names` of the distinctive names it names (all of
// them, when fewer link it to another source): names carried by at most
// `max_name_sources` current sources (the people_name index answers it with
// one bounded look-up per name). A name in thousands of articles ("the White
// House") says nothing about which story they tell, and one name alone can
// be another story's (a bank's analyst quoted on many topics).
//
// A focus source whose named people link it to no stored source may still
// tell a stored story: its keys are then the names written in its sentences
// (capitalised words that do not open one: places, firms, people extraction
// did not resolve), the first `max_written_names` of them, looked up in the
// full-text index of sentences (when it is on) with the same cap and rule.
//
// A focus source with no distinctive key of either kind could still be a copy
// of any source, so the audit then loads the whole corpus, as it also does
// when the scope would hold more than `max_scope_share` of it.
#ifndef CROSSCHECK_ENGINE_AUDIT_SCOPE_H_
#define CROSSCHECK_ENGINE_AUDIT_SCOPE_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "engine/status.h"

namespace SQLite {
class Database;
}

namespace crosscheck {

struct ScopeOptions {
  size_t max_name_sources = 400;
  double max_scope_share = 0.5;
  // A neighbour shares this many of the focus source's distinctive names
  // (all of them, when it has fewer).
  size_t min_shared_names = 2;
  size_t max_written_names = 32;
};

struct AuditScope {
  // The sources to load (ids, ascending): the focus and its neighbours.
  // Empty when `whole_corpus`.
  std::vector<int64_t> sources;
  bool whole_corpus = false;
  size_t focus = 0;          // focus sources (current versions among those given)
  size_t corpus = 0;         // current sources in the store
  size_t names = 0;          // distinct names the focus sources carry
  size_t common_names = 0;   // of them, carried by more than max_name_sources sources
  size_t by_written_names = 0;  // focus sources linked to stored ones by written names
  // Files of focus sources with no distinctive key (the reason for
  // `whole_corpus`, when there are any).
  std::vector<std::string> undistinguished;
};

// The scope of an audit whose focus is `focus_versions` (version ids; those
// no longer current are ignored). Reads the store only.
Result<AuditScope> audit_scope(SQLite::Database& db, const std::set<int64_t>& focus_versions,
                               const ScopeOptions& options);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_AUDIT_SCOPE_H_
