// The comparator's public face: rules, and one run per Compare call. The
// comparison itself is in engine/compare_*.cpp (see engine/compare_context.h).
#include "engine/comparator.h"

#include <algorithm>

#include "engine/compare_context.h"
#include "engine/word_tokens.h"

namespace crosscheck {

Comparator::Comparator(std::unique_ptr<Config> c) : c_(std::move(c)) {}
Comparator::Comparator(Comparator&&) noexcept = default;
Comparator& Comparator::operator=(Comparator&&) noexcept = default;
Comparator::~Comparator() = default;

Result<Comparator> Comparator::Load(const RuleSource& rules) {
  auto pipeline = Pipeline::Load(rules);
  if (!pipeline.ok()) return pipeline.status();
  auto f = rules.Open("compare.toml");
  if (!f.ok()) return f.status();
  auto c = std::unique_ptr<Config>(new Config{{}, {}, {}, 0.5, 4, 0.6, 0.15, 0.5, 5, 0.5, 0.8, {}, 4, {}, {}, {}, {}, {}, {},
                                              std::move(pipeline).value()});
  auto stop = f->strings("stopwords");
  if (!stop.ok()) return stop.status();
  for (auto& w : *stop) c->stopwords.insert(fold_case(w));
  auto not_names = f->strings("alignment.not_names", /*optional=*/true);
  if (!not_names.ok()) return not_names.status();
  for (auto& w : *not_names) c->not_names.push_back(fold_case(w));
  const auto num = [&](std::string_view path, double& into, double min, double max) -> Status {
    auto v = f->number(path, into, min, max);
    if (!v.ok()) return v.status();
    into = *v;
    return Status::Ok();
  };
  double max_postings = 400, derived_min = 4, rewrite_min = 5, max_partners = 0, related_min = 1;
  CC_RETURN_IF_ERROR(num("alignment.min_similarity", c->alignment.min_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.gap_similarity", c->alignment.gap_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.max_postings", max_postings, 2, 1e7));
  CC_RETURN_IF_ERROR(num("alignment.max_partners", max_partners, 0, 1e7));
  CC_RETURN_IF_ERROR(num("alignment.related_min_anchors", related_min, 1, 1e6));
  CC_RETURN_IF_ERROR(num("alignment.derived_share", c->derived_share, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.derived_min_sentences", derived_min, 1, 1e6));
  CC_RETURN_IF_ERROR(num("alignment.derived_mean_similarity", c->derived_mean_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.rewrite_share", c->rewrite_share, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.rewrite_mean_similarity", c->rewrite_mean_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.rewrite_min_sentences", rewrite_min, 1, 1e6));
  CC_RETURN_IF_ERROR(num("quotes.same_quote_min", c->same_quote_min, 0, 1));
  CC_RETURN_IF_ERROR(num("quotes.misattribution_min", c->misattribution_min, 0, 1));
  double max_name_sources = static_cast<double>(c->scope.max_name_sources);
  CC_RETURN_IF_ERROR(num("audit.max_name_sources", max_name_sources, 1, 1e9));
  CC_RETURN_IF_ERROR(num("audit.max_scope_share", c->scope.max_scope_share, 0, 1));
  c->scope.max_name_sources = static_cast<size_t>(max_name_sources);
  double min_shared_names = static_cast<double>(c->scope.min_shared_names);
  CC_RETURN_IF_ERROR(num("audit.min_shared_names", min_shared_names, 1, 1e6));
  c->scope.min_shared_names = static_cast<size_t>(min_shared_names);
  double max_written_names = static_cast<double>(c->scope.max_written_names);
  CC_RETURN_IF_ERROR(num("audit.max_written_names", max_written_names, 0, 1e6));
  c->scope.max_written_names = static_cast<size_t>(max_written_names);
  double summary_sentences = static_cast<double>(c->summaries.max_sentences);
  double summary_words = static_cast<double>(c->summaries.max_words);
  CC_RETURN_IF_ERROR(num("summaries.max_sentences", summary_sentences, 1, 1e6));
  CC_RETURN_IF_ERROR(num("summaries.max_words", summary_words, 1, 1e7));
  CC_RETURN_IF_ERROR(num("summaries.min_length_ratio", c->summaries.min_length_ratio, 1, 1e6));
  CC_RETURN_IF_ERROR(num("summaries.min_contained", c->summaries.min_contained, 0, 1));
  CC_RETURN_IF_ERROR(num("summaries.min_swap_similarity", c->summaries.min_swap_similarity, 0, 1));
  c->summaries.max_sentences = static_cast<size_t>(summary_sentences);
  c->summaries.max_words = static_cast<size_t>(summary_words);
  c->alignment.max_postings = static_cast<size_t>(max_postings);
  c->max_partners = static_cast<size_t>(max_partners);
  c->related_min_anchors = static_cast<size_t>(related_min);
  c->derived_min_sentences = static_cast<size_t>(derived_min);
  c->rewrite_min_sentences = static_cast<size_t>(rewrite_min);
  double max_swap = static_cast<double>(c->certainty_max_swap_words);
  CC_RETURN_IF_ERROR(num("certainty.max_swap_words", max_swap, 1, 1e6));
  c->certainty_max_swap_words = static_cast<size_t>(max_swap);
  auto scales = f->table_keys("certainty.scales");
  if (!scales.ok()) return scales.status();
  uint32_t scale = 0;
  for (const std::string& name : *scales) {
    const std::string path = "certainty.scales." + name;
    auto degrees = f->strings(path);
    if (!degrees.ok()) return degrees.status();
    for (uint32_t degree = 0; degree < degrees->size(); ++degree) {
      const std::string_view words = (*degrees)[degree];
      for (size_t at = 0; at <= words.size();) {
        const size_t slash = std::min(words.find('/', at), words.size());
        const std::string_view word = words.substr(at, slash - at);
        at = slash + 1;
        const std::vector<std::string> folded = compare::words_of(word);
        if (folded.size() != 1)
          return f->error(path + ": a certainty marker is one word, not '" + std::string(word) + "'");
        const std::string& w = folded[0];
        if (!c->certainty.emplace(w, Config::CertaintyDegree{scale, degree}).second)
          return f->error(path + ": certainty marker '" + w + "' is on two scales or twice on one");
      }
    }
    ++scale;
  }
  std::vector<std::string> marker_words;
  for (const auto& [w, place] : c->certainty) marker_words.push_back(w);
  c->certainty_words = WordSet(std::move(marker_words));
  auto backshift = f->string_map("certainty.backshift", /*optional=*/true);
  if (!backshift.ok()) return backshift.status();
  for (auto& [from, to] : *backshift) c->certainty_backshift[fold_case(from)] = fold_case(to);
  auto mild = f->string_map("certainty.mild", /*optional=*/true);
  if (!mild.ok()) return mild.status();
  for (auto& [x, y] : *mild) {
    if (c->certainty.count(fold_case(x)) == 0 || c->certainty.count(fold_case(y)) == 0)
      return f->error("certainty.mild: '" + x + "' and '" + y + "' must both be certainty markers");
    c->certainty_mild.insert({fold_case(x), fold_case(y)});
    c->certainty_mild.insert({fold_case(y), fold_case(x)});
  }
  struct WordList {
    const char* path;
    const char* entry;  // what one entry is, for the refusal
    std::set<std::string>* into;
  };
  for (const WordList& list : {WordList{"dates.no_later_than", "a bound", &c->date_no_later_than},
                               WordList{"dates.no_earlier_than", "a bound", &c->date_no_earlier_than},
                               WordList{"roles.past", "a past-role word", &c->past_role_words}}) {
    auto words = f->strings(list.path);
    if (!words.ok()) return words.status();
    for (const auto& w : *words) {
      const std::vector<std::string> folded = compare::words_of(w);
      if (folded.size() != 1) return f->error(std::string(list.path) + ": " + list.entry + " is one word, not '" + w + "'");
      list.into->insert(folded[0]);
    }
  }
  auto incomplete = f->strings("lists.incomplete_markers");
  if (!incomplete.ok()) return incomplete.status();
  c->incomplete_markers = std::move(incomplete).value();
  return Comparator(std::move(c));
}

const ScopeOptions& Comparator::scope_options() const { return c_->scope; }

void Comparator::SetJobs(int jobs) { c_->alignment.jobs = std::max(1, jobs); }

void Comparator::SetCompactFindings(bool compact) { c_->compact_findings = compact; }

namespace {

// The comparison reads Claim::packed. A corpus from load_corpus has it; one
// built from extractions (tests, library use) is packed here, in a copy.
std::optional<std::vector<SourceView>> packed_copy(const std::vector<SourceView>& corpus) {
  const bool unpacked = std::any_of(corpus.begin(), corpus.end(), [](const SourceView& v) {
    return std::any_of(v.claims.begin(), v.claims.end(), [](const Claim& c) { return !c.packed.set(); });
  });
  if (!unpacked) return std::nullopt;
  std::vector<SourceView> copy = corpus;
  for (SourceView& v : copy)
    for (Claim& c : v.claims)
      if (!c.packed.set()) c.packed = PackedFields::Parse(c.fields_text.view()).value_or(PackedFields::Pack({}));
  return copy;
}

std::vector<Finding> run_comparison(const Comparator::Config& cfg, const std::vector<SourceView>& corpus,
                                    const std::vector<bool>* focus, Comparator::StemCounts* stems) {
  if (focus != nullptr &&
      (focus->size() != corpus.size() || std::find(focus->begin(), focus->end(), true) == focus->end()))
    return {};
  if (auto copy = packed_copy(corpus)) return run_comparison(cfg, *copy, focus, stems);
  compare::ComparisonRun run(cfg, corpus, focus, stems);
  return run.Go();
}

}  // namespace

std::vector<Finding> Comparator::Compare(const std::vector<SourceView>& corpus) const {
  return run_comparison(*c_, corpus, nullptr, nullptr);
}

std::vector<Finding> Comparator::Compare(const std::vector<SourceView>& corpus, const std::vector<bool>& focus) const {
  return run_comparison(*c_, corpus, &focus, nullptr);
}

std::vector<Finding> Comparator::Compare(const std::vector<SourceView>& corpus, const std::vector<bool>* focus,
                                         StemCounts& stems) const {
  return run_comparison(*c_, corpus, focus, &stems);
}

}  // namespace crosscheck
