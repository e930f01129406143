// Sentence alignment across sources: which sentence of one source says what a
// sentence of another says. Candidates come from an inverted index of content
// stems (never all pairs) and of sentence signatures (the same stems, the same
// names); each candidate is scored by the Dice coefficient of the two
// sentences' stem sets. Between two aligned anchors, gaps of equal
// size are aligned pairwise when they still share something (spun copies
// replace most words of some sentences).
#ifndef CROSSCHECK_ENGINE_ALIGNMENT_H_
#define CROSSCHECK_ENGINE_ALIGNMENT_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/corpus.h"
#include "engine/people.h"
#include "engine/string_map.h"

namespace crosscheck {

struct AlignmentOptions {
  double min_similarity = 0.45;
  double gap_similarity = 0.15;
  size_t max_postings = 400;
  // Threads AlignAll and AlignTouching use (each source's pairs are found
  // independently); the result does not depend on it.
  int jobs = 1;
};

// Content stems of one sentence, as ids into the aligner's vocabulary.
struct SentenceTerms {
  std::vector<uint32_t> terms;   // sorted, unique
  std::vector<uint32_t> names;   // capitalised, non-initial words: sorted, unique
};

// The same, as the aligner holds them for every indexed sentence.
struct TermsView {
  std::span<const uint32_t> terms;
  std::span<const uint32_t> names;
};

// The terms of one source's sentences in one array: at 100k articles, two
// vectors per sentence (4.3M sentences) took twice the memory.
class SourceTerms {
 public:
  size_t size() const { return ends_.size() / 2; }
  TermsView operator[](size_t sentence) const {
    const uint32_t* base = ids_.data();
    const uint32_t start = sentence == 0 ? 0 : ends_[2 * sentence - 1];
    const uint32_t mid = ends_[2 * sentence], end = ends_[2 * sentence + 1];
    return {{base + start, base + mid}, {base + mid, base + end}};
  }
  // Adds the next sentence's terms.
  void Append(const SentenceTerms& t);
  void Reserve(size_t sentences, size_t ids);
  // Keeps the terms and names of the sentences i with keep[i] (none past its end).
  void Keep(const std::vector<char>& keep);

 private:
  std::vector<uint32_t> ids_;   // each sentence's terms then its names
  std::vector<uint32_t> ends_;  // [2i]: end of sentence i's terms, [2i + 1]: of its names
};

// 16 bytes, not 24: at 100k articles a check holds about 14M of them.
struct AlignedSentence {
  uint32_t a = 0;  // sentence index in source a
  uint32_t b : 31 = 0;  // sentence index in source b (below kMaxIndexedSentences)
  uint32_t gap_filled : 1 = 0;
  double similarity = 0;
};
static_assert(sizeof(AlignedSentence) == 16);
// Sentences of a source past this many are not indexed, so never aligned
// (a source that long would need a text of gigabytes).
inline constexpr uint32_t kMaxIndexedSentences = (1u << 31) - 1;

struct SourcePairAlignment {
  size_t a = 0;  // corpus indices, a < b
  size_t b = 0;
  std::vector<AlignedSentence> sentences;  // one-to-one, in order of a
  size_t story_a = 0;  // story sentences of a and b
  size_t story_b = 0;
  double share_a() const { return story_a ? double(sentences.size()) / double(story_a) : 0; }
  double share_b() const { return story_b ? double(sentences.size()) / double(story_b) : 0; }
};

class Aligner {
 public:
  Aligner(std::unordered_set<std::string> stopwords, AlignmentOptions options);

  // Computes the terms of every story sentence of every source (chrome is
  // skipped: its terms are empty).
  void Index(const std::vector<SourceView>& corpus);

  // Alignments of every source pair sharing at least one aligned sentence,
  // ordered by (a, b).
  std::vector<SourcePairAlignment> AlignAll() const;

  // The same alignments restricted to pairs with a side in `todo` and no side
  // in `done` (both indexed by source; `done` may be empty): a pair's
  // alignment does not depend on which side it is computed from, so rounds of
  // AlignTouching over disjoint sets give exactly the pairs of AlignAll that
  // touch their union. Ordered by (a, b).
  std::vector<SourcePairAlignment> AlignTouching(const std::vector<char>& todo, const std::vector<char>& done) const;

  // Sentences of the whole corpus holding each term, when Index was given
  // part of it (an audit's scope): a term held by more than max_postings
  // sentences there is no key, however rare in the part. After Index; 0
  // means unknown.
  void SetCorpusFrequencies(const std::function<uint32_t(const std::string& stem)>& sentences_with);
  // Each term of the sentences of the sources in `sources` (indexed by
  // source; empty = all) with how many of them hold it, by stem.
  std::vector<std::pair<std::string, uint32_t>> CountTerms(const std::vector<char>& sources) const;

