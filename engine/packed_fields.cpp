#include "engine/packed_fields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "engine/json_scan.h"

namespace crosscheck {
namespace {

enum Tag : uint8_t { kNull, kFalse, kTrue, kInt, kUnsigned, kFloat, kString, kArray, kObject };

constexpr uint8_t kKeyId = 0x80;          // a key byte with this bit is a dictionary id
constexpr uint8_t kLongKey = 0x7F;        // a key byte saying a LEB128 length follows

// The keys the extractors write (date_extractor.h, quantity_extractor.h, the
// quote and role extractors) and the comparator adds, each once. Only a
// compression dictionary: any other key is stored with its bytes. Ids (the
// positions) live in memory only, so the list may change freely.
constexpr std::array<std::string_view, 55> kDictionary = {
    "anchor",     "anchor_inferred", "anchor_source", "approx",       "comparative", "confidence",    "cue",
    "currency",   "den",             "end",           "end_date",     "event",       "high",          "high_inclusive",
    "implied",    "low",             "low_inclusive", "measures",     "metric",      "mod",           "name",
    "num",        "ordinal",         "organisation",  "participants", "person",      "precision",     "predicate",
    "qualifier",  "quantity_kind",   "range",         "rank",         "ratio",       "reporting",     "resolution",
    "role_class", "rule",            "scale",         "speaker",      "speaker_end", "speaker_start", "speaker_text",
    "speech",     "start",           "start_date",    "stems",        "subject",     "tense",         "text",
    "title",      "type",            "unit",          "vague",        "value",       "written"};
static_assert(kDictionary.size() < 128, "a dictionary id is seven bits");
static_assert(
    [] {
      for (size_t i = 0; i < kDictionary.size(); ++i)
        for (size_t j = i + 1; j < kDictionary.size(); ++j)
          if (kDictionary[i] == kDictionary[j]) return false;
      return true;
    }(),
    "each key once");

uint64_t fnv1a(std::string_view key) {
  uint64_t h = 1469598103934665603ull;
  for (char c : key) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ull;
  return h;
}

// The dictionary id of `key`, or -1: one hash and one comparison (a look-up
// per key of every claim loaded).
int key_id(std::string_view key) {
  constexpr size_t kSlots = 256;  // over twice the dictionary's size
  static const std::array<int8_t, kSlots> slots = [] {
    std::array<int8_t, kSlots> t;
    t.fill(-1);
    const auto& d = kDictionary;
    for (size_t id = 0; id < d.size(); ++id) {
      size_t at = fnv1a(d[id]) % kSlots;
      while (t[at] >= 0) at = (at + 1) % kSlots;
      t[at] = static_cast<int8_t>(id);
    }
    return t;
  }();
  const auto& d = kDictionary;
  for (size_t at = fnv1a(key) % kSlots;; at = (at + 1) % kSlots) {
    const int id = slots[at];
    if (id < 0 || d[static_cast<size_t>(id)] == key) return id;
  }
}

uint32_t read_u32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Reads a LEB128 length at `p`, advancing it.
size_t read_length(const char*& p) {
  size_t v = 0;
  for (int shift = 0;; shift += 7) {
    const auto b = static_cast<uint8_t>(*p++);
    v |= static_cast<size_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return v;
  }
}

// Bytes taken by the value at `p` (its tag first).
size_t value_size(const char* p) {
  const char* q = p + 1;
  switch (static_cast<uint8_t>(*p)) {
    case kInt:
    case kUnsigned:
    case kFloat: return 9;
    case kString: {
      const size_t n = read_length(q);
      return static_cast<size_t>(q - p) + n;
    }
    case kArray:
    case kObject: return 5 + read_u32(q);
    default: return 1;
  }
}

void write_length(std::string& out, size_t n) {
  for (;; n >>= 7) {
    const auto b = static_cast<uint8_t>(n & 0x7F);
    if (n < 0x80) {
      out.push_back(static_cast<char>(b));
      return;
    }
    out.push_back(static_cast<char>(b | 0x80));
  }
}

// Reads the key at `p`, advancing it: its dictionary id, else -1 and its bytes.
int read_key(const char*& p, std::string_view& bytes) {
  const auto k = static_cast<uint8_t>(*p++);
  if (k & kKeyId) return k & ~kKeyId;
  const size_t n = k == kLongKey ? read_length(p) : k;
  bytes = std::string_view(p, n);
  p += n;
  return -1;
}

// Writes packed values; fed by the JSON parser (as its SAX handler) or by a
// walk over a tree, so both give the same bytes.
class Packer {
 public:
  // `out` and `open` are scratch buffers, reused from one claim to the next.
  Packer(const KeyFilter* keep, std::string& out, std::vector<size_t>& open) : keep_(keep), out_(out), open_(open) {
    out_.assign(4, '\0');
    open_.clear();
  }

