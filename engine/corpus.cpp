#include "engine/corpus.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <future>
#include <iterator>

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
  // Every current version, or one source's (bound to ?1) when `one` is set.
  Statements(SQLite::Database& db, bool one)
      : versions(db, std::string(kVersionColumns) + (one ? "WHERE s.source_id = ?" : "ORDER BY s.source_id")),
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
    c.fields = nullptr;  // the comparator reads c.packed
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

Result<std::vector<SourceView>> load_all(SQLite::Database& db, const KeyFilter* keep, const CorpusLoad& what) {
  Statements st(db, what.sources != nullptr);
  // The next version row: the next of them all, or of the next source asked for.
  size_t asked = 0;
  const auto next_row = [&] {
    if (what.sources == nullptr) return st.versions.executeStep();
    while (asked < what.sources->size()) {
      st.versions.reset();
      st.versions.bind(1, (*what.sources)[asked++]);
      if (st.versions.executeStep()) return true;
    }
    return false;
  };
  // Rows are read on this thread, a chunk of sources at a time; the claims'
  // JSON fields, most of the cost, are parsed on the other threads while
  // the next chunk is read (with one thread, right after each chunk).
  constexpr size_t kChunk = 256;
  struct Chunk {
    std::vector<SourceView> sources;
    std::vector<std::vector<std::string>> raw;  // per source: its claims' fields text
    std::vector<Status> status;
  };
  std::vector<Chunk> chunks;
  // Texts are compressed with a dictionary trained on the first chunk's.
  std::shared_ptr<const TextDictionary> dictionary;
  const auto parse = [keep, compress = what.compress_text, &dictionary](Chunk& c, int jobs) {
    c.status.assign(c.sources.size(), Status::Ok());
    parallel_for(c.sources.size(), jobs, [&](size_t k) {
      SourceView& v = c.sources[k];
      c.status[k] = parse_fields(v, c.raw[k], keep).WithPrefix(v.file);
      if (!compress) return;
      if (auto packed = CompressedText::Of(v.text, dictionary)) {  // else the text stays as it is
        v.packed = std::move(*packed);
        std::string().swap(v.text);
      }
    });
    c.raw.clear();
  };
  const bool overlap = what.jobs > 1;
  std::future<void> parsing;  // the previous chunk's; declared after `chunks`, so joined before they go
  Chunk next;
  const auto hand_over = [&] {
    if (parsing.valid()) parsing.get();
    if (what.compress_text && chunks.empty()) {  // before any chunk is parsed
      std::vector<std::string_view> samples;
      for (const SourceView& v : next.sources) samples.push_back(v.text);
      dictionary = TextDictionary::Train(samples);
    }
    chunks.push_back(std::move(next));
    next = Chunk();
    Chunk& c = chunks.back();
    if (overlap) {
      parsing = std::async(std::launch::async, [&parse, &c, jobs = what.jobs - 1] { parse(c, jobs); });
    } else {
      parse(c, 1);
    }
  };
  while (next_row()) {
    auto& q = st.versions;
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
    CC_RETURN_IF_ERROR(load_claims(st, v, what.claim_kinds, next.raw.emplace_back()).WithPrefix(v.file));
    CC_RETURN_IF_ERROR(load_people(st, v, what).WithPrefix(v.file));
    next.sources.push_back(std::move(v));
    if (next.sources.size() == kChunk) hand_over();
  }
  hand_over();
  if (parsing.valid()) parsing.get();
  size_t total = 0;
  for (const Chunk& c : chunks) total += c.sources.size();
  std::vector<SourceView> out;
  out.reserve(total);
  for (Chunk& c : chunks) {
    for (const Status& status : c.status) CC_RETURN_IF_ERROR(status);
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
    auto out = load_all(db, keep ? &*keep : nullptr, what);
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
