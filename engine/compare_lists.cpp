// The comparator: certainty and lists.
#include "engine/compare_context.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <limits>
#include <optional>

#include "engine/word_tokens.h"

namespace crosscheck::compare {

namespace {

// A value per sentence of the corpus, computed once: a sentence is aligned
// with its counterpart in each of its source's partners. Most sentences have
// the empty value (no marker, no list), which takes no more than the
// sentence's slot. A hash map of every sentence read held 150 MB
// more at 100k articles.
template <typename V>
class SentenceMemo {
 public:
  // Slots by the aligner's sentence places.
  SentenceMemo(const Aligner& places, bool (*empty)(const V&))
      : places_(places), empty_(empty), slots_(places.sentences(), kUnset) {}

  template <typename Make>
  const V& get(size_t s, uint32_t i, Make make) {
    size_t& slot = slots_[places_.place(s, i)];
    if (slot == kUnset) {
      V v = make();
      if (empty_(v)) {
        slot = kNone;
      } else {
        slot = values_.size();
        values_.push_back(std::move(v));
      }
    }
    return slot == kNone ? none_ : values_[slot];  // a deque: references stay put as it grows
  }

  // Computes the value of both sides of every aligned sentence `keep_sentence`
  // keeps in the pairs `keep_pair` keeps, a source at a time: a compressed
  // text is then decompressed once per source, where the pairs' order would
  // decompress b's text again for most pairs. get() then only reads. Values
  // do not depend on the order they are computed in.
  template <typename KeepPair, typename KeepSentence, typename Make>
  void Fill(const std::vector<SourceView>& corpus, const std::vector<SourcePairAlignment>& pairs,
            KeepPair keep_pair, KeepSentence keep_sentence, Make make) {
    for (const auto& p : pairs) {
      if (!keep_pair(p)) continue;
      for (const auto& s : p.sentences)
        if (keep_sentence(s))
          for (size_t place : {places_.place(p.a, s.a), places_.place(p.b, s.b)})
            if (slots_[place] == kUnset) slots_[place] = kWanted;
    }
    for (size_t src = 0; src < corpus.size(); ++src)
      for (uint32_t i = 0; i < corpus[src].sentences.size(); ++i)
        if (slots_[places_.place(src, i)] == kWanted) {
          slots_[places_.place(src, i)] = kUnset;
          get(src, i, [&] { return make(src, i); });
        }
  }

 private:
  static constexpr size_t kUnset = std::numeric_limits<size_t>::max();
  static constexpr size_t kNone = kUnset - 1;
  static constexpr size_t kWanted = kUnset - 2;  // inside Fill
  const Aligner& places_;
  bool (*empty_)(const V&);
  std::vector<size_t> slots_;  // [place]: index into values_, kNone or kUnset
  std::deque<V> values_;
  V none_{};
};

// False only when `text` is ASCII and has no "and" in any case (folding
// non-ASCII text might make one).
bool maybe_has_and(std::string_view text) {
  if (!is_ascii(text)) return true;
  return ascii_lower(text).find("and") != std::string::npos;
}

// One member written with more words on one side ("U.S. Fish and Wildlife
// Service", "Fish and Wildlife Service"; "Mayor Ruth Kell", "Ruth Kell"):
// the shorter one's words are a run of the longer one's.
bool one_member(std::string_view x, std::string_view y) {
  if (x.size() > y.size()) std::swap(x, y);
  for (size_t at = y.find(x); at != std::string_view::npos; at = y.find(x, at + 1)) {
    const size_t end = at + x.size();
    if ((at == 0 || y[at - 1] == ' ') && (end == y.size() || y[end] == ' ')) return true;
  }
  return false;
}

// Removes from `a` and `b` each member the other side writes longer or
// shorter (one_member), pairing each at most once; returns how many pairs.
size_t drop_same_members(std::vector<std::string>& a, std::vector<std::string>& b) {
  std::vector<char> used(b.size(), 0);
  std::vector<std::string> rest;
  for (auto& x : a) {
    size_t k = 0;
    while (k < b.size() && (used[k] || !one_member(x, b[k]))) ++k;
    if (k < b.size())
      used[k] = 1;
    else
      rest.push_back(std::move(x));
  }
  a = std::move(rest);
  size_t kept = 0;
  for (size_t k = 0; k < b.size(); ++k)
    if (!used[k]) b[kept++] = std::move(b[k]);
  const size_t paired = b.size() - kept;
  b.resize(kept);
  return paired;
}

// Whether two complete lists (sorted, folded members) are one list told with
// other members: two members at least in common (one shared name: two
// lists), and a member of one not in the other. Fills the members each has
// alone when asked.
bool members_differ(const std::vector<std::string>& a, const std::vector<std::string>& b,
                    std::vector<std::string>* only_a, std::vector<std::string>* only_b) {
  if (a.size() < 2 || b.size() < 2 || a == b) return false;
  std::vector<std::string> common, oa, ob;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(oa));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(ob));
  const size_t shared = common.size() + drop_same_members(oa, ob);
  if (shared < 2 || (oa.empty() && ob.empty())) return false;
  if (only_a) *only_a = std::move(oa);
  if (only_b) *only_b = std::move(ob);
  return true;
}

}  // namespace

