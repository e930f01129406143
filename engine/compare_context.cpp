// The comparator: shared state, indexes, evidence, Add.
#include "engine/compare_context.h"


#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <tuple>
#include <utility>

#include "engine/memory_use.h"
#include "engine/parallel.h"
#include "engine/word_tokens.h"

namespace crosscheck::compare {

// Where Add puts findings on this thread: the list of the concern it runs
// (RunConcerns), else the run's own.
thread_local std::vector<Finding>* ComparisonRun::sink_ = nullptr;

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(text))
    if (t.kind != TokenKind::kPunct) out.push_back(fold_word(text.substr(t.span.start, t.span.size())));
  return out;
}

namespace {

std::string join(const std::vector<std::string>& w, size_t b, size_t e) {
  std::string s;
  for (size_t i = b; i < e; ++i) {
    if (i > b) s += ' ';
    s += w[i];
  }
  return s;
}

// Longest common subsequence lengths of a[i..] and b[j..], row-major with
// rows of m + 1; empty when the texts are empty or too long to compare.
template <typename Word>
std::vector<uint16_t> lcs_table(const std::vector<Word>& a, const std::vector<Word>& b) {
  const size_t n = a.size(), m = b.size();
  if (n == 0 || m == 0 || n * m > 250000) return {};
  std::vector<uint16_t> L((n + 1) * (m + 1), 0);
  const size_t w = m + 1;
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      L[i * w + j] = a[i] == b[j] ? static_cast<uint16_t>(L[(i + 1) * w + j + 1] + 1)
                                  : std::max(L[(i + 1) * w + j], L[i * w + j + 1]);
  return L;
}

// Walks the edit script from a to b: equal(x, y) for each word kept,
// change(op, removed, added) for each run of other words, op one of
// substituted, inserted, omitted, trimmed. Returns the number of words kept.
template <typename Equal, typename Change>
size_t walk_diff(const std::vector<std::string>& a, const std::vector<std::string>& b, Equal equal, Change change) {
  const size_t n = a.size(), m = b.size();
  const std::vector<uint16_t> table = lcs_table(a, b);
  if (table.empty()) return 0;
  const size_t w = m + 1;
  const auto L = [&](size_t i, size_t j) { return table[i * w + j]; };
  size_t i = 0, j = 0;
  std::vector<std::string> del, ins;
  bool seen_equal = false;
  const auto flush = [&](bool at_end) {
    if (del.empty() && ins.empty()) return;
    const char* op = !del.empty() && !ins.empty() ? "substituted" : (del.empty() ? "inserted" : "omitted");
    if (std::string_view(op) != "substituted" && (!seen_equal || at_end)) op = "trimmed";
    change(op, join(del, 0, del.size()), join(ins, 0, ins.size()));
    del.clear();
    ins.clear();
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      flush(false);
      seen_equal = true;
      equal(a[i], b[j]);
      ++i;
      ++j;
    } else if (j < m && (i == n || L(i, j + 1) >= L(i + 1, j))) {
      ins.push_back(b[j++]);
    } else {
      del.push_back(a[i++]);
    }
  }
  flush(true);
  return L(0, 0);
}

}  // namespace

size_t common_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const auto L = lcs_table(a, b);
  return L.empty() ? 0 : L[0];
}

size_t common_words(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  const auto L = lcs_table(a, b);
  return L.empty() ? 0 : L[0];
}

WordDiff word_diff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  WordDiff d;
  d.common = walk_diff(
      a, b, [&](const std::string& x, const std::string& y) { d.ops.push_back({{"op", "equal"}, {"a", x}, {"b", y}}); },
      [&](const char* op, std::string removed, std::string added) {
        d.changes.insert(op);
        d.ops.push_back({{"op", op}, {"a", std::move(removed)}, {"b", std::move(added)}});
      });
  return d;
}

