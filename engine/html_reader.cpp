#include "engine/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <utility>

#include "engine/published_date.h"
#include "engine/utf8.h"

namespace crosscheck {

namespace {

// ---------------------------------------------------------------------------
// Depth limiting before parsing. The tag names here are HTML syntax (which
// elements are void, raw text, or have optional end tags), not a lexicon.

// (noscript is parsed as markup: the parser runs with scripting off.)
constexpr std::array<std::string_view, 9> kRawTextTags{
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"};
constexpr std::array<std::string_view, 14> kVoidTags{
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"};
constexpr std::array<std::string_view, 18> kOptionalEndTags{
    "p",     "li",    "dt",    "dd",       "option",  "optgroup", "tr", "td", "th",
    "tbody", "thead", "tfoot", "colgroup", "caption", "rb",       "rt", "rp", "rtc"};

// Elements the tree builder treats as "special" (their nesting is kept when
// an unrelated end tag arrives), and the boundaries of the default scope.
constexpr std::array<std::string_view, 52> kSpecialTags{
    "address", "applet",   "article",  "aside",    "blockquote", "body",     "button",  "center",  "details",
    "dir",     "div",      "dl",       "fieldset", "figcaption", "figure",   "footer",  "form",    "frameset",
    "h1",      "h2",       "h3",       "h4",       "h5",         "h6",       "head",    "header",  "hgroup",
    "html",    "iframe",   "listing",  "main",     "marquee",    "menu",     "nav",     "noembed", "noframes",
    "noscript", "object",  "ol",       "pre",      "script",     "section",  "select",  "style",   "summary",
    "table",   "template", "textarea", "title",    "ul",         "xmp",      "frame"};
constexpr std::array<std::string_view, 6> kScopeBoundaryTags{"applet", "html", "marquee", "object", "table",
                                                             "template"};
constexpr std::array<std::string_view, 4> kNeverClosedTags{"html", "head", "body", "form"};

template <size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view name) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Reads a tag name starting at `i`, lower-cased (at most 16 bytes kept: longer
// names are never in the sets above).
std::string tag_name_at(std::string_view s, size_t& i) {
  std::string name;
  while (i < s.size() && !is_html_space(s[i]) && s[i] != '/' && s[i] != '>') {
    if (name.size() < 16) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      name.push_back(c);
    }
    ++i;
  }
  return name;
}

// Position just past the '>' closing the tag whose attributes start at `i`,
// skipping quoted attribute values; s.size() when unterminated.
size_t tag_end(std::string_view s, size_t i, bool& self_closing) {
  self_closing = false;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '>') {
      self_closing = i > 0 && s[i - 1] == '/';
      return i + 1;
    }
    if ((c == '"' || c == '\'') && i > 0 && s[i - 1] == '=') {
      const size_t close = s.find(c, i + 1);
      if (close == std::string_view::npos) return s.size();
      i = close + 1;
      continue;
    }
    ++i;
  }
  return s.size();
}

// Position of the "</name" that ends raw text starting at `i`, or s.size().
size_t raw_text_end(std::string_view s, size_t i, std::string_view name) {
  while (true) {
    const size_t lt = s.find("</", i);
    if (lt == std::string_view::npos) return s.size();
    size_t k = lt + 2;
    bool match = k + name.size() <= s.size();
    for (size_t j = 0; match && j < name.size(); ++j) {
      char c = s[k + j];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      match = c == name[j];
    }
    if (match) return lt;
    i = lt + 2;
  }
}

}  // namespace

