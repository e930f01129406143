#include "engine/markdown_reader.h"

#include <algorithm>
#include <utility>

namespace crosscheck {

namespace {

bool is_blank_char(char c) { return c == ' ' || c == '\t'; }
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}
bool is_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_blank_char(s.front())) s.remove_prefix(1);
  return s;
}

// Splits on '\n', dropping a '\r' before it.
std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find('\n', pos);
    if (end == std::string_view::npos) end = s.size();
    std::string_view line = s.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == s.size()) break;
    pos = end + 1;
  }
  return lines;
}

// ---------------------------------------------------------------------------
// Front matter.

std::string unquote(std::string_view v) {
  if (v.size() >= 1 && v.front() == '"') {
    std::string out;
    for (size_t i = 1; i < v.size(); ++i) {
      const char c = v[i];
      if (c == '"') break;
      if (c == '\\' && i + 1 < v.size()) {
        const char e = v[++i];
        out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        continue;
      }
      out.push_back(c);
    }
    return out;
  }
  if (v.size() >= 1 && v.front() == '\'') {
    std::string out;
    for (size_t i = 1; i < v.size(); ++i) {
      if (v[i] == '\'') {
        if (i + 1 < v.size() && v[i + 1] == '\'') {
          out.push_back('\'');
          ++i;
          continue;
        }
        break;
      }
      out.push_back(v[i]);
    }
    return out;
  }
  // A YAML comment starts at " #".
  const size_t hash = v.find(" #");
  return std::string(trim(v.substr(0, hash)));
}

void read_front_matter(const std::vector<std::string_view>& lines, size_t end, MetaFields& meta) {
  for (size_t i = 1; i < end; ++i) {
    const std::string_view line = lines[i];
    if (line.empty() || is_blank_char(line.front()) || line.front() == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, colon)));
    for (char& c : key)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const std::string_view raw = trim(line.substr(colon + 1));
    if (raw.empty()) continue;
    std::optional<std::string>* slot = nullptr;
    if (key == "title") slot = &meta.title;
    else if (key == "outlet") slot = &meta.outlet;
    else if (key == "published" || key == "date") slot = &meta.published;
    else if (key == "url") slot = &meta.url;
    else if (key == "author") slot = &meta.author;
    else if (key == "id") slot = &meta.id;
    if (slot && !*slot) *slot = unquote(raw);
  }
}

// ---------------------------------------------------------------------------
// Inline markup.

// Matching closer for each opener of a bracket pair, skipping escaped
// characters; npos for unmatched ones. One pass with a stack.
std::vector<size_t> match_pairs(std::string_view s, char open, char close) {
  std::vector<size_t> match(s.size(), std::string_view::npos);
  std::vector<size_t> stack;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == open) {
      stack.push_back(i);
    } else if (s[i] == close && !stack.empty()) {
      match[stack.back()] = i;
      stack.pop_back();
    }
  }
  return match;
}