std::vector<std::pair<std::string, std::string>> substitutions(const std::vector<std::string>& a,
                                                               const std::vector<std::string>& b) {
  std::vector<std::pair<std::string, std::string>> out;
  walk_diff(
      a, b, [](const std::string&, const std::string&) {},
      [&](const char* op, std::string removed, std::string added) {
        if (std::string_view(op) == "substituted") out.emplace_back(std::move(removed), std::move(added));
      });
  return out;
}

std::vector<std::string> name_tokens(std::string_view key) { return split_words(key); }

// "Madrigal" and "Matt Madrigal", "Nick Clegg" and "Sir Nick Clegg".
bool same_name(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const auto ta = name_tokens(a), tb = name_tokens(b);
  if (ta.empty() || tb.empty() || ta.back() != tb.back()) return false;
  const auto& small = ta.size() <= tb.size() ? ta : tb;
  const auto& big = ta.size() <= tb.size() ? tb : ta;
  return std::all_of(small.begin(), small.end(),
                     [&](const std::string& w) { return std::find(big.begin(), big.end(), w) != big.end(); });
}

}  // namespace crosscheck::compare

namespace crosscheck {

// Every kind a compare_*.cpp reads (ClaimsIn, the loops over a source's
// claims); the comparator test checks a corpus reduced to them.
const std::vector<ClaimKind>& Comparator::ClaimKindsRead() {
  static const std::vector<ClaimKind> kinds = {ClaimKind::kQuote, ClaimKind::kRole, ClaimKind::kDate,
                                               ClaimKind::kQuantity};
  return kinds;
}

// Every key a compare_*.cpp reads from Claim::packed, through the accessors
// below or directly ("event", "measures"). Keep it complete: the comparator
// test checks that a corpus reduced to these keys gives the same findings.
const std::vector<std::string>& Comparator::ClaimFieldsRead() {
  static const std::vector<std::string> keys = {
      "anchor",     "anchor_source", "confidence", "cue",          "currency", "end_date",   "event",
      "high",       "implied",       "low",        "measures",     "organisation", "person", "quantity_kind",
      "reporting",
      "resolution", "role_class",    "speaker",    "speaker_text", "speech",   "start_date", "tense",
      "title",      "unit",          "vague",      "value",        "written"};
  return keys;
}

}  // namespace crosscheck

