#include "engine/manifest.h"

#include <cstdint>
#include <fstream>
#include <optional>
#include <utility>

#include "engine/published_date.h"
#include "engine/utf8.h"

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

struct CsvRecord {
  std::vector<std::string> fields;
  size_t line = 0;
};

// RFC 4180 records. Text after a closing quote, before the next separator,
// is kept as part of the field (lenient, as spreadsheets write it). A record
// whose quoted field never closes is reported and dropped.
std::vector<CsvRecord> parse_csv(std::string_view name, std::string_view s, std::vector<Status>& problems) {
  std::vector<CsvRecord> records;
  size_t line = 1;
  size_t i = 0;
  while (i < s.size()) {
    CsvRecord rec;
    rec.line = line;
    bool record_done = false;
    bool broken = false;
    while (!record_done) {
      std::string field;
      if (i < s.size() && s[i] == '"') {
        ++i;
        bool closed = false;
        while (i < s.size()) {
          const char c = s[i];
          if (c == '"') {
            if (i + 1 < s.size() && s[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
          ++i;
        }
        if (!closed) {
          problems.push_back(Status::Invalid(std::string(name) + ":" + std::to_string(rec.line) +
                                             ": unterminated quoted field"));
          broken = true;
        }
      }
      while (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') field.push_back(s[i++]);
      rec.fields.push_back(std::move(field));
      if (i >= s.size()) {
        record_done = true;
      } else if (s[i] == ',') {
        ++i;
      } else {
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
        ++i;
        ++line;
        record_done = true;
      }
    }
    if (!broken) records.push_back(std::move(rec));
  }
  return records;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::string> cell(const CsvRecord& rec, int column) {
  if (column < 0 || static_cast<size_t>(column) >= rec.fields.size()) return std::nullopt;
  const std::string_view v = trim(rec.fields[static_cast<size_t>(column)]);
  if (v.empty()) return std::nullopt;
  return is_valid_utf8(v) ? std::string(v) : repair_utf8(v).text;
}

// Whether `p` (lexically normal, relative) stays below its base.
bool stays_below(const fs::path& p) {
  if (p.empty() || p == ".") return false;
  const auto first = p.begin();
  return first != p.end() && *first != ".." && !p.has_root_path();
}

}  // namespace

Result<Manifest> Manifest::Read(const fs::path& path, size_t max_bytes) {
  const std::string name = path.generic_string();
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    return Status::Io(name + (ec == std::errc::no_such_file_or_directory ? ": no such file or directory"
                                                                         : ": cannot read: " + ec.message()));
  }
  if (size > max_bytes) {
    return Status::Invalid(name + ": file is " + std::to_string(size) + " bytes, over the size limit of " +
                           std::to_string(max_bytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return Status::Io(name + ": cannot read");
  }
  if (looks_binary(bytes)) return Status::Invalid(name + ": binary file; not a manifest");
  Result<Manifest> m = Parse(name, bytes, path.parent_path());
  if (m.ok()) m->DropLinksOutside();
  return m;
}

void Manifest::DropLinksOutside() {
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(base_dir_.empty() ? fs::path(".") : base_dir_, ec);
  if (ec) return;
  std::vector<ManifestEntry> kept;
  for (ManifestEntry& e : entries_) {
    const fs::path real = fs::weakly_canonical(e.path, ec);
    const fs::path rel = ec ? fs::path() : real.lexically_relative(base);
    if (!ec && !stays_below(rel)) {
      problems_.push_back(Status::Invalid(name_ + ":" + std::to_string(e.line) + ": file '" + e.file +
                                          "' leads outside the manifest's directory (symbolic link)"));
      continue;
    }
    kept.push_back(std::move(e));
  }
  entries_ = std::move(kept);
  by_relative_.clear();
  by_basename_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) {
    by_relative_.emplace(entries_[i].relative, i);
    const std::string b = fs::path(entries_[i].relative).filename().generic_string();
    if (const auto [it, fresh] = by_basename_.try_emplace(b, i); !fresh) it->second = SIZE_MAX;
  }
}

Result<Manifest> Manifest::Parse(std::string_view display_name, std::string_view bytes, const fs::path& base_dir) {
  Manifest m;
  m.name_ = std::string(display_name);
  m.base_dir_ = base_dir;
  const std::string& name = m.name_;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::vector<Status> csv_problems;
  std::vector<CsvRecord> records = parse_csv(name, bytes, csv_problems);
  size_t first = 0;
  while (first < records.size() && records[first].fields.size() == 1 && trim(records[first].fields[0]).empty())
    ++first;
  if (first == records.size()) return Status::Invalid(name + ": empty manifest (no header row)");
  const CsvRecord& header = records[first];
  const std::string where_header = name + ":" + std::to_string(header.line);

  enum Column { kFile, kOutlet, kTitle, kPublished, kUrl, kNote, kAuthor, kId, kColumnCount };
  static constexpr const char* kNames[kColumnCount] = {"file", "outlet", "title", "published",
                                                        "url",  "note",   "author", "id"};
  int col[kColumnCount];
  for (int& c : col) c = -1;
  for (size_t k = 0; k < header.fields.size(); ++k) {
    const std::string h = ascii_lower(trim(header.fields[k]));
    for (int c = 0; c < kColumnCount; ++c) {
      if (h != kNames[c]) continue;
      if (col[c] >= 0) return Status::Invalid(where_header + ": duplicate column '" + h + "'");
      col[c] = static_cast<int>(k);
    }
  }
  if (col[kFile] < 0) return Status::Invalid(where_header + ": missing column 'file'");
  m.problems_ = std::move(csv_problems);

  const fs::path abs_base = fs::absolute(base_dir.empty() ? fs::path(".") : base_dir).lexically_normal();
  for (size_t r = first + 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const std::string where = name + ":" + std::to_string(rec.line);
    if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) continue;  // blank line
    if (rec.fields.size() > header.fields.size()) {
      m.problems_.push_back(Status::Invalid(where + ": row has " + std::to_string(rec.fields.size()) +
                                            " fields but the header has " + std::to_string(header.fields.size())));
      continue;
    }
    const std::optional<std::string> file = cell(rec, col[kFile]);
    if (!file) {
      m.problems_.push_back(Status::Invalid(where + ": empty 'file'"));
      continue;
    }
    fs::path rel = fs::path(*file).lexically_normal();
    if (rel.is_absolute()) rel = rel.lexically_relative(abs_base);
    if (!stays_below(rel)) {
      m.problems_.push_back(Status::Invalid(where + ": file '" + *file + "' is outside the manifest's directory"));
      continue;
    }
    ManifestEntry e;
    e.file = *file;
    e.relative = rel.generic_string();
    e.path = base_dir / rel;
    e.line = rec.line;
    if (const auto [it, fresh] = m.by_relative_.try_emplace(e.relative, m.entries_.size()); !fresh) {
      m.problems_.push_back(Status::Invalid(where + ": duplicate row for '" + e.relative + "' (first on line " +
                                            std::to_string(m.entries_[it->second].line) + ")"));
      continue;
    }
    e.meta.outlet = cell(rec, col[kOutlet]);
    e.meta.title = cell(rec, col[kTitle]);
    e.meta.url = cell(rec, col[kUrl]);
    e.meta.note = cell(rec, col[kNote]);
    e.meta.author = cell(rec, col[kAuthor]);
    e.meta.id = cell(rec, col[kId]);
    if (const auto published = cell(rec, col[kPublished])) {
      Result<PublishedDate> d = parse_published_date(*published);
      if (d.ok()) {
        e.meta.published = std::move(d).value();
      } else {
        m.problems_.push_back(d.status().WithPrefix(where + ": published"));
      }
    }
    const std::string base = rel.filename().generic_string();
    if (const auto [it, fresh] = m.by_basename_.try_emplace(base, m.entries_.size()); !fresh) it->second = SIZE_MAX;
    m.entries_.push_back(std::move(e));
  }
  return m;
}

const ManifestEntry* Manifest::Find(const fs::path& file) const {
  const auto lookup = [&](const fs::path& rel) -> const ManifestEntry* {
    if (!stays_below(rel)) return nullptr;
    const auto it = by_relative_.find(rel.generic_string());
    return it == by_relative_.end() ? nullptr : &entries_[it->second];
  };
  const fs::path normal = file.lexically_normal();
  std::error_code ec;
  const fs::path abs_base = fs::absolute(base_dir_.empty() ? fs::path(".") : base_dir_, ec).lexically_normal();
  const fs::path abs_file = fs::absolute(normal, ec).lexically_normal();
  if (!ec) {
    if (const ManifestEntry* e = lookup(abs_file.lexically_relative(abs_base))) return e;
  }
  if (!normal.is_absolute()) {
    if (const ManifestEntry* e = lookup(normal)) return e;
  }
  const auto it = by_basename_.find(normal.filename().generic_string());
  if (it == by_basename_.end() || it->second == SIZE_MAX) return nullptr;
  return &entries_[it->second];
}

}  // namespace crosscheck
