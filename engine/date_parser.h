// Private to the date grammar (engine/date_grammar*.cpp): the parser that
// reads DateMatches from a sentence's DateTokens. Split over two .cpp files by
// size: date_grammar.cpp (driver, numeric, month, day and year rules) and
// date_grammar_rules.cpp (relative, modified, weekday, season, quarter,
// counted, vague and set rules, range wrapping).
#ifndef CROSSCHECK_ENGINE_DATE_PARSER_H_
#define CROSSCHECK_ENGINE_DATE_PARSER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date_grammar.h"

namespace crosscheck::date_internal {

inline constexpr int kMinYear = 1900;  // a bare number is a year only in [kMinYear, kMaxYear]
inline constexpr int kMaxYear = 2100;

class Parser {
 public:
  Parser(const std::vector<DateToken>& t, std::string_view text, const DateLexicon& lex)
      : t_(t), text_(text), lex_(lex), n_(t.size()) {}

  std::vector<DateMatch> Run() {
    std::vector<DateMatch> out;
    size_t i = 0;
    while (i < n_) {
      std::optional<DateMatch> m = Best(i);
      if (!m) {
        ++i;
        continue;
      }
      m = Ranged(i, std::move(*m));
      for (size_t k = m->first; k < m->last; ++k)
        if (t_[k].digits >= 0) years_.push_back(k);
      i = m->last;
      out.push_back(std::move(*m));
    }
    return out;
  }

 private:
  const std::vector<DateToken>& t_;
  std::string_view text_;
  const DateLexicon& lex_;
  size_t n_;
  std::vector<size_t> years_;  // number tokens already read inside a date (for lists)

  // ---- token helpers
  const std::string& low(size_t i) const {
    static const std::string kEmpty;
    return i < n_ ? t_[i].lower : kEmpty;
  }
  bool is(size_t i, std::string_view w) const { return i < n_ && t_[i].lower == w; }
  bool punct(size_t i, char c) const {
    return i < n_ && t_[i].kind == TokenKind::kPunct && t_[i].lower.size() == 1 && t_[i].lower[0] == c;
  }
  bool glued(size_t i) const { return i < n_ && !t_[i].space_before; }
  bool word(size_t i) const { return i < n_ && t_[i].kind == TokenKind::kWord; }
  bool in(const DateLexicon::Set& s, size_t i) const { return i < n_ && s.count(t_[i].lower) > 0; }
  // Word without a possessive "'s".
  std::string_view bare(size_t i) const {
    if (i >= n_) return {};
    return std::string_view(t_[i].lower).substr(0, t_[i].key_size);
  }
  bool all_caps(size_t i) const {
    for (char c : text_.substr(t_[i].span.start, t_[i].span.size()))
      if (c >= 'a' && c <= 'z') return false;
    return true;
  }

