#include "engine/date_grammar.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>

// The words of rules/dates.toml and the tokens the grammar reads.
namespace crosscheck {

std::vector<DateToken> date_tokens(std::string_view text, Span sentence) {
  std::vector<DateToken> out;
  const std::string_view s = text.substr(sentence.start, sentence.size());
  thread_local std::vector<Token> toks;  // reused: no vector per sentence
  toks.clear();
  tokenize_append(s, sentence.start, toks);
  out.reserve(toks.size() + 4);
  const auto is_space = [&](uint32_t at) {  // std::isspace in the C locale, inline
    if (at <= sentence.start) return true;
    const char c = text[at - 1];
    return c == ' ' || (c >= '\t' && c <= '\r');
  };
  const auto push = [&](uint32_t b, uint32_t e, TokenKind kind) {
    DateToken& d = out.emplace_back();  // built in place: no move of its string
    d.span = {b, e};
    d.kind = kind;
    d.space_before = is_space(b);
    d.lower.assign(text.data() + b, e - b);
    for (char& c : d.lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    d.capitalized = text[b] >= 'A' && text[b] <= 'Z';
    d.key_size = static_cast<uint32_t>(d.lower.size());
    if (d.key_size > 2 && d.lower.compare(d.key_size - 2, 2, "'s") == 0) d.key_size -= 2;
    if (kind == TokenKind::kNumber && e - b <= 4) {
      int v = 0;
      bool ok = true;
      for (uint32_t k = b; k < e; ++k) {
        if (text[k] < '0' || text[k] > '9') ok = false;
        else v = v * 10 + (text[k] - '0');
      }
      if (ok) {
        d.digits = v;
        d.ndigits = static_cast<int>(e - b);
      }
    }
  };
  for (const Token& t : toks) {
    if (t.kind != TokenKind::kWord) {
      push(t.span.start, t.span.end, t.kind);
      continue;
    }
    uint32_t b = t.span.start;
    for (uint32_t k = t.span.start; k < t.span.end; ++k) {
      if (text[k] != '-') continue;
      if (k > b) push(b, k, TokenKind::kWord);
      push(k, k + 1, TokenKind::kPunct);
      b = k + 1;
    }
    if (t.span.end > b) push(b, t.span.end, TokenKind::kWord);
  }
  return out;
}

namespace {

Status to_set(const RuleFile& f, std::string_view path, DateLexicon::Set& out) {
  auto v = f.strings(path);
  if (!v.ok()) return v.status();
  for (auto& s : *v) {
    // The grammar reads "" for the word past a sentence's end: an empty word
    // would match there and let an expression end past the last token.
    if (s.empty()) return f.error_at(*f.find(path), "an empty word");
    out.insert(std::move(s));
  }
  return Status::Ok();
}

template <typename V, typename F>
Status to_map(const RuleFile& f, std::string_view path, DateLexicon::Map<V>& out, F convert) {
  auto v = f.string_map(path);
  if (!v.ok()) return v.status();
  for (auto& [k, s] : *v) {
    if (k.empty()) return f.error_at(*f.find(path), "an empty word");  // see to_set
    std::optional<V> c = convert(s);
    if (!c) return f.error_at(*f.find(std::string(path) + "." + k), "bad value '" + s + "'");
    out.emplace(k, *c);
  }
  return Status::Ok();
}

std::optional<int> to_int(const std::string& s) {
  if (s.empty() || s.size() > 3) return std::nullopt;
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0') return std::nullopt;
  return static_cast<int>(v);
}

std::optional<DateMod> to_mod(const std::string& s) {
  if (s == "START") return DateMod::kStart;
  if (s == "MID") return DateMod::kMid;
  if (s == "END") return DateMod::kEnd;
  if (s == "BEFORE") return DateMod::kBefore;
  if (s == "AFTER") return DateMod::kAfter;
  return std::nullopt;
}

std::optional<DateUnit> to_unit(const std::string& s) {
  if (s == "MIN") return DateUnit::kMinute;
  if (s == "H") return DateUnit::kHour;
  if (s == "D") return DateUnit::kDay;
  if (s == "W") return DateUnit::kWeek;
  if (s == "WE") return DateUnit::kWeekend;
  if (s == "M") return DateUnit::kMonth;
  if (s == "Q") return DateUnit::kQuarter;
  if (s == "Y") return DateUnit::kYear;
  if (s == "DE") return DateUnit::kDecade;
  if (s == "CE") return DateUnit::kCentury;
  return std::nullopt;
}

}  // namespace

Result<DateLexicon> DateLexicon::Load(const RuleSource& rules) {
  auto file = rules.Open("dates.toml");
  if (!file.ok()) return file.status();
  const RuleFile& f = *file;
  DateLexicon lex;
  auto months = f.strings("months.names");
  if (!months.ok()) return months.status();
  if (months->size() != 12 || std::count(months->begin(), months->end(), "") > 0)
    return f.error_at(*f.find("months.names"), "need 12 month names, none empty");
  for (size_t i = 0; i < 12; ++i) lex.month_names[(*months)[i]] = static_cast<unsigned>(i + 1);
  auto wd = f.strings("weekdays.names");
  if (!wd.ok()) return wd.status();
  if (wd->size() != 7 || std::count(wd->begin(), wd->end(), "") > 0)
    return f.error_at(*f.find("weekdays.names"), "need 7 weekday names, none empty");
  for (size_t i = 0; i < 7; ++i) lex.weekday_names[(*wd)[i]] = static_cast<unsigned>(i);
  const auto uint_in = [](int lo, int hi) {
    return [lo, hi](const std::string& s) -> std::optional<unsigned> {
      auto v = to_int(s);
      if (!v || *v < lo || *v > hi) return std::nullopt;
      return static_cast<unsigned>(*v);
    };
  };
  CC_RETURN_IF_ERROR(to_map<unsigned>(f, "months.abbreviations", lex.month_abbr, uint_in(1, 12)));
  CC_RETURN_IF_ERROR(to_map<unsigned>(f, "weekdays.abbreviations", lex.weekday_abbr, uint_in(0, 6)));
  CC_RETURN_IF_ERROR(to_map<unsigned>(f, "seasons.words", lex.seasons, [](const std::string& s) {
    static const char* codes[] = {"SP", "SU", "FA", "WI"};
    for (unsigned i = 0; i < 4; ++i)
      if (s == codes[i]) return std::optional<unsigned>(i);
    return std::optional<unsigned>();
  }));
  CC_RETURN_IF_ERROR(to_map<DateUnit>(f, "units.words", lex.units, to_unit));
  CC_RETURN_IF_ERROR(to_map<int>(f, "deictic.days", lex.deictic_days, [](const std::string& s) {
    auto v = to_int(s);
    if (v && (*v < -7 || *v > 7)) return std::optional<int>();
    return v;
  }));
  CC_RETURN_IF_ERROR(to_map<DateMod>(f, "modifiers.words", lex.mods, to_mod));
  CC_RETURN_IF_ERROR(to_map<DateMod>(f, "modifiers.relative", lex.rel_mods, to_mod));
  const auto code = [](const std::string& s) { return std::optional<std::string>(s); };
  CC_RETURN_IF_ERROR(to_map<std::string>(f, "part_of_day", lex.part_of_day, code));
  const auto ref = [](const std::string& s) {
    if (s == "PAST_REF" || s == "PRESENT_REF" || s == "FUTURE_REF") return std::optional<std::string>(s);
    return std::optional<std::string>();
  };
  CC_RETURN_IF_ERROR(to_map<std::string>(f, "vague.words", lex.vague_words, ref));
  CC_RETURN_IF_ERROR(to_map<std::string>(f, "sets.words", lex.set_words, code));
  DateLexicon::Map<std::string> phrases;
  CC_RETURN_IF_ERROR(to_map<std::string>(f, "vague.phrases", phrases, ref));
  for (auto& [k, v] : phrases) {
    std::vector<std::string> words = split_words(k);
    if (!words.empty()) lex.vague_phrases.emplace_back(std::move(words), v);
  }
  // Lists read only through word_classes (built below).
  DateLexicon::Set future, future_before_to, past, past_blockers, reporting, stopwords, verbs, auxiliaries,
      date_words, plan_after, plan_skip, deadline;
  for (const auto& [path, set] :
       std::initializer_list<std::pair<const char*, DateLexicon::Set*>>{
           {"relative.last", &lex.rel_last},
           {"relative.this", &lex.rel_this},
           {"relative.next", &lex.rel_next},
           {"relative.ago", &lex.ago},
           {"relative.later", &lex.later},
           {"context.month_before", &lex.month_before},
           {"context.year_before", &lex.year_before},
           {"context.year_weak_before", &lex.year_weak_before},
           {"context.year_after", &lex.year_after},
           {"context.year_never_after_words", &lex.year_never_after},
           {"context.year_never_before", &lex.year_never_before},
           {"context.ambiguous_month_before", &lex.ambiguous_month_before},
           {"context.season_the_before", &lex.season_the_before},
           {"context.article_duration_before", &lex.article_duration_before},
           {"context.unknown_count_before", &lex.unknown_count_before},
           {"context.narrative_before", &lex.narrative_before},
           {"context.indefinite_weekday_before", &lex.indefinite_weekday_before},
           {"context.deictic_never_after", &lex.deictic_never_after},
           {"context.deictic_never_after_unless", &lex.deictic_never_after_unless},
           {"months.ambiguous", &lex.ambiguous_months},
           {"tense.future", &future},
           {"tense.future_before_to", &future_before_to},
           {"tense.past", &past},
           {"tense.past_suffix_blockers", &past_blockers},
           {"tense.reporting", &reporting},
           {"tense.plan_in_past_after", &plan_after},
           {"tense.plan_in_past_skip", &plan_skip},
           {"tense.deadline_before", &deadline},
           {"sets.every", &lex.every},
           {"clause.after_comma", &lex.clause_after_comma},
           {"event.stopwords", &stopwords},
           {"event.verbs", &verbs},
           {"event.auxiliaries", &auxiliaries},
       }) {
    CC_RETURN_IF_ERROR(to_set(f, path, *set));
  }
  for (const auto* m : {&lex.month_names, &lex.month_abbr, &lex.weekday_names, &lex.weekday_abbr,
                        &lex.seasons})
    for (const auto& [k, v] : *m) lex.starters.insert(k);
  for (const auto& [k, v] : lex.units) lex.starters.insert(k);
  for (const auto& [k, v] : lex.deictic_days) lex.starters.insert(k);
  for (const auto& [k, v] : lex.mods) lex.starters.insert(k);
  for (const auto& [k, v] : lex.rel_mods) lex.starters.insert(k);
  for (const auto& [k, v] : lex.vague_words) lex.starters.insert(k);
  for (const auto& [k, v] : lex.set_words) lex.starters.insert(k);
  for (const auto& [w, v] : lex.vague_phrases) lex.starters.insert(w.front());
  for (const auto* set : {&lex.rel_last, &lex.rel_this, &lex.rel_next, &lex.every, &lex.unknown_count_before})
    lex.starters.insert(set->begin(), set->end());
  for (const char* w : {"the", "last", "next", "fiscal", "fy", "a", "an", "several", "few", "many", "some"})
    lex.starters.insert(w);
  for (const auto* m : {&lex.month_names, &lex.weekday_names, &lex.seasons})
    for (const auto& [k, v] : *m) date_words.insert(k);
  for (const auto& [k, v] : lex.units) date_words.insert(k);
  for (const auto& [k, v] : lex.deictic_days) date_words.insert(k);
  for (const auto& [k, v] : lex.mods) date_words.insert(k);
  for (const auto& [k, v] : lex.part_of_day) date_words.insert(k);
  for (const auto& [k, v] : lex.vague_words) date_words.insert(k);
  for (const auto* set : {&lex.rel_last, &lex.rel_this, &lex.rel_next, &lex.ago})
    date_words.insert(set->begin(), set->end());
  {
    StringMap<uint32_t> bits;
    for (const auto& [set, bit] : std::initializer_list<std::pair<const DateLexicon::Set*, uint32_t>>{
             {&stopwords, kStopword},
             {&reporting, kReporting},
             {&future, kFuture},
             {&future_before_to, kFutureBeforeTo},
             {&past, kPast},
             {&past_blockers, kPastBlocker},
             {&date_words, kDateWord},
             {&auxiliaries, kAuxiliary},
             {&verbs, kVerb},
             {&plan_after, kPlanInPastAfter},
             {&plan_skip, kPlanInPastSkip},
             {&deadline, kDeadline}})
      for (const std::string_view w : *set) bits[std::string(w)] |= bit;
    for (const auto& [w, b] : bits) lex.word_classes.insert(w, b);
  }
  auto suffix = f.string("tense.past_suffix");
  if (!suffix.ok()) return suffix.status();
  lex.past_suffix = *suffix;
  auto pre = f.string("prefilter.pattern");
  if (!pre.ok()) return pre.status();
  auto re = f.regex(*f.find("prefilter.pattern"), *pre, /*case_sensitive=*/true);
  if (!re.ok()) return re.status();
  lex.prefilter = std::move(*re);
  auto nums = NumberLexicon::Load(rules);
  if (!nums.ok()) return nums.status();
  lex.numbers = std::make_unique<NumberLexicon>(std::move(*nums));
  return lex;
}

}  // namespace crosscheck
