// Ingest: files -> raw sources -> documents and claims -> the store.
//
// Per-file problems (unreadable, empty, binary, too large, a bad JSON line, a
// bad manifest row) are collected and reported; the other files go on. Only a
// failure of the database itself stops the run. Sources are committed in
// batches; each source with its segments and claims is all or nothing.
#ifndef CROSSCHECK_ENGINE_INGEST_H_
#define CROSSCHECK_ENGINE_INGEST_H_

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/extractor.h"
#include "engine/input_reader.h"
#include "engine/store.h"

namespace crosscheck {

struct IngestOptions {
  std::vector<std::filesystem::path> paths;  // files and directories; empty: the manifest's files
  std::optional<std::filesystem::path> manifest;
  SourceMeta overrides;    // --outlet, --published, ... : win over the file's and the manifest's
  InputLimits limits;
  size_t batch_sources = 64;  // sources per transaction (and files read at once)
  int jobs = 1;               // threads that read and extract; results do not depend on it
};

struct IngestedItem {
  std::string file;
  std::string locator;
  PutAction action = PutAction::kAdded;
  int64_t source_id = 0;
  int64_t version_id = 0;
  size_t sentences = 0;
  size_t chrome = 0;
  size_t claims = 0;
  std::vector<std::string> warnings;
};

struct IngestReport {
  std::vector<IngestedItem> items;
  std::vector<Status> problems;  // each names its file
  size_t bytes = 0;              // input bytes read
  size_t added() const;
  size_t unchanged() const;
};

// Called after each file with (files done, files in all).
using ProgressFn = std::function<void(size_t, size_t)>;

// Returns the report, or the Status of a database failure (what was committed
// before it stays).
Result<IngestReport> ingest(Store& store, const Pipeline& pipeline, const IngestOptions& options,
                            const ProgressFn& progress = {});

// Fields of `top` that are set replace those of `base`.
SourceMeta merge_meta(SourceMeta base, const SourceMeta& top);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_H_