  bool null() { return Scalar(kNull); }
  bool boolean(bool v) { return Scalar(v ? kTrue : kFalse); }
  bool number_integer(int64_t v) { return Number(kInt, &v); }
  bool number_unsigned(uint64_t v) { return Number(kUnsigned, &v); }
  bool number_float(double v, const std::string& = {}) { return Number(kFloat, &v); }
  bool string(std::string& v) { return String(v); }
  bool binary(nlohmann::json::binary_t&) { return Scalar(kNull); }
  bool start_object(size_t = 0) { return Open(kObject); }
  bool end_object() { return Close(); }
  bool start_array(size_t = 0) { return Open(kArray); }
  bool end_array() { return Close(); }
  bool key(std::string& k) { return Key(k); }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  bool String(std::string_view v) {
    if (!Value()) return depth_ > 0;
    out_.push_back(static_cast<char>(kString));
    write_length(out_, v.size());
    out_.append(v);
    return true;
  }

  bool Key(std::string_view k) {
    if (skip_ >= 0) return true;
    const int id = key_id(k);
    if (depth_ == 1 && keep_ != nullptr && !keep_->keeps(k)) {
      skip_ = depth_;  // drop the value that follows
      return true;
    }
    if (id >= 0) {
      out_.push_back(static_cast<char>(kKeyId | id));
    } else if (k.size() < kLongKey) {
      out_.push_back(static_cast<char>(k.size()));
      out_.append(k);
    } else {
      out_.push_back(static_cast<char>(kLongKey));
      write_length(out_, k.size());
      out_.append(k);
    }
    return true;
  }

  bool Open(Tag t) {
    if (depth_ == 0) {
      if (t != kObject) return false;  // the root must be an object
      ++depth_;
      return true;
    }
    if (skip_ < 0) {
      out_.push_back(static_cast<char>(t));
      open_.push_back(out_.size());
      out_.append(4, '\0');
    }
    ++depth_;
    return true;
  }

  bool Close() {
    --depth_;
    if (skip_ >= 0) {
      if (depth_ == skip_) skip_ = -1;
      return true;
    }
    if (depth_ == 0) {
      done_ = true;
      return true;
    }
    const size_t at = open_.back();
    open_.pop_back();
    const auto n = static_cast<uint32_t>(out_.size() - at - 4);
    std::memcpy(out_.data() + at, &n, 4);
    return true;
  }

  // Moves the encoding to `data`, once the root object closed.
  bool Finish(std::unique_ptr<char[]>& data) {
    if (!done_) return false;
    const auto n = static_cast<uint32_t>(out_.size() - 4);
    std::memcpy(out_.data(), &n, 4);
    data = std::make_unique_for_overwrite<char[]>(out_.size());
    std::memcpy(data.get(), out_.data(), out_.size());
    return true;
  }