std::optional<std::string> flatten_deep_nesting(std::string_view html, size_t max_depth, size_t& dropped) {
  dropped = 0;
  std::string out;
  size_t copied = 0;
  // The open elements roughly as the HTML tree builder keeps them. When in
  // doubt an end tag is ignored: counting too deep only flattens a little
  // early, counting too shallow would let the parser go quadratic.
  //  - an end tag with no such element open, or for html/head/body/form, closes nothing;
  //  - a "special" element's end tag closes it and everything inside it, unless a
  //    scope boundary (table, object, ...) was opened after it;
  //  - another element's end tag does the same unless a special element was
  //    opened after it (the tree builder ignores it then).
  // Each entry is pushed and popped once: linear.
  struct Open {
    std::string name;
    bool dropped;
    bool special;
    bool boundary;
  };
  std::vector<Open> open;
  std::unordered_map<std::string, std::vector<size_t>> where;  // name -> stack positions
  std::vector<size_t> specials;
  std::vector<size_t> boundaries;
  const auto drop = [&](size_t from, size_t to) {
    if (out.empty()) out.reserve(html.size());
    out.append(html.substr(copied, from - copied));
    copied = to;
    ++dropped;
  };
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
    const char next = html[lt + 1];
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (next == '!' || next == '?') {
      const size_t end = html.find('>', lt + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
      continue;
    }
    bool self_closing = false;
    if (next == '/' && lt + 2 < html.size() && is_alpha(html[lt + 2])) {
      size_t k = lt + 2;
      const std::string name = tag_name_at(html, k);
      const size_t end = tag_end(html, k, self_closing);
      i = end;
      const auto w = where.find(name);
      if (w == where.end() || w->second.empty() || in(kNeverClosedTags, name)) continue;
      const size_t pos = w->second.back();
      const bool special = in(kSpecialTags, name);
      if (special && !boundaries.empty() && boundaries.back() > pos) continue;
      if (!special && !specials.empty() && specials.back() > pos) continue;
      const bool was_dropped = open[pos].dropped;
      while (open.size() > pos) {
        Open& top = open.back();
        where[top.name].pop_back();
        if (top.special) specials.pop_back();
        if (top.boundary) boundaries.pop_back();
        open.pop_back();
      }
      if (was_dropped) drop(lt, end);
      continue;
    }
    if (!is_alpha(next)) {
      i = lt + 1;
      continue;
    }
    size_t k = lt + 1;
    std::string name = tag_name_at(html, k);
    const size_t end = tag_end(html, k, self_closing);
    i = end;
    // Inside <svg> or <math> every element nests until its end tag (a <td>
    // or an <iframe> there is an ordinary foreign element).
    const bool foreign = !where["svg"].empty() || !where["math"].empty();
    if (!foreign && in(kRawTextTags, name)) {
      if (name == "plaintext") break;
      i = raw_text_end(html, end, name);
      continue;
    }
    if (self_closing || in(kVoidTags, name) || (!foreign && in(kOptionalEndTags, name))) continue;
    const bool too_deep = open.size() >= max_depth;
    if (too_deep) drop(lt, end);
    const size_t pos = open.size();
    const bool special = in(kSpecialTags, name);
    const bool boundary = in(kScopeBoundaryTags, name);
    where[name].push_back(pos);
    if (special) specials.push_back(pos);
    if (boundary) boundaries.push_back(pos);
    open.push_back({std::move(name), too_deep, special, boundary});
  }
  if (dropped == 0) return std::nullopt;
  out.append(html.substr(copied));
  return out;
}

