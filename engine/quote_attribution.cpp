// Loading rules/quotes.toml and parsing speaker phrases next to cue words.
#include <toml++/toml.h>

#include <algorithm>
#include <cstring>

#include "engine/quote_rules.h"

namespace crosscheck {

namespace {

Status load_set(const RuleFile& f, std::string_view path, WordSet& out) {
  auto v = f.strings(path);
  if (!v.ok()) return v.status();
  out = WordSet(std::move(v).value());
  return Status::Ok();
}

Status load_conf(const RuleFile& f, std::string_view key, double& out) {
  const toml::node* n = f.find("confidence." + std::string(key));
  if (n == nullptr) return Status::Ok();
  const auto v = n->value<double>();
  if (!v || *v < 0 || *v > 1) return f.error_at(*n, "confidence must be a number from 0 to 1");
  out = *v;
  return Status::Ok();
}

bool is_word(const TokenView& tv, size_t i) { return (*tv.tokens)[i].kind == TokenKind::kWord; }
bool is_cap(const TokenView& tv, size_t i) {
  const Token& t = (*tv.tokens)[i];
  return t.kind == TokenKind::kWord && t.capitalized;
}
bool is_possessive(std::string_view w) {
  return w.size() > 2 && w[w.size() - 2] == '\'' && (w.back() == 's' || w.back() == 'S');
}
std::string text_of(const TokenView& tv, size_t a, size_t b) {
  const uint32_t s = (*tv.tokens)[a].span.start, e = (*tv.tokens)[b - 1].span.end;
  return std::string(tv.text.substr(s, e - s));
}

// The words before a name that belong to its phrase: titles, modifiers,
// capitalized words, possessives, a determiner ("the firm's boss Bill Ready").
size_t extend_premodifiers(const QuoteRules& q, const PeopleRules& p, const TokenView& tv,
                           size_t first, size_t floor) {
  size_t k = first;
  while (k > floor) {
    const size_t j = k - 1;
    if (!is_word(tv, j)) break;
    const std::string_view w = tv.at(j);
    if (q.determiners.has(w)) {
      k = j;
      break;
    }
    if (p.title_words.has(w) || p.title_modifiers.has(w) || is_possessive(w) ||
        (is_cap(tv, j) && !p.not_names.has(w))) {
      k = j;
      continue;
    }
    break;
  }
  return k;
}

SpeakerPhrase name_phrase(const PeopleRules& p, const TokenView& tv, const NameRun& run) {
  SpeakerPhrase sp;
  sp.kind = SpeakerPhrase::Kind::kName;
  sp.first = run.name_first;
  sp.last = run.last;
  sp.phrase_first = run.first;
  sp.name = name_text(tv, run);
  sp.honorific = run.honorific;
  sp.organisation = run.organisation;
  if (!run.honorific.empty()) {
    for (size_t k = run.name_first; k-- > run.first;)
      if (is_word(tv, k) && p.honorifics.has(tv.at(k))) {
        sp.first = k;
        break;
      }
  }
  return sp;
}

}  // namespace

size_t QuoteRules::speech_cue_at(const TokenView& tv, size_t c) const {
  const std::string_view w = tv.at(c);
  if (speech_verbs.has(w)) return 1;
  if (c + 1 >= tv.size() || !phrasal_first.has(w)) return 0;
  const std::string_view next = tv.at(c + 1);
  char buf[64];
  if (w.size() + 1 + next.size() > sizeof buf) return 0;
  std::memcpy(buf, w.data(), w.size());
  buf[w.size()] = ' ';
  std::memcpy(buf + w.size() + 1, next.data(), next.size());
  return phrasal.has(std::string_view(buf, w.size() + 1 + next.size())) ? 2 : 0;
}

Result<QuoteRules> QuoteRules::Load(const RuleSource& rules) {
  auto file = rules.Open("quotes.toml");
  if (!file.ok()) return file.status();
  const RuleFile& f = file.value();
  QuoteRules q;
  CC_RETURN_IF_ERROR(load_set(f, "cues.speech_verbs", q.speech_verbs));
  CC_RETURN_IF_ERROR(load_set(f, "cues.reported_verbs", q.reported_verbs));
  {
    auto v = f.strings("cues.phrasal_speech_verbs");
    if (!v.ok()) return v.status();
    std::vector<std::string> firsts;
    for (const std::string& phrase : *v) {
      const size_t sp = phrase.find(' ');
      if (sp == std::string::npos || sp == 0 || sp + 1 >= phrase.size() || phrase.find(' ', sp + 1) != std::string::npos)
        return f.error("cues.phrasal_speech_verbs: '" + phrase + "' is not two words joined by one space");
      firsts.push_back(phrase.substr(0, sp));
    }
    q.phrasal_first = WordSet(std::move(firsts));
    q.phrasal = WordSet(std::move(v).value());
  }
  CC_RETURN_IF_ERROR(load_set(f, "cues.tell_verbs", q.tell_verbs));
  CC_RETURN_IF_ERROR(load_set(f, "cues.participle_after", q.participle_after));
  CC_RETURN_IF_ERROR(load_set(f, "cues.hearers", q.hearers));
  CC_RETURN_IF_ERROR(load_set(f, "cues.naming_verbs", q.naming_verbs));
  CC_RETURN_IF_ERROR(load_set(f, "cues.adverbs", q.adverbs));
  CC_RETURN_IF_ERROR(load_set(f, "cues.passive_auxiliaries", q.passive));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.male_pronouns", q.male_pronouns));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.female_pronouns", q.female_pronouns));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.plural_pronouns", q.plural_pronouns));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.neuter_pronouns", q.neuter_pronouns));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.first_person_pronouns", q.first_person_pronouns));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.determiners", q.determiners));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.source_nouns", q.source_nouns));
  CC_RETURN_IF_ERROR(load_set(f, "speakers.phrase_breakers", q.phrase_breakers));
  CC_RETURN_IF_ERROR(load_set(f, "phrases.title_markers", q.title_markers));
  auto acc = f.strings("cues.according_phrases");
  if (!acc.ok()) return acc.status();
  for (const std::string& phrase : *acc) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < phrase.size()) {
      const size_t j = std::min(phrase.find(' ', i), phrase.size());
      if (j > i) {
        char buf[64];
        words.emplace_back(lower_into(phrase.substr(i, j - i), buf, sizeof buf));
      }
      i = j + 1;
    }
    if (!words.empty()) q.according.push_back(std::move(words));
  }
  auto pats = f.regexes("cues.subject_cue_patterns");
  if (!pats.ok()) return pats.status();
  q.subject_cues = std::move(pats).value();
  auto minw = f.integer("phrases.min_unattributed_speech_words", 6, 1, 100);
  if (!minw.ok()) return minw.status();
  q.min_unattributed_words = static_cast<size_t>(*minw);
  CC_RETURN_IF_ERROR(load_conf(f, "explicit", q.conf.explicit_));
  CC_RETURN_IF_ERROR(load_conf(f, "short_name", q.conf.short_name));
  CC_RETURN_IF_ERROR(load_conf(f, "descriptive", q.conf.descriptive));
  CC_RETURN_IF_ERROR(load_conf(f, "pronoun_same_sentence", q.conf.pronoun_same));
  CC_RETURN_IF_ERROR(load_conf(f, "pronoun_previous_subject", q.conf.pronoun_previous));
  CC_RETURN_IF_ERROR(load_conf(f, "pronoun_farther", q.conf.pronoun_farther));
  CC_RETURN_IF_ERROR(load_conf(f, "continuation", q.conf.continuation));
  CC_RETURN_IF_ERROR(load_conf(f, "nearby_cue", q.conf.nearby));
  CC_RETURN_IF_ERROR(load_conf(f, "structural_cue", q.conf.structural));
  CC_RETURN_IF_ERROR(load_conf(f, "sentence_cue", q.conf.sentence));
  return q;
}

