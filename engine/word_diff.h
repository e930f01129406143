// A word-level diff of two short texts (evidence sentences, quotes), for
// reports that show what one source changed in another's words.
#ifndef CROSSCHECK_ENGINE_WORD_DIFF_H_
#define CROSSCHECK_ENGINE_WORD_DIFF_H_

#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {

enum class DiffOp { kEqual, kDelete, kInsert };

// One run of words: kDelete words are only in `a`, kInsert words only in `b`.
// `text` is verbatim, with the whitespace that follows each word.
struct WordDiffPart {
  DiffOp op = DiffOp::kEqual;
  std::string text;
  bool operator==(const WordDiffPart&) const = default;
};

// Words are split at whitespace and compared case-insensitively (ASCII) with
// leading and trailing punctuation ignored. Concatenating the kEqual and
// kDelete parts gives `a`; the kEqual and kInsert parts give `b` (except that
// an equal word is shown as spelled in `b`). A longest common subsequence is
// computed between the differing middles when they hold at most `max_cells`
// word pairs; above that, the middles are one deletion and one insertion.
std::vector<WordDiffPart> word_diff(std::string_view a, std::string_view b, size_t max_cells = 250000);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_WORD_DIFF_H_
