// The comparator: summaries. A short source written from a longer one (an
// article's summary, a brief, a standfirst) owes every figure, date and name
// it gives to the article; a figure or a date (with a year or a day) the
// article gives in no form, and a name written where the article's sentence
// names something else, are raised (summary_unsupported). Other differences
// between the two are the other concerns' business, as between any two
// sources.
#include "engine/compare_context.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

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
      sm.sources.push_back(h.source);
      if (Touches(s, h.source)) sm.articles.push_back({h.source, 0, h.shared, {}});
    }
    if (!sm.articles.empty()) summaries_.push_back(std::move(sm));
  }
}

void ComparisonRun::FindSummaries() {
  if (summaries_.empty()) return;
  const auto& o = cfg_.summaries;
  std::vector<Summary> kept;
  // Each article's words, counted once however many summaries it holds.
  std::unordered_map<size_t, size_t> words_of;
  // Every term of a source (any sentence, names or not), sorted: read only
  // for the sources of summaries naming what their article does not.
  std::unordered_map<size_t, std::vector<uint32_t>> terms_of;
  const auto held_terms = [&](size_t x) -> const std::vector<uint32_t>& {
    auto [at, fresh] = terms_of.try_emplace(x);
    if (fresh) at->second = aligner_.SourceTermSet(x);
    return at->second;
  };
  // The sources telling each summary's story join those holding its terms
  // (partners_ is built later, from the same pairs).
  std::unordered_map<size_t, Summary*> by_source;
  for (Summary& sm : summaries_) by_source[sm.source] = &sm;
  for (const SourcePairAlignment& p : pairs_) {
    if (!Related(p.a, p.b)) continue;
    if (auto it = by_source.find(p.a); it != by_source.end()) it->second->sources.push_back(p.b);
    if (auto it = by_source.find(p.b); it != by_source.end()) it->second->sources.push_back(p.a);
  }
  std::unordered_set<size_t> derived;  // copies, spins and rewrites of another source
  for (const Derivation& d : derivations_) derived.insert(d.derived);
  for (Summary& sm : summaries_) {
    const size_t s = sm.source;
    std::sort(sm.sources.begin(), sm.sources.end());
    sm.sources.erase(std::unique(sm.sources.begin(), sm.sources.end()), sm.sources.end());
    // Its sentences holding a figure or a date.
    std::vector<uint32_t> held;
    for (const Claim& c : corpus_[s].claims)
      if ((c.kind == ClaimKind::kQuantity || c.kind == ClaimKind::kDate) && c.sentence) held.push_back(*c.sentence);
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
    // The names its sentences write (a title's are the page's, not the summary's).
    std::vector<uint32_t> names;
    for (uint32_t i = 0; i < corpus_[s].sentences.size(); ++i)
      if (SummaryRole(corpus_[s].sentences[i].role)) {
        const auto n = aligner_.terms(s, i).names;
        names.insert(names.end(), n.begin(), n.end());
      }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<Summary::Article> articles;
    bool named_alike = false;
    for (Summary::Article& a : sm.articles) {
      const size_t x = a.source;
      auto [at_words, fresh] = words_of.try_emplace(x, 0);
      if (fresh) at_words->second = StoryWords(x, SIZE_MAX - 1);
      a.words = at_words->second;
      a.derived = derived.count(x) > 0;
      if (double(a.words) < o.min_length_ratio * double(sm.words)) continue;
      // A summary naming a place or a person its article never names is
      // about something else, or wrong in a way its figures do not show:
      // its names are compared (FindSwaps), not its figures.
      a.foreign = NamesForeignTo(names, x);
      named_alike = named_alike || !a.foreign;
      if (!a.foreign)
        for (uint32_t i : held)
          if (const auto alike = Alike(s, i, x, 0); !alike.empty()) a.closest[i] = alike.front().second;
      articles.push_back(std::move(a));
    }
    if (articles.empty()) continue;
    sm.articles = std::move(articles);
    // Some article writes every name the summary writes: no name is foreign
    // to all the sources it could come from.
    if (!named_alike) FindSwaps(sm, MainArticle(sm.articles).source, names, held_terms);
    if (held.empty() && sm.swaps.empty()) continue;
    kept.push_back(std::move(sm));
  }
  summaries_ = std::move(kept);
}

