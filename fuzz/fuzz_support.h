// Shared by the libFuzzer targets: the engine stages compiled once from the
// built-in rules. A rule error aborts (the built-in rules must load).
#ifndef CROSSCHECK_FUZZ_FUZZ_SUPPORT_H_
#define CROSSCHECK_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "engine/extractor.h"
#include "engine/published_date.h"
#include "engine/rules.h"

namespace crosscheck::fuzz {

template <typename T>
const T& loaded() {
  static const T value = [] {
    auto r = T::Load(RuleSource::Builtin());
    if (!r.ok()) {
      std::fprintf(stderr, "built-in rules: %s\n", r.status().message().c_str());
      std::abort();
    }
    return std::move(r).value();
  }();
  return value;
}

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input prepared as a document; its first line, when it parses as a date,
// is the publication date the extractors anchor on.
inline Document prepare_dated(std::string_view in) {
  const size_t nl = in.find('\n');
  SourceMeta meta;
  if (nl != std::string_view::npos && nl < 40) {
    auto d = parse_published_date(in.substr(0, nl));
    if (d.ok()) meta.published = std::move(d).value();
  }
  return loaded<Pipeline>().Prepare(in, meta);
}

}  // namespace crosscheck::fuzz

#endif  // CROSSCHECK_FUZZ_FUZZ_SUPPORT_H_
