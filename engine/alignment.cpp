#include "engine/alignment.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <tuple>
#include <unordered_map>

#include "engine/parallel.h"
#include "engine/word_tokens.h"

namespace crosscheck {

namespace {

// Signatures of one sentence (0 = none): its terms, its names (two or more).
std::array<uint64_t, 2> signatures(const TermsView& t) {
  const auto hash = [](std::span<const uint32_t> ids, uint64_t h) {
    for (uint32_t id : ids) {
      h ^= id + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      h *= 0xff51afd7ed558ccdULL;
    }
    return h | 1;  // never 0
  };
  return {t.terms.size() >= 2 ? hash(t.terms, 0x243f6a8885a308d3ULL) : 0,
          t.names.size() >= 2 ? hash(t.names, 0x13198a2e03707344ULL) : 0};
}

// Whether sentence i of src gets terms: story text, within kMaxIndexedSentences.
bool indexed(const SourceView& src, size_t i) {
  return src.sentences[i].role != BlockRole::kChrome && i < kMaxIndexedSentences;
}

}  // namespace

Aligner::Aligner(std::unordered_set<std::string> stopwords, AlignmentOptions options)
    : stopwords_(std::vector<std::string>(stopwords.begin(), stopwords.end())), options_(options) {}


namespace {

constexpr uint32_t kStopword = UINT32_MAX;
constexpr uint32_t kUnmapped = UINT32_MAX;  // a lexicon id without a vocabulary id yet

// The terms of `text` (unsorted, repeated), each folded word's id looked up
// once in `surface`: news repeats its words, and a hit skips the stopword
// test, the stemmer's cache and a second hash. resolve(folded) gives the id
// of a word not met before (kStopword for a stopword).
template <typename Resolve>
SentenceTerms terms_of(std::string_view text, StringIds& surface, Resolve resolve) {
  SentenceTerms t;
  for_each_word(text, [&](std::string folded, bool name) {
    uint32_t id;
    if (auto known = surface.find(folded)) {
      id = *known;
    } else {
      id = resolve(folded);
      surface.insert(folded, id);
    }
    if (id == kStopword) return;
    t.terms.push_back(id);
    if (name) t.names.push_back(id);
  });
  return t;
}

void sort_unique(SentenceTerms& t) {
  for (auto* v : {&t.terms, &t.names}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
}

}  // namespace

// A stem gets its id when it is first met.
SentenceTerms Aligner::TermsOf(std::string_view text) {
  SentenceTerms t = terms_of(text, surface_, [this](const std::string& folded) {
    return stopwords_.has(folded) ? kStopword : stem_ids_.intern(stem(folded));
  });
  sort_unique(t);
  return t;
}

// What one indexing thread knows of words: ids of its own, which the main
// thread maps to the vocabulary's. It is kept from block to block, so a
// thread stems a word once however many blocks it indexes.
struct Aligner::Lexicon {
  StringIds surface;                       // folded word -> local id (kStopword)
  StringIds by_stem;                       // stem -> local id (by_stem.key(id) is the stem)
  std::vector<uint32_t> global;            // [local id]: vocabulary id, kUnmapped until mapped
  std::vector<uint64_t> seen;              // [local id]: the last block that met it
};

// Sources [first, first + count) indexed by one thread with ids of `lex`;
// `order` lists the local ids in the order the block first met them.
struct Aligner::Block {
  size_t first = 0, count = 0;
  uint64_t serial = 0;  // unique among blocks, never 0
  Lexicon* lex = nullptr;
  std::vector<uint32_t> order;
  std::vector<std::vector<SentenceTerms>> sentences;  // [source of the block][sentence]
};

void Aligner::IndexBlock(const std::vector<SourceView>& corpus, Block& b) const {
  Lexicon& lex = *b.lex;
  const auto resolve = [&](const std::string& folded) -> uint32_t {
    if (stopwords_.has(folded)) return kStopword;
    const uint32_t id = lex.by_stem.intern(stem(folded));
    if (id == lex.global.size()) {  // new to this lexicon
      lex.global.push_back(kUnmapped);
      lex.seen.push_back(0);
    }
    return id;
  };
  b.sentences.assign(b.count, {});
  for (size_t k = 0; k < b.count; ++k) {
    const SourceView& src = corpus[b.first + k];
    b.sentences[k].resize(src.sentences.size());
    for (size_t i = 0; i < src.sentences.size(); ++i) {
      if (!indexed(src, i)) continue;
      SentenceTerms& t = b.sentences[k][i];
      t = terms_of(src.slice(src.sentences[i].span), lex.surface, resolve);
      for (uint32_t id : t.terms)
        if (lex.seen[id] != b.serial) {
          lex.seen[id] = b.serial;
          b.order.push_back(id);
        }
    }
  }
}

void SourceTerms::Reserve(size_t sentences, size_t ids) {
  ends_.reserve(2 * sentences);
  ids_.reserve(ids);
}

void SourceTerms::Append(const SentenceTerms& t) {
  ids_.insert(ids_.end(), t.terms.begin(), t.terms.end());
  ends_.push_back(static_cast<uint32_t>(ids_.size()));
  ids_.insert(ids_.end(), t.names.begin(), t.names.end());
  ends_.push_back(static_cast<uint32_t>(ids_.size()));
}

void SourceTerms::Keep(const std::vector<char>& keep) {
  const auto kept = [&](size_t i) { return i < keep.size() && keep[i] != 0; };
  size_t ids = 0;
  for (size_t i = 0; i < size(); ++i)
    if (kept(i)) ids += (*this)[i].terms.size() + (*this)[i].names.size();
  SourceTerms out;
  out.Reserve(size(), ids);  // exact: nothing grows
  for (size_t i = 0; i < size(); ++i) {
    if (kept(i)) {
      const TermsView t = (*this)[i];
      out.ids_.insert(out.ids_.end(), t.terms.begin(), t.terms.end());
      out.ends_.push_back(static_cast<uint32_t>(out.ids_.size()));
      out.ids_.insert(out.ids_.end(), t.names.begin(), t.names.end());
    } else {
      out.ends_.push_back(static_cast<uint32_t>(out.ids_.size()));
    }
    out.ends_.push_back(static_cast<uint32_t>(out.ids_.size()));
  }
  *this = std::move(out);
}

void Aligner::StoreTerms(size_t source, const std::vector<SentenceTerms>& sentences) {
  size_t ids = 0;
  for (const SentenceTerms& t : sentences) ids += t.terms.size() + t.names.size();
  terms_[source].Reserve(sentences.size(), ids);
  for (const SentenceTerms& t : sentences) terms_[source].Append(t);
}

// Blocks of sources are indexed on the threads, each with a lexicon of its
// own; then, on this thread and in corpus order, each block's new stems get
// vocabulary ids in the order the block first met them: the order TermsOf
// would have given them, so ids never depend on `jobs`.
void Aligner::IndexParallel(const std::vector<SourceView>& corpus) {
  constexpr size_t kBlock = 64;
  const auto jobs = static_cast<size_t>(options_.jobs);
  std::vector<Lexicon> lexicons(jobs);
  std::vector<Lexicon*> idle;
  for (Lexicon& l : lexicons) idle.push_back(&l);
  std::mutex idle_mutex;
  std::vector<Block> blocks;
  uint64_t serial = 0;
  for (size_t first = 0; first < corpus.size();) {
    blocks.assign(std::min(4 * jobs, (corpus.size() - first + kBlock - 1) / kBlock), {});
    for (Block& b : blocks) {
      b.first = first;
      b.count = std::min(kBlock, corpus.size() - first);
      b.serial = ++serial;
      first += b.count;
    }
    parallel_for(blocks.size(), options_.jobs, [&](size_t k) {
      Block& b = blocks[k];
      {
        std::lock_guard<std::mutex> lock(idle_mutex);
        b.lex = idle.back();
        idle.pop_back();
      }
      IndexBlock(corpus, b);
      std::lock_guard<std::mutex> lock(idle_mutex);
      idle.push_back(b.lex);
    });
    for (Block& b : blocks) {
      Lexicon& lex = *b.lex;
      for (uint32_t id : b.order)
        if (lex.global[id] == kUnmapped) lex.global[id] = stem_ids_.intern(lex.by_stem.key(id));
    }
    // Every id of the round is mapped: the blocks' terms are rewritten on the
    // threads, which only read the lexicons (1.2 s of a 100k index with two).
    parallel_for(blocks.size(), options_.jobs, [&](size_t i) {
      Block& b = blocks[i];
      const Lexicon& lex = *b.lex;
      for (size_t k = 0; k < b.count; ++k) {
        for (SentenceTerms& t : b.sentences[k]) {
          for (auto* v : {&t.terms, &t.names})
            for (uint32_t& id : *v) id = lex.global[id];
          sort_unique(t);
        }
        StoreTerms(b.first + k, b.sentences[k]);
      }
    });
  }
}

void Aligner::Index(const std::vector<SourceView>& corpus) {
  terms_.assign(corpus.size(), {});
  if (options_.jobs <= 1) {  // each sentence's stems interned at once, while they are in cache
    std::vector<SentenceTerms> one;
    for (size_t s = 0; s < corpus.size(); ++s) {
      const SourceView& src = corpus[s];
      one.assign(src.sentences.size(), {});
      for (size_t i = 0; i < one.size(); ++i)
        if (indexed(src, i)) one[i] = TermsOf(src.slice(src.sentences[i].span));
      StoreTerms(s, one);
    }
  } else {
    IndexParallel(corpus);
  }
  first_sentence_.assign(terms_.size() + 1, 0);
  for (size_t s = 0; s < terms_.size(); ++s) first_sentence_[s + 1] = first_sentence_[s] + terms_[s].size();
  // Postings in one array, each term's in corpus order: counted first, so
  // nothing grows (per-term vectors held a third more than their entries).
  df_.assign(stem_ids_.size(), 0);
  for (const SourceTerms& source : terms_)
    for (size_t i = 0; i < source.size(); ++i)
      for (uint32_t t : source[i].terms) ++df_[t];
  posting_start_.assign(stem_ids_.size() + 1, 0);
  for (size_t t = 0; t < df_.size(); ++t) posting_start_[t + 1] = posting_start_[t] + df_[t];
  // A posting is a sentence's place among all (four bytes, not a source and
  // a sentence in eight: 190 MB less at the peak of a 100k check);
  // sentence_source_ maps it back. Places past 2^32 - 1 get no postings (a
  // corpus that large would need over 60 GB for its sentences alone).
  postings_.resize(posting_start_.back());
  sentence_source_.assign(std::min<size_t>(first_sentence_.back(), kNoSentence), 0);
  {
    std::vector<size_t> next(posting_start_.begin(), posting_start_.end() - 1);
    for (size_t s = 0; s < terms_.size(); ++s)
      for (size_t i = 0; i < terms_[s].size(); ++i) {
        const size_t place = first_sentence_[s] + i;
        if (place >= kNoSentence) {
          for (uint32_t t : terms_[s][i].terms) postings_[next[t]++] = kNoSentence;
          continue;
        }
        sentence_source_[place] = static_cast<uint32_t>(s);
        for (uint32_t t : terms_[s][i].terms) postings_[next[t]++] = static_cast<uint32_t>(place);
      }
  }
  // Signatures: sorted by (signature, source, sentence), which keeps each
  // signature's sentences in corpus order; a list is cut one past the cap.
  // Each source's signatures are computed on the threads, into its own part
  // of signatures_ (sources are in blocks of a fixed size, so the parts do not
  // depend on `jobs`), then sorted on the threads.
  constexpr size_t kSignBlock = 256;
  const size_t sign_blocks = (terms_.size() + kSignBlock - 1) / kSignBlock;
  std::vector<size_t> signed_before(sign_blocks + 1, 0);
  const auto sign_block = [&](size_t b, Signed* out) {
    size_t n = 0;
    for (size_t s = b * kSignBlock; s < std::min(terms_.size(), (b + 1) * kSignBlock); ++s)
      for (size_t i = 0; i < terms_[s].size(); ++i)
        for (uint64_t sig : signatures(terms_[s][i])) {
          if (sig == 0) continue;
          if (out != nullptr) out[n] = {sig, static_cast<uint32_t>(s), static_cast<uint32_t>(i)};
          ++n;
        }
    return n;
  };
  parallel_for(sign_blocks, options_.jobs, [&](size_t b) { signed_before[b + 1] = sign_block(b, nullptr); });
  for (size_t b = 0; b < sign_blocks; ++b) signed_before[b + 1] += signed_before[b];
  signatures_.assign(signed_before.back(), Signed{});
  parallel_for(sign_blocks, options_.jobs, [&](size_t b) { sign_block(b, signatures_.data() + signed_before[b]); });
  parallel_sort(signatures_, options_.jobs, [](const Signed& x, const Signed& y) {
    return std::tie(x.signature, x.source, x.sentence) < std::tie(y.signature, y.source, y.sentence);
  });
  size_t kept = 0, run = 0;
  for (size_t k = 0; k < signatures_.size(); ++k) {
    run = k > 0 && signatures_[k - 1].signature == signatures_[k].signature ? run + 1 : 1;
    if (run <= options_.max_postings + 1) signatures_[kept++] = signatures_[k];
  }
  signatures_.resize(kept);
  signatures_.shrink_to_fit();
  int bits = 1;
  while (bits < 40 && (size_t{1} << bits) < kept) ++bits;
  signature_shift_ = 64 - bits;
  signature_buckets_.assign((size_t{1} << bits) + 1, 0);
  for (const Signed& e : signatures_) ++signature_buckets_[(e.signature >> signature_shift_) + 1];
  for (size_t b = 1; b < signature_buckets_.size(); ++b) signature_buckets_[b] += signature_buckets_[b - 1];
}

double Aligner::dice(std::span<const uint32_t> x, std::span<const uint32_t> y) {
  if (x.empty() || y.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) {
      ++common;
      ++i;
      ++j;
    } else if (x[i] < y[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * double(common) / double(x.size() + y.size());
}

void Aligner::SetCorpusFrequencies(const std::function<uint32_t(const std::string& stem)>& sentences_with) {
  corpus_df_.assign(df_.size(), 0);
  for (size_t t = 0; t < df_.size(); ++t) corpus_df_[t] = sentences_with(std::string(stem_ids_.key(t)));
}

std::vector<std::pair<std::string, uint32_t>> Aligner::CountTerms(const std::vector<char>& sources) const {
  std::vector<uint32_t> n;
  if (sources.empty()) {
    n = df_;
  } else {
    n.assign(df_.size(), 0);
    for (size_t s = 0; s < terms_.size() && s < sources.size(); ++s)
      if (sources[s])
        for (size_t i = 0; i < terms_[s].size(); ++i)
          for (uint32_t t : terms_[s][i].terms) ++n[t];
  }
  std::vector<std::pair<std::string, uint32_t>> out;
  for (size_t t = 0; t < n.size(); ++t)
    if (n[t] > 0) out.emplace_back(stem_ids_.key(t), n[t]);
  return out;
}

void Aligner::ReleaseCandidates() {
  surface_ = StringIds();
  std::vector<uint32_t>().swap(postings_);
  std::vector<uint32_t>().swap(sentence_source_);
  std::vector<size_t>().swap(posting_start_);
  std::vector<Signed>().swap(signatures_);
  std::vector<uint32_t>().swap(signature_buckets_);
}

std::vector<uint32_t> Aligner::SourceTermSet(size_t s) const {
  std::vector<uint32_t> all;
  if (s >= terms_.size()) return all;
  for (size_t i = 0; i < terms_[s].size(); ++i) {
    const auto t = terms_[s][i].terms;
    all.insert(all.end(), t.begin(), t.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

std::vector<Aligner::Holder> Aligner::Holders(size_t s, size_t limit, uint32_t& counted) const {
  counted = 0;
  if (posting_start_.size() != df_.size() + 1 || s >= terms_.size()) return {};  // ReleaseCandidates
  const std::vector<uint32_t> mine = SourceTermSet(s);
  // [source]: (the last term counted, terms counted); a term's postings list
  // a source once per sentence holding it.
  std::unordered_map<uint32_t, std::pair<uint32_t, uint32_t>> held;
  for (uint32_t t : mine) {
    const size_t first = posting_start_[t], last = posting_start_[t + 1];
    if (last - first > options_.max_postings) continue;
    if (t < corpus_df_.size() && corpus_df_[t] > options_.max_postings) continue;
    ++counted;
    for (size_t k = first; k < last; ++k) {
      const uint32_t place = postings_[k];
      if (place == kNoSentence) continue;
      const uint32_t other = sentence_source_[place];
      if (other == s) continue;
      auto& [term, n] = held.try_emplace(other, UINT32_MAX, 0).first->second;
      if (term != t) {
        term = t;
        ++n;
      }
    }
  }
  std::vector<Holder> out;
  out.reserve(held.size());
  for (const auto& [source, h] : held) out.push_back({source, h.second});
  const auto order = [](const Holder& x, const Holder& y) {
    return x.shared != y.shared ? x.shared > y.shared : x.source < y.source;
  };
  if (out.size() > limit) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(limit), out.end(), order);
    out.resize(limit);
  } else {
    std::sort(out.begin(), out.end(), order);
  }
  return out;
}

std::vector<SourcePairAlignment> Aligner::AlignAll() const {
  return AlignTouching(std::vector<char>(terms_.size(), 1), {});
}

std::vector<SourcePairAlignment> Aligner::AlignTouching(const std::vector<char>& todo,
                                                        const std::vector<char>& done) const {
  if (posting_start_.size() != df_.size() + 1) return {};  // ReleaseCandidates
  const auto in = [](const std::vector<char>& set, size_t s) { return s < set.size() && set[s] != 0; };
  std::vector<uint32_t> sources;
  for (size_t s = 0; s < terms_.size(); ++s)
    if (in(todo, s) && !in(done, s)) sources.push_back(static_cast<uint32_t>(s));
  // Every source to do and none done (a whole check): a posting before the
  // source's own sentences is a pair found from its lower side already,
  // known without looking its source up.
  const bool everything = done.empty() && sources.size() == terms_.size();
  // Each pair is found from one side only (below), with all its candidate
  // sentences: a source's pairs are complete once its own sentences are
  // scanned, so they are aligned then, on any thread, and only one source's
  // candidates are held at a time per thread.
  std::vector<std::vector<SourcePairAlignment>> found(sources.size());
  parallel_for(sources.size(), options_.jobs, [&](size_t k) {
    const size_t s = sources[k];
    // candidates[other source] = aligned sentence candidates, oriented (sentence of a, sentence of b).
    std::map<size_t, std::vector<AlignedSentence>> candidates;
    // Shared terms per other sentence: a counter per sentence of the corpus
    // (one array per thread, reset through the list of sentences touched).
    thread_local std::vector<uint32_t> count;
    thread_local std::vector<uint32_t> touched;  // places of sentences
    if (count.size() < sentence_source_.size()) count.assign(sentence_source_.size(), 0);
    const auto counter = [&](uint32_t place) -> uint32_t& {
      uint32_t& n = count[place];
      if (n == 0) touched.push_back(place);
      return n;
    };
    // Each unordered source pair once: from its lower side when both are
    // to do; never when the other side was done before.
    const auto skip = [&](uint32_t os) { return os == s || in(done, os) || (os < s && in(todo, os)); };
    const size_t own_end = first_sentence_[s + 1];  // the places of s and every source before it
    for (size_t i = 0; i < terms_[s].size(); ++i) {
      const TermsView mine = terms_[s][i];
      if (mine.terms.size() < 2) continue;
      touched.clear();
      for (uint32_t t : mine.terms) {
        const auto first = postings_.begin() + static_cast<std::ptrdiff_t>(posting_start_[t]);
        const auto last = postings_.begin() + static_cast<std::ptrdiff_t>(posting_start_[t + 1]);
        if (static_cast<size_t>(last - first) > options_.max_postings) continue;
        if (t < corpus_df_.size() && corpus_df_[t] > options_.max_postings) continue;
        for (auto it = first; it != last; ++it) {
          const uint32_t place = *it;
          if (place == kNoSentence || (everything ? place < own_end : skip(sentence_source_[place]))) continue;
          ++counter(place);
        }
      }
      // The same sentence, or the same names together: a candidate however
      // common its words (in a small corpus the terms found it already).
      for (uint64_t sig : signatures(mine)) {
        if (sig == 0) continue;
        const size_t bucket = sig >> signature_shift_;
        auto first = signatures_.begin() + signature_buckets_[bucket];
        const auto bucket_end = signatures_.begin() + signature_buckets_[bucket + 1];
        while (first != bucket_end && first->signature < sig) ++first;
        auto last = first;
        while (last != signatures_.end() && last->signature == sig) ++last;
        if (first == last || static_cast<size_t>(last - first) > options_.max_postings) continue;
        for (auto it = first; it != last; ++it) {
          const size_t place = first_sentence_[it->source] + it->sentence;
          if (place >= kNoSentence || skip(it->source)) continue;
          uint32_t& n = counter(static_cast<uint32_t>(place));
          n = std::max<uint32_t>(n, 2);
        }
      }
      for (uint32_t place : touched) {
        uint32_t& n = count[place];
        const bool shared = n >= 2;
        n = 0;
        if (!shared) continue;
        const size_t os = sentence_source_[place];
        const uint32_t oi = static_cast<uint32_t>(place - first_sentence_[os]);
        const double sim = dice(mine.terms, terms_[os][oi].terms);
        if (sim < options_.min_similarity) continue;
        if (s < os)
          candidates[os].push_back({.a = static_cast<uint32_t>(i), .b = oi, .similarity = sim});
        else
          candidates[os].push_back({.a = oi, .b = static_cast<uint32_t>(i), .similarity = sim});
      }
    }
    for (auto& [os, cands] : candidates) found[k].push_back(AlignPair(std::min(s, os), std::max(s, os), cands));
  });
  size_t total = 0;
  for (const auto& list : found) total += list.size();
  std::vector<SourcePairAlignment> out;
  out.reserve(total);  // growing it would hold up to three times the pairs at once
  for (auto& list : found) {
    for (auto& p : list) out.push_back(std::move(p));
    std::vector<SourcePairAlignment>().swap(list);
  }
  std::sort(out.begin(), out.end(), [](const SourcePairAlignment& x, const SourcePairAlignment& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

SourcePairAlignment Aligner::AlignPair(size_t a, size_t b, std::vector<AlignedSentence>& cands) const {
  // Greedy one-to-one matching, best similarity first.
  std::sort(cands.begin(), cands.end(), [](const auto& x, const auto& y) {
    if (x.similarity != y.similarity) return x.similarity > y.similarity;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  std::vector<char> used_a(terms_[a].size(), 0), used_b(terms_[b].size(), 0);
  SourcePairAlignment pa;
  pa.a = a;
  pa.b = b;
  for (const auto& c : cands) {
    if (used_a[c.a] || used_b[c.b]) continue;
    used_a[c.a] = used_b[c.b] = 1;
    pa.sentences.push_back(c);
  }
  std::sort(pa.sentences.begin(), pa.sentences.end(), [](const auto& x, const auto& y) { return x.a < y.a; });
  // Fill equal gaps between consecutive monotone anchors.
  std::vector<AlignedSentence> filled;
  for (size_t k = 0; k + 1 < pa.sentences.size(); ++k) {
    const auto& x = pa.sentences[k];
    const auto& y = pa.sentences[k + 1];
    if (y.b <= x.b) continue;
    // Story sentences strictly between the anchors on each side.
    std::vector<uint32_t> ga, gb;
    for (uint32_t i = x.a + 1; i < y.a; ++i)
      if (!terms_[pa.a][i].terms.empty() && !used_a[i]) ga.push_back(i);
    for (uint32_t j = x.b + 1; j < y.b; ++j)
      if (!terms_[pa.b][j].terms.empty() && !used_b[j]) gb.push_back(j);
    if (ga.empty() || ga.size() != gb.size() || ga.size() > 8) continue;
    for (size_t g = 0; g < ga.size(); ++g) {
      const double sim = dice(terms_[pa.a][ga[g]].terms, terms_[pa.b][gb[g]].terms);
      if (sim >= options_.gap_similarity) filled.push_back({.a = ga[g], .b = gb[g], .gap_filled = 1, .similarity = sim});
    }
  }
  pa.sentences.insert(pa.sentences.end(), filled.begin(), filled.end());
  std::sort(pa.sentences.begin(), pa.sentences.end(), [](const auto& x, const auto& y) { return x.a < y.a; });
  for (size_t i = 0; i < terms_[pa.a].size(); ++i) pa.story_a += !terms_[pa.a][i].terms.empty();
  for (size_t j = 0; j < terms_[pa.b].size(); ++j) pa.story_b += !terms_[pa.b][j].terms.empty();
  return pa;
}

}  // namespace crosscheck
