#include "engine/quote_extractor.h"

#include <algorithm>

#include "engine/claim.h"
#include "engine/quote_extraction.h"

namespace crosscheck {

struct QuoteExtractor::Compiled {
  QuoteRules q;
  PeopleRules p;
};

QuoteExtractor::QuoteExtractor(std::unique_ptr<Compiled> c) : c_(std::move(c)) {}
QuoteExtractor::QuoteExtractor(QuoteExtractor&&) noexcept = default;
QuoteExtractor& QuoteExtractor::operator=(QuoteExtractor&&) noexcept = default;
QuoteExtractor::~QuoteExtractor() = default;

Result<QuoteExtractor> QuoteExtractor::Load(const RuleSource& rules) {
  auto q = QuoteRules::Load(rules);
  if (!q.ok()) return q.status();
  auto p = PeopleRules::Load(rules);
  if (!p.ok()) return p.status();
  return QuoteExtractor(
      std::make_unique<Compiled>(Compiled{std::move(q).value(), std::move(p).value()}));
}

namespace quote_internal {

void Extraction::BuildSentences() {
  sents_.reserve(doc_.sentences.size());
  for (const Sentence& s : doc_.sentences) {
    if (!doc_.is_story(s)) continue;
    if (s.paragraph < doc_.paragraphs.size() && doc_.paragraphs[s.paragraph].role == BlockRole::kChrome)
      continue;
    Sent st;
    st.span = s.span;
    st.paragraph = s.paragraph;
    st.role = s.role;
    sents_.push_back(std::move(st));
    need_.push_back(MayMatter(s.span) ? 1 : 0);
  }
  mentions_.resize(sents_.size());
  speakers_.resize(sents_.size());
}

namespace {
bool ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}
// The words of a cue of `len` tokens at c, as written, one space between.
std::string CueText(const TokenView& tv, size_t c, size_t len) {
  std::string out(tv.at(c));
  for (size_t k = c + 1; k < c + len && k < tv.size(); ++k) {
    out += ' ';
    out += tv.at(k);
  }
  return out;
}
}  // namespace

// A byte prefilter, exact in one direction: false only when the sentence has
// no token that can start a name run (a capitalized word other than a listed
// non-name opening the sentence) and no reported-speech cue word, so its
// tokens cannot change the result unless a quote is near (see TokenizeNeeded).
bool Extraction::MayMatter(Span span) const {
  const std::string_view t = text_.substr(span.start, span.size());
  size_t i = 0;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f')) ++i;
  if (i < t.size() && t[i] >= 'A' && t[i] <= 'Z') {
    size_t j = i + 1;
    while (j < t.size() && ascii_letter(static_cast<unsigned char>(t[j]))) ++j;
    if (j < t.size()) {
      const auto c = static_cast<unsigned char>(t[j]);
      if (c == '\'' || c == '-' || c == '.' || c >= 0x80 || (c >= '0' && c <= '9')) return true;
    }
    const std::string_view first = t.substr(i, j - i);
    if (!p_.not_names.has(first) || q_.reported_verbs.has(first) || iequals(first, "according"))
      return true;
    i = j;
  }
  size_t w = std::string_view::npos;
  for (; i <= t.size(); ++i) {
    const auto c = i < t.size() ? static_cast<unsigned char>(t[i]) : static_cast<unsigned char>(' ');
    if ((c >= 'A' && c <= 'Z') || c >= 0x80) return true;
    if (c >= 'a' && c <= 'z') {
      if (w == std::string_view::npos) w = i;
      continue;
    }
    if (w != std::string_view::npos) {
      const std::string_view word = t.substr(w, i - w);
      if (q_.reported_verbs.has(word) || word == "according") return true;
      w = std::string_view::npos;
    }
  }
  return false;
}

// Tokenizes the sentences that may matter and those holding or next to a
// quote's marks (attribution reads the neighbours); the others keep no tokens.
void Extraction::TokenizeNeeded() {
  auto mark = [&](size_t s) {
    if (s < need_.size()) need_[s] = 1;
    if (s > 0) need_[s - 1] = 1;
    if (s + 1 < need_.size()) need_[s + 1] = 1;
  };
  for (const Item& it : items_) {
    mark(it.open_sent);
    mark(it.close_sent);
  }
  for (size_t s = 0; s < sents_.size(); ++s) {
    if (!need_[s]) continue;
    Sent& st = sents_[s];
    st.toks.reserve(st.span.size() / 5 + 4);
    tokenize_append(doc_.slice(st.span), st.span.start, st.toks);
    mark_run_words(p_, TokenView{text_, &st.toks}, st.run_words);
    st.runs.resize(st.toks.size());
  }
}

size_t Extraction::SentAt(uint32_t pos) const {
  auto it = std::upper_bound(sents_.begin(), sents_.end(), pos,
                             [](uint32_t v, const Sent& s) { return v < s.span.start; });
  if (it == sents_.begin()) return 0;
  return static_cast<size_t>(it - sents_.begin()) - 1;
}

bool Extraction::InQuote(uint32_t pos) const { return pos < in_quote_.size() && in_quote_[pos] != 0; }

// Byte flags for InQuote: position p is inside the outer quote with the
// greatest start <= p when p <= its close. Linear in the text.
void Extraction::MarkQuoted() {
  in_quote_.assign(text_.size(), 0);
  for (size_t i = 0; i < outer_.size(); ++i) {
    const uint32_t a = outer_[i].first;
    uint64_t b = static_cast<uint64_t>(outer_[i].second) + 1;
    if (i + 1 < outer_.size()) b = std::min<uint64_t>(b, outer_[i + 1].first);
    b = std::min<uint64_t>(b, in_quote_.size());
    for (uint64_t p = a; p < b; ++p) in_quote_[p] = 1;
  }
}

void Extraction::ScanQuotes() {
  std::optional<uint32_t> pending;  // an outer " left open at the end of the previous paragraph
  uint32_t pending_para_end = 0;
  bool pending_at_start = false;
  auto add = [&](uint32_t open, uint32_t close, bool nested, bool has_close) {
    uint32_t a = open + 1, b = close;
    while (a < b && (text_[a] == ' ' || text_[a] == '\n')) ++a;
    while (b > a && (text_[b - 1] == ' ' || text_[b - 1] == '\n' || text_[b - 1] == ',')) --b;
    if (b <= a) return;
    // '..., "said Ana Silva, his sister. "We ...': a mark set on the wrong
    // side of its space opens the attribution between two quotations. Words
    // that open with a speech verb and a name are not a quotation.
    {
      uint32_t e = a;
      while (e < b && text_[e] >= 'a' && text_[e] <= 'z') ++e;
      if (e > a && e + 1 < b && text_[e] == ' ' && text_[e + 1] >= 'A' && text_[e + 1] <= 'Z' &&
          q_.speech_verbs.has(text_.substr(a, e - a)))
        return;
    }
    Item it;
    it.q.span = Span{a, b};
    it.q.nested = nested;
    it.open_mark = open;
    it.close_mark = close;
    it.has_close = has_close;
    items_.push_back(std::move(it));
  };
  auto flush_pending = [&] {
    if (pending && pending_at_start) add(*pending, pending_para_end, false, false);
    pending.reset();
  };
  items_.reserve(text_.size() / 256 + 16);
  for (size_t pi = 0; pi < doc_.paragraphs.size(); ++pi) {
    const Paragraph& para = doc_.paragraphs[pi];
    if (para.role == BlockRole::kChrome || para.role == BlockRole::kByline) {
      flush_pending();
      continue;
    }
    const std::string_view body = doc_.slice(para.span);
    auto marks = pair_quote_marks(body, para.span.start);
    bool continued = false;
    if (pending) {
      // News style: a quote running on opens each new paragraph with a mark.
      if (!marks.empty() && marks.front().open == para.span.start && body[0] == '"') {
        continued = true;
      } else {
        flush_pending();
      }
    }
    for (size_t k = 0; k < marks.size(); ++k) {
      const QuoteMarks& m = marks[k];
      if (continued && k == 0) {
        if (m.closed) {
          add(*pending, m.close, false, true);
          pending.reset();
        }  // else: still open, keep the first opener pending
        continue;
      }
      if (!m.closed) {
        if (!continued || !pending) {
          pending = m.open;
          pending_at_start = m.open == para.span.start;
        }
        continue;
      }
      add(m.open, m.close, m.nested, true);
    }
    if (pending) pending_para_end = para.span.end;
  }
  flush_pending();
  const auto by_open = [](const Item& a, const Item& b) { return a.open_mark < b.open_mark; };
  if (!std::is_sorted(items_.begin(), items_.end(), by_open)) std::sort(items_.begin(), items_.end(), by_open);
  for (const Item& it : items_)
    if (!it.q.nested) outer_.emplace_back(it.open_mark, it.has_close ? it.close_mark : it.q.span.end);
  std::sort(outer_.begin(), outer_.end());
  MarkQuoted();
}

void Extraction::FindPeople() {
  for (size_t s = 0; s < sents_.size(); ++s) {
    const Sent& st = sents_[s];
    if (st.role == BlockRole::kByline) {
      find_byline_roles(p_, text_, st.span, reg_, roles_);
      continue;
    }
    const TokenView tv = View(s);
    find_roles(p_, tv, reg_, roles_);
  }
}

bool Extraction::SetAttr(Attr& a, const std::optional<SpeakerPhrase>& sp, size_t s, std::string cue,
                         double conf) {
  if (!sp) return false;
  const TokenView tv = View(s);
  const Span m = MentionSpan(tv, *sp);
  if (InQuote(m.start)) return false;
  a.found = true;
  a.sp = *sp;
  a.sent = s;
  a.mention = m;
  a.cue = std::move(cue);
  a.conf = conf;
  return true;
}

// The first token of the clause holding token i: after the last quote mark,
// quoted token, or sentence-internal punctuation other than a comma.
size_t Extraction::ClauseFloor(const TokenView& tv, size_t i) const {
  size_t f = i;
  while (f > 0) {
    const size_t k = f - 1;
    if (punct_is(tv, k, ')')) {
      // A short parenthesis inside the clause: 'Rep. Jane Roe (D-Ore.) said'.
      const auto o = short_parenthesis_open(tv, k, 0);
      if (!o) break;
      f = *o;
      continue;
    }
    if (is_mark(tv, k) || InQuote((*tv.tokens)[k].span.start) || punct_is(tv, k, ';') ||
        punct_is(tv, k, ':') || punct_is(tv, k, '('))
      break;
    f = k;
  }
  return f;
}

// The first cue of sentence s before token `end` that has a speaker phrase
// before it: a speech verb, a naming verb, or a subject cue pattern.
std::optional<size_t> Extraction::SentenceCue(size_t s, size_t end, Attr& a) {
  const TokenView tv = View(s);
  for (size_t i = 0; i < end && i < tv.size(); ++i) {
    if (!lower_word(tv, i) || InQuote((*tv.tokens)[i].span.start)) continue;
    const std::string_view w = tv.at(i);
    if (!q_.speech_verbs.has(w) && !q_.naming_verbs.has(w) && !q_.reported_verbs.has(w)) continue;
    if (SetAttr(a, phrase_before(q_, p_, tv, i, ClauseFloor(tv, i)), s, std::string(w), q_.conf.sentence))
      return i;
  }
  if (end == 0 || end > tv.size()) return std::nullopt;
  const uint32_t from = sents_[s].span.start;
  const uint32_t to = (*tv.tokens)[end - 1].span.end;
  const std::string_view prefix = text_.substr(from, to - from);
  for (const auto& re : q_.subject_cues) {
    re2::StringPiece m;
    if (!re->Match(re2::StringPiece(prefix.data(), prefix.size()), 0, prefix.size(), RE2::UNANCHORED,
                   &m, 1))
      continue;
    if (m.data() == nullptr) continue;
    const uint32_t at = from + static_cast<uint32_t>(m.data() - prefix.data());
    for (size_t i = 0; i < end; ++i)
      if ((*tv.tokens)[i].span.start == at) {
        if (SetAttr(a, phrase_before(q_, p_, tv, i, ClauseFloor(tv, i)), s, std::string(m.data(), m.size()),
                    q_.conf.sentence))
          return i;
        break;
      }
  }
  return std::nullopt;
}

// '"Q1," said X, an analyst at Y, "Q2."': the second half of a quotation
// split by its own attribution. `prev`'s speaker phrase stands between the
// two, in one sentence, with only its apposition after it (no other cue).
bool Extraction::SplitFrom(const Item& prev, const Item& it) const {
  const Attr& a = prev.attr;
  if (!a.found || a.nearby || !prev.has_close || prev.close_sent != it.open_sent || a.sent != it.open_sent)
    return false;
  if (a.mention.start < prev.close_mark || a.mention.end > it.open_mark) return false;
  const TokenView tv = View(it.open_sent);
  size_t between = 0;
  for (size_t k = 0; k < tv.size(); ++k) {
    const Token& t = (*tv.tokens)[k];
    if (t.span.start < a.mention.end) continue;
    if (t.span.start >= it.open_mark) break;
    if (++between > 12 || is_mark(tv, k) || punct_is(tv, k, '.') || punct_is(tv, k, ';') ||
        (lower_word(tv, k) && (q_.speech_verbs.has(tv.at(k)) || q_.reported_verbs.has(tv.at(k)))))
      return false;
  }
  // A comma goes on with the quotation; a colon opens another ('... in a
  // post on Twitter: "Q2"').
  size_t e = 0;
  while (e < tv.size() && (*tv.tokens)[e].span.end <= it.open_mark) ++e;
  return e > 0 && punct_is(tv, e - 1, ',');
}

void Extraction::AttributeQuote(size_t idx) {
  Item& it = items_[idx];
  Attr& a = it.attr;
  {
    // 'X said: "Q"' right before the mark wins over a cue after the quote,
    // which may belong to the next quote ('X said "Q1." He added "Q2."').
    const size_t s = it.open_sent;
    const TokenView tv = View(s);
    size_t e = 0;
    while (e < tv.size() && (*tv.tokens)[e].span.end <= it.open_mark) ++e;
    size_t j = e;
    while (j > 0 && (punct_is(tv, j - 1, ',') || punct_is(tv, j - 1, ':'))) --j;
    // The cue ends at j: one word ("said") or two ("fired back").
    size_t c = j, len = 0;
    if (j >= 2 && lower_word(tv, j - 2) && q_.speech_cue_at(tv, j - 2) == 2) c = j - 2, len = 2;
    else if (j >= 1 && lower_word(tv, j - 1) && q_.speech_cue_at(tv, j - 1) == 1) c = j - 1, len = 1;
    if (len > 0 && j + 2 >= e && !InQuote((*tv.tokens)[c].span.start) &&
        (SetAttr(a, phrase_before(q_, p_, tv, c, ClauseFloor(tv, c)), s, CueText(tv, c, len), q_.conf.explicit_) ||
         ParticipleSubject(tv, c, s, a))) {
      if (a.sp.kind != Kind::kPronoun) return;
      // 'he said, "Q," said Usami': a name after the quote beats a pronoun before it.
      const Attr pre = a;
      a = Attr{};
      AttributeAfter(it, a);
      if (!a.found || a.sp.kind != Kind::kName) a = pre;
      return;
    }
  }
  AttributeAfter(it, a);
  if (a.found) return;
  AttributeBefore(it, a);
}

bool Extraction::ParticipleSubject(const TokenView& tv, size_t c, size_t s, Attr& a) {
  // '..., saying, "Q"', '..., telling reporters, "Q"', '... by saying "Q"': a
  // participle after a comma or a listed word gives the quote to the subject
  // the sentence opens with.
  if (!tv.at(c).ends_with("ing") || c < 2 ||
      !(punct_is(tv, c - 1, ',') || (lower_word(tv, c - 1) && q_.participle_after.has(tv.at(c - 1)))))
    return false;
  const auto sp = subject_at(q_, p_, tv, 0);
  return sp && sp->last < c - 1 && lower_word(tv, sp->last) && SetAttr(a, sp, s, std::string(tv.at(c)), q_.conf.sentence);
}

void Extraction::AttributeAfter(Item& it, Attr& a) {
  // --- after the closing mark: '"Q," X said', '"Q," said X', '"Q" - X'.
  if (it.has_close) {
    size_t s = it.close_sent;
    TokenView tv = View(s);
    size_t k = 0;
    while (k < tv.size() && (*tv.tokens)[k].span.start <= it.close_mark) ++k;
    while (k < tv.size() && (punct_is(tv, k, ',') || punct_is(tv, k, ';'))) ++k;
    if (k >= tv.size() || (k + 1 == tv.size() && !is_word(tv, k))) {
      // The attribution may have been cut into the next sentence.
      if (s + 1 < sents_.size() && sents_[s + 1].paragraph == sents_[s].paragraph) {
        s = s + 1;
        tv = View(s);
        k = 0;
      }
    }
    if (k < tv.size()) {
      const std::string_view w = tv.at(k);
      if (punct_is(tv, k, '-')) {
        auto run = name_run_starting_at(p_, tv, k + 1);
        if (run && (run->last >= tv.size() || punct_is(tv, run->last, ',') ||
                    (run->last + 1 == tv.size() && !is_word(tv, run->last)))) {
          SpeakerPhrase sp;
          sp.kind = Kind::kName;
          sp.first = run->name_first;
          sp.last = run->last;
          sp.phrase_first = k + 1;
          sp.name = name_text(tv, *run);
          sp.honorific = run->honorific;
          sp.organisation = run->organisation;
          SetAttr(a, sp, s, "-", q_.conf.explicit_);
        }
      } else if (size_t len = AccordingAt(tv, k)) {
        SetAttr(a, phrase_after(q_, p_, tv, k + len), s, "according to", q_.conf.explicit_);
      } else if (lower_word(tv, k) && q_.speech_verbs.has(w) && !q_.tell_verbs.has(w)) {
        SetAttr(a, phrase_after(q_, p_, tv, k + 1), s, std::string(w), q_.conf.explicit_);
      }
      if (!a.found) {
        for (size_t c = k; c < tv.size() && c < k + 16; ++c) {
          // Words, an age or a parenthesis between the quote and its cue:
          // '"Q," Jim Bennett, 57, told a voter', '"Q," Rep. Jane Roe (D-Ore.) said'.
          const bool number = (*tv.tokens)[c].kind == TokenKind::kNumber;
          if (is_mark(tv, c) || (!is_word(tv, c) && !number && !punct_is(tv, c, '.') && !punct_is(tv, c, ',') &&
                                 !punct_is(tv, c, '(') && !punct_is(tv, c, ')')))
            break;
          const size_t cue_len = lower_word(tv, c) ? q_.speech_cue_at(tv, c) : 0;
          if (cue_len == 0) continue;
          auto sp = phrase_before(q_, p_, tv, c, k);
          bool tight = sp && sp->phrase_first == k;
          if (sp && !tight && sp->phrase_first <= k + 4 && is_word(tv, k) &&
              (q_.determiners.has(tv.at(k)) || q_.source_nouns.has(tv.at(k)) || p_.title_words.has(tv.at(k)))) {
            tight = true;  // "a spokesman for the ministry said"
            for (size_t x = k; x < sp->phrase_first; ++x) tight &= is_word(tv, x);
          }
          if (tight) SetAttr(a, sp, s, CueText(tv, c, cue_len), q_.conf.explicit_);
          break;
        }
      }
      if (!a.found) {
        // Structure alone: '"Q," NAME verbed [me].' with an unlisted verb.
        std::optional<SpeakerPhrase> sp = phrase_after(q_, p_, tv, k);
        if (sp && sp->kind == Kind::kDescriptive) sp.reset();
        const size_t after = sp ? sp->last : k;
        if (sp && after < tv.size() && lower_word(tv, after)) {
          const std::string_view v = tv.at(after);
          const bool verb_form = v.size() > 3 && (v.ends_with("ed") || v.ends_with("s"));
          const size_t n = after + 1;
          const bool ends = n >= tv.size() || !is_word(tv, n) || q_.hearers.has(tv.at(n));
          if (verb_form && ends) SetAttr(a, sp, s, std::string(v), q_.conf.structural);
        }
      }
    }
  }
}

void Extraction::AttributeBefore(Item& it, Attr& a) {
  // --- before the opening mark: 'X said: "Q"', 'X told Bloomberg "Q"', 'according to X, "Q"'.
  {
    const size_t s = it.open_sent;
    const TokenView tv = View(s);
    size_t e = 0;
    while (e < tv.size() && (*tv.tokens)[e].span.end <= it.open_mark) ++e;
    size_t j = e;
    while (j > 0 && (punct_is(tv, j - 1, ',') || punct_is(tv, j - 1, ':'))) --j;
    for (size_t c = j; c-- > 0 && c + 7 > j;) {
      if (!is_word(tv, c)) break;
      if (InQuote((*tv.tokens)[c].span.start)) break;
      if (const size_t cue_len = lower_word(tv, c) ? q_.speech_cue_at(tv, c) : 0; cue_len > 0) {
        if (SetAttr(a, phrase_before(q_, p_, tv, c, ClauseFloor(tv, c)), s, CueText(tv, c, cue_len),
                    q_.conf.explicit_) ||
            ParticipleSubject(tv, c, s, a))
          return;
        break;
      }
    }
    for (size_t c = 0; c + 2 < j; ++c) {
      if (word_is(tv, c, "according") && word_is(tv, c + 1, "to") && !InQuote((*tv.tokens)[c].span.start)) {
        auto sp = phrase_after(q_, p_, tv, c + 2);
        if (sp && sp->last + 1 >= j && SetAttr(a, sp, s, "according to", q_.conf.explicit_)) return;
      }
    }
    // A cue earlier in the sentence: 'X told Bloomberg his company relied "a lot" on',
    // 'Ready calls the so-called "DeepSeek moment" a breakthrough'.
    if (SentenceCue(s, e, a)) return;
    // A full name opening the sentence, maybe with an apposition, then a colon
    // and the quote: 'Jane Doe, an analyst at Omdia: "Q"' (round-ups, transcripts).
    if (e > 1 && punct_is(tv, e - 1, ':')) {
      const auto run = name_run_starting_at(p_, tv, 0);
      if (run && run->first == 0 && !run->organisation) {
        size_t words = 0;
        for (size_t k = run->name_first; k < run->last; ++k) words += is_word(tv, k);
        const size_t colon = e - 1, after = run->last;
        bool ok = words >= 2 && (after == colon || (after < colon && punct_is(tv, after, ',') &&
                                                    colon - after <= 12));
        for (size_t k = after; ok && k < colon; ++k)
          ok = !is_mark(tv, k) && !InQuote((*tv.tokens)[k].span.start) &&
               !(lower_word(tv, k) && (q_.speech_verbs.has(tv.at(k)) || q_.reported_verbs.has(tv.at(k))));
        if (ok) {
          SpeakerPhrase sp;
          sp.kind = Kind::kName;
          sp.first = run->name_first;
          sp.last = run->last;
          sp.phrase_first = 0;
          sp.name = name_text(tv, *run);
          sp.honorific = run->honorific;
          sp.organisation = run->organisation;
          SetAttr(a, sp, s, ":", q_.conf.structural);
        }
      }
    }
  }
}

QuoteClaims Extraction::Run() {
  BuildSentences();
  if (sents_.empty()) return {};
  ScanQuotes();
  for (Item& it : items_) {
    it.open_sent = SentAt(it.open_mark);
    it.close_sent = it.has_close ? SentAt(it.close_mark) : SentAt(it.q.span.end - 1);
  }
  TokenizeNeeded();
  FindPeople();
  const size_t direct = items_.size();
  for (size_t i = 0; i < direct; ++i)
    if (!items_[i].q.nested && Storied(items_[i].open_sent)) AttributeQuote(i);
  for (size_t s = 0; s < sents_.size(); ++s) {
    const TokenView tv = View(s);
    bool cue = false;
    for (size_t i = 0; i < tv.size() && !cue; ++i)
      cue = (lower_word(tv, i) && q_.reported_verbs.has(tv.at(i))) || word_is(tv, i, "according");
    if (cue) FindReported(s);
  }
  // Named speakers join the registry in text order, before mentions are read.
  std::vector<size_t> order(items_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return items_[x].q.span.start < items_[y].q.span.start;
  });
  for (size_t i : order) {
    const Attr& a = items_[i].attr;
    if (!a.found || a.sp.kind != Kind::kName) continue;
    reg_.Introduce(a.sp.name, a.sp.honorific, a.sp.organisation,
                   Mention{std::string(text_.substr(a.mention.start, a.mention.size())), a.mention});
  }
  reported_in_.assign(sents_.size(), -1);
  for (size_t r = direct; r < items_.size(); ++r) reported_in_[items_[r].open_sent] = static_cast<int>(r);
  CollectMentions();
  // Resolve in text order; split and continued quotes take their neighbour's speaker.
  int last_direct = -1;
  for (size_t i : order) {
    Item& it = items_[i];
    if (!it.q.reported && !it.q.nested && !it.attr.found && Storied(it.open_sent)) {
      const TokenView tv = View(it.open_sent);
      bool at_start = true;
      for (size_t k = 0; k < tv.size() && (*tv.tokens)[k].span.start < it.open_mark; ++k)
        if (is_word(tv, k) || (*tv.tokens)[k].kind == TokenKind::kNumber) at_start = false;
      if (!at_start && last_direct >= 0 && SplitFrom(items_[static_cast<size_t>(last_direct)], it)) {
        it.attr.inherit = last_direct;
        it.attr.conf = q_.conf.continuation;
      }
      if (at_start && last_direct >= 0) {
        const Item& prev = items_[static_cast<size_t>(last_direct)];
        const uint32_t pa = sents_[prev.close_sent].paragraph, pb = sents_[it.open_sent].paragraph;
        if (prev.q.speaker && it.open_sent <= prev.close_sent + 2 && pb <= pa + 1 &&
            Storied(prev.open_sent)) {
          it.attr.inherit = last_direct;
          it.attr.conf = q_.conf.continuation;
        }
      }
      if (it.attr.inherit < 0 && at_start && it.open_sent > 0) {
        // A cue in the previous sentence: 'Boudier put it this way:' / reported speech.
        const size_t ps = it.open_sent - 1;
        const TokenView pv = View(ps);
        const bool colon = pv.size() > 0 && punct_is(pv, pv.size() - 1, ':');
        Attr a;
        if (colon && SentenceCue(ps, pv.size(), a)) {
          a.nearby = true;
          a.conf = q_.conf.nearby;
          it.attr = a;
        } else {
          const int r = reported_in_[ps];
          if (r >= 0 && items_[static_cast<size_t>(r)].q.speaker &&
              items_[static_cast<size_t>(r)].attr.sp.kind != Kind::kDescriptive) {
            it.attr.inherit = r;
            it.attr.conf = q_.conf.nearby;
          }
        }
      }
    }
    Resolve(it, i);
    if (!it.q.reported && !it.q.nested) last_direct = static_cast<int>(i);
  }
  // Speech or a quoted phrase.
  for (size_t i = 0; i < direct; ++i) {
    Item& it = items_[i];
    Quote& q = it.q;
    const bool attributed = it.attr.found || it.attr.inherit >= 0;
    if (attributed && !q.nested) {
      q.speech = true;
      continue;
    }
    q.speech = false;
    if (q.nested) continue;
    const TokenView tv = View(it.open_sent);
    size_t e = 0;
    while (e < tv.size() && (*tv.tokens)[e].span.end <= it.open_mark) ++e;
    if (e > 0 && is_word(tv, e - 1) && q_.title_markers.has(tv.at(e - 1))) continue;
    const std::string_view body = text_.substr(q.span.start, q.span.size());
    size_t words = 0;
    bool in_word = false;
    for (char c : body) {
      const bool sp = c == ' ' || c == '\n';
      if (!sp && !in_word) ++words;
      in_word = !sp;
    }
    q.speech = words >= q_.min_unattributed_words;
  }
  QuoteClaims out;
  out.roles = std::move(roles_);
  std::sort(out.roles.begin(), out.roles.end(),
            [](const Role& a, const Role& b) { return a.span.start < b.span.start; });
  for (Role& r : out.roles) r.person_name = reg_.people()[r.person].name;
  for (size_t i : order) out.quotes.push_back(std::move(items_[i].q));
  out.people = reg_.Release();
  return out;
}

}  // namespace quote_internal

