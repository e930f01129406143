// The quotes extractor over any prepared text (the first line, when it parses
// as a date, is the publication date the extractor anchors on).
#include "engine/quote_extractor.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crosscheck;
  const Document doc = fuzz::prepare_dated(fuzz::as_view(data, size));
  (void)fuzz::loaded<QuoteExtractor>().Extract(doc);
  return 0;
}
