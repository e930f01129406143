#include "engine/date_extractor.h"

#include <algorithm>
#include <cstdlib>

#include "engine/claim.h"
#include "engine/date_grammar.h"
#include "engine/word_tokens.h"

namespace crosscheck {

const char* timex_type_name(TimexType t) {
  switch (t) {
    case TimexType::kDate: return "DATE";
    case TimexType::kTime: return "TIME";
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
  }
  return "DATE";
}

struct DateExtractor::Compiled {
  DateLexicon lex;
};

DateExtractor::DateExtractor(std::unique_ptr<Compiled> c) : c_(std::move(c)) {}
DateExtractor::DateExtractor(DateExtractor&&) noexcept = default;
DateExtractor& DateExtractor::operator=(DateExtractor&&) noexcept = default;
DateExtractor::~DateExtractor() = default;

Result<DateExtractor> DateExtractor::Load(const RuleSource& rules) {
  auto lex = DateLexicon::Load(rules);
  if (!lex.ok()) return lex.status();
  auto c = std::make_unique<Compiled>();
  c->lex = std::move(*lex);
  return DateExtractor(std::move(c));
}

namespace {

// How far (in tokens) a reporting verb lends its tense to a date.
constexpr size_t kReportingReach = 2;

bool is_word(const DateToken& t) { return t.kind == TokenKind::kWord; }

// Clause index of each token: a clause ends at ; : ( ) and at a comma followed
// by a conjunction or relative word.
// A full stop, question or exclamation mark inside a segmenter sentence (a
// quotation of several sentences stays whole): after a number or a lower-case
// word, not an abbreviation ("Jan.", "Mr.", "p.m."), and before a capital or
// a quote mark, it ends what the date's tense and event read.
bool ends_inner_sentence(const std::vector<DateToken>& t, size_t i) {
  const std::string& p = t[i].lower;
  if ((p != "." && p != "!" && p != "?") || i == 0 || i + 1 >= t.size()) return false;
  const DateToken& before = t[i - 1];
  const bool number = before.kind == TokenKind::kNumber;  // "opened in 2020. We"
  if (!number && (!is_word(before) || before.capitalized || before.lower.size() < 2)) return false;
  return (is_word(t[i + 1]) && t[i + 1].capitalized) || t[i + 1].lower == "\"";
}

std::vector<uint32_t> clauses(const std::vector<DateToken>& t, const DateLexicon& lex) {
  std::vector<uint32_t> id(t.size(), 0);
  uint32_t c = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind == TokenKind::kPunct) {
      const std::string& p = t[i].lower;
      if (p == ";" || p == ":" || p == "(" || p == ")") ++c;
      else if (p == "," && i + 1 < t.size() && lex.clause_after_comma.count(t[i + 1].lower)) ++c;
      else if (ends_inner_sentence(t, i)) ++c;
    }
    id[i] = c;
  }
  return id;
}

// Is token k a past-tense verb by its -ed ending? `before`: the classes of
// the token before it (0 for none).
bool past_by_suffix(const DateToken& t, uint32_t before, const DateLexicon& lex) {
  const std::string& w = t.lower;
  const std::string& sfx = lex.past_suffix;
  if (!is_word(t) || t.capitalized || w.size() < sfx.size() + 3) return false;
  if (w.compare(w.size() - sfx.size(), sfx.size(), sfx) != 0) return false;
  return !(before & DateLexicon::kPastBlocker);
}

// What each token of a sentence with dates says about tense and events,
// computed once per sentence.
struct TokenFacts {
  enum class Tense : uint8_t { kNone, kPast, kFuture, kReporting };
  Tense tense = Tense::kNone;
  bool content = false;  // a content word: its stem joins the event
  bool verb = false;     // may be the predicate
  std::string stem;
};