  // ---- word classes. Each returns the tokens read (0 when none).
  size_t Month(size_t i, unsigned& m, bool& abbr) const {
    if (!word(i) || !(t_[i].capitalized)) return 0;
    const std::string_view w = bare(i);
    if (auto it = lex_.month_names.find(w); it != lex_.month_names.end()) {
      m = it->second;
      abbr = false;
      return 1;
    }
    if (auto it = lex_.month_abbr.find(w); it != lex_.month_abbr.end()) {
      m = it->second;
      abbr = true;
      return (punct(i + 1, '.') && glued(i + 1)) ? 2 : 1;
    }
    return 0;
  }
  size_t Weekday(size_t i, unsigned& d, bool& abbr) const {
    if (!word(i) || !t_[i].capitalized) return 0;
    const std::string_view w = bare(i);
    if (auto it = lex_.weekday_names.find(w); it != lex_.weekday_names.end()) {
      d = it->second;
      abbr = false;
      return 1;
    }
    if (auto it = lex_.weekday_abbr.find(w); it != lex_.weekday_abbr.end()) {
      d = it->second;
      abbr = true;
      return (punct(i + 1, '.') && glued(i + 1)) ? 2 : 1;
    }
    return 0;
  }
  size_t Day(size_t i, unsigned& d) const {
    if (i >= n_ || t_[i].digits < 1 || t_[i].digits > 31 || t_[i].ndigits > 2) return 0;
    d = static_cast<unsigned>(t_[i].digits);
    if (glued(i + 1) && (is(i + 1, "st") || is(i + 1, "nd") || is(i + 1, "rd") || is(i + 1, "th")))
      return 2;
    if (glued(i + 1) && word(i + 1)) return 0;
    return 1;
  }
  size_t Year4(size_t i, int& y, int lo = 1000, int hi = 2999) const {
    if (i >= n_ || t_[i].ndigits != 4 || t_[i].digits < lo || t_[i].digits > hi) return 0;
    if (glued(i + 1) && word(i + 1) && !is(i + 1, "s")) return 0;
    y = t_[i].digits;
    return 1;
  }
  std::optional<unsigned> Ordinal(size_t i, size_t& used) const {
    if (word(i)) {
      const NumberWord* w = lex_.numbers->word(low(i));
      if (w && w->kind == NumberWordKind::kOrdinal) {
        used = 1;
        return static_cast<unsigned>(w->value);
      }
      return std::nullopt;
    }
    if (i + 1 < n_ && t_[i].digits > 0 && glued(i + 1) &&
        (is(i + 1, "st") || is(i + 1, "nd") || is(i + 1, "rd") || is(i + 1, "th"))) {
      used = 2;
      return static_cast<unsigned>(t_[i].digits);
    }
    return std::nullopt;
  }
  std::optional<DateUnit> Unit(size_t i) const {
    if (!word(i)) return std::nullopt;
    auto it = lex_.units.find(bare(i));
    if (it == lex_.units.end()) return std::nullopt;
    return it->second;
  }
  // A count before a unit: digits, number words, "a"/"an" (1), or a vague
  // quantifier (nullopt amount, known = false). Returns tokens read.
  size_t Amount(size_t i, std::optional<double>& amount) const {
    if (i >= n_) return 0;
    const std::string& w = low(i);
    if (w == "a" || w == "an") {
      if (is(i + 1, "few") || is(i + 1, "couple")) {
        amount.reset();
        return is(i + 2, "of") ? 3 : 2;
      }
      amount = 1;
      return 1;
    }
    if (w == "several" || w == "few" || w == "many" || w == "some") {
      amount.reset();
      return 1;
    }
    if (t_[i].kind == TokenKind::kPunct) return 0;
    if (word(i) && !lex_.numbers->may_start(w[0], w.size() > 1 ? w[1] : 'a')) return 0;
    if (word(i)) {
      // One number word before a unit ("two quarters" is not two fourths here).
      const NumberWord* nw = lex_.numbers->word(w);
      if (nw && (nw->kind == NumberWordKind::kUnit || nw->kind == NumberWordKind::kTens) &&
          nw->value > 0 && Unit(i + 1)) {
        amount = nw->value;
        return 1;
      }
    }
    const auto m = parse_number_words(text_, t_[i].span.start, *lex_.numbers);
    if (!m || m->form != NumberForm::kCardinal || m->value <= 0 || m->value > 100000 || m->glued_letters)
      return 0;
    size_t j = i;
    while (j < n_ && t_[j].span.start < m->end) ++j;
    amount = m->value;
    return j - i;
  }

  // ---- rules
  using Opt = std::optional<DateMatch>;
  Opt Make(size_t i, size_t j, DateExpr e, const char* rule) const;

  Opt Numeric(size_t i) const;

  // MONTH [DAY[-DAY]] [,] [YEAR]; "Aug 15", "August 15, 2025", "January 2025".
  Opt MonthFirst(size_t i, bool need_context) const;

  // [the] DAY [of] MONTH [,] [YEAR]; "15 August 2025", "the 15th of August".
  Opt DayFirst(size_t i) const;

  bool YearContext(size_t i) const;

  // "2023", "the 1990s", "'90s", "2023's", "'82".
  Opt Year(size_t i) const;

  // "the 20th century", "the twenty-first century".
  Opt Century(size_t i) const;

  std::optional<DateQualifier> Qualifier(size_t i) const;

  // "last year", "this spring", "next Friday", "last January", "this morning".
  Opt Qualified(size_t i) const;

  // Targets of a modifier: what "early", "mid-", "the end of" apply to.
  Opt ModTarget(size_t j) const;

  // "early August", "mid-2024", "late last year", "the end of 2024", "earlier this year".
  Opt Modified(size_t i) const;

  // "yesterday", "today", "tomorrow morning", "tonight".
  Opt Deictic(size_t i) const;

  // "Friday", "on Tuesday morning", "Friday, Aug. 15".
  Opt WeekdayRule(size_t i) const;

  // "summer 2024", "the spring of 2025", "in the fall".
  Opt Season(size_t i, bool need_context) const;

  // "the third quarter of 2024", "Q3", "third-quarter", "the first half", "fiscal 2024".
  Opt Quarter(size_t i) const;

  // "three days ago", "a year earlier", "33 minutes ago"; "two years", "the
  // past five years", "10-year" (durations).
  Opt Counted(size_t i) const;

  Opt Vague(size_t i) const;

  // "daily", "every day", "each July", "every Monday".
  Opt SetRule(size_t i) const;

  // "for years", "over decades": an unknown count of units.
  Opt Plural(size_t i) const;

  // Can a rule begin at word token i? One hash look-up for most words.
  bool Starter(size_t i) const;

  // The longest match of any rule at token i.
  Opt Best(size_t i) const;

  // Wraps a match in the range it opens or closes: "between X and Y",
  // "from X to Y", "X to Y", "since X", "until X".
  DateMatch Ranged(size_t i, DateMatch m);
};

}  // namespace crosscheck::date_internal

#endif  // CROSSCHECK_ENGINE_DATE_PARSER_H_
