// A claim's fields in a compact, read-only binary form.
//
// A check holds every claim of the corpus in memory at once. As JSON trees
// (one std::map node and one or two heap strings per key) a date or a
// quantity takes one to two kilobytes; packed, the same fields take a few
// hundred bytes in one allocation. load_corpus parses the stored JSON text
// straight into this form, and the comparator reads only this form.
//
// Encoding (private to packed_fields.cpp): an object is a sequence of
// entries, each a key then a value. A key is a known key's id in one byte
// (high bit set, from a fixed dictionary of the keys the extractors write),
// else its length (in one byte below 127, else 127 and a LEB128 length) and
// its bytes. A value is a tag byte and its payload: nothing for null and
// booleans, eight bytes for a number, a LEB128 length and the bytes for a
// string, a four-byte body length and the body for an array or an object.
#ifndef CROSSCHECK_ENGINE_PACKED_FIELDS_H_
#define CROSSCHECK_ENGINE_PACKED_FIELDS_H_

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {

// A read-only view of one packed object; valid while its PackedFields lives.
class FieldsView {
 public:
  FieldsView() = default;  // an empty object

  std::optional<std::string_view> str(std::string_view key) const;
  std::optional<double> num(std::string_view key) const;  // any number
  std::optional<bool> boolean(std::string_view key) const;
  // The string elements of an array field; none when absent or not an array.
  std::vector<std::string_view> strings(std::string_view key) const;
  bool is_array(std::string_view key) const;
  // A nested object; empty when absent or not an object.
  FieldsView object(std::string_view key) const;
  bool has(std::string_view key) const;
  bool empty() const { return body_.empty(); }

  nlohmann::json ToJson() const;

 private:
  friend class PackedFields;
  explicit FieldsView(std::string_view body) : body_(body) {}
  // The value (tag first) stored under `key`, the last if several, if any.
  std::optional<std::string_view> Find(std::string_view key) const;

  std::string_view body_;  // the object's entries
};

// The top-level keys to keep when packing (the others are dropped with
// their values); built once, asked for every key of every claim.
class KeyFilter {
 public:
  explicit KeyFilter(std::vector<std::string> keys);
  bool keeps(std::string_view key) const;

 private:
  std::array<bool, 128> known_{};    // by dictionary id (packed_fields.cpp)
  std::vector<std::string> others_;  // sorted
};

class PackedFields {
 public:
  PackedFields() = default;
  PackedFields(const PackedFields& o) { *this = o; }
  PackedFields& operator=(const PackedFields& o);
  PackedFields(PackedFields&&) noexcept = default;
  PackedFields& operator=(PackedFields&&) noexcept = default;

  // Packs a JSON object (anything else packs as an empty object), keeping
  // only the top-level keys `keep` keeps, if given.
  static PackedFields Pack(const nlohmann::json& object, const KeyFilter* keep = nullptr);
  // Parses JSON text straight into packed form, without building a tree;
  // nullopt when the text is not valid JSON or not an object.
  static std::optional<PackedFields> Parse(std::string_view text, const KeyFilter* keep = nullptr);

  // Whether these fields were packed at all (an empty object is packed).
  bool set() const { return data_ != nullptr; }
  FieldsView view() const;
  size_t bytes() const;  // the encoding's size

 private:
  std::unique_ptr<char[]> data_;  // a four-byte size, then the root object's entries
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_PACKED_FIELDS_H_
