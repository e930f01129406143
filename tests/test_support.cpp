#include "tests/test_support.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/chrome_marker.h"
#include "engine/json_writer.h"
#include "engine/segmenter.h"

namespace crosscheck::testing {

const RuleSource& builtin_rules() {
  static const RuleSource rules = RuleSource::Builtin();
  return rules;
}


Document make_doc(std::string_view text, std::string_view published) {
  const Segmenter& segmenter = loaded<Segmenter>();
  const ChromeMarker& chrome = loaded<ChromeMarker>();
  Document doc;
  doc.normalized = normalize(text);
  if (!published.empty()) {
    auto p = parse_published_date(published);
    if (!p.ok()) throw std::runtime_error(p.status().message());
    doc.meta.published = *p;
  }
  segmenter.Segment(doc);
  chrome.Mark(doc);
  return doc;
}

nlohmann::json written_fields(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text);
  if (!j.is_object() || compact_json(j) != text)
    throw std::runtime_error("fields not in compact_json's form: " + text);
  return j;
}

std::string source_dir() { return CROSSCHECK_SOURCE_DIR; }

std::optional<std::string> read_shared(std::string_view relative) {
  const std::filesystem::path path = std::filesystem::path(source_dir()) / ".." / "shared" / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace crosscheck::testing
