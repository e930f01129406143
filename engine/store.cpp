#include "engine/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <thread>

#include "engine/embedded.h"
#include "engine/row_inserter.h"

namespace crosscheck {

const char* put_action_name(PutAction a) {
  switch (a) {
    case PutAction::kAdded: return "added";
    case PutAction::kNewVersion: return "new version";
    case PutAction::kUnchanged: return "unchanged";
  }
  return "added";
}

std::string content_hash(std::string_view bytes, const SourceMeta& meta) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  XXH3_128bits_update(st, bytes.data(), bytes.size());
  const auto field = [&](const std::optional<std::string>& v) {
    const char sep = '\x1f';
    XXH3_128bits_update(st, &sep, 1);
    if (v) XXH3_128bits_update(st, v->data(), v->size());
  };
  field(meta.title);
  field(meta.outlet);
  field(meta.url);
  field(meta.author);
  field(meta.published ? std::optional<std::string>(meta.published->text) : std::nullopt);
  const XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

Status sqlite_status(const std::string& what, int code, const std::string& message) {
  const int primary = code & 0xFF;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Status::Busy(what + ": the database is locked by another crosscheck process (" + message + ")");
  if (primary == SQLITE_FULL) return Status::Io(what + ": disk full (" + message + ")");
  if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY ||
      primary == SQLITE_PERM)
    return Status::Io(what + ": " + message);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return Status::Io(what + ": not a crosscheck database or damaged (" + message + ")");
  return Status::Internal(what + ": " + message);
}

ScopedPragma::ScopedPragma(SQLite::Database& db, const char* name, int value, bool outside_transaction)
    : db_(db), name_(name) {
  if (outside_transaction && sqlite3_get_autocommit(db.getHandle()) == 0) return;
  const int before = db.execAndGet(std::string("PRAGMA ") + name).getInt();
  // Set, and later set back, only when it differs: setting one makes SQLite
  // re-prepare every statement of the connection (see BulkWrites).
  if (before == value) return;
  db_.exec(std::string("PRAGMA ") + name + " = " + std::to_string(value));
  before_ = before;
}

ScopedPragma::~ScopedPragma() {
  if (!before_) return;
  try {
    db_.exec(std::string("PRAGMA ") + name_ + " = " + std::to_string(*before_));
  } catch (const SQLite::Exception&) {
    // Setting these on an open connection, outside a transaction where that
    // matters, does not fail.
  }
}

TrustedWrites::TrustedWrites(SQLite::Database& db, bool fire_triggers)
    : db_(db), unchecked_(db, "ignore_check_constraints", 1) {
  int enabled = 1;
  sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &enabled);  // -1: only read it
  triggers_off_ = !fire_triggers && enabled != 0;  // else off already (an enclosing one): left as it is
  if (triggers_off_) sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
}

