// An immutable string in eight bytes: one pointer to a four-byte length and
// the bytes. A check holds millions of claims at once (4.3M at 100k
// articles); a std::string per claim would take 32 bytes before its text.
#ifndef CROSSCHECK_ENGINE_COMPACT_STRING_H_
#define CROSSCHECK_ENGINE_COMPACT_STRING_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace crosscheck {

class CompactString {
 public:
  CompactString() = default;  // empty, and holding no memory
  explicit CompactString(std::string_view s) {
    if (s.empty()) return;
    if (s.size() > UINT32_MAX) throw std::length_error("CompactString: longer than 4 GiB");
    const auto n = static_cast<uint32_t>(s.size());
    data_ = std::make_unique_for_overwrite<char[]>(sizeof n + s.size());
    std::memcpy(data_.get(), &n, sizeof n);
    std::memcpy(data_.get() + sizeof n, s.data(), s.size());
  }
  CompactString(const CompactString& o) : CompactString(o.view()) {}
  CompactString& operator=(const CompactString& o) {
    if (this != &o) *this = CompactString(o.view());
    return *this;
  }
  CompactString(CompactString&&) noexcept = default;
  CompactString& operator=(CompactString&&) noexcept = default;

  std::string_view view() const {
    if (!data_) return {};
    uint32_t n;
    std::memcpy(&n, data_.get(), sizeof n);
    return {data_.get() + sizeof n, n};
  }
  bool empty() const { return data_ == nullptr; }

 private:
  std::unique_ptr<char[]> data_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_COMPACT_STRING_H_