namespace crosscheck::compare {

bool names_differ(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return !std::includes(a.begin(), a.end(), b.begin(), b.end()) && !std::includes(b.begin(), b.end(), a.begin(), a.end());
}

std::optional<std::string> str_field(const Claim& c, const char* key) {
  const auto v = c.packed.view().str(key);
  return v ? std::optional<std::string>(*v) : std::nullopt;
}

std::optional<double> num_field(const Claim& c, const char* key) { return c.packed.view().num(key); }

bool bool_field(const Claim& c, const char* key, bool fallback) {
  return c.packed.view().boolean(key).value_or(fallback);
}

std::vector<std::string_view> strings_field(const Claim& c, const char* key) { return c.packed.view().strings(key); }

const char* relation_name(Relation r) {
  switch (r) {
    case Relation::kCopy: return "copy";
    case Relation::kSpin: return "spin";
    case Relation::kRewrite: return "rewrite";
  }
  return "copy";
}

void ComparisonRun::AlignAroundFocus() {
  const size_t n = corpus_.size();
  std::vector<char> todo(n, 0), done(n, 0);
  for (size_t s = 0; s < n; ++s) todo[s] = Focus(s) ? 1 : 0;
  for (int round = 0; round < 3; ++round) {
    auto found = aligner_.AlignTouching(todo, done);
    for (size_t s = 0; s < n; ++s) done[s] = done[s] || todo[s];
    std::vector<char> next(n, 0);
    bool any = false;
    for (const auto& p : found)
      for (size_t s : {p.a, p.b})
        if (!done[s]) {
          next[s] = 1;
          any = true;
        }
    for (auto& p : found) pairs_.push_back(std::move(p));
    todo = std::move(next);
    if (!any) break;
  }
  complete_ = std::move(done);
  std::sort(pairs_.begin(), pairs_.end(),
            [](const SourcePairAlignment& x, const SourcePairAlignment& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
}

void ComparisonRun::IndexSourceNames() {
  not_names_.clear();
  for (const std::string& w : cfg_.not_names)
    for (uint32_t id : aligner_.TermsOf(w).terms) not_names_.push_back(id);
  std::sort(not_names_.begin(), not_names_.end());
  constexpr size_t kBlock = 1024;
  source_names_.assign(corpus_.size(), {});
  title_names_.assign(corpus_.size(), {});
  parallel_for((corpus_.size() + kBlock - 1) / kBlock, cfg_.alignment.jobs, [&](size_t b) {
    for (size_t s = b * kBlock; s < std::min(corpus_.size(), (b + 1) * kBlock); ++s) {
      auto& all = source_names_[s];
      std::optional<uint32_t> title;
      for (uint32_t i = 0; i < corpus_[s].sentences.size(); ++i) {
        if (!title && corpus_[s].sentences[i].role == BlockRole::kTitle) {
          title = i;
          continue;  // its names join below, after the story's are known
        }
        const auto n = aligner_.terms(s, i).names;
        all.insert(all.end(), n.begin(), n.end());
      }
      std::sort(all.begin(), all.end());
      all.erase(std::unique(all.begin(), all.end()), all.end());
      if (title) {
        // Every word of the title (its first one is a name too: "Halmont
        // Networks orders masts") that the story names.
        const auto terms = aligner_.terms(s, *title);
        for (uint32_t id : terms.terms)
          if (std::binary_search(all.begin(), all.end(), id) &&
              !std::binary_search(not_names_.begin(), not_names_.end(), id))
            title_names_[s].push_back(id);
        all.insert(all.end(), terms.names.begin(), terms.names.end());
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
      }
      all.shrink_to_fit();
    }
  });
}

ComparisonRun::Naming ComparisonRun::NamingOf(size_t a, uint32_t sa, size_t b, uint32_t sb) const {
  const auto x = aligner_.terms(a, sa).names;
  const auto y = aligner_.terms(b, sb).names;
  Naming n;
  if (x.empty() || y.empty()) return n;
  n.both = true;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size() && !n.shared;) {
    n.shared = x[i] == y[j];
    x[i] < y[j] ? ++i : ++j;
  }
  n.conflict = NamesForeignTo(x, b) && NamesForeignTo(y, a);
  return n;
}

bool ComparisonRun::NamesForeignTo(std::span<const uint32_t> names, size_t other) const {
  const auto& known = source_names_[other];
  return std::any_of(names.begin(), names.end(), [&](uint32_t id) {
    return !std::binary_search(known.begin(), known.end(), id) &&
           !std::binary_search(not_names_.begin(), not_names_.end(), id);
  });
}

bool ComparisonRun::OtherSubjects(size_t a, size_t b) const {
  return NamesForeignTo(title_names_[a], b) && NamesForeignTo(title_names_[b], a);
}

void ComparisonRun::PrunePairs() {
  // Each source ranks its pairs: most anchors, then most similar, then the
  // partner's index (a total order, so the choice is deterministic).
  struct Score {
    size_t anchors = 0;
    size_t named = 0;   // anchors whose two sentences name nothing, or something in common
    size_t shared = 0;  // anchors whose two sentences share a name, their names not in conflict
    double similarity = 0;
  };
  std::vector<Score> score(pairs_.size());
  std::vector<std::vector<uint32_t>> of_source(corpus_.size());
  // Scores, each source's choice of partners and which pairs are copies are
  // worked out on the threads (blocks of pairs, then of sources); what is
  // kept is gathered here, in order.
  const int jobs = cfg_.alignment.jobs;
  constexpr size_t kBlock = 1024;
  IndexSourceNames();
  std::vector<std::optional<Relation>> relation(pairs_.size());
  relations_.clear();
  parallel_for((pairs_.size() + kBlock - 1) / kBlock, jobs, [&](size_t b) {
    for (size_t i = b * kBlock; i < std::min(pairs_.size(), (b + 1) * kBlock); ++i) {
      for (const auto& s : pairs_[i].sentences)
        if (!s.gap_filled) {
          ++score[i].anchors;
          const Naming n = NamingOf(pairs_[i].a, s.a, pairs_[i].b, s.b);
          score[i].named += !n.both || n.shared;
          score[i].shared += n.shared && !n.conflict;
          score[i].similarity += s.similarity;
        }
      relation[i] = Qualify(pairs_[i]);
    }
  });
  for (uint32_t i = 0; i < pairs_.size(); ++i) {
    of_source[pairs_[i].a].push_back(i);
    of_source[pairs_[i].b].push_back(i);
  }
  parallel_for((corpus_.size() + kBlock - 1) / kBlock, jobs, [&](size_t b) {
    for (size_t s = b * kBlock; s < std::min(corpus_.size(), (b + 1) * kBlock); ++s) {
      auto& list = of_source[s];
      if (cfg_.max_partners == 0 || list.size() <= cfg_.max_partners) continue;
      const auto other = [&](uint32_t i) { return pairs_[i].a == s ? pairs_[i].b : pairs_[i].a; };
      std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(cfg_.max_partners), list.end(),
                        [&](uint32_t x, uint32_t y) {
                          if (score[x].anchors != score[y].anchors) return score[x].anchors > score[y].anchors;
                          if (score[x].similarity != score[y].similarity)
                            return score[x].similarity > score[y].similarity;
                          return other(x) < other(y);
                        });
      list.resize(cfg_.max_partners);  // the partners it keeps
    }
  });
  std::vector<char> keep(pairs_.size(), 0);
  for (const auto& list : of_source)
    for (uint32_t i : list) keep[i] = 1;
  std::vector<SourcePairAlignment> kept;
  for (size_t i = 0; i < pairs_.size(); ++i) {
    auto& p = pairs_[i];
    const bool copy = relation[i].has_value();
    if (!keep[i] && !copy) continue;
    // A short source (a summary) relates by fewer anchors. Anchors whose
    // sentences name different things do not count: two stories told from one
    // template ("the passengers of Cobblefield", "the passengers of
    // Ferngate") are not one story, and one anchor at least must share a
    // name without a conflict (NamingOf).
    const size_t needed = std::min(cfg_.related_min_anchors, std::max<size_t>(1, std::min(p.story_a, p.story_b) / 2));
    if (copy || (score[i].named >= needed && score[i].shared > 0 && !OtherSubjects(p.a, p.b)))
      related_.insert((uint64_t(p.a) << 32) | p.b);
    kept.push_back(std::move(p));
    relations_.push_back(relation[i]);
  }
  pairs_ = std::move(kept);
}

std::vector<Finding> ComparisonRun::Go() {
  // CROSSCHECK_DEBUG_TIMING: the time and memory of each step on stderr.
  const bool timing = std::getenv("CROSSCHECK_DEBUG_TIMING") != nullptr;
  auto last = std::chrono::steady_clock::now();
  const auto step = [&](const char* what) {
    if (!timing) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "compare: %-18s %8.3f s (%zu pairs, %zu findings, rss %zu MiB, peak %zu MiB)\n", what,
                 std::chrono::duration<double>(now - last).count(), pairs_.size(), out_.size(), resident_mib(),
                 peak_resident_mib());
    last = now;
  };
  aligner_.Index(corpus_);
  if (stems_ != nullptr) {
    if (stems_->corpus_sentences) aligner_.SetCorpusFrequencies(stems_->corpus_sentences);
    std::vector<char> counted;
    if (focus_ != nullptr && !stems_->count_all) counted.assign(focus_->begin(), focus_->end());
    stems_->counted = aligner_.CountTerms(counted);
  }
  step("index");
  if (focus_ == nullptr) {
    pairs_ = aligner_.AlignAll();
    complete_.assign(corpus_.size(), 1);
  } else {
    AlignAroundFocus();
  }
  FindSummaryCandidates();
  aligner_.ReleaseCandidates();  // every pair is aligned: only terms are read from here on
  if (timing) std::fprintf(stderr, "compare: %zu pairs aligned\n", pairs_.size());
  PrunePairs();
  // AlignedTo looks sentences up in the pairs themselves (ordered by a):
  // each pair also lists its sentences in the order of b.
  by_b_.resize(pairs_.size());
  for (size_t i = 0; i < pairs_.size(); ++i) {
    const auto& sentences = pairs_[i].sentences;
    auto& order = by_b_[i];
    order.resize(sentences.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return sentences[x].b < sentences[y].b; });
  }
  step("align");
  FindDerivations();
  FindSummaries();
  step("derivations");
  Reanchor();
  KeepClaimTerms();
  step("reanchor");
  BuildIndexes();
  step("indexes");
  FindNameVariants();
  step("name variants");
  RunConcerns(timing);
  step("concerns");
  std::sort(out_.begin(), out_.end(), [](const Finding& x, const Finding& y) {
    return std::tie(x.kind, x.id) < std::tie(y.kind, y.id);
  });
  if (focus_ != nullptr) {  // findings raised only for pairs with a focus side
    out_.erase(std::remove_if(out_.begin(), out_.end(),
                              [&](const Finding& f) {
                                for (const Evidence& e : f.evidence) {
                                  auto it = source_index_.find(e.source_id);
                                  if (it != source_index_.end() && Focus(it->second)) return false;
                                }
                                return true;
                              }),
               out_.end());
  }
  out_.erase(std::unique(out_.begin(), out_.end(), [](const Finding& x, const Finding& y) { return x.id == y.id; }),
             out_.end());
  return std::move(out_);
}

