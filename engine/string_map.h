// Hash containers keyed by std::string that are looked up by string_view
// without building a string (heterogeneous lookup).
#ifndef CROSSCHECK_ENGINE_STRING_MAP_H_
#define CROSSCHECK_ENGINE_STRING_MAP_H_

#include <xxhash.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace crosscheck {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

template <typename V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;

// A number for each string, in one open-addressed table: the keys back to
// back in one buffer, each slot a tag of the hash and an entry's index. A
// look-up of a word met before touches one slot and one key, where a node
// map hashed with std::hash chased a node: the sentence terms of a check
// look up every word of every sentence (40% of that step's time).
class StringIds {
 public:
  std::optional<uint32_t> find(std::string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const uint64_t h = hash(key);
    const auto tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.entry == 0) return std::nullopt;
      if (s.tag != tag) continue;
      const Entry& e = entries_[s.entry - 1];
      if (std::string_view(keys_).substr(e.offset, e.length) == key) return e.value;
    }
  }
  // `key` must not be in the table yet.
  void insert(std::string_view key, uint32_t value) {
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    entries_.push_back({keys_.size(), static_cast<uint32_t>(key.size()), value});
    keys_.append(key);
    place(hash(key), static_cast<uint32_t>(entries_.size()));
  }
  // The id of `key`, which gets the next (size()) if it is new: ids in
  // insertion order, so key(id) names it.
  uint32_t intern(std::string_view key) {
    if (const auto id = find(key)) return *id;
    const auto id = static_cast<uint32_t>(entries_.size());
    insert(key, id);
    return id;
  }
  size_t size() const { return entries_.size(); }
  // The key inserted `index`-th (from 0): ids given in insertion order need
  // no table of their own to name their keys.
  std::string_view key(size_t index) const {
    return std::string_view(keys_).substr(entries_[index].offset, entries_[index].length);
  }

 private:
  struct Slot {
    uint32_t tag = 0;    // the hash's high half
    uint32_t entry = 0;  // index into entries_ + 1; 0 = empty
  };
  struct Entry {
    uint64_t offset;  // into keys_
    uint32_t length;
    uint32_t value;
  };
  static uint64_t hash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }
  void place(uint64_t h, uint32_t entry) {
    size_t i = h & (slots_.size() - 1);
    while (slots_[i].entry != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = {static_cast<uint32_t>(h >> 32), entry};
  }
  void grow() {  // doubles (at most half full), re-placing every entry
    slots_.assign(std::max<size_t>(64, slots_.size() * 2), Slot{});
    for (uint32_t k = 0; k < entries_.size(); ++k)
      place(hash(key(k)), k + 1);
  }
  std::vector<Slot> slots_;  // a power of two
  std::vector<Entry> entries_;
  std::string keys_;
};

// A set of strings in one StringIds table: the word lists of the rules,
// built once and then looked up for every token (a node set hashed with
// std::hash was 5% of extraction). Iterates its keys, as string_views, in
// insertion order.
class StringSet {
 public:
  class const_iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    const_iterator(const StringIds* ids, size_t i) : ids_(ids), i_(i) {}
    std::string_view operator*() const { return ids_->key(i_); }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }

   private:
    const StringIds* ids_;
    size_t i_;
  };

  // True when `key` was new.
  bool insert(std::string_view key) {
    if (ids_.find(key)) return false;
    ids_.insert(key, static_cast<uint32_t>(ids_.size()));
    return true;
  }
  template <typename It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }
  bool contains(std::string_view key) const { return ids_.find(key).has_value(); }
  size_t count(std::string_view key) const { return contains(key) ? 1 : 0; }
  size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.size() == 0; }
  const_iterator begin() const { return {&ids_, 0}; }
  const_iterator end() const { return {&ids_, ids_.size()}; }

 private:
  StringIds ids_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_STRING_MAP_H_
