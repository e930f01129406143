#include "engine/comparator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "engine/alignment.h"
#include "engine/extractor.h"
#include "engine/utf8.h"
#include "engine/word_tokens.h"

namespace crosscheck {

struct Comparator::Config {
  std::unordered_set<std::string> stopwords;
  AlignmentOptions alignment;
  double derived_share = 0.5;
  size_t derived_min_sentences = 4;
  double derived_mean_similarity = 0.6;
  double rewrite_share = 0.15;
  double rewrite_mean_similarity = 0.5;
  size_t rewrite_min_sentences = 5;
  double same_quote_min = 0.5;
  double misattribution_min = 0.8;
  std::unordered_set<std::string> certainty;
  std::vector<std::string> incomplete_markers;
  Pipeline pipeline;
};

Comparator::Comparator(std::unique_ptr<Config> c) : c_(std::move(c)) {}
Comparator::Comparator(Comparator&&) noexcept = default;
Comparator& Comparator::operator=(Comparator&&) noexcept = default;
Comparator::~Comparator() = default;

Result<Comparator> Comparator::Load(const RuleSource& rules) {
  auto pipeline = Pipeline::Load(rules);
  if (!pipeline.ok()) return pipeline.status();
  auto f = rules.Open("compare.toml");
  if (!f.ok()) return f.status();
  auto c = std::unique_ptr<Config>(new Config{{}, {}, 0.5, 4, 0.6, 0.15, 0.5, 5, 0.5, 0.8, {}, {}, std::move(pipeline).value()});
  auto stop = f->strings("stopwords");
  if (!stop.ok()) return stop.status();
  for (auto& w : *stop) c->stopwords.insert(fold_case(w));
  const auto num = [&](std::string_view path, double& into, double min, double max) -> Status {
    auto v = f->number(path, into, min, max);
    if (!v.ok()) return v.status();
    into = *v;
    return Status::Ok();
  };
  double max_postings = 400, derived_min = 4, rewrite_min = 5;
  CC_RETURN_IF_ERROR(num("alignment.min_similarity", c->alignment.min_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.gap_similarity", c->alignment.gap_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.max_postings", max_postings, 2, 1e7));
  CC_RETURN_IF_ERROR(num("alignment.derived_share", c->derived_share, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.derived_min_sentences", derived_min, 1, 1e6));
  CC_RETURN_IF_ERROR(num("alignment.derived_mean_similarity", c->derived_mean_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.rewrite_share", c->rewrite_share, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.rewrite_mean_similarity", c->rewrite_mean_similarity, 0, 1));
  CC_RETURN_IF_ERROR(num("alignment.rewrite_min_sentences", rewrite_min, 1, 1e6));
  CC_RETURN_IF_ERROR(num("quotes.same_quote_min", c->same_quote_min, 0, 1));
  CC_RETURN_IF_ERROR(num("quotes.misattribution_min", c->misattribution_min, 0, 1));
  c->alignment.max_postings = static_cast<size_t>(max_postings);
  c->derived_min_sentences = static_cast<size_t>(derived_min);
  c->rewrite_min_sentences = static_cast<size_t>(rewrite_min);
  auto markers = f->strings("certainty.markers");
  if (!markers.ok()) return markers.status();
  for (auto& w : *markers) c->certainty.insert(fold_case(w));
  auto incomplete = f->strings("lists.incomplete_markers");
  if (!incomplete.ok()) return incomplete.status();
  c->incomplete_markers = std::move(incomplete).value();
  return Comparator(std::move(c));
}

namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(text))
    if (t.kind != TokenKind::kPunct) out.push_back(fold_word(text.substr(t.span.start, t.span.size())));
  return out;
}

std::string join(const std::vector<std::string>& w, size_t b, size_t e) {
  std::string s;
  for (size_t i = b; i < e; ++i) {
    if (i > b) s += ' ';
    s += w[i];
  }
  return s;
}

// A word-level edit script between two short texts.
struct WordDiff {
  size_t common = 0;
  nlohmann::json ops = nlohmann::json::array();  // {"op": equal|substituted|inserted|omitted, "a", "b"}
  std::set<std::string> changes;                  // substituted, inserted, omitted, trimmed
};

WordDiff word_diff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  WordDiff d;
  const size_t n = a.size(), m = b.size();
  if (n == 0 || m == 0 || n * m > 250000) return d;
  std::vector<std::vector<uint16_t>> L(n + 1, std::vector<uint16_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      L[i][j] = a[i] == b[j] ? static_cast<uint16_t>(L[i + 1][j + 1] + 1) : std::max(L[i + 1][j], L[i][j + 1]);
  d.common = L[0][0];
  size_t i = 0, j = 0;
  std::vector<std::string> del, ins;
  bool seen_equal = false;
  const auto flush = [&](bool at_end) {
    if (del.empty() && ins.empty()) return;
    std::string op = !del.empty() && !ins.empty() ? "substituted" : (del.empty() ? "inserted" : "omitted");
    if (op != "substituted" && (!seen_equal || at_end)) op = "trimmed";
    d.changes.insert(op);
    d.ops.push_back({{"op", op}, {"a", join(del, 0, del.size())}, {"b", join(ins, 0, ins.size())}});
    del.clear();
    ins.clear();
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      flush(false);
      seen_equal = true;
      d.ops.push_back({{"op", "equal"}, {"a", a[i]}, {"b", b[j]}});
      ++i;
      ++j;
    } else if (j < m && (i == n || L[i][j + 1] >= L[i + 1][j])) {
      ins.push_back(b[j++]);
    } else {
      del.push_back(a[i++]);
    }
  }
  flush(true);
  return d;
}

std::string person_key(std::string_view name) { return fold_case(name); }

// Levenshtein distance of two short words, capped: spelling variants
// ("neighbourhood"/"neighborhood", "organise"/"organize") are within 2.
size_t edit_distance(const std::string& a, const std::string& b) {
  if (a.size() > 40 || b.size() > 40) return 99;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// True when some substitution replaces words by other words (not a spelling
// variant of a long word, not digits reformatted).
bool substitutes_words(const WordDiff& d) {
  for (const auto& op : d.ops) {
    if (op["op"] != "substituted") continue;
    const std::string a = op["a"].get<std::string>(), b = op["b"].get<std::string>();
    const bool spelling = a.find(' ') == std::string::npos && b.find(' ') == std::string::npos &&
                          std::min(a.size(), b.size()) >= 5 && edit_distance(a, b) <= 2;
    std::string ja, jb;  // "hp s" and "hp's": the same word split differently
    for (char c : a)
      if (c != ' ' && c != '\'' && c != '-') ja += c;
    for (char c : b)
      if (c != ' ' && c != '\'' && c != '-') jb += c;
    if (ja == jb) continue;
    const bool digits = std::all_of(a.begin(), a.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ' '; }) &&
                        std::all_of(b.begin(), b.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ' '; });
    if (!spelling && !digits) return true;
  }
  return false;
}

