// A source as the extractors see it: normalized text cut into paragraphs and
// sentences, with the metadata that anchors its dates.
#ifndef CROSSCHECK_ENGINE_DOCUMENT_H_
#define CROSSCHECK_ENGINE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/normalizer.h"
#include "engine/published_date.h"

namespace crosscheck {

// Half-open byte range [start, end) into a Document's normalized text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  bool contains(const Span& o) const { return start <= o.start && o.end <= end; }
  bool overlaps(const Span& o) const { return start < o.end && o.start < end; }
  bool operator==(const Span&) const = default;
};

// What a block of text is within the page. Persisted by name (see block_role_name).
enum class BlockRole {
  kBody,      // story text
  kTitle,     // the headline
  kHeading,   // a cross-head inside the story
  kByline,    // author line, dateline
  kCaption,   // image caption or credit
  kChrome,    // page furniture: navigation, teasers, forms, promotions
};
const char* block_role_name(BlockRole role);

struct Paragraph {
  Span span;
  BlockRole role = BlockRole::kBody;
  std::string chrome_reason;  // set when role == kChrome: the rule that marked it
  bool operator==(const Paragraph&) const = default;
};

struct Sentence {
  Span span;
  uint32_t paragraph = 0;  // index into Document::paragraphs
  BlockRole role = BlockRole::kBody;
  bool operator==(const Sentence&) const = default;
};

// Metadata a source may carry (manifest, front matter, HTML meta, JSON fields, flags).
struct SourceMeta {
  std::optional<std::string> id;
  std::optional<std::string> title;
  std::optional<std::string> outlet;
  std::optional<std::string> url;
  std::optional<std::string> author;
  std::optional<PublishedDate> published;
  std::optional<std::string> note;
  bool operator==(const SourceMeta&) const = default;
};

struct Document {
  NormalizedText normalized;  // normalized.text is what spans point into
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  SourceMeta meta;

  const std::string& text() const { return normalized.text; }
  std::string_view slice(Span s) const {
    return std::string_view(normalized.text).substr(s.start, s.end - s.start);
  }
  // True when extraction should read the sentence (not page chrome).
  bool is_story(const Sentence& s) const { return s.role != BlockRole::kChrome; }
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_DOCUMENT_H_
