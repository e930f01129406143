// The comparator: derived copies (copies, spins, rewrites) and the dates of undated copies.
#include "engine/compare_context.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>

#include "engine/parallel.h"

namespace crosscheck::compare {

bool ComparisonRun::Earlier(size_t x, size_t y) const {
  const auto& px = corpus_[x].meta.published;
  const auto& py = corpus_[y].meta.published;
  if (px && !py) return true;
  if (!px && py) return false;
  if (px && py && px->begin() != py->begin()) return px->begin() < py->begin();
  return false;
}

std::optional<Relation> ComparisonRun::Qualify(const SourcePairAlignment& p) const {
  static const bool debug = std::getenv("CROSSCHECK_DEBUG_ALIGN") != nullptr;
  // Gap-filled pairs show where a copy goes, not that it is one: only
  // anchors (aligned on their own) decide. Anchors whose names conflict
  // count against: not as copied sentences, yet in the mean similarity (a
  // copy keeps its original's names; one template told of two towns is not
  // a copy).
  double sum = 0;
  size_t anchors = 0, all = 0;
  for (const auto& s : p.sentences)
    if (!s.gap_filled) {
      sum += s.similarity;
      ++all;
      anchors += !NamingOf(p.a, s.a, p.b, s.b).conflict;
    }
  const double mean = all ? sum / double(all) : 0.0;
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
  return rel;
}

void ComparisonRun::FindDerivations() {
  for (size_t i = 0; i < pairs_.size(); ++i) {
    const SourcePairAlignment& p = pairs_[i];
    const std::optional<Relation>& rel = relations_[i];  // Qualify's, from PrunePairs
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
    // A source whose pairs are not all aligned (focus mode, far from the
    // focus) may derive from a source it was not aligned with: unknown.
    if ((kept.empty() || kept.back().derived != d.derived) && complete_[d.derived]) kept.push_back(std::move(d));
  derivations_ = std::move(kept);
  // A spin's substitutions are read from its own sentences: one derivation
  // per item, on the alignment's threads.
  parallel_for(derivations_.size(), cfg_.alignment.jobs, [&](size_t i) {
    if (derivations_[i].relation == Relation::kSpin) CollectSubstitutions(derivations_[i]);
  });
}

void ComparisonRun::CollectSubstitutions(Derivation& d) {
  std::map<std::pair<std::string, std::string>, int> subs;
  const auto& p = *d.alignment;
  for (const auto& s : p.sentences) {
    const auto wa = words_of(corpus_[p.a].slice(corpus_[p.a].sentences[s.a].span));
    const auto wb = words_of(corpus_[p.b].slice(corpus_[p.b].sentences[s.b].span));
    for (auto& sub : substitutions(wa, wb)) ++subs[std::move(sub)];
  }
  std::vector<std::pair<int, std::pair<std::string, std::string>>> ranked;
  for (const auto& [k, v] : subs) ranked.emplace_back(v, k);
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  const bool flip = p.a != d.original;
  for (size_t i = 0; i < ranked.size() && i < 12; ++i) {
    const auto& [from, to] = ranked[i].second;
    d.substitutions.push_back({flip ? to : from, flip ? from : to, ranked[i].first});
  }
}

void ComparisonRun::ReportDerivations() {
  for (const auto& d : derivations_) {
    if (!Touches(d.original, d.derived)) continue;
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
    nlohmann::json substitutions = nlohmann::json::array();
    for (const auto& sub : d.substitutions)
      substitutions.push_back({{"original", sub.original}, {"copy", sub.copy}, {"count", sub.count}});
    f.details = {{"relation", relation_name(d.relation)}, {"share", d.share},
                 {"aligned_sentences", d.alignment->sentences.size()}, {"substitutions", std::move(substitutions)},
                 {"original", corpus_[d.original].file}, {"derived", corpus_[d.derived].file}};
    const size_t sides[] = {d.original, d.derived};
    for (size_t s : sides) {
      Evidence e;
      e.source_id = corpus_[s].source_id;
      e.version_id = corpus_[s].version_id;
      e.file = corpus_[s].file;
      e.text = corpus_[s].meta.title.value_or("");
      e.fields = {{"role", s == d.original ? "original" : "derived"}};
      f.evidence.push_back(std::move(e));
    }
    // The id is taken from the titles, as it always was, whichever sentence
    // is shown below: a scheduled audit must not see an old copy as new.
    f.id = EvidenceId(f);
    // Verbatim evidence: one copied sentence of the story from each side,
    // the closest pair that still differs (a spin's substitution shows
    // there), else the first copied sentence; the titles when none is.
    const auto body = [&](size_t src, uint32_t i) { return corpus_[src].sentences[i].role == BlockRole::kBody; };
    const AlignedSentence* shown = nullptr;
    for (const AlignedSentence& s : d.alignment->sentences) {
      if (s.gap_filled || !body(d.alignment->a, s.a) || !body(d.alignment->b, s.b)) continue;
      const bool differs = s.similarity < 1, shown_differs = shown != nullptr && shown->similarity < 1;
      if (shown == nullptr || (differs && (!shown_differs || s.similarity > shown->similarity))) shown = &s;
    }
    if (shown != nullptr)
      for (size_t k = 0; k < 2; ++k) {
        const size_t s = sides[k];
        f.evidence[k] = SentenceEvidence(s, s == d.alignment->a ? shown->a : static_cast<uint32_t>(shown->b),
                                         std::move(f.evidence[k].fields));
      }
    Add(std::move(f));
  }
}

void ComparisonRun::Reanchor() {
  dates_.resize(corpus_.size());
  reanchored_.resize(corpus_.size());
  for (size_t s = 0; s < corpus_.size(); ++s)
    for (const Claim& c : corpus_[s].claims)
      if (c.kind == ClaimKind::kDate) dates_[s].push_back(&c);
  // A copy takes its dates from its last derivation with an anchor (a later
  // one replaced an earlier's); each copy's are extracted on the threads.
  std::vector<size_t> last(corpus_.size(), derivations_.size());
  for (size_t i = 0; i < derivations_.size(); ++i) {
    const auto& d = derivations_[i];
    const SourceView& copy = corpus_[d.derived];
    if ((copy.meta.published && !copy.meta.published->inferred) || !corpus_[d.original].meta.published) continue;
    last[d.derived] = i;
  }
  std::vector<size_t> todo;
  for (size_t s = 0; s < corpus_.size(); ++s)
    if (last[s] < derivations_.size()) todo.push_back(last[s]);
  parallel_for(todo.size(), cfg_.alignment.jobs, [&](size_t k) {
    const auto& d = derivations_[todo[k]];
    const SourceView& copy = corpus_[d.derived];
    Document doc;
    doc.normalized.text = std::string(copy.full_text());
    doc.sentences = copy.sentences;
    for (const Sentence& st : doc.sentences) {
      if (st.paragraph >= doc.paragraphs.size()) doc.paragraphs.resize(st.paragraph + 1, Paragraph{st.span, st.role, {}});
      auto& p = doc.paragraphs[st.paragraph];
      p.span.start = std::min(p.span.start, st.span.start);
      p.span.end = std::max(p.span.end, st.span.end);
    }
    doc.meta = copy.meta;
    PublishedDate a = *corpus_[d.original].meta.published;
    a.inferred = true;
    doc.meta.published = a;
    auto& claims = reanchored_[d.derived];
    claims = cfg_.pipeline.ExtractDates(doc);
    const std::string anchor_source = Label(d.original);
    for (Claim& c : claims) {
      nlohmann::json fields = claim_fields(c);
      fields["anchor_source"] = anchor_source;
      c.packed = PackedFields::Pack(fields);
      set_claim_fields(c, fields);
    }
  });
  for (size_t i : todo) {
    const size_t s = derivations_[i].derived;
    dates_[s].clear();
    for (const Claim& c : reanchored_[s]) dates_[s].push_back(&c);
  }
}

}  // namespace crosscheck::compare