std::vector<std::string> ComparisonRun::MarkersOf(size_t s, uint32_t sentence) const {
  std::vector<std::string> m;
  const std::string_view text = corpus_[s].slice(corpus_[s].sentences[sentence].span);
  const std::vector<Token> tokens = tokenize(text);
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].kind == TokenKind::kPunct || is_name_word(tokens, k)) continue;
    const std::string_view raw = text.substr(tokens[k].span.start, tokens[k].span.size());
    // Folding an ASCII word lower-cases it: most words are ruled out here,
    // without building the folded string (words_of would).
    if (is_ascii(raw) && !cfg_.certainty_words.has(raw)) continue;
    const std::string w = fold_word(raw);
    if (cfg_.certainty.count(w) == 0) continue;
    const auto b = cfg_.certainty_backshift.find(w);
    m.push_back(b == cfg_.certainty_backshift.end() ? w : b->second);
  }
  std::sort(m.begin(), m.end());
  return m;
}

std::vector<std::string> ComparisonRun::CertaintyWordsOf(size_t s, uint32_t sentence) const {
  std::vector<std::string> words;
  const std::string_view text = corpus_[s].slice(corpus_[s].sentences[sentence].span);
  const std::vector<Token> tokens = tokenize(text);
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].kind == TokenKind::kPunct) continue;
    std::string w = fold_word(text.substr(tokens[k].span.start, tokens[k].span.size()));
    if (is_name_word(tokens, k)) {
      w.insert(0, "^");  // "^may" is no marker, and still matches the other text's "May"
    } else if (const auto b = cfg_.certainty_backshift.find(w); b != cfg_.certainty_backshift.end()) {
      w = b->second;
    }
    words.push_back(std::move(w));
  }
  return words;
}

void ComparisonRun::CompareCertainty() {
  SentenceMemo<std::vector<std::string>> markers(aligner_, [](const std::vector<std::string>& m) { return m.empty(); });
  const auto markers_of = [&](size_t src, uint32_t i) -> const std::vector<std::string>& {
    return markers.get(src, i, [&] { return MarkersOf(src, i); });
  };
  const auto compared = [&](const SourcePairAlignment& p) { return Touches(p.a, p.b) && IsCopyPair(p.a, p.b); };
  markers.Fill(corpus_, pairs_, compared, [](const AlignedSentence&) { return true; },
               [&](size_t src, uint32_t i) { return MarkersOf(src, i); });
  // The first marker of `removed` that `added` puts at another degree of its
  // scale: the words one sentence replaced with the other's, a short run.
  const auto swapped = [&](const std::string& removed,
                           const std::string& added) -> std::optional<std::pair<std::string, std::string>> {
    const std::vector<std::string> ra = split_words(removed), rb = split_words(added);
    if (ra.size() > cfg_.certainty_max_swap_words || rb.size() > cfg_.certainty_max_swap_words) return std::nullopt;
    for (const std::string& x : ra) {
      const auto px = cfg_.certainty.find(x);
      if (px == cfg_.certainty.end()) continue;
      for (const std::string& y : rb) {
        const auto py = cfg_.certainty.find(y);
        if (py != cfg_.certainty.end() && py->second.scale == px->second.scale &&
            py->second.degree != px->second.degree)
          return std::make_pair(x, y);
      }
    }
    return std::nullopt;
  };
  for (const auto& p : pairs_) {
    if (!compared(p)) continue;
    for (const auto& s : p.sentences) {
      const auto& ma = markers_of(p.a, s.a);
      const auto& mb = markers_of(p.b, s.b);
      if (ma == mb || ma.empty() || mb.empty()) continue;
      // Only a marker put in another's place is a change of certainty: the
      // edit script from one sentence to the other substitutes it.
      std::optional<std::pair<std::string, std::string>> change;
      for (const auto& [removed, added] : substitutions(CertaintyWordsOf(p.a, s.a), CertaintyWordsOf(p.b, s.b)))
        if ((change = swapped(removed, added))) break;
      if (!change) continue;
      const auto& [x, y] = *change;
      Finding f;
      f.kind = FindingKind::kCertaintyChange;
      // One marker swapped for its neighbour on the scale: a small change.
      f.severity = cfg_.certainty_mild.count({x, y}) > 0 ? Severity::kLow : Severity::kMedium;
      f.confidence = 0.6;
      f.summary = "\"" + x + "\" in " + Label(p.a) + " becomes \"" + y + "\" in " + Label(p.b);
      f.explanation = "The same statement carries a different hedge, negation or quantifier in the same place." +
                      CopyNote(p.a, p.b);
      f.evidence.push_back(SentenceEvidence(p.a, s.a, {{"markers", std::vector<std::string>{x}}}));
      f.evidence.push_back(SentenceEvidence(p.b, s.b, {{"markers", std::vector<std::string>{y}}}));
      Add(std::move(f));
    }
  }
}

