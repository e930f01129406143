#include "engine/findings_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <tuple>

#include "engine/row_inserter.h"
#include "engine/store.h"

namespace crosscheck {

const char* run_kind_name(RunKind k) {
  switch (k) {
    case RunKind::kCheck: return "check";
    case RunKind::kAudit: return "audit";
  }
  return "check";
}

std::optional<RunKind> parse_run_kind(std::string_view name) {
  for (RunKind k : {RunKind::kCheck, RunKind::kAudit})
    if (name == run_kind_name(k)) return k;
  return std::nullopt;
}

const char* finding_status_name(FindingStatus s) {
  switch (s) {
    case FindingStatus::kOpen: return "open";
    case FindingStatus::kConfirmed: return "confirmed";
    case FindingStatus::kDismissed: return "dismissed";
  }
  return "open";
}

std::optional<FindingStatus> parse_finding_status(std::string_view name) {
  for (FindingStatus s : {FindingStatus::kOpen, FindingStatus::kConfirmed, FindingStatus::kDismissed})
    if (name == finding_status_name(s)) return s;
  return std::nullopt;
}

namespace {

// A statement stepped to a row and never reset keeps a read transaction open
// on the snapshot it started from. If another process has committed since,
// BEGIN IMMEDIATE then fails at once (SQLITE_BUSY_SNAPSHOT, no busy wait): a
// second audit racing the first would fail instead of waiting. Outside a
// transaction nothing needs those reads, so they are reset (every statement
// of ours is reset before it is bound again).
void release_stale_reads(SQLite::Database& db) {
  sqlite3* handle = db.getHandle();
  for (sqlite3_stmt* st = sqlite3_next_stmt(handle, nullptr); st != nullptr; st = sqlite3_next_stmt(handle, st))
    if (sqlite3_stmt_busy(st) != 0 && sqlite3_stmt_readonly(st) != 0) sqlite3_reset(st);
}

// A write transaction of our own, or a savepoint inside the caller's.
class WriteScope {
 public:
  explicit WriteScope(SQLite::Database& db) : db_(db), own_(sqlite3_get_autocommit(db.getHandle()) != 0) {
    if (own_) release_stale_reads(db_);
    db_.exec(own_ ? "BEGIN IMMEDIATE" : "SAVEPOINT findings_store");
  }
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  ~WriteScope() {
    if (done_) return;
    try {
      if (own_) {
        if (sqlite3_get_autocommit(db_.getHandle()) == 0) db_.exec("ROLLBACK");
      } else {
        db_.exec("ROLLBACK TO findings_store");
        db_.exec("RELEASE findings_store");
      }
    } catch (const SQLite::Exception&) {
      // SQLite rolled back already on the error that brought us here.
    }
  }
  void Commit() {
    db_.exec(own_ ? "COMMIT" : "RELEASE findings_store");
    done_ = true;
  }
  // A transaction of our own (not a savepoint in the caller's).
  bool own() const { return own_; }