std::vector<std::pair<double, uint32_t>> ComparisonRun::Alike(size_t s, uint32_t sentence, size_t x,
                                                               double min_similarity) const {
  const auto mine = aligner_.terms(s, sentence).terms;
  std::vector<std::pair<double, uint32_t>> out;
  for (uint32_t k = 0; k < corpus_[x].sentences.size(); ++k) {
    if (!SummaryRole(corpus_[x].sentences[k].role)) continue;
    const double sim = Aligner::dice(mine, aligner_.terms(x, k).terms);
    if (sim >= min_similarity) out.push_back({sim, k});
  }
  // Most similar first; of equals, the first sentence.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  return out;
}

const ComparisonRun::Summary::Article& ComparisonRun::MainArticle(std::span<const Summary::Article> articles) {
  return *std::min_element(articles.begin(), articles.end(), [](const Summary::Article& a, const Summary::Article& b) {
    if (a.shared != b.shared) return a.shared > b.shared;
    return a.derived < b.derived;
  });
}

void ComparisonRun::FindSwaps(Summary& sm, size_t x, std::span<const uint32_t> names,
                              const std::function<const std::vector<uint32_t>&(size_t)>& held) {
  const size_t s = sm.source;
  // Names are read from capitals: a summary written in lower case ("greece
  // is due to repay ...", "at wayne community college", with a capitalised
  // placeholder for each rare word) names nothing that can be told apart. It
  // opens a sentence in lower case, or writes so a name the article always
  // capitalises.
  std::vector<uint32_t> plain, article_names;  // written in lower case (or first) in the article; never so
  for (uint32_t k = 0; k < corpus_[x].sentences.size(); ++k) {
    const auto t = aligner_.terms(x, k);
    for (uint32_t id : t.terms)
      if (!std::binary_search(t.names.begin(), t.names.end(), id)) plain.push_back(id);
  }
  std::sort(plain.begin(), plain.end());
  plain.erase(std::unique(plain.begin(), plain.end()), plain.end());
  std::set_difference(source_names_[x].begin(), source_names_[x].end(), plain.begin(), plain.end(),
                      std::back_inserter(article_names));
  bool lowered = false;
  for (const Sentence& sentence : corpus_[s].sentences) {
    if (!SummaryRole(sentence.role)) continue;
    const std::string_view text = corpus_[s].slice(sentence.span);
    bool first = true;
    for (const Token& t : tokenize(text)) {
      if (t.kind != TokenKind::kWord) continue;
      if (first && !t.capitalized) return;
      if (!first && !t.capitalized)
        if (const auto id = aligner_.term_id(stem(fold_word(text.substr(t.span.start, t.span.size())))))
          lowered = lowered || std::binary_search(article_names.begin(), article_names.end(), *id);
      first = false;
    }
  }
  if (lowered) return;
  const auto none_writes = [&](uint32_t id) {
    if (std::binary_search(not_names_.begin(), not_names_.end(), id)) return false;
    return std::none_of(sm.sources.begin(), sm.sources.end(), [&](size_t y) {
      const auto& t = held(y);
      return std::binary_search(t.begin(), t.end(), id);
    });
  };
  std::vector<uint32_t> foreign;
  for (uint32_t id : names)
    if (none_writes(id)) foreign.push_back(id);
  if (foreign.empty()) return;
  // Every term of the summary: a name its article's sentence writes that
  // the summary writes anywhere was not replaced.
  const auto& mine_all = held(s);
  // The two names stand in one place of a sentence: where the word diff
  // substitutes a run of words for another, one opens with the first name
  // and the other with the second, after the same words ("the invasion of
  // Ukraine" / "of Syria"). A name added beside others ("U.K. activists"
  // for "activists in London") is not a swap.
  constexpr size_t kSlotWords = 5;
  const auto in_run = [&](const std::string& run, const std::vector<uint32_t>& ids, std::vector<uint32_t>& found) {
    std::vector<std::string> words = split_words(run);
    if (words.size() > kSlotWords) words.resize(kSlotWords);
    for (const std::string& w : words)
      if (const auto id = aligner_.term_id(stem(w)))
        if (std::find(ids.begin(), ids.end(), *id) != ids.end()) {
          found.push_back(*id);  // the first: the words next to it are shown with it (NamedAs)
          return;
        }
  };
  const auto words_in = [&](size_t src, uint32_t k) { return words_of(corpus_[src].slice(corpus_[src].sentences[k].span)); };
  for (uint32_t i = 0; i < corpus_[s].sentences.size(); ++i) {
    if (!SummaryRole(corpus_[s].sentences[i].role)) continue;
    const auto t = aligner_.terms(s, i);
    std::vector<uint32_t> swapped;
    for (uint32_t id : t.names)
      if (std::binary_search(foreign.begin(), foreign.end(), id)) swapped.push_back(id);
    if (swapped.empty()) continue;
    // The article's sentences told alike (a summary's sentence may join two
    // of them), most similar first.
    const std::vector<std::string> mine = words_in(s, i);
    for (const auto& [sim, k] : Alike(s, i, x, cfg_.summaries.min_swap_similarity)) {
      // Its names the summary never writes.
      std::vector<uint32_t> replaced;
      for (uint32_t id : aligner_.terms(x, k).names)
        if (!std::binary_search(mine_all.begin(), mine_all.end(), id) &&
            !std::binary_search(not_names_.begin(), not_names_.end(), id))
          replaced.push_back(id);
      if (replaced.empty()) continue;
      std::vector<uint32_t> from, to;
      for (const auto& [removed, added] : substitutions(mine, words_in(x, k))) {
        std::vector<uint32_t> fa, fb;
        in_run(removed, swapped, fa);
        in_run(added, replaced, fb);
        if (fa.empty() || fb.empty()) continue;
        from.insert(from.end(), fa.begin(), fa.end());
        to.insert(to.end(), fb.begin(), fb.end());
      }
      if (from.empty()) continue;
      sm.swaps.push_back({i, x, k, sim, NamedAs(s, i, from, held(x)), NamedAs(x, k, to, mine_all)});
      break;
    }
  }
}