// Only tokens of clauses that hold a date are read (`wanted[clause id]`):
// tense and event never look past the date's own clause.
std::vector<TokenFacts> token_facts(const std::vector<DateToken>& t, const DateLexicon& lex,
                                    const std::vector<uint32_t>& clause,
                                    const std::vector<bool>& wanted) {
  using L = DateLexicon;
  std::vector<TokenFacts> f(t.size());
  for (size_t k = 0; k < t.size(); ++k) {
    if (!wanted[clause[k]] || !is_word(t[k])) continue;
    TokenFacts& x = f[k];
    const std::string& lw = t[k].lower;
    const uint32_t is = lex.classes(lw);
    const uint32_t before = k > 0 ? lex.classes(t[k - 1].lower) : 0;
    const bool stop = is & L::kStopword;
    // A future word; some only before "to" or "for" ("plans to").
    const bool future = (is & L::kFuture) && (!(is & L::kFutureBeforeTo) ||
                                              (k + 1 < t.size() && (t[k + 1].lower == "to" || t[k + 1].lower == "for")));
    const bool past_suffix = past_by_suffix(t[k], before, lex);
    // A plan as it stood in the past: "had (been) due to".
    size_t pk = k;
    if (pk > 0 && (lex.classes(t[pk - 1].lower) & L::kPlanInPastSkip)) --pk;
    const bool plan_in_past = future && pk > 0 && (lex.classes(t[pk - 1].lower) & L::kPlanInPastAfter);
    if (is & L::kReporting) {
      x.tense = TokenFacts::Tense::kReporting;
    } else if (plan_in_past) {
      x.tense = TokenFacts::Tense::kPast;
    } else if (future) {
      x.tense = TokenFacts::Tense::kFuture;
    } else if (past_suffix || ((is & L::kPast) && (stop || k == 0 || !(before & L::kPastBlocker)))) {
      x.tense = TokenFacts::Tense::kPast;
    }
    const std::string_view w = std::string_view(lw).substr(0, t[k].key_size);
    const uint32_t key_is = w.size() == lw.size() ? is : lex.classes(w);
    if (stop || w.size() < 2 || (key_is & L::kDateWord)) continue;
    x.content = true;  // its stem is computed only if a date's clause needs it (event_of)
    const bool after_aux = before & L::kAuxiliary;
    const bool hyphened = (k + 1 < t.size() && !t[k + 1].space_before && t[k + 1].lower == "-") ||
                          (k > 0 && !t[k].space_before && t[k - 1].lower == "-");
    x.verb = !t[k].capitalized && !hyphened && ((key_is & (L::kVerb | L::kPast)) || past_suffix || after_aux);
  }
  return f;
}

DateTense tense_of(const std::vector<DateToken>& t, const std::vector<TokenFacts>& f,
                   const std::vector<uint32_t>& clause, const DateMatch& m, const DateLexicon& lex) {
  const DateExpr& e = m.expr;
  if (e.form == DateExpr::Form::kShift && e.amount) {
    if (*e.amount < 0) return DateTense::kPast;
    if (*e.amount > 0) return DateTense::kFuture;
  }
  if (e.qualifier == DateQualifier::kLast) return DateTense::kPast;
  if (e.qualifier == DateQualifier::kNext) return DateTense::kFuture;
  const uint32_t c = clause[m.first];
  // A deadline ("by May", "until mid-November") falls after the past verb
  // that set it: the past marks nothing.
  const auto deadline_word = [&](size_t k) { return (lex.classes(t[k].lower) & DateLexicon::kDeadline) != 0; };
  const bool deadline = deadline_word(m.first) || (m.first > 0 && deadline_word(m.first - 1));
  const auto mark = [&](size_t k, size_t dist) -> DateTense {
    if (clause[k] != c) return DateTense::kUnknown;
    switch (f[k].tense) {
      case TokenFacts::Tense::kNone: return DateTense::kUnknown;
      case TokenFacts::Tense::kPast: return deadline ? DateTense::kUnknown : DateTense::kPast;
      case TokenFacts::Tense::kFuture: return DateTense::kFuture;
      case TokenFacts::Tense::kReporting:
        return dist <= kReportingReach ? DateTense::kPast : DateTense::kUnknown;
    }
    return DateTense::kUnknown;
  };
  for (size_t d = 1; d <= f.size(); ++d) {
    bool any = false;
    if (m.first >= d) {
      any = true;
      if (DateTense x = mark(m.first - d, d); x != DateTense::kUnknown) return x;
    }
    if (m.last - 1 + d < f.size()) {
      any = true;
      if (DateTense x = mark(m.last - 1 + d, d); x != DateTense::kUnknown) return x;
    }
    if (!any) break;
  }
  return DateTense::kUnknown;
}

