// jsonl input: read_source_bytes, then Prepare on what it returns.
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return crosscheck::fuzz::read_input(data, size, crosscheck::InputFormat::kJsonl, "feed.jsonl");
}
