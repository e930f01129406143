#include "engine/corpus.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <future>
#include <iterator>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "engine/parallel.h"
#include "engine/store.h"

namespace crosscheck {

namespace {

constexpr std::array kRoles = {BlockRole::kBody,   BlockRole::kTitle,   BlockRole::kHeading,
                               BlockRole::kByline, BlockRole::kCaption, BlockRole::kChrome};
constexpr std::array kPrecisions = {DatePrecision::kYear, DatePrecision::kMonth, DatePrecision::kDay,
                                    DatePrecision::kTimestamp};

std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

// A stored span that does not fit its text means a damaged database; the
// comparator slices text with spans, so they are checked here once.
Status checked_span(int64_t start, int64_t end, size_t text_size, Span& out) {
  if (start < 0 || end < start || static_cast<uint64_t>(end) > text_size)
    return Status::Io("stored span [" + std::to_string(start) + ", " + std::to_string(end) +
                      ") lies outside its text (" + std::to_string(text_size) + " bytes): damaged database");
  out = Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
  return Status::Ok();
}

constexpr const char* kVersionColumns =
    "SELECT s.source_id, s.version_id, s.file, s.locator, s.title, s.outlet, s.url, s.author, "
    "s.published, s.published_precision, s.published_inferred, s.note, v.text "
    "FROM sources_v s JOIN source_versions v ON v.id = s.version_id ";

struct Statements {
  // A source's current version (its id bound to ?1), and what a version holds.
  explicit Statements(SQLite::Database& db)
      : versions(db, std::string(kVersionColumns) + "WHERE s.source_id = ?"),
        sentences(db,
                  "SELECT paragraph, role, start, end FROM segments "
                  "WHERE version_id = ? AND kind = 'sentence' ORDER BY ordinal"),
        claims(db, "SELECT kind, sentence, start, end, fields FROM claims WHERE version_id = ? ORDER BY ordinal"),
        people(db,
               "SELECT p.id, p.name, p.is_organisation, a.text, a.start, a.end FROM people p "
               "LEFT JOIN aliases a ON a.person_id = p.id WHERE p.version_id = ? ORDER BY p.ordinal, a.id") {}
  SQLite::Statement versions, sentences, claims, people;
};

Status load_published(const SQLite::Column& text, const SQLite::Column& precision, const SQLite::Column& inferred,
                      SourceMeta& meta) {
  if (text.isNull()) return Status::Ok();
  auto parsed = parse_published_date(text.getString());
  if (!parsed.ok()) return parsed.status().WithPrefix("stored publication date");
  PublishedDate p = *parsed;
  if (!precision.isNull()) {
    const std::string name = precision.getString();
    for (DatePrecision d : kPrecisions)
      if (name == date_precision_name(d)) p.precision = d;
  }
  p.inferred = inferred.getInt() != 0;
  meta.published = std::move(p);
  return Status::Ok();
}

Status load_sentences(Statements& st, SourceView& v) {
  auto& q = st.sentences;
  q.reset();
  q.bind(1, v.version_id);
  while (q.executeStep()) {
    Sentence s;
    const int64_t paragraph = q.getColumn(0).getInt64();
    if (paragraph < 0) return Status::Io("negative paragraph ordinal: damaged database");
    s.paragraph = static_cast<uint32_t>(paragraph);
    const std::string_view role = q.getColumn(1).getText();
    for (BlockRole r : kRoles)
      if (role == block_role_name(r)) s.role = r;
    CC_RETURN_IF_ERROR(checked_span(q.getColumn(2).getInt64(), q.getColumn(3).getInt64(), v.text.size(), s.span));
    v.sentences.push_back(s);
  }
  v.sentences.shrink_to_fit();  // held for the whole comparison: no growth slack
  return Status::Ok();
}

// Reads the claims of `v` with empty fields; their JSON text goes to `raw`
// (one per claim), parsed later by parse_fields, on several threads.
Status load_claims(Statements& st, SourceView& v, const std::vector<ClaimKind>& kinds, std::vector<std::string>& raw) {
  auto& q = st.claims;
  q.reset();
  q.bind(1, v.version_id);
  while (q.executeStep()) {
    const std::string_view kind = q.getColumn(0).getText();
    const auto k = parse_claim_kind(kind);
    if (!k)
      return Status::Io("unknown claim kind '" + std::string(kind) + "': database written by a newer crosscheck?");
    ++v.claims_stored;
    if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), *k) == kinds.end()) continue;
    Claim c;
    c.kind = *k;
    const auto sentence = q.getColumn(1);
    if (!sentence.isNull()) {
      const int64_t s = sentence.getInt64();
      if (s < 0 || static_cast<uint64_t>(s) >= v.sentences.size())
        return Status::Io("claim sentence " + std::to_string(s) + " does not exist: damaged database");
      c.sentence = static_cast<uint32_t>(s);
    }
    CC_RETURN_IF_ERROR(checked_span(q.getColumn(2).getInt64(), q.getColumn(3).getInt64(), v.text.size(), c.span));
    raw.push_back(q.getColumn(4).getString());
    v.claims.push_back(std::move(c));
  }
  v.claims.shrink_to_fit();
  return Status::Ok();
}

