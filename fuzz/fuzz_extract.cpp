// The whole extraction pipeline (every extractor and the people they name), as
// `crosscheck ingest` runs it, with the claims serialized as the store does.
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
    (void)c.fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
