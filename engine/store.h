// The SQLite store: sources and their versions, segments, claims and people.
//
// The schema is a sequence of numbered migrations (db/migrations/*.sql,
// compiled in) applied in transactions when a database is opened for writing;
// PRAGMA user_version records how many have been applied. WAL journaling,
// foreign keys on, a busy timeout. Every statement is prepared and bound;
// nothing from a source is ever spliced into SQL.
#ifndef CROSSCHECK_ENGINE_STORE_H_
#define CROSSCHECK_ENGINE_STORE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/claim.h"
#include "engine/document.h"
#include "engine/status.h"

struct sqlite3;

namespace SQLite {
class Database;
}

namespace crosscheck {

enum class OpenMode { kReadOnly, kReadWrite };

// What identifies a source and what it says about itself.
struct SourceInput {
  std::string locator;    // unique: absolute path, or path#id for a JSON Lines record
  std::string file;       // as the user named it
  std::string format;     // text, markdown, html, jsonl
  std::string content_hash;  // see content_hash()
  SourceMeta meta;
  std::vector<std::string> warnings;
};

enum class PutAction { kAdded, kNewVersion, kUnchanged };
const char* put_action_name(PutAction a);

struct PutOutcome {
  PutAction action = PutAction::kAdded;
  int64_t source_id = 0;
  int64_t version_id = 0;
};

// XXH3-128 (hex) of the input bytes and the metadata that anchors extraction:
// new content or new metadata makes a new version.
std::string content_hash(std::string_view bytes, const SourceMeta& meta);

class Store {
 public:
  // Opens (creating when writable) the database at `path` (":memory:" works),
  // for use by one thread at a time (SQLite does not lock the connection).
  // A read-only open of a missing file fails. A database written by a newer
  // crosscheck (more migrations than this binary knows) is refused. A locked
  // database is waited for up to `busy_timeout`, and at least a quarter of a
  // second (SQLite's own short holds), then the call fails with kBusy.
  static Result<Store> Open(const std::string& path, OpenMode mode,
                            std::chrono::milliseconds busy_timeout = std::chrono::seconds(30));

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Number of migrations applied.
  int schema_version() const;

  // The stored version of `in` with the same content hash, if any (found by
  // locator, or by URL when the locator is new).
  Result<std::optional<PutOutcome>> FindUnchanged(const SourceInput& in);

  // Stores a new source or a new version of it with its segments, claims and
  // people, all or nothing: in a transaction of its own, or inside the current
  // one, which a failure then rolls back whole (no savepoint: they would make
  // FTS5 write out its pending index for every source).
  // The previous version stays, no longer current.
  Result<PutOutcome> PutSource(const SourceInput& in, const Document& doc, const ExtractedClaims& claims);

  // Explicit transaction around a batch of PutSource calls (BEGIN IMMEDIATE, so
  // a concurrent writer waits for the busy timeout, then fails with kBusy).
  Status Begin();
  Status Commit();
  void Rollback();

  // For read-only queries and later stages.
  SQLite::Database& db();

 private:
  friend class BulkWrites;  // hands Begin its checkpoints to settle
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Sets an integer PRAGMA of the connection until destroyed, then sets it back
// to what it was. With `outside_transaction`, only when no transaction is
// open (SQLite changes some settings only then), else nothing.
class ScopedPragma {
 public:
  // `name` is one of the engine's constants: a PRAGMA takes no parameter.
  ScopedPragma(SQLite::Database& db, const char* name, int value, bool outside_transaction = false);
  ScopedPragma(const ScopedPragma&) = delete;
  ScopedPragma& operator=(const ScopedPragma&) = delete;
  ~ScopedPragma();

 private:
  SQLite::Database& db_;
  const char* name_;
  std::optional<int> before_;
};

// Writes of values the engine made itself (kinds, roles and severities from
// its enums, JSON it serialized): while one lives, its connection evaluates
// no CHECK constraints and, unless `fire_triggers`, fires no triggers. A CHECK
// "x IN (...)" of more than two values builds a temporary table for every
// row, and an insert that may fire a trigger opens a statement savepoint,
// even when the trigger's WHEN is false. Other connections keep both; foreign
// keys and NOT NULL are still enforced. Its destructor sets back what it
// changed (nothing when an enclosing one had set both).
class TrustedWrites {
 public:
  TrustedWrites(SQLite::Database& db, bool fire_triggers);
  TrustedWrites(const TrustedWrites&) = delete;
  TrustedWrites& operator=(const TrustedWrites&) = delete;
  ~TrustedWrites();

