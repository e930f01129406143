// Stored claim fields (a damaged or edited database): PackedFields::Parse
// against nlohmann's parser. Both must accept the same texts and read the
// same values; with a key filter, only kept top-level keys may remain.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include "engine/packed_fields.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = crosscheck::fuzz::as_view(data, size);
  // nlohmann reads a NUL byte as the end of the input ("{}\0x" is {}). A NUL
  // is valid nowhere in JSON text (raw in a string it is a control
  // character), and the packer refuses any text holding one.
  if (text.find('\0') != std::string_view::npos) {
    if (crosscheck::PackedFields::Parse(text)) std::abort();
    return 0;
  }
  auto want = nlohmann::json::parse(text, nullptr, false);
  const bool object = !want.is_discarded() && want.is_object();
  const auto got = crosscheck::PackedFields::Parse(text);
  if (object != got.has_value() || (got && got->view().ToJson() != want)) {
    std::fprintf(stderr, "packed fields and nlohmann disagree\n");
    std::abort();
  }
  if (!object) return 0;
  static const crosscheck::KeyFilter keep({"speaker", "event", "value", "written"});
  const auto kept = crosscheck::PackedFields::Parse(text, &keep);
  for (auto it = want.begin(); it != want.end();)
    it = keep.keeps(it.key()) ? std::next(it) : want.erase(it);
  if (!kept || kept->view().ToJson() != want) {
    std::fprintf(stderr, "filtered packed fields differ\n");
    std::abort();
  }
  return 0;
}