std::optional<SpeakerPhrase> phrase_before(const QuoteRules& q, const PeopleRules& p,
                                           const TokenView& tv, size_t cue, size_t floor) {
  size_t j = cue;
  for (int n = 0; n < 3 && j > floor && is_word(tv, j - 1) && q.adverbs.has(tv.at(j - 1)) &&
                  !tv.at(j - 1).ends_with("'s");
       ++n)
    --j;
  if (j <= floor) return std::nullopt;
  // A short parenthesis between the speaker and the cue: 'Rep. Jane Roe (D-Ore.) said',
  // 'Gov. John Kasich (R-OH), said'.
  if (j > floor + 3 && tv.at(j - 1) == "," && tv.at(j - 2) == ")") --j;
  if (j > floor + 2 && tv.at(j - 1) == ")") {
    if (const auto o = short_parenthesis_open(tv, j - 1, floor)) j = *o;
  }
  const size_t k = j - 1;
  const std::string_view w = tv.at(k);
  if (w == "," && k > floor) {
    // An apposition between the speaker and the cue: "Tom Baker, an economist
    // at Lloyds, said" or "The minister, Kwame Asante, said".
    size_t c = k;
    while (c > floor && c + 14 > k && tv.at(c - 1) != "," && tv.at(c - 1) != "\"") --c;
    if (c > floor && tv.at(c - 1) == ",") {
      if (auto run = name_run_ending_at(p, tv, k, c); run && run->first == c) {
        SpeakerPhrase sp = name_phrase(p, tv, *run);
        sp.phrase_first = c;
        return sp;
      }
      if (auto run = name_run_ending_at(p, tv, c - 1, floor)) {
        SpeakerPhrase sp = name_phrase(p, tv, *run);
        sp.phrase_first = extend_premodifiers(q, p, tv, run->first, floor);
        return sp;
      }
    }
    return std::nullopt;
  }
  if (!is_word(tv, k) && !(tv.at(k) == "." && k > floor)) return std::nullopt;
  if (q.passive.has(w)) return std::nullopt;
  if (is_word(tv, k) && q.is_pronoun(w)) {
    // "that he said" is fine; "it is said" was refused above.
    SpeakerPhrase sp;
    sp.kind = SpeakerPhrase::Kind::kPronoun;
    sp.first = sp.phrase_first = k;
    sp.last = k + 1;
    sp.name = std::string(w);
    return sp;
  }
  if (auto run = name_run_ending_at(p, tv, j, floor)) {
    SpeakerPhrase sp = name_phrase(p, tv, *run);
    sp.phrase_first = extend_premodifiers(q, p, tv, run->first, floor);
    return sp;
  }
  if (is_word(tv, k) && !is_cap(tv, k) && (q.source_nouns.has(w) || p.title_words.has(w))) {
    size_t a = k;
    size_t steps = 0;
    while (a > floor && steps < 6) {
      const size_t b = a - 1;
      if (!is_word(tv, b)) break;
      const std::string_view x = tv.at(b);
      if (q.phrase_breakers.has(x) && !q.determiners.has(x)) break;
      a = b;
      ++steps;
      if (q.determiners.has(x)) break;
    }
    // Descriptive phrases need a determiner or a plural/capitalized opener.
    if (a == k && !(w.ends_with("s") || w.ends_with("S"))) {
      // A bare singular noun ("company said") is not a phrase.
      if (!(a == floor || (a > 0 && !is_word(tv, a - 1)))) return std::nullopt;
    }
    SpeakerPhrase sp;
    sp.kind = SpeakerPhrase::Kind::kDescriptive;
    sp.first = sp.phrase_first = a;
    sp.last = k + 1;
    sp.name = text_of(tv, a, k + 1);
    return sp;
  }
  return std::nullopt;
}

