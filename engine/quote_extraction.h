// The quote extractor's working state for one document (engine/quote_extractor.cpp
// scans quote marks and attributes direct quotes; engine/quote_reported.cpp
// finds reported speech, collects mentions and resolves speakers). Private to
// the quote extractor.
#ifndef CROSSCHECK_ENGINE_QUOTE_EXTRACTION_H_
#define CROSSCHECK_ENGINE_QUOTE_EXTRACTION_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/quote_rules.h"

namespace crosscheck::quote_internal {

using Kind = SpeakerPhrase::Kind;

struct Sent {
  Span span;
  uint32_t paragraph = 0;
  BlockRole role = BlockRole::kBody;
  std::vector<Token> toks;
  std::vector<uint8_t> run_words;  // per token, for TokenView::run_words
  mutable std::vector<RunCacheEntry> runs;  // per token, for TokenView::run_cache
};

// How a quote's speaker was found before resolution.
struct Attr {
  bool found = false;
  SpeakerPhrase sp;
  size_t sent = 0;    // story sentence holding the phrase
  Span mention;       // the phrase's mention span
  std::string cue;
  double conf = 0;
  bool nearby = false;         // a cue in a neighbouring sentence / the other half of a split quote
  int inherit = -1;            // item whose speaker this one takes
};

struct Item {
  Quote q;
  size_t open_sent = 0, close_sent = 0;  // story sentences of the marks
  uint32_t open_mark = 0, close_mark = 0;
  bool has_close = true;
  Attr attr;
};

inline bool word_is(const TokenView& tv, size_t i, std::string_view w) {
  if ((*tv.tokens)[i].kind != TokenKind::kWord) return false;
  const std::string_view x = tv.at(i);
  if (x.size() != w.size()) return false;
  for (size_t k = 0; k < x.size(); ++k) {
    char c = x[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != w[k]) return false;
  }
  return true;
}
inline bool punct_is(const TokenView& tv, size_t i, char c) {
  const Token& t = (*tv.tokens)[i];
  return t.kind == TokenKind::kPunct && t.span.size() == 1 && tv.text[t.span.start] == c;
}
inline bool is_mark(const TokenView& tv, size_t i) { return punct_is(tv, i, '"') || punct_is(tv, i, '\''); }
inline bool is_word(const TokenView& tv, size_t i) { return (*tv.tokens)[i].kind == TokenKind::kWord; }
inline bool lower_word(const TokenView& tv, size_t i) {
  return is_word(tv, i) && !(*tv.tokens)[i].capitalized;
}

class Extraction {
 public:
  Extraction(const QuoteRules& q, const PeopleRules& p, const Document& doc)
      : q_(q), p_(p), doc_(doc), text_(doc.text()), reg_(p) {}

  QuoteClaims Run();

 private:
  void BuildSentences();
  bool MayMatter(Span span) const;
  void TokenizeNeeded();
  void ScanQuotes();
  void FindPeople();
  bool SplitFrom(const Item& prev, const Item& it) const;
  void AttributeQuote(size_t idx);
  void AttributeAfter(Item& it, Attr& a);
  void AttributeBefore(Item& it, Attr& a);
  // The sentence's opening subject for a speech participle at token c of
  // sentence s ("..., saying", "by saying"); sets `a` and says whether it did.
  bool ParticipleSubject(const TokenView& tv, size_t c, size_t s, Attr& a);
  void FindReported(size_t s);
  void CollectMentions();
  void Resolve(Item& it, size_t idx);
  std::optional<uint32_t> ResolvePronoun(std::string_view pron, size_t s, uint32_t pos, double& conf);

  size_t SentAt(uint32_t pos) const;
  // Body text and captions: where quotes have speakers (not titles, headings).
  bool Storied(size_t s) const {
    return sents_[s].role == BlockRole::kBody || sents_[s].role == BlockRole::kCaption;
  }
  bool InQuote(uint32_t pos) const;
  void MarkQuoted();
  TokenView View(size_t s) const {
    return TokenView{text_, &sents_[s].toks, sents_[s].run_words.data(), &sents_[s].runs};
  }
  Span MentionSpan(const TokenView& tv, const SpeakerPhrase& sp) const {
    return Span{(*tv.tokens)[sp.first].span.start, (*tv.tokens)[sp.last - 1].span.end};
  }
  bool SetAttr(Attr& a, const std::optional<SpeakerPhrase>& sp, size_t s, std::string cue, double conf);
  size_t ClauseFloor(const TokenView& tv, size_t i) const;
  // Length in tokens of an "according to" phrase at token i, or 0.
  size_t AccordingAt(const TokenView& tv, size_t i) const {
    for (const auto& words : q_.according) {
      if (i + words.size() > tv.size()) continue;
      bool ok = true;
      for (size_t w = 0; w < words.size() && ok; ++w) ok = word_is(tv, i + w, words[w]);
      if (ok) return words.size();
    }
    return 0;
  }
  std::optional<size_t> SentenceCue(size_t s, size_t end, Attr& a);

  const QuoteRules& q_;
  const PeopleRules& p_;
  const Document& doc_;
  std::string_view text_;
  PersonRegistry reg_;
  std::vector<Sent> sents_;
  std::vector<Item> items_;                 // direct quotes, then reported speech
  std::vector<std::pair<uint32_t, uint32_t>> outer_;  // outer quote [open, close] marks
  std::vector<uint8_t> need_;                          // per sentence: tokenize it
  std::vector<uint8_t> in_quote_;                      // per byte: InQuote
  std::vector<Role> roles_;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> mentions_;  // per sentence: (pos, person)
  std::vector<std::vector<uint32_t>> speakers_;                       // per sentence: persons
  std::vector<int> reported_in_;  // per sentence: its reported-speech item, or -1
};

}  // namespace crosscheck::quote_internal

#endif  // CROSSCHECK_ENGINE_QUOTE_EXTRACTION_H_
