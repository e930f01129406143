#include "engine/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "engine/utf8.h"

namespace crosscheck {

namespace {

std::string nlohmann_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Numbers as nlohmann's serializer writes them; false (and nothing
// appended) for anything else.
bool append_plain_number(std::string& out, const nlohmann::json& v) {
  char buf[32];
  if (v.is_number_unsigned()) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get<uint64_t>()).ptr);
    return true;
  }
  if (v.is_number_integer()) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get<int64_t>()).ptr);
    return true;
  }
  if (!v.is_number_float()) return false;
  append_json_double(out, v.get<double>());
  return true;
}

// `s` as a JSON string the way nlohmann writes one without ensure_ascii:
// UTF-8 as it is, the two-character escapes, other control characters as
// lower-case \u00xx. False (and nothing appended) for invalid UTF-8, which
// its error handler replaces.
bool append_plain_string(std::string& out, std::string_view s) {
  const size_t mark = out.size();
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < s.size()) {
    // Eight bytes at a time while none of them needs a look: no byte of 0x80
    // or more (UTF-8 to check), below 0x20, '"' or '\\'.
    if (s.size() - i >= 8) {
      const uint64_t w = swar::load(s.data() + i);
      const uint64_t look = swar::json_stops(w, /*high=*/true);
      if (look == 0) {
        i += 8;
        continue;
      }
      i += swar::first(look);
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t start = i;
      if (decode_utf8(s, i) == kReplacementChar && i - start == 1) {
        out.resize(mark);  // invalid UTF-8: nothing appended
        return false;
      }
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
  return true;
}

// compact_json into `out`: nlohmann's serializer (a string stream of its own
// per call) only for what the plain writers above decline.
void append_compact(std::string& out, const nlohmann::json& j) {
  using T = nlohmann::json::value_t;
  switch (j.type()) {
    case T::null: out += "null"; return;
    case T::boolean: out += j.get<bool>() ? "true" : "false"; return;
    case T::string:
      if (append_plain_string(out, j.get_ref<const std::string&>())) return;
      break;
    case T::array: {
      out += '[';
      bool first = true;
      for (const nlohmann::json& e : j) {
        if (!first) out += ',';
        first = false;
        append_compact(out, e);
      }
      out += ']';
      return;
    }
    case T::object: {
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {  // the map's order, as nlohmann's
        if (!first) out += ',';
        first = false;
        append_json_text(out, it.key());
        out += ':';
        append_compact(out, it.value());
      }
      out += '}';
      return;
    }
    case T::number_integer:
    case T::number_unsigned:
    case T::number_float:
      if (append_plain_number(out, j)) return;
      break;
    default: break;
  }
  out += nlohmann_dump(j);
}

}  // namespace

std::string compact_json(const nlohmann::json& j) {
  std::string out;
  append_compact(out, j);
  return out;
}

void append_compact_json(std::string& out, const nlohmann::json& j) { append_compact(out, j); }

void append_json_text(std::string& out, std::string_view s) {
  if (!append_plain_string(out, s)) out += nlohmann_dump(nlohmann::json(std::string(s)));
}

void append_json_double(std::string& out, double d) {
  // What the serializer's dump_float does for an IEEE double, without its
  // stream: null for NaN and infinities, else the shortest text that reads
  // back as the same double (Grisu2), with ".0" on a whole number.
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[64];
  out.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, d));
}

void JsonObjectWriter::Key(std::string_view key) {
  if (depth_ == 0) throw std::logic_error("JsonObjectWriter: a key after the object was closed");
  Level& l = levels_[depth_ - 1];
  // nlohmann's objects are maps: keys in ascending byte order. A key out of
  // order would give text that compact_json of the same object does not.
  if (l.members > 0 && !(l.last < key))
    throw std::logic_error("JsonObjectWriter: key '" + std::string(key) + "' out of order");
  l.last = key;
  // Keys are names from code: written as they are (JsonObjectWriter's
  // contract), without the escaping a text from a source needs; in one
  // append when short, as they all are.
  char buf[64];
  const bool comma = l.members++ > 0;
  if (key.size() + 4 > sizeof buf) {
    out_.append(comma ? ",\"" : "\"");
    out_.append(key);
    out_.append("\":");
    return;
  }
  size_t n = 0;
  if (comma) buf[n++] = ',';
  buf[n++] = '"';
  std::memcpy(buf + n, key.data(), key.size());
  n += key.size();
  buf[n++] = '"';
  buf[n++] = ':';
  out_.append(buf, n);
}

JsonObjectWriter& JsonObjectWriter::add(std::string_view key, std::string_view v) {
  Key(key);
  append_json_text(out_, v);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::add(std::string_view key, const std::vector<std::string>& v) {
  Key(key);
  out_ += '[';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out_ += ',';
    append_json_text(out_, v[i]);
  }
  out_ += ']';
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Open(std::string_view key) {
  if (depth_ >= kMaxDepth) throw std::logic_error("JsonObjectWriter: objects nested too deep");
  Key(key);
  out_ += '{';
  levels_[depth_++] = Level{};
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Close() {
  if (depth_ == 0) throw std::logic_error("JsonObjectWriter: Close without an open object");
  out_ += '}';
  --depth_;
  return *this;
}

}  // namespace crosscheck
