// crosscheck extract: run the extractors without a database, one JSON object
// per source per line on stdout (for pipelines and evaluation).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/common.h"
#include "engine/input_reader.h"
#include "engine/json_scan.h"
#include "engine/parallel.h"
#include "engine/utf8.h"
#include "engine/word_tokens.h"

namespace crosscheck::cli {

namespace {

struct ExtractOptions {
  std::vector<std::string> files;
  std::string published;
  bool jsonl = false;
  std::string kinds;  // comma-separated; empty: all
  int jobs = 1;
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

// One line of output, written directly: building a json tree per claim and
// dumping it was the largest cost of extract.
void append_source_json(std::string& out, const Document& doc, const ExtractedClaims& claims,
                        const std::string& file) {
  const OffsetConverter cp(doc);
  out += "{\"id\":";
  if (doc.meta.id) {
    append_json_text(out, *doc.meta.id);
  } else {
    out += "null";
  }
  out += ",\"file\":";
  append_json_text(out, file);
  out += ",\"published\":";
  if (doc.meta.published) {
    append_json_text(out, doc.meta.published->iso());
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
    append_json_text(out, std::string_view(doc.normalized.original).substr(ob, oe > ob ? oe - ob : 0));
    // The fields' members follow as the extractor wrote them (none of them
    // is kind, start, end or text: packed_fields_test checks every kind); a
    // quote's speaker offsets are converted as the claim's own.
    const std::string_view fields = c.fields_text.view();
    if (c.kind != ClaimKind::kQuote && c.kind != ClaimKind::kReported) {
      if (fields.size() > 2) {
        out += ',';
        out += fields.substr(1, fields.size() - 2);
      }
    } else {
      for_each_json_member(fields, [&](std::string_view k, std::string_view v) {
        out += ',';
        append_json_text(out, k);
        out += ':';
        // Compared as views: lengths first, and no strlen of the literals.
        using namespace std::string_view_literals;
        uint32_t offset = 0;
        if ((k == "speaker_start"sv || k == "speaker_end"sv) &&
            std::from_chars(v.data(), v.data() + v.size(), offset).ptr == v.data() + v.size()) {
          out += std::to_string(cp(offset));
        } else {
          out += v;
        }
      });
    }
    out += '}';
  }
  out += "]}\n";
}

// One unit of work: a source read from a line or a file, or the messages of
// a line or file that could not be read. Output and messages are kept with
// the item and written in input order, whichever thread made them.
struct Item {
  std::optional<RawSource> raw;
  std::string file;
  std::string output;
  std::vector<std::string> messages;  // for stderr, in order
  size_t problems = 0;
};

class Extraction {
 public:
  Extraction(const Pipeline& pipeline, const ExtractOptions& opts, ClaimKindSet kinds,
             std::optional<PublishedDate> published)
      : pipeline_(pipeline), opts_(opts), kinds_(kinds), published_(std::move(published)) {}

  // Extracts a full batch's claims and writes them in input order. With one
  // job, at once. With more, in the background while the caller reads the
  // next batch (reading and parsing the input was a tenth of the work, done
  // while the other threads waited); the batch is written once the next one
  // is queued, or at Finish. At most two batches are held at a time.
  void Flush(std::vector<Item>& batch) {
    if (opts_.jobs <= 1) {
      for (Item& it : batch) ExtractItem(it);
      Write(batch);
      batch.clear();
      return;
    }
    if (batch.empty()) return;
    Finish();
    in_flight_ = std::make_unique<InFlight>();
    in_flight_->items = std::move(batch);
    batch.clear();
    in_flight_->work.emplace(in_flight_->items.size(), opts_.jobs - 1,
                             [this, items = &in_flight_->items](size_t i) { ExtractItem((*items)[i]); });
  }

  // Completes and writes the batch in the background, if any: the caller
  // takes its share of the items left.
  void Finish() {
    if (!in_flight_) return;
    in_flight_->work->Finish();
    Write(in_flight_->items);
    in_flight_.reset();
  }