// Packs each claim's fields from `raw` (consumed), with only the top-level
// keys `keep` keeps, if given.
Status parse_fields(SourceView& v, std::vector<std::string>& raw, const KeyFilter* keep) {
  for (size_t i = 0; i < v.claims.size(); ++i) {
    Claim& c = v.claims[i];
    auto packed = PackedFields::Parse(raw[i], keep);
    std::string().swap(raw[i]);
    if (!packed) return Status::Io("claim fields are not a JSON object: damaged database");
    c.packed = std::move(*packed);
  }
  return Status::Ok();
}

Status load_people(Statements& st, SourceView& v, const CorpusLoad& what) {
  auto& q = st.people;
  q.reset();
  q.bind(1, v.version_id);
  int64_t current = -1;
  // Each person's aliases are gathered here and then copied at their exact
  // size: vectors grown in place held up to twice what they keep.
  std::vector<Span> spans;
  std::vector<std::string> texts;
  const auto flush = [&] {
    if (v.people.empty()) return;
    v.people.back().alias_spans.assign(spans.begin(), spans.end());
    v.people.back().alias_texts.assign(std::make_move_iterator(texts.begin()), std::make_move_iterator(texts.end()));
    spans.clear();
    texts.clear();
  };
  while (q.executeStep()) {
    const int64_t id = q.getColumn(0).getInt64();
    if (id != current) {
      flush();
      current = id;
      PersonRecord p;
      p.name = q.getColumn(1).getString();
      p.organisation = q.getColumn(2).getInt() != 0;
      v.people.push_back(std::move(p));
    }
    if (q.getColumn(3).isNull() || (v.people.back().organisation && !what.organisation_aliases)) continue;
    Span span;
    CC_RETURN_IF_ERROR(checked_span(q.getColumn(4).getInt64(), q.getColumn(5).getInt64(), v.text.size(), span));
    spans.push_back(span);
    if (what.alias_text) texts.push_back(q.getColumn(3).getString());
  }
  flush();
  v.people.shrink_to_fit();
  return Status::Ok();
}

// Sources are read and parsed a chunk at a time.
constexpr size_t kChunk = 256;

struct Chunk {
  std::vector<int64_t> ids;  // the sources asked for, in order
  std::vector<SourceView> sources;
  std::vector<std::vector<std::string>> raw;  // per source: its claims' fields text
  Status status = Status::Ok();               // the first error of the chunk's sources
};

// Reads the current version of each of `c.ids` (those with none are skipped)
// with its sentences, claims (fields as text, in c.raw) and people.
Status read_chunk(Statements& st, const CorpusLoad& what, Chunk& c) {
  auto& q = st.versions;
  for (int64_t id : c.ids) {
    q.reset();
    q.bind(1, id);
    if (!q.executeStep()) continue;
    SourceView v;
    v.source_id = q.getColumn(0).getInt64();
    v.version_id = q.getColumn(1).getInt64();
    v.file = q.getColumn(2).getString();
    v.locator = q.getColumn(3).getString();
    v.meta.title = opt_text(q.getColumn(4));
    v.meta.outlet = opt_text(q.getColumn(5));
    v.meta.url = opt_text(q.getColumn(6));
    v.meta.author = opt_text(q.getColumn(7));
    CC_RETURN_IF_ERROR(load_published(q.getColumn(8), q.getColumn(9), q.getColumn(10), v.meta).WithPrefix(v.file));
    v.meta.note = opt_text(q.getColumn(11));
    v.text = q.getColumn(12).getString();
    CC_RETURN_IF_ERROR(load_sentences(st, v).WithPrefix(v.file));
    CC_RETURN_IF_ERROR(load_claims(st, v, what.claim_kinds, c.raw.emplace_back()).WithPrefix(v.file));
    CC_RETURN_IF_ERROR(load_people(st, v, what).WithPrefix(v.file));
    c.sources.push_back(std::move(v));
  }
  q.reset();  // no statement left on a row: it would hold the read open
  return Status::Ok();
}