QuoteClaims QuoteExtractor::Extract(const Document& doc) const {
  quote_internal::Extraction e(c_->q, c_->p, doc);
  return e.Run();
}

void append_quote_fields(const Quote& q, std::string& out) {
  const std::optional<Span>& at = q.speaker_span;
  JsonObjectWriter(out)  // keys in ascending order
      .add("confidence", q.confidence)
      .add("cue", q.cue.empty() ? std::nullopt : std::optional<std::string_view>(q.cue))
      .add("resolution", q.resolution)
      .add("speaker", q.speaker)
      .add("speaker_end", at ? std::optional<uint32_t>(at->end) : std::nullopt)
      .add("speaker_start", at ? std::optional<uint32_t>(at->start) : std::nullopt)
      .add("speaker_text", at ? std::optional<std::string_view>(q.speaker_text) : std::nullopt)
      .add("speech", q.speech)
      .Done();
}

void append_role_fields(const Role& r, const QuoteClaims& all, std::string& out) {
  JsonObjectWriter(out)  // keys in ascending order
      .add("organisation", r.organisation)
      .add("person", r.person < all.people.size() ? all.people[r.person].name : r.person_name)
      .add("role_class", r.role_class)
      .add("title", r.title)
      .Done();
}

nlohmann::json person_json(const Person& p) {
  nlohmann::json j = nlohmann::json::object();
  j["name"] = p.name;
  j["organisation"] = p.organisation;
  nlohmann::json aliases = nlohmann::json::array();
  for (const Mention& m : p.mentions)
    aliases.push_back({{"text", m.text}, {"start", m.span.start}, {"end", m.span.end}});
  j["aliases"] = aliases;
  return j;
}

}  // namespace crosscheck
