// UTF-8 decoding, repair and offset conversion.
//
// Source text is hostile: every function here accepts arbitrary bytes and runs
// in time linear in its input.
#ifndef CROSSCHECK_ENGINE_UTF8_H_
#define CROSSCHECK_ENGINE_UTF8_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

// Eight bytes at a time (SWAR): masks over a word with the high bit of each
// byte of a kind set, so runs of plain bytes are skipped without a branch per
// byte. A mask may flag bytes past the first flagged one wrongly (a borrow
// carries), never before it: `first` is exact, and a mask is zero only when
// no byte is of the kind. Words are loaded so that the first byte in memory
// is the lowest, whatever the machine's byte order.
namespace swar {
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;
inline uint64_t load(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}
inline uint64_t high(uint64_t w) { return w & kHigh; }  // bytes >= 0x80
// Bytes below n (n <= 128).
inline uint64_t below(uint64_t w, uint8_t n) { return (w - kOnes * n) & ~w & kHigh; }
inline uint64_t equal(uint64_t w, char c) { return below(w ^ (kOnes * static_cast<uint8_t>(c)), 1); }
// Bytes a JSON string cannot hold as they are (quote, backslash, control),
// and with `high` the bytes of UTF-8 sequences, to check them.
inline uint64_t json_stops(uint64_t w, bool high) {
  return equal(w, '"') | equal(w, '\\') | below(w, 0x20) | (high ? swar::high(w) : 0);
}
// The index (0 to 7) of the first byte a non-zero mask flags.
inline size_t first(uint64_t mask) { return static_cast<size_t>(std::countr_zero(mask)) / 8; }
// UTF-8 continuation bytes (10xxxxxx) among the eight.
inline int continuation_bytes(uint64_t w) { return std::popcount(w & ~(w << 1) & kHigh); }
}  // namespace swar

// The first index at or after `i` whose byte is not ASCII (s.size() if none).
size_t skip_ascii(std::string_view s, size_t i);

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
