#include "engine/utf8.h"

#include <utf8proc.h>

#include <algorithm>

namespace crosscheck {

namespace {
inline bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

char32_t decode_utf8(std::string_view s, size_t& i) {
  const auto c0 = static_cast<unsigned char>(s[i]);
  if (c0 < 0x80) {
    ++i;
    return c0;
  }
  size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c0 & 0xE0) == 0xC0) {
    len = 2; cp = c0 & 0x1F; min = 0x80;
  } else if ((c0 & 0xF0) == 0xE0) {
    len = 3; cp = c0 & 0x0F; min = 0x800;
  } else if ((c0 & 0xF8) == 0xF0) {
    len = 4; cp = c0 & 0x07; min = 0x10000;
  } else {
    ++i;
    return kReplacementChar;
  }
  if (i + len > s.size()) {
    ++i;
    return kReplacementChar;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (!is_cont(c)) {
      ++i;
      return kReplacementChar;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacementChar;
  }
  i += len;
  return cp;
}

size_t utf8_length(char32_t cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t skip_ascii(std::string_view s, size_t i) {
  for (; i + 8 <= s.size(); i += 8)
    if (const uint64_t m = swar::high(swar::load(s.data() + i))) return i + swar::first(m);
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

Utf8Repair repair_utf8(std::string_view s) {
  Utf8Repair r;
  r.text.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    // Copy ASCII runs without decoding: most news text is ASCII.
    const size_t j = skip_ascii(s, i);
    r.text.append(s.data() + i, j - i);
    i = j;
    if (i >= s.size()) break;
    const size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    if (cp == kReplacementChar && i - start == 1) {
      ++r.invalid_bytes;
      append_utf8(r.text, kReplacementChar);
    } else {
      r.text.append(s.data() + start, i - start);
    }
  }
  return r;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = skip_ascii(s, 0);
  while (i < s.size()) {
    const size_t start = i;
    if (decode_utf8(s, i) == kReplacementChar && i - start == 1) return false;
    i = skip_ascii(s, i);
  }
  return true;
}

bool looks_binary(std::string_view s) {
  const std::string_view head = s.substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) return true;
  size_t bad = 0;
  size_t i = 0;
  while (i < head.size()) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++bad;
      ++i;
      continue;
    }
    const size_t start = i;
    // A sequence cut by the 8 KiB window is not evidence of binary data.
    if (decode_utf8(head, i) == kReplacementChar && i - start == 1 && head.size() - start > 4) ++bad;
  }
  return bad * 10 > head.size();
}

namespace {
// Code points that start in text[from, to): bytes that are not continuation
// bytes, eight at a time.
size_t code_points(std::string_view text, size_t from, size_t to) {
  size_t count = 0;
  for (; from + 8 <= to; from += 8)
    count += 8 - static_cast<size_t>(swar::continuation_bytes(swar::load(text.data() + from)));
  for (; from < to; ++from)
    if (!is_cont(static_cast<unsigned char>(text[from]))) ++count;
  return count;
}
}  // namespace

CodepointIndex::CodepointIndex(std::string_view text) : text_(text) {
  block_start_.reserve(text.size() / kBlock + 1);
  uint32_t count = 0;
  for (size_t b = 0; b < text.size(); b += kBlock) {
    block_start_.push_back(count);
    count += static_cast<uint32_t>(code_points(text, b, std::min(text.size(), b + kBlock)));
  }
  // A final entry for the offset one past a text that ends on a block edge.
  if (text.size() % kBlock == 0) block_start_.push_back(count);
}

size_t CodepointIndex::to_codepoint(size_t byte) const {
  byte = std::min(byte, text_.size());
  const size_t block = byte / kBlock;
  return block_start_[block] + code_points(text_, block * kBlock, byte);
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string fold_case(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return ascii_lower(s);
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n < 0 || out == nullptr) return ascii_lower(s);
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  free(out);  // NOLINT: utf8proc allocates with malloc
  return result;
}

}  // namespace crosscheck
