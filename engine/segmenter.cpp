#include "engine/segmenter.h"

#include <utf8proc.h>

#include <algorithm>
#include <string_view>

#include "engine/number_words.h"
#include "engine/utf8.h"

namespace crosscheck {

const char* block_role_name(BlockRole role) {
  switch (role) {
    case BlockRole::kBody: return "body";
    case BlockRole::kTitle: return "title";
    case BlockRole::kHeading: return "heading";
    case BlockRole::kByline: return "byline";
    case BlockRole::kCaption: return "caption";
    case BlockRole::kChrome: return "chrome";
  }
  return "body";
}

struct Segmenter::Compiled {
  std::unordered_set<std::string> never_final;
  std::unordered_set<std::string> maybe_final;
  std::unordered_set<std::string> starters;
  size_t heading_max_bytes = 110;
  size_t heading_max_words = 14;
  size_t byline_max_bytes = 200;
  std::vector<std::unique_ptr<RE2>> byline;
  std::vector<std::unique_ptr<RE2>> caption;
};

Segmenter::Segmenter(std::unique_ptr<Compiled> c) : c_(std::move(c)) {}
Segmenter::Segmenter(Segmenter&&) noexcept = default;
Segmenter& Segmenter::operator=(Segmenter&&) noexcept = default;
Segmenter::~Segmenter() = default;

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

bool upper_at(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  size_t j = i;
  const char32_t cp = decode_utf8(s, j);
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool digit_at(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

bool letter_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

// Trims white space from both ends of [b, e) within `text`.
Span trimmed(std::string_view text, size_t b, size_t e) {
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

// Plain-text articles hard-wrapped at a fixed width keep their paragraphs
// apart with blank lines; elsewhere each line is a paragraph.
bool looks_hard_wrapped(std::string_view text) {
  size_t lines = 0, wrapped = 0, pos = 0;
  while (pos < text.size() && lines < 400) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const size_t len = nl - pos;
    if (len >= 30) {
      ++lines;
      const char last = text[nl - 1];
      const bool next_is_text = nl + 1 < text.size() && !is_space(text[nl + 1]);
      if (len <= 82 && last != '.' && last != '"' && last != '?' && last != '!' && next_is_text) ++wrapped;
    }
    pos = nl + 1;
  }
  return lines >= 4 && wrapped * 2 >= lines;
}

// A period, colon or comma at the end (before closing quotes) marks prose; a
// question or exclamation too, unless the words are capitalised like a headline.
bool ends_like_sentence(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ')')) --e;
  if (e == 0) return false;
  const char last = s[e - 1];
  if (last == '.' || last == ':' || last == ';' || last == ',') return true;
  if (last != '?' && last != '!') return false;
  size_t words = 0, capitals = 0;
  bool at_start = true;
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_space(s[i])) {
      at_start = true;
      continue;
    }
    if (at_start && letter_byte(s[i])) {
      ++words;
      if (upper_at(s, i)) ++capitals;
    }
    at_start = false;
  }
  return capitals * 5 < words * 3;
}

// A sentence break inside the block ("Prices fell. Then...").
bool has_inner_stop(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    const char c = s[i];
    if ((c == '.' || c == '?' || c == '!') && s[i + 1] == ' ' && (upper_at(s, i + 2) || s[i + 2] == '"')) {
      if (c == '.' && i >= 2 && (s[i - 2] == ' ' || s[i - 2] == '.')) continue;  // an initial
      return true;
    }
  }
  return false;
}

size_t word_count(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    if (is_space(c)) {
      in = false;
    } else if (!in) {
      in = true;
      ++n;
    }
  }
  return n;
}

}  // namespace

Result<Segmenter> Segmenter::Load(const RuleSource& rules) {
  auto file = rules.Open("segmentation.toml");
  if (!file.ok()) return file.status();
  auto c = std::make_unique<Compiled>();
  const auto add = [&](std::string_view key, std::unordered_set<std::string>& set) -> Status {
    auto list = file->strings(key);
    if (!list.ok()) return list.status();
    for (auto& w : *list) set.insert(ascii_lower(w));
    return Status::Ok();
  };
  CC_RETURN_IF_ERROR(add("abbreviations.never_final", c->never_final));
  CC_RETURN_IF_ERROR(add("abbreviations.maybe_final", c->maybe_final));
  CC_RETURN_IF_ERROR(add("abbreviations.sentence_starters", c->starters));
  auto hb = file->integer("blocks.heading_max_bytes", 110, 1, 10000);
  if (!hb.ok()) return hb.status();
  auto hw = file->integer("blocks.heading_max_words", 14, 1, 1000);
  if (!hw.ok()) return hw.status();
  auto bb = file->integer("blocks.byline_max_bytes", 200, 1, 10000);
  if (!bb.ok()) return bb.status();
  c->heading_max_bytes = static_cast<size_t>(*hb);
  c->heading_max_words = static_cast<size_t>(*hw);
  c->byline_max_bytes = static_cast<size_t>(*bb);
  auto byline = file->regexes("blocks.byline_patterns");
  if (!byline.ok()) return byline.status();
  c->byline = std::move(byline).value();
  auto caption = file->regexes("blocks.caption_patterns");
  if (!caption.ok()) return caption.status();
  c->caption = std::move(caption).value();
  return Segmenter(std::move(c));
}