DateEvent event_of(const std::vector<DateToken>& t, std::vector<TokenFacts>& f,
                   const std::vector<uint32_t>& clause, const DateMatch& m) {
  DateEvent ev;
  const uint32_t c = clause[m.first];
  // Clause ids grow along the sentence: the clause is one token range.
  size_t lo = m.first, hi = m.last;
  while (lo > 0 && clause[lo - 1] == c) --lo;
  while (hi < t.size() && clause[hi] == c) ++hi;
  size_t best_dist = SIZE_MAX;
  const std::string* predicate = nullptr;
  // The clause's stems are sorted and made unique as pointers into `f`, then
  // copied once each.
  std::vector<const std::string*> stems;
  stems.reserve(hi - lo);
  for (size_t k = lo; k < hi; ++k) {
    if ((k >= m.first && k < m.last) || !f[k].content) continue;
    if (f[k].stem.empty())  // stemmed once per sentence, on first use
      f[k].stem = stem(fold_word(std::string_view(t[k].lower).substr(0, t[k].key_size)));
    const std::string& s = f[k].stem;
    if (t[k].capitalized &&
        std::find(ev.participants.begin(), ev.participants.end(), s) == ev.participants.end())
      ev.participants.push_back(s);
    stems.push_back(&s);
    if (f[k].verb) {
      const size_t dist = k < m.first ? m.first - k : k - m.last + 1;
      if (dist < best_dist) {
        best_dist = dist;
        predicate = &s;
      }
    }
  }
  if (predicate != nullptr) ev.predicate = *predicate;
  std::sort(stems.begin(), stems.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  stems.erase(std::unique(stems.begin(), stems.end(), [](const std::string* a, const std::string* b) { return *a == *b; }),
              stems.end());
  ev.stems.reserve(stems.size());
  for (const std::string* s : stems) ev.stems.push_back(*s);
  return ev;
}

// Is the date at token `first` told as the time of a reporting verb just
// before it ("said on Monday", "announced late on Tuesday")? Up to three
// stop words ("on", "late") may stand between.
bool follows_reporting(const std::vector<DateToken>& t, const std::vector<TokenFacts>& f, const DateLexicon& lex,
                       size_t first) {
  for (size_t back = 1; back <= 4 && back <= first; ++back) {
    const size_t k = first - back;
    if (f[k].tense == TokenFacts::Tense::kReporting) return true;
    if (!is_word(t[k]) || t[k].capitalized) return false;
    if (!(lex.classes(t[k].lower) & DateLexicon::kStopword)) return false;
  }
  return false;
}

bool is_vague(const DateExpr& e) {
  return e.form == DateExpr::Form::kVague ||
         ((e.form == DateExpr::Form::kShift || e.form == DateExpr::Form::kDuration) &&
          !e.amount.has_value());
}

void resolve(DateMention& m, const std::optional<PublishedDate>& anchor, bool inferred) {
  const DateResolution r = resolve_date(m.expr, anchor, m.tense);
  m.value = r.value;
  m.start = r.start;
  m.end = r.end;
  m.precision = r.precision;
  m.implied = r.implied;
  if (m.range == DateRange::kBetween && m.range_end) {
    // The end of a range follows its start: "from June to September".
    std::optional<PublishedDate> from = anchor;
    if (m.start && !m.range_end->absolute()) {
      PublishedDate a;
      a.day = date::year_month_day{*m.start};
      a.precision = DatePrecision::kDay;
      from = a;
    }
    const DateResolution r2 =
        resolve_date(*m.range_end, from, m.start ? DateTense::kFuture : m.tense);
    m.value += "/" + r2.value;
    if (m.start && r2.end && *r2.end > *m.start) m.end = r2.end;
    else m.start = m.end = std::nullopt;
    for (const auto& p : r2.implied)
      if (std::find(m.implied.begin(), m.implied.end(), p) == m.implied.end()) m.implied.push_back(p);
  } else if (m.range == DateRange::kSince) {
    if (anchor && m.start && m.tense != DateTense::kFuture && anchor->end() > *m.start)
      m.end = anchor->end();
    else
      m.end = std::nullopt;
  } else if (m.range == DateRange::kUntil) {
    m.start = std::nullopt;
  }
  const bool fixed = m.expr.absolute() && (!m.range_end || m.range_end->absolute());
  const bool used = anchor && (!fixed || m.range == DateRange::kSince);
  m.anchor = used ? anchor : std::nullopt;
  m.anchor_inferred = used && inferred;
  m.vague = is_vague(m.expr);
}

// Narrative time: news often reports last week's events day by day after
// naming one of the days ("On Aug. 6 the council met. On Tuesday it voted").
// A bare weekday in a non-future clause then means the day of that written
// date's week, when that week is the one before the publication week (a
// written date further back is background, not the story's time line).
std::optional<PublishedDate> narrative_anchor(const DateMention& m,
                                              const std::optional<date::sys_days>& written,
                                              const std::optional<PublishedDate>& published) {
  const DateExpr& e = m.expr;
  if (!written || !published || published->precision != DatePrecision::kDay) return std::nullopt;
  if (e.form != DateExpr::Form::kCalendar || !e.weekday || e.month || e.day || e.year ||
      e.qualifier != DateQualifier::kNone || m.range != DateRange::kNone ||
      m.tense == DateTense::kFuture)
    return std::nullopt;
  const date::sys_days pub = published->begin();
  const date::sys_days pub_week = pub - (date::weekday{pub} - date::Monday);
  if (*written >= pub_week || *written < pub_week - date::days{7}) return std::nullopt;
  PublishedDate a;
  a.day = date::year_month_day{*written};
  a.precision = DatePrecision::kDay;
  a.text = iso_day(*written);
  return a;
}

TimexType type_of(const DateExpr& e) {
  if (e.form == DateExpr::Form::kDuration) return TimexType::kDuration;
  if (e.form == DateExpr::Form::kSet) return TimexType::kSet;
  if (!e.part_of_day.empty() || e.unit == DateUnit::kHour || e.unit == DateUnit::kMinute)
    return TimexType::kTime;
  return TimexType::kDate;
}

}  // namespace