BackgroundCheckpoints::BackgroundCheckpoints(SQLite::Database& writer) : writer_(writer.getHandle()) {
  try {
    const char* file = sqlite3_db_filename(writer_, "main");
    if (file == nullptr || *file == '\0') return;  // in memory, or a temporary file
    if (writer.execAndGet("PRAGMA journal_mode").getString() != "wal") return;
    pages_ = writer.execAndGet("PRAGMA wal_autocheckpoint").getInt();
    if (pages_ <= 0) return;  // turned off: nothing to move
    // A connection finds the WAL when it first reads: until then its
    // checkpoints do nothing.
    if (sqlite3_open_v2(file, &own_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK ||
        sqlite3_exec(own_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
      sqlite3_close(own_);
      own_ = nullptr;
      return;
    }
    thread_ = std::thread([this] { Loop(); });
  } catch (const std::exception&) {
    // No thread (or the PRAGMAs failed): SQLite's own checkpoints stay on.
    if (own_ != nullptr) sqlite3_close(own_);
    own_ = nullptr;
    return;
  }
  // Replaces SQLite's automatic checkpoint, itself a WAL hook.
  sqlite3_wal_hook(writer_, &BackgroundCheckpoints::OnCommit, this);
}

BackgroundCheckpoints::~BackgroundCheckpoints() {
  if (!thread_.joinable()) return;
  sqlite3_wal_autocheckpoint(writer_, pages_);  // SQLite's hook again
  {
    const std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(own_);
}

int BackgroundCheckpoints::completed() const {
  const std::lock_guard<std::mutex> lock(mu_);
  return completed_;
}

int BackgroundCheckpoints::OnCommit(void* self, sqlite3*, const char*, int pages) {
  auto* me = static_cast<BackgroundCheckpoints*>(self);
  me->wal_pages_ = pages;
  if (pages < me->pages_) return SQLITE_OK;
  {
    const std::lock_guard<std::mutex> lock(me->mu_);
    me->due_ = true;
  }
  me->wake_.notify_one();
  return SQLITE_OK;
}

void BackgroundCheckpoints::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return due_ || stop_; });
    if (stop_) return;
    due_ = false;
    running_ = true;
    lock.unlock();
    // PASSIVE: copies what is committed and not read by an older snapshot,
    // takes no lock a writer waits for, and is retried at a later commit
    // when it could not copy everything (SQLITE_BUSY included).
    const int rc = sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    running_ = false;
    completed_ += rc == SQLITE_OK;
    settled_.notify_all();
  }
}

void BackgroundCheckpoints::Settle() {
  if (!thread_.joinable() || wal_pages_ < 2 * pages_) return;
  std::unique_lock<std::mutex> lock(mu_);
  settled_.wait(lock, [this] { return !due_ && !running_; });
}

