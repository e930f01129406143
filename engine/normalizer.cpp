#include "engine/normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

#include "engine/utf8.h"

namespace crosscheck {

void OffsetMap::add(size_t norm, size_t orig) {
  const auto n = static_cast<uint32_t>(norm);
  const auto o = static_cast<uint32_t>(orig);
  if (!anchors_.empty()) {
    auto& last = anchors_.back();
    if (last.first == n) {
      last.second = o;
      return;
    }
    // Skip anchors implied by the previous shift.
    if (o - last.second == n - last.first) return;
  }
  anchors_.emplace_back(n, o);
}

size_t OffsetMap::to_original(size_t norm) const {
  if (anchors_.empty()) return norm;
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), norm,
                             [](size_t v, const auto& a) { return v < a.first; });
  if (it == anchors_.begin()) return norm;
  const auto& a = *(it - 1);
  size_t orig = a.second + (norm - a.first);
  if (it != anchors_.end()) orig = std::min<size_t>(orig, it->second);
  return orig;
}

OffsetMap OffsetMap::FromAnchors(std::vector<std::pair<uint32_t, uint32_t>> anchors) {
  OffsetMap m;
  m.anchors_ = std::move(anchors);
  return m;
}

namespace {

// What a code point becomes; empty for "drop", nullptr for "keep as is".
const char* replacement(char32_t cp) {
  switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
      return "\"";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039:
    case 0x203A: case 0xFF07:
      return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return "-";
    case 0x2026:
      return "...";
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x202F: case 0x205F: case 0x3000: case '\t': case '\f': case '\v':
      return " ";
    case 0x2028: case 0x2029: case 0x0085:
      return "\n";
    // Invisible formatting: zero-width and bidirectional controls, soft hyphen.
    case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F: case 0x202A:
    case 0x202B: case 0x202C: case 0x202D: case 0x202E: case 0x2060: case 0x2066:
    case 0x2067: case 0x2068: case 0x2069: case 0xFEFF: case 0x00AD:
      return "";
    default:
      break;
  }
  if (cp < 0x20 && cp != '\n') return "";  // NUL and other C0 controls
  if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return "";
  return nullptr;
}

// True for code points that may change under NFC composition with a neighbour.
bool may_compose(char32_t cp) {
  if (cp < 0x300) return false;
  const auto* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  return p->combining_class != 0 || p->comb_index != UINT16_MAX ||
         (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

std::string nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
  if (n < 0 || out == nullptr) return std::string(s);
  std::string r(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  free(out);  // NOLINT: utf8proc allocates with malloc
  return r;
}

}  // namespace

NormalizedText normalize(std::string_view input) {
  NormalizedText r;
  Utf8Repair repaired = repair_utf8(input);
  r.invalid_utf8 = repaired.invalid_bytes;
  r.original = std::move(repaired.text);
  const std::string_view src = r.original;
  r.text.reserve(src.size());

  size_t i = 0;
  if (src.substr(0, 3) == "\xEF\xBB\xBF") {
    i = 3;
    r.map.add(0, 3);
  }
  while (i < src.size()) {
    // Fast path: ASCII other than CR and controls is kept as is.
    const auto c = static_cast<unsigned char>(src[i]);
    if (c >= 0x20 && c < 0x7F) {
      size_t j = i + 1;
      for (; j + 8 <= src.size(); j += 8) {  // eight bytes at a time to the first to look at
        const uint64_t w = swar::load(src.data() + j);
        if (const uint64_t stop = swar::below(w, 0x20) | swar::high(w) | swar::equal(w, '\x7F')) {
          j += swar::first(stop);
          break;
        }
      }
      while (j < src.size()) {
        const auto d = static_cast<unsigned char>(src[j]);
        if (d < 0x20 || d >= 0x7F) break;
        ++j;
      }
      r.text.append(src.data() + i, j - i);
      i = j;
      continue;
    }
    if (c == '\n') {
      r.text.push_back('\n');
      ++i;
      continue;
    }
    if (c == '\r') {
      r.map.add(r.text.size(), i);
      r.text.push_back('\n');
      i += (i + 1 < src.size() && src[i + 1] == '\n') ? 2 : 1;
      r.map.add(r.text.size(), i);
      continue;
    }
    const size_t start = i;
    const char32_t cp = decode_utf8(src, i);
    if (const char* rep = replacement(cp)) {
      r.map.add(r.text.size(), start);
      if (*rep == '\0') ++r.removed_controls;
      r.text.append(rep);
      r.map.add(r.text.size(), i);
      continue;
    }
    if (!may_compose(cp)) {
      r.text.append(src.data() + start, i - start);
      continue;
    }
    // A run of composing characters together with the base character before it.
    size_t base = r.text.size();
    size_t orig_base = start;
    if (base > 0) {
      // Step back over the previous code point (already copied unchanged only if
      // the map has no anchor inside it: true for plain and kept characters).
      size_t b = base - 1;
      while (b > 0 && (static_cast<unsigned char>(r.text[b]) & 0xC0) == 0x80) --b;
      if (r.map.to_original(b) + (base - b) == start) {
        orig_base = start - (base - b);
        base = b;
      }
    }
    size_t end = i;
    size_t k = i;
    while (k < src.size()) {
      size_t next = k;
      const char32_t cp2 = decode_utf8(src, next);
      if (!may_compose(cp2) || replacement(cp2) != nullptr) break;
      k = next;
      end = k;
    }
    const std::string composed = nfc(src.substr(orig_base, end - orig_base));
    if (composed == src.substr(orig_base, end - orig_base)) {
      r.text.append(src.data() + start, end - start);
    } else {
      r.text.resize(base);
      r.map.add(base, orig_base);
      r.text.append(composed);
      r.map.add(r.text.size(), end);
    }
    i = end;
  }
  r.map.add(r.text.size(), src.size());
  return r;
}

}  // namespace crosscheck
