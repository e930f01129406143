#include "engine/quantity_reading.h"

#include <algorithm>

namespace crosscheck::qread {

using Kind = QToken::Kind;

namespace {

size_t currency_before(const Compiled& c, std::string_view text, size_t start, size_t floor,
                       std::string* code) {
  size_t e = start;
  if (e > floor && text[e - 1] == ' ') --e;
  if (e <= floor || !c.symbol_last_byte[static_cast<unsigned char>(text[e - 1])]) return std::string_view::npos;
  for (const auto& [sym, iso] : c.currency_symbols) {
    if (sym.size() > e - floor) continue;
    const size_t b = e - sym.size();
    bool ok = true;
    for (size_t k = 0; k < sym.size() && ok; ++k) ok = lower(text[b + k]) == lower(sym[k]);
    if (!ok) continue;
    if (is_alpha(sym[0]) && b > floor && is_alpha(text[b - 1])) continue;
    if (is_alpha(sym.back()) && e == start) continue;  // "Rs500" is glued letters
    *code = iso;
    return b;
  }
  return std::string_view::npos;
}




// Reads the suffixes of a number: a glued unit, a percent, a currency after.
// Returns false when the number is not a quantity (a name like "4o").
bool read_suffixes(const Compiled& c, std::string_view text, size_t limit, Reading& r) {
  size_t q = r.m.end;
  if (r.m.glued_letters) {
    size_t e = q;
    while (e < limit && is_alpha(text[e])) ++e;
    std::string w;
    for (size_t k = q; k < e; ++k) w.push_back(lower(text[k]));
    if (c.glued_units.count(w) && !(e < limit && is_digit(text[e]))) {
      r.glued_unit = w;
      q = e;
    } else if (auto it = c.currency_codes.find(w); it != c.currency_codes.end() && e - q == 3) {
      set_currency(r, it->second);  // "115USD"
      q = e;
    } else {
      return false;
    }
  }
  // Percent: "30%", "30 %", "ninety percent", "90 per cent".
  size_t pe = 0;
  size_t sp = q;
  while (sp < limit && text[sp] == ' ' && sp - q < 2) ++sp;
  if (sp < limit && text[sp] == '%') {
    r.percent_unit = "percent";
    q = sp + 1;
  } else if (r.glued_unit.empty()) {
    const int i = match_phrase_after(c.percent, c.percent_by_first, text, q, limit, &pe);
    if (i >= 0) {
      r.percent_unit = c.percent[i].value;
      q = pe;
    }
  }
  if (r.percent_unit.empty() && r.glued_unit.empty() && !r.currency) {
    const int i = match_phrase_after(c.currency_words, c.currency_words_by_first, text, q, limit, &pe);
    if (i >= 0) {
      set_currency(r, c.currency_words[i].value);
      q = pe;
    } else {
      QToken t = next_token(text, q, limit);
      if (t.kind == Kind::kWord && t.upper) {
        if (auto it = c.currency_codes.find(t.lower); it != c.currency_codes.end()) {
          set_currency(r, it->second);
          q = t.end;
          if (auto s = c.currency_code_scales.find(t.lower); s != c.currency_code_scales.end()) {
            r.value *= s->second;
            r.scale = std::max(r.scale, s->second);
          }
          // "75 USD million"
          QToken t2 = next_token(text, q, limit);
          if (const NumberWord* w = c.lex.word(t2.lower); w && w->kind == NumberWordKind::kMultiplier) {
            r.value *= w->value;
            r.scale = std::max(r.scale, w->value);
            q = t2.end;
          }
        }
      }
    }
  }
  r.end = q;
  return true;
}

}  // namespace

size_t skip_run(std::string_view text, size_t p, size_t limit) {
  size_t i = p;
  while (i < limit) {
    const char c = text[i];
    if (is_alnum(c)) {
      ++i;
      continue;
    }
    if ((c == '.' || c == ',' || c == ':' || c == '/' || c == '-') && i + 1 < limit && is_alnum(text[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  return std::max(i, p + 1);
}

std::string_view strip_dot(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

bool plural_like(std::string_view w) {
  if (w.size() < 3 || w.back() != 's') return false;
  const char b = w[w.size() - 2];
  return b != 's' && b != 'u' && b != 'i' && b != '\'';
}

// A currency written right before `start`: "$", "US$", "€" (one space allowed).
// Returns the symbol's start or npos.
// Reads one number at `p` with its sign, currency before and suffixes after.
std::optional<Reading> read_number(const Compiled& c, std::string_view text, size_t p, size_t floor,
                                   size_t limit) {
  auto m = parse_number_words(text.substr(0, limit), p, c.lex);
  if (!m) return std::nullopt;
  Reading r;
  r.m = *m;
  r.begin = p;
  r.value = m->value;
  r.scale = m->scale;
  std::string code;
  const size_t cb = currency_before(c, text, p, floor, &code);
  QToken before = prev_token(text, p, floor);
  if (cb != std::string_view::npos) {
    set_currency(r, code);
    r.begin = cb;
  } else if (before.kind == Kind::kWord && before.upper && c.currency_codes.count(before.lower)) {
    set_currency(r, c.currency_codes.find(before.lower)->second);  // "USD 200"
    r.begin = before.begin;
  } else if (m->digits && p > floor && text[p - 1] == '-' && (p - 1 == floor || text[p - 2] == ' ' || text[p - 2] == '(' || text[p - 2] == '<' ||
              text[p - 2] == '>' || text[p - 2] == '=')) {
    r.negative = true;
    r.begin = p - 1;
  } else if (before.kind == Kind::kWord && c.negatives.count(before.lower) &&
             (m->form == NumberForm::kCardinal || m->form == NumberForm::kFraction)) {
    r.negative = true;  // "minus 5", "negative one"
    r.begin = before.begin;
  }
  if (!read_suffixes(c, text, limit, r)) return std::nullopt;
  if (m->money_suffix && !r.currency) {
    // "100m" without a currency is a length, not 100 million.
    r.value = m->value / m->scale;
    r.scale = 1;
    r.glued_unit = "m";
    for (size_t k = p; k < m->end; ++k)
      if (is_alpha(text[k])) r.glued_unit = std::string(1, lower(text[k]));
  }
  if (r.negative) r.value = -r.value;
  return r;
}



Before look_before(const Compiled& c, std::string_view text, size_t begin, size_t floor) {
  Before b;
  b.begin = begin;
  QToken toks[6];
  int n = 0;
  size_t q = begin;
  for (; n < 6; ++n) {
    toks[n] = prev_token(text, q, floor);
    if (toks[n].kind != Kind::kWord) break;
    q = toks[n].begin;
  }
  b.prev = n > 0 ? toks[0] : prev_token(text, begin, floor);
  if (n == 0) {
    // ">30", "<= 100", "< = 100"
    char sign[8];
    size_t k = 0;
    size_t i = begin;
    size_t first = begin;
    while (i > floor && k < 6) {
      const char ch = text[i - 1];
      if (ch == ' ') {
        --i;
        continue;
      }
      if (is_alnum(ch)) break;
      sign[k++] = ch;
      first = --i;
    }
    std::reverse(sign, sign + k);
    const std::string_view got(sign, k);
    for (const auto& [sg, approx] : c.signs) {
      if (got.ends_with(sg) && (got.size() == sg.size() || !got.substr(0, got.size() - sg.size()).ends_with("<"))) {
        b.approx = approx;
        // The sign's first byte: walk back over it and any inner spaces.
        size_t left = sg.size();
        size_t j = begin;
        while (j > first && left > 0) {
          --j;
          if (text[j] != ' ') --left;
        }
        b.begin = j;
        break;
      }
    }
    return b;
  }
  if (toks[0].lower == "from") b.from = true;
  if (c.rank.count(toks[0].lower)) {
    b.rank = true;
    b.begin = toks[0].begin;
    return b;
  }
  auto cand = c.modifiers_by_last.find(toks[0].lower);
  if (cand == c.modifiers_by_last.end()) return b;
  for (const int idx : cand->second) {
    const auto& ph = c.modifiers[static_cast<size_t>(idx)];
    const int k = static_cast<int>(ph.words.size());
    if (k > n) continue;
    bool ok = true;
    for (int i = 0; i < k && ok; ++i) ok = toks[k - 1 - i].lower == ph.words[i];
    if (!ok) continue;
    b.approx = ph.approx;
    b.between = ph.between;
    b.begin = toks[k - 1].begin;
    return b;
  }
  return b;
}

// The head noun after a number: "30 internal tools" -> "tools".


UnitNoun unit_after(const Compiled& c, std::string_view text, size_t p, size_t limit, bool allow_of,
                    bool singular_ok) {
  UnitNoun u;
  size_t q = p;
  std::string first;
  size_t first_end = 0;
  for (int i = 0; i < 4; ++i) {
    QToken t = next_token(text, q, limit);
    if (t.kind != Kind::kWord) {
      if (t.kind == Kind::kPunct && t.lower == "-" && i == 0 && t.begin == p) {  // "15-member"
        QToken w = next_token(text, t.end, limit);
        if (w.kind == Kind::kWord && w.begin == t.end && !c.stopwords.count(w.lower)) {
          u.word = w.lower;
          u.end = w.end;
        }
        return u;
      }
      if (t.kind == Kind::kPunct && t.lower == "-" && i == 0 && t.begin == p + 1 && text[p] == ' ') {
        // "35 - year - old", "170, 000 - square - foot": the hyphens of text
        // split into tokens and joined again. Only a compound of two words or
        // more: "20 - including" is a dash before an aside.
        std::string compound;
        size_t at = t.begin, end = 0;
        for (int part = 0; part < 3; ++part) {
          if (!(at + 2 < limit && text[at] == '-' && text[at + 1] == ' ')) break;
          QToken w = next_token(text, at + 1, limit);
          if (w.kind != Kind::kWord || w.begin != at + 2 || c.stopwords.count(w.lower)) break;
          compound += (part ? "-" : "") + w.lower;
          end = w.end;
          at = w.end + 1;
          if (!(w.end < limit && text[w.end] == ' ')) break;
        }
        if (compound.find('-') != std::string::npos) {
          u.word = compound;
          u.end = end;
        }
        return u;
      }
      break;
    }
    q = t.end;
    if (i > 0 && t.lower.size() > 4 && t.lower.ends_with("ed")) break;  // a verb: "reading surprised"
    if (t.lower == "of" && allow_of && i == 0) {
      QToken d = next_token(text, q, limit);  // "of the staff", "of its users"
      if (d.kind == Kind::kWord && c.ordinal_owners.count(d.lower))
        q = d.end;
      continue;
    }
    if (c.stopwords.count(t.lower) && !c.time_units.count(t.lower)) break;
    if (c.lex.word(t.lower) != nullptr) break;
    if (plural_like(t.lower) || c.irregular_units.count(t.lower) || c.time_units.count(t.lower)) {
      u.word = t.lower;
      u.end = t.end;
      return u;
    }
    if (t.capitalized) break;
    first = t.lower;  // the last word of the phrase is its head: "electric truck"
    first_end = t.end;
  }
  if (singular_ok && !first.empty()) {
    u.word = first;
    u.end = first_end;
  }
  return u;
}

bool is_month(const Compiled& c, const QToken& t) {
  return t.kind == Kind::kWord && t.capitalized && c.months.count(strip_dot(t.lower));
}

void set_currency(Reading& r, const std::string& v) {
  const size_t sp = v.find(' ');
  if (sp == std::string::npos) {
    r.currency = v;
  } else {
    r.currency = v.substr(0, sp);
    r.money_unit = v.substr(sp + 1);
  }
}

}  // namespace crosscheck::qread
