#include "engine/input_reader.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "engine/html_reader.h"
#include "engine/json_line.h"
#include "engine/markdown_reader.h"
#include "engine/published_date.h"
#include "engine/utf8.h"

namespace crosscheck {

namespace fs = std::filesystem;

const char* input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kText: return "text";
    case InputFormat::kMarkdown: return "markdown";
    case InputFormat::kHtml: return "html";
    case InputFormat::kJsonl: return "jsonl";
  }
  return "text";
}

namespace {

// File-type conventions, not language: which extension is which format, and
// which files in a corpus directory are never articles.
constexpr std::array<std::pair<std::string_view, InputFormat>, 10> kExtensions{{
    {"txt", InputFormat::kText},
    {"text", InputFormat::kText},
    {"md", InputFormat::kMarkdown},
    {"markdown", InputFormat::kMarkdown},
    {"html", InputFormat::kHtml},
    {"htm", InputFormat::kHtml},
    {"xhtml", InputFormat::kHtml},
    {"jsonl", InputFormat::kJsonl},
    {"ndjson", InputFormat::kJsonl},
    {"json-lines", InputFormat::kJsonl},
}};

constexpr std::array<std::string_view, 48> kSkippedExtensions{
    "csv",  "tsv",  "toml", "yaml", "yml",  "png",  "jpg",  "jpeg", "gif",  "webp",
    "svg",  "ico",  "bmp",  "tif",  "tiff", "avif", "heic", "mp3",  "mp4",  "m4a",
    "wav",  "ogg",  "webm", "mov",  "avi",  "mkv",  "zip",  "gz",   "tgz",  "bz2",
    "xz",   "zst",  "7z",   "rar",  "tar",  "pdf",  "doc",  "docx", "odt",  "xls",
    "xlsx", "ppt",  "pptx", "db",   "sqlite", "sqlite3", "db-wal", "db-shm"};

constexpr std::array<std::string_view, 3> kSkippedPrefixes{"readme", "license", "changelog"};

constexpr size_t kMaxJsonlProblems = 20;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The extension after the last dot of the last path component, lower-case.
std::string extension_of(std::string_view name) {
  const size_t slash = name.find_last_of('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  return ascii_lower(name.substr(dot + 1));
}

bool is_article_file_name(const std::string& name) {
  const std::string lower = ascii_lower(name);
  for (std::string_view p : kSkippedPrefixes)
    if (lower.rfind(p, 0) == 0) return false;
  const std::string ext = extension_of(lower);
  return std::find(kSkippedExtensions.begin(), kSkippedExtensions.end(), ext) == kSkippedExtensions.end();
}

std::string generic(const fs::path& p) { return p.generic_string(); }

// Whether canonical `p` lies inside canonical directory `dir`.
bool is_below(const fs::path& p, const fs::path& dir) {
  auto d = dir.begin();
  auto q = p.begin();
  for (; d != dir.end(); ++d, ++q) {
    if (d->empty() && std::next(d) == dir.end()) break;  // trailing separator
    if (q == p.end() || *q != *d) return false;
  }
  return q != p.end();
}

}  // namespace

std::optional<InputFormat> format_from_extension(std::string_view file_name) {
  const std::string ext = extension_of(file_name);
  for (const auto& [e, f] : kExtensions)
    if (e == ext) return f;
  return std::nullopt;
}

InputFormat sniff_format(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const std::string_view body = trim(head);
  if (!body.empty() && body.front() == '<') {
    const std::string lower = ascii_lower(body);
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p "})
      if (lower.find(tag) != std::string::npos) return InputFormat::kHtml;
  }
  const size_t first_end = head.find('\n');
  const std::string_view first = head.substr(0, first_end);
  if (trim(first) == "---") return InputFormat::kMarkdown;
  if (!body.empty() && body.front() == '{') {
    // Every complete line (the last one may be cut by the window) that is not
    // blank must open an object.
    size_t pos = 0;
    bool all = true;
    while (pos < head.size()) {
      const size_t end = head.find('\n', pos);
      if (end == std::string_view::npos) break;
      const std::string_view line = trim(head.substr(pos, end - pos));
      if (!line.empty() && line.front() != '{') {
        all = false;
        break;
      }
      pos = end + 1;
    }
    if (all) return InputFormat::kJsonl;
  }
  return InputFormat::kText;
}

SourceMeta meta_from_fields(const MetaFields& f, std::vector<std::string>& warnings) {
  const auto clean = [](const std::optional<std::string>& v) -> std::optional<std::string> {
    if (!v) return std::nullopt;
    const std::string_view t = trim(*v);
    if (t.empty()) return std::nullopt;
    if (is_valid_utf8(t)) return std::string(t);
    return repair_utf8(t).text;
  };
  SourceMeta m;
  m.id = clean(f.id);
  m.title = clean(f.title);
  m.outlet = clean(f.outlet);
  m.url = clean(f.url);
  m.author = clean(f.author);
  if (const auto pub = clean(f.published)) {
    Result<PublishedDate> d = parse_published_date(*pub);
    if (d.ok()) {
      m.published = std::move(d).value();
    } else {
      warnings.push_back("published: " + d.status().message() + "; ignored");
    }
  }
  return m;
}

namespace {

// The top-level members of `line` through the general JSON parser (nested
// values are kept as kNested), or the error that names the byte.
Result<FlatJsonObject> parse_json_members(const std::string& where, std::string_view line) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line.begin(), line.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 7: <why>; last read: '<input>'".
    // The input it quotes can be the whole line: it is left out.
    std::string why = e.what();
    const size_t colon = why.find(": ");
    why = colon == std::string::npos ? "syntax error" : why.substr(colon + 2);
    if (const size_t last = why.find("; last read: '"); last != std::string::npos) {
      const size_t expected = why.rfind("'; expected");
      if (expected != std::string::npos && expected > last) {
        why.erase(last, expected + 1 - last);
      } else {
        why.resize(last);
      }
    }
    return Status::Invalid(where + ": invalid JSON at byte " + std::to_string(e.byte) + ": " + why);
  } catch (const nlohmann::json::exception& e) {
    return Status::Invalid(where + ": invalid JSON: " + e.what());
  }
  if (!j.is_object()) return Status::Invalid(where + ": expected a JSON object");
  FlatJsonObject out;
  for (auto& [key, v] : j.items()) {
    FlatJsonValue value;
    if (v.is_string()) {
      value.type = FlatJsonValue::Type::kString;
      value.text = v.get<std::string>();
    } else if (v.is_number_integer()) {
      value.type = FlatJsonValue::Type::kInteger;
      value.text = v.dump();
    } else if (v.is_number()) {
      value.type = FlatJsonValue::Type::kNumber;
    } else if (v.is_boolean()) {
      value.type = FlatJsonValue::Type::kBool;
    } else if (v.is_null()) {
      value.type = FlatJsonValue::Type::kNull;
    } else {
      value.type = FlatJsonValue::Type::kNested;
    }
    out.emplace_back(key, std::move(value));
  }
  return out;
}

}  // namespace