// "A, B, and C" / "A and B" where the members are capitalised names; an
// enumeration introduced by "including", "such as", ... lists examples only.
ComparisonRun::Enumeration ComparisonRun::EnumerationIn(std::string_view text) const {
  Enumeration best;
  // Every enumeration is joined by "and": an ASCII sentence without those
  // letters has none, and is not tokenized (most aligned sentences).
  if (!maybe_has_and(text)) return best;
  const std::vector<Token> toks = tokenize(text);
  const auto word = [&](size_t i) { return fold_word(text.substr(toks[i].span.start, toks[i].span.size())); };
  size_t i = 0;
  while (i < toks.size()) {
    // A run of names joined by ",", "and", "or".
    std::vector<std::string> members;
    std::vector<char> bare_and;  // [k]: members k and k + 1 joined by "and" without a comma
    size_t j = i;
    bool joined_by_and = false;
    const size_t start = i;
    while (j < toks.size()) {
      if (!(toks[j].kind == TokenKind::kWord && toks[j].capitalized && j > 0)) break;
      std::string name = word(j);
      ++j;
      while (j < toks.size() && toks[j].kind == TokenKind::kWord && toks[j].capitalized) name += " " + word(j++);
      members.push_back(name);
      bare_and.push_back(0);
      const bool comma = j < toks.size() && text[toks[j].span.start] == ',';
      if (comma) ++j;
      if (j < toks.size() && toks[j].kind == TokenKind::kWord && word(j) == "and") {
        joined_by_and = true;
        bare_and.back() = !comma;
        ++j;
        continue;
      }
      if (j > 0 && text[toks[j - 1].span.start] == ',') continue;
      break;
    }
    if (members.size() >= 2 && joined_by_and && members.size() > best.members.size()) {
      best.joined.clear();
      bool any = false;
      for (size_t k = 0; k < members.size(); ++k) {
        const bool join = k + 1 < members.size() && bare_and[k] && members[k].find(' ') == std::string::npos &&
                          members[k + 1].find(' ') != std::string::npos;
        best.joined.push_back(join ? members[k] + " and " + members[k + 1] : members[k]);
        any = any || join;
        k += join;
      }
      if (!any) best.joined.clear();
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
      // "the Fish and Wildlife Service or the Marine Fisheries Service": the
      // run goes on as a choice (and a name holding "and" was split), not a
      // complete list.
      if (j < toks.size() && toks[j].kind == TokenKind::kWord && (word(j) == "or" || word(j) == "nor"))
        best.complete = false;
    }
    i = std::max(j, i + 1);
  }
  for (auto* v : {&best.members, &best.joined}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return best;
}

void ComparisonRun::CompareLists() {
  SentenceMemo<Enumeration> lists(aligner_, [](const Enumeration& e) { return e.members.empty() && e.complete; });
  const auto enumeration = [&](size_t src, uint32_t i) {
    return EnumerationIn(corpus_[src].slice(corpus_[src].sentences[i].span));
  };
  const auto list_in = [&](size_t src, uint32_t i) -> const Enumeration& {
    return lists.get(src, i, [&] { return enumeration(src, i); });
  };
  const auto compared = [&](const SourcePairAlignment& p) { return Touches(p.a, p.b); };
  lists.Fill(corpus_, pairs_, compared, [](const AlignedSentence& s) { return !s.gap_filled; }, enumeration);
  for (const auto& p : pairs_) {
    if (!compared(p)) continue;
    for (const auto& s : p.sentences) {
      if (s.gap_filled) continue;
      const Enumeration& la = list_in(p.a, s.a);
      const Enumeration& lb = list_in(p.b, s.b);
      if (!la.complete || !lb.complete) continue;
      std::vector<std::string> only_a, only_b;
      if (!members_differ(la.members, lb.members, &only_a, &only_b)) continue;
      // Flagged only when the lists differ however their names are read.
      if ((!la.joined.empty() || !lb.joined.empty()) &&
          !members_differ(la.joined.empty() ? la.members : la.joined, lb.joined.empty() ? lb.members : lb.joined,
                          nullptr, nullptr))
        continue;
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

}  // namespace crosscheck::compare