// How a chunk read is packed: the claims' fields (with only the keys `keep`
// keeps, if given), and the texts when `compress` (with `dictionary`, if
// one could be trained).
struct Packing {
  const KeyFilter* keep = nullptr;
  bool compress = false;
  std::shared_ptr<const TextDictionary> dictionary;
};

// Packs a chunk read, on up to `jobs` threads.
void parse_chunk(Chunk& c, const Packing& how, int jobs) {
  std::vector<Status> status(c.sources.size(), Status::Ok());
  parallel_for(c.sources.size(), jobs, [&](size_t k) {
    SourceView& v = c.sources[k];
    status[k] = parse_fields(v, c.raw[k], how.keep).WithPrefix(v.file);
    if (!how.compress) return;
    if (auto packed = CompressedText::Of(v.text, how.dictionary)) {  // else the text stays as it is
      v.packed = std::move(*packed);
      std::string().swap(v.text);
    }
  });
  c.raw.clear();
  for (Status& s : status)
    if (c.status.ok() && !s.ok()) c.status = std::move(s);
}

// Runs `step`, turning a SQLite error into a status (it may run on a thread
// of parallel_for, which must not throw).
template <typename Step>
Status guarded(const Step& step) {
  try {
    return step();
  } catch (const SQLite::Exception& e) {
    return sqlite_status("load corpus", e.getErrorCode(), e.what());
  }
}

// The ids of the sources to load: those asked for, else every current one.
std::vector<int64_t> source_ids(SQLite::Database& db, const CorpusLoad& what) {
  if (what.sources != nullptr) return *what.sources;
  std::vector<int64_t> ids;
  SQLite::Statement q(db, "SELECT source_id FROM sources_v ORDER BY source_id");
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  return ids;
}

// The ids to load, read on `db` (whose read transaction the caller has
// begun), and up to `extra` further read-only connections to its file when
// there is more than one chunk to read. Each is in a read transaction that
// sees what `db` sees: a connection holding the write lock keeps anyone from
// committing while they all take their snapshot. None when that lock cannot
// be had at once (another process is writing) or `db` is not a file: the
// caller then reads on `db` alone.
std::vector<int64_t> ids_and_readers(SQLite::Database& db, const CorpusLoad& what, size_t extra,
                                     std::vector<std::unique_ptr<SQLite::Database>>& readers) {
  const char* file = sqlite3_db_filename(db.getHandle(), "main");
  if (extra == 0 || file == nullptr || *file == '\0') return source_ids(db, what);
  std::optional<SQLite::Database> pin;
  try {
    pin.emplace(file, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, 0);
    pin->exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception&) {
    return source_ids(db, what);  // busy or read-only: read on one connection
  }
  std::vector<int64_t> ids = source_ids(db, what);  // db's snapshot is taken here
  if (ids.size() > kChunk) {
    try {
      for (size_t i = 0; i < extra; ++i) {
        auto reader = std::make_unique<SQLite::Database>(file, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, 1000);
        reader->exec("BEGIN");
        reader->exec("SELECT count(*) FROM sqlite_schema");  // the snapshot is taken at the first read
        readers.push_back(std::move(reader));
      }
    } catch (const SQLite::Exception&) {
      readers.clear();
    }
  }
  pin->exec("ROLLBACK");
  return ids;
}