std::vector<std::string> ComparisonRun::NamedAs(size_t s, uint32_t sentence, std::span<const uint32_t> ids,
                                                std::span<const uint32_t> others) const {
  const std::string_view text = corpus_[s].slice(corpus_[s].sentences[sentence].span);
  const std::vector<Token> tokens = tokenize(text, 0);
  // Each capitalised word's term: among `ids`, among `others`, or neither.
  enum class Of { kNone, kIds, kOthers };
  std::vector<Of> of(tokens.size(), Of::kOthers);
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].kind != TokenKind::kWord || !tokens[k].capitalized) continue;
    const auto id = aligner_.term_id(stem(fold_word(text.substr(tokens[k].span.start, tokens[k].span.size()))));
    of[k] = !id ? Of::kNone
            : std::find(ids.begin(), ids.end(), *id) != ids.end()       ? Of::kIds
            : std::binary_search(others.begin(), others.end(), *id) ? Of::kOthers
                                                                      : Of::kNone;
  }
  std::vector<std::string> out;
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (of[k] != Of::kIds) continue;
    // The capitalised words next to it, one space apart; a capitalised stop
    // word only inside the sentence ("New Zealand", not "The Letzgo").
    const auto joins = [&](size_t a, size_t b) {
      return of[a] != Of::kOthers && of[b] != Of::kOthers && (a > 0 || of[a] != Of::kNone) &&
             tokens[b].span.start == tokens[a].span.end + 1;
    };
    constexpr size_t kMaxWords = 4;
    size_t lo = k, hi = k + 1;
    while (lo > 0 && hi - lo < kMaxWords && joins(lo - 1, lo)) --lo;
    while (hi < tokens.size() && hi - lo < kMaxWords && joins(hi - 1, hi)) ++hi;
    std::string words(text.substr(tokens[lo].span.start, tokens[hi - 1].span.end - tokens[lo].span.start));
    if (std::find(out.begin(), out.end(), words) == out.end()) out.push_back(std::move(words));
    k = hi - 1;
  }
  return out;
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
  const auto written = strings_field(d, "written");
  const bool year = std::find(written.begin(), written.end(), "year") != written.end();
  // The year written anywhere ("the 2015 election", "Euro 2016"); a day
  // without one as the summary writes it ("Friday", "March 3").
  const std::string words = year ? r->start.substr(0, 4) : fold_case(corpus_[summary].slice(d.span));
  for (size_t k = 0; k < sources.size(); ++k) {
    for (const Claim* c : dates_[sources[k]])
      if (const auto o = DateRefOf(sources[k], *c); o && Overlap(*r, *o)) return true;
    if (HasVerbatim(texts[k], words)) return true;
  }
  return false;
}