namespace {

// ---------------------------------------------------------------------------
// Reading the parsed tree.

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

bool is_element(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

std::string_view attr(const GumboNode* n, const char* name) {
  if (!is_element(n)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool has_attr(const GumboNode* n, const char* name) {
  return is_element(n) && gumbo_get_attribute(&n->v.element.attributes, name) != nullptr;
}

// Page furniture and non-text content, dropped with everything inside.
bool is_dropped(const GumboNode* n) {
  if (n->type == GUMBO_NODE_TEMPLATE) return true;
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  switch (n->v.element.tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      break;
  }
  if (has_attr(n, "hidden")) return true;
  return ascii_lower(attr(n, "aria-hidden")) == "true";
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

const GumboVector* children_of(const GumboNode* n) {
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  if (is_element(n)) return &n->v.element.children;
  return nullptr;
}

// Accumulates text with HTML white space collapsed and block boundaries as
// line or paragraph breaks.
class TextBuilder {
 public:
  enum Gap { kNone, kSpace, kLine, kParagraph };

  void gap(Gap g) {
    if (g > pending_) pending_ = g;
  }
  void line_break() { pending_ = pending_ >= kLine ? kParagraph : kLine; }
  // The next content of the current block starts with `prefix` ("- ").
  void prefix(std::string_view p) { prefix_ = p; }

  void text(std::string_view s, bool preformatted) {
    size_t i = 0;
    while (i < s.size()) {
      if (is_html_space(s[i])) {
        gap(preformatted && s[i] == '\n' ? kLine : kSpace);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < s.size() && !is_html_space(s[j])) ++j;
      put(s.substr(i, j - i));
      i = j;
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void put(std::string_view s) {
    if (!out_.empty()) {
      switch (pending_) {
        case kNone: break;
        case kSpace: out_.push_back(' '); break;
        case kLine: out_.push_back('\n'); break;
        case kParagraph: out_.append("\n\n"); break;
      }
    }
    if (!prefix_.empty()) {
      if (pending_ >= kLine || out_.empty()) out_.append(prefix_);
      prefix_ = {};
    }
    pending_ = kNone;
    out_.append(s);
  }

  std::string out_;
  Gap pending_ = kNone;
  std::string_view prefix_;
};

// The text under `root` (dropped elements excluded), white space collapsed.
std::string node_text(const GumboNode* root) {
  TextBuilder b;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      b.text(n->v.text.text, false);
      continue;
    }
    if (n != root && is_dropped(n)) continue;
    if (is_element(n) && n->v.element.tag == GUMBO_TAG_BR) b.gap(TextBuilder::kSpace);
    if (const GumboVector* kids = children_of(n)) {
      for (unsigned k = kids->length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[k]));
    }
  }
  return b.take();
}

// Renders the blocks under `root` as paragraphs. A <header> is page furniture
// except inside the article itself, where it holds the headline and byline.
std::string render(const GumboNode* root) {
  const bool keep_header = is_element(root) && root->v.element.tag != GUMBO_TAG_BODY &&
                           root->v.element.tag != GUMBO_TAG_HTML;
  TextBuilder b;
  struct Frame {
    const GumboNode* node;
    unsigned next;  // next child to visit
    bool pre;       // inside <pre>
  };
  std::vector<Frame> stack{{root, 0, false}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboNode* n = f.node;
    const GumboVector* kids = children_of(n);
    if (f.next == 0 && is_element(n)) {
      const GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_BR) b.line_break();
      if (is_block(tag)) b.gap(TextBuilder::kParagraph);
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) b.gap(TextBuilder::kSpace);
      if (tag == GUMBO_TAG_LI) b.prefix("- ");
    }
    if (kids == nullptr || f.next >= kids->length) {
      if (is_element(n) && is_block(n->v.element.tag)) b.gap(TextBuilder::kParagraph);
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(kids->data[f.next++]);
    const bool pre = f.pre || (is_element(n) && n->v.element.tag == GUMBO_TAG_PRE);
    switch (child->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        b.text(child->v.text.text, pre);
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        if (!is_dropped(child) || (keep_header && child->type == GUMBO_NODE_ELEMENT &&
                                   child->v.element.tag == GUMBO_TAG_HEADER && !has_attr(child, "hidden"))) {
          stack.push_back({child, 0, pre});
        }
        break;
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_COMMENT:
        break;
    }
  }
  return b.take();
}

// What one walk over the whole tree finds.
struct PageFacts {
  const GumboNode* body = nullptr;
  const GumboNode* title = nullptr;  // <title>
  const GumboNode* first_h1 = nullptr;
  const GumboNode* main = nullptr;
  std::vector<const GumboNode*> articles;  // outermost, not inside dropped elements
  std::unordered_map<const GumboNode*, size_t> text_in;  // text bytes per article and per <p>
  size_t total_text = 0;  // text bytes outside dropped elements
  // Meta values by key ("property:og:title", "name:author", "itemprop:datepublished").
  std::unordered_map<std::string, std::string> meta;
  std::string canonical;
  std::string time_datetime;
  std::string charset;
};

void note_meta(PageFacts& facts, std::string key, std::string_view value) {
  if (!value.empty()) facts.meta.try_emplace(std::move(key), value);
}

PageFacts walk(const GumboNode* document) {
  PageFacts facts;
  struct Frame {
    const GumboNode* node;
    bool dropped;
    const GumboNode* p;        // enclosing <p>
    const GumboNode* article;  // outermost enclosing <article>
  };
  std::vector<Frame> stack{{document, false, nullptr, nullptr}};
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    const GumboNode* n = f.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      if (f.dropped) continue;
      const size_t len = std::strlen(n->v.text.text);
      facts.total_text += len;
      if (f.p) facts.text_in[f.p] += len;
      if (f.article) facts.text_in[f.article] += len;
      continue;
    }
    if (!is_element(n) && n->type != GUMBO_NODE_DOCUMENT) continue;
    Frame child{n, f.dropped, f.p, f.article};
    if (is_element(n)) {
      const GumboTag tag = n->v.element.tag;
      switch (tag) {
        case GUMBO_TAG_BODY:
          if (!facts.body) facts.body = n;
          break;
        case GUMBO_TAG_TITLE:
          if (!facts.title) facts.title = n;
          break;
        case GUMBO_TAG_H1:
          if (!facts.first_h1) facts.first_h1 = n;
          break;
        case GUMBO_TAG_MAIN:
          if (!facts.main && !f.dropped) facts.main = n;
          break;
        case GUMBO_TAG_ARTICLE:
          if (!f.article && !f.dropped && !is_dropped(n)) {
            facts.articles.push_back(n);
            child.article = n;
          }
          break;
        case GUMBO_TAG_P:
          child.p = n;
          break;
        case GUMBO_TAG_META: {
          const std::string_view content = attr(n, "content");
          if (const std::string_view v = attr(n, "property"); !v.empty())
            note_meta(facts, "property:" + ascii_lower(v), content);
          if (const std::string_view v = attr(n, "name"); !v.empty())
            note_meta(facts, "name:" + ascii_lower(v), content);
          if (const std::string_view v = attr(n, "charset"); !v.empty() && facts.charset.empty())
            facts.charset = ascii_lower(v);
          if (ascii_lower(attr(n, "http-equiv")) == "content-type" && facts.charset.empty()) {
            const std::string c = ascii_lower(content);
            const size_t at = c.find("charset=");
            if (at != std::string::npos) facts.charset = c.substr(at + 8);
          }
          break;
        }
        case GUMBO_TAG_LINK:
          if (facts.canonical.empty() && ascii_lower(attr(n, "rel")) == "canonical")
            facts.canonical = std::string(attr(n, "href"));
          break;
        case GUMBO_TAG_TIME:
          if (facts.time_datetime.empty() && !f.dropped) facts.time_datetime = std::string(attr(n, "datetime"));
          break;
        default:
          break;
      }
      if (const std::string_view ip = attr(n, "itemprop"); !ip.empty()) {
        std::string_view v = attr(n, "content");
        if (v.empty()) v = attr(n, "datetime");
        note_meta(facts, "itemprop:" + ascii_lower(ip), v);
      }
      if (!facts.main && !f.dropped && ascii_lower(attr(n, "role")) == "main") facts.main = n;
      if (is_dropped(n)) child.dropped = true;
    }
    if (const GumboVector* kids = children_of(n)) {
      for (unsigned k = kids->length; k-- > 0;) {
        child.node = static_cast<const GumboNode*>(kids->data[k]);
        stack.push_back(child);
      }
    }
  }
  return facts;
}

const GumboNode* choose_root(const PageFacts& facts) {
  const auto text_of = [&](const GumboNode* n) {
    const auto it = facts.text_in.find(n);
    return it == facts.text_in.end() ? size_t{0} : it->second;
  };
  const GumboNode* best = nullptr;
  for (const GumboNode* a : facts.articles)
    if (text_of(a) > 0 && (!best || text_of(a) > text_of(best))) best = a;
  if (best) return best;
  if (facts.main) return facts.main;
  // The element whose <p> children hold the most text.
  std::unordered_map<const GumboNode*, size_t> by_parent;
  for (const auto& [node, len] : facts.text_in) {
    if (is_element(node) && node->v.element.tag == GUMBO_TAG_P && node->parent) by_parent[node->parent] += len;
  }
  size_t best_len = 0;
  for (const auto& [node, len] : by_parent) {
    // Ties go to the earlier node in the page, so the choice does not depend on hashing.
    if (len > best_len || (len == best_len && best && node->v.element.start_pos.offset < best->v.element.start_pos.offset)) {
      best = node;
      best_len = len;
    }
  }
  // Only when those paragraphs are a good part of the page: a lone <p> in a
  // list item is not the article.
  if (best && is_element(best) && best_len * 3 >= facts.total_text) return best;
  return facts.body;
}

// The first <h1> under `root`, including inside its header (where articles
// often put the headline).
const GumboNode* first_h1_under(const GumboNode* root) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!is_element(n)) continue;
    if (n->v.element.tag == GUMBO_TAG_H1) return n;
    const GumboVector* kids = children_of(n);
    for (unsigned k = kids->length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[k]));
  }
  return nullptr;
}