// "assistant gm" reads "assistant general manager" when the other class has
// words whose initials spell the short one.
std::string expand_acronyms(const std::vector<std::string>& x, const std::vector<std::string>& y) {
  std::string out;
  for (const auto& t : x) {
    std::string word = t;
    if (t.size() >= 2 && t.size() <= 4) {
      for (size_t i = 0; i + t.size() <= y.size(); ++i) {
        bool spells = true;
        for (size_t k = 0; k < t.size() && spells; ++k) spells = !y[i + k].empty() && y[i + k][0] == t[k];
        if (spells) {
          word.clear();
          for (size_t k = 0; k < t.size(); ++k) word += (k ? " " : "") + y[i + k];
          break;
        }
      }
    }
    out += (out.empty() ? "" : " ") + word;
  }
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

std::optional<std::string> str_field(const Claim& c, const char* key) {
  auto it = c.fields.find(key);
  if (it == c.fields.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<double> num_field(const Claim& c, const char* key) {
  auto it = c.fields.find(key);
  if (it == c.fields.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

bool bool_field(const Claim& c, const char* key, bool fallback) {
  auto it = c.fields.find(key);
  return it != c.fields.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

nlohmann::json array_field(const Claim& c, const char* key) {
  auto it = c.fields.find(key);
  return it != c.fields.end() && it->is_array() ? *it : nlohmann::json::array();
}

enum class Relation { kCopy, kSpin, kRewrite };
const char* relation_name(Relation r) {
  switch (r) {
    case Relation::kCopy: return "copy";
    case Relation::kSpin: return "spin";
    case Relation::kRewrite: return "rewrite";
  }
  return "copy";
}

struct Derivation {
  size_t original = 0;
  size_t derived = 0;
  Relation relation = Relation::kCopy;
  double share = 0;
  const SourcePairAlignment* alignment = nullptr;
  nlohmann::json substitutions = nlohmann::json::array();
};

// One comparison over one corpus.
class Run {
 public:
  Run(const Comparator::Config& cfg, const std::vector<SourceView>& corpus)
      : cfg_(cfg), corpus_(corpus), aligner_(cfg.stopwords, cfg.alignment) {}

  std::vector<Finding> Go() {
    aligner_.Index(corpus_);
    pairs_ = aligner_.AlignAll();
    for (const auto& p : pairs_) {
      auto& ab = aligned_[{p.a, p.b}];
      auto& ba = aligned_[{p.b, p.a}];
      for (const auto& s : p.sentences) {
        ab[s.a] = s.b;
        ba[s.b] = s.a;
      }
    }
    FindDerivations();
    Reanchor();
    BuildIndexes();
    FindNameVariants();
    CompareQuotes();
    CompareRoles();
    CompareDates();
    CompareQuantities();
    CompareCertainty();
    CompareLists();
    ReportDerivations();
    std::sort(out_.begin(), out_.end(), [](const Finding& x, const Finding& y) {
      return std::tie(x.kind, x.id) < std::tie(y.kind, y.id);
    });
    out_.erase(std::unique(out_.begin(), out_.end(), [](const Finding& x, const Finding& y) { return x.id == y.id; }),
               out_.end());
    return std::move(out_);
  }

 private:
  // ---- helpers -------------------------------------------------------------
  std::optional<uint32_t> AlignedTo(size_t x, size_t y, uint32_t sentence) const {
    auto it = aligned_.find({x, y});
    if (it == aligned_.end()) return std::nullopt;
    auto jt = it->second.find(sentence);
    if (jt == it->second.end()) return std::nullopt;
    return jt->second;
  }

  const Derivation* DerivationOf(size_t x, size_t y) const {
    auto it = derivation_index_.find({std::min(x, y), std::max(x, y)});
    return it == derivation_index_.end() ? nullptr : &derivations_[it->second];
  }

  // Indexes built once per run, so that each look-up is constant time.
  void BuildIndexes() {
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
      for (const Claim& c : dates_[s])
        if (c.sentence) by_sentence_[s][*c.sentence].push_back(&c);
    }
  }

  std::vector<const Claim*> ClaimsIn(size_t s, uint32_t sentence, ClaimKind kind) const {
    std::vector<const Claim*> out;
    auto it = by_sentence_[s].find(sentence);
    if (it == by_sentence_[s].end()) return out;
    for (const Claim* c : it->second)
      if (c->kind == kind) out.push_back(c);
    return out;
  }

  std::string SentencesText(size_t s, const Claim& c) const {
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

  Evidence MakeEvidence(size_t s, const Claim& c, nlohmann::json fields) const {
    Evidence e;
    e.source_id = corpus_[s].source_id;
    e.version_id = corpus_[s].version_id;
    e.file = corpus_[s].file;
    e.span = c.span;
    e.text = SentencesText(s, c);
    e.fields = std::move(fields);
    return e;
  }

  Evidence SentenceEvidence(size_t s, uint32_t sentence, nlohmann::json fields) const {
    Claim c;
    c.span = corpus_[s].sentences[sentence].span;
    return MakeEvidence(s, c, std::move(fields));
  }

  std::string Label(size_t s) const {
    const SourceView& v = corpus_[s];
    std::string name = v.file.substr(v.file.find_last_of('/') == std::string::npos ? 0 : v.file.find_last_of('/') + 1);
    if (v.meta.outlet) name += " (" + *v.meta.outlet + ")";
    return name;
  }

  std::string CopyNote(size_t x, size_t y) const {
    const Derivation* d = DerivationOf(x, y);
    if (d == nullptr) return "";
    return " " + Label(d->derived) + " is a " + relation_name(d->relation) + " of " + Label(d->original) + ".";
  }

  void Add(Finding f) {
    std::vector<std::pair<std::string, std::string>> sides;
    for (const auto& e : f.evidence) sides.emplace_back(corpus_locator(e.source_id), e.text + "\x1f" + e.fields.dump());
    f.id = finding_id(f.kind, sides);
    out_.push_back(std::move(f));
  }

  std::string corpus_locator(int64_t source_id) const {
    auto it = source_index_.find(source_id);
    return it == source_index_.end() ? std::to_string(source_id) : corpus_[it->second].locator;
  }

  std::string CanonicalPerson(size_t s, const std::string& name) const {
    const std::string key = person_key(name);
    auto it = variant_.find({s, key});
    return it == variant_.end() ? key : it->second;
  }

  bool SamePerson(size_t sa, const std::string& a, size_t sb, const std::string& b) const {
    return same_name(CanonicalPerson(sa, a), CanonicalPerson(sb, b));
  }

  // ---- derived copies ------------------------------------------------------
  bool Earlier(size_t x, size_t y) const {
    const auto& px = corpus_[x].meta.published;
    const auto& py = corpus_[y].meta.published;
    if (px && !py) return true;
    if (!px && py) return false;
    if (px && py && px->begin() != py->begin()) return px->begin() < py->begin();
    return false;
  }

  void FindDerivations() {
    const bool debug = std::getenv("CROSSCHECK_DEBUG_ALIGN") != nullptr;
    for (const auto& p : pairs_) {
      // Gap-filled pairs show where a copy goes, not that it is one: only
      // anchors (aligned on their own) decide.
      double sum = 0;
      size_t anchors = 0;
      for (const auto& s : p.sentences)
        if (!s.gap_filled) {
          sum += s.similarity;
          ++anchors;
        }
      const double mean = anchors ? sum / double(anchors) : 0.0;
      const double share_a = p.story_a ? double(anchors) / double(p.story_a) : 0;
      const double share_b = p.story_b ? double(anchors) / double(p.story_b) : 0;
      if (debug)
        std::fprintf(stderr, "align %s ~ %s: %zu aligned (%zu anchors, mean %.2f), anchor share %.2f / %.2f\n",
                     corpus_[p.a].file.c_str(), corpus_[p.b].file.c_str(), p.sentences.size(), anchors, mean,
                     share_a, share_b);
      std::optional<Relation> rel;
      if (anchors >= cfg_.derived_min_sentences && std::max(share_a, share_b) >= cfg_.derived_share &&
          mean >= cfg_.derived_mean_similarity) {
        rel = mean >= 0.9 ? Relation::kCopy : Relation::kSpin;
      } else if (anchors >= cfg_.rewrite_min_sentences && mean >= cfg_.rewrite_mean_similarity &&
                 std::min(share_a, share_b) >= cfg_.rewrite_share && (Earlier(p.a, p.b) || Earlier(p.b, p.a))) {
        rel = Relation::kRewrite;
      }
      if (!rel) continue;
      Derivation d;
      d.relation = *rel;
      d.alignment = &p;
      // The original is the earlier (or the only dated) one; else the one of
      // which less is aligned (a copy is mostly made of the original).
      if (Earlier(p.a, p.b) || (!Earlier(p.b, p.a) && p.share_a() < p.share_b())) {
        d.original = p.a;
        d.derived = p.b;
        d.share = p.share_b();
      } else {
        d.original = p.b;
        d.derived = p.a;
        d.share = p.share_a();
      }
      if (d.relation == Relation::kSpin) CollectSubstitutions(d);
      derivations_.push_back(std::move(d));
    }
    // A source derives from one original: the closest (copy, then spin, then
    // rewrite; then the larger share). Others it resembles resemble that original.
    std::stable_sort(derivations_.begin(), derivations_.end(), [](const Derivation& x, const Derivation& y) {
      return std::tie(x.derived, x.relation) < std::tie(y.derived, y.relation) ||
             (x.derived == y.derived && x.relation == y.relation && x.share > y.share);
    });
    std::vector<Derivation> kept;
    for (auto& d : derivations_)
      if (kept.empty() || kept.back().derived != d.derived) kept.push_back(std::move(d));
    derivations_ = std::move(kept);
  }

  void CollectSubstitutions(Derivation& d) {
    std::map<std::pair<std::string, std::string>, int> subs;
    const auto& p = *d.alignment;
    for (const auto& s : p.sentences) {
      const auto wa = words_of(corpus_[p.a].slice(corpus_[p.a].sentences[s.a].span));
      const auto wb = words_of(corpus_[p.b].slice(corpus_[p.b].sentences[s.b].span));
      const WordDiff diff = word_diff(wa, wb);
      for (const auto& op : diff.ops)
        if (op["op"] == "substituted") ++subs[{op["a"].get<std::string>(), op["b"].get<std::string>()}];
    }
    std::vector<std::pair<int, std::pair<std::string, std::string>>> ranked;
    for (const auto& [k, v] : subs) ranked.emplace_back(v, k);
    std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    const bool flip = p.a != d.original;
    for (size_t i = 0; i < ranked.size() && i < 12; ++i) {
      const auto& [from, to] = ranked[i].second;
      d.substitutions.push_back({{"original", flip ? to : from}, {"copy", flip ? from : to}, {"count", ranked[i].first}});
    }
  }

  void ReportDerivations() {
    for (const auto& d : derivations_) {
      Finding f;
      f.kind = FindingKind::kDerivedCopy;
      f.severity = d.relation == Relation::kSpin ? Severity::kMedium : Severity::kLow;
      f.confidence = d.relation == Relation::kRewrite ? 0.6 : std::min(0.95, 0.5 + d.share / 2);
      f.summary = Label(d.derived) + " is a " + relation_name(d.relation) + " of " + Label(d.original);
      char share[16];
      std::snprintf(share, sizeof share, "%.0f%%", d.share * 100);
      f.explanation = std::string(share) + " of the sentences of " + Label(d.derived) + " (" +
                      std::to_string(d.alignment->sentences.size()) + ") are aligned with " + Label(d.original) + ".";
      if (d.relation == Relation::kSpin) f.explanation += " Aligned sentences differ by systematic word substitutions.";
      if (d.relation == Relation::kRewrite)
        f.explanation += " It paraphrases: fewer sentences match, but several say the same things in other words.";
      f.details = {{"relation", relation_name(d.relation)}, {"share", d.share},
                   {"aligned_sentences", d.alignment->sentences.size()}, {"substitutions", d.substitutions},
                   {"original", corpus_[d.original].file}, {"derived", corpus_[d.derived].file}};
      for (size_t s : {d.original, d.derived}) {
        Evidence e;
        e.source_id = corpus_[s].source_id;
        e.version_id = corpus_[s].version_id;
        e.file = corpus_[s].file;
        e.text = corpus_[s].meta.title.value_or("");
        e.fields = {{"role", s == d.original ? "original" : "derived"}};
        f.evidence.push_back(std::move(e));
      }
      Add(std::move(f));
    }
  }

  // ---- dates of undated copies ---------------------------------------------
  void Reanchor() {
    dates_.resize(corpus_.size());
    for (size_t s = 0; s < corpus_.size(); ++s)
      for (const Claim& c : corpus_[s].claims)
        if (c.kind == ClaimKind::kDate) dates_[s].push_back(c);
    for (const auto& d : derivations_) {
      const SourceView& copy = corpus_[d.derived];
      const auto& anchor = corpus_[d.original].meta.published;
      if ((copy.meta.published && !copy.meta.published->inferred) || !anchor) continue;
      Document doc;
      doc.normalized.text = copy.text;
      doc.sentences = copy.sentences;
      for (const Sentence& st : doc.sentences) {
        if (st.paragraph >= doc.paragraphs.size()) doc.paragraphs.resize(st.paragraph + 1, Paragraph{st.span, st.role, {}});
        auto& p = doc.paragraphs[st.paragraph];
        p.span.start = std::min(p.span.start, st.span.start);
        p.span.end = std::max(p.span.end, st.span.end);
      }
      doc.meta = copy.meta;
      PublishedDate a = *anchor;
      a.inferred = true;
      doc.meta.published = a;
      dates_[d.derived] = cfg_.pipeline.ExtractDates(doc);
      for (Claim& c : dates_[d.derived]) c.fields["anchor_source"] = Label(d.original);
    }
  }

  // ---- people ----------------------------------------------------------------
  void FindNameVariants() {
    for (const auto& d : derivations_) {
      if (d.relation == Relation::kRewrite) continue;
      const auto& p = *d.alignment;
      std::map<std::pair<std::string, std::string>, std::vector<std::pair<uint32_t, uint32_t>>> support;
      for (const auto& s : p.sentences) {
        const auto pa = PeopleIn(p.a, s.a), pb = PeopleIn(p.b, s.b);
        if (pa.size() != 1 || pb.size() != 1) continue;
        if (same_name(person_key(pa[0]), person_key(pb[0]))) continue;
        if (Mentions(p.a, pb[0]) || Mentions(p.b, pa[0])) continue;
        support[{pa[0], pb[0]}].emplace_back(s.a, s.b);
      }
      for (const auto& [names, where] : support) {
        // One swapped name is a different person (a misattribution, if it
        // speaks); a name replaced wherever it stands is the same person renamed.
        if (where.size() < 2) continue;
        const std::string& na = names.first;
        const std::string& nb = names.second;
        const size_t orig = d.original;
        const std::string& orig_name = p.a == orig ? na : nb;
        variant_[{p.a, person_key(na)}] = person_key(orig_name);
        variant_[{p.b, person_key(nb)}] = person_key(orig_name);
        Finding f;
        f.kind = FindingKind::kNameVariant;
        f.severity = Severity::kMedium;
        f.confidence = std::min(0.95, 0.6 + 0.15 * double(where.size()));
        f.summary = "\"" + nb + "\" in " + Label(p.b) + " stands where \"" + na + "\" stands in " + Label(p.a);
        f.explanation = "In " + std::to_string(where.size()) +
                        " aligned sentence(s) the two sources say the same thing about a person named differently." +
                        CopyNote(p.a, p.b);
        f.details = {{"names", {na, nb}}, {"sentences", where.size()}};
        f.evidence.push_back(SentenceEvidence(p.a, where[0].first, {{"name", na}}));
        f.evidence.push_back(SentenceEvidence(p.b, where[0].second, {{"name", nb}}));
        Add(std::move(f));
      }
    }
  }

  // Names of the people (not organisations) mentioned in a sentence.
  std::vector<std::string> PeopleIn(size_t s, uint32_t sentence) const {
    std::vector<std::string> out;
    const Span span = corpus_[s].sentences[sentence].span;
    for (const auto& person : corpus_[s].people) {
      if (person.organisation) continue;
      for (const auto& a : person.aliases)
        if (span.contains(a.span)) {
          if (std::find(out.begin(), out.end(), person.name) == out.end()) out.push_back(person.name);
          break;
        }
    }
    return out;
  }

  bool Mentions(size_t s, const std::string& name) const {
    const std::string key = person_key(name);
    for (const auto& person : corpus_[s].people)
      if (same_name(person_key(person.name), key)) return true;
    return false;
  }

  // ---- quotes ----------------------------------------------------------------
  struct QuoteRef {
    size_t source;
    const Claim* claim;
    std::vector<std::string> words;
  };

  void CompareQuotes() {
    std::vector<QuoteRef> quotes;
    for (size_t s = 0; s < corpus_.size(); ++s)
      for (const Claim& c : corpus_[s].claims)
        if (c.kind == ClaimKind::kQuote) quotes.push_back({s, &c, words_of(corpus_[s].slice(c.span))});
    // Candidates: shared word bigrams (whole text for one-word quotes), and
    // quotes in aligned sentences paired by order.
    std::unordered_map<std::string, std::vector<uint32_t>> shingles;
    for (uint32_t q = 0; q < quotes.size(); ++q) {
      const auto& w = quotes[q].words;
      if (w.size() == 1) shingles[w[0]].push_back(q);
      for (size_t i = 0; i + 1 < w.size(); ++i) shingles[w[i] + " " + w[i + 1]].push_back(q);
    }
    std::set<std::pair<uint32_t, uint32_t>> candidates;
    for (auto& [key, list] : shingles) {
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      if (list.size() > 64) continue;
      for (size_t i = 0; i < list.size(); ++i)
        for (size_t j = i + 1; j < list.size(); ++j)
          if (quotes[list[i]].source != quotes[list[j]].source) candidates.insert({list[i], list[j]});
    }
    std::map<std::pair<size_t, uint32_t>, std::vector<uint32_t>> by_sentence;
    for (uint32_t q = 0; q < quotes.size(); ++q)
      if (quotes[q].claim->sentence) by_sentence[{quotes[q].source, *quotes[q].claim->sentence}].push_back(q);
    std::set<std::pair<uint32_t, uint32_t>> aligned_pairs;
    for (const auto& [key, list] : by_sentence) {
      for (size_t other : partners_[key.first]) {
        if (other <= key.first) continue;
        const auto to = AlignedTo(key.first, other, key.second);
        if (!to) continue;
        auto it = by_sentence.find({other, *to});
        if (it == by_sentence.end() || it->second.size() != list.size()) continue;
        for (size_t k = 0; k < list.size(); ++k) {
          candidates.insert({list[k], it->second[k]});
          aligned_pairs.insert({list[k], it->second[k]});
        }
      }
    }
    std::vector<char> matched(quotes.size(), 0);
    // Quotes carrying the same words, grouped (union-find) to count corroboration.
    std::vector<uint32_t> group(quotes.size());
    for (uint32_t q = 0; q < group.size(); ++q) group[q] = q;
    const auto root = [&](uint32_t q) {
      while (group[q] != q) q = group[q] = group[group[q]];
      return q;
    };
    std::vector<std::pair<uint32_t, Finding>> pending;
    for (const auto& [x, y] : candidates) {
      const QuoteRef& a = quotes[x];
      const QuoteRef& b = quotes[y];
      const WordDiff diff = word_diff(a.words, b.words);
      const size_t shorter = std::min(a.words.size(), b.words.size());
      const size_t longer = std::max(a.words.size(), b.words.size());
      const bool in_aligned = aligned_pairs.count({x, y}) > 0;
      const bool same_words = a.words == b.words;
      const double cover = shorter ? double(diff.common) / double(shorter) : 0;
      // Pairing by position says "the same quote" only inside a copy; across
      // independent reports the words themselves must overlap.
      const bool positional = in_aligned && IsCopyPair(a.source, b.source);
      const bool same_quote = same_words || (cover >= cfg_.same_quote_min && diff.common >= 2) || positional;
      if (!same_quote) continue;
      matched[x] = matched[y] = 1;
      const auto sa = str_field(*a.claim, "speaker");
      const auto sb = str_field(*b.claim, "speaker");
      const bool speech = bool_field(*a.claim, "speech", true) || bool_field(*b.claim, "speech", true);
      const double near = longer ? double(diff.common) / double(longer) : 0;
      if (near >= 0.8) group[root(x)] = root(y);
      if (sa && sb && !SamePerson(a.source, *sa, b.source, *sb) && near >= cfg_.misattribution_min && speech &&
          longer >= 4 && LooksLikeName(*sa) && LooksLikeName(*sb) && !NamedNear(a, *sb) && !NamedNear(b, *sa)) {
        Finding f;
        f.kind = FindingKind::kMisattributedQuote;
        f.severity = Severity::kHigh;
        const double ca = num_field(*a.claim, "confidence").value_or(0.5), cb = num_field(*b.claim, "confidence").value_or(0.5);
        f.confidence = std::min(ca, cb);
        f.summary = "The same quote is given to " + *sa + " in " + Label(a.source) + " and to " + *sb + " in " +
                    Label(b.source);
        f.explanation = "\"" + std::string(corpus_[a.source].slice(a.claim->span)) + "\": " + Label(a.source) +
                        " attributes it to " + *sa + " (" + str_field(*a.claim, "resolution").value_or("") + " \"" +
                        str_field(*a.claim, "speaker_text").value_or("") + "\"), " + Label(b.source) + " to " + *sb + " (" +
                        str_field(*b.claim, "resolution").value_or("") + " \"" + str_field(*b.claim, "speaker_text").value_or("") +
                        "\")." + CopyNote(a.source, b.source);
        f.evidence.push_back(QuoteEvidence(a));
        f.evidence.push_back(QuoteEvidence(b));
        pending.emplace_back(x, std::move(f));
      }
      if (same_words) continue;
      const bool same_speaker = sa && sb && SamePerson(a.source, *sa, b.source, *sb);
      if (sa && sb && !same_speaker) continue;  // two people's words, or a misattribution (above)
      const bool context = in_aligned || same_speaker || SentenceSimilarity(a, b) >= 0.3;
      if (!context) continue;
      // Words replaced by other words matter; a partial quote, a spelling
      // variant or reformatted digits are noted at low severity.
      const bool partial = near < 0.6 && !positional;
      const bool serious = substitutes_words(diff) && !partial;
      Finding f;
      f.kind = FindingKind::kAlteredQuote;
      f.severity = !serious ? Severity::kLow : (speech ? Severity::kHigh : Severity::kMedium);
      f.confidence = in_aligned || same_speaker ? 0.85 : 0.65;
      std::string what;
      for (const auto& c : diff.changes) what += (what.empty() ? "" : ", ") + c;
      f.summary = "A quote" + (sa ? " of " + *sa : std::string()) + " reads differently in " + Label(a.source) +
                  " and " + Label(b.source) + " (" + what + ")";
      std::string changes;
      for (const auto& op : diff.ops) {
        if (op["op"] == "equal") continue;
        if (!changes.empty()) changes += "; ";
        changes += op["op"].get<std::string>() + ": \"" + op["a"].get<std::string>() + "\" -> \"" +
                   op["b"].get<std::string>() + "\"";
      }
      f.explanation = "Words inside the quotation marks differ: " + changes + "." + CopyNote(a.source, b.source);
      f.details = {{"diff", diff.ops}, {"changes", std::vector<std::string>(diff.changes.begin(), diff.changes.end())}};
      f.evidence.push_back(QuoteEvidence(a));
      f.evidence.push_back(QuoteEvidence(b));
      pending.emplace_back(x, std::move(f));
    }
    // Corroboration: sources carrying the quote, and independent outlets among
    // them (a copy, spin or rewrite counts with its original, once).
    std::unordered_map<uint32_t, std::pair<std::set<size_t>, std::set<std::string>>> carriers;
    for (uint32_t q = 0; q < quotes.size(); ++q) {
      auto& c = carriers[root(q)];
      const size_t s = quotes[q].source;
      c.first.insert(s);
      auto it = original_of_.find(s);
      const size_t origin = it == original_of_.end() ? s : it->second.original;
      c.second.insert(corpus_[origin].meta.outlet.value_or(corpus_[origin].file));
    }
    for (auto& [q, f] : pending) {
      const auto& c = carriers[root(q)];
      f.details["corroboration"] = {{"sources", c.first.size()}, {"independent_outlets", c.second.size()}};
      Add(std::move(f));
    }
    // Quotes that no other source carries, in a story told by several sources.
    for (uint32_t q = 0; q < quotes.size(); ++q) {
      const QuoteRef& r = quotes[q];
      if (matched[q] || !bool_field(*r.claim, "speech", false) || !str_field(*r.claim, "speaker")) continue;
      if (r.words.size() < 4 || StoryPeers(r.source) == 0) continue;
      Finding f;
      f.kind = FindingKind::kUncorroboratedQuote;
      f.severity = Severity::kLow;
      f.confidence = 0.6;
      f.summary = "Only " + Label(r.source) + " quotes " + *str_field(*r.claim, "speaker") + " saying this";
      f.explanation = "No other source of the same story (" + std::to_string(StoryPeers(r.source)) +
                      " related source(s)) carries this quote.";
      f.evidence.push_back(QuoteEvidence(r));
      Add(std::move(f));
    }
  }

  // Sources telling the same story: derived ones, and those sharing at least
  // three sentences aligned on their own.
  // A person's name: two or more words, each capitalised.
  static bool LooksLikeName(const std::string& name) {
    const auto words = name_tokens(name);
    if (words.size() < 2) return false;
    return std::all_of(words.begin(), words.end(), [](const std::string& w) {
      return !w.empty() && (std::isupper(static_cast<unsigned char>(w[0])) || static_cast<unsigned char>(w[0]) >= 0x80);
    });
  }

  // True when `name` (or its surname) appears in the sentence holding the quote.
  bool NamedNear(const QuoteRef& r, const std::string& name) const {
    if (!r.claim->sentence) return false;
    const std::string sentence = fold_case(corpus_[r.source].slice(corpus_[r.source].sentences[*r.claim->sentence].span));
    const auto words = name_tokens(person_key(name));
    return !words.empty() && sentence.find(words.back()) != std::string::npos;
  }

  size_t StoryPeers(size_t s) const { return story_peers_[s]; }

  double SentenceSimilarity(const QuoteRef& a, const QuoteRef& b) const {
    if (!a.claim->sentence || !b.claim->sentence) return 0;
    return Aligner::dice(aligner_.terms(a.source, *a.claim->sentence).terms,
                         aligner_.terms(b.source, *b.claim->sentence).terms);
  }

  Evidence QuoteEvidence(const QuoteRef& r) const {
    nlohmann::json fields = {{"quote", std::string(corpus_[r.source].slice(r.claim->span))}};
    for (const char* k : {"speaker", "speaker_text", "resolution", "cue"})
      if (auto v = str_field(*r.claim, k)) fields[k] = *v;
    return MakeEvidence(r.source, *r.claim, std::move(fields));
  }

  // ---- roles -----------------------------------------------------------------
  void CompareRoles() {
    struct RoleRef {
      size_t source;
      const Claim* claim;
      std::string person, cls;
    };
    std::unordered_map<std::string, std::vector<RoleRef>> by_surname;
    for (size_t s = 0; s < corpus_.size(); ++s)
      for (const Claim& c : corpus_[s].claims) {
        if (c.kind != ClaimKind::kRole) continue;
        auto person = str_field(c, "person");
        auto cls = str_field(c, "role_class");
        if (!person || !cls) continue;
        const std::string key = CanonicalPerson(s, *person);
        const auto toks = name_tokens(key);
        if (toks.empty()) continue;
        by_surname[toks.back()].push_back({s, &c, *person, fold_case(*cls)});
      }
    for (const auto& [surname, list] : by_surname) {
      if (list.size() > 200) continue;
      for (size_t i = 0; i < list.size(); ++i)
        for (size_t j = i + 1; j < list.size(); ++j) {
          const RoleRef& a = list[i];
          const RoleRef& b = list[j];
          if (a.source == b.source) continue;
          if (!SamePerson(a.source, a.person, b.source, b.person)) continue;
          const auto ca = name_tokens(a.cls), cb = name_tokens(b.cls);
          if (a.cls != b.cls && (expand_acronyms(ca, cb) == b.cls || expand_acronyms(cb, ca) == a.cls)) continue;
          if (a.cls != b.cls && (Nested(ca, cb) || Nested(cb, ca))) continue;  // "coach" / "head coach"
          if (a.cls != b.cls && (!TrustedClass(*a.claim, a.cls) || !TrustedClass(*b.claim, b.cls))) continue;
          const std::string ta = fold_case(str_field(*a.claim, "title").value_or(""));
          const std::string tb = fold_case(str_field(*b.claim, "title").value_or(""));
          // One class: in a copy, a title whose head is the class word may still
          // have its qualifier replaced ("technology correspondent" -> "science
          // correspondent"); other equal classes are equivalent titles.
          if (a.cls == b.cls && !(IsCopyPair(a.source, b.source) && QualifierChanged(ta, tb, a.cls))) continue;
          if (ta.find("former") != std::string::npos || tb.find("former") != std::string::npos) continue;
          const bool aligned = a.claim->sentence && b.claim->sentence &&
                               AlignedTo(a.source, b.source, *a.claim->sentence) == b.claim->sentence;
          if (!aligned && !IsCopyPair(a.source, b.source)) continue;
          // A class of many words is a title the lexicon did not know, not a role.
          if (a.cls != b.cls && (name_tokens(a.cls).size() > 4 || name_tokens(b.cls).size() > 4)) continue;
          Finding f;
          f.kind = FindingKind::kRoleConflict;
          f.severity = Severity::kMedium;
          f.confidence = aligned ? 0.85 : 0.7;
          f.summary = a.person + " is \"" + str_field(*a.claim, "title").value_or("") + "\" in " + Label(a.source) +
                      " but \"" + str_field(*b.claim, "title").value_or("") + "\" in " + Label(b.source);
          f.explanation = (a.cls == b.cls ? "The titles qualify the same role differently (" + ta + " vs " + tb + ")."
                                          : "The titles belong to different role classes (" + a.cls + " vs " + b.cls +
                                                ").") +
                          CopyNote(a.source, b.source);
          for (const RoleRef* r : {&a, &b}) {
            nlohmann::json fields = {{"person", r->person}};
            for (const char* k : {"title", "organisation", "role_class"})
              if (auto v = str_field(*r->claim, k)) fields[k] = *v;
            f.evidence.push_back(MakeEvidence(r->source, *r->claim, std::move(fields)));
          }
          Add(std::move(f));
        }
    }
  }

  // Every word of `x` is in `y`.
  static bool Nested(const std::vector<std::string>& x, const std::vector<std::string>& y) {
    return !x.empty() && std::all_of(x.begin(), x.end(), [&](const std::string& w) {
      return std::find(y.begin(), y.end(), w) != y.end();
    });
  }

  // A class the lexicon gave (it differs from the title), or a title written
  // like one ("Chief Expertise Officer"); not a phrase caught by accident.
  static bool TrustedClass(const Claim& c, const std::string& cls) {
    const std::string title = str_field(c, "title").value_or("");
    if (fold_case(title) != cls) return true;
    const auto words = name_tokens(title);
    return words.size() >= 2 && std::all_of(words.begin(), words.end(), [](const std::string& w) {
             return !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
           });
  }

  static bool QualifierChanged(const std::string& ta, const std::string& tb, const std::string& cls) {
    const auto wa = name_tokens(ta), wb = name_tokens(tb), wc = name_tokens(cls);
    if (wa.empty() || wb.empty() || wc.empty() || wa.back() != wc.back() || wb.back() != wc.back()) return false;
    std::set<std::string> qa(wa.begin(), wa.end() - 1), qb(wb.begin(), wb.end() - 1);
    for (const auto& w : wc) {
      qa.erase(w);
      qb.erase(w);
    }
    if (qa.empty() || qb.empty() || qa == qb) return false;
    std::vector<std::string> only_a;
    std::set_difference(qa.begin(), qa.end(), qb.begin(), qb.end(), std::back_inserter(only_a));
    std::vector<std::string> only_b;
    std::set_difference(qb.begin(), qb.end(), qa.begin(), qa.end(), std::back_inserter(only_b));
    return !only_a.empty() && !only_b.empty();  // a substitution, not a dropped word
  }

  // ---- dates -----------------------------------------------------------------
  static std::vector<std::string> EventNames(const Claim& c) {
    std::vector<std::string> out;
    auto it = c.fields.find("event");
    if (it == c.fields.end() || !it->is_object()) return out;
    auto p = it->find("participants");
    if (p == it->end() || !p->is_array()) return out;
    for (const auto& v : *p)
      if (v.is_string() && !v.get<std::string>().empty()) out.push_back(fold_case(v.get<std::string>()));
    return out;
  }

  // The event's stems (from the date extractor), else its sentence's terms.
  std::vector<uint32_t> EventStems(size_t s, const Claim& c) {
    auto it = c.fields.find("event");
    if (it != c.fields.end() && it->is_object() && it->contains("stems") && (*it)["stems"].is_array()) {
      std::string joined;
      for (const auto& v : (*it)["stems"])
        if (v.is_string()) joined += v.get<std::string>() + " ";
      return aligner_.TermsOf(joined).terms;
    }
    if (!c.sentence) return {};
    return aligner_.terms(s, *c.sentence).terms;
  }

  struct DateRef {
    size_t source;
    const Claim* claim;
    std::string start, end;
  };

  static std::optional<DateRef> DateRefOf(size_t s, const Claim& c) {
    const auto st = str_field(c, "start_date"), en = str_field(c, "end_date");
    if (!st || !en || bool_field(c, "vague", false)) return std::nullopt;
    return DateRef{s, &c, *st, *en};
  }

  // Copies or spins of each other, or of one original (siblings).
  bool IsCopyPair(size_t x, size_t y) const {
    const Derivation* d = DerivationOf(x, y);
    if (d != nullptr) return d->relation != Relation::kRewrite;
    auto ox = original_of_.find(x), oy = original_of_.find(y);
    return ox != original_of_.end() && oy != original_of_.end() && ox->second.relation != Relation::kRewrite &&
           oy->second.relation != Relation::kRewrite && ox->second.original == oy->second.original;
  }

  // In a copy, the alignment says which statement is which: dates are
  // compared within aligned sentences, paired by order. Elsewhere an event
  // must share participants and most of its content words.
  void CompareDates() {
    for (const auto& p : pairs_) {
      if (!IsCopyPair(p.a, p.b)) continue;
      for (const auto& s : p.sentences) {
        std::vector<DateRef> da, db;
        for (const Claim* c : ClaimsIn(p.a, s.a, ClaimKind::kDate))
          if (auto r = DateRefOf(p.a, *c)) da.push_back(*r);
        for (const Claim* c : ClaimsIn(p.b, s.b, ClaimKind::kDate))
          if (auto r = DateRefOf(p.b, *c)) db.push_back(*r);
        if (da.size() != db.size()) continue;
        for (size_t k = 0; k < da.size(); ++k)
          if (SameWrittenKind(*da[k].claim, *db[k].claim)) DateConflict(da[k], db[k], s.similarity, {});
      }
    }
    std::vector<DateRef> refs;
    std::vector<std::vector<std::string>> names;
    for (size_t s = 0; s < corpus_.size(); ++s)
      for (const Claim& c : dates_[s]) {
        auto r = DateRefOf(s, c);
        if (!r) continue;
        auto n = EventNames(c);
        std::sort(n.begin(), n.end());
        n.erase(std::unique(n.begin(), n.end()), n.end());
        if (n.size() < 2) continue;
        refs.push_back(*r);
        names.push_back(std::move(n));
      }
    std::unordered_map<std::string, std::vector<uint32_t>> index;
    for (uint32_t i = 0; i < refs.size(); ++i)
      for (const auto& n : names[i]) index[n].push_back(i);
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (auto& [name, list] : index) {
      if (list.size() > 200) continue;
      for (size_t i = 0; i < list.size(); ++i)
        for (size_t j = i + 1; j < list.size(); ++j) {
          const uint32_t x = std::min(list[i], list[j]), y = std::max(list[i], list[j]);
          if (refs[x].source == refs[y].source || IsCopyPair(refs[x].source, refs[y].source)) continue;
          if (!seen.insert({x, y}).second) continue;
          std::vector<std::string> common;
          std::set_intersection(names[x].begin(), names[x].end(), names[y].begin(), names[y].end(),
                                std::back_inserter(common));
          const double sim = Aligner::dice(EventStems(refs[x].source, *refs[x].claim),
                                           EventStems(refs[y].source, *refs[y].claim));
          if (common.size() < 2 || sim < 0.5) continue;
          // Two relative dates ("today", "Monday") anchored on different
          // publication days say little: one side must be written out.
          if (!array_field(*refs[x].claim, "implied").empty() && !array_field(*refs[y].claim, "implied").empty())
            continue;
          DateConflict(refs[x], refs[y], sim, common);
        }
    }
  }

  // "19 August" and "Tuesday" in two aligned sentences are two dates, not one
  // date told twice: the parts written must have something in common.
  static bool SameWrittenKind(const Claim& a, const Claim& b) {
    std::set<std::string> wa, wb;
    for (const auto& v : array_field(a, "written"))
      if (v.is_string()) wa.insert(v.get<std::string>());
    for (const auto& v : array_field(b, "written"))
      if (v.is_string()) wb.insert(v.get<std::string>());
    for (const auto& w : wa)
      if (wb.count(w) > 0) return true;
    return false;
  }

  void DateConflict(const DateRef& a, const DateRef& b, double sim, const std::vector<std::string>& common) {
    if (a.start < b.end && b.start < a.end) return;  // the intervals overlap: equivalent
    // "today" and "Monday" read against two publication days: not comparable.
    const auto anchor_a = str_field(*a.claim, "anchor"), anchor_b = str_field(*b.claim, "anchor");
    if (!array_field(*a.claim, "implied").empty() && !array_field(*b.claim, "implied").empty() && anchor_a != anchor_b)
      return;
    Finding f;
    f.kind = FindingKind::kDateConflict;
    const bool implied = !array_field(*a.claim, "implied").empty() || !array_field(*b.claim, "implied").empty();
    f.severity = implied ? Severity::kMedium : Severity::kHigh;
    f.confidence = std::min(0.9, 0.5 + sim / 2);
    f.summary = "The same event is dated " + str_field(*a.claim, "value").value_or("?") + " in " + Label(a.source) +
                " and " + str_field(*b.claim, "value").value_or("?") + " in " + Label(b.source);
    f.explanation = "\"" + std::string(corpus_[a.source].slice(a.claim->span)) + "\" is " + Describe(a.source, *a.claim) +
                    "; \"" + std::string(corpus_[b.source].slice(b.claim->span)) + "\" is " +
                    Describe(b.source, *b.claim) + ". The intervals do not overlap.";
    if (common.size() >= 2) {
      f.explanation += " Shared participants: " + common[0] + ", " + common[1] + ".";
    } else {
      f.explanation += " The sentences are aligned.";
    }
    f.explanation += CopyNote(a.source, b.source);
    for (const DateRef* r : {&a, &b}) {
      nlohmann::json fields = {{"date", std::string(corpus_[r->source].slice(r->claim->span))},
                               {"value", str_field(*r->claim, "value").value_or("")},
                               {"start_date", r->start}, {"end_date", r->end}};
      f.evidence.push_back(MakeEvidence(r->source, *r->claim, std::move(fields)));
    }
    Add(std::move(f));
  }

  std::string Describe(size_t s, const Claim& c) const {
    std::string out = str_field(c, "value").value_or("?");
    const auto written = array_field(c, "written");
    const auto implied = array_field(c, "implied");
    std::string w, i;
    for (const auto& v : written)
      if (v.is_string()) w += (w.empty() ? "" : ", ") + v.get<std::string>();
    for (const auto& v : implied)
      if (v.is_string()) i += (i.empty() ? "" : ", ") + v.get<std::string>();
    if (!w.empty()) out += " (written: " + w;
    if (!i.empty()) {
      out += w.empty() ? " (" : "; ";
      out += "implied: " + i + " from the publication date " + str_field(c, "anchor").value_or("?");
      if (auto src = str_field(c, "anchor_source")) out += " of " + *src + ", which it copies";
    }
    if (!w.empty() || !i.empty()) out += ")";
    (void)s;
    return out;
  }

  // ---- quantities ------------------------------------------------------------
  // Across independent sources: quantities indexed by subject and unit, compared
  // when their measure words and their sentences agree.
  void CompareQuantitiesByMeasure() {
    struct QRef {
      size_t source;
      const Claim* claim;
    };
    std::unordered_map<std::string, std::vector<QRef>> index;
    for (size_t s = 0; s < corpus_.size(); ++s)
      for (const Claim& c : corpus_[s].claims) {
        if (c.kind != ClaimKind::kQuantity || !c.sentence) continue;
        const auto unit = str_field(c, "unit");
        auto m = c.fields.find("measures");
        if (!unit || unit->empty() || m == c.fields.end() || !m->is_object()) continue;
        auto subject = m->find("subject");
        if (subject == m->end() || !subject->is_string()) continue;
        index[fold_case(subject->get<std::string>()) + "\x1f" + fold_case(*unit)].push_back({s, &c});
      }
    const auto stems = [](const Claim& c) {
      std::set<std::string> out;
      auto m = c.fields.find("measures");
      if (m != c.fields.end() && m->is_object() && m->contains("stems") && (*m)["stems"].is_array())
        for (const auto& v : (*m)["stems"])
          if (v.is_string()) out.insert(v.get<std::string>());
      return out;
    };
    for (const auto& [key, list] : index) {
      if (list.size() > 200) continue;
      for (size_t i = 0; i < list.size(); ++i)
        for (size_t j = i + 1; j < list.size(); ++j) {
          const QRef& a = list[i];
          const QRef& b = list[j];
          if (a.source == b.source || IsCopyPair(a.source, b.source)) continue;
          const auto sa = stems(*a.claim), sb = stems(*b.claim);
          std::vector<std::string> common;
          std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
          if (common.size() < 2) continue;
          const double sim = Aligner::dice(aligner_.terms(a.source, *a.claim->sentence).terms,
                                           aligner_.terms(b.source, *b.claim->sentence).terms);
          if (sim < 0.4) continue;
          // The same people in both sentences: the subject guess alone is weak.
          auto pa = PeopleIn(a.source, *a.claim->sentence), pb = PeopleIn(b.source, *b.claim->sentence);
          std::sort(pa.begin(), pa.end());
          std::sort(pb.begin(), pb.end());
          if (pa != pb) continue;
          CompareQuantity(a.source, *a.claim, b.source, *b.claim, sim, Severity::kMedium);
        }
    }
  }

  void CompareQuantities() {
    CompareQuantitiesByMeasure();
    for (const auto& p : pairs_) {
      const Derivation* d = DerivationOf(p.a, p.b);
      if (d == nullptr || d->relation == Relation::kRewrite) continue;
      for (const auto& s : p.sentences) {
        const auto qa = ClaimsIn(p.a, s.a, ClaimKind::kQuantity), qb = ClaimsIn(p.b, s.b, ClaimKind::kQuantity);
        if (qa.size() != qb.size()) continue;
        for (size_t k = 0; k < qa.size(); ++k) CompareQuantity(p.a, *qa[k], p.b, *qb[k], s.similarity);
      }
    }
  }

  static std::pair<double, double> Interval(const Claim& c) {
    const double inf = std::numeric_limits<double>::infinity();
    double lo = -inf, hi = inf;
    if (auto v = num_field(c, "value")) lo = hi = *v;
    if (auto l = num_field(c, "low")) lo = *l;
    if (auto h = num_field(c, "high")) hi = *h;
    return {lo, hi};
  }

  void CompareQuantity(size_t sa, const Claim& a, size_t sb, const Claim& b, double sim,
                       Severity severity = Severity::kHigh) {
    const std::string ua = str_field(a, "unit").value_or(""), ub = str_field(b, "unit").value_or("");
    const bool pa = ua == "percent", pb = ub == "percent";
    if (pa != pb) return;
    if (fold_case(ua) != fold_case(ub)) return;  // 24 km vs 15 miles; 193 km vs 120 (mph)
    const auto ca = str_field(a, "currency"), cb = str_field(b, "currency");
    if (ca != cb) return;
    const auto [alo, ahi] = Interval(a);
    const auto [blo, bhi] = Interval(b);
    if (!std::isfinite(alo) && !std::isfinite(ahi)) return;
    if (!std::isfinite(blo) && !std::isfinite(bhi)) return;
    if (alo <= bhi && blo <= ahi) return;  // overlap: both can hold
    Finding f;
    f.kind = FindingKind::kNumberConflict;
    f.severity = severity;
    f.confidence = std::min(0.9, 0.5 + sim / 2);
    f.summary = "\"" + std::string(corpus_[sa].slice(a.span)) + "\" in " + Label(sa) + " but \"" +
                std::string(corpus_[sb].slice(b.span)) + "\" in " + Label(sb);
    f.explanation = std::string(severity == Severity::kHigh ? "In aligned sentences" : "For the same subject, unit and measure") +
                    " the two figures cannot both hold once normalized (" + Range(alo, ahi) + " vs " + Range(blo, bhi) +
                    ")." + CopyNote(sa, sb);
    for (const auto& [s, c] : {std::pair<size_t, const Claim*>{sa, &a}, {sb, &b}}) {
      nlohmann::json fields = {{"quantity", std::string(corpus_[s].slice(c->span))}, {"unit", str_field(*c, "unit").value_or("")}};
      if (auto v = num_field(*c, "value")) fields["value"] = *v;
      f.evidence.push_back(MakeEvidence(s, *c, std::move(fields)));
    }
    Add(std::move(f));
  }

  static std::string Range(double lo, double hi) {
    char buf[64];
    if (lo == hi) {
      std::snprintf(buf, sizeof buf, "%g", lo);
    } else if (!std::isfinite(hi)) {
      std::snprintf(buf, sizeof buf, "at least %g", lo);
    } else if (!std::isfinite(lo)) {
      std::snprintf(buf, sizeof buf, "at most %g", hi);
    } else {
      std::snprintf(buf, sizeof buf, "%g to %g", lo, hi);
    }
    return buf;
  }

  // ---- certainty -------------------------------------------------------------
  std::multiset<std::string> MarkersOf(size_t s, uint32_t sentence) const {
    std::multiset<std::string> m;
    for (const auto& w : words_of(corpus_[s].slice(corpus_[s].sentences[sentence].span)))
      if (cfg_.certainty.count(w) > 0) m.insert(w);
    return m;
  }

  void CompareCertainty() {
    for (const auto& p : pairs_) {
      if (!IsCopyPair(p.a, p.b)) continue;
      for (const auto& s : p.sentences) {
        const auto ma = MarkersOf(p.a, s.a), mb = MarkersOf(p.b, s.b);
        if (ma == mb || ma.empty() || mb.empty()) continue;
        std::vector<std::string> only_a, only_b;
        std::set_difference(ma.begin(), ma.end(), mb.begin(), mb.end(), std::back_inserter(only_a));
        std::set_difference(mb.begin(), mb.end(), ma.begin(), ma.end(), std::back_inserter(only_b));
        if (only_a.empty() || only_b.empty()) continue;
        Finding f;
        f.kind = FindingKind::kCertaintyChange;
        f.severity = Severity::kMedium;
        f.confidence = 0.6;
        f.summary = "\"" + only_a[0] + "\" in " + Label(p.a) + " becomes \"" + only_b[0] + "\" in " + Label(p.b);
        f.explanation = "The same statement carries a different hedge, negation or quantifier." + CopyNote(p.a, p.b);
        f.evidence.push_back(SentenceEvidence(p.a, s.a, {{"markers", only_a}}));
        f.evidence.push_back(SentenceEvidence(p.b, s.b, {{"markers", only_b}}));
        Add(std::move(f));
      }
    }
  }

  // ---- lists -----------------------------------------------------------------
  struct Enumeration {
    std::vector<std::string> members;  // folded names
    bool complete = true;
  };

  // "A, B, and C" / "A and B" where the members are capitalised names; an
  // enumeration introduced by "including", "such as", ... lists examples only.
  Enumeration EnumerationIn(std::string_view text) const {
    Enumeration best;
    const std::vector<Token> toks = tokenize(text);
    const auto word = [&](size_t i) { return fold_word(text.substr(toks[i].span.start, toks[i].span.size())); };
    size_t i = 0;
    while (i < toks.size()) {
      // A run of names joined by ",", "and", "or".
      std::vector<std::string> members;
      size_t j = i;
      bool joined_by_and = false;
      const size_t start = i;
      while (j < toks.size()) {
        if (!(toks[j].kind == TokenKind::kWord && toks[j].capitalized && j > 0)) break;
        std::string name = word(j);
        ++j;
        while (j < toks.size() && toks[j].kind == TokenKind::kWord && toks[j].capitalized) name += " " + word(j++);
        members.push_back(name);
        if (j < toks.size() && text[toks[j].span.start] == ',') ++j;
        if (j < toks.size() && toks[j].kind == TokenKind::kWord && word(j) == "and") {
          joined_by_and = true;
          ++j;
          continue;
        }
        if (j > 0 && text[toks[j - 1].span.start] == ',') continue;
        break;
      }
      if (members.size() >= 2 && joined_by_and && members.size() > best.members.size()) {
        best.members = members;
        best.complete = true;
        const std::string before = fold_case(text.substr(0, toks[start].span.start));
        for (const auto& m : cfg_.incomplete_markers) {
          const size_t at = before.rfind(m);
          if (at != std::string::npos && before.size() - at <= m.size() + 40) best.complete = false;
        }
        const size_t end = j < toks.size() ? toks[j].span.start : text.size();
        const std::string after = fold_case(text.substr(end, 24));
        if (after.find("other") != std::string::npos || after.find("etc") != std::string::npos) best.complete = false;
      }
      i = std::max(j, i + 1);
    }
    std::sort(best.members.begin(), best.members.end());
    best.members.erase(std::unique(best.members.begin(), best.members.end()), best.members.end());
    return best;
  }

  void CompareLists() {
    for (const auto& p : pairs_) {
      for (const auto& s : p.sentences) {
        if (s.gap_filled) continue;
        const Enumeration la = EnumerationIn(corpus_[p.a].slice(corpus_[p.a].sentences[s.a].span));
        const Enumeration lb = EnumerationIn(corpus_[p.b].slice(corpus_[p.b].sentences[s.b].span));
        if (la.members.size() < 2 || lb.members.size() < 2 || !la.complete || !lb.complete) continue;
        if (la.members == lb.members) continue;
        std::vector<std::string> common, only_a, only_b;
        std::set_intersection(la.members.begin(), la.members.end(), lb.members.begin(), lb.members.end(),
                              std::back_inserter(common));
        if (common.size() < 2) continue;  // one shared name: two different lists
        std::set_difference(la.members.begin(), la.members.end(), lb.members.begin(), lb.members.end(),
                            std::back_inserter(only_a));
        std::set_difference(lb.members.begin(), lb.members.end(), la.members.begin(), la.members.end(),
                            std::back_inserter(only_b));
        Finding f;
        f.kind = FindingKind::kListConflict;
        f.severity = Severity::kMedium;
        f.confidence = std::min(0.85, 0.4 + s.similarity / 2);
        const auto list = [](const std::vector<std::string>& v) {
          std::string out;
          for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
          return out.empty() ? std::string("nothing") : out;
        };
        f.summary = "The same list has other members in " + Label(p.a) + " and " + Label(p.b);
        f.explanation = "Both sentences give the list as complete. Only in " + Label(p.a) + ": " + list(only_a) +
                        "; only in " + Label(p.b) + ": " + list(only_b) + "." + CopyNote(p.a, p.b);
        f.evidence.push_back(SentenceEvidence(p.a, s.a, {{"members", la.members}}));
        f.evidence.push_back(SentenceEvidence(p.b, s.b, {{"members", lb.members}}));
        Add(std::move(f));
      }
    }
  }

  const Comparator::Config& cfg_;
  const std::vector<SourceView>& corpus_;
  Aligner aligner_;
  std::vector<SourcePairAlignment> pairs_;
  std::map<std::pair<size_t, size_t>, std::unordered_map<uint32_t, uint32_t>> aligned_;
  std::vector<Derivation> derivations_;
  std::map<std::pair<size_t, std::string>, std::string> variant_;
  std::vector<std::vector<Claim>> dates_;
  std::map<std::pair<size_t, size_t>, size_t> derivation_index_;
  std::unordered_map<size_t, Derivation> original_of_;
  std::vector<std::vector<size_t>> partners_;
  std::vector<size_t> story_peers_;
  std::unordered_map<int64_t, size_t> source_index_;
  std::vector<std::unordered_map<uint32_t, std::vector<const Claim*>>> by_sentence_;
  std::vector<Finding> out_;
};

}  // namespace

std::vector<Finding> Comparator::Compare(const std::vector<SourceView>& corpus) const {
  Run run(*c_, corpus);
  return run.Go();
}

}  // namespace crosscheck
