// Date claims: every temporal expression of a story, normalized against the
// source's publication date and attached to the event of its clause.
//
//   auto ex = DateExtractor::Load(rules);           // compiles rules/dates.toml once
//   for (const DateMention& m : ex->Extract(doc)) ... // text order
//
// A DateExtractor is immutable after Load and safe to share between threads.
// Pipeline: prefilter (one RE2 over the text finds the sentences holding a
// temporal word) -> grammar (engine/date_grammar.h) -> tense of the clause ->
// resolution (engine/date_resolver.h) -> event of the clause.
#ifndef CROSSCHECK_ENGINE_DATE_EXTRACTOR_H_
#define CROSSCHECK_ENGINE_DATE_EXTRACTOR_H_

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/date_resolver.h"
#include "engine/document.h"
#include "engine/published_date.h"
#include "engine/rules.h"

namespace crosscheck {

// TIMEX3 type of an expression.
enum class TimexType { kDate, kTime, kDuration, kSet };
const char* timex_type_name(TimexType t);  // "DATE", "TIME", "DURATION", "SET"

// The event of the clause a date belongs to: "In September, Qwen topped Meta's
// Llama ..." -> predicate "top", participants {qwen, meta, llama, ...}.
struct DateEvent {
  std::string predicate;                  // stem of the main verb nearest the date, or ""
  std::vector<std::string> participants;  // stems of capitalized names, in text order, unique
  std::vector<std::string> stems;         // stems of all content words of the clause, sorted, unique
  bool operator==(const DateEvent&) const = default;
};

struct DateMention {
  Span span;                // the expression (with "since", "between"... when part of it)
  std::string surface;      // its text
  TimexType type = TimexType::kDate;
  DateExpr expr;            // what the text wrote (anchor-free)
  std::optional<DateExpr> range_end;  // DateRange::kBetween: the second end
  DateRange range = DateRange::kNone;
  std::string value;        // TIMEX3 value; "A/B" for a range between A and B
  std::optional<date::sys_days> start;  // half-open interval of days, when known
  std::optional<date::sys_days> end;
  DateUnit precision = DateUnit::kNone;
  std::optional<PublishedDate> anchor;  // the anchor used (nullopt: none)
  bool anchor_inferred = false;
  std::vector<std::string> written;   // parts the text wrote
  std::vector<std::string> implied;   // parts taken from the anchor
  std::string rule;
  bool vague = false;       // PAST_REF / PRESENT_REF / FUTURE_REF or an unknown count
  DateTense tense = DateTense::kUnknown;
  DateEvent event;
  // The date follows a reporting verb ("Ms Quell said on Monday"): it dates
  // the telling, not the event the sentence reports.
  bool reporting = false;
  bool operator==(const DateMention&) const = default;
};

class DateExtractor {
 public:
  // Compiles rules/dates.toml (and the number words of rules/numbers.toml).
  // Errors name the rule file, line and column.
  static Result<DateExtractor> Load(const RuleSource& rules);

  // All temporal expressions in the story sentences of `doc` (chrome is
  // skipped), in text order, resolved against doc.meta.published. When that is
  // absent, the anchor is the latest full date (year, month and day written)
  // of a non-future clause of the text, marked inferred; when there is none,
  // parts not written stay unknown. Never consults the clock. Linear in the
  // text size.
  std::vector<DateMention> Extract(const Document& doc) const;

  // `m` resolved against `anchor` instead (the comparator uses this when an
  // undated source copies a dated one). Mentions whose written parts fix the
  // date (and vague ones, and durations) are returned unchanged.
  DateMention Reanchor(const DateMention& m, const PublishedDate& anchor, bool inferred) const;

  DateExtractor(DateExtractor&&) noexcept;
  DateExtractor& operator=(DateExtractor&&) noexcept;
  ~DateExtractor();

 private:
  struct Compiled;
  explicit DateExtractor(std::unique_ptr<Compiled> c);
  std::unique_ptr<Compiled> c_;
};

// The kind-specific JSON fields of a date claim (see `crosscheck extract`):
// "value", "type", "start_date", "end_date" (ISO days of the half-open
// interval, or null), "precision", "mod", "range" ("", "between", "since",
// "until"), "anchor" (ISO, or null), "anchor_inferred", "written", "implied",
// "rule", "vague", "tense", "event" {"predicate", "participants", "stems"}.
// Appended to `out` as a JSON object (compact_json's form).
void append_date_fields(const DateMention& m, std::string& out);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_DATE_EXTRACTOR_H_