 private:
  SQLite::Database& db_;
  bool own_;
  bool done_ = false;
};

std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

RunInfo read_run(SQLite::Statement& q) {
  RunInfo r;
  r.id = q.getColumn(0).getInt64();
  r.kind = parse_run_kind(q.getColumn(1).getString()).value_or(RunKind::kCheck);
  r.started_at = q.getColumn(2).getString();
  r.finished_at = opt_text(q.getColumn(3));
  r.rules_version = q.getColumn(4).getString();
  r.sources = q.getColumn(5).getInt64();
  r.claims = q.getColumn(6).getInt64();
  r.findings_total = q.getColumn(7).getInt64();
  r.findings_new = q.getColumn(8).getInt64();
  return r;
}

constexpr const char* kRunColumns =
    "SELECT id, kind, started_at, finished_at, rules_version, sources, claims, findings_total, findings_new "
    "FROM runs ";

Result<std::optional<RunInfo>> query_run(SQLite::Database& db, const std::string& where, std::optional<int64_t> id) {
  try {
    SQLite::Statement q(db, kRunColumns + where);
    if (id) q.bind(1, *id);
    if (!q.executeStep()) return std::optional<RunInfo>();
    return std::optional<RunInfo>(read_run(q));
  } catch (const SQLite::Exception& e) {
    return sqlite_status("read runs", e.getErrorCode(), e.what());
  }
}

std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool names_source(const Finding& f, const std::string& source) {
  return std::any_of(f.evidence.begin(), f.evidence.end(), [&](const Evidence& e) {
    return e.file == source || base_name(e.file) == source;
  });
}

struct Writer {
  // In a transaction of its own (`own`), a failed insert rolls it back
  // whole (INSERT OR ROLLBACK), which spares SQLite a journal of the pages
  // each statement of several rows changes. In a savepoint in the caller's
  // transaction, a failed insert undoes its statement alone, and record_run
  // rolls back to its savepoint: the caller's transaction goes on.
  Writer(SQLite::Database& db, bool own)
      : insert(db,
               std::string(own ? "INSERT OR ROLLBACK" : "INSERT") +
                   " INTO findings(id, kind, severity, confidence, summary, explanation, details, first_run, "
                   "last_run, evidence_hash)",
               10, nullptr,
               // A finding raised before keeps its first run and status.
               "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, severity = excluded.severity, "
               "confidence = excluded.confidence, summary = excluded.summary, explanation = excluded.explanation, "
               "details = excluded.details, last_run = excluded.last_run, evidence_hash = excluded.evidence_hash"),
        exists(db,
               "SELECT status, coalesce((SELECT v.evidence_hash FROM reviews v WHERE v.finding_id = f.id "
               "                         ORDER BY v.id DESC LIMIT 1), f.evidence_hash) "
               "FROM findings f WHERE id = ?"),
        reopen(db, "UPDATE findings SET status = 'open' WHERE id = ?"),
        reopen_review(db,
                      "INSERT INTO reviews(finding_id, status, note, at, evidence_hash) VALUES (?, 'open', ?, ?, ?)"),
        earlier_audit(db,
                      "SELECT max(p.run_id) FROM run_findings p JOIN runs r ON r.id = p.run_id "
                      "WHERE p.finding_id = ? AND r.kind = 'audit' AND p.run_id < ?"),
        reopened_since(db, "SELECT 1 FROM run_findings WHERE finding_id = ? AND reopened = 1 AND run_id > ? LIMIT 1"),
        drop_evidence(db, "DELETE FROM evidence WHERE finding_id = ?"),
        stored_evidence(db,
                        "SELECT ordinal, source_id, version_id, file, start, end, text, fields FROM evidence "
                        "WHERE finding_id = ? ORDER BY ordinal"),
        version_source(db,
                       "SELECT v.source_id, s.file FROM source_versions v JOIN sources s ON s.id = v.source_id "
                       "WHERE v.id = ?"),
        insert_evidence(db,
                        std::string(own ? "INSERT OR ROLLBACK" : "INSERT") +
                            " INTO evidence(finding_id, ordinal, source_id, version_id, file, start, end, text, "
                        "fields)",
                        9, &insert),
        raised(db,
               std::string(own ? "INSERT OR ROLLBACK" : "INSERT") +
                   " INTO run_findings(run_id, finding_id, is_new, alert, reopened)",
               5, &insert) {}
  // Findings (new ones inserted, known ones updated), their evidence and
  // the run's rows go in several to a statement (RowInserter), evidence and
  // run rows each flushed after the findings they name;
  // Flush writes what is left. No read of write_finding's looks at them:
  // each reads the rows of its own finding, written by earlier runs.
  RowInserter insert;
  SQLite::Statement exists, reopen, reopen_review, earlier_audit, reopened_since, drop_evidence,
      stored_evidence, version_source;
  RowInserter insert_evidence, raised;
  void Flush() {
    insert.Flush();
    insert_evidence.Flush();
    raised.Flush();
  }
  // version id -> (source id, file), as version_source read them: a version
  // is the evidence of many findings.
  using Versions = std::unordered_map<int64_t, std::pair<int64_t, std::string>>;
  Versions versions;
  // The entry of a version, read once; versions.end() when it is not stored.
  Versions::const_iterator Version(int64_t id) {
    auto known = versions.find(id);
    if (known != versions.end()) return known;
    version_source.reset();
    version_source.bind(1, id);
    if (version_source.executeStep())
      known = versions.emplace(id, std::make_pair(version_source.getColumn(0).getInt64(),
                                                  version_source.getColumn(1).getString()))
                  .first;
    version_source.reset();
    return known;
  }
  // Reads every version `findings` cite, in the order of their ids, before
  // anything is written. Looked up between writes, each read a page of
  // source_versions (which holds the texts: a 3 GB table at 100k articles)
  // into a cache full of written pages, which it flushed first (see
  // record_run for the figures).
  void ReadVersions(const std::vector<Finding>& findings) {
    std::vector<int64_t> ids;
    for (const Finding& f : findings)
      for (const Evidence& e : f.evidence) ids.push_back(e.version_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    versions.reserve(ids.size());
    for (int64_t id : ids) Version(id);
  }
};

// Whether a text column holds exactly `s`, without copying it.
bool column_equals(const SQLite::Column& c, std::string_view s) {
  if (!c.isText()) return false;
  const auto n = static_cast<size_t>(c.getBytes());
  return n == s.size() && (n == 0 || std::memcmp(c.getText(), s.data(), n) == 0);
}

// What writing one finding did.
struct Written {
  bool is_new = false;
  bool reopened = false;
  bool alert = false;
};

// Each evidence item's fields as stored (compact JSON).
std::vector<std::string> dumped_fields(const Finding& f) {
  std::vector<std::string> out;
  out.reserve(f.evidence.size());
  for (const Evidence& e : f.evidence) out.push_back(stored_fields(e));
  return out;
}

// evidence_hash with each item's fields already dumped (dumped_fields).
std::string evidence_hash(const Finding& f, const std::vector<std::string>& fields) {
  // Items are sorted so that the comparator's order does not matter.
  std::vector<std::string> items;
  items.reserve(f.evidence.size());
  for (size_t i = 0; i < f.evidence.size(); ++i) {
    const Evidence& e = f.evidence[i];
    std::string item = std::to_string(e.source_id);
    item += '\x1f';
    item += e.text;
    item += '\x1f';
    item += fields[i];
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end());
  std::vector<std::string_view> parts = {finding_kind_name(f.kind)};
  for (const std::string& item : items) parts.push_back(item);
  return parts_hash(parts);
}

Status write_finding(Writer& w, const RunRecord& run, int64_t run_id, const Finding& f, Written& out) {
  std::vector<std::string> fields = dumped_fields(f);
  const std::string hash = evidence_hash(f, fields);
  w.exists.reset();
  w.exists.bind(1, f.id);
  const bool is_new = !w.exists.executeStep();
  out.is_new = is_new;
  FindingStatus status = FindingStatus::kOpen;
  if (!is_new) {
    status = parse_finding_status(w.exists.getColumn(0).getString()).value_or(FindingStatus::kOpen);
    // The hash the dismissal saw (or, for reviews older than 0005, the one
    // stored before this run); unknown means unchanged.
    const std::optional<std::string> seen = opt_text(w.exists.getColumn(1));
    out.reopened = status == FindingStatus::kDismissed && seen && *seen != hash;
  }
  w.exists.reset();
  // New or raised before: one upsert row either way.
  w.insert.Text(f.id).Text(finding_kind_name(f.kind)).Text(severity_name(f.severity)).Real(f.confidence);
  w.insert.Text(f.summary).Text(f.explanation).OwnedText(stored_details(f)).Int(run_id).Int(run_id);
  w.insert.OwnedText(hash);
  if (out.reopened) {
    status = FindingStatus::kOpen;
    w.reopen.reset();
    w.reopen.bind(1, f.id);
    w.reopen.exec();
    w.reopen_review.reset();
    w.reopen_review.bind(1, f.id);
    w.reopen_review.bind(2, "reopened by run " + std::to_string(run_id) + ": its evidence changed since it was dismissed");
    w.reopen_review.bind(3, run.finished_at);
    w.reopen_review.bind(4, hash);
    w.reopen_review.exec();
  }
  if (run.kind == RunKind::kAudit && status != FindingStatus::kDismissed) {
    // News to this audit: never raised by an earlier audit, or reopened
    // (by any run) since the last audit that raised it.
    out.alert = is_new || out.reopened;
    if (!out.alert) {
      w.earlier_audit.reset();
      w.earlier_audit.bind(1, f.id);
      w.earlier_audit.bind(2, run_id);
      std::optional<int64_t> last_audit;
      if (w.earlier_audit.executeStep() && !w.earlier_audit.getColumn(0).isNull())
        last_audit = w.earlier_audit.getColumn(0).getInt64();
      w.earlier_audit.reset();
      if (!last_audit) {
        out.alert = true;
      } else {
        w.reopened_since.reset();
        w.reopened_since.bind(1, f.id);
        w.reopened_since.bind(2, *last_audit);
        out.alert = w.reopened_since.executeStep();
        w.reopened_since.reset();
      }
    }
  }
  // Each evidence row as it is to be stored (the file: as given, else the
  // version's).
  struct Row {
    int64_t source_id, version_id;
    const std::string* file;
    const Evidence* e;
  };
  std::vector<Row> rows;
  rows.reserve(f.evidence.size());
  for (size_t i = 0; i < f.evidence.size(); ++i) {
    const Evidence& e = f.evidence[i];
    const auto known = w.Version(e.version_id);
    if (known == w.versions.end() || known->second.first != e.source_id)
      return Status::Invalid("finding " + f.id + " (" + finding_kind_name(f.kind) + "): evidence " +
                             std::to_string(i) + " names source " + std::to_string(e.source_id) + " version " +
                             std::to_string(e.version_id) + ", which is not stored");
    rows.push_back(Row{e.source_id, e.version_id, e.file.empty() ? &known->second.second : &e.file, &e});
  }
  if (!is_new) {
    // A finding raised again mostly has the same evidence: rewriting its
    // rows (and their index entries) was most of a re-check's recording.
    auto& stored = w.stored_evidence;
    stored.reset();
    stored.bind(1, f.id);
    size_t n = 0;
    bool same = true;
    while (same && stored.executeStep()) {
      same = n < rows.size() && stored.getColumn(0).getInt64() == static_cast<int64_t>(n) &&
             stored.getColumn(1).getInt64() == rows[n].source_id &&
             stored.getColumn(2).getInt64() == rows[n].version_id &&
             column_equals(stored.getColumn(3), *rows[n].file) &&
             stored.getColumn(4).getInt64() == static_cast<int64_t>(rows[n].e->span.start) &&
             stored.getColumn(5).getInt64() == static_cast<int64_t>(rows[n].e->span.end) &&
             column_equals(stored.getColumn(6), rows[n].e->text) && column_equals(stored.getColumn(7), fields[n]);
      ++n;
    }
    stored.reset();
    if (same && n == rows.size()) {
      rows.clear();  // stored as they are
    } else {
      w.drop_evidence.reset();
      w.drop_evidence.bind(1, f.id);
      w.drop_evidence.exec();
    }
  }
  // The finding (`findings`) and the versions' files (w.versions, whose
  // entries stay put) outlive the writer's flushes; the fields do not.
  for (size_t i = 0; i < rows.size(); ++i) {
    w.insert_evidence.Text(f.id).Int(static_cast<int64_t>(i)).Int(rows[i].source_id).Int(rows[i].version_id);
    w.insert_evidence.Text(*rows[i].file)
        .Int(static_cast<int64_t>(rows[i].e->span.start))
        .Int(static_cast<int64_t>(rows[i].e->span.end));
    w.insert_evidence.Text(rows[i].e->text).OwnedText(std::move(fields[i]));
  }
  w.raised.Int(run_id).Text(f.id).Int(is_new ? 1 : 0).Int(out.alert ? 1 : 0).Int(out.reopened ? 1 : 0);
  return Status::Ok();
}

void make_ids_unique(std::vector<Finding>& findings) {
  std::set<std::string> original;  // a suffixed id must not take one a later finding has
  for (const Finding& f : findings) original.insert(f.id);
  std::set<std::string> taken;
  std::map<std::string, int> next;
  for (Finding& f : findings) {
    if (taken.insert(f.id).second) continue;
    int& k = next[f.id];
    if (k < 2) k = 2;
    std::string candidate;
    do {
      candidate = f.id + "-" + std::to_string(k++);
    } while (original.count(candidate) || taken.count(candidate));
    taken.insert(candidate);
    f.id = std::move(candidate);
  }
}

int severity_rank(Severity s) {
  switch (s) {
    case Severity::kHigh: return 0;
    case Severity::kMedium: return 1;
    case Severity::kLow: return 2;
  }
  return 1;
}

}  // namespace

std::string evidence_hash(const Finding& f) { return evidence_hash(f, dumped_fields(f)); }

Result<RecordedRun> record_run(SQLite::Database& db, const RunRecord& run, std::vector<Finding> findings) {
  for (const Finding& f : findings) {
    if (!(f.confidence >= 0.0 && f.confidence <= 1.0))
      return Status::Invalid("finding " + f.id + ": confidence " + std::to_string(f.confidence) +
                             " is outside [0, 1]");
    if (f.id.empty()) return Status::Invalid(std::string("a ") + finding_kind_name(f.kind) + " finding has no id");
  }
  make_ids_unique(findings);
  try {
    // Kinds, severities and statuses come from enums, JSON from our serializer.
    TrustedWrites trusted(db, /*fire_triggers=*/true);
    // Foreign keys unchecked while findings are written, when no transaction
    // is open. The key of each evidence row into source_versions (which holds
    // the texts: 3 GB at 100k articles) looked its version up between writes,
    // reading a page into a cache full of written ones, which it flushed
    // first. write_finding checks those keys itself, once per version and
    // before writing (Writer::ReadVersions); the other keys name the run and
    // the findings it has just written. 100k articles, 233k findings: 25 to 27
    // s to record with either change alone, 14.9 s with both.
    ScopedPragma unchecked(db, "foreign_keys", 0, /*outside_transaction=*/true);
    // And a page cache of up to 256 MiB, not 2 MB: the evidence_source index
    // takes rows at random places (14.9 s to 12.7 s). The comparison's memory
    // is freed by then, and SQLite takes cache pages only as it needs them.
    ScopedPragma cache(db, "cache_size", -262144);
    WriteScope tx(db);
    SQLite::Statement ins(db,
                          "INSERT INTO runs(started_at, kind, rules_version, sources, claims, last_version_id) "
                          "VALUES (?,?,?,?,?,?)");
    ins.bind(1, run.started_at);
    ins.bind(2, run_kind_name(run.kind));
    ins.bind(3, run.rules_version);
    ins.bind(4, run.sources);
    ins.bind(5, run.claims);
    if (run.last_version_id) {
      ins.bind(6, *run.last_version_id);
    } else {
      ins.bind(6);
    }
    ins.exec();
    RecordedRun out;
    out.run.id = db.getLastInsertRowid();
    {
      // Written in the order of their ids, which is the order of the rows of
      // findings, evidence and run_findings: each insert goes next to the
      // last one instead of into a random page of a large table.
      std::vector<size_t> order(findings.size());
      std::iota(order.begin(), order.end(), size_t{0});
      std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return findings[x].id < findings[y].id; });
      std::vector<Written> written(findings.size());
      Writer w(db, tx.own());  // finalized before COMMIT
      w.ReadVersions(findings);
      for (size_t i : order) CC_RETURN_IF_ERROR(write_finding(w, run, out.run.id, findings[i], written[i]));
      w.Flush();
      for (size_t i = 0; i < findings.size(); ++i) {  // the comparator's order
        if (written[i].is_new) out.new_ids.push_back(findings[i].id);
        if (written[i].reopened) out.reopened_ids.push_back(findings[i].id);
        if (written[i].alert) out.alert_ids.push_back(findings[i].id);
      }
    }
    SQLite::Statement fin(db, "UPDATE runs SET finished_at = ?, findings_total = ?, findings_new = ? WHERE id = ?");
    fin.bind(1, run.finished_at);
    fin.bind(2, static_cast<int64_t>(findings.size()));
    fin.bind(3, static_cast<int64_t>(out.new_ids.size()));
    fin.bind(4, out.run.id);
    fin.exec();
    tx.Commit();
    out.run.kind = run.kind;
    out.run.started_at = run.started_at;
    out.run.finished_at = run.finished_at;
    out.run.rules_version = run.rules_version;
    out.run.sources = run.sources;
    out.run.claims = run.claims;
    out.run.findings_total = static_cast<int64_t>(findings.size());
    out.run.findings_new = static_cast<int64_t>(out.new_ids.size());
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("record findings", e.getErrorCode(), e.what());
  }
}

