// Markdown input: front matter and the text of the body without markup.
#ifndef CROSSCHECK_ENGINE_MARKDOWN_READER_H_
#define CROSSCHECK_ENGINE_MARKDOWN_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/input_reader.h"

namespace crosscheck {

struct MarkdownArticle {
  // The front matter title (unless the body starts with it), then the body's
  // blocks separated by "\n\n". Bytes outside markup are kept as found.
  std::string text;
  MetaFields meta;
  std::vector<std::string> warnings;
};

// Reads Markdown (CommonMark-like, the parts news copy uses):
//  - Front matter: a first line "---", then "key: value" lines up to a line
//    "---" or "...". Keys title, outlet, published (or date), url, author, id;
//    values may be quoted with " or ' (backslash escapes in "..."). Other keys
//    are ignored. Without a closing line the "---" is read as body text (a
//    warning says so).
//  - ATX (# ...) and setext (=== / --- underlined) headings are paragraphs of
//    their own; thematic breaks end a paragraph; lines of a paragraph are
//    joined with a space; block quote markers are removed.
//  - List items are paragraphs starting "- " (ordered ones keep "1. ").
//  - Fenced code blocks are dropped (code is not article text); inline code
//    keeps its text; reference definitions and HTML comments are dropped;
//    inline HTML tags are removed; table delimiter rows are dropped.
//  - Links keep their text, images are dropped, autolinks keep the address,
//    emphasis markers (* _ ~~) and backslash escapes are removed. Brackets not
//    followed by "(" or "[" are kept ("[sic]").
// Linear in the input size; no recursion.
MarkdownArticle read_markdown(std::string_view markdown);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_MARKDOWN_READER_H_