std::string strip_inline(std::string_view s) {
  const std::vector<size_t> bracket = match_pairs(s, '[', ']');
  const std::vector<size_t> paren = match_pairs(s, '(', ')');
  constexpr size_t npos = std::string_view::npos;
  // Where a link's destination or reference starts after "[text]": the
  // position to jump to once the text is copied; npos when not a link.
  const auto link_end = [&](size_t open) -> size_t {
    const size_t close = bracket[open];
    if (close == npos || close + 1 >= s.size()) return npos;
    if (s[close + 1] == '(' && paren[close + 1] != npos) return paren[close + 1] + 1;
    if (s[close + 1] == '[' && bracket[close + 1] != npos) return bracket[close + 1] + 1;
    return npos;
  };
  std::string out;
  out.reserve(s.size());
  std::vector<std::pair<size_t, size_t>> jumps;  // (at the link text's ']', continue here)
  bool no_comment_end = false;
  size_t i = 0;
  while (i < s.size()) {
    if (!jumps.empty() && i >= jumps.back().first) {
      i = std::max(i, jumps.back().second);
      jumps.pop_back();
      continue;
    }
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && is_punct(s[i + 1])) {
      out.push_back(s[i + 1]);
      i += 2;
      continue;
    }
    if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') {
      const size_t end = link_end(i + 1);
      if (end != npos && (jumps.empty() || end <= jumps.back().first)) {
        i = end;  // an image: dropped with its alt text
        continue;
      }
    }
    if (c == '[') {
      const size_t end = link_end(i);
      if (end != npos && (jumps.empty() || end <= jumps.back().first)) {
        jumps.emplace_back(bracket[i], end);
        ++i;
        continue;
      }
    }
    if (c == '<' && i + 1 < s.size()) {
      if (s.compare(i, 4, "<!--") == 0 && !no_comment_end) {
        const size_t end = s.find("-->", i + 4);
        if (end != npos) {
          i = end + 3;
          continue;
        }
        no_comment_end = true;
      }
      const char n = s[i + 1];
      if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/') {
        // An autolink keeps its address; a tag is removed. Stop at the next
        // '<' so that each byte is scanned at most twice.
        size_t j = i + 1;
        bool space = false;
        while (j < s.size() && s[j] != '>' && s[j] != '<') {
          space = space || is_ws(s[j]);
          ++j;
        }
        if (j < s.size() && s[j] == '>') {
          const std::string_view inner = s.substr(i + 1, j - i - 1);
          const bool autolink = !space && (inner.find("://") != npos || inner.rfind("mailto:", 0) == 0);
          if (autolink) out.append(inner);
          i = j + 1;
          continue;
        }
      }
    }
    if (c == '`') {
      ++i;
      continue;
    }
    if (c == '*' || c == '_' || c == '~') {
      size_t j = i;
      while (j < s.size() && s[j] == c) ++j;
      const char prev = i > 0 ? s[i - 1] : ' ';
      const char next = j < s.size() ? s[j] : ' ';
      bool markup = !is_ws(prev) || !is_ws(next);
      if (c == '~' && j - i < 2) markup = false;
      if (c == '_' && is_alnum(prev) && is_alnum(next)) markup = false;
      if (c == '*' && is_digit(prev) && is_digit(next)) markup = false;
      if (!markup) out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Blocks.

// The level of an ATX heading ("## Text"), or 0.
size_t atx_level(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == '#') ++n;
  if (n == 0 || n > 6) return 0;
  if (n < line.size() && !is_blank_char(line[n])) return 0;
  return n;
}

std::string_view atx_text(std::string_view line, size_t level) {
  std::string_view t = trim(line.substr(level));
  // A closing sequence of '#' preceded by a space.
  size_t k = t.size();
  while (k > 0 && t[k - 1] == '#') --k;
  if (k == 0) return {};
  if (k < t.size() && is_blank_char(t[k - 1])) t = trim(t.substr(0, k));
  return t;
}

// Three or more of one of - * _ and nothing else but spaces.
bool is_thematic_break(std::string_view line) {
  char mark = 0;
  size_t count = 0;
  for (char c : line) {
    if (is_blank_char(c)) continue;
    if (c != '-' && c != '*' && c != '_') return false;
    if (mark && c != mark) return false;
    mark = c;
    ++count;
  }
  return count >= 3;
}

bool all_of_char(std::string_view line, char c) {
  line = trim(line);
  if (line.empty()) return false;
  for (char x : line)
    if (x != c) return false;
  return true;
}

// The marker of a list item ("- ", "* ", "+ ", "12. ", "3) ") and its length,
// or 0.
size_t list_marker(std::string_view line, bool& ordered) {
  ordered = false;
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && is_blank_char(line[1])) return 2;
  size_t d = 0;
  while (d < line.size() && d < 10 && is_digit(line[d])) ++d;
  if (d == 0 || d > 9 || d + 1 >= line.size()) return 0;
  if ((line[d] == '.' || line[d] == ')') && is_blank_char(line[d + 1])) {
    ordered = true;
    return d + 2;
  }
  return 0;
}

// "[label]: destination"
bool is_reference_definition(std::string_view line) {
  if (line.empty() || line.front() != '[') return false;
  const size_t close = line.find("]:");
  return close != std::string_view::npos && close > 1 && line.find(']') == close;
}

