// Reported speech ("X said (that) ...", "according to X, ..."), person
// mentions for pronoun resolution, and the resolution of every quote's speaker
// phrase to a person (see engine/quote_extraction.h).
#include <algorithm>

#include "engine/quote_extraction.h"

namespace crosscheck::quote_internal {

void Extraction::FindReported(size_t s) {
  const Sent& st = sents_[s];
  if (st.role != BlockRole::kBody && st.role != BlockRole::kCaption) return;
  const TokenView tv = View(s);
  const size_t n = tv.size();
  size_t end = n;
  while (end > 0 && !is_word(tv, end - 1) && (*tv.tokens)[end - 1].kind != TokenKind::kNumber &&
         !is_mark(tv, end - 1))
    --end;
  auto words_in = [&](size_t a, size_t b) {
    size_t w = 0;
    for (size_t i = a; i < b; ++i) w += (*tv.tokens)[i].kind != TokenKind::kPunct;
    return w;
  };
  auto emit = [&](size_t a, size_t b, const Attr& attr) {
    while (a < b && punct_is(tv, a, ',')) ++a;
    while (b > a && (punct_is(tv, b - 1, ',') || punct_is(tv, b - 1, '-'))) --b;
    if (b <= a || words_in(a, b) < 3) return false;
    // A clause that is itself one direct quote is not reported speech.
    if (is_mark(tv, a) && InQuote((*tv.tokens)[a].span.start) && is_mark(tv, b - 1)) return false;
    Item it;
    it.q.reported = true;
    it.q.span = Span{(*tv.tokens)[a].span.start, (*tv.tokens)[b - 1].span.end};
    it.open_sent = it.close_sent = s;
    it.open_mark = it.q.span.start;
    it.attr = attr;
    items_.push_back(std::move(it));
    return true;
  };
  for (size_t i = 0; i < n; ++i) {
    const bool according = word_is(tv, i, "according") && AccordingAt(tv, i) == 2;
    if (!lower_word(tv, i) && !according) continue;
    const std::string_view w = tv.at(i);
    if (!according && !q_.reported_verbs.has(w)) continue;
    if (InQuote((*tv.tokens)[i].span.start)) continue;
    Attr a;
    if (according) {
      auto sp = phrase_after(q_, p_, tv, i + 2);
      if (!SetAttr(a, sp, s, "according to", q_.conf.explicit_)) continue;
      if (i == 0 || punct_is(tv, i - 1, ',') == false) {
        if (i == 0) {
          size_t c = sp->last;
          while (c < n && !punct_is(tv, c, ',')) ++c;
          if (emit(c + 1, end, a)) return;
        }
        continue;
      }
      if (emit(0, i - 1, a)) return;
      continue;
    }
    const auto sp = phrase_before(q_, p_, tv, i, ClauseFloor(tv, i));
    if (!SetAttr(a, sp, s, std::string(w), q_.conf.explicit_)) continue;
    size_t c = i + 1;
    if (q_.tell_verbs.has(w) && c < n) {
      if (is_word(tv, c) && (q_.hearers.has(tv.at(c)) || (*tv.tokens)[c].capitalized)) {
        const bool det = q_.determiners.has(tv.at(c));
        ++c;
        if (det || (*tv.tokens)[c - 1].capitalized)
          while (c < n && is_word(tv, c) && (*tv.tokens)[c].capitalized) ++c;
      }
    }
    // "in October", "on Monday", "in a statement", "last week".
    if (c + 1 < n && (word_is(tv, c, "in") || word_is(tv, c, "on") || word_is(tv, c, "last") ||
                      word_is(tv, c, "earlier") || word_is(tv, c, "this"))) {
      size_t d = c + 1, steps = 0;
      while (d < n && steps < 3 && is_word(tv, d) && !word_is(tv, d, "that") &&
             ((*tv.tokens)[d].capitalized || q_.determiners.has(tv.at(d)) || tv.at(d) == "week" ||
              tv.at(d) == "month" || tv.at(d) == "year" || tv.at(d) == "statement" ||
              tv.at(d) == "interview")) {
        ++d;
        ++steps;
      }
      if (steps > 0) c = d;
    }
    if (c < n && word_is(tv, c, "that")) ++c;
    size_t c2 = c;
    while (c2 < n && (punct_is(tv, c2, ',') || punct_is(tv, c2, ':'))) ++c2;
    if (c2 < n && is_mark(tv, c2)) return;  // 'X said: "Q"' is a direct quote
    const size_t before = sp->phrase_first;
    const bool comma_before = before > 0 && punct_is(tv, before - 1, ',') && words_in(0, before - 1) >= 3;
    if (comma_before) {
      if (is_mark(tv, 0)) return;  // '"Q," X said' is a direct quote
      if (words_in(c, end) >= 3 ? emit(0, end, a) : emit(0, before - 1, a)) return;
      continue;
    }
    if (emit(c, end, a)) return;
  }
}

void Extraction::CollectMentions() {
  for (size_t s = 0; s < sents_.size(); ++s) {
    const TokenView tv = View(s);
    size_t i = 0;
    while (i < tv.size()) {
      if (!tv.run_words[i] || InQuote((*tv.tokens)[i].span.start)) {  // no run starts here
        ++i;
        continue;
      }
      auto run = name_run_starting_at(p_, tv, i);
      if (!run) {
        ++i;
        continue;
      }
      const std::string name = name_text(tv, *run);
      std::optional<uint32_t> person = reg_.Find(name, run->honorific);
      if (!person && run->first == 0 && !run->organisation && run->last < tv.size() &&
          lower_word(tv, run->last)) {
        // A full name opening a sentence as its subject ("Anna Berg runs the shelter").
        size_t words = 0;
        bool plain = true;
        for (size_t k = run->name_first; k < run->last; ++k) {
          words += is_word(tv, k);
          if (is_word(tv, k)) plain &= is_name_token(p_, tv, k) && !p_.honorifics.has(tv.at(k));
          else plain = false;
        }
        if (plain && words >= 2 && words <= 3 && run->name_first == run->first)
        {
          const Span sp{(*tv.tokens)[run->first].span.start, (*tv.tokens)[run->last - 1].span.end};
          person = reg_.Introduce(name, "", false, Mention{std::string(text_.substr(sp.start, sp.size())), sp});
        }
      }
      if (person) {
        size_t mf = run->name_first;
        if (!run->honorific.empty())
          for (size_t k = run->name_first; k-- > run->first;)
            if (is_word(tv, k) && p_.honorifics.has(tv.at(k))) {
              mf = k;
              break;
            }
        const Span sp{(*tv.tokens)[mf].span.start, (*tv.tokens)[run->last - 1].span.end};
        reg_.AddMention(*person, Mention{std::string(text_.substr(sp.start, sp.size())), sp});
        mentions_[s].emplace_back(sp.start, *person);
      }
      i = std::max<size_t>(run->last, i + 1);
    }
  }
}

std::optional<uint32_t> Extraction::ResolvePronoun(std::string_view pron, size_t s, uint32_t pos,
                                                   double& conf) {
  const bool male = q_.male_pronouns.has(pron), female = q_.female_pronouns.has(pron);
  const bool neuter = q_.neuter_pronouns.has(pron), plural = q_.plural_pronouns.has(pron);
  const auto& people = reg_.people();
  auto compatible = [&](uint32_t p) {
    const Person& x = people[p];
    if (male || female) {
      if (x.organisation) return false;
      if (male && x.gender == Gender::kFemale) return false;
      if (female && x.gender == Gender::kMale) return false;
      return true;
    }
    if (neuter) return x.organisation;
    (void)plural;  // "they" is too often a group never named: left unresolved
    return false;
  };
  for (const auto& [at, p] : mentions_[s])
    if (at < pos && compatible(p)) {
      conf = q_.conf.pronoun_same;
      return p;
    }
  for (size_t back = 1; back <= 6 && back <= s; ++back) {
    const size_t k = s - back;
    for (uint32_t p : speakers_[k])
      if (compatible(p)) {
        conf = back == 1 ? q_.conf.pronoun_previous : q_.conf.pronoun_farther;
        return p;
      }
    for (const auto& [at, p] : mentions_[k])
      if (compatible(p)) {
        conf = back == 1 ? q_.conf.pronoun_previous : q_.conf.pronoun_farther;
        return p;
      }
  }
  return std::nullopt;
}

void Extraction::Resolve(Item& it, size_t idx) {
  (void)idx;
  Quote& q = it.q;
  Attr& a = it.attr;
  if (a.inherit >= 0) {
    const Quote& src = items_[static_cast<size_t>(a.inherit)].q;
    q.speaker = src.speaker;
    q.person = src.person;
    q.speaker_span = src.speaker_span;
    q.speaker_text = src.speaker_text;
    q.cue = src.cue;
    q.resolution = src.speaker ? "nearby_cue" : "none";
    q.confidence = src.speaker ? std::min(src.confidence, a.conf) : 0.0;
    return;
  }
  if (!a.found) return;
  q.speaker_span = a.mention;
  q.speaker_text = std::string(text_.substr(a.mention.start, a.mention.size()));
  q.cue = a.cue;
  switch (a.sp.kind) {
    case Kind::kName: {
      bool short_name = false;
      auto p = reg_.Find(a.sp.name, a.sp.honorific, &short_name);
      if (!p) p = reg_.Introduce(a.sp.name, a.sp.honorific, a.sp.organisation,
                                 Mention{q.speaker_text, a.mention});
      q.person = *p;
      q.speaker = reg_.people()[*p].name;
      q.resolution = a.nearby ? "nearby_cue" : (short_name ? "short_name" : "explicit");
      q.confidence = short_name ? std::min(a.conf, q_.conf.short_name) : a.conf;
      break;
    }
    case Kind::kPronoun: {
      double conf = 0;
      auto p = ResolvePronoun(a.sp.name, a.sent, a.mention.start, conf);
      if (p) {
        q.person = *p;
        q.speaker = reg_.people()[*p].name;
        q.resolution = a.nearby ? "nearby_cue" : "pronoun";
        q.confidence = std::min(a.conf, conf);
        if (q_.male_pronouns.has(a.sp.name)) reg_.SetGender(*p, Gender::kMale);
        if (q_.female_pronouns.has(a.sp.name)) reg_.SetGender(*p, Gender::kFemale);
      } else {
        q.resolution = "none";
        q.confidence = 0;
      }
      break;
    }
    case Kind::kDescriptive:
      q.speaker = a.sp.name;
      if (!q.speaker->empty() && q.speaker->front() >= 'A' && q.speaker->front() <= 'Z' &&
          q_.determiners.has(q.speaker->substr(0, q.speaker->find(' '))))
        q.speaker->front() = static_cast<char>(q.speaker->front() - 'A' + 'a');
      q.resolution = a.nearby ? "nearby_cue" : "explicit";
      q.confidence = std::min(a.conf, q_.conf.descriptive);
      break;
  }
  if (q.person) {
    auto& v = speakers_[a.sent];
    if (std::find(v.begin(), v.end(), *q.person) == v.end()) v.push_back(*q.person);
  }
}

}  // namespace crosscheck::quote_internal