 private:
  // Whether a value is to be written (else it is skipped, or stray).
  bool Value() {
    if (skip_ >= 0) {
      if (depth_ == skip_) skip_ = -1;
      return false;
    }
    return depth_ > 0;
  }
  bool Scalar(Tag t) {
    if (!Value()) return depth_ > 0;
    out_.push_back(static_cast<char>(t));
    return true;
  }
  bool Number(Tag t, const void* v) {
    if (!Value()) return depth_ > 0;
    out_.push_back(static_cast<char>(t));
    out_.append(static_cast<const char*>(v), 8);
    return true;
  }

  const KeyFilter* keep_;
  std::string& out_;
  std::vector<size_t>& open_;  // where each open container's length goes
  int depth_ = 0;             // 1 inside the root object
  int skip_ = -1;             // while dropping a value: the depth of its key
  bool done_ = false;
};

// A strict JSON parser (RFC 8259, on JsonScanner) that feeds a Packer. It
// accepts what nlohmann's parser accepts, with the same values (the packed
// fields test compares the two on tricky and on damaged texts), but builds
// nothing. nlohmann's lexer also keeps each token's characters for its error
// messages: loading 4.3M claims spent most of its time there.
class JsonReader {
 public:
  // `open` and `text` are scratch buffers, reused from one claim to the next.
  JsonReader(std::string_view text, Packer& out, std::vector<char>& open, std::string& text_buffer)
      : in_(text), out_(out), open_(open), text_(text_buffer) {}

  bool Run() {
    in_.Literal("\xEF\xBB\xBF");  // a byte order mark, skipped as nlohmann does
    open_.clear();               // 'o' or 'a' per open container
    enum { kValue, kValueOrClose, kKeyOrClose, kAfterValue } expect = kValue;
    for (;;) {
      in_.SkipSpace();
      switch (expect) {
        case kValueOrClose:
          if (in_.Eat(']')) {
            if (!Close()) return false;
            expect = kAfterValue;
            continue;
          }
          [[fallthrough]];
        case kValue: {
          const char c = in_.Peek();
          if (c == '{' || c == '[') {
            in_.Eat(c);
            open_.push_back(c == '{' ? 'o' : 'a');
            if (!(c == '{' ? out_.start_object() : out_.start_array())) return false;
            expect = c == '{' ? kKeyOrClose : kValueOrClose;
            continue;
          }
          if (!Scalar()) return false;
          expect = kAfterValue;
          continue;
        }
        case kKeyOrClose:
          if (in_.Eat('}')) {
            if (!Close()) return false;
            expect = kAfterValue;
            continue;
          }
          if (!Key()) return false;
          expect = kValue;
          continue;
        case kAfterValue:
          if (open_.empty()) return in_.AtEnd();
          if (in_.Eat(',')) {
            if (open_.back() == 'o') {
              in_.SkipSpace();
              if (!Key()) return false;
            }
            expect = kValue;
            continue;
          }
          if (!in_.Eat(open_.back() == 'o' ? '}' : ']') || !Close()) return false;
          continue;
      }
    }
  }

 private:
  bool Close() {
    const bool object = open_.back() == 'o';
    open_.pop_back();
    return object ? out_.end_object() : out_.end_array();
  }
  // A key and its colon.
  bool Key() {
    if (!in_.String(text_, /*check_utf8=*/true) || !out_.Key(text_)) return false;
    in_.SkipSpace();
    return in_.Eat(':');
  }
  bool Scalar() {
    switch (in_.Peek()) {
      case '"': return in_.String(text_, /*check_utf8=*/true) && out_.String(text_);
      case 't': return in_.Literal("true") && out_.boolean(true);
      case 'f': return in_.Literal("false") && out_.boolean(false);
      case 'n': return in_.Literal("null") && out_.null();
      default: break;
    }
    std::string_view token;
    bool integer = false;
    if (!in_.Number(token, integer)) return false;
    if (integer) {  // as nlohmann: unsigned unless negative; too large for either: a double
      if (token.front() == '-') {
        int64_t v;
        if (std::from_chars(token.data(), token.data() + token.size(), v).ec == std::errc())
          return out_.number_integer(v);
      } else {
        uint64_t v;
        if (std::from_chars(token.data(), token.data() + token.size(), v).ec == std::errc())
          return out_.number_unsigned(v);
      }
    }
    const std::string copy(token);  // strtod, as nlohmann (under- and overflow included)
    const double v = std::strtod(copy.c_str(), nullptr);
    return std::isfinite(v) && out_.number_float(v);
  }

