// The comparator: quotes: altered, misattributed, uncorroborated.
#include "engine/compare_context.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "engine/number_words.h"
#include "engine/string_map.h"
#include "engine/word_tokens.h"

namespace crosscheck::compare {

namespace {

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

// The number a phrase writes, whole ("eleventh", "11th", "twenty-one"),
// with its form; nullopt when it is not one number.
std::optional<std::pair<NumberForm, double>> number_of(std::string_view text, const NumberLexicon& lex) {
  if (text.empty()) return std::nullopt;
  const auto m = parse_number_words(text, 0, lex);
  if (!m || m->end != text.size() || m->form == NumberForm::kVague) return std::nullopt;
  return std::make_pair(m->form, m->value);
}

// Two phrases that write the same number in words and in digits ("21" and
// "twenty-one"), alone or as the same part of a hyphenated word
// ("eleventh-hour" and "11 th-hour", as text split into tokens writes it).
bool same_number(const std::string& a, const std::string& b, const NumberLexicon& lex) {
  std::string x, y;  // without spaces
  for (char c : a)
    if (c != ' ') x += c;
  for (char c : b)
    if (c != ' ') y += c;
  if (const auto n = number_of(x, lex); n && n == number_of(y, lex)) return true;
  const auto parts = [](const std::string& w) {
    std::vector<std::string_view> out;
    for (size_t at = 0; at <= w.size();) {
      const size_t dash = std::min(w.find('-', at), w.size());
      out.push_back(std::string_view(w).substr(at, dash - at));
      at = dash + 1;
    }
    return out;
  };
  const auto px = parts(x), py = parts(y);
  if (px.size() < 2 || px.size() != py.size()) return false;
  bool number = false;
  for (size_t i = 0; i < px.size(); ++i) {
    if (px[i] == py[i]) continue;
    const auto n = number_of(px[i], lex);
    if (!n || n != number_of(py[i], lex)) return false;
    number = true;
  }
  return number;
}

// True when some substitution replaces words by other words (not a spelling
// variant of a long word, not digits reformatted, not one number written in
// words and in digits).
bool substitutes_words(const WordDiff& d, const NumberLexicon& lex) {
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
    if (same_number(a, b, lex)) continue;
    const bool digits = std::all_of(a.begin(), a.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ' '; }) &&
                        std::all_of(b.begin(), b.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == ' '; });
    if (!spelling && !digits) return true;
  }
  return false;
}

}  // namespace

