#include "engine/audit_scope.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "engine/store.h"

namespace crosscheck {

Result<AuditScope> audit_scope(SQLite::Database& db, const std::set<int64_t>& focus_versions,
                               const ScopeOptions& options) {
  try {
    AuditScope out;
    SQLite::Statement count(db, "SELECT count(*) FROM source_versions WHERE is_current = 1");
    if (count.executeStep()) out.corpus = static_cast<size_t>(count.getColumn(0).getInt64());
    SQLite::Statement version(db,
                              "SELECT v.source_id, s.file FROM source_versions v JOIN sources s ON s.id = v.source_id "
                              "WHERE v.id = ? AND v.is_current = 1");
    SQLite::Statement names(db, "SELECT DISTINCT name FROM people WHERE version_id = ?");
    // Bounded: one row past the cap says the name is common.
    SQLite::Statement carriers(db,
                               "SELECT DISTINCT v.source_id FROM people p JOIN source_versions v ON v.id = p.version_id "
                               "WHERE p.name = ? AND v.is_current = 1 LIMIT ?");
    const int64_t limit = static_cast<int64_t>(options.max_name_sources) + 1;
    // Each name's carriers, looked up once; none when it is common.
    std::unordered_map<std::string, std::optional<std::vector<int64_t>>> carried;
    std::set<int64_t> scope;
    std::unordered_map<int64_t, uint32_t> shared;  // per source: distinctive names shared with this focus source
    for (int64_t focus_version : focus_versions) {
      version.reset();
      version.bind(1, focus_version);
      if (!version.executeStep()) continue;
      ++out.focus;
      const int64_t focus_source = version.getColumn(0).getInt64();
      scope.insert(focus_source);
      // Distinctive names, and those of them another source also carries
      // (a name new with this source links it to nothing, and must not
      // raise the number of names a neighbour has to share).
      size_t distinctive = 0, linking = 0;
      shared.clear();
      names.reset();
      names.bind(1, focus_version);
      while (names.executeStep()) {
        auto [it, added] = carried.try_emplace(names.getColumn(0).getString());
        if (added) {
          std::vector<int64_t> ids;
          carriers.reset();
          carriers.bind(1, it->first);
          carriers.bind(2, limit);
          while (carriers.executeStep()) ids.push_back(carriers.getColumn(0).getInt64());
          if (ids.size() <= options.max_name_sources) {
            it->second = std::move(ids);
          } else {
            ++out.common_names;
          }
        }
        if (!it->second) continue;
        ++distinctive;
        const auto& ids = *it->second;
        linking += std::any_of(ids.begin(), ids.end(), [&](int64_t id) { return id != focus_source; });
        for (int64_t id : ids) ++shared[id];
      }
      if (distinctive == 0) out.undistinguished.push_back(version.getColumn(1).getString());
      const uint32_t needed = static_cast<uint32_t>(std::min<size_t>(linking, options.min_shared_names));
      if (needed > 0)
        for (const auto& [id, n] : shared)
          if (n >= needed) scope.insert(id);
    }
    out.names = carried.size();
    out.whole_corpus = !out.undistinguished.empty() ||
                       static_cast<double>(scope.size()) > options.max_scope_share * static_cast<double>(out.corpus);
    if (!out.whole_corpus) out.sources.assign(scope.begin(), scope.end());
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status("find the audit's scope", e.getErrorCode(), e.what());
  }
}

}  // namespace crosscheck