// From here on terms are read only for the sentences of claims (dates,
// figures, quotes), re-anchored dates included; the rest are freed.
void ComparisonRun::KeepClaimTerms() {
  std::vector<char> holds;
  for (size_t s = 0; s < corpus_.size(); ++s) {
    holds.assign(corpus_[s].sentences.size(), 0);
    for (const std::vector<Claim>* claims : {&corpus_[s].claims, &std::as_const(reanchored_[s])})
      for (const Claim& c : *claims)
        if (c.sentence && *c.sentence < holds.size()) holds[*c.sentence] = 1;
    aligner_.KeepTerms(s, holds);
  }
}

// The concerns only read the run's shared state (alignment, indexes, name
// variants); each adds its findings to its own list, and the lists are joined
// in this order, so the findings never depend on the number of threads.
// CompareDates alone also writes: unknown event stems get term ids, which no
// other concern reads.
void ComparisonRun::RunConcerns(bool timing) {
  struct Concern {
    const char* name;
    void (ComparisonRun::*run)();
  };
  // In the order their findings are joined (the order of one thread).
  static constexpr Concern kConcerns[] = {
      {"quotes", &ComparisonRun::CompareQuotes},         {"roles", &ComparisonRun::CompareRoles},
      {"dates", &ComparisonRun::CompareDates},           {"quantities", &ComparisonRun::CompareQuantities},
      {"certainty", &ComparisonRun::CompareCertainty},   {"lists", &ComparisonRun::CompareLists},
      {"derived copies", &ComparisonRun::ReportDerivations}, {"summaries", &ComparisonRun::CompareSummaries}};
  // Started the costliest first, so that threads finish close together.
  static constexpr size_t kSchedule[] = {0, 2, 4, 5, 1, 3, 6, 7};
  constexpr size_t n = std::size(kConcerns);
  static_assert(std::size(kSchedule) == n);
  std::vector<std::vector<Finding>> found(n);
  std::vector<double> seconds(n, 0);
  std::vector<std::pair<size_t, size_t>> memory(n);  // after each (meaningful with one thread)
  parallel_for(n, cfg_.alignment.jobs, [&](size_t k) {
    const size_t i = kSchedule[k];
    const auto start = std::chrono::steady_clock::now();
    sink_ = &found[i];
    (this->*kConcerns[i].run)();
    sink_ = nullptr;
    seconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (timing) memory[i] = {resident_mib(), peak_resident_mib()};
  });
  size_t total = out_.size();
  for (const auto& list : found) total += list.size();
  out_.reserve(total);  // grown by doubling, it held up to twice the findings' records while moving them
  for (size_t i = 0; i < n; ++i) {
    if (timing)
      std::fprintf(stderr, "compare:   %-16s %8.3f s (%zu findings, rss %zu MiB, peak %zu MiB)\n", kConcerns[i].name,
                   seconds[i], found[i].size(), memory[i].first, memory[i].second);
    std::move(found[i].begin(), found[i].end(), std::back_inserter(out_));
    std::vector<Finding>().swap(found[i]);
  }
}

