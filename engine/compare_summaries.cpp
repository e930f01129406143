// The comparator: summaries. A short source written from a longer one (an
// article's summary, a brief, a standfirst) owes every figure it gives to
// the article; a figure or a dated year the article gives in no form is
// raised (summary_unsupported). Other differences between the two are the
// other concerns' business, as between any two sources.
#include "engine/compare_context.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "engine/word_tokens.h"

namespace crosscheck::compare {

namespace {

// The sentences whose words are counted and compared: a summary's are all
// body; an article's cross-heads tell its story too.
bool SummaryRole(BlockRole r) { return r == BlockRole::kBody || r == BlockRole::kHeading; }

// `needle` in `hay` (both folded), not inside a longer word or number: "13"
// is in "March 13" and in "£13m", not in "2013"; "quarter" is in
// "quarter-final", not in "headquarters".
bool HasVerbatim(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return false;
  const auto cls = [](char ch) {
    const auto u = static_cast<unsigned char>(ch);
    return std::isdigit(u) ? 1 : (std::isalpha(u) || u >= 0x80) ? 2 : 0;
  };
  for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
    const size_t end = at + needle.size();
    const bool open = at == 0 || cls(needle.front()) == 0 || cls(hay[at - 1]) != cls(needle.front());
    const bool close = end == hay.size() || cls(needle.back()) == 0 || cls(hay[end]) != cls(needle.back());
    if (open && close) return true;
  }
  return false;
}

}  // namespace

size_t ComparisonRun::StoryWords(size_t s, size_t cap) const {
  size_t n = 0;
  for (const Sentence& sentence : corpus_[s].sentences) {
    if (!SummaryRole(sentence.role)) continue;
    for (const Token& t : tokenize(corpus_[s].slice(sentence.span), static_cast<uint32_t>(sentence.span.start)))
      if (t.kind == TokenKind::kWord && ++n > cap) return n;
  }
  return n;
}

void ComparisonRun::FindSummaryCandidates() {
  const auto& o = cfg_.summaries;
  summaries_.clear();
  // A summary is compared with at most this many of the sources holding
  // most of its terms (copies of one article among them, other reports of
  // its story).
  constexpr size_t kMaxArticles = 16;
  for (size_t s = 0; s < corpus_.size(); ++s) {
    size_t sentences = 0;
    bool page = false;
    for (uint32_t i = 0; i < corpus_[s].sentences.size(); ++i) {
      const BlockRole role = corpus_[s].sentences[i].role;
      sentences += role == BlockRole::kBody && !aligner_.terms(s, i).terms.empty();
      // A dateline, a byline, a cross-head or a caption: a page of its own
      // (a brief), not a summary of another.
      page = page || role == BlockRole::kByline || role == BlockRole::kHeading || role == BlockRole::kCaption;
    }
    if (page || sentences == 0 || sentences > o.max_sentences) continue;
    const size_t words = StoryWords(s, o.max_words);
    if (words > o.max_words) continue;
    uint32_t counted = 0;
    const auto holders = aligner_.Holders(s, kMaxArticles, counted);
    Summary sm{s, words, counted, {}, {}};
    for (const auto& h : holders) {
      if (counted == 0 || double(h.shared) < o.min_contained * double(counted)) break;  // most first
      sm.witnesses.push_back(h.source);
      if (Touches(s, h.source)) sm.articles.push_back({h.source, 0, h.shared, {}});
    }
    if (!sm.articles.empty()) summaries_.push_back(std::move(sm));
  }
}

