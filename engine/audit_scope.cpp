#include "engine/audit_scope.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "engine/store.h"
#include "engine/word_tokens.h"

namespace crosscheck {

namespace {

// The current sources carrying each key, looked up once per key through
// `query` (?1 the key, ?2 a limit); none when more than the cap carry it.
class Carriers {
 public:
  Carriers(SQLite::Database& db, const char* sql, size_t cap) : query_(db, sql), cap_(cap) {}

  const std::optional<std::vector<int64_t>>& Of(const std::string& key, const std::string& bound) {
    auto [it, added] = known_.try_emplace(key);
    if (!added) return it->second;
    std::vector<int64_t> ids;
    query_.reset();
    query_.bind(1, bound);
    query_.bind(2, static_cast<int64_t>(cap_) + 1);  // one row past the cap says the key is common
    while (query_.executeStep()) ids.push_back(query_.getColumn(0).getInt64());
    if (ids.size() <= cap_) {
      it->second = std::move(ids);
    } else {
      ++common_;
    }
    return it->second;
  }
  size_t keys() const { return known_.size(); }
  size_t common() const { return common_; }

 private:
  SQLite::Statement query_;
  size_t cap_;
  std::unordered_map<std::string, std::optional<std::vector<int64_t>>> known_;
  size_t common_ = 0;
};

struct KeyCount {
  size_t distinctive = 0;  // keys carried by at most the cap
  size_t linking = 0;      // of them, carried by another source too
};

// A name to look up, and how.
struct Key {
  Carriers* via;
  std::string key, bound;  // what identifies it, what the query binds
};

// Adds to `scope` the sources sharing enough of `keys` with `focus_source`
// (see audit_scope.h).
KeyCount add_neighbours(int64_t focus_source, const std::vector<Key>& keys, size_t min_shared,
                        std::set<int64_t>& scope) {
  std::unordered_map<int64_t, uint32_t> shared;  // per source: distinctive keys it shares
  // A key new with this source links it to nothing, and must not raise the
  // number of keys a neighbour has to share.
  KeyCount n;
  for (const Key& k : keys) {
    const auto& ids = k.via->Of(k.key, k.bound);
    if (!ids) continue;
    ++n.distinctive;
    n.linking += std::any_of(ids->begin(), ids->end(), [&](int64_t id) { return id != focus_source; });
    for (int64_t id : *ids) ++shared[id];
  }
  const uint32_t needed = static_cast<uint32_t>(std::min(n.linking, min_shared));
  if (needed > 0)
    for (const auto& [id, k] : shared)
      if (k >= needed) scope.insert(id);
  return n;
}

// An FTS5 query for one word, as a phrase ("o'neill" and "open-source" are
// several tokens to the index).
std::string phrase(const std::string& word) {
  std::string out = "\"";
  for (char c : word) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<AuditScope> audit_scope(SQLite::Database& db, const std::set<int64_t>& focus_versions,
                               const ScopeOptions& options) {
  try {
    AuditScope out;
    SQLite::Statement count(db, "SELECT count(*) FROM source_versions WHERE is_current = 1");
    if (count.executeStep()) out.corpus = static_cast<size_t>(count.getColumn(0).getInt64());
    SQLite::Statement fts(db, "SELECT value = 'on' FROM settings WHERE key = 'fts'");
    const bool indexed = fts.executeStep() && fts.getColumn(0).getInt() != 0;
    SQLite::Statement version(db,
                              "SELECT v.source_id, s.file FROM source_versions v JOIN sources s ON s.id = v.source_id "
                              "WHERE v.id = ? AND v.is_current = 1");
    SQLite::Statement names(db, "SELECT DISTINCT name, is_organisation FROM people WHERE version_id = ?");
    SQLite::Statement sentences(db,
                                "SELECT text FROM segments WHERE version_id = ? AND kind = 'sentence' "
                                "AND role <> 'chrome' ORDER BY ordinal");
    Carriers people(db,
                    "SELECT DISTINCT v.source_id FROM people p JOIN source_versions v ON v.id = p.version_id "
                    "WHERE p.name = ?1 AND v.is_current = 1 LIMIT ?2",
                    options.max_name_sources);
    Carriers written(db,
                     "SELECT DISTINCT v.source_id FROM sentences_fts JOIN segments g ON g.id = sentences_fts.rowid "
                     "JOIN source_versions v ON v.id = g.version_id "
                     "WHERE sentences_fts MATCH ?1 AND v.is_current = 1 LIMIT ?2",
                     options.max_name_sources);
    std::set<int64_t> scope;
    std::vector<Key> keys;
    for (int64_t focus_version : focus_versions) {
      version.reset();
      version.bind(1, focus_version);
      if (!version.executeStep()) continue;
      ++out.focus;
      const int64_t focus_source = version.getColumn(0).getInt64();
      scope.insert(focus_source);
      keys.clear();
      names.reset();
      names.bind(1, focus_version);
      std::set<std::string> seen;
      while (names.executeStep()) {
        std::string name = names.getColumn(0).getString();
        // A person by surname, written anywhere ("Ford" and "Phil Ford" are
        // one man in two articles), when the full-text index can say where;
        // an organisation by its name.
        std::string surname;
        if (indexed && names.getColumn(1).getInt() == 0)
          for_each_word(name, [&](std::string folded, bool) { surname = std::move(folded); });
        if (!surname.empty()) {
          if (seen.insert(surname).second) keys.push_back({&written, surname, phrase(surname)});
        } else {
          keys.push_back({&people, name, name});
        }
      }
      const KeyCount named = add_neighbours(focus_source, keys, options.min_shared_names, scope);
      if (named.linking > 0) continue;
      if (indexed) {
        // No one named links it to a stored source: the names written in
        // its sentences (places, firms, people the extraction did not
        // resolve), through the full-text index.
        keys.clear();
        sentences.reset();
        sentences.bind(1, focus_version);
        while (sentences.executeStep() && keys.size() < options.max_written_names)
          for_each_word(sentences.getColumn(0).getText(), [&](std::string folded, bool name) {
            if (name && folded.size() > 1 && keys.size() < options.max_written_names && seen.insert(folded).second)
              keys.push_back({&written, folded, phrase(folded)});
          });
        const KeyCount words = add_neighbours(focus_source, keys, options.min_shared_names, scope);
        out.by_written_names += words.linking > 0;
        if (words.distinctive > 0) continue;
      }
      // Names that no other source carries: a new story, not a copy.
      if (named.distinctive == 0) out.undistinguished.push_back(version.getColumn(1).getString());
    }
    out.names = people.keys() + written.keys();
    out.common_names = people.common() + written.common();
    out.whole_corpus = !out.undistinguished.empty() ||
                       static_cast<double>(scope.size()) > options.max_scope_share * static_cast<double>(out.corpus);
    if (!out.whole_corpus) out.sources.assign(scope.begin(), scope.end());
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("find the audit's scope", e.getErrorCode(), e.what());
  }
}

}  // namespace crosscheck
