// Normalization, segmentation and chrome marking of any bytes.
#include "engine/extractor.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crosscheck;
  const Pipeline& p = fuzz::loaded<Pipeline>();
  const Document doc = p.Prepare(fuzz::as_view(data, size), SourceMeta{});
  for (const Sentence& s : doc.sentences) {
    if (s.span.start > s.span.end || s.span.end > doc.normalized.text.size()) std::abort();
  }
  return 0;
}