void ComparisonRun::FindSummaries() {
  const auto& o = cfg_.summaries;
  std::vector<Summary> kept;
  // Each article's words, counted once however many summaries it holds.
  std::unordered_map<size_t, size_t> words_of;
  for (Summary& sm : summaries_) {
    const size_t s = sm.source;
    // Its sentences holding a figure or a date.
    std::vector<uint32_t> held;
    for (const Claim& c : corpus_[s].claims)
      if ((c.kind == ClaimKind::kQuantity || c.kind == ClaimKind::kDate) && c.sentence) held.push_back(*c.sentence);
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
    if (held.empty()) continue;
    // The names its sentences write (a title's are the page's, not the summary's).
    std::vector<uint32_t> names;
    for (uint32_t i = 0; i < corpus_[s].sentences.size(); ++i)
      if (SummaryRole(corpus_[s].sentences[i].role)) {
        const auto n = aligner_.terms(s, i).names;
        names.insert(names.end(), n.begin(), n.end());
      }
    std::vector<Summary::Article> articles;
    for (Summary::Article& a : sm.articles) {
      const size_t x = a.source;
      auto [at_words, fresh] = words_of.try_emplace(x, 0);
      if (fresh) at_words->second = StoryWords(x, SIZE_MAX - 1);
      a.words = at_words->second;
      if (double(a.words) < o.min_length_ratio * double(sm.words)) continue;
      // Every name the summary writes is one the article writes: a summary
      // naming a place or a person its article never names is about
      // something else (or wrong in a way figures do not show).
      if (NamesForeignTo(names, x)) continue;
      for (uint32_t i : held) {
        const auto mine = aligner_.terms(s, i).terms;
        double best = 0;
        std::optional<uint32_t> at;
        for (uint32_t k = 0; k < corpus_[x].sentences.size(); ++k) {
          if (!SummaryRole(corpus_[x].sentences[k].role)) continue;
          const double sim = Aligner::dice(mine, aligner_.terms(x, k).terms);
          if (!at || sim > best) {
            best = sim;
            at = k;
          }
        }
        if (at) a.closest[i] = *at;
      }
      articles.push_back(std::move(a));
    }
    if (articles.empty()) continue;
    sm.articles = std::move(articles);
    kept.push_back(std::move(sm));
  }
  summaries_ = std::move(kept);
}

bool ComparisonRun::GivesFigure(size_t summary, const Claim& q, std::span<const size_t> sources,
                                std::span<const std::string> texts) const {
  const auto [lo, hi] = Interval(q);
  const bool percent = str_field(q, "unit").value_or("") == "percent";
  const std::string written = fold_case(corpus_[summary].slice(q.span));
  for (size_t k = 0; k < sources.size(); ++k) {
    for (const Claim& c : corpus_[sources[k]].claims) {
      if (c.kind != ClaimKind::kQuantity) continue;
      auto [alo, ahi] = Interval(c);
      // "50%" and "half": a percentage is a fraction of a hundred.
      const bool other_percent = str_field(c, "unit").value_or("") == "percent";
      const double scale = percent == other_percent ? 1 : percent ? 100 : 0.01;
      alo *= scale;
      ahi *= scale;
      if (alo <= hi && lo <= ahi) return true;
    }
    // Its words as the summary writes them ("13" of "March 13", "Radio 4").
    if (HasVerbatim(texts[k], written)) return true;
  }
  return false;
}

bool ComparisonRun::GivesDate(size_t summary, const Claim& d, std::span<const size_t> sources,
                              std::span<const std::string> texts) const {
  const auto r = DateRefOf(summary, d);
  if (!r) return true;
  for (size_t k = 0; k < sources.size(); ++k) {
    for (const Claim* c : dates_[sources[k]])
      if (const auto o = DateRefOf(sources[k], *c); o && Overlap(*r, *o)) return true;
    // The year written anywhere ("the 2015 election", "Euro 2016").
    if (HasVerbatim(texts[k], r->start.substr(0, 4))) return true;
  }
  return false;
}