Result<std::vector<SourceView>> load_all(SQLite::Database& db, const KeyFilter* keep, const CorpusLoad& what,
                                         bool own_transaction) {
  const int jobs = std::max(what.jobs, 1);
  // With several threads, a transaction of our own and more than one chunk,
  // each thread reads and parses chunks on a connection of its own;
  // otherwise this thread reads, and the others parse a chunk while it reads
  // the next.
  std::vector<std::unique_ptr<SQLite::Database>> readers;
  const std::vector<int64_t> ids =
      ids_and_readers(db, what, own_transaction ? static_cast<size_t>(jobs - 1) : 0, readers);
  if (what.connections != nullptr) *what.connections = static_cast<int>(readers.size()) + 1;
  std::vector<Chunk> chunks((ids.size() + kChunk - 1) / kChunk);
  for (size_t i = 0; i < ids.size(); ++i) chunks[i / kChunk].ids.push_back(ids[i]);
  if (chunks.empty()) return std::vector<SourceView>();

  std::vector<std::unique_ptr<Statements>> st;
  st.push_back(std::make_unique<Statements>(db));
  for (auto& r : readers) st.push_back(std::make_unique<Statements>(*r));

  // Texts are compressed with a dictionary trained on the first chunk's.
  Packing how{keep, what.compress_text, nullptr};
  const auto read_first_chunk = [&](Statements& reader) {
    chunks[0].status = guarded([&] { return read_chunk(reader, what, chunks[0]); });
    if (chunks[0].status.ok() && what.compress_text) {
      std::vector<std::string_view> samples;
      for (const SourceView& v : chunks[0].sources) samples.push_back(v.text);
      how.dictionary = TextDictionary::Train(samples);
    }
  };

  if (st.size() > 1) {
    // While the first connection reads the first chunk and trains the
    // dictionary on it, the others read the next chunks: each waits for the
    // dictionary only to pack what it read.
    std::promise<void> trained;
    const std::shared_future<void> dictionary_ready = trained.get_future().share();
    std::atomic<size_t> next{1};
    parallel_for(st.size(), static_cast<int>(st.size()), [&](size_t reader) {
      if (reader == 0) {
        {
          struct Announce {  // even if training throws, no reader waits for ever
            std::promise<void>& done;
            ~Announce() { done.set_value(); }
          } announce{trained};
          read_first_chunk(*st[0]);
        }
        if (chunks[0].status.ok()) parse_chunk(chunks[0], how, 1);
      }
      for (size_t i = next.fetch_add(1); i < chunks.size(); i = next.fetch_add(1)) {
        Chunk& c = chunks[i];
        c.status = guarded([&] { return read_chunk(*st[reader], what, c); });
        dictionary_ready.wait();
        if (c.status.ok()) parse_chunk(c, how, 1);
      }
    });
  } else {
    read_first_chunk(*st[0]);
    CC_RETURN_IF_ERROR(chunks[0].status);
    parse_chunk(chunks[0], how, jobs);
    std::future<void> parsing;  // the previous chunk's
    for (size_t i = 1; i < chunks.size(); ++i) {
      Status read = guarded([&] { return read_chunk(*st[0], what, chunks[i]); });
      if (parsing.valid()) parsing.get();
      CC_RETURN_IF_ERROR(read);
      if (jobs > 1) {
        parsing = std::async(std::launch::async, [&, i] { parse_chunk(chunks[i], how, jobs - 1); });
      } else {
        parse_chunk(chunks[i], how, 1);
      }
    }
    if (parsing.valid()) parsing.get();
  }
  size_t total = 0;
  for (const Chunk& c : chunks) total += c.sources.size();
  std::vector<SourceView> out;
  out.reserve(total);
  for (Chunk& c : chunks) {
    CC_RETURN_IF_ERROR(c.status);
    std::move(c.sources.begin(), c.sources.end(), std::back_inserter(out));
  }
  return out;
}

}  // namespace

Result<CorpusCounts> count_corpus(SQLite::Database& db) {
  try {
    SQLite::Statement q(db,
                        "SELECT count(*), max(s.version_id), "
                        "(SELECT count(*) FROM claims c JOIN sources_v v ON v.version_id = c.version_id) "
                        "FROM sources_v s");
    CorpusCounts out;
    if (q.executeStep()) {
      out.sources = q.getColumn(0).getInt64();
      if (!q.getColumn(1).isNull()) out.last_version_id = q.getColumn(1).getInt64();
      out.claims = q.getColumn(2).getInt64();
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("count sources", e.getErrorCode(), e.what());
  }
}

Result<std::vector<SourceView>> load_corpus(SQLite::Database& db, const CorpusLoad& what) {
  std::optional<KeyFilter> keep;
  if (what.claim_fields != nullptr) keep.emplace(*what.claim_fields);
  // One read transaction, so a concurrent ingest cannot show us half of a
  // version swap. Inside the caller's transaction we already have a snapshot.
  const bool own = sqlite3_get_autocommit(db.getHandle()) != 0;
  try {
    if (own) db.exec("BEGIN");
    auto out = load_all(db, keep ? &*keep : nullptr, what, own);
    if (own) db.exec(out.ok() ? "COMMIT" : "ROLLBACK");
    return out;
  } catch (const SQLite::Exception& e) {
    if (own && sqlite3_get_autocommit(db.getHandle()) == 0) {
      try {
        db.exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
        // Already rolled back by SQLite.
      }
    }
    return sqlite_status("load corpus", e.getErrorCode(), e.what());
  }
}

}  // namespace crosscheck
