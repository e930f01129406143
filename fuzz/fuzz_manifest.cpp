// The manifest reader: any bytes as a sources.csv.
#include <filesystem>

#include "engine/manifest.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crosscheck;
  auto m = Manifest::Parse("sources.csv", fuzz::as_view(data, size), "corpus");
  if (!m.ok()) {
    if (m.status().message().rfind("sources.csv", 0) != 0) std::abort();
    return 0;
  }
  for (const ManifestEntry& e : m->entries()) {
    // No row may point outside the manifest's directory.
    const std::filesystem::path rel(e.relative);
    if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") std::abort();
    if (m->Find(e.path) == nullptr) std::abort();
  }
  return 0;
}
