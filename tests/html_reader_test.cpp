#include "engine/html_reader.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "engine/input_reader.h"
#include "tests/test_support.h"

namespace crosscheck {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_SUITE("html") {
  TEST_CASE("html fixture page: article, metadata, chrome dropped") {
    const ReadOutcome r = read_source_file(testing::source_dir() + "/tests/fixtures/inputs/harbour_page.html");
    REQUIRE(r.problems.empty());
    REQUIRE(r.sources.size() == 1);
    const RawSource& s = r.sources[0];
    CHECK(s.format == InputFormat::kHtml);
    CHECK(s.meta.title == "Harbour bridge reopens after six weeks of repairs");
    CHECK(s.meta.outlet == "The Coastal Ledger");
    CHECK(s.meta.url == "https://ledger.example/news/harbour-bridge-reopens");
    CHECK(s.meta.author == "Dana Whitcombe");
    REQUIRE(s.meta.published);
    CHECK(s.meta.published->precision == DatePrecision::kTimestamp);
    CHECK(s.meta.published->iso() == "2024-03-18");
    CHECK(s.warnings.empty());
    CHECK(s.text ==
          "Harbour bridge reopens after six weeks of repairs\n\n"
          "By Dana Whitcombe\n\n"
          "The Harbour Road bridge reopened to traffic on Monday morning, the council said, after repairs "
          "that cost \xC2\xA3"
          "2.4m & ran a week late.\n\n"
          "\xE2\x80\x9CWe are relieved it is finally over,\xE2\x80\x9D said Mayor Ruth Allan.\n"
          "She thanked residents for their patience.\n\n"
          "The bridge at dawn. Photo: Ledger staff\n\n"
          "Traffic returns\n\n"
          "About 14,000 vehicles cross the bridge each day.\n\n"
          "- Buses resume on Tuesday\n\n"
          "- Cyclists get a new lane");
  }