void ComparisonRun::RaiseSwap(const Summary& sm, const Summary::Swap& w) {
  const size_t s = sm.source, x = w.article;
  const Summary::Article* article = nullptr;
  for (const Summary::Article& a : sm.articles)
    if (a.source == x) article = &a;
  if (article == nullptr) return;
  const auto join = [](const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) out += (out.empty() ? "\"" : ", \"") + word + "\"";
    return out;
  };
  const std::vector<std::string>& names = w.names;
  const std::vector<std::string>& replaced = w.replaced;
  if (names.empty() || replaced.empty()) return;
  Finding f;
  f.kind = FindingKind::kSummaryUnsupported;
  f.severity = Severity::kMedium;
  f.confidence = std::min(0.9, 0.3 + w.similarity / 2);
  f.summary = join(names) + " in " + Label(s) + " is not in " + Label(x) + ", which it summarises; its sentence names " +
              join(replaced) + " there";
  char numbers[160];
  std::snprintf(numbers, sizeof numbers, "%zu words against %zu, %u of its %u distinctive words are in it", sm.words,
                article->words, article->shared, sm.counted);
  char close[32];
  std::snprintf(close, sizeof close, "%.2f", w.similarity);
  f.explanation = Label(s) + " reads as a summary of " + Label(x) + ": " + numbers + ". It names " + join(names) +
                  ", which no source it could come from writes, in a sentence told as one of " + Label(x) +
                  " (Dice similarity of their words " + close + ") that names " + join(replaced) +
                  " instead, a name the summary never writes: the name was changed.";
  f.evidence.push_back(SentenceEvidence(s, w.sentence, {{"names", names}}));
  f.evidence.push_back(SentenceEvidence(x, w.article_sentence, {{"names", replaced}, {"closest", true}}));
  f.details = {{"summary_words", sm.words},
               {"article_words", article->words},
               {"distinctive_words", sm.counted},
               {"in_article", article->shared},
               {"similarity", std::round(w.similarity * 100) / 100}};
  Add(std::move(f));
}

void ComparisonRun::CompareSummaries() {
  for (const Summary& all : summaries_) {
    // A copy is compared as a copy, not as a summary.
    const auto summarised = [&](size_t x) { return !IsCopyPair(all.source, x) && DerivationOf(all.source, x) == nullptr; };
    for (const Summary::Swap& w : all.swaps)
      if (summarised(w.article)) RaiseSwap(all, w);
    // Figures and dates are compared with the articles naming alike.
    Summary sm{all.source, all.words, all.counted, {}, {}, {}};
    for (const Summary::Article& a : all.articles)
      if (!a.foreign && summarised(a.source)) sm.articles.push_back(a);
    if (sm.articles.empty()) continue;
    const size_t s = sm.source;
    // A figure any source the summary could come from gives is not its own.
    const std::vector<size_t>& sources = all.sources;
    std::vector<std::string> texts;  // folded, once for all the summary's figures
    texts.reserve(sources.size());
    for (size_t x : sources) texts.push_back(fold_case(corpus_[x].full_text()));
    const Summary::Article& article = MainArticle(sm.articles);
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
      // A date of its own: with a year, or a day ("on Friday", "on March 3");
      // not one told from the summary's own day ("last week", "yesterday").
      const auto written = strings_field(*c, "written");
      const auto has = [&](std::string_view part) { return std::find(written.begin(), written.end(), part) != written.end(); };
      if (!has("year") && !has("weekday") && !(has("month") && has("day"))) continue;
      if (GivesDate(s, *c, sources, texts)) continue;
      raise(*c, "dates", {{"date", std::string(corpus_[s].slice(c->span))}, {"value", str_field(*c, "value").value_or("")}});
    }
  }
}

}  // namespace crosscheck::compare
