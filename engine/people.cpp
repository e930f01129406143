#include "engine/people.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstring>

namespace crosscheck {

std::string_view lower_into(std::string_view w, char* buf, size_t cap) {
  const size_t n = std::min(w.size(), cap);
  for (size_t i = 0; i < n; ++i) {
    const char c = w[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string_view(buf, n);
}

uint64_t WordSet::Hash(std::string_view low) {
  uint64_t h = 1469598103934665603ull ^ low.size();
  for (const char c : low) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h ^ (h >> 29);
}

WordSet::WordSet(std::vector<std::string> words) {
  std::vector<std::string> low;
  low.reserve(words.size());
  for (auto& w : words) {
    char buf[64];
    if (w.empty() || w.size() > kMaxLen) continue;
    low.emplace_back(lower_into(w, buf, sizeof buf));
    seen_[w.size()] |= uint64_t{1} << (static_cast<unsigned char>(low.back()[0]) & 63);
  }
  std::sort(low.begin(), low.end());
  low.erase(std::unique(low.begin(), low.end()), low.end());
  size_t cap = 16;
  while (cap < low.size() * 2) cap <<= 1;
  slots_.assign(cap, 0);
  mask_ = cap - 1;
  arena_.reserve(low.size() * 8 + 1);
  arena_.push_back('\0');  // offset 0 is never a word, so slot 0 means empty
  for (const std::string& w : low) {
    const uint64_t slot = (static_cast<uint64_t>(arena_.size()) << 16) | w.size();
    arena_ += w;
    for (uint64_t i = Hash(w) & mask_;; i = (i + 1) & mask_)
      if (slots_[i] == 0) {
        slots_[i] = slot;
        break;
      }
  }
}

bool WordSet::has(std::string_view word) const {
  const size_t n = word.size();
  if (n == 0 || n > kMaxLen) return false;
  auto fold = [](char c) {
    return static_cast<unsigned char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  };
  if ((seen_[n] & (uint64_t{1} << (fold(word[0]) & 63))) == 0) return false;
  // Hash() of the folded word, folding on the fly.
  uint64_t h = 1469598103934665603ull ^ n;
  for (const char c : word) h = (h ^ fold(c)) * 1099511628211ull;
  h ^= h >> 29;
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const uint64_t slot = slots_[i];
    if (slot == 0) return false;
    if ((slot & 0xffff) != n) continue;
    const char* stored = arena_.data() + (slot >> 16);
    size_t k = 0;
    while (k < n && static_cast<unsigned char>(stored[k]) == fold(word[k])) ++k;
    if (k == n) return true;
  }
}

namespace {

Status load_set(const RuleFile& f, std::string_view path, WordSet& out) {
  auto v = f.strings(path);
  if (!v.ok()) return v.status();
  out = WordSet(std::move(v).value());
  return Status::Ok();
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool is_possessive(std::string_view w) {
  return w.size() > 2 && w[w.size() - 2] == '\'' && (w.back() == 's' || w.back() == 'S');
}
std::string_view strip_possessive(std::string_view w) {
  return is_possessive(w) ? w.substr(0, w.size() - 2) : w;
}

// "AI", "OCBC": two or more letters, all capitals.
bool is_acronym(std::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w)
    if (is_lower(c)) return false;
  return true;
}
// "OpenAI", "DeepLearning.AI", "iPhone": a capital after a lower-case letter.
bool is_camel(std::string_view w) {
  for (size_t i = 1; i < w.size(); ++i)
    if (is_upper(w[i]) && is_lower(w[i - 1])) return true;
  return false;
}

// "ex" or "Ex" (as in "Ex-Mafia boss", "Ex - Mafia boss").
bool is_ex(std::string_view w) { return w.size() == 2 && (w[0] == 'e' || w[0] == 'E') && (w[1] == 'x' || w[1] == 'X'); }
bool is_word(const TokenView& tv, size_t i) { return (*tv.tokens)[i].kind == TokenKind::kWord; }
bool is_cap(const TokenView& tv, size_t i) {
  const Token& t = (*tv.tokens)[i];
  return t.kind == TokenKind::kWord && t.capitalized;
}
bool is_punct(const TokenView& tv, size_t i, char c) {
  const Token& t = (*tv.tokens)[i];
  return t.kind == TokenKind::kPunct && t.span.size() == 1 && tv.text[t.span.start] == c;
}
bool adjacent(const TokenView& tv, size_t a, size_t b) {
  return (*tv.tokens)[a].span.end == (*tv.tokens)[b].span.start;
}
// A single capital letter followed directly by "." ("J.").
bool is_initial(const TokenView& tv, size_t i) {
  return is_cap(tv, i) && tv.at(i).size() == 1 && i + 1 < tv.size() && is_punct(tv, i + 1, '.') &&
         adjacent(tv, i, i + 1);
}

// A token that may sit in a capitalized run: names, titles, honorifics, acronyms.
bool run_word_uncached(const PeopleRules& r, const TokenView& tv, size_t i) {
  if (!is_cap(tv, i)) return false;
  const std::string_view w = tv.at(i);
  if (is_possessive(w)) return false;
  return !r.not_names.has(w);
}

bool run_word(const PeopleRules& r, const TokenView& tv, size_t i) {
  return tv.run_words != nullptr ? tv.run_words[i] != 0 : run_word_uncached(r, tv, i);
}

}  // namespace

void mark_run_words(const PeopleRules& r, const TokenView& tv, std::vector<uint8_t>& out) {
  out.resize(tv.size());
  for (size_t i = 0; i < tv.size(); ++i) out[i] = run_word_uncached(r, tv, i) ? 1 : 0;
}

bool is_name_token(const PeopleRules& r, const TokenView& tv, size_t i) {
  if (!run_word(r, tv, i)) return false;
  const std::string_view w = tv.at(i);
  return !is_acronym(w) || is_initial(tv, i);
}

Result<PeopleRules> PeopleRules::Load(const RuleSource& rules) {
  auto file = rules.Open("people.toml");
  if (!file.ok()) return file.status();
  const RuleFile& f = file.value();
  PeopleRules r;
  CC_RETURN_IF_ERROR(load_set(f, "names.honorifics", r.honorifics));
  CC_RETURN_IF_ERROR(load_set(f, "names.male_honorifics", r.male_honorifics));
  CC_RETURN_IF_ERROR(load_set(f, "names.female_honorifics", r.female_honorifics));
  CC_RETURN_IF_ERROR(load_set(f, "names.particles", r.particles));
  CC_RETURN_IF_ERROR(load_set(f, "names.suffixes", r.suffixes));
  CC_RETURN_IF_ERROR(load_set(f, "names.not_names", r.not_names));
  CC_RETURN_IF_ERROR(load_set(f, "names.organisation_words", r.organisation_words));
  CC_RETURN_IF_ERROR(load_set(f, "titles.words", r.title_words));
  CC_RETURN_IF_ERROR(load_set(f, "titles.modifiers", r.title_modifiers));
  CC_RETURN_IF_ERROR(load_set(f, "titles.departments", r.title_departments));
  CC_RETURN_IF_ERROR(load_set(f, "titles.organisation_prepositions", r.organisation_prepositions));
  CC_RETURN_IF_ERROR(load_set(f, "titles.organisation_stops", r.organisation_stops));
  CC_RETURN_IF_ERROR(load_set(f, "titles.relative_pronouns", r.relative_pronouns));
  CC_RETURN_IF_ERROR(load_set(f, "bylines.noise", r.byline_noise));
  auto classes = f.string_map("titles.classes");
  if (!classes.ok()) return classes.status();
  r.classes_ = std::move(classes).value();
  for (auto& [k, v] : r.classes_) {
    char buf[64];
    if (k.size() > sizeof buf) return f.error("titles.classes: key too long: " + k);
    k = std::string(lower_into(k, buf, sizeof buf));
  }
  std::sort(r.classes_.begin(), r.classes_.end());
  return r;
}

std::string PeopleRules::role_class(std::string_view title) const {
  // Normalize: lower case, words split on spaces, modifiers and "the/a" dropped.
  std::vector<std::string> words;
  size_t i = 0;
  while (i < title.size()) {
    while (i < title.size() && (title[i] == ' ' || title[i] == ',')) ++i;
    size_t j = i;
    while (j < title.size() && title[j] != ' ' && title[j] != ',') ++j;
    if (j > i) {
      std::string_view w = title.substr(i, j - i);
      while (!w.empty() && (w.back() == '.')) w.remove_suffix(1);
      char buf[64];
      const std::string_view low = lower_into(w, buf, sizeof buf);
      if (!low.empty() && !title_modifiers.has(low) && low != "the" && low != "a" && low != "an")
        words.emplace_back(low);
    }
    i = j;
  }
  auto lookup = [&](const std::string& key) -> const std::string* {
    auto it = std::lower_bound(classes_.begin(), classes_.end(), key,
                               [](const auto& p, const std::string& k) { return p.first < k; });
    return (it != classes_.end() && it->first == key) ? &it->second : nullptr;
  };
  std::string whole;
  for (size_t k = 0; k < words.size(); ++k) whole += (k ? " " : "") + words[k];
  // Longest listed suffix ("shanghai-based tech analyst" ends in "analyst").
  for (size_t start = 0; start < words.size(); ++start) {
    std::string key;
    for (size_t k = start; k < words.size(); ++k) key += (k > start ? " " : "") + words[k];
    if (const std::string* c = lookup(key)) return *c;
  }
  return whole;
}

std::optional<NameRun> name_run_ending_at(const PeopleRules& r, const TokenView& tv, size_t end,
                                          size_t floor) {
  if (end == 0 || end <= floor) return std::nullopt;
  size_t last = end;
  // A trailing "." belongs to the run only after an initial ("Sarah J.").
  if (is_punct(tv, last - 1, '.') && last - 1 > floor && is_initial(tv, last - 2)) {
    // keep
  } else if (!run_word(r, tv, last - 1)) {
    return std::nullopt;
  }
  size_t first = last;
  while (first > floor) {
    const size_t k = first - 1;
    if (run_word(r, tv, k)) {
      first = k;
      continue;
    }
    if (is_punct(tv, k, '.') && k > floor && is_initial(tv, k - 1)) {
      first = k;
      continue;
    }
    // "Mr. Smith": the dot of an abbreviated honorific.
    if (is_punct(tv, k, '.') && k > floor && r.honorifics.has(tv.at(k - 1)) && is_cap(tv, k - 1)) {
      first = k;
      continue;
    }
    if (is_word(tv, k) && r.particles.has(tv.at(k)) && k > floor && run_word(r, tv, k - 1) &&
        first < last) {
      first = k;
      continue;
    }
    break;
  }
  if (first >= last) return std::nullopt;
  NameRun run;
  run.first = static_cast<uint32_t>(first);
  run.last = static_cast<uint32_t>(last);
  size_t name_first = first;
  for (size_t k = first; k < last; ++k) {
    if (!is_word(tv, k)) continue;
    const std::string_view w = tv.at(k);
    if (r.honorifics.has(w) && k + 1 < last) {
      run.honorific = std::string(w);
      name_first = k + 1;
    } else if ((r.title_words.has(w) || r.title_modifiers.has(w)) && k + 1 < last) {
      name_first = k + 1;
      run.honorific.clear();
    }
  }
  while (name_first < last && !is_word(tv, name_first)) ++name_first;  // "Mr." dot
  while (name_first < last && r.particles.has(tv.at(name_first)) && !is_cap(tv, name_first))
    ++name_first;
  // "Head of Communications Samuel Iswin", "Secretary of State Antony Blinken":
  // after "<title> of", the department belongs to the title, not the name.
  if (name_first == first && first >= 2 && is_word(tv, first - 1) && tv.at(first - 1) == "of" &&
      is_word(tv, first - 2) && r.title_words.has(tv.at(first - 2))) {
    size_t k = name_first;
    while (k + 1 < last && is_word(tv, k) && r.title_departments.has(tv.at(k))) ++k;
    name_first = k;
  }
  if (name_first >= last) return std::nullopt;
  run.name_first = static_cast<uint32_t>(name_first);
  size_t words = 0;
  bool odd_case = false;
  for (size_t k = name_first; k < last; ++k) {
    if (!is_word(tv, k)) continue;
    ++words;
    const std::string_view w = tv.at(k);
    if (r.organisation_words.has(w)) run.organisation = true;
    if ((is_acronym(w) && !is_initial(tv, k)) || is_camel(w)) odd_case = true;
  }
  if (words == 0) return std::nullopt;
  // "Vice President", "Chief Executive": titles alone name nobody. (A lone
  // "King" or "Dean" may be a surname: only a title word after other title
  // words is refused.)
  const bool after_title = name_first > first || (first > 0 && is_word(tv, first - 1) && is_cap(tv, first - 1) &&
                                                   r.title_words.has(tv.at(first - 1)));
  if (words == 1 && after_title && r.title_words.has(tv.at(name_first))) return std::nullopt;
  if (words == 1 && odd_case) run.organisation = true;  // "OpenAI", "OCBC"
  // "the Ministry of Infrastructure", "the University of Heathcombe": after
  // "<organisation word> of" the run ends the organisation's name.
  if (first >= 2 && is_word(tv, first - 1) && tv.at(first - 1) == "of" && is_word(tv, first - 2) &&
      is_cap(tv, first - 2) && r.organisation_words.has(tv.at(first - 2)))
    run.organisation = true;
  return run;
}

namespace {
std::optional<NameRun> name_run_starting_at_uncached(const PeopleRules& r, const TokenView& tv,
                                                     size_t start);
}  // namespace

std::optional<NameRun> name_run_starting_at(const PeopleRules& r, const TokenView& tv,
                                            size_t start) {
  if (start >= tv.size() || !run_word(r, tv, start)) return std::nullopt;
  if (tv.run_cache == nullptr || start >= tv.run_cache->size())
    return name_run_starting_at_uncached(r, tv, start);
  RunCacheEntry& e = (*tv.run_cache)[start];
  if (!e.done) {
    e.run = name_run_starting_at_uncached(r, tv, start);
    e.done = true;
  }
  return e.run;
}

namespace {
std::optional<NameRun> name_run_starting_at_uncached(const PeopleRules& r, const TokenView& tv,
                                                     size_t start) {
  size_t end = start;
  while (end < tv.size()) {
    if (run_word(r, tv, end)) {
      ++end;
      continue;
    }
    if (is_punct(tv, end, '.') && end > start && is_initial(tv, end - 1)) {
      ++end;
      continue;
    }
    if (is_punct(tv, end, '.') && end > start && r.honorifics.has(tv.at(end - 1)) &&
        end + 1 < tv.size() && run_word(r, tv, end + 1)) {
      ++end;
      continue;
    }
    if (is_word(tv, end) && r.particles.has(tv.at(end)) && end + 1 < tv.size() &&
        run_word(r, tv, end + 1)) {
      ++end;
      continue;
    }
    break;
  }
  return name_run_ending_at(r, tv, end, start);
}
}  // namespace

std::string name_text(const TokenView& tv, const NameRun& run) {
  std::string out;
  for (size_t k = run.name_first; k < run.last; ++k) {
    if (!out.empty() && !(is_punct(tv, k, '.') && adjacent(tv, k - 1, k))) out += ' ';
    out += tv.at(k);
  }
  return out;
}

// ---------------------------------------------------------------- registry

namespace {
std::string_view first_word(std::string_view s) { return s.substr(0, s.find(' ')); }
std::string_view last_word(std::string_view s) {
  const size_t p = s.rfind(' ');
  return p == std::string_view::npos ? s : s.substr(p + 1);
}
bool one_word(std::string_view s) { return s.find(' ') == std::string_view::npos; }
}  // namespace

std::optional<uint32_t> PersonRegistry::Find(std::string_view name, std::string_view honorific,
                                             bool* short_name) const {
  if (short_name) *short_name = false;
  for (size_t i = people_.size(); i-- > 0;)
    if (people_[i].name == name) return static_cast<uint32_t>(i);
  if (!one_word(name)) return std::nullopt;
  // A surname alone, or an honorific with a surname or a first name.
  for (size_t i = people_.size(); i-- > 0;) {
    const Person& p = people_[i];
    if (p.organisation || one_word(p.name)) continue;
    if (last_word(p.name) == name || (!honorific.empty() && first_word(p.name) == name)) {
      if (short_name) *short_name = true;
      return static_cast<uint32_t>(i);
    }
  }
  return std::nullopt;
}

uint32_t PersonRegistry::Introduce(std::string_view name, std::string_view honorific,
                                   bool organisation, Mention mention, bool* short_name) {
  if (auto found = Find(name, honorific, short_name)) {
    AddMention(*found, std::move(mention));
    if (!honorific.empty()) {
      if (people_[*found].honorific.empty()) people_[*found].honorific = std::string(honorific);
      if (rules_->male_honorifics.has(honorific)) SetGender(*found, Gender::kMale);
      if (rules_->female_honorifics.has(honorific)) SetGender(*found, Gender::kFemale);
    }
    return *found;
  }
  // "Ready" seen alone first, "Bill Ready" later: one person, named in full.
  if (!one_word(name) && !organisation) {
    for (size_t i = people_.size(); i-- > 0;) {
      Person& p = people_[i];
      if (!p.organisation && one_word(p.name) && p.name == last_word(name)) {
        p.name = std::string(name);
        AddMention(static_cast<uint32_t>(i), std::move(mention));
        return static_cast<uint32_t>(i);
      }
    }
  }
  Person p;
  p.name = std::string(name);
  p.organisation = organisation;
  p.honorific = std::string(honorific);
  if (!honorific.empty()) {
    if (rules_->male_honorifics.has(honorific)) p.gender = Gender::kMale;
    if (rules_->female_honorifics.has(honorific)) p.gender = Gender::kFemale;
  }
  p.mentions.push_back(std::move(mention));
  people_.push_back(std::move(p));
  return static_cast<uint32_t>(people_.size() - 1);
}

void PersonRegistry::AddMention(uint32_t person, Mention mention) {
  auto& ms = people_[person].mentions;
  auto it = std::lower_bound(ms.begin(), ms.end(), mention,
                             [](const Mention& a, const Mention& b) { return a.span.start < b.span.start; });
  if (it != ms.end() && it->span == mention.span) return;
  ms.insert(it, std::move(mention));
}

void PersonRegistry::SetGender(uint32_t person, Gender g) {
  if (people_[person].gender == Gender::kUnknown) people_[person].gender = g;
}

// ---------------------------------------------------------------- roles

namespace {

Span tok_span(const TokenView& tv, size_t a, size_t b) {  // tokens [a, b)
  return Span{(*tv.tokens)[a].span.start, (*tv.tokens)[b - 1].span.end};
}
std::string span_text(const TokenView& tv, size_t a, size_t b) {
  const Span s = tok_span(tv, a, b);
  return std::string(tv.text.substr(s.start, s.size()));
}

uint32_t introduce_run(const PeopleRules& r, const TokenView& tv, const NameRun& run,
                       PersonRegistry& reg) {
  const std::string name = name_text(tv, run);
  const size_t mention_first = run.honorific.empty() ? run.name_first : run.name_first - 1;
  size_t mf = mention_first;
  while (mf > run.first && is_punct(tv, mf, '.')) --mf;  // "Mr." -> start at "Mr"
  if (!run.honorific.empty()) {
    // Start the mention at the honorific token.
    for (size_t k = run.name_first; k-- > run.first;)
      if (is_word(tv, k) && r.honorifics.has(tv.at(k))) {
        mf = k;
        break;
      }
  } else {
    mf = run.name_first;
  }
  Mention m{span_text(tv, mf, run.last), tok_span(tv, mf, run.last)};
  return reg.Introduce(name, run.honorific, run.organisation, std::move(m));
}

void add_role(const PeopleRules& r, const TokenView& tv, PersonRegistry& reg, uint32_t person,
              size_t ta, size_t tb, std::optional<std::string> org, std::vector<Role>& roles) {
  Role role;
  role.span = tok_span(tv, ta, tb);
  role.person = person;
  role.person_name = reg.people()[person].name;
  role.title = std::string(tv.text.substr(role.span.start, role.span.size()));
  role.organisation = std::move(org);
  role.role_class = r.role_class(role.title);
  for (const Role& o : roles)
    if (o.span == role.span && o.person == role.person) return;
  roles.push_back(std::move(role));
}

// Organisation named in a prepositional phrase [a, b): the last capitalized run
// of its first phrase that holds one ("at research firm Omdia focusing on AI").
std::optional<std::string> organisation_in(const PeopleRules& r, const TokenView& tv, size_t a,
                                           size_t b) {
  size_t k = a;
  while (k < b) {
    if (!(is_word(tv, k) && r.organisation_prepositions.has(tv.at(k)))) {
      ++k;
      continue;
    }
    size_t j = k + 1;
    std::optional<std::pair<size_t, size_t>> best;
    while (j < b && !(is_word(tv, j) && !is_cap(tv, j) &&
                      (r.organisation_prepositions.has(tv.at(j)) || r.organisation_stops.has(tv.at(j))))) {
      if (is_cap(tv, j) || (*tv.tokens)[j].kind == TokenKind::kNumber) {
        size_t e = j;
        while (e < b && (is_cap(tv, e) || (*tv.tokens)[e].kind == TokenKind::kNumber ||
                         (is_punct(tv, e, '.') && e + 1 < b && adjacent(tv, e, e + 1)) ||
                         (e > j && adjacent(tv, e - 1, e) && is_word(tv, e))))
          ++e;
        bool has_cap = false;
        for (size_t q = j; q < e; ++q) has_cap |= is_cap(tv, q);
        if (has_cap) best = {j, e};
        j = std::max(e, j + 1);
      } else {
        ++j;
      }
    }
    if (best) return span_text(tv, best->first, best->second);
    k = j;
  }
  return std::nullopt;
}

// Pre-modifiers before a name: "Pinterest Chief Technology Officer", "Airbnb
// boss", "former UK deputy prime minister", "the firm's boss".
void premodifier_role(const PeopleRules& r, const TokenView& tv, const NameRun& run, uint32_t person,
                      PersonRegistry& reg, std::vector<Role>& roles) {
  size_t p = run.name_first;
  while (p > run.first && !is_word(tv, p - 1)) --p;  // skip "Mr."-style dots inside the run
  // Walk left over title words, modifiers, capitalized words and possessives.
  size_t left = p;
  while (left > 0) {
    const size_t k = left - 1;
    // "Ex - Mafia boss" (a hyphen set apart): "Ex" qualifies the title.
    if (tv.at(k) == "-" && k > 0 && is_ex(tv.at(k - 1))) {
      left = k - 1;
      break;
    }
    if (!is_word(tv, k)) break;
    const std::string_view w = tv.at(k);
    if (r.honorifics.has(w) && k >= run.first) {
      left = k;
      continue;
    }
    if (r.title_words.has(w) || r.title_modifiers.has(w) || is_cap(tv, k) || is_possessive(w)) {
      if (is_cap(tv, k) && r.not_names.has(w) && !r.title_words.has(w)) break;
      left = k;
      continue;
    }
    // "Head of Communications Samuel Iswin": "of" and a department inside the title.
    if (w == "of" && k > 0 && k + 1 < p && is_word(tv, k - 1) && r.title_words.has(tv.at(k - 1)) &&
        r.title_departments.has(tv.at(k + 1))) {
      left = k;
      continue;
    }
    break;
  }
  size_t title_first = p, head = p, title_last = p;  // title tokens [title_first, title_last)
  bool found = false;
  bool after_of = false;
  for (size_t k = left; k < p; ++k) {
    const std::string_view w = tv.at(k);
    if (r.honorifics.has(w) && !r.title_words.has(w)) continue;
    if (found && w == "of") {
      after_of = true;
      continue;
    }
    if (after_of && r.title_departments.has(w)) {
      title_last = k + 1;
      continue;
    }
    after_of = false;
    const bool mod = r.title_modifiers.has(w);
    const bool tw = r.title_words.has(w) && !is_possessive(w);
    if (!found && (mod || tw)) {
      title_first = k;
      found = true;
    }
    if (tw) {
      if (head == p) head = k;
      title_last = k + 1;
    }
  }
  if (!found || head == p || title_last <= title_first) return;
  // "Alstead Growers Finance Director Quentin Torlow": a capitalised
  // department just before the title belongs to it, when capitalised words
  // (the organisation) stand before it.
  if (title_first == head && head >= left + 2 && is_cap(tv, head - 1) &&
      r.title_departments.has(tv.at(head - 1)) && is_cap(tv, head - 2) && !r.title_words.has(tv.at(head - 2)) &&
      !r.title_departments.has(tv.at(head - 2))) {
    --head;
    title_first = head;
  }
  // The organisation: capitalized or possessive words just before the head.
  std::optional<std::string> org;
  size_t oe = head;
  while (oe > left && r.title_modifiers.has(tv.at(oe - 1))) --oe;
  size_t ob = oe;
  while (ob > left && (is_cap(tv, ob - 1) || is_possessive(tv.at(ob - 1))) &&
         !r.title_words.has(tv.at(ob - 1)) && !r.title_modifiers.has(tv.at(ob - 1)))
    --ob;
  bool ex_org = false;
  if (ob < oe) {
    std::string o = span_text(tv, ob, oe);
    if (is_possessive(o)) o.resize(o.size() - 2);
    // "Ex-Mafia boss": a past role of the Mafia; the title keeps the "Ex-".
    if (o.size() > 3 && is_ex(std::string_view(o).substr(0, 2)) && o[2] == '-') {
      o.erase(0, 3);
      ex_org = true;
    }
    if (!o.empty() && is_upper(o[0])) org = o;
  }
  if (ex_org) title_first = std::min(title_first, ob);
  else if (title_first == ob && ob < oe) title_first = oe;  // "Pinterest Chief ..." -> title starts at "Chief"
  while (title_first < title_last && is_possessive(tv.at(title_first))) ++title_first;
  if (title_first >= title_last) return;
  add_role(r, tv, reg, person, title_first, title_last, std::move(org), roles);
}

// Appositions after a name: ", CEO of OpenAI", ", Pinterest's Chief Technology
// Officer", ", an analyst at research firm Omdia", ", who builds products at ...".
void apposition_role(const PeopleRules& r, const TokenView& tv, const NameRun& run, uint32_t person,
                     PersonRegistry& reg, std::vector<Role>& roles) {
  size_t k = run.last;
  if (k >= tv.size() || !is_punct(tv, k, ',')) return;
  ++k;
  size_t end = k;
  while (end < tv.size() && !is_punct(tv, end, ',') && !is_punct(tv, end, ';') &&
         !is_punct(tv, end, '"') && !is_punct(tv, end, '(') &&
         !(is_punct(tv, end, '.') && !(end > 0 && is_initial(tv, end - 1)) &&
           !(end + 1 < tv.size() && adjacent(tv, end, end + 1))))
    ++end;
  if (end - k > 16 || end <= k) return;
  // "the commerce secretary, Gary Locke, and the interior secretary, Ken
  // Salazar": after "and" / "or" the phrase is another person's.
  if (is_word(tv, k) && (tv.at(k) == "and" || tv.at(k) == "or")) return;
  if (is_word(tv, k) && tv.at(k) == "who") {
    if (end - k < 3) return;
    std::optional<std::string> org = organisation_in(r, tv, k + 1, end);
    add_role(r, tv, reg, person, k + 1, end, std::move(org), roles);
    return;
  }
  size_t a = k;
  if (is_word(tv, a) && (tv.at(a) == "a" || tv.at(a) == "an" || tv.at(a) == "the")) ++a;
  std::optional<std::string> org;
  if (a < end && is_cap(tv, a) && is_possessive(tv.at(a))) {
    org = std::string(strip_possessive(tv.at(a)));
    ++a;
  }
  // The title runs to the last title word before the first preposition.
  size_t last_title = a;
  size_t scan = a;
  for (; scan < end && scan < a + 6; ++scan) {
    const std::string_view w = tv.at(scan);
    if (is_word(tv, scan) && r.organisation_prepositions.has(w) && !is_cap(tv, scan)) break;
    // "the Mississippi Democrat who was chairman of ...": the title, if any,
    // stands before the relative clause ([titles] relative_pronouns).
    if (is_word(tv, scan) && r.relative_pronouns.has(w)) break;
    if (r.title_words.has(w)) last_title = scan + 1;
  }
  // ", the head of operations of Crestview Air": "of" and a department stay in the title.
  if (last_title > a && last_title + 1 < end && tv.at(last_title) == "of" &&
      r.title_departments.has(tv.at(last_title + 1))) {
    size_t d = last_title + 1;
    while (d < end && d < last_title + 4 && is_word(tv, d) && r.title_departments.has(tv.at(d))) ++d;
    last_title = d;
  }
  if (last_title == a) return;
  if (!org) org = organisation_in(r, tv, last_title, end);
  add_role(r, tv, reg, person, a, last_title, std::move(org), roles);
}

bool person_like(const PeopleRules& r, const TokenView& tv, const NameRun& run) {
  if (run.organisation) return false;
  if (!run.honorific.empty()) return true;
  size_t words = 0;
  for (size_t k = run.name_first; k < run.last; ++k)
    if (is_word(tv, k)) {
      ++words;
      if (r.title_words.has(tv.at(k))) return false;
    }
  return words >= 2 && words <= 4;
}

}  // namespace

void find_roles(const PeopleRules& r, const TokenView& tv, PersonRegistry& reg,
                std::vector<Role>& roles) {
  size_t i = 0;
  while (i < tv.size()) {
    if (!run_word(r, tv, i)) {  // no run starts here (name_run_starting_at's first test)
      ++i;
      continue;
    }
    auto run = name_run_starting_at(r, tv, i);
    if (!run) {
      ++i;
      continue;
    }
    const size_t next = std::max<size_t>(run->last, i + 1);
    const bool has_prefix_title = [&] {
      for (size_t k = run->first; k < run->name_first; ++k)
        if (r.title_words.has(tv.at(k)) || r.title_modifiers.has(tv.at(k))) return true;
      if (run->first > 0) {
        const std::string_view w = tv.at(run->first - 1);
        if (r.title_words.has(w) || r.title_modifiers.has(w)) return true;
        // "Head of Communications Samuel Iswin" (the department left out of the name).
        if (w == "of" && run->first >= 2 && run->name_first > run->first && r.title_words.has(tv.at(run->first - 2)))
          return true;
      }
      return false;
    }();
    if (run->last < tv.size() && is_word(tv, run->last) &&
        (r.title_words.has(tv.at(run->last)) ||
         (is_cap(tv, run->last) && r.not_names.has(tv.at(run->last))))) {
      i = next;  // "Tesla AI scientist Andrej Karpathy": an organisation before a title
      continue;
    }
    const bool apposition = run->last + 1 < tv.size() && is_punct(tv, run->last, ',');
    if (!run->organisation && (has_prefix_title || !run->honorific.empty() || apposition)) {
      // Only name-like runs become people: a title before them, an honorific,
      // or a title/relative clause in apposition.
      const size_t before = roles.size();
      if (has_prefix_title || !run->honorific.empty() || person_like(r, tv, *run)) {
        std::optional<uint32_t> person;
        auto ensure = [&] {
          if (!person) person = introduce_run(r, tv, *run, reg);
          return *person;
        };
        if (has_prefix_title || !run->honorific.empty()) ensure();
        if (has_prefix_title) premodifier_role(r, tv, *run, ensure(), reg, roles);
        if (apposition && person_like(r, tv, *run)) {
          // Introduce only if the apposition yields a title.
          std::vector<Role> tmp;
          const uint32_t placeholder = person ? *person : 0;
          if (person) {
            apposition_role(r, tv, *run, placeholder, reg, roles);
          } else {
            // Probe with a throwaway registry entry avoided: check first.
            PersonRegistry probe(r);
            const uint32_t pp = introduce_run(r, tv, *run, probe);
            apposition_role(r, tv, *run, pp, probe, tmp);
            if (!tmp.empty()) {
              const uint32_t real = ensure();
              for (Role& role : tmp) {
                role.person = real;
                role.person_name = reg.people()[real].name;
                roles.push_back(std::move(role));
              }
            }
          }
        }
      }
      (void)before;
    }
    i = next;
  }
}

void find_byline_roles(const PeopleRules& r, std::string_view text, Span line, PersonRegistry& reg,
                       std::vector<Role>& roles) {
  const std::string_view s = text.substr(line.start, line.size());
  std::vector<Token> toks = tokenize(s, line.start);
  // Split camel-case joins ("JamaliNorth" -> "Jamali" "North").
  std::vector<Token> split;
  split.reserve(toks.size() + 4);
  for (const Token& t : toks) {
    const std::string_view w = text.substr(t.span.start, t.span.size());
    size_t cut = 0;
    if (t.kind == TokenKind::kWord && t.capitalized && w.size() > 3) {
      for (size_t k = 2; k + 1 < w.size(); ++k)
        if (is_upper(w[k]) && is_lower(w[k - 1]) && is_lower(w[k + 1])) {
          cut = k;
          break;
        }
    }
    if (cut == 0 || is_camel(w.substr(0, cut + 1)) == false) {
      split.push_back(t);
      continue;
    }
    Token a = t, b = t;
    a.span.end = t.span.start + static_cast<uint32_t>(cut);
    b.span.start = a.span.end;
    split.push_back(a);
    split.push_back(b);
  }
  // Drop page furniture and numbers.
  std::vector<Token> words;
  bool by = false;
  for (const Token& t : split) {
    const std::string_view w = text.substr(t.span.start, t.span.size());
    if (t.kind == TokenKind::kNumber) continue;
    if (r.byline_noise.has(w)) {
      if (w == "By" || w == "by") by = true;
      continue;
    }
    words.push_back(t);
  }
  TokenView tv{text, &words};
  size_t k = 0;
  while (k < words.size() && !is_name_token(r, tv, k)) ++k;
  if (k >= words.size()) return;
  // The name: up to a comma, or two words (three with a middle initial).
  size_t e = k;
  size_t limit = k + 2;
  while (e < words.size() && e < limit + 1) {
    if (is_initial(tv, e)) {
      e += 2;
      limit += 2;
      continue;
    }
    if (!is_name_token(r, tv, e) || r.title_words.has(tv.at(e))) break;
    ++e;
    if (e >= limit) break;
  }
  if (e - k < 2) return;
  NameRun run;
  run.first = run.name_first = static_cast<uint32_t>(k);
  run.last = static_cast<uint32_t>(e);
  size_t t0 = e;
  if (t0 < words.size() && is_punct(tv, t0, ',')) ++t0;
  size_t t1 = words.size();
  while (t1 > t0 && (*tv.tokens)[t1 - 1].kind == TokenKind::kPunct) --t1;
  bool has_title = false;
  for (size_t q = t0; q < t1; ++q) has_title |= r.title_words.has(tv.at(q));
  if (!has_title && !by) return;
  const uint32_t person = introduce_run(r, tv, run, reg);
  if (has_title && t1 > t0 && t1 - t0 <= 10) add_role(r, tv, reg, person, t0, t1, std::nullopt, roles);
}

}  // namespace crosscheck
