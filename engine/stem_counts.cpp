#include "engine/stem_counts.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <limits>

#include "engine/store.h"

namespace crosscheck {

namespace {

Status write_counts(SQLite::Database& db, const StemCountList& counts, bool replace) {
  const char* what = replace ? "store stem counts" : "add stem counts";
  try {
    SQLite::Transaction tx(db);
    if (replace) db.exec("DELETE FROM stem_counts");
    SQLite::Statement put(db,
                          "INSERT INTO stem_counts (stem, sentences) VALUES (?, ?) "
                          "ON CONFLICT (stem) DO UPDATE SET sentences = sentences + excluded.sentences");
    for (const auto& [stem, n] : counts) {
      put.reset();
      put.bind(1, stem);
      put.bind(2, static_cast<int64_t>(n));
      put.exec();
    }
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(what, e.getErrorCode(), e.what());
  }
}

}  // namespace

Status replace_stem_counts(SQLite::Database& db, const StemCountList& counts) { return write_counts(db, counts, true); }

Status add_stem_counts(SQLite::Database& db, const StemCountList& counts) { return write_counts(db, counts, false); }

Result<bool> has_stem_counts(SQLite::Database& db) {
  try {
    SQLite::Statement q(db, "SELECT EXISTS (SELECT 1 FROM stem_counts)");
    q.executeStep();
    return q.getColumn(0).getInt() != 0;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("read stem counts", e.getErrorCode(), e.what());
  }
}

StemCountReader::StemCountReader(SQLite::Database& db) {
  try {
    lookup_ = std::make_unique<SQLite::Statement>(db, "SELECT sentences FROM stem_counts WHERE stem = ?");
  } catch (const SQLite::Exception& e) {
    status_ = sqlite_status("read stem counts", e.getErrorCode(), e.what());
  }
}

StemCountReader::~StemCountReader() = default;

uint32_t StemCountReader::operator()(const std::string& stem) {
  if (!status_.ok()) return 0;
  try {
    lookup_->reset();
    lookup_->bind(1, stem);
    if (!lookup_->executeStep()) return 0;
    const int64_t n = lookup_->getColumn(0).getInt64();
    return n <= 0 ? 0 : static_cast<uint32_t>(std::min<int64_t>(n, std::numeric_limits<uint32_t>::max()));
  } catch (const SQLite::Exception& e) {
    status_ = sqlite_status("read stem counts", e.getErrorCode(), e.what());
    return 0;
  }
}

}  // namespace crosscheck
