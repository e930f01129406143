// Hash containers keyed by std::string that are looked up by string_view
// without building a string (heterogeneous lookup).
#ifndef CROSSCHECK_ENGINE_STRING_MAP_H_
#define CROSSCHECK_ENGINE_STRING_MAP_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace crosscheck {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

template <typename V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_STRING_MAP_H_
