#include "engine/quantity_rules.h"

#include <toml++/toml.h>

#include <algorithm>

namespace crosscheck {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_high(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_str(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(lower_str(s.substr(i, j - i)));
    i = j;
  }
  return out;
}

void sort_longest_first(std::vector<QuantityPhrase>& v) {
  std::stable_sort(v.begin(), v.end(),
                   [](const QuantityPhrase& a, const QuantityPhrase& b) { return a.words.size() > b.words.size(); });
}

Status load_set(const RuleFile& f, std::string_view path, QuantityWordSet& out) {
  auto list = f.strings(path);
  if (!list.ok()) return list.status();
  for (const auto& w : *list) out.insert(lower_str(w));
  return Status::Ok();
}

Status load_phrase_map(const RuleFile& f, std::string_view path, std::vector<QuantityPhrase>& out) {
  auto map = f.string_map(path);
  if (!map.ok()) return map.status();
  for (auto& [k, v] : *map) {
    QuantityPhrase p;
    p.words = split_words(k);
    p.value = v;
    if (p.words.empty()) return f.error("empty phrase in '" + std::string(path) + "'");
    out.push_back(std::move(p));
  }
  sort_longest_first(out);
  return Status::Ok();
}

Result<double> number_at(const RuleFile& f, std::string_view path) {
  const toml::node* n = f.find(path);
  if (n == nullptr) return f.error("missing key '" + std::string(path) + "'");
  if (auto v = n->value<double>()) return *v;
  return f.error_at(*n, "'" + std::string(path) + "' must be a number");
}

}  // namespace

QToken next_token(std::string_view text, size_t p, size_t limit) {
  QToken t;
  limit = std::min(limit, text.size());
  size_t i = p;
  while (i < limit && is_space(text[i]) && i - p < 4) ++i;
  if (i >= limit || is_space(text[i])) return t;
  t.begin = i;
  const char c = text[i];
  if (is_alpha(c) || is_high(c)) {
    t.kind = QToken::Kind::kWord;
    t.capitalized = c >= 'A' && c <= 'Z';
    bool all_upper = true;
    bool dotted = false;
    while (i < limit) {
      const char d = text[i];
      if (is_alpha(d) || is_high(d)) {
        if (d >= 'a' && d <= 'z') all_upper = false;
        ++i;
        continue;
      }
      if ((d == '.' || d == '\'' || d == '&' || d == '-') && i + 1 < limit && is_alpha(text[i + 1]) &&
          i > t.begin && is_alpha(text[i - 1])) {
        dotted = dotted || d == '.';
        ++i;
        continue;
      }
      break;
    }
    if (dotted && i < limit && text[i] == '.') ++i;  // "a.m." "U.S."
    t.upper = all_upper && t.capitalized;
  } else if (is_digit(c)) {
    t.kind = QToken::Kind::kDigits;
    while (i < limit && is_digit(text[i])) ++i;
  } else {
    t.kind = QToken::Kind::kPunct;
    ++i;
  }
  t.end = i;
  t.lower = lower_str(text.substr(t.begin, t.end - t.begin));
  return t;
}

QToken prev_token(std::string_view text, size_t p, size_t floor) {
  QToken t;
  size_t i = std::min(p, text.size());
  while (i > floor && is_space(text[i - 1]) && p - i < 4) --i;
  if (i <= floor || is_space(text[i - 1])) return t;
  t.end = i;
  const char c = text[i - 1];
  if (is_alpha(c) || is_high(c) || (c == '.' && i - 1 > floor && is_alpha(text[i - 2]))) {
    t.kind = QToken::Kind::kWord;
    if (c == '.') --i;  // "No." "Rs."
    while (i > floor) {
      const char d = text[i - 1];
      if (is_alpha(d) || is_high(d)) {
        --i;
        continue;
      }
      if ((d == '.' || d == '\'' || d == '&' || d == '-') && i - 1 > floor && is_alpha(text[i - 2]) &&
          i < t.end && is_alpha(text[i])) {
        --i;
        continue;
      }
      break;
    }
    t.capitalized = text[i] >= 'A' && text[i] <= 'Z';
    bool all_upper = true;
    for (size_t k = i; k < t.end; ++k)
      if (text[k] >= 'a' && text[k] <= 'z') all_upper = false;
    t.upper = all_upper && t.capitalized;
  } else if (is_digit(c)) {
    t.kind = QToken::Kind::kDigits;
    while (i > floor && is_digit(text[i - 1])) --i;
  } else {
    t.kind = QToken::Kind::kPunct;
    --i;
  }
  t.begin = i;
  t.lower = lower_str(text.substr(t.begin, t.end - t.begin));
  return t;
}

