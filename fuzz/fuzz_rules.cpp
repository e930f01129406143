// The rules loader: any bytes as a TOML rule file; every string in it is then
// compiled as a pattern, as the stages compile theirs (RE2, bounded memory).
// Errors must name the file with a position ("fuzz.toml:L:C: ...").
#include <toml++/toml.h>

#include <vector>

#include "engine/rules.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crosscheck;
  auto file = RuleFile::Parse("fuzz.toml", fuzz::as_view(data, size));
  if (!file.ok()) {
    if (file.status().message().rfind("fuzz.toml:", 0) != 0) std::abort();
    return 0;
  }
  // Walk the tree with an explicit stack (no recursion on input).
  std::vector<const toml::node*> stack{&file->root()};
  size_t compiled = 0;
  while (!stack.empty()) {
    const toml::node* n = stack.back();
    stack.pop_back();
    if (const auto* t = n->as_table()) {
      for (const auto& [k, v] : *t) stack.push_back(&v);
    } else if (const auto* a = n->as_array()) {
      for (const toml::node& v : *a) stack.push_back(&v);
    } else if (const auto* s = n->as_string(); s != nullptr && compiled < 64) {
      ++compiled;
      auto re = file->regex(*n, s->get());
      if (!re.ok() && re.status().message().rfind("fuzz.toml", 0) != 0) std::abort();
    }
  }
  (void)file->strings("a.b", true);
  (void)file->string_map("m", true);
  (void)file->integer("n", 0, -5, 5);
  (void)file->number("x", 0, -1, 1);
  return 0;
}
