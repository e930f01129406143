#include "engine/number_words.h"

#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "engine/number_scan.h"

namespace crosscheck {

using namespace numscan;  // NOLINT: the shared word scanner

namespace {

Result<double> number_at(const RuleFile& f, const toml::node& n) {
  if (auto v = n.value<double>()) return *v;
  return f.error_at(n, "expected a number");
}

}  // namespace

Status NumberLexicon::Add(const RuleFile& file, std::string word, NumberWord entry) {
  if (word.empty() || word.size() >= 24) return file.error("bad number word '" + word + "'");
  for (char& c : word) {
    c = lower(c);
    if (!is_alpha(c)) return file.error("number word '" + word + "' must be ASCII letters");
  }
  if (word.size() >= 2) prefix_[(word[0] - 'a') * 26 + (word[1] - 'a')] = true;
  else
    for (int b = 0; b < 26; ++b) prefix_[(word[0] - 'a') * 26 + b] = true;
  const size_t k = shape_key(word);
  if (k != kNoShape) shapes_[k >> 6] |= uint64_t{1} << (k & 63);
  words_[std::move(word)] = entry;
  return Status::Ok();
}

Result<NumberLexicon> NumberLexicon::Load(const RuleSource& rules) {
  auto file = rules.Open("numbers.toml");
  if (!file.ok()) return file.status();
  return FromRules(*file);
}

Result<NumberLexicon> NumberLexicon::FromRules(const RuleFile& f) {
  NumberLexicon lex;
  struct Section {
    const char* path;
    NumberWordKind kind;
    bool plural;
  };
  const Section simple[] = {
      {"words.units", NumberWordKind::kUnit, false},
      {"words.tens", NumberWordKind::kTens, false},
      {"words.hundred", NumberWordKind::kHundred, false},
      {"words.multipliers", NumberWordKind::kMultiplier, false},
      {"words.dozens", NumberWordKind::kDozen, false},
      {"words.ordinals", NumberWordKind::kOrdinal, false},
      {"words.denominators", NumberWordKind::kOrdinal, true},
      {"words.fractions", NumberWordKind::kFraction, false},
  };
  for (const Section& s : simple) {
    const toml::node* n = f.find(s.path);
    if (n == nullptr) return f.error(std::string("missing table '") + s.path + "'");
    const toml::table* t = n->as_table();
    if (t == nullptr) return f.error_at(*n, std::string("'") + s.path + "' must be a table");
    for (const auto& [k, v] : *t) {
      auto value = number_at(f, v);
      if (!value.ok()) return value.status();
      NumberWord w;
      w.kind = s.kind;
      w.value = *value;
      w.plural = s.plural;
      CC_RETURN_IF_ERROR(lex.Add(f, std::string(k.str()), w));
    }
  }
  const struct {
    const char* path;
    NumberWordKind kind;
  } ranged[] = {{"words.vague_plurals", NumberWordKind::kVaguePlural},
                {"words.quantifiers", NumberWordKind::kQuantifier}};
  for (const auto& s : ranged) {
    const toml::node* n = f.find(s.path);
    const toml::table* t = n ? n->as_table() : nullptr;
    if (t == nullptr) return f.error(std::string("missing table '") + s.path + "'");
    for (const auto& [k, v] : *t) {
      const toml::table* e = v.as_table();
      if (e == nullptr) return f.error_at(v, "expected { low = .., high = .. }");
      NumberWord w;
      w.kind = s.kind;
      const toml::node* lo = e->get("low");
      const toml::node* hi = e->get("high");
      if (lo == nullptr || hi == nullptr) return f.error_at(v, "needs low and high");
      auto l = number_at(f, *lo);
      if (!l.ok()) return l.status();
      auto h = number_at(f, *hi);
      if (!h.ok()) return h.status();
      w.low = *l;
      w.high = *h;
      if (const toml::node* b = e->get("base")) {
        auto bv = number_at(f, *b);
        if (!bv.ok()) return bv.status();
        w.base = *bv;
      }
      if (!(w.low < w.high)) return f.error_at(v, "low must be below high");
      CC_RETURN_IF_ERROR(lex.Add(f, std::string(k.str()), w));
    }
  }
  auto articles = f.strings("words.articles");
  if (!articles.ok()) return articles.status();
  for (auto& a : *articles) CC_RETURN_IF_ERROR(lex.Add(f, a, NumberWord{NumberWordKind::kArticle}));
  auto ands = f.strings("words.conjunctions");
  if (!ands.ok()) return ands.status();
  for (auto& a : *ands) CC_RETURN_IF_ERROR(lex.Add(f, a, NumberWord{NumberWordKind::kAnd}));

  auto points = f.strings("words.points");
  if (!points.ok()) return points.status();
  for (auto& a : *points) CC_RETURN_IF_ERROR(lex.Add(f, a, NumberWord{NumberWordKind::kPoint}));
  const toml::node* dn = f.find("scales.fraction_denominators");
  const toml::array* da = dn ? dn->as_array() : nullptr;
  if (da == nullptr) return f.error("missing array 'scales.fraction_denominators'");
  for (const toml::node& d : *da) {
    auto value = number_at(f, d);
    if (!value.ok()) return value.status();
    if (!(*value >= 2 && *value < static_cast<double>(lex.fraction_denominators_.size())))
      return f.error_at(d, "a denominator must be from 2 to 1024");
    lex.fraction_denominators_[static_cast<size_t>(*value)] = true;
  }

  auto money_only = f.strings("scales.money_only");
  if (!money_only.ok()) return money_only.status();
  const toml::node* sn = f.find("scales.suffixes");
  const toml::table* st = sn ? sn->as_table() : nullptr;
  if (st == nullptr) return f.error("missing table 'scales.suffixes'");
  for (const auto& [k, v] : *st) {
    auto value = number_at(f, v);
    if (!value.ok()) return value.status();
    std::string key(k.str());
    for (char& c : key) c = lower(c);
    bool only = false;
    for (const auto& m : *money_only) only = only || m == key;
    lex.suffixes_[key] = {*value, only};
  }
  auto upper_only = f.strings("scales.upper_only");
  if (!upper_only.ok()) return upper_only.status();
  for (const auto& u : *upper_only) {
    if (u.size() != 1 || !is_alpha(u[0]) || !lex.suffixes_.count(std::string(1, lower(u[0]))))
      return f.error("upper_only suffix '" + u + "' must be one letter listed in [scales.suffixes]");
    lex.upper_only_[static_cast<size_t>(lower(u[0]) - 'a')] = true;
  }
  return lex;
}

const NumberWord* NumberLexicon::word(std::string_view lower_word) const {
  if (lower_word.empty()) return nullptr;
  if (!may_be_word(lower_word)) return nullptr;
  auto it = words_.find(lower_word);
  return it == words_.end() ? nullptr : &it->second;
}

std::optional<double> NumberLexicon::suffix(std::string_view lower_word, bool* money_only) const {
  auto it = suffixes_.find(lower_word);
  if (it == suffixes_.end()) return std::nullopt;
  if (money_only) *money_only = it->second.second;
  return it->second.first;
}

namespace numscan {

namespace {

enum class Last { kNone, kArticle, kUnit, kTens, kHundred, kMultiplier, kAnd, kHalf };

bool followed_by_of_or_end(std::string_view text, size_t p) {
  // A hyphen and a word make a compound: "quarter-finals", "half-brother".
  if (p + 1 < text.size() && text[p] == '-' && is_alpha(text[p + 1])) return false;
  size_t q = p;
  while (q < text.size() && text[q] == ' ') ++q;
  if (q >= text.size()) return true;
  if (!is_alpha(text[q])) return !is_digit(text[q]);
  WordAt w = read_word(text, q);
  return w.lower() == "of";
}

}  // namespace

std::optional<NumberWordsMatch> parse_words(std::string_view text, size_t pos, const NumberLexicon& lex) {
  NumberWordsMatch m;
  m.begin = pos;
  m.words = true;
  double total = 0;
  double current = 0;
  double last_mult = std::numeric_limits<double>::infinity();
  Last last = Last::kNone;
  bool and_after_scale = false;  // "six million and ...": a fraction after it is of the scale
  size_t end = pos;  // end of the last consumed word
  size_t p = pos;
  bool ok = false;   // consumed something that is a number
  for (int guard = 0; guard < 48 && p != std::string_view::npos && p < text.size(); ++guard) {
    WordAt w = read_word(text, p);
    const NumberWord* e = lex.word(w.lower());
    if (e == nullptr) break;
    bool hyphen = false;
    size_t next = next_word_start(text, w.end, &hyphen);
    if (e->kind == NumberWordKind::kTens && next == std::string_view::npos && w.end + 3 < text.size() &&
        text[w.end] == ' ' && text[w.end + 1] == '-' && text[w.end + 2] == ' ' && is_alpha(text[w.end + 3])) {
      // "fifty - two": a spaced hyphen joins a unit only.
      WordAt u = read_word(text, w.end + 3);
      const NumberWord* ue = lex.word(u.lower());
      if (ue != nullptr && ue->kind == NumberWordKind::kUnit && ue->value >= 1 && ue->value <= 9) {
        next = w.end + 3;
        hyphen = true;
      }
    }
    switch (e->kind) {
      case NumberWordKind::kArticle:
        if (last != Last::kNone) goto done;
        last = Last::kArticle;
        break;
      case NumberWordKind::kUnit:
        if (last == Last::kNone || last == Last::kHundred || last == Last::kMultiplier || last == Last::kAnd ||
            (last == Last::kTens && e->value > 0 && e->value < 10)) {
          current += e->value;
          last = Last::kUnit;
          ok = true;
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kTens:
        if (last == Last::kUnit && current == 1 && total == 0 && hyphen && next != std::string_view::npos) {
          // "one twenty-fifth": a fraction with a compound denominator.
          WordAt o = read_word(text, next);
          const NumberWord* oe = lex.word(o.lower());
          if (oe != nullptr && oe->kind == NumberWordKind::kOrdinal && !oe->plural && oe->value >= 1 &&
              oe->value <= 9) {
            m.form = NumberForm::kFraction;
            m.value = 1.0 / (e->value + oe->value);
            m.end = o.end;
            return m;
          }
        }
        if ((last == Last::kNone || last == Last::kHundred || last == Last::kMultiplier || last == Last::kAnd) &&
            std::fmod(current, 100) == 0) {
          current += e->value;
          last = Last::kTens;
          ok = true;
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kHundred:
      case NumberWordKind::kDozen:
        if (last == Last::kArticle || last == Last::kNone || last == Last::kUnit || last == Last::kTens) {
          if (last == Last::kNone && e->kind == NumberWordKind::kDozen) goto done;  // "dozen" alone
          current = (current == 0 ? 1 : current) * e->value;
          last = Last::kHundred;
          ok = true;
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kMultiplier:
        if ((last == Last::kArticle || last == Last::kNone || last == Last::kUnit || last == Last::kTens ||
             last == Last::kHundred || last == Last::kHalf) &&
            e->value < last_mult) {
          total += (current == 0 ? 1 : current) * e->value;
          current = 0;
          last_mult = e->value;
          m.scale = std::max(m.scale, e->value);
          m.form = NumberForm::kCardinal;  // "three quarters billion" is a count
          last = Last::kMultiplier;
          ok = true;
          end = w.end;
          break;
        }
        if (last == Last::kMultiplier && current == 0 && e->value > last_mult) {
          // A scale of scales: "three lakh crore", "a thousand million".
          total *= e->value;
          last_mult *= e->value;
          m.scale = std::max(m.scale, last_mult);
          end = w.end;
          break;
        }
        goto done;
      case NumberWordKind::kPoint: {
        // "two point five", "two hundred point seventy-one": the words after
        // "point" are digits, a tens word two of them ("seventy-one" = 71).
        if (!ok || hyphen || !(last == Last::kUnit || last == Last::kTens || last == Last::kHundred ||
                               last == Last::kMultiplier))
          goto done;
        double frac = 0;
        double place = 1;
        size_t fend = 0;
        size_t q = next;
        for (int k = 0; k < 12 && q != std::string_view::npos; ++k) {
          WordAt d = read_word(text, q);
          const NumberWord* de = lex.word(d.lower());
          if (de == nullptr || !(de->kind == NumberWordKind::kUnit || de->kind == NumberWordKind::kTens) ||
              de->value >= 100 || (de->kind == NumberWordKind::kUnit && de->value >= 10))
            break;
          bool h2 = false;
          size_t q2 = next_word_start(text, d.end, &h2);
          double dv = de->value;
          int places = de->kind == NumberWordKind::kTens ? 2 : 1;
          fend = d.end;
          if (de->kind == NumberWordKind::kTens && q2 != std::string_view::npos) {
            WordAt u = read_word(text, q2);
            const NumberWord* ue = lex.word(u.lower());
            if (ue != nullptr && ue->kind == NumberWordKind::kUnit && ue->value >= 1 && ue->value <= 9) {
              dv += ue->value;
              fend = u.end;
              q2 = next_word_start(text, u.end, &h2);
            }
          }
          for (int i = 0; i < places; ++i) place /= 10;
          frac += dv * place;
          q = h2 ? std::string_view::npos : q2;
        }
        if (fend == 0) goto done;
        m.value = total + current + frac;
        m.decimals = 1;
        m.end = fend;
        return m;
      }
      case NumberWordKind::kAnd: {
        if (!ok || next == std::string_view::npos || hyphen) goto done;
        WordAt w2 = read_word(text, next);
        const NumberWord* e2 = lex.word(w2.lower());
        if (e2 == nullptr) goto done;
        if ((last == Last::kUnit || last == Last::kTens) &&
            (e2->kind == NumberWordKind::kUnit || e2->kind == NumberWordKind::kTens) && e2->value > 0) {
          // "three and two thirds", "two and fifty-four hundredths": a whole
          // number and a fraction. Anything else ends the number before "and".
          double num = e2->value;
          bool h3 = false;
          size_t n3 = next_word_start(text, w2.end, &h3);
          if (n3 == std::string_view::npos) goto done;
          WordAt w3 = read_word(text, n3);
          const NumberWord* e3 = lex.word(w3.lower());
          if (e3 != nullptr && e2->kind == NumberWordKind::kTens && e3->kind == NumberWordKind::kUnit &&
              e3->value >= 1 && e3->value <= 9) {
            num += e3->value;
            n3 = next_word_start(text, w3.end, &h3);
            if (n3 == std::string_view::npos) goto done;
            w3 = read_word(text, n3);
            e3 = lex.word(w3.lower());
          }
          if (e3 == nullptr || e3->kind != NumberWordKind::kOrdinal || !e3->plural || e3->value <= 0) goto done;
          m.form = NumberForm::kCardinal;
          m.value = total + current + num / e3->value;
          m.end = w3.end;
          return m;
        }
        if ((last == Last::kHundred || last == Last::kMultiplier) &&
            (e2->kind == NumberWordKind::kUnit || e2->kind == NumberWordKind::kTens)) {
          and_after_scale = last == Last::kMultiplier;
          last = Last::kAnd;
          break;  // consumed "and"; `end` stays until a number follows
        }
        if (e2->kind == NumberWordKind::kArticle &&
            (last == Last::kUnit || last == Last::kTens || last == Last::kHundred)) {
          // "one and a half", "five and a quarter"
          bool h2 = false;
          const size_t n3 = next_word_start(text, w2.end, &h2);
          if (n3 == std::string_view::npos || h2) goto done;
          WordAt w3 = read_word(text, n3);
          const NumberWord* e3 = lex.word(w3.lower());
          // "and a half", "and a quarter", "and a fourth", "and a third"
          if (e3 == nullptr || e3->value <= 0 ||
              !(e3->kind == NumberWordKind::kFraction ||
                (e3->kind == NumberWordKind::kOrdinal && !e3->plural && e3->value >= 3 && e3->value <= 100)))
            goto done;
          current += 1.0 / e3->value;
          last = Last::kHalf;
          end = w3.end;
          bool h4 = false;
          p = next_word_start(text, w3.end, &h4);
          if (h4) p = std::string_view::npos;
          continue;
        }
        goto done;
      }
      case NumberWordKind::kOrdinal: {
        if (e->plural) {
          // "two thirds", "three fifths": a fraction of what precedes.
          if ((last == Last::kUnit || last == Last::kTens || last == Last::kHundred) && e->value > 0) {
            m.form = NumberForm::kFraction;
            m.value = total + current / e->value;
            if (and_after_scale && current < e->value && std::isfinite(last_mult)) {
              m.form = NumberForm::kCardinal;  // "six million and two thirds"
              m.value = total + current / e->value * last_mult;
            }
            m.end = w.end;
            return m;
          }
          goto done;
        }
        if (last == Last::kNone) {
          m.form = NumberForm::kOrdinal;
          m.value = e->value;
          m.end = w.end;
          return m;
        }
        if (last == Last::kArticle || (last == Last::kUnit && current == 1 && total == 0)) {
          // "a third of", "one fifth", "a hundredth": a fraction. "a second" is not.
          if (e->value >= 3 && followed_by_of_or_end(text, w.end)) {
            m.form = NumberForm::kFraction;
            m.value = 1.0 / e->value;
            m.end = w.end;
            return m;
          }
          goto done;
        }
        if ((last == Last::kTens && e->value < 10) ||
            ((last == Last::kHundred || last == Last::kMultiplier || last == Last::kAnd) && e->value < 100)) {
          m.form = NumberForm::kOrdinal;
          m.value = total + current + e->value;
          m.end = w.end;
          return m;
        }
        goto done;
      }
      case NumberWordKind::kFraction: {
        if ((last == Last::kUnit || last == Last::kTens) && current > 0 && e->value > 0) {
          // "three quarters", "two halves"; a multiplier may follow ("three quarters billion").
          current = current / e->value;
          last = Last::kHalf;
          ok = true;
          end = w.end;
          m.form = NumberForm::kFraction;
          break;
        }
        if (last == Last::kNone || last == Last::kArticle) {
          // "half a million", "a quarter of", "half of".
          if (next != std::string_view::npos && last == Last::kNone) {
            WordAt w2 = read_word(text, next);
            const NumberWord* e2 = lex.word(w2.lower());
            if (e2 != nullptr && e2->kind == NumberWordKind::kArticle && !hyphen) {
              bool h3 = false;
              const size_t n3 = next_word_start(text, w2.end, &h3);
              if (n3 != std::string_view::npos && !h3) {
                WordAt w3 = read_word(text, n3);
                const NumberWord* e3 = lex.word(w3.lower());
                if (e3 != nullptr &&
                    (e3->kind == NumberWordKind::kMultiplier || e3->kind == NumberWordKind::kHundred ||
                     e3->kind == NumberWordKind::kDozen)) {
                  m.value = e3->value / e->value;
                  m.scale = e3->kind == NumberWordKind::kMultiplier ? e3->value : 1;
                  m.end = w3.end;
                  return m;
                }
              }
            }
            if (e2 != nullptr && (e2->kind == NumberWordKind::kMultiplier || e2->kind == NumberWordKind::kDozen)) {
              // "half million", "half-million", "a half-dozen"
              m.value = e2->value / e->value;
              m.scale = e2->kind == NumberWordKind::kMultiplier ? e2->value : 1;
              m.end = w2.end;
              return m;
            }
          }
          if (followed_by_of_or_end(text, w.end) && e->value > 0) {
            m.form = NumberForm::kFraction;
            m.value = 1.0 / e->value;
            m.end = w.end;
            return m;
          }
        }
        goto done;
      }
      case NumberWordKind::kVaguePlural: {
        if ((last == Last::kUnit || last == Last::kTens) && e->base <= 100) {
          current *= e->base;  // "three dozens"
          last = Last::kHundred;
          end = w.end;
          break;
        }
        if (last != Last::kNone) goto done;
        double lo = e->low;
        double hi = e->high;
        size_t vend = w.end;
        if (e->base >= 1000) m.scale = e->base;
        // "hundreds of millions", "tens of thousands"
        bool h2 = false;
        size_t q = next_word_start(text, w.end, &h2);
        if (q != std::string_view::npos && !h2) {
          WordAt of = read_word(text, q);
          if (of.lower() == "of") {
            size_t q2 = next_word_start(text, of.end, &h2);
            if (q2 != std::string_view::npos && !h2) {
              WordAt w2 = read_word(text, q2);
              const NumberWord* e2 = lex.word(w2.lower());
              if (e2 != nullptr && e2->kind == NumberWordKind::kVaguePlural && e2->base > e->base) {
                lo *= e2->base;
                hi *= e2->base;
                m.scale = e2->base;
                vend = w2.end;
              }
            }
          }
        }
        m.form = NumberForm::kVague;
        m.value = lo;
        m.high = hi;
        m.end = vend;
        return m;
      }
      case NumberWordKind::kQuantifier: {
        if (last != Last::kNone && last != Last::kArticle) goto done;
        // "several hundred", "a few million", "a couple of thousand"
        double lo = e->low;
        double hi = e->high;
        size_t q = next_word_start(text, w.end, &hyphen);
        if (q == std::string_view::npos || hyphen) goto done;
        WordAt w2 = read_word(text, q);
        if (w2.lower() == "of") {
          q = next_word_start(text, w2.end, &hyphen);
          if (q == std::string_view::npos || hyphen) goto done;
          w2 = read_word(text, q);
        }
        size_t vend = 0;
        double scale = 1;
        for (int k = 0; k < 2; ++k) {
          const NumberWord* e2 = lex.word(w2.lower());
          if (e2 == nullptr || !(e2->kind == NumberWordKind::kMultiplier || e2->kind == NumberWordKind::kHundred ||
                                 e2->kind == NumberWordKind::kDozen))
            break;
          lo *= e2->value;
          hi *= e2->value;
          if (e2->kind == NumberWordKind::kMultiplier) scale = std::max(scale, e2->value);
          vend = w2.end;
          q = next_word_start(text, w2.end, &hyphen);
          if (q == std::string_view::npos || hyphen) break;
          w2 = read_word(text, q);
        }
        if (vend == 0) goto done;
        m.form = NumberForm::kVague;
        m.value = lo;
        m.high = hi;
        m.scale = scale;
        m.end = vend;
        return m;
      }
    }
    if (hyphen && !(last == Last::kTens || last == Last::kHundred || last == Last::kUnit)) break;
    p = next;
  }
done:
  if (!ok) return std::nullopt;
  m.value = total + current;
  m.end = end;
  return m;
}

}  // namespace numscan

std::optional<NumberWordsMatch> parse_number_words(std::string_view text, size_t pos,
                                                   const NumberLexicon& lexicon) {
  if (pos >= text.size()) return std::nullopt;
  const char c = text[pos];
  if (is_digit(c) || (c == '.' && pos + 1 < text.size() && is_digit(text[pos + 1])))
    return parse_digits(text, pos, lexicon);
  if (!is_alpha(c)) return std::nullopt;
  return parse_words(text, pos, lexicon);
}

}  // namespace crosscheck