std::optional<uint32_t> ComparisonRun::AlignedTo(size_t x, size_t y, uint32_t sentence) const {
  const size_t a = std::min(x, y), b = std::max(x, y);
  const auto it = std::lower_bound(pairs_.begin(), pairs_.end(), std::make_pair(a, b),
                                   [](const SourcePairAlignment& p, const std::pair<size_t, size_t>& key) {
                                     return std::tie(p.a, p.b) < std::tie(key.first, key.second);
                                   });
  if (it == pairs_.end() || it->a != a || it->b != b) return std::nullopt;
  const auto& sentences = it->sentences;
  if (x == a) {  // sentences are in the order of a
    const auto jt = std::lower_bound(sentences.begin(), sentences.end(), sentence,
                                     [](const AlignedSentence& s, uint32_t v) { return s.a < v; });
    if (jt == sentences.end() || jt->a != sentence) return std::nullopt;
    return jt->b;
  }
  const auto& order = by_b_[static_cast<size_t>(it - pairs_.begin())];
  const auto jt = std::lower_bound(order.begin(), order.end(), sentence,
                                   [&](uint32_t k, uint32_t v) { return sentences[k].b < v; });
  if (jt == order.end() || sentences[*jt].b != sentence) return std::nullopt;
  return sentences[*jt].a;
}

