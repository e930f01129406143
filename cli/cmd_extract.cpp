// crosscheck extract: run the extractors without a database, one JSON object
// per source per line on stdout (for pipelines and evaluation).
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/common.h"
#include "engine/input_reader.h"
#include "engine/utf8.h"

namespace crosscheck::cli {

namespace {

struct ExtractOptions {
  std::vector<std::string> files;
  std::string published;
  bool jsonl = false;
};

// Byte offsets into the normalized text -> code points of the input as given.
class OffsetConverter {
 public:
  explicit OffsetConverter(const Document& doc) : doc_(doc), index_(doc.normalized.original) {}
  size_t operator()(uint32_t normalized_byte) const {
    return index_.to_codepoint(doc_.normalized.map.to_original(normalized_byte));
  }

 private:
  const Document& doc_;
  CodepointIndex index_;
};

// Appends `v` as a JSON string (the text is valid UTF-8 after normalization).
void append_json_string(std::string& out, std::string_view v) {
  out += '"';
  for (const char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// One line of output, written directly: building a json tree per claim and
// dumping it was the largest cost of extract.
void append_source_json(std::string& out, const Document& doc, const ExtractedClaims& claims,
                        const std::string& file) {
  const OffsetConverter cp(doc);
  out += "{\"id\":";
  if (doc.meta.id) {
    append_json_string(out, *doc.meta.id);
  } else {
    out += "null";
  }
  out += ",\"file\":";
  append_json_string(out, file);
  out += ",\"published\":";
  if (doc.meta.published) {
    append_json_string(out, doc.meta.published->iso());
  } else {
    out += "null";
  }
  out += ",\"claims\":[";
  bool first = true;
  for (const Claim& c : claims.claims) {
    if (!first) out += ',';
    first = false;
    out += "{\"kind\":\"";
    out += claim_kind_name(c.kind);
    out += "\",\"start\":";
    out += std::to_string(cp(c.span.start));
    out += ",\"end\":";
    out += std::to_string(cp(c.span.end));
    out += ",\"text\":";
    const size_t ob = doc.normalized.map.to_original(c.span.start);
    const size_t oe = doc.normalized.map.to_original(c.span.end);
    append_json_string(out, std::string_view(doc.normalized.original).substr(ob, oe > ob ? oe - ob : 0));
    for (const auto& [k, v] : c.fields.items()) {
      if (k == "kind" || k == "start" || k == "end" || k == "text") continue;
      out += ',';
      append_json_string(out, k);
      out += ':';
      if ((k == "speaker_start" || k == "speaker_end") && v.is_number_unsigned()) {
        out += std::to_string(cp(v.get<uint32_t>()));
      } else {
        out += v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
    }
    out += '}';
  }
  out += "]}\n";
}

void emit(const Pipeline& pipeline, const RawSource& raw, const std::string& file, std::string& buffer) {
  const Document doc = pipeline.Prepare(raw.text, raw.meta);
  const ExtractedClaims claims = pipeline.Extract(doc);
  buffer.clear();
  append_source_json(buffer, doc, claims, file);
  std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace

void register_extract(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto opts = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Print the claims of each source as JSON Lines, without a database (offsets in code points)");
  cmd->add_option("files", opts->files, "Article files");
  cmd->add_option("--published", opts->published, "Publication date of the given files");
  cmd->add_flag("--jsonl", opts->jsonl,
                "Read JSON Lines from stdin: {\"text\", \"id\"?, \"published\"?, \"title\"?, \"outlet\"?}");
  cmd->callback([&g, &run, opts] {
    run = [&g, opts]() -> int {
      if (opts->jsonl == !opts->files.empty())
        return fail(Status::Invalid("extract: give either files or --jsonl (records on stdin)"));
      std::optional<PublishedDate> published;
      if (!opts->published.empty()) {
        auto p = parse_published_date(opts->published);
        if (!p.ok()) return fail(p.status().WithPrefix("--published"));
        published = *p;
      }
      auto pipeline = open_pipeline(g);
      if (!pipeline.ok()) return fail(pipeline.status());
      std::ios::sync_with_stdio(false);
      size_t problems = 0;
      std::string buffer;
      if (opts->jsonl) {
        std::string line;
        size_t line_number = 0;
        while (std::getline(std::cin, line)) {
          ++line_number;
          if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
          auto raw = read_jsonl_record("stdin", line_number, line);
          if (!raw.ok()) {
            ++problems;
            std::cerr << "crosscheck: " << raw.status().message() << "\n";
            continue;
          }
          for (const auto& w : raw->warnings) std::cerr << "crosscheck: warning: stdin:" << line_number << ": " << w << "\n";
          if (published && !raw->meta.published) raw->meta.published = published;
          emit(*pipeline, *raw, raw->file, buffer);
        }
      } else {
        for (const auto& f : opts->files) {
          ReadOutcome read = read_source_file(f);
          for (const auto& p : read.problems) {
            ++problems;
            std::cerr << "crosscheck: " << p.message() << "\n";
          }
          for (auto& raw : read.sources) {
            if (published) raw.meta.published = published;
            emit(*pipeline, raw, f, buffer);
          }
        }
      }
      std::cout.flush();
      return problems == 0 ? kExitOk : kExitBadInput;
    };
  });
}

}  // namespace crosscheck::cli
