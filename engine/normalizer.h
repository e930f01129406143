// Normalization of source text before segmentation and extraction.
//
// The stored text of a source is its normalized form; the original (after UTF-8
// repair) is kept too, and an OffsetMap leads from any normalized offset back to
// the original, so every span can be shown verbatim as the source wrote it.
#ifndef CROSSCHECK_ENGINE_NORMALIZER_H_
#define CROSSCHECK_ENGINE_NORMALIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crosscheck {

// Piecewise-constant shift between normalized and original byte offsets.
class OffsetMap {
 public:
  // Records that normalized offset `norm` stands for original offset `orig`.
  // REQUIRES: calls come in increasing order of both offsets.
  void add(size_t norm, size_t orig);

  // The original offset of normalized offset `norm`. Offsets inside a replaced
  // character map into the original character, never past the next anchor.
  size_t to_original(size_t norm) const;

  size_t anchor_count() const { return anchors_.size(); }
  const std::vector<std::pair<uint32_t, uint32_t>>& anchors() const { return anchors_; }
  static OffsetMap FromAnchors(std::vector<std::pair<uint32_t, uint32_t>> anchors);

 private:
  std::vector<std::pair<uint32_t, uint32_t>> anchors_;  // (normalized, original)
};

struct NormalizedText {
  std::string original;   // the input with invalid UTF-8 replaced by U+FFFD
  std::string text;       // the normalized text
  OffsetMap map;          // text offsets -> original offsets
  size_t invalid_utf8 = 0;      // bytes of the input that were not UTF-8
  size_t removed_controls = 0;  // NUL, zero-width and bidirectional controls dropped
};

// Normalizes arbitrary bytes:
//  - invalid UTF-8 becomes U+FFFD (counted), a leading BOM is dropped;
//  - CRLF and CR become LF; NUL, other C0 controls, zero-width characters and
//    bidirectional controls are removed (counted); tabs and form feeds become spaces;
//  - curly, low and angle quotation marks become " and ', primes too;
//  - hyphen-like dashes (U+2010..U+2015, U+2212) become '-'; the ellipsis '...';
//  - no-break and other Unicode spaces become ' ';
//  - everything else is put in Unicode NFC.
// Linear in the input size.
NormalizedText normalize(std::string_view input);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_NORMALIZER_H_
