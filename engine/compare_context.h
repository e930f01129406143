// Internal to the comparator (engine/comparator.cpp and engine/compare_*.cpp):
// the compiled rules, the text helpers every concern shares, and one
// comparison run over one corpus. Each concern's methods are defined in its
// own file:
//   compare_context.cpp     shared state, indexes, evidence, Add, the run order
//   compare_derivation.cpp  derived copies (copy, spin, rewrite); dates of undated copies
//   compare_people.cpp      name variants, roles
//   compare_quotes.cpp      altered, misattributed and uncorroborated quotes
//   compare_dates.cpp       dates of one event
//   compare_quantities.cpp  figures
//   compare_lists.cpp       certainty markers, enumerations
//   compare_summaries.cpp   figures, dates and names a summary gives that its article does not
#ifndef CROSSCHECK_ENGINE_COMPARE_CONTEXT_H_
#define CROSSCHECK_ENGINE_COMPARE_CONTEXT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/alignment.h"
#include "engine/comparator.h"
#include "engine/extractor.h"
#include "engine/utf8.h"

namespace crosscheck {

struct Comparator::Config {
  std::unordered_set<std::string> stopwords;
  AlignmentOptions alignment;
  std::vector<std::string> not_names;  // folded: capitalised words that name nothing (NamingOf)
  double derived_share = 0.5;
  size_t derived_min_sentences = 4;
  double derived_mean_similarity = 0.6;
  double rewrite_share = 0.15;
  double rewrite_mean_similarity = 0.5;
  size_t rewrite_min_sentences = 5;
  double same_quote_min = 0.5;
  double misattribution_min = 0.8;
  // Each certainty marker's place: its scale and its degree on that scale
  // ([certainty.scales]: "never" is frequency 0, "rarely" frequency 1).
  struct CertaintyDegree {
    uint32_t scale = 0;
    uint32_t degree = 0;
  };
  std::unordered_map<std::string, CertaintyDegree> certainty;
  size_t certainty_max_swap_words = 4;
  std::unordered_map<std::string, std::string> certainty_backshift;  // "would" -> "will"
  std::set<std::pair<std::string, std::string>> certainty_mild;      // both orders: "should"/"will"
  std::vector<std::string> incomplete_markers;
  // [dates]: the words before a date that make it a bound (folded).
  std::set<std::string> date_no_later_than, date_no_earlier_than;
  // [roles] past: the words of a past role's title (folded).
  std::set<std::string> past_role_words;
  Pipeline pipeline;
  // A source keeps its pairs with at most this many partners (the most
  // aligned first; pairs that qualify as copies always stay): 0 = all.
  size_t max_partners = 0;
  // Sources are compared across (quotes, dates, figures outside aligned
  // sentences) when they share this many anchors (fewer for short sources).
  size_t related_min_anchors = 1;
  // `certainty` again, for a look-up of an ASCII word without folding it.
  WordSet certainty_words{};
  ScopeOptions scope{};
  // Findings are compacted as they are raised (Comparator::SetCompactFindings).
  bool compact_findings = false;
  // [summaries]: what makes a short source a summary of a longer one
  // (compare_summaries.cpp).
  struct Summaries {
    size_t max_sentences = 4;
    size_t max_words = 100;
    double min_length_ratio = 4;
    double min_contained = 0.5;
    double min_swap_similarity = 0.3;
  } summaries{};
};

namespace compare {

// Folded words of a text (punctuation dropped).
std::vector<std::string> words_of(std::string_view text);

// A word-level edit script between two short texts.
struct WordDiff {
  size_t common = 0;
  nlohmann::json ops = nlohmann::json::array();  // {"op": equal|substituted|inserted|omitted, "a", "b"}
  std::set<std::string> changes;                  // substituted, inserted, omitted, trimmed
};

WordDiff word_diff(const std::vector<std::string>& a, const std::vector<std::string>& b);
// The substituted runs of word_diff(a, b).ops, as (a, b), in order.
std::vector<std::pair<std::string, std::string>> substitutions(const std::vector<std::string>& a,
                                                               const std::vector<std::string>& b);
// word_diff(a, b).common alone, without the edit script.
size_t common_words(const std::vector<std::string>& a, const std::vector<std::string>& b);
// The same over word ids (equal ids for equal words).
size_t common_words(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

inline std::string person_key(std::string_view name) { return fold_case(name); }
std::vector<std::string> name_tokens(std::string_view key);
// "Madrigal" and "Matt Madrigal", "Nick Clegg" and "Sir Nick Clegg".
bool same_name(const std::string& a, const std::string& b);
// Each of two sorted name lists holds a name the other lacks ("the plant in
// Saltwell", "the plant in Emberley"); one that only adds names does not.
bool names_differ(const std::vector<std::string>& a, const std::vector<std::string>& b);

// A claim's fields, as the comparator reads them (Claim::packed).
std::optional<std::string> str_field(const Claim& c, const char* key);
std::optional<double> num_field(const Claim& c, const char* key);
bool bool_field(const Claim& c, const char* key, bool fallback);
// The string elements of an array field (views into the claim).
std::vector<std::string_view> strings_field(const Claim& c, const char* key);

enum class Relation { kCopy, kSpin, kRewrite };
const char* relation_name(Relation r);

struct Derivation {
  size_t original = 0;
  size_t derived = 0;
  Relation relation = Relation::kCopy;
  double share = 0;
  const SourcePairAlignment* alignment = nullptr;
  // A spin's most frequent word substitutions, most frequent first. Plain
  // strings: a JSON tree per entry held ten times as much until the report.
  struct Substitution {
    std::string original, copy;
    int count = 0;
  };
  std::vector<Substitution> substitutions;
};

// One comparison over one corpus.
class ComparisonRun {
 public:
  // `focus`, when given (one flag per source), restricts the comparison to
  // pairs of sources with a focus side (see Comparator::Compare).
  // `stems`, when given, is read and filled (Comparator::StemCounts).
  ComparisonRun(const Comparator::Config& cfg, const std::vector<SourceView>& corpus,
                const std::vector<bool>* focus = nullptr, Comparator::StemCounts* stems = nullptr)
      : cfg_(cfg), corpus_(corpus), focus_(focus), stems_(stems), aligner_(cfg.stopwords, cfg.alignment) {}

  std::vector<Finding> Go();

 private:
  // ---- shared state, indexes, evidence, Add (compare_context.cpp)
  std::optional<uint32_t> AlignedTo(size_t x, size_t y, uint32_t sentence) const;
  const Derivation* DerivationOf(size_t x, size_t y) const;
  // Focus mode: a source in focus (every source without a focus); a pair
  // compared (one side in focus).
  bool Focus(size_t s) const { return focus_ == nullptr || (*focus_)[s]; }
  bool Touches(size_t x, size_t y) const { return Focus(x) || Focus(y); }
  // Aligns the pairs around the focus sources: theirs, their partners' and
  // their partners' partners' (siblings of a copy), so that every source a
  // focus source can be compared with as a copy has all its pairs.
  void AlignAroundFocus();
  // Keeps each source's max_partners best pairs and every pair that
  // qualifies as a copy (see Config::max_partners); keeps what Qualify says
  // of each in relations_.
  void PrunePairs();
  // What sentence sa of source a and sentence sb of source b name: whether
  // both name someone or something, whether they share a name, and whether
  // each names what the other's source never writes ("70 percent of workers
  // in Quarryshot", "24 percent of workers in Reedthorpe": one template, two
  // stories), whatever they share. Reads source_names_ (IndexSourceNames)
  // and the sentences' names, kept for claims' sentences.
  struct Naming {
    bool both = false, shared = false, conflict = false;
  };
  Naming NamingOf(size_t a, uint32_t sa, size_t b, uint32_t sb) const;
  // Whether one of `names` (term ids) is a name source `other` never writes
  // (Config::not_names aside).
  bool NamesForeignTo(std::span<const uint32_t> names, size_t other) const;
  void IndexSourceNames();
  // Two sources about other subjects: each one's title names someone or
  // something (named again in its story) that the other source never names
  // ("Zenith Water bets on new pumps in Hazelness", "Ivory Growers orders
  // production lines as Hazelness plant is upgraded"), whatever sentences of
  // background they share. Reads title_names_ (IndexSourceNames).
  bool OtherSubjects(size_t a, size_t b) const;
  // Sources compared across (quotes, dates, figures outside aligned
  // sentences): partners telling one story (Config::related_min_anchors).
  bool Related(size_t x, size_t y) const {
    return x != y && related_.count((uint64_t(std::min(x, y)) << 32) | std::max(x, y)) > 0;
  }
  // Indexes built once per run, so that each look-up is constant time.
  void BuildIndexes();
  std::vector<const Claim*> ClaimsIn(size_t s, uint32_t sentence, ClaimKind kind) const;
  std::string SentencesText(size_t s, const Claim& c) const;
  Evidence MakeEvidence(size_t s, const Claim& c, nlohmann::json fields) const;
  Evidence SentenceEvidence(size_t s, uint32_t sentence, nlohmann::json fields) const;
  std::string Label(size_t s) const;
  std::string CopyNote(size_t x, size_t y) const;
  // The finding's id from its kind and evidence (sources, texts, fields).
  std::string EvidenceId(const Finding& f) const;
  // Gives `f` its id (EvidenceId, unless set) and, when findings are
  // compacted, compacts it: Add does both; a concern that completes its
  // findings later seals them first.
  void Seal(Finding& f) const;
  // Adds `value` under `key` to a sealed finding's details (compacted or not).
  static void AddDetail(Finding& f, const std::string& key, nlohmann::json value);
  void Add(Finding f);
  // Quotes, roles, dates, figures, certainty, lists and derived copies: on
  // `alignment.jobs` threads, findings in the same order as one thread.
  void RunConcerns(bool timing);
  std::string corpus_locator(int64_t source_id) const;
  // Copies or spins of each other, or of one original (siblings).
  bool IsCopyPair(size_t x, size_t y) const;

  // ---- derived copies (copies, spins, rewrites) and the dates of undated copies (compare_derivation.cpp)
  bool Earlier(size_t x, size_t y) const;
  // The relation a pair's anchors show (copy, spin, rewrite), if any.
  std::optional<Relation> Qualify(const SourcePairAlignment& p) const;
  void FindDerivations();
  void CollectSubstitutions(Derivation& d);
  void ReportDerivations();
  void Reanchor();
  void KeepClaimTerms();

  // ---- name variants and roles (compare_people.cpp)
  std::string CanonicalPerson(size_t s, const std::string& name) const;
  bool SamePerson(size_t sa, const std::string& a, size_t sb, const std::string& b) const;
  void FindNameVariants();
  // Names of the people (not organisations) mentioned in a sentence.
  std::vector<std::string> PeopleIn(size_t s, uint32_t sentence) const;
  bool Mentions(size_t s, const std::string& name) const;
  void CompareRoles();
  // Every word of `x` is in `y`.
  static bool Nested(const std::vector<std::string>& x, const std::vector<std::string>& y);
  // A class the lexicon gave (it differs from the title), a title with its
  // department ("head of communications"), or a title written like one
  // ("Chief Expertise Officer"); not a phrase caught by accident.
  static bool TrustedClass(const Claim& c, const std::string& cls);
  // A title holding a word of [roles] past, alone or before a hyphen.
  bool PastRole(const std::string& title) const;
  static bool QualifierChanged(const std::string& ta, const std::string& tb, const std::string& cls);

  // ---- quotes: altered, misattributed, uncorroborated (compare_quotes.cpp)
  struct QuoteRef {
    size_t source;
    const Claim* claim;
    std::vector<uint32_t> words;  // words_of its text, as ids into the quotes' vocabulary
  };
  void CompareQuotes();
  // Sources telling the same story: derived ones, and those sharing at least
  // three sentences aligned on their own.
  // A person's name: two or more words, each capitalised.
  static bool LooksLikeName(const std::string& name);
  // True when `name` (or its surname) appears in the sentence holding the quote.
  bool NamedNear(const QuoteRef& r, const std::string& name) const;
  // True when `name` (or its surname) appears in sentence `sentence` of `s`.
  bool SentenceNames(size_t s, uint32_t sentence, const std::string& name) const;
  std::vector<std::string> NamesInQuote(const QuoteRef& r) const;
  // A capitalised word of the sentence holding the quote, outside the
  // quotation and its speaker's name, that source `other` never writes:
  // "said Wendy Ashley, who leads the Barleymouth Residents Forum" against a
  // story that never names Barleymouth.
  bool NamesWhatOtherLacks(const QuoteRef& r, const std::string& speaker, size_t other) const;
  size_t StoryPeers(size_t s) const { return story_peers_[s]; }
  double SentenceSimilarity(const QuoteRef& a, const QuoteRef& b) const;
  Evidence QuoteEvidence(const QuoteRef& r) const;

  // ---- dates (compare_dates.cpp)
  static std::vector<std::string> EventNames(const Claim& c);
  // The event's stems (from the date extractor), else its sentence's terms.
  std::vector<uint32_t> EventStems(size_t s, const Claim& c);
  struct DateRef {
    size_t source;
    const Claim* claim;
    std::string start, end;
  };
  std::optional<DateRef> DateRefOf(size_t s, const Claim& c) const;
  // The two dates' intervals share a day (ISO strings compare as dates).
  static bool Overlap(const DateRef& a, const DateRef& b) { return a.start < b.end && b.start < a.end; }
  // "by 2026": the date bounds its event from above; "after 2019": from
  // below ([dates] of the rules, the word before the date).
  enum class DateBound { kNone, kNoLater, kNoEarlier };
  DateBound BoundOf(const DateRef& r) const;
  // In a copy, the alignment says which statement is which: dates are
  // compared within aligned sentences, paired by order. Elsewhere an event
  // must share participants and most of its content words.
  void CompareDates();
  // "19 August" and "Tuesday" in two aligned sentences are two dates, not one
  // date told twice: the parts written must have something in common.
  // `na`, `nb`: the events' participants, sorted and unique (EventNames).
  static bool SameHappening(const Claim& a, const std::vector<std::string>& na, const Claim& b,
                            const std::vector<std::string>& nb);
  static bool SameWrittenKind(const Claim& a, const Claim& b);
  // "died Saturday" against "died Saturday, July 24": the weekday is all one
  // side writes, and the other side's day, a week away at most, falls on it.
  // Only the publication day the weekday is read against puts the two in
  // different weeks; the texts agree.
  static bool SameWeekday(const DateRef& a, const DateRef& b);
  // Another date of the sentence holding `r` that cannot be the same day
  // ("born in 1928 ... the family founded in 1931"): the sentence tells two
  // happenings, and which one another source's date is about is unknown.
  bool SentenceDatesOther(const DateRef& r) const;
  void DateConflict(const DateRef& a, const DateRef& b, double sim, const std::vector<std::string>& common);
  std::string Describe(size_t s, const Claim& c) const;

  // ---- quantities (compare_quantities.cpp)
  // Across independent sources: quantities indexed by subject and unit, compared
  // when their measure words and their sentences agree.
  void CompareQuantitiesByMeasure();
  void CompareQuantities();
  static std::pair<double, double> Interval(const Claim& c);
  // The folded words just before and just after a claim in its sentence
  // (empty at either end).
  std::pair<std::string, std::string> WordsAround(size_t s, const Claim& c) const;
  void CompareQuantity(size_t sa, const Claim& a, size_t sb, const Claim& b, double sim,
                       Severity severity = Severity::kHigh);
  static std::string Range(double lo, double hi);

  // ---- summaries (compare_summaries.cpp)
  // A short source whose distinctive words come from a longer one summarises
  // it (Config::Summaries). Where the summary writes every name the article
  // writes, each figure and each specific date it gives should be in the
  // article, in some form; where it writes a name no source it could come
  // from writes, in a sentence told as one of the article's that names
  // something else, the name was swapped.
  struct Summary {
    size_t source = 0;
    size_t words = 0;
    uint32_t counted = 0;  // its distinctive terms (Aligner::Holders)
    struct Article {
      size_t source = 0;
      size_t words = 0;
      uint32_t shared = 0;  // the summary's distinctive terms it holds
      // [summary sentence]: its closest sentence here, by Dice of terms.
      std::unordered_map<uint32_t, uint32_t> closest;
      bool foreign = false;  // the summary names what this article never writes
      bool derived = false;  // a copy, spin or rewrite of another source
    };
    std::vector<Article> articles;  // most contained first
    // The sources it could come from, sorted: every source holding as much
    // of its terms as an article must (copies, briefs, reports too short or
    // naming too little to be its article, its articles), and those telling
    // its story (Related). A figure or a name one of them gives is not the
    // summary's own.
    std::vector<size_t> sources;
    // A summary sentence naming what none of the sources it could come from
    // writes (`names`), closest to a sentence of `article` that names what
    // the summary never writes (`replaced`).
    struct Swap {
      uint32_t sentence = 0;
      size_t article = 0;
      uint32_t article_sentence = 0;
      double similarity = 0;
      std::vector<std::string> names, replaced;  // as written
    };
    std::vector<Swap> swaps;
  };
  // The story words of source `s` (body and cross-heads), counted up to `cap` + 1.
  size_t StoryWords(size_t s, size_t cap) const;
  // Short sources and the longer ones holding their terms, from the term
  // postings (before Aligner::ReleaseCandidates).
  void FindSummaryCandidates();
  // Keeps the candidates that are summaries (the article long enough); notes
  // the closest sentences and the swapped names (before KeepClaimTerms frees
  // the terms).
  void FindSummaries();
  // The story sentences of source `x` whose terms are at least
  // `min_similarity` alike (Dice) those of sentence `sentence` of source `s`,
  // with their similarity, most similar first.
  std::vector<std::pair<double, uint32_t>> Alike(size_t s, uint32_t sentence, size_t x, double min_similarity) const;
  // The article a summary is read against: the one holding most of its
  // terms; of those holding as many, an original rather than its copy.
  static const Summary::Article& MainArticle(std::span<const Summary::Article> articles);
  // The swapped names of summary `sm` against its article `x` (see
  // Summary::Swap). `names`: the summary's names; `held(y)`: every term of
  // source y, sorted.
  void FindSwaps(Summary& sm, size_t x, std::span<const uint32_t> names,
                 const std::function<const std::vector<uint32_t>&(size_t)>& held);
  // The words of a sentence of source `s` whose terms are among `ids`, as
  // written, each with the capitalised words next to it that are not among
  // `others` (sorted term ids): "New Zealand", not "London Mexican".
  std::vector<std::string> NamedAs(size_t s, uint32_t sentence, std::span<const uint32_t> ids,
                                   std::span<const uint32_t> others) const;
  // Whether one of `sources` gives figure `q` of source `summary` (a value
  // it holds in any unit, or its words verbatim) or date `d` (a date sharing
  // a day, or its year written). `texts`: each source's text, folded.
  bool GivesFigure(size_t summary, const Claim& q, std::span<const size_t> sources,
                   std::span<const std::string> texts) const;
  bool GivesDate(size_t summary, const Claim& d, std::span<const size_t> sources,
                 std::span<const std::string> texts) const;
  void RaiseSwap(const Summary& sm, const Summary::Swap& w);
  void CompareSummaries();

  // ---- certainty and lists (compare_lists.cpp)
  // The certainty markers of a sentence, sorted (a marker may recur).
  std::vector<std::string> MarkersOf(size_t s, uint32_t sentence) const;
  // The words of a sentence as the certainty comparison reads them: folded,
  // a marker as the one it shifts back from, a name marked so that it is
  // never a marker ("May 4", "Will Smith").
  std::vector<std::string> CertaintyWordsOf(size_t s, uint32_t sentence) const;
  void CompareCertainty();
  struct Enumeration {
    std::vector<std::string> members;  // folded names
    // The members read with each one-word name joined to a longer one by a
    // bare "and" taken as one name ("Fish and Wildlife Service", "Food and
    // Drug Administration"); empty when no member is joined so.
    std::vector<std::string> joined;
    bool complete = true;
  };
  // "A, B, and C" / "A and B" where the members are capitalised names; an
  // enumeration introduced by "including", "such as", ... lists examples only.
  Enumeration EnumerationIn(std::string_view text) const;
  void CompareLists();

  // ---- state
  const Comparator::Config& cfg_;
  const std::vector<SourceView>& corpus_;
  const std::vector<bool>* focus_ = nullptr;
  Comparator::StemCounts* stems_ = nullptr;
  std::vector<char> complete_;  // sources all of whose pairs are aligned
  Aligner aligner_;
  std::vector<SourcePairAlignment> pairs_;
  std::vector<std::vector<uint32_t>> by_b_;  // per pair: its sentences' indices in the order of b
  std::vector<Derivation> derivations_;
  std::map<std::pair<size_t, std::string>, std::string> variant_;
  // Each source's date claims: its own, or for an undated copy those read
  // again against its original's date (held in reanchored_).
  std::vector<std::vector<const Claim*>> dates_;
  std::vector<std::vector<Claim>> reanchored_;
  std::map<std::pair<size_t, size_t>, size_t> derivation_index_;
  std::unordered_map<size_t, Derivation> original_of_;
  std::vector<std::vector<size_t>> partners_;
  std::vector<size_t> story_peers_;
  std::unordered_map<int64_t, size_t> source_index_;
  std::vector<std::unordered_map<uint32_t, std::vector<const Claim*>>> by_sentence_;
  std::vector<Finding> out_;
  static thread_local std::vector<Finding>* sink_;  // see RunConcerns
  std::unordered_set<uint64_t> related_;  // (a << 32 | b), a < b: see Related
  std::vector<std::optional<Relation>> relations_;  // [pair]: what Qualify says of pairs_[i] (PrunePairs)
  std::vector<std::vector<uint32_t>> source_names_;  // [source]: every name it writes, sorted (NamingOf)
  std::vector<uint32_t> not_names_;                  // term ids of Config::not_names, sorted
  // [source]: the names of its title that another of its sentences names too
  // (not the words a headline capitalises), sorted; see OtherSubjects.
  std::vector<std::vector<uint32_t>> title_names_;
  std::vector<Summary> summaries_;  // by summary source
};

}  // namespace compare
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_COMPARE_CONTEXT_H_