int match_phrase_after(const std::vector<QuantityPhrase>& phrases, const QuantityWordMap<std::vector<int>>& index,
                       std::string_view text, size_t p, size_t limit, size_t* end) {
  QToken toks[3];
  toks[0] = next_token(text, p, limit);
  auto it = index.find(toks[0].lower);
  if (it == index.end()) return -1;
  int n = 0;
  size_t q = p;
  for (; n < 3; ++n) {
    if (n > 0) toks[n] = next_token(text, q, limit);
    if (toks[n].kind != QToken::Kind::kWord && toks[n].kind != QToken::Kind::kPunct) break;
    q = toks[n].end;
    if (toks[n].kind == QToken::Kind::kPunct) {
      ++n;
      break;
    }
  }
  for (const int i : it->second) {
    const auto& w = phrases[static_cast<size_t>(i)].words;
    if (static_cast<int>(w.size()) > n) continue;
    bool ok = true;
    for (size_t k = 0; k < w.size() && ok; ++k) ok = toks[k].lower == w[k];
    if (ok) {
      *end = toks[w.size() - 1].end;
      return i;
    }
  }
  return -1;
}

Result<QuantityExtractor::Compiled> compile_quantity_rules(const RuleFile& f) {
  QuantityExtractor::Compiled c;
  auto lex = NumberLexicon::FromRules(f);
  if (!lex.ok()) return lex.status();
  c.lex = std::move(*lex);
  auto ymin = number_at(f, "quantities.year_min");
  if (!ymin.ok()) return ymin.status();
  auto ymax = number_at(f, "quantities.year_max");
  if (!ymax.ok()) return ymax.status();
  auto about = number_at(f, "quantities.about_tolerance");
  if (!about.ok()) return about.status();
  auto nearly = number_at(f, "quantities.nearly_tolerance");
  if (!nearly.ok()) return nearly.status();
  c.year_min = static_cast<int>(*ymin);
  c.year_max = static_cast<int>(*ymax);
  c.about_tolerance = *about;
  c.nearly_tolerance = *nearly;

  const std::pair<const char*, Approx> kinds[] = {
      {"about", Approx::kAbout},     {"nearly", Approx::kNearly}, {"over", Approx::kOver},
      {"at_least", Approx::kAtLeast}, {"under", Approx::kUnder},  {"up_to", Approx::kUpTo},
      {"between", Approx::kRange}};
  for (const auto& [name, approx] : kinds) {
    auto list = f.strings(std::string("quantities.modifiers.") + name);
    if (!list.ok()) return list.status();
    for (const auto& phrase : *list) {
      QuantityPhrase p;
      p.words = split_words(phrase);
      p.approx = approx;
      p.between = approx == Approx::kRange;
      if (p.words.empty()) return f.error("empty modifier");
      c.modifiers.push_back(std::move(p));
    }
  }
  sort_longest_first(c.modifiers);
  for (const auto& [name, approx] : kinds) {
    auto list = f.strings(std::string("quantities.modifiers_after.") + name, /*optional=*/true);
    if (!list.ok()) return list.status();
    for (const auto& phrase : *list) {
      QuantityPhrase p;
      p.words = split_words(phrase);
      p.approx = approx;
      if (p.words.empty()) return f.error("empty modifier");
      c.modifiers_after.push_back(std::move(p));
    }
  }
  sort_longest_first(c.modifiers_after);
  auto signs = f.string_map("quantities.signs", /*optional=*/true);
  if (!signs.ok()) return signs.status();
  for (const auto& [sign, name] : *signs) {
    bool found = false;
    for (const auto& [kname, approx] : kinds) {
      if (name == kname) {
        c.signs.emplace_back(sign, approx);
        found = true;
      }
    }
    if (!found) return f.error("unknown bound '" + name + "' for sign '" + sign + "'");
  }
  std::stable_sort(c.signs.begin(), c.signs.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  CC_RETURN_IF_ERROR(load_phrase_map(f, "quantities.percent", c.percent));
  CC_RETURN_IF_ERROR(load_phrase_map(f, "quantities.currency_words", c.currency_words));
  auto symbols = f.string_map("quantities.currency_symbols");
  if (!symbols.ok()) return symbols.status();
  c.currency_symbols = std::move(*symbols);
  std::stable_sort(c.currency_symbols.begin(), c.currency_symbols.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  auto codes = f.string_map("quantities.currency_codes");
  if (!codes.ok()) return codes.status();
  for (auto& [k, v] : *codes) c.currency_codes[lower_str(k)] = v;
  if (const toml::node* n = f.find("quantities.currency_code_scales")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) return f.error_at(*n, "must be a table of numbers");
    for (const auto& [k, v] : *t) {
      auto d = v.value<double>();
      if (!d) return f.error_at(v, "must be a number");
      c.currency_code_scales[lower_str(k.str())] = *d;
    }
  }
  const std::pair<const char*, QuantityWordSet*> sets[] = {
      {"quantities.glued_units", &c.glued_units},
      {"quantities.words.labels", &c.labels},
      {"quantities.words.months", &c.months},
      {"quantities.words.year_preps", &c.year_preps},
      {"quantities.words.clock", &c.clock},
      {"quantities.words.time_units", &c.time_units},
      {"quantities.words.relative_time", &c.relative_time},
      {"quantities.words.comparatives", &c.comparatives},
      {"quantities.words.irregular_units", &c.irregular_units},
      {"quantities.words.rank", &c.rank},
      {"quantities.words.ordinal_skip", &c.ordinal_skip},
      {"quantities.words.ordinal_owners", &c.ordinal_owners},
      {"quantities.words.superlatives", &c.superlatives},
      {"quantities.words.one_blockers", &c.one_blockers},
      {"quantities.words.stopwords", &c.stopwords},
      {"quantities.words.negatives", &c.negatives},
  };
  for (const auto& [path, set] : sets) CC_RETURN_IF_ERROR(load_set(f, path, *set));
  auto index = [](const std::vector<QuantityPhrase>& v, bool last, QuantityWordMap<std::vector<int>>& out) {
    for (size_t i = 0; i < v.size(); ++i) out[last ? v[i].words.back() : v[i].words.front()].push_back(static_cast<int>(i));
  };
  index(c.percent, false, c.percent_by_first);
  index(c.currency_words, false, c.currency_words_by_first);
  index(c.modifiers_after, false, c.modifiers_after_by_first);
  index(c.modifiers, false, c.modifiers_by_first);
  index(c.modifiers, true, c.modifiers_by_last);
  for (const auto& m : c.modifiers)
    if (m.words.size() == 1) c.single_modifiers.insert(m.words[0]);
  for (const auto& [sym, iso] : c.currency_symbols)
    if (!sym.empty()) {
      c.symbol_last_byte[static_cast<unsigned char>(sym.back())] = true;
      c.symbol_last_byte[static_cast<unsigned char>(lower(sym.back()))] = true;
      if (sym.back() >= 'a' && sym.back() <= 'z') c.symbol_last_byte[static_cast<unsigned char>(sym.back() - 32)] = true;
    }
  return c;
}

}  // namespace crosscheck
