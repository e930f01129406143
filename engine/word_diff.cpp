#include "engine/word_diff.h"

#include <algorithm>
#include <cstdint>

namespace crosscheck {

namespace {

struct Word {
  std::string_view raw;  // the word and its trailing whitespace
  std::string key;       // compared form
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

std::vector<Word> split(std::string_view s, std::string_view& lead) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  lead = s.substr(0, i);
  while (i < s.size()) {
    const size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    const size_t word_end = i;
    while (i < s.size() && is_space(s[i])) ++i;
    std::string_view w = s.substr(start, word_end - start);
    size_t b = 0, e = w.size();
    while (b < e && is_ascii_punct(w[b])) ++b;
    while (e > b && is_ascii_punct(w[e - 1])) --e;
    std::string key(b < e ? w.substr(b, e - b) : w);
    for (char& c : key)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back({s.substr(start, i - start), std::move(key)});
  }
  return out;
}

void push(std::vector<WordDiffPart>& out, DiffOp op, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().op == op) {
    out.back().text += text;
  } else {
    out.push_back({op, std::string(text)});
  }
}

}  // namespace

std::vector<WordDiffPart> word_diff(std::string_view a, std::string_view b, size_t max_cells) {
  std::string_view lead_a, lead_b;
  const std::vector<Word> wa = split(a, lead_a);
  const std::vector<Word> wb = split(b, lead_b);
  std::vector<WordDiffPart> out;
  push(out, DiffOp::kEqual, lead_b);
  size_t pre = 0;
  while (pre < wa.size() && pre < wb.size() && wa[pre].key == wb[pre].key) ++pre;
  size_t suf = 0;
  while (suf < wa.size() - pre && suf < wb.size() - pre &&
         wa[wa.size() - 1 - suf].key == wb[wb.size() - 1 - suf].key)
    ++suf;
  for (size_t i = 0; i < pre; ++i) push(out, DiffOp::kEqual, wb[i].raw);
  const size_t n = wa.size() - pre - suf, m = wb.size() - pre - suf;
  if (n != 0 && m != 0 && n * m <= max_cells && n < UINT32_MAX && m < UINT32_MAX) {
    // lcs[i][j]: LCS length of a-middle[i..] and b-middle[j..], row-major.
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    const auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        at(i, j) = wa[pre + i].key == wb[pre + j].key ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && wa[pre + i].key == wb[pre + j].key) {
        push(out, DiffOp::kEqual, wb[pre + j].raw);
        ++i, ++j;
      } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
        // Deletions first within a changed run: emit any pending a-words before b-words.
        if (i < n && at(i + 1, j) == at(i, j)) {
          push(out, DiffOp::kDelete, wa[pre + i].raw);
          ++i;
        } else {
          push(out, DiffOp::kInsert, wb[pre + j].raw);
          ++j;
        }
      } else {
        push(out, DiffOp::kDelete, wa[pre + i].raw);
        ++i;
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) push(out, DiffOp::kDelete, wa[pre + i].raw);
    for (size_t j = 0; j < m; ++j) push(out, DiffOp::kInsert, wb[pre + j].raw);
  }
  for (size_t k = wb.size() - suf; k < wb.size(); ++k) push(out, DiffOp::kEqual, wb[k].raw);
  return out;
}

}  // namespace crosscheck
