// The comparator: name variants and roles.
#include "engine/compare_context.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "engine/word_tokens.h"

namespace crosscheck::compare {

namespace {

// "assistant gm" reads "assistant general manager" when the other class has
// words whose initials spell the short one.
std::string expand_acronyms(const std::vector<std::string>& x, const std::vector<std::string>& y) {
  std::string out;
  for (const auto& t : x) {
    std::string word = t;
    if (t.size() >= 2 && t.size() <= 4) {
      for (size_t i = 0; i + t.size() <= y.size(); ++i) {
        bool spells = true;
        for (size_t k = 0; k < t.size() && spells; ++k) spells = !y[i + k].empty() && y[i + k][0] == t[k];
        if (spells) {
          word.clear();
          for (size_t k = 0; k < t.size(); ++k) word += (k ? " " : "") + y[i + k];
          break;
        }
      }
    }
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

}  // namespace

std::string ComparisonRun::CanonicalPerson(size_t s, const std::string& name) const {
  const std::string key = person_key(name);
  auto it = variant_.find({s, key});
  return it == variant_.end() ? key : it->second;
}

bool ComparisonRun::SamePerson(size_t sa, const std::string& a, size_t sb, const std::string& b) const {
  return same_name(CanonicalPerson(sa, a), CanonicalPerson(sb, b));
}

void ComparisonRun::FindNameVariants() {
  for (const auto& d : derivations_) {
    if (d.relation == Relation::kRewrite) continue;
    const auto& p = *d.alignment;
    std::map<std::pair<std::string, std::string>, std::vector<std::pair<uint32_t, uint32_t>>> support;
    for (const auto& s : p.sentences) {
      const auto pa = PeopleIn(p.a, s.a), pb = PeopleIn(p.b, s.b);
      if (pa.size() != 1 || pb.size() != 1) continue;
      if (same_name(person_key(pa[0]), person_key(pb[0]))) continue;
      if (Mentions(p.a, pb[0]) || Mentions(p.b, pa[0])) continue;
      // Each sentence writes both names, in another order ("the Ministry of
      // Infrastructure approved the wing in Greenton", "the wing in Greenton
      // was cleared by the Ministry of Infrastructure"): nobody was renamed.
      if (SentenceNames(p.a, s.a, pb[0]) || SentenceNames(p.b, s.b, pa[0])) continue;
      support[{pa[0], pb[0]}].emplace_back(s.a, s.b);
    }
    for (const auto& [names, where] : support) {
      // One swapped name is a different person (a misattribution, if it
      // speaks); a name replaced wherever it stands is the same person renamed.
      if (where.size() < 2) continue;
      const std::string& na = names.first;
      const std::string& nb = names.second;
      const size_t orig = d.original;
      const std::string& orig_name = p.a == orig ? na : nb;
      variant_[{p.a, person_key(na)}] = person_key(orig_name);
      variant_[{p.b, person_key(nb)}] = person_key(orig_name);
      if (!Touches(p.a, p.b)) continue;
      Finding f;
      f.kind = FindingKind::kNameVariant;
      f.severity = Severity::kMedium;
      f.confidence = std::min(0.95, 0.6 + 0.15 * double(where.size()));
      f.summary = "\"" + nb + "\" in " + Label(p.b) + " stands where \"" + na + "\" stands in " + Label(p.a);
      f.explanation = "In " + std::to_string(where.size()) +
                      " aligned sentence(s) the two sources say the same thing about a person named differently." +
                      CopyNote(p.a, p.b);
      f.details = {{"names", {na, nb}}, {"sentences", where.size()}};
      f.evidence.push_back(SentenceEvidence(p.a, where[0].first, {{"name", na}}));
      f.evidence.push_back(SentenceEvidence(p.b, where[0].second, {{"name", nb}}));
      Add(std::move(f));
    }
  }
}

// Names of the people (not organisations) mentioned in a sentence.
std::vector<std::string> ComparisonRun::PeopleIn(size_t s, uint32_t sentence) const {
  std::vector<std::string> out;
  const Span span = corpus_[s].sentences[sentence].span;
  for (const auto& person : corpus_[s].people) {
    if (person.organisation) continue;
    for (const Span& a : person.alias_spans)
      if (span.contains(a)) {
        if (std::find(out.begin(), out.end(), person.name) == out.end()) out.push_back(person.name);
        break;
      }
  }
  return out;
}

bool ComparisonRun::Mentions(size_t s, const std::string& name) const {
  const std::string key = person_key(name);
  for (const auto& person : corpus_[s].people)
    if (same_name(person_key(person.name), key)) return true;
  return false;
}

void ComparisonRun::CompareRoles() {
  struct RoleRef {
    size_t source;
    const Claim* claim;
    std::string person, cls;
  };
  std::unordered_map<std::string, std::vector<RoleRef>> by_surname;
  for (size_t s = 0; s < corpus_.size(); ++s)
    for (const Claim& c : corpus_[s].claims) {
      if (c.kind != ClaimKind::kRole) continue;
      auto person = str_field(c, "person");
      auto cls = str_field(c, "role_class");
      if (!person || !cls) continue;
      const std::string key = CanonicalPerson(s, *person);
      const auto toks = name_tokens(key);
      if (toks.empty()) continue;
      by_surname[toks.back()].push_back({s, &c, *person, fold_case(*cls)});
    }
  for (const auto& [surname, list] : by_surname) {
    if (list.size() > 200) continue;
    for (size_t i = 0; i < list.size(); ++i)
      for (size_t j = i + 1; j < list.size(); ++j) {
        const RoleRef& a = list[i];
        const RoleRef& b = list[j];
        if (a.source == b.source || !Touches(a.source, b.source)) continue;
        if (!SamePerson(a.source, a.person, b.source, b.person)) continue;
        const auto ca = name_tokens(a.cls), cb = name_tokens(b.cls);
        if (a.cls != b.cls && (expand_acronyms(ca, cb) == b.cls || expand_acronyms(cb, ca) == a.cls)) continue;
        if (a.cls != b.cls && (Nested(ca, cb) || Nested(cb, ca))) continue;  // "coach" / "head coach"
        if (a.cls != b.cls && (!TrustedClass(*a.claim, a.cls) || !TrustedClass(*b.claim, b.cls))) continue;
        const std::string ta = fold_case(str_field(*a.claim, "title").value_or(""));
        const std::string tb = fold_case(str_field(*b.claim, "title").value_or(""));
        // One class: in a copy, a title whose head is the class word may still
        // have its qualifier replaced ("technology correspondent" -> "science
        // correspondent"); other equal classes are equivalent titles.
        if (a.cls == b.cls && !(IsCopyPair(a.source, b.source) && QualifierChanged(ta, tb, a.cls))) continue;
        // A past role ([roles] past: "former chairman", "then the head of
        // the family", "ex-Mafia boss") is not what the other side says the
        // person is now.
        if (PastRole(ta) || PastRole(tb)) continue;
        const bool aligned = a.claim->sentence && b.claim->sentence &&
                             AlignedTo(a.source, b.source, *a.claim->sentence) == b.claim->sentence;
        // Outside copies, aligned sentences of two sources telling one story:
        // one name in two stories may be two people.
        if (!IsCopyPair(a.source, b.source) && (!aligned || !Related(a.source, b.source))) continue;
        // A class of many words is a title the lexicon did not know, not a role.
        if (a.cls != b.cls && (name_tokens(a.cls).size() > 4 || name_tokens(b.cls).size() > 4)) continue;
        Finding f;
        f.kind = FindingKind::kRoleConflict;
        f.severity = Severity::kMedium;
        f.confidence = aligned ? 0.85 : 0.7;
        f.summary = a.person + " is \"" + str_field(*a.claim, "title").value_or("") + "\" in " + Label(a.source) +
                    " but \"" + str_field(*b.claim, "title").value_or("") + "\" in " + Label(b.source);
        f.explanation = (a.cls == b.cls ? "The titles qualify the same role differently (" + ta + " vs " + tb + ")."
                                        : "The titles belong to different role classes (" + a.cls + " vs " + b.cls +
                                              ").") +
                        CopyNote(a.source, b.source);
        for (const RoleRef* r : {&a, &b}) {
          nlohmann::json fields = {{"person", r->person}};
          for (const char* k : {"title", "organisation", "role_class"})
            if (auto v = str_field(*r->claim, k)) fields[k] = *v;
          f.evidence.push_back(MakeEvidence(r->source, *r->claim, std::move(fields)));
        }
        Add(std::move(f));
      }
  }
}

bool ComparisonRun::PastRole(const std::string& title) const {
  for (const std::string& w : words_of(title))
    if (cfg_.past_role_words.count(w) || cfg_.past_role_words.count(w.substr(0, w.find('-')))) return true;
  return false;
}

// Every word of `x` is in `y`.
bool ComparisonRun::Nested(const std::vector<std::string>& x, const std::vector<std::string>& y) {
  return !x.empty() && std::all_of(x.begin(), x.end(), [&](const std::string& w) {
    return std::find(y.begin(), y.end(), w) != y.end();
  });
}

// A class the lexicon gave (it differs from the title), or a title written
// like one ("Chief Expertise Officer"); not a phrase caught by accident.
bool ComparisonRun::TrustedClass(const Claim& c, const std::string& cls) {
  const std::string title = str_field(c, "title").value_or("");
  if (fold_case(title) != cls) return true;
  // "head of communications": the extractor keeps "of" in a title only
  // before a department of the rules, a title's own structure.
  if (fold_case(title).find(" of ") != std::string::npos) return true;
  const auto words = name_tokens(title);
  return words.size() >= 2 && std::all_of(words.begin(), words.end(), [](const std::string& w) {
           return !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
         });
}

bool ComparisonRun::QualifierChanged(const std::string& ta, const std::string& tb, const std::string& cls) {
  const auto wa = name_tokens(ta), wb = name_tokens(tb), wc = name_tokens(cls);
  if (wa.empty() || wb.empty() || wc.empty() || wa.back() != wc.back() || wb.back() != wc.back()) return false;
  std::set<std::string> qa(wa.begin(), wa.end() - 1), qb(wb.begin(), wb.end() - 1);
  for (const auto& w : wc) {
    qa.erase(w);
    qb.erase(w);
  }
  if (qa.empty() || qb.empty() || qa == qb) return false;
  std::vector<std::string> only_a;
  std::set_difference(qa.begin(), qa.end(), qb.begin(), qb.end(), std::back_inserter(only_a));
  std::vector<std::string> only_b;
  std::set_difference(qb.begin(), qb.end(), qa.begin(), qa.end(), std::back_inserter(only_b));
  return !only_a.empty() && !only_b.empty();  // a substitution, not a dropped word
}

}  // namespace crosscheck::compare
