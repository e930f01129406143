// Helpers shared by the unit tests.
#ifndef CROSSCHECK_TESTS_TEST_SUPPORT_H_
#define CROSSCHECK_TESTS_TEST_SUPPORT_H_

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/document.h"
#include "engine/rules.h"

namespace crosscheck::testing {

// The rules compiled into the binary.
const RuleSource& builtin_rules();

// The T compiled once from the built-in rules (T::Load(builtin_rules())),
// shared by every test; a rule error throws, failing the test that asked.
template <typename T>
const T& loaded() {
  static const T value = [] {
    auto r = T::Load(builtin_rules());
    if (!r.ok()) throw std::runtime_error(r.status().message());
    return std::move(r).value();
  }();
  return value;
}

// Normalizes, segments and marks chrome in `text`, like ingest does.
// `published` is "" (unknown) or a date accepted by parse_published_date.
Document make_doc(std::string_view text, std::string_view published = "");

// Fields an append_*_fields function wrote, parsed. Throws unless the text
// is exactly compact_json's form of the object it parses to (keys ascending,
// numbers and strings as nlohmann's serializer writes them).
nlohmann::json written_fields(const std::string& text);

// The repository root (for examples/) and ../shared next to it.
std::string source_dir();
// The contents of ../shared/<relative>, or nullopt when it is absent.
std::optional<std::string> read_shared(std::string_view relative);

}  // namespace crosscheck::testing

#endif  // CROSSCHECK_TESTS_TEST_SUPPORT_H_
