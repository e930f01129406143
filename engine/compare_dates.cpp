// The comparator: dates.
#include "engine/compare_context.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <unordered_map>

namespace crosscheck::compare {

std::vector<std::string> ComparisonRun::EventNames(const Claim& c) {
  std::vector<std::string> out;
  for (std::string_view v : c.packed.view().object("event").strings("participants"))
    if (!v.empty()) out.push_back(fold_case(v));
  return out;
}

// The event's stems (from the date extractor), else its sentence's terms.
std::vector<uint32_t> ComparisonRun::EventStems(size_t s, const Claim& c) {
  const FieldsView event = c.packed.view().object("event");
  if (event.is_array("stems")) {
    std::string joined;
    for (std::string_view v : event.strings("stems")) {
      joined += v;
      joined += ' ';
    }
    return aligner_.TermsOf(joined).terms;
  }
  if (!c.sentence) return {};
  const auto terms = aligner_.terms(s, *c.sentence).terms;
  return {terms.begin(), terms.end()};
}

std::optional<ComparisonRun::DateRef> ComparisonRun::DateRefOf(size_t s, const Claim& c) const {
  const auto st = str_field(c, "start_date"), en = str_field(c, "end_date");
  if (!st || !en || bool_field(c, "vague", false)) return std::nullopt;
  // A dateline ("Posted: Thursday, July 29, 2004") dates the page, not an
  // event: two outlets publish on different days without either being wrong.
  if (c.sentence && corpus_[s].sentences[*c.sentence].role == BlockRole::kByline) return std::nullopt;
  return DateRef{s, &c, *st, *en};
}

// In a copy, the alignment says which statement is which: dates are
// compared within aligned sentences, paired by order. Elsewhere an event
// must share participants and most of its content words.
void ComparisonRun::CompareDates() {
  for (const auto& p : pairs_) {
    if (!Touches(p.a, p.b) || !IsCopyPair(p.a, p.b)) continue;
    for (const auto& s : p.sentences) {
      std::vector<DateRef> da, db;
      for (const Claim* c : ClaimsIn(p.a, s.a, ClaimKind::kDate))
        if (auto r = DateRefOf(p.a, *c)) da.push_back(*r);
      for (const Claim* c : ClaimsIn(p.b, s.b, ClaimKind::kDate))
        if (auto r = DateRefOf(p.b, *c)) db.push_back(*r);
      if (da.size() != db.size()) continue;
      for (size_t k = 0; k < da.size(); ++k)
        if (SameWrittenKind(*da[k].claim, *db[k].claim)) DateConflict(da[k], db[k], s.similarity, {});
    }
  }
  std::vector<DateRef> refs;
  std::vector<std::vector<std::string>> names;
  for (size_t s = 0; s < corpus_.size(); ++s)
    for (const Claim* claim : dates_[s]) {
      const Claim& c = *claim;
      auto r = DateRefOf(s, c);
      // The day a source was told something differs between outlets
      // without either being wrong.
      if (!r || bool_field(c, "reporting", false)) continue;
      auto n = EventNames(c);
      std::sort(n.begin(), n.end());
      n.erase(std::unique(n.begin(), n.end()), n.end());
      if (n.size() < 2) continue;
      refs.push_back(*r);
      names.push_back(std::move(n));
    }
  std::unordered_map<std::string, std::vector<uint32_t>> index;
  for (uint32_t i = 0; i < refs.size(); ++i)
    for (const auto& n : names[i]) index[n].push_back(i);
  std::set<std::pair<uint32_t, uint32_t>> seen;
  // Each event's stems, read once (a date meets many others through its names).
  std::vector<std::optional<std::vector<uint32_t>>> event_stems(refs.size());
  const auto stems_of = [&](uint32_t i) -> const std::vector<uint32_t>& {
    if (!event_stems[i]) event_stems[i] = EventStems(refs[i].source, *refs[i].claim);
    return *event_stems[i];
  };
  for (auto& [name, list] : index) {
    if (list.size() > 200) continue;
    for (size_t i = 0; i < list.size(); ++i)
      for (size_t j = i + 1; j < list.size(); ++j) {
        const uint32_t x = std::min(list[i], list[j]), y = std::max(list[i], list[j]);
        if (!Related(refs[x].source, refs[y].source) || !Touches(refs[x].source, refs[y].source) ||
            IsCopyPair(refs[x].source, refs[y].source))
          continue;
        if (!seen.insert({x, y}).second) continue;
        std::vector<std::string> common;
        std::set_intersection(names[x].begin(), names[x].end(), names[y].begin(), names[y].end(),
                              std::back_inserter(common));
        const double sim = Aligner::dice(stems_of(x), stems_of(y));
        if (common.size() < 2 || sim < 0.5) continue;
        if (!SameHappening(*refs[x].claim, names[x], *refs[y].claim, names[y])) continue;
        if (SentenceDatesOther(refs[x]) || SentenceDatesOther(refs[y])) continue;
        // Two relative dates ("today", "Monday") anchored on different
        // publication days say little: one side must be written out.
        if (!strings_field(*refs[x].claim, "implied").empty() && !strings_field(*refs[y].claim, "implied").empty())
          continue;
        DateConflict(refs[x], refs[y], sim, common);
      }
  }
}

// Outside copies, two dates of one story may belong to two happenings of the
// same participants: "approved the hub in November 2019" and "meets next
// month to review the hub", or "is due to be completed in 2028". A happening
// told as past in one source and as future in the other is not the same one.
// (Predicates are not required to match: "topped" and "surpassed" tell one
// event.)
//
// Nor is it one when each side names a participant the other does not: "the
// agency approved the plant in Saltwell" and "the agency approved the plant in
// Emberley" are two approvals, whatever their dates. (A side that only adds
// names, "Reyes" against "Lena Reyes", may tell the same one.)
bool ComparisonRun::SameHappening(const Claim& a, const std::vector<std::string>& na, const Claim& b,
                                  const std::vector<std::string>& nb) {
  const auto ta = str_field(a, "tense"), tb = str_field(b, "tense");
  if (ta && tb && ((*ta == "past" && *tb == "future") || (*ta == "future" && *tb == "past"))) return false;
  return !names_differ(na, nb);
}

// "19 August" and "Tuesday" in two aligned sentences are two dates, not one
// date told twice: the parts written must have something in common.
bool ComparisonRun::SameWrittenKind(const Claim& a, const Claim& b) {
  const auto wa = strings_field(a, "written"), wb = strings_field(b, "written");
  for (std::string_view w : wa)
    if (std::find(wb.begin(), wb.end(), w) != wb.end()) return true;
  return false;
}

bool ComparisonRun::SameWeekday(const DateRef& a, const DateRef& b) {
  // One day each, as far as the text and its anchor say.
  const auto day = [](const DateRef& r) -> std::optional<date::sys_days> {
    const auto s = parse_published_date(r.start), e = parse_published_date(r.end);
    if (!s.ok() || !e.ok() || s->precision != DatePrecision::kDay || e->begin() - s->begin() != date::days{1})
      return std::nullopt;
    return s->begin();
  };
  // Writes a weekday and nothing else that places it (a part of the day aside).
  const auto weekday_only = [](const Claim& c) {
    bool weekday = false;
    for (std::string_view w : strings_field(c, "written")) {
      if (w == "weekday") weekday = true;
      else if (w != "part_of_day") return false;
    }
    return weekday;
  };
  const bool wa = weekday_only(*a.claim), wb = weekday_only(*b.claim);
  if (!wa && !wb) return false;
  const auto da = day(a), db = day(b);
  if (!da || !db) return false;
  // A week apart at most: which week a bare weekday falls in is the anchor's
  // doing (a story published days after the event, or updated later).
  return date::weekday{*da} == date::weekday{*db} && *da - *db <= date::days{7} && *db - *da <= date::days{7};
}

bool ComparisonRun::SentenceDatesOther(const DateRef& r) const {
  if (!r.claim->sentence) return false;
  for (const Claim* c : ClaimsIn(r.source, *r.claim->sentence, ClaimKind::kDate)) {
    if (c == r.claim || bool_field(*c, "reporting", false)) continue;
    const auto o = DateRefOf(r.source, *c);
    if (o && !Overlap(*o, r)) return true;
  }
  return false;
}

ComparisonRun::DateBound ComparisonRun::BoundOf(const DateRef& r) const {
  if (!r.claim->sentence) return DateBound::kNone;
  const std::string before = WordsAround(r.source, *r.claim).first;
  if (cfg_.date_no_later_than.count(before)) return DateBound::kNoLater;
  if (cfg_.date_no_earlier_than.count(before)) return DateBound::kNoEarlier;
  return DateBound::kNone;
}

void ComparisonRun::DateConflict(const DateRef& a, const DateRef& b, double sim, const std::vector<std::string>& common) {
  if (Overlap(a, b)) return;  // equivalent
  if (SameWeekday(a, b)) return;
  // A deadline against a date ("announced on August 8", "will run on cleaner
  // power by 2026"): the bounded side's interval is open on one end. Two
  // dates bounded alike are compared as written ("by 2025", "by 2026").
  if (const DateBound ba = BoundOf(a), bb = BoundOf(b); ba != bb) {
    // Dates are ISO strings: "" sorts before any, "~" after any.
    const auto open = [](const DateRef& r, DateBound bound) {
      return std::make_pair(bound == DateBound::kNoLater ? std::string() : r.start,
                            bound == DateBound::kNoEarlier ? std::string("~") : r.end);
    };
    const auto [as, ae] = open(a, ba);
    const auto [bs, be] = open(b, bb);
    if (as < be && bs < ae) return;
  }
  // "today" and "Monday" read against two publication days: not comparable.
  const auto anchor_a = str_field(*a.claim, "anchor"), anchor_b = str_field(*b.claim, "anchor");
  if (!strings_field(*a.claim, "implied").empty() && !strings_field(*b.claim, "implied").empty() && anchor_a != anchor_b)
    return;
  Finding f;
  f.kind = FindingKind::kDateConflict;
  const bool implied = !strings_field(*a.claim, "implied").empty() || !strings_field(*b.claim, "implied").empty();
  f.severity = implied ? Severity::kMedium : Severity::kHigh;
  f.confidence = std::min(0.9, 0.5 + sim / 2);
  f.summary = "The same event is dated " + str_field(*a.claim, "value").value_or("?") + " in " + Label(a.source) +
              " and " + str_field(*b.claim, "value").value_or("?") + " in " + Label(b.source);
  f.explanation = "\"" + std::string(corpus_[a.source].slice(a.claim->span)) + "\" is " + Describe(a.source, *a.claim) +
                  "; \"" + std::string(corpus_[b.source].slice(b.claim->span)) + "\" is " +
                  Describe(b.source, *b.claim) + ". The intervals do not overlap.";
  if (common.size() >= 2) {
    f.explanation += " Shared participants: " + common[0] + ", " + common[1] + ".";
  } else {
    f.explanation += " The sentences are aligned.";
  }
  f.explanation += CopyNote(a.source, b.source);
  for (const DateRef* r : {&a, &b}) {
    nlohmann::json fields = {{"date", std::string(corpus_[r->source].slice(r->claim->span))},
                             {"value", str_field(*r->claim, "value").value_or("")},
                             {"start_date", r->start}, {"end_date", r->end}};
    f.evidence.push_back(MakeEvidence(r->source, *r->claim, std::move(fields)));
  }
  Add(std::move(f));
}

std::string ComparisonRun::Describe(size_t s, const Claim& c) const {
  std::string out = str_field(c, "value").value_or("?");
  std::string w, i;
  for (std::string_view v : strings_field(c, "written")) (w += w.empty() ? "" : ", ") += v;
  for (std::string_view v : strings_field(c, "implied")) (i += i.empty() ? "" : ", ") += v;
  if (!w.empty()) out += " (written: " + w;
  if (!i.empty()) {
    out += w.empty() ? " (" : "; ";
    out += "implied: " + i + " from the publication date " + str_field(c, "anchor").value_or("?");
    if (auto src = str_field(c, "anchor_source")) out += " of " + *src + ", which it copies";
  }
  if (!w.empty() || !i.empty()) out += ")";
  (void)s;
  return out;
}

}  // namespace crosscheck::compare
