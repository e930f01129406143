// Manifests: per-source metadata in a CSV file (`--manifest sources.csv`).
//
// The CSV has a header row naming its columns; `file` is required, the others
// optional: outlet, title, published, url, note, author, id (unknown columns
// are ignored). Each row gives the metadata of one file, named relative to
// the manifest's directory. The format is RFC 4180: fields separated by
// commas, quoted with '"' (a quoted field may hold commas, newlines and
// doubled quotes), records ended by LF or CRLF; a leading UTF-8 BOM is skipped.
#ifndef CROSSCHECK_ENGINE_MANIFEST_H_
#define CROSSCHECK_ENGINE_MANIFEST_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/document.h"
#include "engine/status.h"

namespace crosscheck {

struct ManifestEntry {
  std::string file;      // as written in the manifest
  std::string relative;  // normalized, relative to the manifest's directory, generic form ("sub/a.txt")
  std::filesystem::path path;  // base_dir / relative
  SourceMeta meta;       // empty cells are unknown (nullopt); note included
  size_t line = 0;       // line where the row starts
};

class Manifest {
 public:
  // Reads and parses the manifest at `path` (its directory is the base).
  // Refused with a Status when the file cannot be read, is empty, binary or
  // larger than `max_bytes`, or when the header is unusable (see Parse).
  // A row whose file, once symbolic links are followed, lies outside the
  // manifest's directory is dropped with the problem
  //   "<name>:<line>: file '<file>' leads outside the manifest's directory (symbolic link)"
  static Result<Manifest> Read(const std::filesystem::path& path, size_t max_bytes = size_t{64} << 20);

  // Parses manifest text; `display_name` names it in messages ("sources.csv"),
  // `base_dir` is the directory the rows' files are relative to.
  // Refused (the whole manifest) with:
  //   "<name>: empty manifest (no header row)"
  //   "<name>:1: missing column 'file'"
  //   "<name>:1: duplicate column '<column>'"
  // Problems with single rows are kept in problems(), the rest of the rows
  // being read; the row is ignored unless said otherwise:
  //   "<name>:<line>: row has <n> fields but the header has <m>"
  //   "<name>:<line>: empty 'file'"
  //   "<name>:<line>: file '<file>' is outside the manifest's directory"
  //   "<name>:<line>: duplicate row for '<relative>' (first on line <k>)"
  //   "<name>:<line>: published: <reason>"   (the row is kept without a date)
  //   "<name>:<line>: unterminated quoted field"
  // Fewer fields than the header is allowed (the missing cells are empty).
  // Values are trimmed and made valid UTF-8. Linear in the input size.
  static Result<Manifest> Parse(std::string_view display_name, std::string_view bytes,
                                const std::filesystem::path& base_dir);

  // The entry for `file`, or nullptr. `file` may be relative to the current
  // directory or absolute (it matches when it names the same place below the
  // manifest's directory, compared lexically), or relative to the manifest's
  // directory; failing those, a file name matches the one entry with that
  // base name, when exactly one has it.
  const ManifestEntry* Find(const std::filesystem::path& file) const;

  const std::vector<ManifestEntry>& entries() const { return entries_; }
  const std::vector<Status>& problems() const { return problems_; }
  const std::string& name() const { return name_; }
  const std::filesystem::path& base_dir() const { return base_dir_; }

 private:
  Manifest() = default;
  void DropLinksOutside();
  std::string name_;
  std::filesystem::path base_dir_;
  std::vector<ManifestEntry> entries_;
  std::vector<Status> problems_;
  std::unordered_map<std::string, size_t> by_relative_;
  std::unordered_map<std::string, size_t> by_basename_;  // SIZE_MAX when ambiguous
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_MANIFEST_H_