std::vector<DateMention> DateExtractor::Extract(const Document& doc) const {
  const DateLexicon& lex = c_->lex;
  const std::string& text = doc.text();
  std::vector<DateMention> out;
  const std::optional<PublishedDate>& published = doc.meta.published;
  size_t hit = 0;
  bool have_hit = false, exhausted = false;
  std::optional<date::sys_days> narrative;  // the latest written day date (see narrative_anchor)
  for (const Sentence& s : doc.sentences) {
    if (exhausted) break;
    if (!doc.is_story(s) || s.span.empty()) continue;
    if (!have_hit || hit < s.span.start) {
      re2::StringPiece found;
      if (!lex.prefilter->Match(text, s.span.start, text.size(), RE2::UNANCHORED, &found, 1)) {
        exhausted = true;
        break;
      }
      hit = static_cast<size_t>(found.data() - text.data());
      have_hit = true;
    }
    if (hit >= s.span.end) continue;
    const std::vector<DateToken> toks = date_tokens(text, s.span);
    const std::vector<DateMatch> matches = parse_dates(toks, text, lex);
    if (matches.empty()) continue;
    const std::vector<uint32_t> clause = clauses(toks, lex);
    std::vector<bool> wanted(clause.empty() ? 0 : clause.back() + 1, false);
    for (const DateMatch& dm : matches) wanted[clause[dm.first]] = true;
    std::vector<TokenFacts> facts = token_facts(toks, lex, clause, wanted);
    for (const DateMatch& dm : matches) {
      DateMention m;
      m.span = {toks[dm.first].span.start, toks[dm.last - 1].span.end};
      m.surface = std::string(doc.slice(m.span));
      m.expr = dm.expr;
      m.range_end = dm.range_end;
      m.range = dm.range;
      m.rule = dm.rule;
      m.type = type_of(dm.expr);
      m.tense = tense_of(toks, facts, clause, dm, lex);
      m.written = dm.expr.written();
      m.event = event_of(toks, facts, clause, dm);
      m.reporting = follows_reporting(toks, facts, lex, dm.first);
      resolve(m, published, published && published->inferred);
      if (auto a = narrative_anchor(m, narrative, published)) {
        // The nearest such weekday to the written date, if before publication.
        DateMention n = m;
        n.tense = DateTense::kUnknown;
        resolve(n, a, false);
        if (n.start && *n.start < published->begin()) {
          n.tense = m.tense;
          m = std::move(n);
        }
      }
      if (m.expr.form == DateExpr::Form::kCalendar && m.expr.month && m.expr.day && m.start &&
          m.precision == DateUnit::kDay && m.range == DateRange::kNone && dm.first > 0 &&
          lex.narrative_before.count(toks[dm.first - 1].lower) > 0)
        narrative = m.start;
      out.push_back(std::move(m));
    }
  }
  if (!published) {
    // The latest full date of a non-future clause stands for the publication date.
    std::optional<date::sys_days> latest;
    for (const DateMention& m : out) {
      const DateExpr& e = m.expr;
      if (e.form != DateExpr::Form::kCalendar || !e.year || !e.month || !e.day ||
          m.tense == DateTense::kFuture || !m.start)
        continue;
      if (!latest || *m.start > *latest) latest = m.start;
    }
    if (latest) {
      PublishedDate a;
      a.day = date::year_month_day{*latest};
      a.precision = DatePrecision::kDay;
      a.text = iso_day(*latest);
      a.inferred = true;
      for (DateMention& m : out) resolve(m, a, true);
    }
  }
  return out;
}

