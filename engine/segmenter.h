// Cuts a normalized text into paragraphs and sentences, and gives each block a
// role (title, heading, byline, caption, body). Page chrome is marked by the
// ChromeMarker afterwards, not here.
#ifndef CROSSCHECK_ENGINE_SEGMENTER_H_
#define CROSSCHECK_ENGINE_SEGMENTER_H_

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/document.h"
#include "engine/rules.h"

namespace crosscheck {

class Segmenter {
 public:
  // Loads rules/segmentation.toml (abbreviations, sentence starters, byline
  // and caption patterns).
  static Result<Segmenter> Load(const RuleSource& rules);

  // Fills doc.paragraphs and doc.sentences from doc.text(). Every span is
  // trimmed of white space and non-empty; sentences lie inside their paragraph
  // and appear in text order. Linear in the text size.
  void Segment(Document& doc) const;

  Segmenter(Segmenter&&) noexcept;
  Segmenter& operator=(Segmenter&&) noexcept;
  ~Segmenter();

 private:
  struct Compiled;
  explicit Segmenter(std::unique_ptr<Compiled> c);
  void SplitSentences(const Document& doc, uint32_t paragraph, std::vector<Sentence>& out) const;
  std::unique_ptr<Compiled> c_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SEGMENTER_H_