Result<RawSource> read_jsonl_record(std::string_view display_name, size_t line_number,
                                    std::string_view line) {
  const std::string where = std::string(display_name) + ":" + std::to_string(line_number);
  RawSource src;
  src.file = std::string(display_name);
  src.format = InputFormat::kJsonl;
  std::string repaired;
  if (!is_valid_utf8(line)) {
    Utf8Repair r = repair_utf8(line);
    src.warnings.push_back(std::to_string(r.invalid_bytes) + " invalid UTF-8 bytes replaced by U+FFFD");
    repaired = std::move(r.text);
    line = repaired;
  }
  // The fast reader takes the common lines; the general parser the rest, and
  // it words the errors.
  std::optional<FlatJsonObject> members = read_flat_json_object(line);
  if (!members) {
    auto parsed = parse_json_members(where, line);
    if (!parsed.ok()) return parsed.status();
    members = std::move(*parsed);
  }
  using Type = FlatJsonValue::Type;
  FlatJsonValue* text = const_cast<FlatJsonValue*>(find_member(*members, "text"));
  if (text == nullptr || text->type != Type::kString) return Status::Invalid(where + ": missing string field 'text'");
  src.text = std::move(text->text);
  if (trim(src.text).empty()) return Status::Invalid(where + ": field 'text' is empty");

  MetaFields f;
  if (const FlatJsonValue* id = find_member(*members, "id"); id != nullptr && id->type != Type::kNull) {
    if (id->type != Type::kString && id->type != Type::kInteger)
      return Status::Invalid(where + ": field 'id' must be a string or an integer");
    f.id = id->text;
  }
  const std::pair<const char*, std::optional<std::string>*> fields[] = {
      {"title", &f.title}, {"url", &f.url}, {"outlet", &f.outlet},
      {"author", &f.author}, {"published", &f.published}};
  for (const auto& [key, slot] : fields) {
    const FlatJsonValue* v = find_member(*members, key);
    if (v == nullptr || v->type == Type::kNull) continue;
    if (v->type != Type::kString) {
      src.warnings.push_back(std::string("field '") + key + "' is not a string; ignored");
      continue;
    }
    *slot = v->text;
  }
  src.meta = meta_from_fields(f, src.warnings);
  src.locator = src.meta.id ? src.file + "#id=" + *src.meta.id : src.file + "#L" + std::to_string(line_number);
  return src;
}

