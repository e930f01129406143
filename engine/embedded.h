// Files compiled into the binary at build time (cmake/embed.cmake).
#ifndef CROSSCHECK_ENGINE_EMBEDDED_H_
#define CROSSCHECK_ENGINE_EMBEDDED_H_

#include <string_view>
#include <vector>

namespace crosscheck {

struct EmbeddedFile {
  std::string_view name;     // file name without directory, e.g. "0001_sources.sql"
  std::string_view content;
};

// db/migrations/*.sql, sorted by name.
const std::vector<EmbeddedFile>& embedded_migrations();
// rules/*.toml, sorted by name.
const std::vector<EmbeddedFile>& embedded_rules();

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_EMBEDDED_H_
