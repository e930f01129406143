#include "engine/ingest.h"

#include <algorithm>
#include <deque>
#include <optional>

#include "engine/manifest.h"
#include "engine/parallel.h"

namespace crosscheck {

size_t IngestReport::added() const {
  size_t n = 0;
  for (const auto& i : items) n += i.action != PutAction::kUnchanged;
  return n;
}

size_t IngestReport::unchanged() const { return items.size() - added(); }

SourceMeta merge_meta(SourceMeta base, const SourceMeta& top) {
  const auto take = [](auto& into, const auto& from) {
    if (from) into = from;
  };
  take(base.id, top.id);
  take(base.title, top.title);
  take(base.outlet, top.outlet);
  take(base.url, top.url);
  take(base.author, top.author);
  take(base.published, top.published);
  take(base.note, top.note);
  return base;
}

namespace {

std::string absolute_locator(const std::filesystem::path& p) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(std::filesystem::absolute(p, ec), ec);
  return ec ? p.generic_string() : c.generic_string();
}

}  // namespace

Result<IngestReport> ingest(Store& store, const Pipeline& pipeline, const IngestOptions& options,
                            const ProgressFn& progress) {
  IngestReport report;
  std::optional<Manifest> manifest;
  if (options.manifest) {
    auto m = Manifest::Read(*options.manifest);
    if (!m.ok()) return m.status();
    manifest = std::move(m).value();
    for (const Status& p : manifest->problems()) report.problems.push_back(p);
  }
  std::vector<std::filesystem::path> paths = options.paths;
  if (paths.empty() && manifest) {
    for (const auto& e : manifest->entries()) paths.push_back(e.path);
  }
  CollectOutcome files = collect_input_files(paths);
  for (auto& p : files.problems) report.problems.push_back(std::move(p));

  // Files go in chunks through four phases: read (parallel), look up what is
  // already stored (serial), normalize and extract (parallel), store (serial,
  // in input order). With more than one job, the next chunk is extracted on
  // the other threads while this one is stored, and this one joins them
  // when it is done: storing is serial. Every database call stays on this
  // thread. Ids and results do not depend on options.jobs.
  struct Pending {
    SourceInput in;
    RawSource raw;
    std::optional<Document> doc;
    ExtractedClaims claims;
    bool unchanged = false;  // stored with this content when looked up
  };
  struct Chunk {
    std::vector<Pending> items;
    std::vector<Status> problems;  // reading problems, reported before the chunk is stored
    size_t bytes = 0;
    size_t files_done = 0;  // files finished once this chunk is stored (0: none)
  };
  const size_t batch_files = std::max<size_t>(1, options.batch_sources);

  // Reads the next batch of files and splits it into chunks of at most
  // batch_files sources (one JSON Lines file can hold many).
  size_t next_file = 0;
  std::deque<Chunk> ready;
  const auto read_more = [&]() {
    const size_t first = next_file, last = std::min(files.files.size(), first + batch_files);
    next_file = last;
    std::vector<ReadOutcome> reads(last - first);
    parallel_for(reads.size(), options.jobs,
                 [&](size_t i) { reads[i] = read_source_file(files.files[first + i].path, options.limits); });
    Chunk chunk;
    for (size_t i = 0; i < reads.size(); ++i) {
      const InputFile& input = files.files[first + i];
      for (auto& p : reads[i].problems) chunk.problems.push_back(std::move(p));
      const ManifestEntry* entry = manifest ? manifest->Find(input.path) : nullptr;
      const std::string abs = absolute_locator(input.path);
      for (RawSource& raw : reads[i].sources) {
        chunk.bytes += raw.text.size();
        Pending pd;
        SourceInput& in = pd.in;
        in.file = input.file;
        const size_t hash_pos = raw.locator.find('#');
        in.locator = hash_pos == std::string::npos ? abs : abs + raw.locator.substr(hash_pos);
        in.format = input_format_name(raw.format);
        in.meta = raw.meta;
        if (entry != nullptr) in.meta = merge_meta(std::move(in.meta), entry->meta);
        in.meta = merge_meta(std::move(in.meta), options.overrides);
        in.warnings = std::move(raw.warnings);
        in.content_hash = content_hash(raw.text, in.meta);
        pd.raw = std::move(raw);
        chunk.items.push_back(std::move(pd));
        if (chunk.items.size() == batch_files) {
          ready.push_back(std::move(chunk));
          chunk = Chunk{};
        }
      }
      reads[i].sources.clear();
    }
    // The batch's files are done once its last chunk is stored.
    if (chunk.items.empty() && chunk.problems.empty() && chunk.bytes == 0 && !ready.empty()) {
      ready.back().files_done = last;
    } else {
      chunk.files_done = last;
      ready.push_back(std::move(chunk));
    }
  };
  const auto next_chunk = [&]() -> std::optional<Chunk> {
    if (ready.empty() && next_file < files.files.size()) read_more();
    if (ready.empty()) return std::nullopt;
    Chunk c = std::move(ready.front());
    ready.pop_front();
    return c;
  };

  // Sources already stored with this content are not extracted again.
  const auto look_up = [&](Chunk& c) -> Status {
    for (Pending& pd : c.items) {
      auto found = store.FindUnchanged(pd.in);
      if (!found.ok()) return found.status();
      pd.unchanged = found->has_value();
    }
    return Status::Ok();
  };
  const auto extract = [&pipeline](Pending& pd) {
    pd.doc = pipeline.Prepare(pd.raw.text, pd.in.meta);
    if (pd.doc->sentences.empty()) return;
    pd.claims = pipeline.Extract(*pd.doc);
  };
  const auto extract_all = [&](Chunk& c, int jobs) {
    parallel_for(c.items.size(), jobs, [&](size_t i) {
      if (!c.items[i].unchanged) extract(c.items[i]);
    });
  };
  // The batches' settings once for the whole run, not set and set back for
  // every chunk (each change re-prepares the store's statements); with more
  // than one job, the WAL copied back on a thread beside the writer.
  const BulkWrites bulk(store, /*background_checkpoints=*/options.jobs > 1);
  const auto store_chunk = [&](Chunk& c) -> Status {
    for (auto& p : c.problems) report.problems.push_back(std::move(p));
    report.bytes += c.bytes;
    if (c.items.empty()) return Status::Ok();
    CC_RETURN_IF_ERROR(store.Begin());
    for (Pending& pd : c.items) {
      SourceInput& in = pd.in;
      // Looked up again inside the transaction: another process, or an
      // earlier source, may have stored the same content.
      auto found = store.FindUnchanged(in);
      if (!found.ok()) {
        store.Rollback();
        return found.status();
      }
      IngestedItem item;
      item.file = in.file;
      item.locator = in.locator;
      if (found->has_value()) {
        item.action = PutAction::kUnchanged;
        item.source_id = (*found)->source_id;
        item.version_id = (*found)->version_id;
        report.items.push_back(std::move(item));
        pd = Pending{};
        continue;
      }
      if (!pd.doc) extract(pd);  // found unchanged before, changed since
      const Document& doc = *pd.doc;
      if (doc.normalized.invalid_utf8 > 0)
        in.warnings.push_back("invalid UTF-8: " + std::to_string(doc.normalized.invalid_utf8) +
                              " byte(s) replaced with U+FFFD");
      if (doc.sentences.empty()) {
        report.problems.push_back(Status::Invalid(in.file + ": no text left after normalization; not stored"));
        pd = Pending{};
        continue;
      }
      auto put = store.PutSource(in, doc, pd.claims);
      if (!put.ok()) {
        store.Rollback();
        return put.status();
      }
      item.action = put->action;
      item.source_id = put->source_id;
      item.version_id = put->version_id;
      item.sentences = doc.sentences.size();
      for (const auto& sen : doc.sentences) item.chrome += sen.role == BlockRole::kChrome;
      item.claims = pd.claims.claims.size();
      item.warnings = in.warnings;
      report.items.push_back(std::move(item));
      pd = Pending{};  // frees the text, document and claims
    }
    return store.Commit();
  };

  std::optional<Chunk> current = next_chunk();
  if (current) {
    CC_RETURN_IF_ERROR(look_up(*current));
    extract_all(*current, options.jobs);
  }
  while (current) {
    std::optional<Chunk> next = next_chunk();
    if (next) CC_RETURN_IF_ERROR(look_up(*next));
    // The other threads extract the next chunk while this one stores; done
    // storing, this one takes its share of what is left of it.
    std::optional<BackgroundFor> ahead;
    if (next && options.jobs > 1)
      ahead.emplace(next->items.size(), options.jobs - 1, [&](size_t i) {
        if (!next->items[i].unchanged) extract(next->items[i]);
      });
    Status stored = store_chunk(*current);
    if (ahead) {
      ahead->Finish();
    } else if (next && stored.ok()) {
      extract_all(*next, options.jobs);
    }
    CC_RETURN_IF_ERROR(stored);
    if (progress && current->files_done > 0) progress(current->files_done, files.files.size());
    current = std::move(next);
  }
  return report;
}

}  // namespace crosscheck
