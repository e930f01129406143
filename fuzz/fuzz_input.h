// One input format read from any bytes, then prepared as ingest does.
#ifndef CROSSCHECK_FUZZ_FUZZ_INPUT_H_
#define CROSSCHECK_FUZZ_FUZZ_INPUT_H_

#include "engine/extractor.h"
#include "engine/input_reader.h"
#include "engine/utf8.h"
#include "fuzz/fuzz_support.h"

namespace crosscheck::fuzz {

inline int read_input(const uint8_t* data, size_t size, InputFormat format, const char* name) {
  const ReadOutcome out = read_source_bytes(name, as_view(data, size), format);
  for (const Status& p : out.problems) {
    // Every refusal names the input.
    if (p.message().rfind(name, 0) != 0) std::abort();
  }
  for (const RawSource& src : out.sources) {
    if (format == InputFormat::kHtml && !is_valid_utf8(src.text)) std::abort();
    (void)loaded<Pipeline>().Prepare(src.text, src.meta);
  }
  return 0;
}

}  // namespace crosscheck::fuzz

#endif  // CROSSCHECK_FUZZ_FUZZ_INPUT_H_
