// Marks page chrome (navigation, teasers, comment forms, promotions, image
// credits) in a segmented Document. Marking is not deleting: the text stays,
// the paragraph and its sentences get role kChrome and a reason.
#ifndef CROSSCHECK_ENGINE_CHROME_MARKER_H_
#define CROSSCHECK_ENGINE_CHROME_MARKER_H_

#include <re2/set.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/document.h"
#include "engine/rules.h"

namespace crosscheck {

class ChromeMarker {
 public:
  // Loads rules/chrome.toml.
  static Result<ChromeMarker> Load(const RuleSource& rules);

  // REQUIRES: doc is segmented. Sets role kChrome and chrome_reason on the
  // paragraphs the rules match, and role kChrome on their sentences.
  void Mark(Document& doc) const;

  ChromeMarker(ChromeMarker&&) noexcept;
  ChromeMarker& operator=(ChromeMarker&&) noexcept;
  ~ChromeMarker();

 private:
  struct Rule {
    std::string reason;
    std::vector<std::unique_ptr<RE2>> patterns;
    size_t max_bytes = 300;
    bool rest = false;
  };
  ChromeMarker(std::vector<Rule> rules, std::unique_ptr<RE2::Set> set, std::vector<size_t> pattern_rule);
  std::vector<Rule> rules_;
  std::unique_ptr<RE2::Set> set_;       // every pattern of every rule, anchored at both ends
  std::vector<size_t> pattern_rule_;    // set index -> rule index
  size_t max_bytes_ = 0;                // the largest max_bytes of any rule
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_CHROME_MARKER_H_
