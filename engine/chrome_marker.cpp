#include "engine/chrome_marker.h"

#include <toml++/toml.h>

#include <algorithm>

namespace crosscheck {

ChromeMarker::ChromeMarker(std::vector<Rule> rules, std::unique_ptr<RE2::Set> set, std::vector<size_t> pattern_rule)
    : rules_(std::move(rules)), set_(std::move(set)), pattern_rule_(std::move(pattern_rule)) {
  for (const Rule& r : rules_) max_bytes_ = std::max(max_bytes_, r.max_bytes);
}
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
  // One pass over a paragraph tests every pattern (each was checked above,
  // where an error can name its line).
  RE2::Options opt;
  opt.set_case_sensitive(false);
  opt.set_max_mem(kRulePatternMaxMem * 4);
  opt.set_log_errors(false);
  auto set = std::make_unique<RE2::Set>(opt, RE2::ANCHOR_BOTH);
  std::vector<size_t> pattern_rule;
  for (size_t i = 0; i < rules.size(); ++i)
    for (const auto& re : rules[i].patterns) {
      std::string error;
      if (set->Add(re->pattern(), &error) < 0) return file->error("pattern set: " + error);
      pattern_rule.push_back(i);
    }
  if (!set->Compile()) return file->error("the chrome patterns together exceed the memory bound");
  return ChromeMarker(std::move(rules), std::move(set), std::move(pattern_rule));
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
    if (text.size() > max_bytes_) continue;
    std::vector<int> hits;
    if (!set_->Match(text, &hits)) continue;
    // The first rule in file order that matches and admits this length.
    size_t best = rules_.size();
    for (int h : hits) {
      const size_t r = pattern_rule_[static_cast<size_t>(h)];
      if (r < best && text.size() <= rules_[r].max_bytes) best = r;
    }
    if (best == rules_.size()) continue;
    const Rule& r = rules_[best];
    p.role = BlockRole::kChrome;
    p.chrome_reason = r.reason;
    if (r.rest) rest_reason = &r.reason;
  }
  for (auto& s : doc.sentences)
    if (doc.paragraphs[s.paragraph].role == BlockRole::kChrome) s.role = BlockRole::kChrome;
}

}  // namespace crosscheck
