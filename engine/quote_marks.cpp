// Pairing of quote marks after normalization, where every quotation mark is "
// or ' and ' doubles as the apostrophe. Context decides: a mark after a space
// and before a letter opens, one after a letter or punctuation and before a
// space or punctuation closes; ' between letters is an apostrophe, and so is
// the plural possessive "users' words". A quote opened with ' may close with "
// (scraped pages do this). The stack is bounded, so hostile text stays linear.
#include <algorithm>
#include <cstring>

#include "engine/quote_extractor.h"

namespace crosscheck {

namespace {

constexpr size_t kMaxDepth = 4;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
bool is_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool opens_before(char c) {  // characters after which a mark can open
  return is_space(c) || c == '(' || c == '[' || c == '{' || c == '-' || c == '/' || c == '"' ||
         c == '\'' || c == ':' || c == ';' || c == ',';
}
bool closes_after(char c) {  // characters before which a mark can close
  return is_space(c) || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == ')' || c == ']' || c == '}' || c == '-' || c == '"' || c == '\'';
}

struct Open {
  uint32_t pos;
  char mark;
};

}  // namespace

std::vector<QuoteMarks> pair_quote_marks(std::string_view text, uint32_t base) {
  std::vector<QuoteMarks> out;
  Open stack[kMaxDepth];
  size_t depth = 0;
  auto emit = [&](size_t level, uint32_t close) {
    out.push_back(QuoteMarks{stack[level].pos, close, level > 0, true});
  };
  const size_t n = text.size();
  // The next position of `mark` at or after `from` (n when none). Each kind's
  // position is kept until passed, so the whole scan stays linear.
  const auto find = [&](char mark, size_t from) -> size_t {
    if (from >= n) return n;
    const void* r = std::memchr(text.data() + from, mark, n - from);
    return r == nullptr ? n : static_cast<size_t>(static_cast<const char*>(r) - text.data());
  };
  size_t next_dq = find('"', 0);
  size_t next_sq = find('\'', 0);
  size_t i = 0;
  while (i < n) {
    // Jump to the next mark.
    if (next_dq < i) next_dq = find('"', i);
    if (next_sq < i) next_sq = find('\'', i);
    i = std::min(next_dq, next_sq);
    if (i >= n) break;
    const char c = text[i];
    const char prev = i == 0 ? ' ' : text[i - 1];
    const char next = i + 1 >= n ? ' ' : text[i + 1];
    const bool left = opens_before(prev) && !is_space(next);   // can open
    const bool right = !is_space(prev) && closes_after(next);  // can close
    const uint32_t pos = base + static_cast<uint32_t>(i);
    ++i;
    if (c == '"') {
      size_t dq = depth;
      for (size_t k = depth; k-- > 0;)
        if (stack[k].mark == '"') {
          dq = k;
          break;
        }
      if (dq < depth) {
        // Close the open " (and drop unclosed ' openers above it).
        emit(dq, pos);
        depth = dq;
      } else if (depth > 0 && stack[depth - 1].mark == '\'' && right) {
        emit(depth - 1, pos);  // opened with ', closed with "
        --depth;
      } else if (left && depth < kMaxDepth) {
        stack[depth++] = Open{pos, '"'};
      }
      continue;
    }
    // An apostrophe: between letters ("don't"), or a plural possessive.
    if (is_alnum(static_cast<unsigned char>(prev)) && is_alnum(static_cast<unsigned char>(next)))
      continue;
    if (prev == 's' && next == ' ' && i + 1 < n && is_lower(text[i + 1])) continue;
    if (depth > 0 && stack[depth - 1].mark == '\'' && right) {
      emit(depth - 1, pos);
      --depth;
    } else if (left && !right && depth < kMaxDepth) {
      stack[depth++] = Open{pos, '\''};
    }
  }
  // An outer " left open is reported (a quote continuing in the next paragraph).
  if (depth > 0 && stack[0].mark == '"') out.push_back(QuoteMarks{stack[0].pos, 0, false, false});
  return out;
}

}  // namespace crosscheck