void ComparisonRun::CompareQuotes() {
  // Each quote's words as ids (four bytes a word instead of a string).
  std::vector<QuoteRef> quotes;
  StringMap<uint32_t> ids;
  std::vector<const std::string*> vocabulary;  // [id], the keys of `ids`
  for (size_t s = 0; s < corpus_.size(); ++s)
    for (const Claim& c : corpus_[s].claims) {
      if (c.kind != ClaimKind::kQuote) continue;
      QuoteRef r{s, &c, {}};
      for (std::string& w : words_of(corpus_[s].slice(c.span))) {
        auto [it, added] = ids.try_emplace(std::move(w), static_cast<uint32_t>(vocabulary.size()));
        if (added) vocabulary.push_back(&it->first);
        r.words.push_back(it->second);
      }
      quotes.push_back(std::move(r));
    }
  // Content words (not stopwords) of a quote, as ids.
  std::vector<char> stop(vocabulary.size(), 0);
  for (size_t id = 0; id < vocabulary.size(); ++id) stop[id] = cfg_.stopwords.count(*vocabulary[id]) > 0;
  const auto content = [&](const std::vector<uint32_t>& words) {
    std::vector<uint32_t> out;
    for (uint32_t w : words)
      if (!stop[w]) out.push_back(w);
    return out;
  };
  const auto text_of = [&](const std::vector<uint32_t>& words) {
    std::vector<std::string> out;
    out.reserve(words.size());
    for (uint32_t w : words) out.push_back(*vocabulary[w]);
    return out;
  };
  // Candidates: shared word bigrams (whole text for one-word quotes), and
  // quotes in aligned sentences paired by order. A bigram is its two word
  // ids (a lone word: its id and ~0), sorted with its quotes: at 100k
  // articles a hash map of bigram strings took a gigabyte.
  //
  // The bigrams are taken in parts (by a hash of the bigram, so each
  // bigram's quotes are all in one part) of at most kPart: all of them at
  // once took 190 MB at 100k articles. The candidates are sorted below, so
  // the parts do not change them.
  constexpr size_t kPart = size_t{1} << 22;
  size_t bigrams = 0;
  for (const QuoteRef& r : quotes) bigrams += std::max<size_t>(r.words.size(), 2) - 1;
  const uint64_t parts = (bigrams + kPart - 1) / kPart;
  const auto part_of = [parts](uint64_t key) { return parts <= 1 ? 0 : ((key * 0x9E3779B97F4A7C15ULL) >> 32) % parts; };
  std::vector<std::pair<uint64_t, uint32_t>> shingles;
  std::vector<std::pair<uint32_t, uint32_t>> candidates;
  shingles.reserve(parts <= 1 ? bigrams : bigrams / parts + bigrams / parts / 8);  // a part's share, and some
  for (uint64_t part = 0; part < std::max<uint64_t>(parts, 1); ++part) {
    shingles.clear();
    const auto add = [&](uint64_t key, uint32_t q) {
      if (part_of(key) == part) shingles.emplace_back(key, q);
    };
    for (uint32_t q = 0; q < quotes.size(); ++q) {
      const auto& w = quotes[q].words;
      if (w.size() == 1) add((uint64_t{w[0]} << 32) | 0xFFFFFFFFu, q);
      for (size_t i = 0; i + 1 < w.size(); ++i) add((uint64_t{w[i]} << 32) | w[i + 1], q);
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    for (size_t lo = 0, hi = 0; lo < shingles.size(); lo = hi) {
      while (hi < shingles.size() && shingles[hi].first == shingles[lo].first) ++hi;
      if (hi - lo > 64) continue;
      for (size_t i = lo; i < hi; ++i)
        for (size_t j = i + 1; j < hi; ++j) {
          const uint32_t x = shingles[i].second, y = shingles[j].second;
          if (Related(quotes[x].source, quotes[y].source) && Touches(quotes[x].source, quotes[y].source))
            candidates.emplace_back(x, y);
        }
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>>().swap(shingles);
  // Quotes by sentence: (source, sentence, quote), sorted.
  std::vector<std::tuple<size_t, uint32_t, uint32_t>> by_sentence;
  for (uint32_t q = 0; q < quotes.size(); ++q)
    if (quotes[q].claim->sentence) by_sentence.emplace_back(quotes[q].source, *quotes[q].claim->sentence, q);
  std::sort(by_sentence.begin(), by_sentence.end());
  const auto sentence_run = [&](size_t source, uint32_t sentence) {
    const auto lo = std::lower_bound(by_sentence.begin(), by_sentence.end(), std::make_tuple(source, sentence, 0u));
    auto hi = lo;
    while (hi != by_sentence.end() && std::get<0>(*hi) == source && std::get<1>(*hi) == sentence) ++hi;
    return std::make_pair(lo, hi);
  };
  std::vector<std::pair<uint32_t, uint32_t>> aligned_pairs;
  for (size_t lo = 0, hi = 0; lo < by_sentence.size(); lo = hi) {
    const auto [source, sentence, first] = by_sentence[lo];
    while (hi < by_sentence.size() && std::get<0>(by_sentence[hi]) == source && std::get<1>(by_sentence[hi]) == sentence)
      ++hi;
    for (size_t other : partners_[source]) {
      if (other <= source || !Touches(source, other) || !Related(source, other)) continue;
      const auto to = AlignedTo(source, other, sentence);
      if (!to) continue;
      const auto [olo, ohi] = sentence_run(other, *to);
      if (static_cast<size_t>(ohi - olo) != hi - lo) continue;
      for (size_t k = 0; k < hi - lo; ++k) {
        candidates.emplace_back(std::get<2>(by_sentence[lo + k]), std::get<2>(*(olo + k)));
        aligned_pairs.push_back(candidates.back());
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::sort(aligned_pairs.begin(), aligned_pairs.end());
  aligned_pairs.erase(std::unique(aligned_pairs.begin(), aligned_pairs.end()), aligned_pairs.end());
  std::vector<char> matched(quotes.size(), 0);
  // Quotes carrying the same words, grouped (union-find) to count corroboration.
  std::vector<uint32_t> group(quotes.size());
  for (uint32_t q = 0; q < group.size(); ++q) group[q] = q;
  const auto root = [&](uint32_t q) {
    while (group[q] != q) q = group[q] = group[group[q]];
    return q;
  };
  // A source's original (itself if none), and whether it is a spin of it.
  const auto origin = [&](size_t src) {
    const auto it = original_of_.find(src);
    return it == original_of_.end() ? std::make_pair(src, false)
                                    : std::make_pair(it->second.original, it->second.relation == Relation::kSpin);
  };
  std::vector<std::pair<uint32_t, Finding>> pending;
  for (const auto& [x, y] : candidates) {
    const QuoteRef& a = quotes[x];
    const QuoteRef& b = quotes[y];
    const size_t common = common_words(a.words, b.words);  // the edit script only for altered quotes
    const size_t shorter = std::min(a.words.size(), b.words.size());
    const size_t longer = std::max(a.words.size(), b.words.size());
    const bool in_aligned = std::binary_search(aligned_pairs.begin(), aligned_pairs.end(), std::make_pair(x, y));
    const bool same_words = a.words == b.words;
    const double cover = shorter ? double(common) / double(shorter) : 0;
    // Pairing by position says "the same quote" only inside a copy; across
    // independent reports the words themselves must overlap.
    const bool positional = in_aligned && IsCopyPair(a.source, b.source);
    const bool same_quote = same_words || (cover >= cfg_.same_quote_min && common >= 2) || positional;
    if (!same_quote) continue;
    matched[x] = matched[y] = 1;
    const auto sa = str_field(*a.claim, "speaker");
    const auto sb = str_field(*b.claim, "speaker");
    const bool speech = bool_field(*a.claim, "speech", true) || bool_field(*b.claim, "speech", true);
    const double near = longer ? double(common) / double(longer) : 0;
    if (near >= 0.8) group[root(x)] = root(y);
    // Two people's words alike only in their function words ("the money for
    // the wind farm is there", "the money for the terminal expansion is
    // there") are two quotes: the content words must be as close, unless a
    // side is a spin of the other's original, or of the other (a spin's
    // content words are the ones substituted).
    const auto content_near = [&] {
      const auto [oa, spin_a] = origin(a.source);
      const auto [ob, spin_b] = origin(b.source);
      if ((spin_a || spin_b) && oa == ob) return near;
      const auto ca = content(a.words), cb = content(b.words);
      const size_t most = std::max(ca.size(), cb.size());
      return most == 0 ? near : double(common_words(ca, cb)) / double(most);
    };
    if (sa && sb && !SamePerson(a.source, *sa, b.source, *sb) && near >= cfg_.misattribution_min && speech &&
        content_near() >= cfg_.misattribution_min &&
        longer >= 4 && LooksLikeName(*sa) && LooksLikeName(*sb) && !NamedNear(a, *sb) && !NamedNear(b, *sa) &&
        !names_differ(NamesInQuote(a), NamesInQuote(b)) &&
        // Said in two stories: each names what the other's story never does.
        !(NamesWhatOtherLacks(a, *sa, b.source) && NamesWhatOtherLacks(b, *sb, a.source))) {
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
      Seal(f);
      pending.emplace_back(x, std::move(f));
    }
    if (same_words) continue;
    const bool same_speaker = sa && sb && SamePerson(a.source, *sa, b.source, *sb);
    if (sa && sb && !same_speaker) continue;  // two people's words, or a misattribution (above)
    const bool context = in_aligned || same_speaker || SentenceSimilarity(a, b) >= 0.3;
    if (!context) continue;
    const WordDiff diff = word_diff(text_of(a.words), text_of(b.words));
    // Words replaced by other words matter; a partial quote, a spelling
    // variant or reformatted digits are noted at low severity.
    const bool partial = near < 0.6 && !positional;
    const bool serious = substitutes_words(diff, cfg_.pipeline.numbers()) && !partial;
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
    Seal(f);  // compacted now: 48k of them at 100k articles took 200 MB as trees
    pending.emplace_back(x, std::move(f));
  }
  // Corroboration: sources carrying the quote, and independent outlets among
  // them (a copy, spin or rewrite counts with its original, once).
  // Only the groups of a finding are counted.
  std::unordered_map<uint32_t, std::pair<std::set<size_t>, std::set<std::string>>> carriers;
  for (const auto& [q, f] : pending) carriers[root(q)];
  for (uint32_t q = 0; q < quotes.size(); ++q) {
    auto found = carriers.find(root(q));
    if (found == carriers.end()) continue;
    auto& c = found->second;
    const size_t s = quotes[q].source;
    c.first.insert(s);
    const size_t first = origin(s).first;
    c.second.insert(corpus_[first].meta.outlet.value_or(corpus_[first].file));
  }
  for (auto& [q, f] : pending) {
    const auto& c = carriers[root(q)];
    AddDetail(f, "corroboration", {{"sources", c.first.size()}, {"independent_outlets", c.second.size()}});
    Add(std::move(f));
  }
  // Quotes that no other source carries, in a story told by several sources.
  for (uint32_t q = 0; q < quotes.size(); ++q) {
    const QuoteRef& r = quotes[q];
    if (!Focus(r.source) || matched[q] || !bool_field(*r.claim, "speech", false) || !str_field(*r.claim, "speaker"))
      continue;
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
bool ComparisonRun::LooksLikeName(const std::string& name) {
  const auto words = name_tokens(name);
  if (words.size() < 2) return false;
  return std::all_of(words.begin(), words.end(), [](const std::string& w) {
    return !w.empty() && (std::isupper(static_cast<unsigned char>(w[0])) || static_cast<unsigned char>(w[0]) >= 0x80);
  });
}

// True when `name` (or its surname) appears in the sentence holding the quote.
bool ComparisonRun::NamedNear(const QuoteRef& r, const std::string& name) const {
  return r.claim->sentence && SentenceNames(r.source, *r.claim->sentence, name);
}

bool ComparisonRun::SentenceNames(size_t s, uint32_t sentence, const std::string& name) const {
  const std::string text = fold_case(corpus_[s].slice(corpus_[s].sentences[sentence].span));
  const auto words = name_tokens(person_key(name));
  return !words.empty() && text.find(words.back()) != std::string::npos;
}

bool ComparisonRun::NamesWhatOtherLacks(const QuoteRef& r, const std::string& speaker, size_t other) const {
  if (!r.claim->sentence) return false;
  const SourceView& src = corpus_[r.source];
  const Span at = src.sentences[*r.claim->sentence].span;
  const std::string sentence(src.slice(at));  // copies: a compressed text's view may not outlive the next read
  const std::vector<std::string> own = name_tokens(person_key(speaker));
  std::vector<std::string> words;
  const std::vector<Token> toks = tokenize(sentence, at.start);
  for (size_t k = 0; k < toks.size(); ++k) {
    const Token& t = toks[k];
    if (!is_name_word(toks, k)) continue;
    if (t.span.start >= r.claim->span.start && t.span.end <= r.claim->span.end) continue;
    std::string w = sentence.substr(t.span.start - at.start, t.span.size());
    const std::string folded = fold_case(w);
    if (std::find(own.begin(), own.end(), folded) != own.end() ||
        std::find(cfg_.not_names.begin(), cfg_.not_names.end(), folded) != cfg_.not_names.end())
      continue;
    words.push_back(std::move(w));
  }
  if (words.empty()) return false;
  const std::string text(corpus_[other].full_text());
  const auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) != 0; };
  const auto writes = [&](const std::string& w) {
    for (size_t p = text.find(w); p != std::string::npos; p = text.find(w, p + 1))
      if ((p == 0 || !word_char(text[p - 1])) && (p + w.size() == text.size() || !word_char(text[p + w.size()])))
        return true;
    return false;
  };
  return !std::all_of(words.begin(), words.end(), writes);
}

// Capitalised words after the first, folded, sorted and unique: the names a
// quote mentions.
std::vector<std::string> ComparisonRun::NamesInQuote(const QuoteRef& r) const {
  const std::string_view text = corpus_[r.source].slice(r.claim->span);
  std::vector<std::string> out;
  bool first = true;
  for (const Token& t : tokenize(text)) {
    if (t.kind != TokenKind::kWord) continue;
    if (!first && t.capitalized) out.push_back(fold_word(text.substr(t.span.start, t.span.size())));
    first = false;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double ComparisonRun::SentenceSimilarity(const QuoteRef& a, const QuoteRef& b) const {
  if (!a.claim->sentence || !b.claim->sentence) return 0;
  return Aligner::dice(aligner_.terms(a.source, *a.claim->sentence).terms,
                       aligner_.terms(b.source, *b.claim->sentence).terms);
}

Evidence ComparisonRun::QuoteEvidence(const QuoteRef& r) const {
  nlohmann::json fields = {{"quote", std::string(corpus_[r.source].slice(r.claim->span))}};
  for (const char* k : {"speaker", "speaker_text", "resolution", "cue"})
    if (auto v = str_field(*r.claim, k)) fields[k] = *v;
  return MakeEvidence(r.source, *r.claim, std::move(fields));
}

}  // namespace crosscheck::compare