std::string collapse(std::string_view s) {
  TextBuilder b;
  b.text(s, false);
  return b.take();
}

std::optional<std::string> first_meta(const PageFacts& facts, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    const auto it = facts.meta.find(k);
    if (it != facts.meta.end()) {
      std::string v = collapse(it->second);
      if (!v.empty()) return v;
    }
  }
  return std::nullopt;
}

}  // namespace

HtmlArticle read_html(std::string_view html) {
  HtmlArticle article;
  std::string repaired;
  if (!is_valid_utf8(html)) {
    Utf8Repair r = repair_utf8(html);
    article.warnings.push_back(std::to_string(r.invalid_bytes) + " invalid UTF-8 bytes replaced by U+FFFD");
    repaired = std::move(r.text);
    html = repaired;
  }
  size_t dropped = 0;
  const std::optional<std::string> flat = flatten_deep_nesting(html, kMaxHtmlDepth, dropped);
  if (flat) {
    article.warnings.push_back("HTML nested deeper than " + std::to_string(kMaxHtmlDepth) + " elements: " +
                               std::to_string(dropped) + " tags ignored");
    html = *flat;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are repaired, not reported
  std::unique_ptr<GumboOutput, GumboDeleter> out(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!out) {
    article.warnings.push_back("HTML could not be parsed");
    return article;
  }
  const PageFacts facts = walk(out->document);
  const GumboNode* root = choose_root(facts);
  std::string body = root ? render(root) : std::string();

  // Title: og:title, else the first <h1> when <title> is that headline plus
  // a site suffix, else <title>, else the first <h1>.
  std::optional<std::string> title = first_meta(facts, {"property:og:title", "name:twitter:title"});
  if (!title) {
    const GumboNode* h1 = root ? first_h1_under(root) : nullptr;
    if (!h1) h1 = facts.first_h1;
    const std::string h1_text = h1 ? node_text(h1) : std::string();
    const std::string title_text = facts.title ? node_text(facts.title) : std::string();
    if (!h1_text.empty() && (title_text.empty() || title_text.rfind(h1_text, 0) == 0)) {
      title = h1_text;
    } else if (!title_text.empty()) {
      title = title_text;
    }
  }
  if (title) {
    const std::string_view first_para = std::string_view(body).substr(0, body.find("\n\n"));
    article.text = first_para == *title ? std::move(body) : *title + (body.empty() ? "" : "\n\n") + body;
  } else {
    article.text = std::move(body);
  }
  article.meta.title = title;

  std::vector<std::string> dates;
  for (const char* k : {"property:article:published_time", "property:og:published_time",
                        "itemprop:datepublished", "name:date", "name:pubdate"}) {
    if (const auto v = first_meta(facts, {k})) dates.push_back(*v);
  }
  if (!facts.time_datetime.empty()) dates.push_back(collapse(facts.time_datetime));
  for (const std::string& d : dates) {
    if (parse_published_date(d).ok()) {
      article.meta.published = d;
      break;
    }
  }
  if (!article.meta.published && !dates.empty()) article.meta.published = dates.front();

  article.meta.outlet = first_meta(facts, {"property:og:site_name"});
  if (!facts.canonical.empty()) {
    article.meta.url = collapse(facts.canonical);
  } else {
    article.meta.url = first_meta(facts, {"property:og:url"});
  }
  article.meta.author = first_meta(facts, {"name:author"});
  const std::string& cs = facts.charset;
  if (!cs.empty() && cs != "utf-8" && cs != "utf8" && cs != "us-ascii" && cs != "ascii") {
    article.warnings.push_back("declared charset '" + collapse(cs) + "' is not UTF-8; read as UTF-8");
  }
  return article;
}

}  // namespace crosscheck
