// The whole extraction pipeline (every extractor and the people they name), as
// `crosscheck ingest` runs it. Each claim's fields, written as text without a
// tree, must be a JSON object in exactly compact_json's form (what the store
// keeps and extract prints).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include "engine/extractor.h"
#include "engine/published_date.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crosscheck;
  const std::string_view in = fuzz::as_view(data, size);
  SourceMeta meta;
  meta.published = parse_published_date("2026-01-22").value();
  const Pipeline& p = fuzz::loaded<Pipeline>();
  const Document doc = p.Prepare(in, meta);
  const ExtractedClaims claims = p.Extract(doc);
  for (const Claim& c : claims.claims) {
    if (c.span.start > c.span.end || c.span.end > doc.normalized.text.size()) std::abort();
    const std::string_view text = c.fields_text.view();
    const nlohmann::json fields = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!fields.is_object() || compact_json(fields) != text) {
      std::fprintf(stderr, "claim fields not in compact_json's form: %.*s\n", static_cast<int>(text.size()), text.data());
      std::abort();
    }
  }
  return 0;
}