DateMention DateExtractor::Reanchor(const DateMention& m, const PublishedDate& anchor,
                                    bool inferred) const {
  const bool fixed = m.expr.absolute() && (!m.range_end || m.range_end->absolute());
  if (fixed && m.range != DateRange::kSince) return m;
  DateMention r = m;
  resolve(r, anchor, inferred);
  return r;
}

void append_date_fields(const DateMention& m, std::string& out) {
  const char* range = "";
  switch (m.range) {
    case DateRange::kNone: break;
    case DateRange::kBetween: range = "between"; break;
    case DateRange::kSince: range = "since"; break;
    case DateRange::kUntil: range = "until"; break;
  }
  const auto day = [](const std::optional<date::sys_days>& d) {
    return d ? std::optional<std::string>(iso_day(*d)) : std::nullopt;
  };
  JsonObjectWriter(out)  // keys in ascending order
      .add("anchor", m.anchor ? std::optional<std::string>(m.anchor->iso()) : std::nullopt)
      .add("anchor_inferred", m.anchor_inferred)
      .add("end_date", day(m.end))
      .Open("event")
      .add("participants", m.event.participants)
      .add("predicate", m.event.predicate)
      .add("stems", m.event.stems)
      .Close()
      .add("implied", m.implied)
      .add("mod", date_mod_name(m.expr.mod))
      .add("precision", date_unit_name(m.precision))
      .add("range", range)
      .add("reporting", m.reporting)
      .add("rule", m.rule)
      .add("start_date", day(m.start))
      .add("tense", date_tense_name(m.tense))
      .add("type", timex_type_name(m.type))
      .add("vague", m.vague)
      .add("value", m.value)
      .add("written", m.written)
      .Done();
}

}  // namespace crosscheck