// "|---|:--:|" and the like.
bool is_table_delimiter(std::string_view line) {
  bool dash = false;
  bool pipe = false;
  for (char c : line) {
    if (c == '-') dash = true;
    else if (c == '|') pipe = true;
    else if (c != ':' && !is_blank_char(c)) return false;
  }
  return dash && pipe;
}

class BlockCollector {
 public:
  void add_line(std::string_view text) {
    if (!para_.empty()) para_.push_back(' ');
    para_.append(trim(text));
  }
  void flush() {
    if (para_.empty()) return;
    emit(para_);
    para_.clear();
  }
  void emit(std::string_view raw) {
    std::string text(trim(strip_inline(raw)));
    if (!text.empty()) blocks_.push_back(std::move(text));
  }
  bool has_paragraph() const { return !para_.empty(); }
  std::vector<std::string>& blocks() { return blocks_; }

 private:
  std::string para_;
  std::vector<std::string> blocks_;
};

}  // namespace

MarkdownArticle read_markdown(std::string_view markdown) {
  MarkdownArticle article;
  if (markdown.substr(0, 3) == "\xEF\xBB\xBF") markdown.remove_prefix(3);
  const std::vector<std::string_view> lines = split_lines(markdown);
  size_t first_body = 0;
  if (!lines.empty() && trim(lines[0]) == "---") {
    size_t end = 1;
    while (end < lines.size() && trim(lines[end]) != "---" && trim(lines[end]) != "...") ++end;
    if (end < lines.size()) {
      read_front_matter(lines, end, article.meta);
      first_body = end + 1;
    } else {
      article.warnings.push_back("front matter: no closing '---'; read as text");
    }
  }

  BlockCollector blocks;
  char fence = 0;
  size_t fence_len = 0;
  for (size_t li = first_body; li < lines.size(); ++li) {
    std::string_view line = trim_left(lines[li]);
    if (fence) {
      size_t n = 0;
      while (n < line.size() && line[n] == fence) ++n;
      if (n >= fence_len && trim(line.substr(n)).empty()) fence = 0;
      continue;
    }
    // Block quote markers: the quoted text is read like any other.
    while (!line.empty() && line.front() == '>') line = trim_left(line.substr(1));
    if (trim(line).empty()) {
      blocks.flush();
      continue;
    }
    if (line.size() >= 3 && (line.compare(0, 3, "```") == 0 || line.compare(0, 3, "~~~") == 0)) {
      blocks.flush();
      fence = line[0];
      fence_len = 0;
      while (fence_len < line.size() && line[fence_len] == fence) ++fence_len;
      continue;
    }
    if (const size_t level = atx_level(line)) {
      blocks.flush();
      blocks.emit(atx_text(line, level));
      continue;
    }
    // Setext underlines end the paragraph above, which is the heading.
    if (blocks.has_paragraph() && (all_of_char(line, '=') || all_of_char(line, '-'))) {
      blocks.flush();
      continue;
    }
    if (is_thematic_break(line)) {
      blocks.flush();
      continue;
    }
    if (is_reference_definition(line) || is_table_delimiter(line)) continue;
    bool ordered = false;
    if (const size_t marker = list_marker(line, ordered)) {
      blocks.flush();
      std::string item = ordered ? std::string(line.substr(0, marker - 1)) : std::string("-");
      item.push_back(' ');
      blocks.add_line(item + std::string(trim(line.substr(marker))));
      continue;
    }
    if (line.front() == '|') {
      blocks.flush();
      std::string_view row = trim(line);
      row.remove_prefix(1);
      if (!row.empty() && row.back() == '|') row.remove_suffix(1);
      blocks.emit(row);
      continue;
    }
    blocks.add_line(line);
  }
  if (fence) blocks.flush();
  blocks.flush();

  std::string text;
  std::vector<std::string>& out = blocks.blocks();
  if (article.meta.title) {
    const std::string title(trim(*article.meta.title));
    if (!title.empty() && (out.empty() || out.front() != title)) text = title;
  }
  for (const std::string& b : out) {
    if (!text.empty()) text.append("\n\n");
    text.append(b);
  }
  article.text = std::move(text);
  return article;
}

}  // namespace crosscheck