  JsonScanner in_;
  Packer& out_;
  std::vector<char>& open_;
  std::string& text_;  // the last string or key read
};

// Each thread's scratch buffers for packing.
struct Scratch {
  std::string out;
  std::vector<size_t> open_lengths;
  std::vector<char> open;
  std::string text;
};
thread_local Scratch scratch;

void walk(const nlohmann::json& j, Packer& p) {
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      p.Open(kObject);
      for (const auto& [k, v] : j.items()) {
        p.Key(k);
        walk(v, p);
      }
      p.Close();
      return;
    case nlohmann::json::value_t::array:
      p.Open(kArray);
      for (const auto& v : j) walk(v, p);
      p.Close();
      return;
    case nlohmann::json::value_t::string: p.String(j.get_ref<const std::string&>()); return;
    case nlohmann::json::value_t::boolean: p.boolean(j.get<bool>()); return;
    case nlohmann::json::value_t::number_integer: p.number_integer(j.get<int64_t>()); return;
    case nlohmann::json::value_t::number_unsigned: p.number_unsigned(j.get<uint64_t>()); return;
    case nlohmann::json::value_t::number_float: p.number_float(j.get<double>()); return;
    default: p.null(); return;
  }
}

nlohmann::json decode(const char* p);

nlohmann::json decode_entries(std::string_view body, bool object) {
  nlohmann::json out = object ? nlohmann::json::object() : nlohmann::json::array();
  const char* p = body.data();
  const char* end = p + body.size();
  while (p < end) {
    std::string key;
    if (object) {
      std::string_view bytes;
      const int id = read_key(p, bytes);
      key = id >= 0 ? kDictionary[static_cast<size_t>(id)] : bytes;
    }
    nlohmann::json v = decode(p);
    p += value_size(p);
    if (object) {
      out[key] = std::move(v);
    } else {
      out.push_back(std::move(v));
    }
  }
  return out;
}

nlohmann::json decode(const char* p) {
  const char* q = p + 1;
  switch (static_cast<uint8_t>(*p)) {
    case kFalse: return false;
    case kTrue: return true;
    case kInt: {
      int64_t v;
      std::memcpy(&v, q, 8);
      return v;
    }
    case kUnsigned: {
      uint64_t v;
      std::memcpy(&v, q, 8);
      return v;
    }
    case kFloat: {
      double v;
      std::memcpy(&v, q, 8);
      return v;
    }
    case kString: {
      const size_t n = read_length(q);
      return std::string(q, n);
    }
    case kArray:
    case kObject: return decode_entries(std::string_view(q + 4, read_u32(q)), *p == kObject);
    default: return nullptr;
  }
}

}  // namespace

// The last entry of the key, as a JSON parser keeps the last of duplicates.
std::optional<std::string_view> FieldsView::Find(std::string_view key) const {
  const int id = key_id(key);
  const char* p = body_.data();
  const char* end = p + body_.size();
  std::optional<std::string_view> found;
  while (p < end) {
    std::string_view bytes;
    const int at = read_key(p, bytes);
    const bool hit = at >= 0 ? at == id : id < 0 && bytes == key;
    const size_t n = value_size(p);
    if (hit) found = std::string_view(p, n);
    p += n;
  }
  return found;
}