std::optional<SpeakerPhrase> phrase_after(const QuoteRules& q, const PeopleRules& p,
                                          const TokenView& tv, size_t start) {
  if (start >= tv.size() || !is_word(tv, start)) return std::nullopt;
  const std::string_view w = tv.at(start);
  if (q.is_pronoun(w)) {
    SpeakerPhrase sp;
    sp.kind = SpeakerPhrase::Kind::kPronoun;
    sp.first = sp.phrase_first = start;
    sp.last = start + 1;
    sp.name = std::string(w);
    return sp;
  }
  // Walk the phrase (at most 8 words, to a comma, a preposition or the end),
  // keeping the last name run met ("said Trump attorney Alan Garten").
  std::optional<NameRun> best;
  size_t k = start;
  size_t end = start;
  while (k < tv.size() && k < start + 8) {
    if (!is_word(tv, k) && !(tv.at(k) == "." && best && best->last == k)) break;
    const std::string_view x = tv.at(k);
    if (k > start && !is_cap(tv, k) && (p.organisation_prepositions.has(x) || q.phrase_breakers.has(x)))
      break;
    if (auto run = name_run_starting_at(p, tv, k)) {
      best = run;
      k = run->last;
      end = k;
      continue;
    }
    if (!is_word(tv, k)) break;
    ++k;
    end = k;
  }
  if (best) {
    SpeakerPhrase sp = name_phrase(p, tv, *best);
    sp.phrase_first = start;
    return sp;
  }
  // A descriptive phrase headed by a source noun ("said the company").
  size_t head = end;
  for (size_t i = start; i < end; ++i)
    if (q.source_nouns.has(tv.at(i)) || p.title_words.has(tv.at(i))) head = i + 1;
  if (head == end + 0 && head > start && (q.source_nouns.has(tv.at(head - 1)) || p.title_words.has(tv.at(head - 1)))) {
    SpeakerPhrase sp;
    sp.kind = SpeakerPhrase::Kind::kDescriptive;
    sp.first = sp.phrase_first = start;
    sp.last = head;
    sp.name = text_of(tv, start, head);
    return sp;
  }
  if (head < end && head > start) {
    SpeakerPhrase sp;
    sp.kind = SpeakerPhrase::Kind::kDescriptive;
    sp.first = sp.phrase_first = start;
    sp.last = head;
    sp.name = text_of(tv, start, head);
    return sp;
  }
  return std::nullopt;
}

std::optional<SpeakerPhrase> subject_at(const QuoteRules& q, const PeopleRules& p, const TokenView& tv,
                                        size_t start) {
  if (start >= tv.size() || !is_word(tv, start)) return std::nullopt;
  if (q.is_pronoun(tv.at(start))) return phrase_after(q, p, tv, start);
  auto run = name_run_starting_at(p, tv, start);
  if (!run || run->first != start) return std::nullopt;
  // A capitalised participle opening a sentence is no name ("Speaking to
  // reporters, he ...", "Asked about it, she ...").
  const std::string_view w = tv.at(start);
  if (run->last == start + 1 && (w.ends_with("ing") || w.ends_with("ed"))) return std::nullopt;
  return name_phrase(p, tv, *run);
}

std::optional<size_t> short_parenthesis_open(const TokenView& tv, size_t close, size_t floor) {
  for (size_t o = close; o > floor && o + 8 > close;) {
    --o;
    const std::string_view w = tv.at(o);
    if (w == "(") return o;
    if (w == ")" || w == "\"" || w == "'") return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace crosscheck
