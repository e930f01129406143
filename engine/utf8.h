// UTF-8 decoding, repair and offset conversion.
//
// Source text is hostile: every function here accepts arbitrary bytes and runs
// in time linear in its input.
#ifndef CROSSCHECK_ENGINE_UTF8_H_
#define CROSSCHECK_ENGINE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at byte `i` of `s` and advances `i` past it.
// An invalid, truncated, overlong or surrogate sequence yields U+FFFD and
// advances by exactly one byte, so that each bad byte becomes one replacement.
// REQUIRES: i < s.size().
char32_t decode_utf8(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of `cp` (which must be a valid scalar value).
void append_utf8(std::string& out, char32_t cp);

// Number of bytes of the UTF-8 encoding of `cp`.
size_t utf8_length(char32_t cp);

struct Utf8Repair {
  std::string text;           // valid UTF-8
  size_t invalid_bytes = 0;   // bytes replaced by U+FFFD, one each
};

// Returns `s` with every invalid byte replaced by U+FFFD.
Utf8Repair repair_utf8(std::string_view s);

bool is_valid_utf8(std::string_view s);

// True when the bytes look like a binary file rather than text: a NUL byte in
// the first 8 KiB, or more than 10% of that prefix being invalid UTF-8 or C0
// control characters other than tab, CR, LF and form feed.
bool looks_binary(std::string_view s);

// Converts byte offsets of one valid UTF-8 text into code point offsets (the
// indices Python and JSON annotations use). Construction is linear in the text;
// each conversion is O(1) amortised over a 64-byte block.
class CodepointIndex {
 public:
  explicit CodepointIndex(std::string_view text);
  // REQUIRES: byte <= text.size(). A byte inside a sequence counts the
  // sequence as not yet started.
  size_t to_codepoint(size_t byte) const;

 private:
  static constexpr size_t kBlock = 64;
  std::string_view text_;
  std::vector<uint32_t> block_start_;  // code points before each block
};

// Lower-cases ASCII letters only; bytes >= 0x80 are copied unchanged.
std::string ascii_lower(std::string_view s);

// Every byte below 0x80 (then fold_case only lower-cases it).
bool is_ascii(std::string_view s);

// Case-folds and lower-cases full Unicode text (utf8proc), for comparisons.
std::string fold_case(std::string_view s);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_UTF8_H_