TrustedWrites::~TrustedWrites() {
  if (triggers_off_) sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, nullptr);
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void configure_sqlite() { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

namespace {

void bind_opt(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
  if (v) {
    st.bind(index, *v);
  } else {
    st.bind(index);
  }
}

std::string offset_blob(const OffsetMap& map) {
  std::string blob;
  blob.reserve(map.anchors().size() * 8);
  for (const auto& [n, o] : map.anchors()) {
    for (uint32_t v : {n, o})
      for (int k = 0; k < 4; ++k) blob.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
  }
  return blob;
}

}  // namespace

struct Store::Impl {
  Impl(SQLite::Database database, std::string w) : db(std::move(database)), what(std::move(w)) {}
  SQLite::Database db;
  std::string what;  // "database <path>", for messages
  std::unique_ptr<SQLite::Statement> find_by_locator, find_by_url, find_version, insert_source,
      retire_versions, insert_version, insert_person, insert_alias;
  std::unique_ptr<RowInserter> segments, claims;
  void DiscardRows() {
    segments->Discard();
    claims->Discard();
  }
  bool in_transaction = false;
  // Settled before each write transaction, while a BulkWrites holds them.
  BackgroundCheckpoints* checkpoints = nullptr;
  // While the store writes a batch (Begin .. Commit, or one source alone):
  // the largest segment and claim ids stored before it, when the full-text
  // indexes are on. The batch's rows are trusted writes without triggers:
  // it indexes them itself, in one statement per index at its end, instead
  // of a trigger program and a statement savepoint per row.
  struct Batch {
    explicit Batch(SQLite::Database& db) : trusted(db, /*fire_triggers=*/false) {}
    std::optional<int64_t> last_segment, last_claim;
    TrustedWrites trusted;
  };
  // Foreign keys go unchecked during a batch (Begin .. Commit): every key
  // the store writes names a row it has just written or looked up in the
  // same transaction, and a check was a lookup per segment, claim and
  // alias. A source stored alone keeps them checked.
  std::optional<ScopedPragma> unkeyed;
  std::optional<Batch> batch;

  void BeginBatch() {
    std::optional<int64_t> segment, claim;
    if (db.execAndGet("SELECT value FROM settings WHERE key = 'fts'").getString() == "on") {
      segment = db.execAndGet("SELECT coalesce(max(id), 0) FROM segments").getInt64();
      claim = db.execAndGet("SELECT coalesce(max(id), 0) FROM claims").getInt64();
    }
    batch.emplace(db);
    batch->last_segment = segment;
    batch->last_claim = claim;
  }

  // Indexes the batch's rows (when the indexes are on) and ends the batch.
  void EndBatch() {
    if (!batch) return;
    if (batch->last_segment) {
      SQLite::Statement sentences(
          db, "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences_fts_content WHERE id > ?");
      sentences.bind(1, *batch->last_segment);
      sentences.exec();
    }
    if (batch->last_claim) {
      SQLite::Statement quotes(db,
                               "INSERT INTO quotes_fts(rowid, quote, speaker) "
                               "SELECT id, quote, speaker FROM quotes_fts_content WHERE id > ?");
      quotes.bind(1, *batch->last_claim);
      quotes.exec();
    }
    batch.reset();
  }

  // The first column of the first row of `st` (reset before and after), if
  // any. A statement left on a row would hold its read transaction open: the
  // stale snapshot makes a later BEGIN IMMEDIATE fail at once with
  // SQLITE_BUSY_SNAPSHOT when another process wrote meanwhile, without the
  // busy wait.
  static std::optional<int64_t> FirstId(SQLite::Statement& st) {
    std::optional<int64_t> id;
    if (st.executeStep()) id = st.getColumn(0).getInt64();
    st.reset();
    return id;
  }

  // The source `in` is a version of: same locator, else same URL.
  std::optional<int64_t> LookupSource(const SourceInput& in) {
    find_by_locator->reset();
    find_by_locator->bind(1, in.locator);
    if (const auto id = FirstId(*find_by_locator)) return id;
    if (!in.meta.url) return std::nullopt;
    find_by_url->reset();
    find_by_url->bind(1, *in.meta.url);
    return FirstId(*find_by_url);
  }

  void Prepare() {
    find_by_locator = std::make_unique<SQLite::Statement>(db, "SELECT id FROM sources WHERE locator = ?");
    find_by_url = std::make_unique<SQLite::Statement>(db, "SELECT id FROM sources WHERE url = ? ORDER BY id LIMIT 1");
    find_version = std::make_unique<SQLite::Statement>(
        db, "SELECT id FROM source_versions WHERE source_id = ? AND content_hash = ?");
    insert_source = std::make_unique<SQLite::Statement>(
        db, "INSERT INTO sources(locator, file, url, format, created_at) VALUES (?, ?, ?, ?, ?)");
    retire_versions = std::make_unique<SQLite::Statement>(
        db, "UPDATE source_versions SET is_current = 0 WHERE source_id = ? AND is_current = 1");
    insert_version = std::make_unique<SQLite::Statement>(
        db,
        "INSERT INTO source_versions(source_id, content_hash, raw_text, text, offset_map, title, outlet, url, "
        "author, published, published_precision, published_inferred, note, invalid_utf8, removed_controls, "
        "warnings, ingested_at, is_current) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
    // OR ROLLBACK: a failure rolls the whole transaction back anyway (see
    // PutSource), and a statement of several rows then keeps no journal.
    segments = std::make_unique<RowInserter>(
        db,
        "INSERT OR ROLLBACK INTO segments(version_id, kind, ordinal, paragraph, role, chrome_reason, start, end, "
        "text)",
        9);
    claims = std::make_unique<RowInserter>(
        db, "INSERT OR ROLLBACK INTO claims(version_id, kind, ordinal, sentence, start, end, text, fields)", 8);
    insert_person = std::make_unique<SQLite::Statement>(
        db, "INSERT INTO people(version_id, ordinal, name, is_organisation) VALUES (?,?,?,?)");
    insert_alias = std::make_unique<SQLite::Statement>(
        db, "INSERT INTO aliases(person_id, text, start, end) VALUES (?,?,?,?)");
  }

  // WAL journal and the schema, retried while another process holds the
  // database. Two processes opening a new database at once contend in ways
  // SQLite's busy handler does not wait through: switching the journal mode
  // fails at once with SQLITE_BUSY when the other holds any lock. Both steps
  // are idempotent, so they are retried until `budget` (at least a few
  // seconds, since setting up takes milliseconds: --busy-timeout 0 means do
  // not wait for another's long write, not lose a race over the schema).
  Status SetUp(bool wal, std::chrono::milliseconds budget) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::max(budget, std::chrono::milliseconds(5000));
    auto pause = std::chrono::milliseconds(2);
    for (;;) {
      try {
        if (wal && db.execAndGet("PRAGMA journal_mode").getString() != "wal") db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
        db.exec("PRAGMA temp_store = MEMORY");
        // Checkpoint every 32 MB of WAL (4 KB pages) rather than every 4 MB:
        // a batch rewrites the same index pages, copied back once per
        // checkpoint. Ingest of 4k generated articles: 6.8 s -> 6.2 s.
        if (wal) db.exec("PRAGMA wal_autocheckpoint = 8192");
        return Migrate();
      } catch (const SQLite::Exception& e) {
        const int primary = e.getErrorCode() & 0xFF;
        if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || Clock::now() + pause > deadline) throw;
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(100));
    }
  }

  Status Migrate() {
    const int current = db.execAndGet("PRAGMA user_version").getInt();
    const auto& migrations = embedded_migrations();
    if (current > static_cast<int>(migrations.size()))
      return Status::Invalid("database schema version " + std::to_string(current) +
                             " is newer than this crosscheck knows (" + std::to_string(migrations.size()) +
                             "); upgrade crosscheck");
    if (current == static_cast<int>(migrations.size())) return Status::Ok();
    // Foreign keys off while migrating, as SQLite's way of changing a table
    // asks (0009 rebuilds a table others refer to), and checked whole before
    // each migration commits. Set outside the transactions: inside one the
    // PRAGMA does nothing.
    const ScopedPragma migrating(db, "foreign_keys", 0, /*outside_transaction=*/true);
    const auto dangling_rows = [&] {
      return db.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt64();
    };
    // Applies migration i in a transaction, unless another process has;
    // rolls it back instead, returning how many, when it leaves more rows
    // naming a missing row than `allowed`.
    const auto apply = [&](size_t i, int64_t allowed) -> std::optional<int64_t> {
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      // Another process may have migrated while we waited for the lock.
      if (db.execAndGet("PRAGMA user_version").getInt() > static_cast<int>(i)) return std::nullopt;
      db.exec(std::string(migrations[i].content));
      const int64_t after = dangling_rows();
      if (after > allowed) return after;  // rolled back by tx
      db.exec("PRAGMA user_version = " + std::to_string(i + 1));
      tx.commit();
      return std::nullopt;
    };
    for (size_t i = static_cast<size_t>(current); i < migrations.size(); ++i) {
      if (!apply(i, 0)) continue;
      // A database edited by hand with keys off may hold such rows already:
      // they are counted only now (a scan of every key), and the migration
      // may leave as many as it found.
      const int64_t before = dangling_rows();
      if (const auto after = apply(i, before))
        return Status::Internal("migration " + std::string(migrations[i].name) + " would leave " +
                                std::to_string(*after) + " row(s) naming a missing row (" + std::to_string(before) +
                                " before it); it was not applied");
    }
    return Status::Ok();
  }
};

