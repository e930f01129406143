// HTML input: the article of a web page, as paragraphs of plain text, with
// the metadata its head carries.
#ifndef CROSSCHECK_ENGINE_HTML_READER_H_
#define CROSSCHECK_ENGINE_HTML_READER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/input_reader.h"

namespace crosscheck {

struct HtmlArticle {
  // The title (when known and the article does not start with it), then the
  // article's blocks, separated by "\n\n"; valid UTF-8, entities decoded.
  std::string text;
  MetaFields meta;
  std::vector<std::string> warnings;
};

// Elements nested deeper than this are flattened (their tags dropped, their
// text kept) before parsing: the HTML tree builder is quadratic in depth.
inline constexpr size_t kMaxHtmlDepth = 512;

// Reads a page with gumbo (HTML5 parsing: malformed markup is repaired the way
// browsers do it).
//  - The article is the outermost <article> with the most text, else <main>
//    (or role=main), else the element whose <p> children hold the most text
//    (when that is at least a third of the page's text), else <body>. Elements inside dropped elements are never chosen.
//  - Dropped with their content: script, style, noscript, template, svg, math,
//    nav, header, footer, aside, form, iframe, button, select, textarea,
//    object, embed, canvas, audio, video, and elements with the `hidden`
//    attribute or aria-hidden="true". Images are dropped (alt text too). A
//    <header> inside the chosen article (not <body>) is kept: it holds the
//    headline and byline.
//  - Block elements (p, div, h1-h6, li, blockquote, tr, figcaption, ...) become
//    paragraphs; white space inside a block collapses to one space; <br> is a
//    line break and two in a row a paragraph break; a list item starts "- ".
//  - title: og:title, else the first <h1> when <title> starts with it, else
//    <title>, else the first <h1>. published: the first that parses of meta
//    article:published_time, og:published_time, itemprop=datePublished,
//    name=date, name=pubdate, <time datetime>; when none parses, the first
//    found (the caller warns). outlet: og:site_name. url: <link
//    rel=canonical>, else og:url. author: meta name=author.
//  - Warnings: invalid UTF-8 bytes replaced; a declared charset other than
//    UTF-8; nesting flattened.
// Linear in the input size; no recursion.
HtmlArticle read_html(std::string_view html);

// Copies `html` without the tags that would nest elements deeper than
// `max_depth` (counting elements whose end tag is required; raw text elements,
// comments and void elements are skipped over). nullopt when nothing is
// dropped. `dropped` counts removed tags. Linear; exposed for tests.
std::optional<std::string> flatten_deep_nesting(std::string_view html, size_t max_depth,
                                                size_t& dropped);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_HTML_READER_H_