const Derivation* ComparisonRun::DerivationOf(size_t x, size_t y) const {
  auto it = derivation_index_.find({std::min(x, y), std::max(x, y)});
  return it == derivation_index_.end() ? nullptr : &derivations_[it->second];
}

// Indexes built once per run, so that each look-up is constant time.
void ComparisonRun::BuildIndexes() {
  for (size_t i = 0; i < derivations_.size(); ++i) {
    const auto& d = derivations_[i];
    derivation_index_[{std::min(d.original, d.derived), std::max(d.original, d.derived)}] = i;
    original_of_[d.derived] = d;
  }
  partners_.assign(corpus_.size(), {});
  story_peers_.assign(corpus_.size(), 0);
  for (const auto& p : pairs_) {
    partners_[p.a].push_back(p.b);
    partners_[p.b].push_back(p.a);
    size_t anchors = 0;
    for (const auto& x : p.sentences) anchors += !x.gap_filled;
    if (anchors >= 3 || DerivationOf(p.a, p.b) != nullptr) {
      ++story_peers_[p.a];
      ++story_peers_[p.b];
    }
  }
  for (size_t s = 0; s < corpus_.size(); ++s) source_index_[corpus_[s].source_id] = s;
  by_sentence_.assign(corpus_.size(), {});
  for (size_t s = 0; s < corpus_.size(); ++s) {
    for (const Claim& c : corpus_[s].claims)
      if (c.kind == ClaimKind::kQuantity && c.sentence) by_sentence_[s][*c.sentence].push_back(&c);
    for (const Claim* c : dates_[s])
      if (c->sentence) by_sentence_[s][*c->sentence].push_back(c);
  }
}