 private:
  SQLite::Database& db_;
  ScopedPragma unchecked_;  // ignore_check_constraints
  bool triggers_off_ = false;
};

// Copies the WAL back into the database on a thread and a connection of its
// own while it lives, instead of in the writer's COMMIT. SQLite's automatic
// checkpoint runs in the commit that takes the WAL past wal_autocheckpoint
// pages, so a writer storing batch after batch (ingest) stopped for it: about
// a tenth of a second for every 32 MB written, with the threads extracting
// the next batch idle, waiting for it. In WAL mode a PASSIVE checkpoint on
// another connection runs beside the writer's transactions; it never waits
// for a lock and copies only committed frames. The commits still tell it when
// to run: past the same number of pages. SQLite starts the WAL file over,
// instead of growing it, only at a write transaction that begins with every
// frame copied, which a checkpoint running beside the commits seldom leaves.
// Settle() is called before a write transaction begins (Store::Begin does,
// under BulkWrites): once the WAL has grown to twice the pages, it waits for
// the checkpoint under way, so the WAL stays under twice the pages and a
// batch (72 MB at most on 20 MB of news, where SQLite's own checkpoints let
// it reach 39 MB). When the database is not a WAL file (":memory:"),
// automatic checkpoints are off, or the second connection cannot be opened,
// it does nothing and SQLite checkpoints as before. Its destructor, on the
// writer's thread, sets SQLite's own automatic checkpoint back and waits for
// a checkpoint under way to end.
class BackgroundCheckpoints {
 public:
  explicit BackgroundCheckpoints(SQLite::Database& writer);
  BackgroundCheckpoints(const BackgroundCheckpoints&) = delete;
  BackgroundCheckpoints& operator=(const BackgroundCheckpoints&) = delete;
  ~BackgroundCheckpoints();

  // Whether checkpoints run on the thread (else SQLite's own are left on).
  bool active() const { return thread_.joinable(); }
  // When the WAL had twice wal_autocheckpoint pages at the last commit,
  // waits until no checkpoint is due or under way.
  void Settle();
  // Checkpoints the thread has run to the end, for tests.
  int completed() const;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  void Loop();

  sqlite3* writer_;
  sqlite3* own_ = nullptr;  // the thread's connection
  int pages_ = 0;           // wal_autocheckpoint of the writer
  int wal_pages_ = 0;       // in the WAL at the writer's last commit
  mutable std::mutex mu_;
  std::condition_variable wake_;     // for the thread
  std::condition_variable settled_;  // for Settle()
  bool due_ = false;
  bool running_ = false;
  bool stop_ = false;
  int completed_ = 0;
  std::thread thread_;
};

// The settings of the store's batches (foreign keys unchecked, trusted
// writes without triggers), held from its creation to its end across any
// number of Begin .. Commit, for a caller that stores many batches in a row
// (ingest). Each change of those settings makes SQLite re-prepare every
// statement of the connection at its next use; a batch that set them and set
// them back re-prepared the store's 32-row inserts and their triggers every
// time, about 3% of an ingest's instructions. Create it outside a transaction
// (inside one it leaves foreign keys as they are).
// With `background_checkpoints` (a caller with more than one job), WAL
// checkpoints run beside the writer (BackgroundCheckpoints), and the store's
// Begin settles them first.
class BulkWrites {
 public:
  BulkWrites(Store& store, bool background_checkpoints);
  BulkWrites(const BulkWrites&) = delete;
  BulkWrites& operator=(const BulkWrites&) = delete;
  ~BulkWrites();

 private:
  Store& store_;
  ScopedPragma unkeyed_;
  TrustedWrites trusted_;
  std::optional<BackgroundCheckpoints> checkpoints_;
};

// The current UTC time as ISO 8601 ("2026-01-22T10:00:00Z").
std::string utc_now();

// Process-wide SQLite settings, for main() to call before any other SQLite
// call (later, SQLite refuses them and nothing changes). SQLite's count of
// the memory it holds is turned off: it takes a process-wide mutex around
// every allocation and free, 3% of an ingest's instructions, and the lock
// threads on their own connections contend for. crosscheck never reads it.
void configure_sqlite();

// Maps a SQLite error message to a Status (busy/locked -> kBusy, disk full and
// I/O errors -> kIoError, the rest -> kInternal), prefixed by `what`.
Status sqlite_status(const std::string& what, int code, const std::string& message);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_STORE_H_