namespace {

void read_jsonl(std::string_view name, std::string_view bytes, ReadOutcome& out) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::set<std::string> ids;
  size_t bad = 0;
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (trim(line).empty()) continue;
    Result<RawSource> r = read_jsonl_record(name, line_number, line);
    if (r.ok() && r->meta.id && !ids.insert(*r->meta.id).second) {
      r = Status::Invalid(std::string(name) + ":" + std::to_string(line_number) + ": duplicate id '" +
                          *r->meta.id + "'");
    }
    if (r.ok()) {
      out.sources.push_back(std::move(r).value());
    } else if (++bad <= kMaxJsonlProblems) {
      out.problems.push_back(r.status());
    }
  }
  if (bad > kMaxJsonlProblems) {
    out.problems.push_back(Status::Invalid(std::string(name) + ": " + std::to_string(bad - kMaxJsonlProblems) +
                                           " more bad lines not listed"));
  }
}

}  // namespace

ReadOutcome read_source_bytes(std::string_view display_name, std::string_view bytes,
                              std::optional<InputFormat> format) {
  ReadOutcome out;
  const std::string name(display_name);
  if (trim(bytes).empty()) {
    out.problems.push_back(Status::Invalid(name + ": empty file"));
    return out;
  }
  if (looks_binary(bytes)) {
    out.problems.push_back(Status::Invalid(name + ": binary file (NUL bytes or control characters); not read"));
    return out;
  }
  if (!format) format = format_from_extension(display_name);
  if (!format) format = sniff_format(bytes);
  if (*format == InputFormat::kJsonl) {
    read_jsonl(display_name, bytes, out);
    return out;
  }
  RawSource src;
  src.file = name;
  src.locator = name;
  src.format = *format;
  switch (*format) {
    case InputFormat::kText:
      src.text = std::string(bytes);
      break;
    case InputFormat::kMarkdown: {
      MarkdownArticle md = read_markdown(bytes);
      src.text = std::move(md.text);
      src.warnings = std::move(md.warnings);
      src.meta = meta_from_fields(md.meta, src.warnings);
      break;
    }
    case InputFormat::kHtml: {
      HtmlArticle html = read_html(bytes);
      src.text = std::move(html.text);
      src.warnings = std::move(html.warnings);
      src.meta = meta_from_fields(html.meta, src.warnings);
      break;
    }
    case InputFormat::kJsonl:
      break;  // handled above
  }
  if (trim(src.text).empty()) {
    out.problems.push_back(Status::Invalid(name + ": no article text found"));
    return out;
  }
  out.sources.push_back(std::move(src));
  return out;
}