  // The sources holding terms of source `s` (in any of their sentences),
  // each with how many of the distinct terms of `s` it holds, most first
  // (then by source), at most `limit` of them; `counted` is how many distinct
  // terms of `s` were looked up. A term in more than max_postings sentences
  // says nothing of where `s` comes from: it is not counted on either side.
  // The candidates of a summary (compare_summaries.cpp). Before
  // ReleaseCandidates (it finds nothing after).
  struct Holder {
    size_t source = 0;
    uint32_t shared = 0;
  };
  std::vector<Holder> Holders(size_t s, size_t limit, uint32_t& counted) const;
  // Every term of source `s`, in any of its sentences, sorted and unique
  // (those KeepTerms kept, once it has run).
  std::vector<uint32_t> SourceTermSet(size_t s) const;
  // Frees what only AlignAll and AlignTouching read (term postings and
  // sentence signatures: a third of the index at 100k articles) and TermsOf's
  // cache of words; terms and frequencies stay. They find nothing after it, until Index runs again.
  void ReleaseCandidates();
  // Frees the terms and names of each sentence i of `source` without
  // keep[i], whose terms(...) are then empty. After
  // alignment the comparisons read only the terms of sentences that hold
  // claims (about 140 MB kept for nothing at 100k articles).
  void KeepTerms(size_t source, const std::vector<char>& keep) { terms_[source].Keep(keep); }
  // A sentence's place among all the corpus's sentences, in [0, sentences()).
  size_t place(size_t source, size_t sentence) const { return first_sentence_[source] + sentence; }
  size_t sentences() const { return first_sentence_.empty() ? 0 : first_sentence_.back(); }

  TermsView terms(size_t source, size_t sentence) const { return terms_[source][sentence]; }
  // Dice similarity of two term sets.
  static double dice(std::span<const uint32_t> x, std::span<const uint32_t> y);
  // Content stems of arbitrary text (same vocabulary; unknown words get ids).
  SentenceTerms TermsOf(std::string_view text);
  // Number of sentences containing the term (its document frequency).
  size_t frequency(uint32_t term) const { return term < df_.size() ? df_[term] : 0; }
  std::string_view term_text(uint32_t id) const { return stem_ids_.key(id); }
  // The id of a stem met by Index or TermsOf (none for a word never met).
  std::optional<uint32_t> term_id(std::string_view stemmed) const { return stem_ids_.find(stemmed); }

 private:
  // The alignment of sources a < b from their candidate sentence pairs.
  SourcePairAlignment AlignPair(size_t a, size_t b, std::vector<AlignedSentence>& cands) const;

  struct Lexicon;
  struct Block;
  void IndexParallel(const std::vector<SourceView>& corpus);
  void IndexBlock(const std::vector<SourceView>& corpus, Block& b) const;
  void StoreTerms(size_t source, const std::vector<SentenceTerms>& sentences);
  WordSet stopwords_;
  AlignmentOptions options_;
  StringIds stem_ids_;  // term id by stem; ids in insertion order, so key(id) is its stem
  // The term of each folded word TermsOf met (UINT32_MAX for a stopword).
  StringIds surface_;
  std::vector<SourceTerms> terms_;  // [source]
  std::vector<size_t> first_sentence_;              // [source]: its sentences' place among all
  std::vector<uint32_t> df_;
  std::vector<uint32_t> corpus_df_;  // [term]: SetCorpusFrequencies (empty: none)
  // The places of each term's sentences, in corpus order: term t's are
  // [posting_start_[t], posting_start_[t + 1]).
  std::vector<uint32_t> postings_;           // places of sentences (first_sentence_[source] + sentence)
  std::vector<uint32_t> sentence_source_;    // [place]: its source
  static constexpr uint32_t kNoSentence = UINT32_MAX;
  std::vector<size_t> posting_start_;
  // Sentence signatures: all its terms, all its names (two or more). In a
  // large archive the words of a copied sentence may each be too common to
  // find it (max_postings); the whole sentence, or its names together, are not.
  // (signature, source, sentence), sorted; at most max_postings + 1 entries
  // per signature (past the cap the list is not read).
  struct Signed {
    uint64_t signature;
    uint32_t source, sentence;
  };
  std::vector<Signed> signatures_;
  // signatures_ by the top bits of the signature (well mixed): the entries
  // of bucket b are [signature_buckets_[b], signature_buckets_[b + 1]).
  std::vector<uint32_t> signature_buckets_;
  int signature_shift_ = 63;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_ALIGNMENT_H_