void Segmenter::Segment(Document& doc) const {
  const std::string_view text = doc.text();
  doc.paragraphs.clear();
  doc.sentences.clear();
  const bool wrapped = looks_hard_wrapped(text);

  // Paragraphs: lines, or blank-line separated blocks when hard-wrapped.
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    if (wrapped) {
      while (end < text.size()) {
        size_t nl = text.find('\n', end);
        if (nl == std::string_view::npos) {
          end = text.size();
          break;
        }
        size_t k = nl + 1;
        while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
        if (k >= text.size() || text[k] == '\n') {
          end = nl;
          break;
        }
        end = nl + 1;
      }
    } else {
      end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
    }
    const Span s = trimmed(text, pos, end);
    if (!s.empty()) doc.paragraphs.push_back(Paragraph{s, BlockRole::kBody, {}});
    pos = end + 1;
  }

  // Roles.
  const std::string meta_title = doc.meta.title ? fold_case(*doc.meta.title) : std::string();
  bool have_title = false;
  for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
    Paragraph& p = doc.paragraphs[i];
    const std::string_view body = doc.slice(p.span);
    const bool short_block = body.size() <= c_->heading_max_bytes && word_count(body) <= c_->heading_max_words &&
                             !has_inner_stop(body) && !ends_like_sentence(body);
    // A byline or dateline first: metadata sometimes gives the page's date
    // stamp as its title ("23 July 2013 Last updated at 13:42 GMT").
    if (body.size() <= c_->byline_max_bytes) {
      const bool byline = std::any_of(c_->byline.begin(), c_->byline.end(),
                                      [&](const auto& re) { return RE2::PartialMatch(body, *re); });
      if (byline) {
        p.role = BlockRole::kByline;
        continue;
      }
    }
    if (!meta_title.empty() && body.size() <= 400 && fold_case(body) == meta_title) {
      p.role = BlockRole::kTitle;
      have_title = true;
      continue;
    }
    if (std::any_of(c_->caption.begin(), c_->caption.end(),
                    [&](const auto& re) { return RE2::PartialMatch(body, *re); })) {
      p.role = BlockRole::kCaption;
      continue;
    }
    if (short_block) {
      const bool first_text = !have_title && meta_title.empty() && i < 6 && word_count(body) >= 3;
      p.role = first_text ? BlockRole::kTitle : BlockRole::kHeading;
      if (first_text) have_title = true;
    }
  }

  for (uint32_t i = 0; i < doc.paragraphs.size(); ++i) {
    const Paragraph& p = doc.paragraphs[i];
    if (p.role == BlockRole::kBody || p.role == BlockRole::kCaption) {
      SplitSentences(doc, i, doc.sentences);
    } else {
      doc.sentences.push_back(Sentence{p.span, i, p.role});
    }
  }
}

void Segmenter::SplitSentences(const Document& doc, uint32_t paragraph, std::vector<Sentence>& out) const {
  const std::string_view text = doc.text();
  const Paragraph& para = doc.paragraphs[paragraph];
  const size_t b = para.span.start;
  const size_t e = para.span.end;

  // Double-quoted stretches that close within the paragraph hold no breaks: a
  // quotation of several sentences stays with its attribution.
  std::vector<std::pair<size_t, size_t>> quoted;
  size_t open = std::string_view::npos;
  for (size_t i = b; i < e; ++i) {
    if (text[i] != '"') continue;
    const bool before_space = i == b || is_space(text[i - 1]) || text[i - 1] == '(' || text[i - 1] == '[';
    const bool after_space = i + 1 >= e || is_space(text[i + 1]);
    if (open == std::string_view::npos) {
      if (before_space && !after_space) open = i;
    } else if (!before_space || after_space) {
      quoted.emplace_back(open, i);
      open = std::string_view::npos;
    }
  }
  size_t q = 0;

  size_t start = b;
  for (size_t i = b; i < e; ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    while (q < quoted.size() && quoted[q].second < i) ++q;
    if (q < quoted.size() && quoted[q].first < i && i < quoted[q].second) continue;
    size_t end = i + 1;
    while (end < e && (text[end] == '.' || text[end] == '!' || text[end] == '?')) ++end;
    while (end < e && (text[end] == '"' || text[end] == '\'' || text[end] == ')' || text[end] == ']')) ++end;
    if (end >= e || !is_space(text[end])) {
      i = end - 1;
      continue;
    }
    size_t next = end;
    while (next < e && is_space(text[next])) ++next;
    if (next >= e) break;
    size_t first = next;
    while (first < e && (text[first] == '"' || text[first] == '\'' || text[first] == '(' || text[first] == '[')) ++first;
    if (!upper_at(text, first) && !digit_at(text, first)) {
      i = end - 1;
      continue;
    }
    if (c == '.' && end == i + 1 && is_spaced_decimal(text, i)) continue;  // "a 6. 1 - magnitude quake"
    if (c == '.' && end == i + 1) {
      // The word before the period: an abbreviation or an initial holds the break.
      size_t w = i;
      while (w > b && (letter_byte(text[w - 1]) || (text[w - 1] == '.' && w - 1 > b && letter_byte(text[w - 2])))) --w;
      const std::string word = ascii_lower(text.substr(w, i - w));
      if (!word.empty()) {
        const bool initial = i - w == 1 && upper_at(text, w);
        if (initial || c_->never_final.count(word) > 0) {
          continue;
        }
        if (c_->maybe_final.count(word) > 0) {
          size_t we = first;
          while (we < e && letter_byte(text[we])) ++we;
          if (c_->starters.count(ascii_lower(text.substr(first, we - first))) == 0) continue;
        }
      }
    }
    const Span s = trimmed(text, start, end);
    if (!s.empty()) out.push_back(Sentence{s, paragraph, para.role});
    start = next;
    i = next - 1;
  }
  const Span s = trimmed(text, start, e);
  if (!s.empty()) out.push_back(Sentence{s, paragraph, para.role});
}

}  // namespace crosscheck
