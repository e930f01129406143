// The comparator: quantities.
#include "engine/compare_context.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <unordered_map>

#include "engine/word_tokens.h"

namespace crosscheck::compare {

// Across independent sources: quantities indexed by subject and unit, compared
// when their measure words and their sentences agree.
void ComparisonRun::CompareQuantitiesByMeasure() {
  struct QRef {
    size_t source;
    const Claim* claim;
  };
  std::unordered_map<std::string, std::vector<QRef>> index;
  for (size_t s = 0; s < corpus_.size(); ++s)
    for (const Claim& c : corpus_[s].claims) {
      if (c.kind != ClaimKind::kQuantity || !c.sentence) continue;
      const auto unit = str_field(c, "unit");
      if (!unit || unit->empty()) continue;
      const auto subject = c.packed.view().object("measures").str("subject");
      if (!subject) continue;
      index[fold_case(*subject) + "\x1f" + fold_case(*unit)].push_back({s, &c});
    }
  // A figure's measure stems without its unit's (the extractor lists it
  // among them; the index key already holds the unit).
  const auto stems = [](const Claim& c, const std::string& unit_stem) {
    std::set<std::string> out;
    for (std::string_view v : c.packed.view().object("measures").strings("stems"))
      if (v != unit_stem) out.emplace(v);
    return out;
  };
  for (const auto& [key, list] : index) {
    if (list.size() > 200) continue;
    const std::string unit_stem = stem(fold_word(std::string_view(key).substr(key.find('\x1f') + 1)));
    for (size_t i = 0; i < list.size(); ++i)
      for (size_t j = i + 1; j < list.size(); ++j) {
        const QRef& a = list[i];
        const QRef& b = list[j];
        if (!Related(a.source, b.source) || !Touches(a.source, b.source) || IsCopyPair(a.source, b.source)) continue;
        const auto sa = stems(*a.claim, unit_stem), sb = stems(*b.claim, unit_stem);
        std::vector<std::string> common;
        std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
        // Two measure words besides the unit: "home to 120,000 people" is not
        // "killing at least seven people", whatever island both name.
        if (common.size() < 2) continue;
        const double sim = Aligner::dice(aligner_.terms(a.source, *a.claim->sentence).terms,
                                         aligner_.terms(b.source, *b.claim->sentence).terms);
        if (sim < 0.4) continue;
        // "68 percent of workers in Garnetmoor", "59 percent of workers in
        // Birchgate": two places, two figures.
        if (NamingOf(a.source, *a.claim->sentence, b.source, *b.claim->sentence).conflict) continue;
        // The same people in both sentences: the subject guess alone is weak.
        auto pa = PeopleIn(a.source, *a.claim->sentence), pb = PeopleIn(b.source, *b.claim->sentence);
        std::sort(pa.begin(), pa.end());
        std::sort(pb.begin(), pb.end());
        if (pa != pb) continue;
        CompareQuantity(a.source, *a.claim, b.source, *b.claim, sim, Severity::kMedium);
      }
  }
}

void ComparisonRun::CompareQuantities() {
  CompareQuantitiesByMeasure();
  for (const auto& p : pairs_) {
    if (!Touches(p.a, p.b)) continue;
    const Derivation* d = DerivationOf(p.a, p.b);
    if (d == nullptr || d->relation == Relation::kRewrite) continue;
    for (const auto& s : p.sentences) {
      const auto qa = ClaimsIn(p.a, s.a, ClaimKind::kQuantity), qb = ClaimsIn(p.b, s.b, ClaimKind::kQuantity);
      if (qa.size() != qb.size()) continue;
      for (size_t k = 0; k < qa.size(); ++k) {
        // Figures without units are paired by their place in the sentence
        // alone; a word beside them must agree too, or "Five dead, dozens
        // injured" and "Dozens injured as a 6.1-magnitude quake hits" would
        // pair five with dozens.
        if (str_field(*qa[k], "unit").value_or("").empty() && str_field(*qb[k], "unit").value_or("").empty()) {
          const auto wa = WordsAround(p.a, *qa[k]), wb = WordsAround(p.b, *qb[k]);
          if (!(wa.first == wb.first && !wa.first.empty()) && !(wa.second == wb.second && !wa.second.empty()))
            continue;
        }
        CompareQuantity(p.a, *qa[k], p.b, *qb[k], s.similarity);
      }
    }
  }
}

std::pair<std::string, std::string> ComparisonRun::WordsAround(size_t s, const Claim& c) const {
  const Span sentence = corpus_[s].sentences[*c.sentence].span;
  const std::string_view text = corpus_[s].slice(sentence);
  std::string before, after;
  for (const Token& t : tokenize(text, static_cast<uint32_t>(sentence.start))) {
    if (t.kind != TokenKind::kWord) continue;
    const std::string_view w = corpus_[s].slice(t.span);
    if (t.span.end <= c.span.start) {
      before = fold_word(w);
    } else if (t.span.start >= c.span.end) {
      after = fold_word(w);
      break;
    }
  }
  return {before, after};
}

std::pair<double, double> ComparisonRun::Interval(const Claim& c) {
  const double inf = std::numeric_limits<double>::infinity();
  double lo = -inf, hi = inf;
  if (auto v = num_field(c, "value")) lo = hi = *v;
  if (auto l = num_field(c, "low")) lo = *l;
  if (auto h = num_field(c, "high")) hi = *h;
  return {lo, hi};
}

void ComparisonRun::CompareQuantity(size_t sa, const Claim& a, size_t sb, const Claim& b, double sim,
                     Severity severity) {
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

std::string ComparisonRun::Range(double lo, double hi) {
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

}  // namespace crosscheck::compare
