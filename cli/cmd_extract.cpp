// crosscheck extract: run the extractors without a database, one JSON object
// per source per line on stdout (for pipelines and evaluation).
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

nlohmann::json source_json(const Document& doc, const ExtractedClaims& claims, const std::string& file) {
  const OffsetConverter cp(doc);
  nlohmann::json out = nlohmann::json::object();
  out["id"] = doc.meta.id ? nlohmann::json(*doc.meta.id) : nlohmann::json(nullptr);
  out["file"] = file;
  out["published"] = doc.meta.published ? nlohmann::json(doc.meta.published->iso()) : nlohmann::json(nullptr);
  nlohmann::json list = nlohmann::json::array();
  for (const Claim& c : claims.claims) {
    nlohmann::json j = nlohmann::json::object();
    j["kind"] = claim_kind_name(c.kind);
    j["start"] = cp(c.span.start);
    j["end"] = cp(c.span.end);
    const size_t ob = doc.normalized.map.to_original(c.span.start);
    const size_t oe = doc.normalized.map.to_original(c.span.end);
    j["text"] = doc.normalized.original.substr(ob, oe > ob ? oe - ob : 0);
    for (const auto& [k, v] : c.fields.items()) {
      if ((k == "speaker_start" || k == "speaker_end") && v.is_number_unsigned()) {
        j[k] = cp(v.get<uint32_t>());
      } else {
        j[k] = v;
      }
    }
    list.push_back(std::move(j));
  }
  out["claims"] = std::move(list);
  return out;
}

void emit(const Pipeline& pipeline, const RawSource& raw, const std::string& file) {
  const Document doc = pipeline.Prepare(raw.text, raw.meta);
  const ExtractedClaims claims = pipeline.Extract(doc);
  std::cout << source_json(doc, claims, file).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
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
          emit(*pipeline, *raw, raw->file);
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
            emit(*pipeline, raw, f);
          }
        }
      }
      std::cout.flush();
      return problems == 0 ? kExitOk : kExitBadInput;
    };
  });
}

}  // namespace crosscheck::cli
