#include "engine/ingest.h"

#include <algorithm>

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

  // Files go in batches through four phases: read (parallel), look up what is
  // already stored (serial), normalize and extract (parallel), store (serial,
  // in input order). Ids and results do not depend on options.jobs.
  struct Pending {
    SourceInput in;
    RawSource raw;
    std::optional<Document> doc;
    ExtractedClaims claims;
  };
  const size_t batch_files = std::max<size_t>(1, options.batch_sources);
  for (size_t first = 0; first < files.files.size(); first += batch_files) {
    const size_t last = std::min(files.files.size(), first + batch_files);
    std::vector<ReadOutcome> reads(last - first);
    parallel_for(reads.size(), options.jobs,
                 [&](size_t i) { reads[i] = read_source_file(files.files[first + i].path, options.limits); });

    std::vector<Pending> pending;
    for (size_t i = 0; i < reads.size(); ++i) {
      const InputFile& input = files.files[first + i];
      for (auto& p : reads[i].problems) report.problems.push_back(std::move(p));
      const ManifestEntry* entry = manifest ? manifest->Find(input.path) : nullptr;
      const std::string abs = absolute_locator(input.path);
      for (RawSource& raw : reads[i].sources) {
        report.bytes += raw.text.size();
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
        pending.push_back(std::move(pd));
      }
      reads[i].sources.clear();
    }

    // Sources are extracted and stored a chunk at a time, which bounds memory
    // when one file (JSON Lines) holds many of them.
    for (size_t c0 = 0; c0 < pending.size(); c0 += batch_files) {
      const size_t c1 = std::min(pending.size(), c0 + batch_files);
      // Sources already stored with this content are not extracted again.
      // Lookups and extraction run outside the write transaction, so other
      // processes are kept waiting only while sources are written.
      std::vector<bool> unchanged(c1 - c0, false);
      for (size_t i = c0; i < c1; ++i) {
        auto found = store.FindUnchanged(pending[i].in);
        if (!found.ok()) return found.status();
        unchanged[i - c0] = found->has_value();
      }
      const auto extract = [&pipeline](Pending& pd) {
        pd.doc = pipeline.Prepare(pd.raw.text, pd.in.meta);
        if (!pd.doc->sentences.empty()) pd.claims = pipeline.Extract(*pd.doc);
      };
      parallel_for(c1 - c0, options.jobs, [&](size_t i) {
        if (!unchanged[i]) extract(pending[c0 + i]);
      });
      CC_RETURN_IF_ERROR(store.Begin());
      for (size_t i = c0; i < c1; ++i) {
        Pending& pd = pending[i];
        SourceInput& in = pd.in;
        // Looked up again inside the transaction: another process, or an
        // earlier source of this batch, may have stored the same content.
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
      CC_RETURN_IF_ERROR(store.Commit());
    }
    if (progress)
      for (size_t f = first; f < last; ++f) progress(f + 1, files.files.size());
  }
  return report;
}

}  // namespace crosscheck