ReadOutcome read_source_file(const fs::path& path, const InputLimits& limits) {
  ReadOutcome out;
  const std::string name = generic(path);
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) {
    out.problems.push_back(Status::Io(name + ": no such file or directory"));
    return out;
  }
  if (ec) {
    out.problems.push_back(Status::Io(name + ": cannot read: " + ec.message()));
    return out;
  }
  if (!fs::is_regular_file(st)) {
    out.problems.push_back(Status::Invalid(name + ": not a regular file"));
    return out;
  }
  const auto too_big = [&](uintmax_t size) {
    return Status::Invalid(name + ": file is " + std::to_string(size) + " bytes, over the size limit of " +
                           std::to_string(limits.max_file_bytes) + " bytes");
  };
  const uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > limits.max_file_bytes) {
    out.problems.push_back(too_big(size));
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.problems.push_back(Status::Io(name + ": cannot read: " + std::generic_category().message(errno)));
    return out;
  }
  // Read at most one byte past the limit: the file may grow after the size check.
  std::string bytes;
  bytes.resize(std::min<uintmax_t>(ec ? 0 : size, limits.max_file_bytes) + 1);
  size_t got = 0;
  while (in && got < bytes.size()) {
    in.read(bytes.data() + got, static_cast<std::streamsize>(bytes.size() - got));
    got += static_cast<size_t>(in.gcount());
    if (got == bytes.size() && got <= limits.max_file_bytes) bytes.resize(std::min(bytes.size() * 2, limits.max_file_bytes + 1));
  }
  if (in.bad()) {
    out.problems.push_back(Status::Io(name + ": cannot read: input error"));
    return out;
  }
  if (got > limits.max_file_bytes) {
    out.problems.push_back(too_big(got));
    return out;
  }
  bytes.resize(got);
  return read_source_bytes(name, bytes, std::nullopt);
}

CollectOutcome collect_input_files(const std::vector<fs::path>& paths) {
  CollectOutcome out;
  std::set<std::string> seen;  // canonical paths already listed
  const auto add = [&](const fs::path& path, std::string file, std::string relative) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(path, ec);
    if (ec) canon = fs::absolute(path, ec).lexically_normal();
    if (!seen.insert(canon.string()).second) return;
    out.files.push_back({path, std::move(file), std::move(relative)});
  };
  for (const fs::path& given : paths) {
    const std::string name = generic(given);
    std::error_code ec;
    const fs::file_status st = fs::status(given, ec);
    if (!fs::exists(st)) {
      out.problems.push_back(Status::Io(name + ": no such file or directory"));
      continue;
    }
    if (fs::is_regular_file(st)) {
      add(given, name, generic(given.filename()));
      continue;
    }
    if (!fs::is_directory(st)) {
      out.problems.push_back(Status::Invalid(name + ": not a regular file or directory"));
      continue;
    }
    const fs::path root = fs::weakly_canonical(given, ec);
    // Depth-first, each directory's entries sorted, with an explicit stack of
    // directories still to list (pushed in reverse so they pop in order).
    std::vector<fs::path> pending{fs::path()};
    while (!pending.empty()) {
      const fs::path rel_dir = std::move(pending.back());
      pending.pop_back();
      const fs::path dir = rel_dir.empty() ? given : given / rel_dir;
      std::vector<std::pair<std::string, bool>> entries;  // name, is directory
      fs::directory_iterator it(dir, ec);
      if (ec) {
        out.problems.push_back(Status::Io(generic(dir) + ": cannot read directory: " + ec.message()));
        continue;
      }
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        const fs::directory_entry& e = *it;
        const std::string entry_name = e.path().filename().string();
        if (entry_name.empty() || entry_name.front() == '.') continue;
        std::error_code sec;
        if (e.is_symlink(sec)) {
          if (!e.is_regular_file(sec) || !is_article_file_name(entry_name)) continue;
          // A link may lead anywhere (an unpacked archive can hold one to a
          // private file): only links to files below the given directory are read.
          if (!is_below(fs::weakly_canonical(e.path(), sec), root)) {
            out.problems.push_back(Status::Invalid(generic(e.path()) + ": symbolic link to a file outside " +
                                                   name + "; not read"));
            continue;
          }
          entries.emplace_back(entry_name, false);
          continue;
        }
        if (e.is_directory(sec)) {
          entries.emplace_back(entry_name, true);
        } else if (e.is_regular_file(sec) && is_article_file_name(entry_name)) {
          entries.emplace_back(entry_name, false);
        }
      }
      if (ec) out.problems.push_back(Status::Io(generic(dir) + ": cannot read directory: " + ec.message()));
      std::sort(entries.begin(), entries.end());
      // Files of this directory come in sorted order; subdirectories are
      // walked after them, also sorted.
      std::vector<fs::path> subdirs;
      for (const auto& [entry_name, is_dir] : entries) {
        const fs::path rel = rel_dir / entry_name;
        if (is_dir) {
          subdirs.push_back(rel);
        } else {
          add(given / rel, generic(given / rel), generic(rel));
        }
      }
      for (auto s = subdirs.rbegin(); s != subdirs.rend(); ++s) pending.push_back(*s);
    }
  }
  return out;
}

}  // namespace crosscheck
