// The quotes extractor over any prepared text (the first line, when it parses
// as a date, is the publication date the extractor anchors on).
#include "engine/quote_extractor.h"
#include "engine/extractor.h"
#include "engine/published_date.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crosscheck;
  const std::string_view in = fuzz::as_view(data, size);
  const size_t nl = in.find('\n');
  SourceMeta meta;
  if (nl != std::string_view::npos && nl < 40) {
    auto d = parse_published_date(in.substr(0, nl));
    if (d.ok()) meta.published = std::move(d).value();
  }
  const Document doc = fuzz::loaded<Pipeline>().Prepare(in, meta);
  (void)fuzz::loaded<QuoteExtractor>().Extract(doc);
  return 0;
}