  // Reads JSON Lines from stdin in batches of bounded size.
  void RunJsonl() {
    std::vector<Item> batch;
    size_t batch_bytes = 0;
    std::string line;
    size_t line_number = 0;
    while (std::getline(std::cin, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Item it;
      auto raw = read_jsonl_record("stdin", line_number, line);
      if (!raw.ok()) {
        it.messages.push_back("crosscheck: " + raw.status().message());
        it.problems = 1;
      } else {
        for (const auto& w : raw->warnings)
          it.messages.push_back("crosscheck: warning: stdin:" + std::to_string(line_number) + ": " + w);
        if (published_ && !raw->meta.published) raw->meta.published = published_;
        it.file = raw->file;
        it.raw = std::move(raw).value();
      }
      Add(batch, batch_bytes, std::move(it));
    }
    Flush(batch);
    Finish();
  }

  void RunFiles() {
    std::vector<Item> batch;
    size_t batch_bytes = 0;
    for (const auto& f : opts_.files) {
      ReadOutcome read = read_source_file(f);
      Item head;
      for (const auto& p : read.problems) head.messages.push_back("crosscheck: " + p.message());
      head.problems = read.problems.size();
      batch.push_back(std::move(head));
      for (auto& raw : read.sources) {
        if (published_) raw.meta.published = published_;
        Item it;
        it.file = f;
        it.raw = std::move(raw);
        Add(batch, batch_bytes, std::move(it));
      }
    }
    Flush(batch);
    Finish();
  }

  size_t problems() const { return problems_; }

  // Queues `it`; the batch is extracted and written once it reaches a bound.
  void Add(std::vector<Item>& batch, size_t& batch_bytes, Item it) {
    if (it.raw) batch_bytes += it.raw->text.size();
    batch.push_back(std::move(it));
    if (batch.size() >= kBatchItems || batch_bytes >= kBatchBytes) {
      Flush(batch);
      batch_bytes = 0;
    }
  }

 private:
  // Bounds on a batch (extracted, written and freed; two are held at most).
  static constexpr size_t kBatchItems = 512;
  static constexpr size_t kBatchBytes = 32u << 20;

  // A batch being extracted in the background. Its items stay put while the
  // threads work (the work is declared last: destroyed, and so finished,
  // first).
  struct InFlight {
    std::vector<Item> items;
    std::optional<BackgroundFor> work;
  };

  void ExtractItem(Item& it) const {
    if (!it.raw) return;
    const Document doc = pipeline_.Prepare(it.raw->text, it.raw->meta);
    const ExtractedClaims claims = pipeline_.Extract(doc, kinds_);
    append_source_json(it.output, doc, claims, it.file);
  }

  void Write(const std::vector<Item>& batch) {
    for (const Item& it : batch) {
      for (const auto& m : it.messages) std::cerr << terminal_safe(m, false) << "\n";
      problems_ += it.problems;
      std::cout.write(it.output.data(), static_cast<std::streamsize>(it.output.size()));
    }
  }

  const Pipeline& pipeline_;
  const ExtractOptions& opts_;
  ClaimKindSet kinds_;
  std::optional<PublishedDate> published_;
  size_t problems_ = 0;
  std::unique_ptr<InFlight> in_flight_;
};

Result<ClaimKindSet> parse_kinds(const std::string& list) {
  if (list.empty()) return kAllClaimKinds;
  ClaimKindSet set = 0;
  std::string names = list;
  std::replace(names.begin(), names.end(), ',', ' ');
  for (const auto& n : split_words(names)) {
    const auto k = parse_claim_kind(n);
    if (!k) return Status::Invalid("--kinds: unknown claim kind '" + n + "' (quote, reported, role, date, quantity)");
    set |= claim_kind_bit(*k);
  }
  return set;
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
  cmd->add_option("--kinds", opts->kinds, "Only these claim kinds, comma-separated: quote,reported,role,date,quantity");
  add_jobs_option(cmd, opts->jobs, "extract");
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
      auto kinds = parse_kinds(opts->kinds);
      if (!kinds.ok()) return fail(kinds.status());
      auto pipeline = open_pipeline(g);
      if (!pipeline.ok()) return fail(pipeline.status());
      std::ios::sync_with_stdio(false);
      Extraction x(*pipeline, *opts, *kinds, published);
      if (opts->jsonl) {
        x.RunJsonl();
      } else {
        x.RunFiles();
      }
      std::cout.flush();
      return x.problems() == 0 ? kExitOk : kExitBadInput;
    };
  });
}

}  // namespace crosscheck::cli
