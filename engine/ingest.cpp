#include "engine/ingest.h"

#include "engine/manifest.h"

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

  size_t in_batch = 0;
  bool open = false;
  const auto commit = [&]() -> Status {
    if (!open) return Status::Ok();
    open = false;
    in_batch = 0;
    return store.Commit();
  };

  for (size_t f = 0; f < files.files.size(); ++f) {
    const InputFile& input = files.files[f];
    ReadOutcome read = read_source_file(input.path, options.limits);
    for (auto& p : read.problems) report.problems.push_back(std::move(p));
    const ManifestEntry* entry = manifest ? manifest->Find(input.path) : nullptr;
    for (RawSource& raw : read.sources) {
      report.bytes += raw.text.size();
      SourceInput in;
      in.file = input.file;
      const std::string abs = absolute_locator(input.path);
      const size_t hash_pos = raw.locator.find('#');
      in.locator = hash_pos == std::string::npos ? abs : abs + raw.locator.substr(hash_pos);
      in.format = input_format_name(raw.format);
      in.meta = raw.meta;
      if (entry != nullptr) in.meta = merge_meta(std::move(in.meta), entry->meta);
      in.meta = merge_meta(std::move(in.meta), options.overrides);
      in.warnings = std::move(raw.warnings);
      in.content_hash = content_hash(raw.text, in.meta);

      if (!open) {
        CC_RETURN_IF_ERROR(store.Begin());
        open = true;
      }
      auto unchanged = store.FindUnchanged(in);
      if (!unchanged.ok()) {
        store.Rollback();
        return unchanged.status();
      }
      IngestedItem item;
      item.file = in.file;
      item.locator = in.locator;
      if (unchanged->has_value()) {
        item.action = PutAction::kUnchanged;
        item.source_id = (*unchanged)->source_id;
        item.version_id = (*unchanged)->version_id;
        report.items.push_back(std::move(item));
        continue;
      }
      Document doc = pipeline.Prepare(raw.text, in.meta);
      if (doc.normalized.invalid_utf8 > 0)
        in.warnings.push_back("invalid UTF-8: " + std::to_string(doc.normalized.invalid_utf8) +
                              " byte(s) replaced with U+FFFD");
      if (doc.sentences.empty()) {
        report.problems.push_back(Status::Invalid(in.file + ": no text left after normalization; not stored"));
        continue;
      }
      const ExtractedClaims claims = pipeline.Extract(doc);
      auto put = store.PutSource(in, doc, claims);
      if (!put.ok()) {
        store.Rollback();
        return put.status();
      }
      item.action = put->action;
      item.source_id = put->source_id;
      item.version_id = put->version_id;
      item.sentences = doc.sentences.size();
      for (const auto& s : doc.sentences) item.chrome += s.role == BlockRole::kChrome;
      item.claims = claims.claims.size();
      item.warnings = in.warnings;
      report.items.push_back(std::move(item));
      if (++in_batch >= options.batch_sources) CC_RETURN_IF_ERROR(commit());
    }
    if (progress) progress(f + 1, files.files.size());
  }
  CC_RETURN_IF_ERROR(commit());
  return report;
}

}  // namespace crosscheck