std::vector<const Claim*> ComparisonRun::ClaimsIn(size_t s, uint32_t sentence, ClaimKind kind) const {
  std::vector<const Claim*> out;
  auto it = by_sentence_[s].find(sentence);
  if (it == by_sentence_[s].end()) return out;
  for (const Claim* c : it->second)
    if (c->kind == kind) out.push_back(c);
  return out;
}

std::string ComparisonRun::SentencesText(size_t s, const Claim& c) const {
  const SourceView& src = corpus_[s];
  std::string out;
  for (const Sentence& sent : src.sentences) {
    if (sent.span.end <= c.span.start || sent.span.start >= std::max(c.span.end, c.span.start + 1)) continue;
    if (!out.empty()) out += ' ';
    out += src.slice(sent.span);
  }
  if (out.empty()) out = std::string(src.slice(c.span));
  return out;
}

Evidence ComparisonRun::MakeEvidence(size_t s, const Claim& c, nlohmann::json fields) const {
  Evidence e;
  e.source_id = corpus_[s].source_id;
  e.version_id = corpus_[s].version_id;
  e.file = corpus_[s].file;
  e.span = c.span;
  e.text = SentencesText(s, c);
  e.fields = std::move(fields);
  return e;
}

Evidence ComparisonRun::SentenceEvidence(size_t s, uint32_t sentence, nlohmann::json fields) const {
  Claim c;
  c.span = corpus_[s].sentences[sentence].span;
  return MakeEvidence(s, c, std::move(fields));
}

std::string ComparisonRun::Label(size_t s) const {
  const SourceView& v = corpus_[s];
  std::string name = v.file.substr(v.file.find_last_of('/') == std::string::npos ? 0 : v.file.find_last_of('/') + 1);
  if (v.meta.outlet) name += " (" + *v.meta.outlet + ")";
  return name;
}

std::string ComparisonRun::CopyNote(size_t x, size_t y) const {
  const Derivation* d = DerivationOf(x, y);
  if (d == nullptr) return "";
  return " " + Label(d->derived) + " is a " + relation_name(d->relation) + " of " + Label(d->original) + ".";
}

std::string ComparisonRun::EvidenceId(const Finding& f) const {
  std::vector<std::pair<std::string, std::string>> sides;
  for (const auto& e : f.evidence) sides.emplace_back(corpus_locator(e.source_id), e.text + "\x1f" + e.fields.dump());
  return finding_id(f.kind, sides);
}

void ComparisonRun::Seal(Finding& f) const {
  if (f.id.empty()) f.id = EvidenceId(f);
  if (cfg_.compact_findings) compact_finding(f);  // a second call finds nothing left to compact
}

void ComparisonRun::AddDetail(Finding& f, const std::string& key, nlohmann::json value) {
  if (!f.details.is_null()) {
    f.details[key] = std::move(value);
    return;
  }
  // Compacted: the stored text round-trips through a tree (keys sorted, as
  // compact_json writes them).
  nlohmann::json details = f.details_text.empty() ? nlohmann::json::object() : nlohmann::json::parse(f.details_text);
  details[key] = std::move(value);
  f.details_text = compact_json(details);
}

void ComparisonRun::Add(Finding f) {
  Seal(f);
  (sink_ != nullptr ? *sink_ : out_).push_back(std::move(f));
}

std::string ComparisonRun::corpus_locator(int64_t source_id) const {
  auto it = source_index_.find(source_id);
  return it == source_index_.end() ? std::to_string(source_id) : corpus_[it->second].locator;
}

// Copies or spins of each other, or of one original (siblings).
bool ComparisonRun::IsCopyPair(size_t x, size_t y) const {
  const Derivation* d = DerivationOf(x, y);
  if (d != nullptr) return d->relation != Relation::kRewrite;
  auto ox = original_of_.find(x), oy = original_of_.find(y);
  return ox != original_of_.end() && oy != original_of_.end() && ox->second.relation != Relation::kRewrite &&
         oy->second.relation != Relation::kRewrite && ox->second.original == oy->second.original;
}

}  // namespace crosscheck::compare