Result<std::optional<RunInfo>> find_run(SQLite::Database& db, int64_t id) {
  return query_run(db, "WHERE id = ?", id);
}

Result<std::optional<RunInfo>> latest_run(SQLite::Database& db) {
  return query_run(db, "ORDER BY id DESC LIMIT 1", std::nullopt);
}

Result<std::optional<AuditMark>> latest_audit_mark(SQLite::Database& db) {
  try {
    SQLite::Statement q(db,
                        "SELECT rules_version, last_version_id FROM runs WHERE kind = 'audit' ORDER BY id DESC LIMIT 1");
    if (!q.executeStep()) return std::optional<AuditMark>();
    AuditMark m;
    m.rules_version = q.getColumn(0).getString();
    if (!q.getColumn(1).isNull()) m.last_version_id = q.getColumn(1).getInt64();
    return std::optional<AuditMark>(std::move(m));
  } catch (const SQLite::Exception& e) {
    return sqlite_status("read runs", e.getErrorCode(), e.what());
  }
}

Result<std::vector<StoredFinding>> load_findings(SQLite::Database& db, const FindingFilter& filter) {
  try {
    // Constant fragments only: the alert column exists from 0005_audits.sql
    // on, and a read-only open of an older database must still read findings.
    // A run's findings are read from its run_findings rows: a test of each
    // finding against them scanned all 233k findings of an archive for an
    // audit's few hundred.
    std::string sql =
        "SELECT f.id, f.kind, f.severity, f.confidence, f.summary, f.explanation, f.details, "
        "f.status, f.first_run, f.last_run FROM ";
    sql += filter.run ? "run_findings r CROSS JOIN findings f ON f.id = r.finding_id WHERE r.run_id = ?1 "
                      : "findings f WHERE ?1 IS NULL ";
    sql += "AND (?2 IS NULL OR f.status = ?2) AND (?3 IS NULL OR f.id = ?3)";
    if (filter.alerts_only)
      sql += " AND EXISTS (SELECT 1 FROM run_findings a WHERE a.run_id = ?1 AND a.finding_id = f.id AND a.alert = 1)";
    if (filter.current_only)
      sql += " AND NOT EXISTS (SELECT 1 FROM evidence e JOIN source_versions v ON v.id = e.version_id "
             "                 WHERE e.finding_id = f.id AND v.is_current = 0)";
    SQLite::Statement q(db, sql);
    if (filter.id) {
      q.bind(3, *filter.id);
    } else {
      q.bind(3);
    }
    if (filter.run) {
      q.bind(1, *filter.run);
    } else {
      q.bind(1);
    }
    if (filter.status) {
      q.bind(2, finding_status_name(*filter.status));
    } else {
      q.bind(2);
    }
    SQLite::Statement ev(db,
                         "SELECT source_id, version_id, file, start, end, text, fields FROM evidence "
                         "WHERE finding_id = ? ORDER BY ordinal");
    std::vector<StoredFinding> out;
    while (q.executeStep()) {
      StoredFinding s;
      Finding& f = s.finding;
      f.id = q.getColumn(0).getString();
      const std::string kind = q.getColumn(1).getString();
      const auto k = parse_finding_kind(kind);
      if (!k) return Status::Io("finding " + f.id + " has unknown kind '" + kind + "'");
      f.kind = *k;
      f.severity = parse_severity(q.getColumn(2).getString()).value_or(Severity::kMedium);
      f.confidence = q.getColumn(3).getDouble();
      f.summary = q.getColumn(4).getString();
      f.explanation = q.getColumn(5).getString();
      f.details = nlohmann::json::parse(q.getColumn(6).getString(), nullptr, false);
      if (f.details.is_discarded()) f.details = nlohmann::json::object();
      s.status = parse_finding_status(q.getColumn(7).getString()).value_or(FindingStatus::kOpen);
      s.first_run = q.getColumn(8).getInt64();
      s.last_run = q.getColumn(9).getInt64();
      if (!filter.kinds.empty() && std::find(filter.kinds.begin(), filter.kinds.end(), f.kind) == filter.kinds.end())
        continue;
      if (filter.min_severity && severity_rank(f.severity) > severity_rank(*filter.min_severity)) continue;
      ev.reset();
      ev.bind(1, f.id);
      while (ev.executeStep()) {
        Evidence e;
        e.source_id = ev.getColumn(0).getInt64();
        e.version_id = ev.getColumn(1).getInt64();
        e.file = ev.getColumn(2).getString();
        e.span = Span{static_cast<uint32_t>(ev.getColumn(3).getInt64()),
                      static_cast<uint32_t>(ev.getColumn(4).getInt64())};
        e.text = ev.getColumn(5).getString();
        e.fields = nlohmann::json::parse(ev.getColumn(6).getString(), nullptr, false);
        if (e.fields.is_discarded()) e.fields = nlohmann::json::object();
        f.evidence.push_back(std::move(e));
      }
      if (filter.source && !names_source(f, *filter.source)) continue;
      out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const StoredFinding& a, const StoredFinding& b) {
      const Finding& x = a.finding;
      const Finding& y = b.finding;
      const auto key = [](const Finding& f) {
        return std::tuple<int, int, double, const std::string&>(severity_rank(f.severity), static_cast<int>(f.kind),
                                                                 -f.confidence, f.id);
      };
      return key(x) < key(y);
    });
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("read findings", e.getErrorCode(), e.what());
  }
}

