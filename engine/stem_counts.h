// Stored sentence counts of the comparator's content stems (table
// stem_counts, db/migrations/0008_stem_counts.sql): what an audit, which
// compares a few sources, knows of how common a stem is in the whole corpus.
#ifndef CROSSCHECK_ENGINE_STEM_COUNTS_H_
#define CROSSCHECK_ENGINE_STEM_COUNTS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/status.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace crosscheck {

using StemCountList = std::vector<std::pair<std::string, uint32_t>>;

// Replaces every stored count with `counts` (a comparison of the whole
// corpus), in one transaction.
Status replace_stem_counts(SQLite::Database& db, const StemCountList& counts);
// Adds `counts` (the sources an audit added or changed) to the stored ones.
Status add_stem_counts(SQLite::Database& db, const StemCountList& counts);

// Whether any count is stored (a check or an audit of the whole corpus
// stored them).
Result<bool> has_stem_counts(SQLite::Database& db);

// Looks stored counts up one stem at a time (a prepared statement).
class StemCountReader {
 public:
  explicit StemCountReader(SQLite::Database& db);
  ~StemCountReader();
  // The stored count of `stem`; 0 when it has none, or after an error.
  uint32_t operator()(const std::string& stem);
  // The first error met, if any.
  const Status& status() const { return status_; }

 private:
  std::unique_ptr<SQLite::Statement> lookup_;
  Status status_ = Status::Ok();
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_STEM_COUNTS_H_