BulkWrites::BulkWrites(Store& store, bool background_checkpoints)
    : store_(store),
      unkeyed_(store.db(), "foreign_keys", 0, /*outside_transaction=*/true),
      trusted_(store.db(), /*fire_triggers=*/false) {
  if (background_checkpoints) {
    checkpoints_.emplace(store.db());
    store_.impl_->checkpoints = &*checkpoints_;
  }
}

BulkWrites::~BulkWrites() {
  if (checkpoints_) store_.impl_->checkpoints = nullptr;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() {
  if (impl_ && impl_->in_transaction) Rollback();
}

SQLite::Database& Store::db() { return impl_->db; }

int Store::schema_version() const { return impl_->db.execAndGet("PRAGMA user_version").getInt(); }

Result<Store> Store::Open(const std::string& path, OpenMode mode, std::chrono::milliseconds busy_timeout) {
  constexpr std::chrono::milliseconds kMinBusyWait{250};
  const std::string what = "database " + path;
  try {
    int flags = mode == OpenMode::kReadOnly ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    // One thread at a time uses a connection (threads extract and parse, this
    // one reads and writes), so SQLite need not lock it on every call: the
    // locks were a twentieth of loading a corpus.
    flags |= SQLite::OPEN_NOMUTEX;
    if (mode == OpenMode::kReadOnly && path != ":memory:" && !std::filesystem::exists(path))
      return Status::Invalid(what + ": no such database (run 'crosscheck ingest' first)");
    // SQLite also holds a database for moments of its own (a process opening
    // a WAL database rebuilds its shared index; a commit may checkpoint), and
    // a busy wait of 0 turned those into failures: two audits started
    // together with --busy-timeout 0 could both exit 2. Every wait is at
    // least kMinBusyWait: long enough for those moments, short next to
    // another process's real write.
    SQLite::Database database(path, flags, static_cast<int>(std::max(busy_timeout, kMinBusyWait).count()));
    auto impl = std::make_unique<Impl>(std::move(database), what);
    impl->db.exec("PRAGMA foreign_keys = ON");
    if (mode == OpenMode::kReadWrite) {
      CC_RETURN_IF_ERROR(impl->SetUp(path != ":memory:", busy_timeout).WithPrefix(what));
      impl->Prepare();
    } else {
      const int v = impl->db.execAndGet("PRAGMA user_version").getInt();
      if (v == 0) return Status::Invalid(what + ": not a crosscheck database (no schema)");
      if (v > static_cast<int>(embedded_migrations().size()))
        return Status::Invalid(what + ": database schema version " + std::to_string(v) +
                               " is newer than this crosscheck knows; upgrade crosscheck");
    }
    return Store(std::move(impl));
  } catch (const SQLite::Exception& e) {
    return sqlite_status(what, e.getErrorCode(), e.what());
  }
}

Status Store::Begin() {
  try {
    if (impl_->checkpoints != nullptr) impl_->checkpoints->Settle();
    impl_->unkeyed.emplace(impl_->db, "foreign_keys", 0, /*outside_transaction=*/true);
    impl_->db.exec("BEGIN IMMEDIATE");
    impl_->in_transaction = true;
    impl_->BeginBatch();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    Status st = sqlite_status(impl_->what + ": begin transaction", e.getErrorCode(), e.what());
    if (impl_->in_transaction) Rollback();
    impl_->unkeyed.reset();
    return st;
  }
}

Status Store::Commit() {
  try {
    impl_->EndBatch();
    impl_->db.exec("COMMIT");
    impl_->in_transaction = false;
    impl_->unkeyed.reset();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    // Nothing of the batch is kept: indexing or committing failed.
    Status st = sqlite_status(impl_->what + ": commit", e.getErrorCode(), e.what());
    Rollback();
    return st;
  }
}

void Store::Rollback() {
  try {
    impl_->db.exec("ROLLBACK");
  } catch (const SQLite::Exception&) {
    // Nothing to roll back: SQLite already did on the error that brought us here.
  }
  impl_->in_transaction = false;
  impl_->batch.reset();
  impl_->unkeyed.reset();
}

Result<std::optional<PutOutcome>> Store::FindUnchanged(const SourceInput& in) {
  try {
    const std::optional<int64_t> source = impl_->LookupSource(in);
    if (!source) return std::optional<PutOutcome>();
    auto& fv = *impl_->find_version;
    fv.reset();
    fv.bind(1, *source);
    fv.bind(2, in.content_hash);
    const std::optional<int64_t> version = Impl::FirstId(fv);
    if (!version) return std::optional<PutOutcome>();
    return std::optional<PutOutcome>(PutOutcome{PutAction::kUnchanged, *source, *version});
  } catch (const SQLite::Exception& e) {
    return sqlite_status(impl_->what + " (looking up " + in.file + ")", e.getErrorCode(), e.what());
  }
}

Result<PutOutcome> Store::PutSource(const SourceInput& in, const Document& doc, const ExtractedClaims& claims) {
  auto& db = impl_->db;
  for (const PersonRecord& p : claims.people)
    if (p.alias_texts.size() != p.alias_spans.size())
      return Status::Internal(in.file + ": the aliases of " + p.name + " come without their text");
  try {
    auto existing = FindUnchanged(in);
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) {
      // Another version with this content may exist but not be current: make it current.
      const PutOutcome o = **existing;
      SQLite::Statement cur(db, "SELECT is_current FROM source_versions WHERE id = ?");
      cur.bind(1, o.version_id);
      if (cur.executeStep() && cur.getColumn(0).getInt() == 1) return o;
    }
    // Alone, the source is its own transaction. Inside the caller's, no
    // savepoint: FTS5 writes out its pending index at every savepoint, which
    // doubled the cost of a batch. A failure then rolls back the caller's
    // whole transaction, so nothing half-stored can be committed after it.
    const bool own = sqlite3_get_autocommit(db.getHandle()) != 0;
    if (own) {
      db.exec("BEGIN IMMEDIATE");
      impl_->BeginBatch();
    }
    const auto commit_own = [&] {
      if (!own) return;
      impl_->EndBatch();
      db.exec("COMMIT");
    };
    try {
      PutOutcome out;
      const std::optional<int64_t> source = impl_->LookupSource(in);
      if (source) {
        out.action = PutAction::kNewVersion;
        out.source_id = *source;
        auto& retire = *impl_->retire_versions;
        retire.reset();
        retire.bind(1, *source);
        retire.exec();
        if (existing->has_value()) {
          SQLite::Statement reuse(db, "UPDATE source_versions SET is_current = 1, ingested_at = ? WHERE id = ?");
          reuse.bind(1, utc_now());
          reuse.bind(2, (*existing)->version_id);
          reuse.exec();
          commit_own();
          return PutOutcome{PutAction::kNewVersion, *source, (*existing)->version_id};
        }
      } else {
        auto& ins = *impl_->insert_source;
        ins.reset();
        ins.bind(1, in.locator);
        ins.bind(2, in.file);
        bind_opt(ins, 3, in.meta.url);
        ins.bind(4, in.format);
        ins.bind(5, utc_now());
        ins.exec();
        out.action = PutAction::kAdded;
        out.source_id = db.getLastInsertRowid();
      }

      const SourceMeta& m = in.meta;
      auto& iv = *impl_->insert_version;
      iv.reset();
      iv.bind(1, out.source_id);
      iv.bind(2, in.content_hash);
      iv.bindNoCopy(3, doc.normalized.original);  // both live until exec, below
      iv.bindNoCopy(4, doc.normalized.text);
      const std::string blob = offset_blob(doc.normalized.map);
      iv.bind(5, blob.data(), static_cast<int>(blob.size()));
      bind_opt(iv, 6, m.title);
      bind_opt(iv, 7, m.outlet);
      bind_opt(iv, 8, m.url);
      bind_opt(iv, 9, m.author);
      if (m.published) {
        iv.bind(10, m.published->text);
        iv.bind(11, date_precision_name(m.published->precision));
        iv.bind(12, m.published->inferred ? 1 : 0);
      } else {
        iv.bind(10);
        iv.bind(11);
        iv.bind(12, 0);
      }
      bind_opt(iv, 13, m.note);
      iv.bind(14, static_cast<int64_t>(doc.normalized.invalid_utf8));
      iv.bind(15, static_cast<int64_t>(doc.normalized.removed_controls));
      iv.bind(16, nlohmann::json(in.warnings).dump());
      iv.bind(17, utc_now());
      iv.exec();
      out.version_id = db.getLastInsertRowid();

      // Rows go in several to a statement; the texts they borrow (the
      // document's, the claims' fields) outlive the flushes below.
      RowInserter& seg = *impl_->segments;
      const auto put_segment = [&](const char* kind, size_t ordinal, size_t paragraph, BlockRole role,
                                   const std::string& reason, Span span) {
        seg.Int(out.version_id).Text(kind).Int(static_cast<int64_t>(ordinal)).Int(static_cast<int64_t>(paragraph));
        seg.Text(block_role_name(role));
        if (role == BlockRole::kChrome && !reason.empty()) {
          seg.Text(reason);
        } else {
          seg.Null();
        }
        seg.Int(static_cast<int64_t>(span.start)).Int(static_cast<int64_t>(span.end)).Text(doc.slice(span));
      };
      for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
        const Paragraph& p = doc.paragraphs[i];
        put_segment("paragraph", i, i, p.role, p.chrome_reason, p.span);
      }
      for (size_t i = 0; i < doc.sentences.size(); ++i) {
        const Sentence& s = doc.sentences[i];
        put_segment("sentence", i, s.paragraph, s.role, doc.paragraphs[s.paragraph].chrome_reason, s.span);
      }
      seg.Flush();

      RowInserter& ic = *impl_->claims;
      for (size_t i = 0; i < claims.claims.size(); ++i) {
        const Claim& c = claims.claims[i];
        ic.Int(out.version_id).Text(claim_kind_name(c.kind)).Int(static_cast<int64_t>(i));
        if (c.sentence) {
          ic.Int(static_cast<int64_t>(*c.sentence));
        } else {
          ic.Null();
        }
        ic.Int(static_cast<int64_t>(c.span.start)).Int(static_cast<int64_t>(c.span.end)).Text(doc.slice(c.span));
        ic.Text(c.fields_text.view());
      }
      ic.Flush();
      auto& ip = *impl_->insert_person;
      auto& ia = *impl_->insert_alias;
      for (size_t i = 0; i < claims.people.size(); ++i) {
        const PersonRecord& p = claims.people[i];
        ip.reset();
        ip.bind(1, out.version_id);
        ip.bind(2, static_cast<int64_t>(i));
        ip.bind(3, p.name);
        ip.bind(4, p.organisation ? 1 : 0);
        ip.exec();
        const int64_t person_id = db.getLastInsertRowid();
        for (size_t k = 0; k < p.alias_spans.size(); ++k) {
          ia.reset();
          ia.bind(1, person_id);
          ia.bind(2, p.alias_texts[k]);
          ia.bind(3, static_cast<int64_t>(p.alias_spans[k].start));
          ia.bind(4, static_cast<int64_t>(p.alias_spans[k].end));
          ia.exec();
        }
      }
      commit_own();
      return out;
    } catch (...) {
      // On a full disk or an I/O error SQLite may have rolled back already;
      // the error to report is the first one.
      try {
        if (sqlite3_get_autocommit(db.getHandle()) == 0) db.exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
      }
      impl_->in_transaction = false;
      impl_->batch.reset();
      impl_->unkeyed.reset();
      impl_->DiscardRows();
      throw;
    }
  } catch (const SQLite::Exception& e) {
    return sqlite_status(impl_->what + " (storing " + in.file + ")", e.getErrorCode(), e.what());
  } catch (const nlohmann::json::exception& e) {
    return Status::Internal(in.file + ": " + e.what());
  }
}

}  // namespace crosscheck