void ComparisonRun::CompareSummaries() {
  for (const Summary& all : summaries_) {
    // A copy is compared as a copy, not as a summary.
    Summary sm{all.source, all.words, all.counted, {}, {}};
    for (const Summary::Article& a : all.articles)
      if (!IsCopyPair(all.source, a.source) && DerivationOf(all.source, a.source) == nullptr) sm.articles.push_back(a);
    if (sm.articles.empty()) continue;
    const size_t s = sm.source;
    // A figure any source the summary could come from gives is not its own:
    // those holding as much of its terms as an article (copies, briefs,
    // reports too short or naming too little to be its article) and those
    // telling its story (Related).
    std::vector<size_t> sources = all.witnesses;
    for (size_t x : partners_[s])
      if (Related(s, x)) sources.push_back(x);
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    std::vector<std::string> texts;  // folded, once for all the summary's figures
    texts.reserve(sources.size());
    for (size_t x : sources) texts.push_back(fold_case(corpus_[x].full_text()));
    // The article quoted: the one holding most of its terms; of those holding
    // as many, an original rather than its copy.
    const Summary::Article& article = *std::min_element(
        sm.articles.begin(), sm.articles.end(), [&](const Summary::Article& x, const Summary::Article& y) {
          if (x.shared != y.shared) return x.shared > y.shared;
          return original_of_.count(x.source) < original_of_.count(y.source);
        });
    const auto raise = [&](const Claim& c, const char* what, nlohmann::json fields) {
      Finding f;
      f.kind = FindingKind::kSummaryUnsupported;
      f.severity = Severity::kMedium;
      const double contained = double(article.shared) / double(std::max<uint32_t>(1, sm.counted));
      f.confidence = std::min(0.9, 0.4 + contained / 2);
      const std::string quoted(corpus_[s].slice(c.span));
      f.summary = "\"" + quoted + "\" in " + Label(s) + " is not in " + Label(article.source) + ", which it summarises";
      char share[64];
      std::snprintf(share, sizeof share, "%u of its %u distinctive words", article.shared, sm.counted);
      f.explanation = Label(s) + " reads as a summary of " + Label(article.source) + ": " + std::to_string(sm.words) +
                      " words against " + std::to_string(article.words) + ", " + share +
                      " are in it, and every name it writes. A summary's " + what +
                      " should come from its source, but " +
                      (sources.size() > 1 ? "none of the " + std::to_string(sources.size()) + " sources it could come from gives"
                                          : Label(article.source) + " does not give") +
                      " \"" + quoted + "\" in any form: no value that matches it, not the same words. The article's "
                      "closest sentence is quoted.";
      f.evidence.push_back(MakeEvidence(s, c, std::move(fields)));
      const auto at = article.closest.find(*c.sentence);
      if (at != article.closest.end()) f.evidence.push_back(SentenceEvidence(article.source, at->second, {{"closest", true}}));
      f.details = {{"summary_words", sm.words},
                   {"article_words", article.words},
                   {"distinctive_words", sm.counted},
                   {"in_article", article.shared}};
      Add(std::move(f));
    };
    for (const Claim& c : corpus_[s].claims) {
      if (c.kind != ClaimKind::kQuantity || !c.sentence) continue;
      const std::string kind = str_field(c, "quantity_kind").value_or("count");
      if (kind == "ordinal" || kind == "rank") continue;  // "for the first time", "No. 1"
      const auto [lo, hi] = Interval(c);
      if (!std::isfinite(lo) && !std::isfinite(hi)) continue;
      if (lo == 1 && hi == 1) continue;  // "one man" for "a man"
      if (GivesFigure(s, c, sources, texts)) continue;
      nlohmann::json fields = {{"quantity", std::string(corpus_[s].slice(c.span))}, {"unit", str_field(c, "unit").value_or("")}};
      if (auto v = num_field(c, "value")) fields["value"] = *v;
      raise(c, "figures", std::move(fields));
    }
    for (const Claim* c : dates_[s]) {
      if (!c->sentence) continue;
      const auto written = strings_field(*c, "written");
      if (std::find(written.begin(), written.end(), "year") == written.end()) continue;  // a year of its own
      if (GivesDate(s, *c, sources, texts)) continue;
      raise(*c, "dates", {{"date", std::string(corpus_[s].slice(c->span))}, {"value", str_field(*c, "value").value_or("")}});
    }
  }
}

}  // namespace crosscheck::compare
