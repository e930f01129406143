// Input: turning files into raw sources with metadata.
//
// This is the first stage of ingest. It finds the files under the paths a user
// gives, reads each one (plain text, Markdown, HTML or JSON Lines) and returns
// the article text with the metadata the file carries. It does not normalize:
// text keeps its bytes as found (invalid UTF-8 included; the normalizer repairs
// and counts it), except where a format's decoder already produces UTF-8
// (HTML entities and JSON escapes), as noted below.
//
// Every refusal is a Status naming the input ("dir/a.html: empty file",
// "feed.jsonl:3: invalid JSON at byte 7"); one bad file or record never stops
// the others. All readers run in time linear in their input and use no
// recursion on it.
#ifndef CROSSCHECK_ENGINE_INPUT_READER_H_
#define CROSSCHECK_ENGINE_INPUT_READER_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/document.h"
#include "engine/status.h"

namespace crosscheck {

enum class InputFormat { kText, kMarkdown, kHtml, kJsonl };
// "text", "markdown", "html", "jsonl" (persisted; never renamed).
const char* input_format_name(InputFormat format);

// The format named by a file's extension, case-insensitive: .txt .text -> text;
// .md .markdown -> Markdown; .html .htm .xhtml -> HTML; .jsonl .ndjson
// .json-lines -> JSON Lines. nullopt for any other extension.
std::optional<InputFormat> format_from_extension(std::string_view file_name);

// Guesses the format of bytes with no telling extension, from their first
// 4 KiB: a leading '<' with an HTML tag (<!doctype html>, <html>, <head>,
// <body>, <article>, <div>, <p>) -> HTML; a first line starting with '{' and
// every complete line of the prefix that is not blank starting with '{' ->
// JSON Lines; a first line "---" -> Markdown (front matter); else text.
InputFormat sniff_format(std::string_view bytes);

// Metadata as a file writes it, before validation (dates unparsed).
struct MetaFields {
  std::optional<std::string> id;
  std::optional<std::string> title;
  std::optional<std::string> outlet;
  std::optional<std::string> url;
  std::optional<std::string> author;
  std::optional<std::string> published;
  bool operator==(const MetaFields&) const = default;
};

struct RawSource {
  // The path as the user gave it, or as found under a directory (the given
  // directory joined with the path below it), in generic form.
  std::string file;
  // Unique per source: `file` itself, or for a JSON Lines record
  // "file#id=<id>" when the record has an id, else "file#L<line>".
  std::string locator;
  InputFormat format = InputFormat::kText;
  // The article text. Text files: the bytes as found. Markdown: the title from
  // front matter (unless the body starts with it), then the body with markup
  // stripped, paragraphs separated by "\n\n". HTML: the title, then the
  // article's blocks, separated by "\n\n" (UTF-8: the HTML decoder replaces
  // invalid bytes, counted in `warnings`). JSON Lines: the "text" field
  // exactly, so that offsets into it are offsets into what the caller sent
  // (the title stays in meta).
  std::string text;
  SourceMeta meta;
  // Things repaired or ignored, each a short sentence without the file name,
  // e.g. "published: bad publication date '2025-13-01': ... ; ignored".
  std::vector<std::string> warnings;
};

// The largest file read, by default. Larger files are refused.
inline constexpr size_t kDefaultMaxFileBytes = size_t{64} << 20;

struct InputLimits {
  size_t max_file_bytes = kDefaultMaxFileBytes;
};

struct ReadOutcome {
  std::vector<RawSource> sources;
  // Each names the file, and the line for a JSON Lines record.
  std::vector<Status> problems;
};

// A file to read, found by collect_input_files.
struct InputFile {
  std::filesystem::path path;  // to open
  std::string file;            // for RawSource::file and messages (generic form)
  std::string relative;        // below the directory given; the file name for a file given as such
};

struct CollectOutcome {
  std::vector<InputFile> files;
  std::vector<Status> problems;  // each names the path
};

// The files under `paths`, in order: a file as given (whatever its name); a
// directory walked depth-first, each directory's files (sorted by name) before
// its subdirectories (sorted by name),
// skipping hidden entries (names starting with '.'), symbolic links to
// directories, special files, and files that are not articles: README*,
// LICENSE*, CHANGELOG* and the extensions csv, tsv, toml, yaml, yml, images,
// audio and video, archives, PDF and office documents, databases. A path
// given twice (or a file inside a directory also given) is listed once.
// A missing path or an unreadable directory is a problem
// ("missing/a.txt: no such file or directory"); the others are still listed.
// A symbolic link found in a directory is read only when it leads to a file
// below that directory; else it is a problem
// ("dir/x.txt: symbolic link to a file outside dir; not read").
// No recursion; the walk is bounded by the file system.
CollectOutcome collect_input_files(const std::vector<std::filesystem::path>& paths);

// Reads one file. Refused with a Status naming `path` (as given, generic form):
//   "<file>: no such file or directory"
//   "<file>: not a regular file"
//   "<file>: cannot read: <reason>"
//   "<file>: file is <n> bytes, over the size limit of <m> bytes"
// and every refusal of read_source_bytes. The format comes from the
// extension, else from sniff_format.
ReadOutcome read_source_file(const std::filesystem::path& path, const InputLimits& limits = {});

// The same for bytes already in memory; `display_name` stands for the file in
// RawSource::file and in messages. `format` nullopt means: by the extension of
// `display_name`, else sniffed. Refusals:
//   "<name>: empty file"                  (no bytes, or only white space)
//   "<name>: binary file (NUL bytes or control characters); not read"
//   "<name>: no article text found"       (markup or front matter only)
// JSON Lines records are refused one by one (see read_jsonl_record); after
// 20 such problems the rest are counted in one last problem.
ReadOutcome read_source_bytes(std::string_view display_name, std::string_view bytes,
                              std::optional<InputFormat> format);

// Parses one JSON Lines record: a JSON object with "text" (a non-empty
// string, required) and optional "id" (string or integer), "title", "url",
// "outlet", "author" (strings), "published" (a date for
// parse_published_date). Other keys are ignored. Used by read_source_bytes and
// by `crosscheck extract --jsonl` on stdin. Invalid UTF-8 in the line is
// replaced before parsing (a warning counts it). Refusals name "<name>:<line>":
//   "<name>:<line>: invalid JSON at byte <k>: <what the parser says>"
//   "<name>:<line>: expected a JSON object"
//   "<name>:<line>: missing string field 'text'"
//   "<name>:<line>: field 'text' is empty"
//   "<name>:<line>: field 'id' must be a string or an integer"
// A field of the wrong type other than text/id is a warning and ignored; a bad
// date is a warning and dropped. REQUIRES: `line` holds no '\n'.
Result<RawSource> read_jsonl_record(std::string_view display_name, size_t line_number,
                                    std::string_view line);

// Converts fields as written into SourceMeta: values are trimmed and made
// valid UTF-8, empty ones dropped; `published` goes through
// parse_published_date and a bad one adds the warning
// "published: <reason>; ignored" and is dropped.
SourceMeta meta_from_fields(const MetaFields& fields, std::vector<std::string>& warnings);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INPUT_READER_H_