Status review_finding(SQLite::Database& db, std::string_view id, FindingStatus status,
                      const std::optional<std::string>& note, const std::string& at) {
  try {
    WriteScope tx(db);
    SQLite::Statement up(db, "UPDATE findings SET status = ? WHERE id = ?");
    up.bind(1, finding_status_name(status));
    up.bind(2, std::string(id));
    if (up.exec() == 0) return Status::NotFound("no finding with id " + std::string(id));
    SQLite::Statement ins(db,
                          "INSERT INTO reviews(finding_id, status, note, at, evidence_hash) "
                          "VALUES (?1, ?2, ?3, ?4, (SELECT evidence_hash FROM findings WHERE id = ?1))");
    ins.bind(1, std::string(id));
    ins.bind(2, finding_status_name(status));
    if (note) {
      ins.bind(3, *note);
    } else {
      ins.bind(3);
    }
    ins.bind(4, at);
    ins.exec();
    tx.Commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status("review", e.getErrorCode(), e.what());
  }
}

Result<std::vector<ReviewRecord>> load_reviews(SQLite::Database& db, std::string_view id) {
  try {
    SQLite::Statement exists(db, "SELECT 1 FROM findings WHERE id = ?");
    exists.bind(1, std::string(id));
    if (!exists.executeStep()) return Status::NotFound("no finding with id " + std::string(id));
    SQLite::Statement q(db,
                        "SELECT id, status, note, at, evidence_hash FROM reviews WHERE finding_id = ? ORDER BY id");
    q.bind(1, std::string(id));
    std::vector<ReviewRecord> out;
    while (q.executeStep()) {
      ReviewRecord r;
      r.id = q.getColumn(0).getInt64();
      r.status = parse_finding_status(q.getColumn(1).getString()).value_or(FindingStatus::kOpen);
      r.note = opt_text(q.getColumn(2));
      r.at = q.getColumn(3).getString();
      r.evidence_hash = opt_text(q.getColumn(4));
      out.push_back(std::move(r));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("read reviews", e.getErrorCode(), e.what());
  }
}

Result<std::vector<SourceSummary>> load_source_summaries(SQLite::Database& db, const std::vector<int64_t>* ids) {
  try {
    // A summary's columns lie past the version's texts in its row: each row
    // read walks those pages, so a few sources are read one by one.
    SQLite::Statement q(db, std::string("SELECT s.source_id, s.version_id, s.file, s.outlet, s.title, s.published, "
                                        "s.url, (SELECT count(*) FROM claims c WHERE c.version_id = s.version_id) "
                                        "FROM sources_v s ") +
                                (ids ? "WHERE s.source_id = ?" : "ORDER BY s.source_id"));
    std::vector<SourceSummary> out;
    size_t next = 0;
    const auto step = [&] {
      if (ids == nullptr) return q.executeStep();
      while (next < ids->size()) {
        q.reset();
        q.bind(1, (*ids)[next++]);
        if (q.executeStep()) return true;
      }
      return false;
    };
    while (step()) {
      SourceSummary s;
      s.id = q.getColumn(0).getInt64();
      s.version_id = q.getColumn(1).getInt64();
      s.file = q.getColumn(2).getString();
      s.outlet = opt_text(q.getColumn(3));
      s.title = opt_text(q.getColumn(4));
      s.published = opt_text(q.getColumn(5));
      s.url = opt_text(q.getColumn(6));
      s.claims = q.getColumn(7).getInt64();
      out.push_back(std::move(s));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("read sources", e.getErrorCode(), e.what());
  }
}

Result<size_t> count_current_sources(SQLite::Database& db) {
  try {
    SQLite::Statement q(db, "SELECT count(*) FROM source_versions WHERE is_current = 1");
    q.executeStep();
    return static_cast<size_t>(q.getColumn(0).getInt64());
  } catch (const SQLite::Exception& e) {
    return sqlite_status("count sources", e.getErrorCode(), e.what());
  }
}

}  // namespace crosscheck
