#include "engine/chrome_marker.h"

#include <toml++/toml.h>

namespace crosscheck {

ChromeMarker::ChromeMarker(std::vector<Rule> rules) : rules_(std::move(rules)) {}
ChromeMarker::ChromeMarker(ChromeMarker&&) noexcept = default;
ChromeMarker& ChromeMarker::operator=(ChromeMarker&&) noexcept = default;
ChromeMarker::~ChromeMarker() = default;

Result<ChromeMarker> ChromeMarker::Load(const RuleSource& source) {
  auto file = source.Open("chrome.toml");
  if (!file.ok()) return file.status();
  const toml::node* list = file->find("rule");
  if (list == nullptr || !list->is_array_of_tables()) return file->error("expected [[rule]] tables");
  std::vector<Rule> rules;
  size_t index = 0;
  for (const toml::node& n : *list->as_array()) {
    const std::string base = "rule[" + std::to_string(index++) + "]";
    const toml::table& t = *n.as_table();
    Rule r;
    const auto* reason = t.get_as<std::string>("reason");
    if (reason == nullptr) return file->error_at(n, "rule needs a string 'reason'");
    r.reason = reason->get();
    auto patterns = file->regexes(base + ".patterns");
    if (!patterns.ok()) return patterns.status();
    if (patterns->empty()) return file->error_at(n, "rule needs at least one pattern");
    r.patterns = std::move(patterns).value();
    auto max_bytes = file->integer(base + ".max_bytes", 300, 1, 1 << 20);
    if (!max_bytes.ok()) return max_bytes.status();
    r.max_bytes = static_cast<size_t>(*max_bytes);
    if (const toml::node* scope = t.get("scope")) {
      const auto* s = scope->as_string();
      if (s == nullptr || (s->get() != "rest" && s->get() != "paragraph"))
        return file->error_at(*scope, "scope must be \"paragraph\" or \"rest\"");
      r.rest = s->get() == "rest";
    }
    rules.push_back(std::move(r));
  }
  return ChromeMarker(std::move(rules));
}

void ChromeMarker::Mark(Document& doc) const {
  const std::string* rest_reason = nullptr;
  for (auto& p : doc.paragraphs) {
    if (rest_reason != nullptr) {
      p.role = BlockRole::kChrome;
      p.chrome_reason = *rest_reason;
      continue;
    }
    const std::string_view text = doc.slice(p.span);
    for (const Rule& r : rules_) {
      if (text.size() > r.max_bytes) continue;
      bool hit = false;
      for (const auto& re : r.patterns) {
        if (RE2::FullMatch(text, *re)) {
          hit = true;
          break;
        }
      }
      if (!hit) continue;
      p.role = BlockRole::kChrome;
      p.chrome_reason = r.reason;
      if (r.rest) rest_reason = &r.reason;
      break;
    }
  }
  for (auto& s : doc.sentences)
    if (doc.paragraphs[s.paragraph].role == BlockRole::kChrome) s.role = BlockRole::kChrome;
}

}  // namespace crosscheck