std::optional<std::string_view> FieldsView::str(std::string_view key) const {
  const auto v = Find(key);
  if (!v || (*v)[0] != kString) return std::nullopt;
  const char* q = v->data() + 1;
  const size_t n = read_length(q);
  return std::string_view(q, n);
}

std::optional<double> FieldsView::num(std::string_view key) const {
  const auto v = Find(key);
  if (!v) return std::nullopt;
  const char* q = v->data() + 1;
  switch (static_cast<uint8_t>((*v)[0])) {
    case kInt: {
      int64_t i;
      std::memcpy(&i, q, 8);
      return static_cast<double>(i);
    }
    case kUnsigned: {
      uint64_t u;
      std::memcpy(&u, q, 8);
      return static_cast<double>(u);
    }
    case kFloat: {
      double d;
      std::memcpy(&d, q, 8);
      return d;
    }
    default: return std::nullopt;
  }
}

std::optional<bool> FieldsView::boolean(std::string_view key) const {
  const auto v = Find(key);
  if (!v || ((*v)[0] != kTrue && (*v)[0] != kFalse)) return std::nullopt;
  return (*v)[0] == kTrue;
}

std::vector<std::string_view> FieldsView::strings(std::string_view key) const {
  std::vector<std::string_view> out;
  const auto v = Find(key);
  if (!v || (*v)[0] != kArray) return out;
  const char* p = v->data() + 5;
  const char* end = v->data() + v->size();
  while (p < end) {
    if (*p == kString) {
      const char* q = p + 1;
      const size_t n = read_length(q);
      out.emplace_back(q, n);
    }
    p += value_size(p);
  }
  return out;
}

bool FieldsView::is_array(std::string_view key) const {
  const auto v = Find(key);
  return v && (*v)[0] == kArray;
}

FieldsView FieldsView::object(std::string_view key) const {
  const auto v = Find(key);
  if (!v || (*v)[0] != kObject) return FieldsView();
  return FieldsView(v->substr(5));
}

bool FieldsView::has(std::string_view key) const { return Find(key).has_value(); }

nlohmann::json FieldsView::ToJson() const { return decode_entries(body_, true); }

PackedFields& PackedFields::operator=(const PackedFields& o) {
  if (this == &o) return *this;
  if (!o.data_) {
    data_.reset();
    return *this;
  }
  const size_t n = 4 + o.bytes();
  data_ = std::make_unique_for_overwrite<char[]>(n);
  std::memcpy(data_.get(), o.data_.get(), n);
  return *this;
}

KeyFilter::KeyFilter(std::vector<std::string> keys) {
  for (std::string& k : keys) {
    const int id = key_id(k);
    if (id >= 0) {
      known_[static_cast<size_t>(id)] = true;
    } else {
      others_.push_back(std::move(k));
    }
  }
  std::sort(others_.begin(), others_.end());
}

bool KeyFilter::keeps(std::string_view key) const {
  const int id = key_id(key);
  return id >= 0 ? known_[static_cast<size_t>(id)] : std::binary_search(others_.begin(), others_.end(), key);
}

PackedFields PackedFields::Pack(const nlohmann::json& object, const KeyFilter* keep) {
  Packer p(keep, scratch.out, scratch.open_lengths);
  walk(object.is_object() ? object : nlohmann::json::object(), p);
  PackedFields out;
  p.Finish(out.data_);
  return out;
}

std::optional<PackedFields> PackedFields::Parse(std::string_view text, const KeyFilter* keep) {
  Packer p(keep, scratch.out, scratch.open_lengths);
  if (!JsonReader(text, p, scratch.open, scratch.text).Run()) return std::nullopt;
  PackedFields out;
  if (!p.Finish(out.data_)) return std::nullopt;
  return out;
}

FieldsView PackedFields::view() const {
  if (!data_) return FieldsView();
  return FieldsView(std::string_view(data_.get() + 4, bytes()));
}

size_t PackedFields::bytes() const { return data_ ? read_u32(data_.get()) : 0; }

}  // namespace crosscheck