  TEST_CASE("html text extraction") {
    struct Case {
      std::string name;
      std::string html;
      std::string text;
    } cases[] = {
        {"script and style dropped", "<body><p>Before<script>alert('x')</script> after.</p><style>p{}</style></body>",
         "Before after."},
        {"entities decoded", "<p>Fish &amp; chips cost &pound;5 &mdash; &#8220;cheap&#x201D; &nbsp;now&lt;3</p>",
         "Fish & chips cost \xC2\xA3" "5 \xE2\x80\x94 \xE2\x80\x9C" "cheap\xE2\x80\x9D \xC2\xA0now<3"},
        {"escaped script is text", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>"},
        {"javascript link keeps its text only", "<p><a href=\"javascript:alert(1)\">Read more</a> here.</p>",
         "Read more here."},
        {"furniture dropped",
         "<body><nav>Home</nav><header>Site</header><p>Story.</p><aside>Ad</aside><footer>(c)</footer>"
         "<form><p>Leave a Reply</p></form><iframe src=x></iframe><button>Share</button>"
         "<noscript>Enable JS</noscript><template><p>T</p></template><svg><text>S</text></svg></body>",
         "Story."},
        {"hidden elements dropped", "<p>Seen.</p><p hidden>Unseen.</p><div aria-hidden=\"true\">Icon</div>", "Seen."},
        {"blocks become paragraphs", "<div>One<div>Two</div>Three</div><h2>Head</h2><blockquote>Quote</blockquote>",
         "One\n\nTwo\n\nThree\n\nHead\n\nQuote"},
        {"white space collapses", "<p>  The\n\tcouncil   <b>met</b>\r\n on <i>Monday</i>. </p>",
         "The council met on Monday."},
        {"br is a line, two are a paragraph", "<p>Line one<br>Line two<br><br>Para two<br/> <br>Para three</p>",
         "Line one\nLine two\n\nPara two\n\nPara three"},
        {"lists", "<ul><li>One</li><li><p>Two</p></li><li></li></ul><ol><li>Three</ol>",
         "- One\n\n- Two\n\n- Three"},
        {"tables", "<table><tr><th>Year</th><th>Jobs</th></tr><tr><td>2023</td><td>1,200</td></tr></table>",
         "Year Jobs\n\n2023 1,200"},
        {"pre keeps lines", "<pre>a  b\nc</pre>", "a b\nc"},
        {"images dropped", "<p><img src=x.jpg alt=\"A photo\">Caption text</p>", "Caption text"},
        {"malformed markup repaired", "<p>Unclosed <b>bold <i>both</b> italic</p><p>Next", "Unclosed bold both italic\n\nNext"},
        {"comments dropped", "<p>Keep<!-- drop me --> this</p>", "Keep this"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      CHECK(read_html(c.html).text == c.text);
    }
  }

  TEST_CASE("html choosing the article") {
    struct Case {
      std::string name;
      std::string html;
      std::string text;
    } cases[] = {
        {"article preferred",
         "<body><div><p>Teaser one.</p><p>Teaser two.</p><p>Teaser three.</p></div>"
         "<article><p>The story.</p></article></body>",
         "The story."},
        {"the article with most text",
         "<article><p>Short.</p></article><article><p>The longer story text.</p></article>",
         "The longer story text."},
        {"nested articles: outermost",
         "<article><p>Story text.</p><section><article><p>A comment.</p></article></section></article>",
         "Story text.\n\nA comment."},
        {"article in aside ignored",
         "<aside><article><p>Related story with a long teaser text.</p></article></aside><main><p>Main.</p></main>",
         "Main."},
        {"main", "<body><div>Menu</div><main><p>Main story.</p></main><div>Links</div></body>", "Main story."},
        {"role=main", "<body><div>Menu</div><div role=\"main\"><p>Main story.</p></div></body>", "Main story."},
        {"most paragraph text",
         "<body><div class=menu><p>A</p><p>B</p></div><div class=story><p>The council met on Monday.</p>"
         "<p>It voted to close the library.</p></div><div>Footer links</div></body>",
         "The council met on Monday.\n\nIt voted to close the library."},
        {"body", "<body><div>Only a div.</div>Loose text.</body>", "Only a div.\n\nLoose text."},
        {"header kept inside the article",
         "<header>Site name</header><article><header><h1>Headline</h1><p>By A. Writer</p></header>"
         "<p>Story.</p><footer>Tags: x</footer></article>",
         "Headline\n\nBy A. Writer\n\nStory."},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      CHECK(read_html(c.html).text == c.text);
    }
  }

  TEST_CASE("html title") {
    struct Case {
      std::string name;
      std::string html;
      std::string title;
      std::string text;
    } cases[] = {
        {"og:title first", "<head><meta property=og:title content=\" The  headline \"><title>T | Site</title></head>"
                           "<body><p>Story.</p></body>",
         "The headline", "The headline\n\nStory."},
        {"h1 when the title adds the site name", "<title>Bridge reopens | The Ledger</title><body><h1>Bridge reopens</h1><p>Story.</p>",
         "Bridge reopens", "Bridge reopens\n\nStory."},
        {"title when h1 differs", "<title>Bridge reopens</title><body><h1>The Ledger</h1><p>Story.</p>",
         "Bridge reopens", "Bridge reopens\n\nThe Ledger\n\nStory."},
        {"h1 alone", "<body><article><h1>Bridge <em>reopens</em></h1><p>Story.</p></article>", "Bridge reopens",
         "Bridge reopens\n\nStory."},
        {"none", "<body><p>Story.</p>", "", "Story."},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      const HtmlArticle a = read_html(c.html);
      CHECK(a.meta.title.value_or("") == c.title);
      CHECK(a.text == c.text);
    }
  }

  TEST_CASE("html published date sources in order") {
    struct Case {
      std::string name;
      std::string head;
      std::string published;
    } cases[] = {
        {"article:published_time", "<meta property=\"article:published_time\" content=\"2024-03-18T09:30:00Z\">"
                                   "<meta name=date content=2020-01-01>",
         "2024-03-18T09:30:00Z"},
        {"og:published_time", "<meta property=\"og:published_time\" content=\"2024-03-18\">", "2024-03-18"},
        {"itemprop", "<meta itemprop=\"datePublished\" content=\"2024-03\">", "2024-03"},
        {"itemprop on time", "<body><time itemprop=datePublished datetime=2024-03-17>Sunday</time><p>x</p>",
         "2024-03-17"},
        {"name=date", "<meta name=\"date\" content=\"2024\">", "2024"},
        {"name=pubdate", "<meta name=\"pubdate\" content=\"2024-03-18\">", "2024-03-18"},
        {"time datetime", "<body><p>x <time datetime=\"2024-03-16\">Saturday</time></p>", "2024-03-16"},
        {"a bad first candidate gives way", "<meta property=\"article:published_time\" content=\"March 18, 2024\">"
                                            "<meta name=date content=2024-03-18>",
         "2024-03-18"},
        {"only bad: the first is returned", "<meta property=\"article:published_time\" content=\"yesterday\">",
         "yesterday"},
        {"none", "<p>x</p>", ""},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      const HtmlArticle a = read_html(std::string(c.head) + "<p>Story.</p>");
      CHECK(a.meta.published.value_or("") == c.published);
    }
    const ReadOutcome r =
        read_source_bytes("p.html", "<meta property=\"article:published_time\" content=\"yesterday\"><p>Story.</p>",
                          std::nullopt);
    REQUIRE(r.sources.size() == 1);
    CHECK(!r.sources[0].meta.published);
    CHECK(r.sources[0].warnings ==
          std::vector<std::string>{"published: bad publication date 'yesterday': no four-digit year (expected YYYY, "
                                   "YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp); ignored"});
  }

  TEST_CASE("html url, outlet, author") {
    const HtmlArticle a = read_html(
        "<meta property=og:url content=https://x.example/og><meta property=og:site_name content=\"The Ledger\">"
        "<meta name=AUTHOR content=\"Sam Reyes\"><p>Story.</p>");
    CHECK(a.meta.url == "https://x.example/og");
    CHECK(a.meta.outlet == "The Ledger");
    CHECK(a.meta.author == "Sam Reyes");
    const HtmlArticle b = read_html(
        "<link rel=canonical href=https://x.example/c><meta property=og:url content=https://x.example/og><p>S.</p>");
    CHECK(b.meta.url == "https://x.example/c");
  }

  TEST_CASE("html warnings: invalid UTF-8 and other charsets") {
    const HtmlArticle a = read_html("<p>Caf\xE9 prices rose.</p>");
    CHECK(a.text == "Caf\xEF\xBF\xBD prices rose.");
    CHECK(a.warnings == std::vector<std::string>{"1 invalid UTF-8 bytes replaced by U+FFFD"});
    const HtmlArticle b = read_html("<meta charset=\"ISO-8859-1\"><p>Story.</p>");
    CHECK(b.warnings == std::vector<std::string>{"declared charset 'iso-8859-1' is not UTF-8; read as UTF-8"});
    const HtmlArticle c =
        read_html("<meta http-equiv=Content-Type content=\"text/html; charset=UTF-8\"><p>Story.</p>");
    CHECK(c.warnings.empty());
  }

  TEST_CASE("html flattening deep nesting") {
    size_t dropped = 0;
    CHECK(!flatten_deep_nesting("<div><div><p>x</div></div>", 2, dropped));
    CHECK(dropped == 0);
    struct Case {
      std::string html;
      const char* flat;
      size_t dropped;
    } cases[] = {
        {"<div><div><div>x</div></div></div>", "<div><div>x</div></div>", 2},
        {"<div><span><b>x</b></span></div>", "<div><span>x</span></div>", 2},
        {"<div><div><br><img src=a><p>x<li>y</div></div>", nullptr, 0},
        {"<div><div><script><div><div></script>x", nullptr, 0},
        {"<div><div><!-- <div><div> -->x", nullptr, 0},
        {"<div><div><div a='>'>x</div>", "<div><div>x", 2},
        {"<div></b><div></b><div>x", "<div></b><div></b>x", 1},
        {"<span><div></span><span>x", "<span><div></span>x", 1},
        {"<form><div></form><form>x", "<form><div></form>x", 1},
    };
    for (const Case& c : cases) {
      CAPTURE(c.html);
      const auto flat = flatten_deep_nesting(c.html, 2, dropped);
      CHECK(flat.has_value() == (c.flat != nullptr));
      if (flat && c.flat) CHECK(*flat == std::string(c.flat));
      CHECK(dropped == c.dropped);
    }
  }

  TEST_CASE("html hostile pages: deep nesting, huge inputs") {
    struct Case {
      std::string name;
      std::string html;
      double max_seconds;
    };
    const auto repeat = [](std::string_view unit, size_t n) {
      std::string s;
      s.reserve(unit.size() * n + 16);
      for (size_t i = 0; i < n; ++i) s.append(unit);
      return s + "Deep text.";
    };
    const Case cases[] = {
        {"100k nested divs", repeat("<div>", 100000), 5},
        {"nested lists", repeat("<ul><li>", 50000), 5},
        {"nested definition lists", repeat("<dl><dt>", 50000), 5},
        {"divs with stray end tags", repeat("<div></b>", 50000), 5},
        {"spans around divs", repeat("<span><div></span>", 50000), 5},
        {"unclosed formatting", repeat("<b id=x>", 100000), 5},
        {"nested tables", repeat("<table><tr><td>", 30000), 5},
        {"a million '<'", std::string(1000000, '<') + "<p>Deep text.", 5},
        {"unclosed comments", repeat("<!--", 200000), 5},
        {"unclosed quotes in a tag", "<p a=\"" + std::string(1000000, 'x') + "Deep text.", 5},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      const auto start = std::chrono::steady_clock::now();
      const ReadOutcome r = read_source_bytes("deep.html", c.html, std::nullopt);
      CHECK(seconds_since(start) < c.max_seconds);
      CHECK(r.sources.size() + r.problems.size() >= 1);
    }
    const HtmlArticle a = read_html(repeat("<div>", 100000));
    CHECK(a.text == "Deep text.");
    CHECK(a.warnings == std::vector<std::string>{"HTML nested deeper than 512 elements: 99488 tags ignored"});
  }
}

}  // namespace
}  // namespace crosscheck
