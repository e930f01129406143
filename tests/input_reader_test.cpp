#include "engine/input_reader.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

std::string fixture(std::string_view name) {
  return testing::source_dir() + "/tests/fixtures/inputs/" + std::string(name);
}

std::vector<std::string> messages(const std::vector<Status>& problems) {
  std::vector<std::string> out;
  for (const Status& s : problems) out.push_back(s.message());
  return out;
}

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("crosscheck-input-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  void write(const std::string& rel, std::string_view bytes) const {
    const fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

 private:
  fs::path path_;
};

TEST_SUITE("input") {
  TEST_CASE("input format names and extensions") {
    CHECK(std::string(input_format_name(InputFormat::kText)) == "text");
    CHECK(std::string(input_format_name(InputFormat::kMarkdown)) == "markdown");
    CHECK(std::string(input_format_name(InputFormat::kHtml)) == "html");
    CHECK(std::string(input_format_name(InputFormat::kJsonl)) == "jsonl");
    struct Case {
      std::string name;
      std::optional<InputFormat> format;
    } cases[] = {
        {"a.txt", InputFormat::kText},          {"dir.v2/a.TEXT", InputFormat::kText},
        {"story.md", InputFormat::kMarkdown},   {"story.Markdown", InputFormat::kMarkdown},
        {"page.html", InputFormat::kHtml},      {"page.HTM", InputFormat::kHtml},
        {"page.xhtml", InputFormat::kHtml},     {"feed.jsonl", InputFormat::kJsonl},
        {"feed.ndjson", InputFormat::kJsonl},   {"feed.json-lines", InputFormat::kJsonl},
        {"feed.json", std::nullopt},            {"noext", std::nullopt},
        {".hidden", std::nullopt},              {"dir.md/file", std::nullopt},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      CHECK(format_from_extension(c.name) == c.format);
    }
  }

  TEST_CASE("input sniffing the format of bytes without an extension") {
    struct Case {
      std::string bytes;
      InputFormat format;
    } cases[] = {
        {"<!DOCTYPE html><html><body><p>Hi</p></body></html>", InputFormat::kHtml},
        {"\xEF\xBB\xBF  <html lang=en><p>x", InputFormat::kHtml},
        {"<div class=story><p>The council met.</p></div>", InputFormat::kHtml},
        {"<Reuters> reported that the council met.", InputFormat::kText},
        {"{\"text\":\"a\"}\n{\"text\":\"b\"}\n", InputFormat::kJsonl},
        {"{\"text\":\"a\"}\n\n{\"text\":\"b\"}", InputFormat::kJsonl},
        {"{\"text\":\"a\"}\nThe council met.\n", InputFormat::kText},
        {"---\ntitle: A\n---\nBody", InputFormat::kMarkdown},
        {"---\r\ntitle: A\r\n---\r\nBody", InputFormat::kMarkdown},
        {"The council met on Monday.\n---\n", InputFormat::kText},
        {"# Heading\n\nText", InputFormat::kText},
    };
    for (const Case& c : cases) {
      CAPTURE(c.bytes);
      CHECK(sniff_format(c.bytes) == c.format);
    }
  }

  TEST_CASE("input each format gives its text and metadata") {
    struct Case {
      std::string name;
      std::string bytes;
      InputFormat format;
      std::string text;
      std::string title;  // "" when none
      std::string published;
    } cases[] = {
        {"a.txt", "The council met on Monday.\n\nIt voted 7-2.\n", InputFormat::kText,
         "The council met on Monday.\n\nIt voted 7-2.\n", "", ""},
        {"a.md", "---\ntitle: Council votes\npublished: 2024-05\n---\nThe council *met*.\n", InputFormat::kMarkdown,
         "Council votes\n\nThe council met.", "Council votes", "2024-05"},
        {"a.html",
         "<html><head><title>Council votes</title></head><body><p>The council met &amp; voted.</p></body></html>",
         InputFormat::kHtml, "Council votes\n\nThe council met & voted.", "Council votes", ""},
        {"a.jsonl", "{\"text\":\"The council met.\",\"title\":\"Council votes\",\"published\":\"2024\"}\n",
         InputFormat::kJsonl, "The council met.", "Council votes", "2024"},
        {"noext", "---\ntitle: T\n---\nBody text.", InputFormat::kMarkdown, "T\n\nBody text.", "T", ""},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      const ReadOutcome r = read_source_bytes(c.name, c.bytes, std::nullopt);
      REQUIRE(r.problems.empty());
      REQUIRE(r.sources.size() == 1);
      const RawSource& s = r.sources[0];
      CHECK(s.format == c.format);
      CHECK(s.file == c.name);
      CHECK(s.text == c.text);
      CHECK(s.meta.title.value_or("") == c.title);
      CHECK((s.meta.published ? s.meta.published->text : std::string()) == c.published);
      CHECK(s.warnings.empty());
    }
  }

  TEST_CASE("input an explicit format overrides the extension") {
    const ReadOutcome r = read_source_bytes("<stdin>", "<p>Hello</p>", InputFormat::kText);
    REQUIRE(r.sources.size() == 1);
    CHECK(r.sources[0].text == "<p>Hello</p>");
    CHECK(r.sources[0].locator == "<stdin>");
  }

  TEST_CASE("input refusals name the file") {
    struct Case {
      std::string name;
      std::string bytes;
      std::string message;
    } cases[] = {
        {"empty.txt", "", "empty.txt: empty file"},
        {"blank.md", " \n\t\r\n", "blank.md: empty file"},
        {"nul.txt", std::string("The council\0met", 15),
         "nul.txt: binary file (NUL bytes or control characters); not read"},
        {"controls.txt", std::string(200, '\x01'), "controls.txt: binary file (NUL bytes or control characters); not read"},
        {"chrome.html", "<html><body><nav>Home | News</nav><script>x()</script></body></html>",
         "chrome.html: no article text found"},
        {"front.md", "---\ntitle: Only a title\n---\n", ""},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      const ReadOutcome r = read_source_bytes(c.name, c.bytes, std::nullopt);
      if (c.message.empty()) {
        CHECK(r.problems.empty());
        continue;
      }
      CHECK(r.sources.empty());
      CHECK(messages(r.problems) == std::vector<std::string>{c.message});
    }
  }

  TEST_CASE("input invalid UTF-8 is read as found (the normalizer repairs it)") {
    const std::string bytes = "Caf\xE9 owners said the rent rose by 40%.\n";
    const ReadOutcome r = read_source_bytes("latin1.txt", bytes, std::nullopt);
    REQUIRE(r.sources.size() == 1);
    CHECK(r.sources[0].text == bytes);
    CHECK(r.sources[0].warnings.empty());
  }

  TEST_CASE("input markdown front matter: quotes, aliases, bad dates") {
    const char* md =
        "---\n"
        "title: \"Mayor says \\\"no\\\" to tower\"\n"
        "outlet: 'The Coastal Ledger' # a comment\n"
        "date: 2025-13-01\n"
        "id: story-17\n"
        "tags:\n"
        "  - planning\n"
        "---\n"
        "The mayor rejected the plan.\n";
    const ReadOutcome r = read_source_bytes("tower.md", md, std::nullopt);
    REQUIRE(r.sources.size() == 1);
    const RawSource& s = r.sources[0];
    CHECK(s.meta.title == "Mayor says \"no\" to tower");
    CHECK(s.meta.outlet == "The Coastal Ledger");
    CHECK(s.meta.id == "story-17");
    CHECK(!s.meta.published);
    CHECK(s.warnings == std::vector<std::string>{
                            "published: bad publication date '2025-13-01': no such day in the calendar (expected "
                            "YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp); ignored"});
    CHECK(s.text == "Mayor says \"no\" to tower\n\nThe mayor rejected the plan.");
  }

  TEST_CASE("input markdown without a closing front matter line is text") {
    const ReadOutcome r = read_source_bytes("a.md", "---\ntitle: x\nThe mayor spoke.\n", std::nullopt);
    REQUIRE(r.sources.size() == 1);
    CHECK(r.sources[0].warnings == std::vector<std::string>{"front matter: no closing '---'; read as text"});
    CHECK(r.sources[0].text == "title: x The mayor spoke.");
  }

  TEST_CASE("input markdown markup is stripped") {
    struct Case {
      std::string md;
      std::string text;
    } cases[] = {
        {"# Title #\nBody", "Title\n\nBody"},
        {"Title\n=====\nBody", "Title\n\nBody"},
        {"Cross-head\n---\nBody", "Cross-head\n\nBody"},
        {"Para one\n\n***\n\nPara two", "Para one\n\nPara two"},
        {"See [the report](https://x.example/r?a=(1)) now.", "See the report now."},
        {"See [the report][r] now.\n\n[r]: https://x.example", "See the report now."},
        {"The minister [Ms Hale] said no.", "The minister [Ms Hale] said no."},
        {"![chart](c.png) Figures rose.", "Figures rose."},
        {"[![logo](l.png)](https://x.example) Text", "Text"},
        {"**Bold** and _italic_ and ~~gone~~ text", "Bold and italic and gone text"},
        {"snake_case_name and 5 * 3 and 2*3 and ~40 people", "snake_case_name and 5 * 3 and 2*3 and ~40 people"},
        {"Escaped \\*stars\\* and \\[brackets\\]", "Escaped *stars* and [brackets]"},
        {"Call `print()` now", "Call print() now"},
        {"Visit <https://x.example/a> or <b>bold</b> <!-- note --> end", "Visit https://x.example/a or bold  end"},
        {"> \"We will appeal,\" she said.\n> \"Today.\"", "\"We will appeal,\" she said. \"Today.\""},
        {"- one\n- two\ncontinued\n\n1. first\n2) second", "- one\n\n- two continued\n\n1. first\n\n2) second"},
        {"```js\nalert(1)\n```\nAfter", "After"},
        {"~~~\nunclosed fence\nstill code", ""},
        {"| Year | Jobs |\n|------|-----:|\n| 2023 | 1,200 |", "Year | Jobs\n\n2023 | 1,200"},
        {"line one  \nline two\r\nline three", "line one line two line three"},
        {"[unclosed link(", "[unclosed link("},
        {"[[[[a]]]](b)", "[[[a]]]"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.md);
      const ReadOutcome r = read_source_bytes("a.md", c.md, std::nullopt);
      if (c.text.empty()) {
        CHECK(r.sources.empty());
        continue;
      }
      REQUIRE(r.sources.size() == 1);
      CHECK(r.sources[0].text == c.text);
    }
  }

  TEST_CASE("input markdown fixture") {
    const ReadOutcome r = read_source_file(fixture("harbour_story.md"));
    REQUIRE(r.problems.empty());
    REQUIRE(r.sources.size() == 1);
    const RawSource& s = r.sources[0];
    CHECK(s.format == InputFormat::kMarkdown);
    CHECK(s.meta.title == "Harbour bridge reopens after repairs");
    CHECK(s.meta.outlet == "The Coastal Ledger");
    CHECK(s.meta.author == "Dana O'Neill");
    CHECK(s.meta.url == "https://ledger.example/news/harbour-bridge");
    REQUIRE(s.meta.published);
    CHECK(s.meta.published->iso() == "2024-03-18");
    CHECK(s.text ==
          "Harbour bridge reopens after repairs\n\n"
          "The Harbour Road bridge reopened on Monday, the council said. Repairs cost \xC2\xA3"
          "2.4m and ran a week late.\n\n"
          "\"We are relieved it is finally over,\" said Mayor Ruth Allan [sic].\n\n"
          "Traffic returns\n\n"
          "- Buses resume on Tuesday\n\n"
          "- Cyclists get a new lane\n\n"
          "About 14,000 vehicles cross the bridge each day, according to traffic_counts_2023.");
  }

  TEST_CASE("input JSON Lines fixture: bad lines are problems, the others are kept") {
    const std::string name = fixture("harbour_feed.jsonl");
    const ReadOutcome r = read_source_file(name);
    REQUIRE(r.sources.size() == 3);
    CHECK(r.sources[0].locator == name + "#id=a1");
    CHECK(r.sources[0].text == "The bridge reopened on Monday, the council said.");
    CHECK(r.sources[0].meta.outlet == "The Coastal Ledger");
    CHECK(r.sources[0].meta.published->iso() == "2024-03-18");
    CHECK(r.sources[1].locator == name + "#id=a2");
    CHECK(!r.sources[1].meta.published);
    REQUIRE(r.sources[1].warnings.size() == 1);
    CHECK(r.sources[1].warnings[0].rfind("published: bad publication date '2024-02-30'", 0) == 0);
    CHECK(r.sources[2].locator == name + "#L6");
    CHECK(r.sources[2].meta.author == "Dana Whitcombe");
    CHECK(r.sources[2].warnings == std::vector<std::string>{"field 'url' is not a string; ignored"});
    CHECK(messages(r.problems) ==
          std::vector<std::string>{name + ":4: invalid JSON at byte 41: syntax error while parsing object - "
                                          "unexpected end of input; expected '}'",
                                   name + ":5: missing string field 'text'"});
  }

  TEST_CASE("input JSON Lines records") {
    struct Case {
      std::string line;
      std::string problem;  // "" when read
      std::string locator;
    } cases[] = {
        {R"({"text":"A.","id":7})", "", "f#id=7"},
        {R"({"text":"A.","id":"x y"})", "", "f#id=x y"},
        {R"({"text":"A.","id":null})", "", "f#L3"},
        {R"({"text":"A.","id":true})", "f:3: field 'id' must be a string or an integer", ""},
        {R"({"text":"A.","id":1.5})", "f:3: field 'id' must be a string or an integer", ""},
        {R"(["text","A."])", "f:3: expected a JSON object", ""},
        {R"("just a string")", "f:3: expected a JSON object", ""},
        {R"({"text":42})", "f:3: missing string field 'text'", ""},
        {R"({"text":"  "})", "f:3: field 'text' is empty", ""},
        {R"({"text":"A.",})", "f:3: invalid JSON at byte 14: syntax error while parsing object key - unexpected '}'; expected string literal", ""},
        {R"({"text":"A."} trailing)", "f:3: invalid JSON at byte 17: syntax error while parsing value - invalid literal; expected end of input", ""},
    };
    for (const Case& c : cases) {
      CAPTURE(c.line);
      const Result<RawSource> r = read_jsonl_record("f", 3, c.line);
      if (c.problem.empty()) {
        REQUIRE(r.ok());
        CHECK(r->locator == c.locator);
        CHECK(r->text == "A.");
      } else {
        REQUIRE(!r.ok());
        CHECK(r.status().message() == c.problem);
      }
    }
  }

  TEST_CASE("input JSON Lines: escapes decoded, invalid UTF-8 repaired, duplicate ids refused") {
    const Result<RawSource> r = read_jsonl_record("f", 1, "{\"text\":\"Caf\xE9 \\u00e9 \\\"q\\\"\"}");
    REQUIRE(r.ok());
    CHECK(r->text == "Caf\xEF\xBF\xBD \xC3\xA9 \"q\"");
    CHECK(r->warnings == std::vector<std::string>{"1 invalid UTF-8 bytes replaced by U+FFFD"});

    const ReadOutcome dup = read_source_bytes(
        "d.jsonl", "{\"id\":\"a\",\"text\":\"One.\"}\r\n{\"id\":\"a\",\"text\":\"Two.\"}\r\n", std::nullopt);
    CHECK(dup.sources.size() == 1);
    CHECK(messages(dup.problems) == std::vector<std::string>{"d.jsonl:2: duplicate id 'a'"});
  }

  TEST_CASE("input JSON Lines: problems are capped") {
    std::string bytes;
    for (int i = 0; i < 30; ++i) bytes += "not json\n";
    bytes += "{\"text\":\"Kept.\"}\n";
    const ReadOutcome r = read_source_bytes("junk.jsonl", bytes, std::nullopt);
    CHECK(r.sources.size() == 1);
    REQUIRE(r.problems.size() == 21);
    CHECK(r.problems.back().message() == "junk.jsonl: 10 more bad lines not listed");
  }

  TEST_CASE("input JSON Lines: deep nesting and huge lines do not crash") {
    const std::string deep = "{\"text\":\"A.\",\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
    const Result<RawSource> r = read_jsonl_record("deep", 1, deep);
    CHECK(r.ok());
    const std::string unclosed = "{\"text\":\"A.\",\"x\":" + std::string(100000, '[');
    CHECK(!read_jsonl_record("deep", 2, unclosed).ok());
    const std::string big = "{\"text\":\"" + std::string(5 << 20, 'a') + "\"}";
    const Result<RawSource> b = read_jsonl_record("big", 1, big);
    REQUIRE(b.ok());
    CHECK(b->text.size() == size_t{5} << 20);
  }

  TEST_CASE("input reading files: missing, directories, size limit") {
    TempDir dir;
    dir.write("big.txt", std::string(100, 'a'));
    dir.write("ok.txt", "The council met.");
    const std::string big = (dir.path() / "big.txt").generic_string();
    InputLimits tiny;
    tiny.max_file_bytes = 64;
    CHECK(messages(read_source_file(big, tiny).problems) ==
          std::vector<std::string>{big + ": file is 100 bytes, over the size limit of 64 bytes"});
    CHECK(read_source_file(big).sources.size() == 1);
    tiny.max_file_bytes = 100;
    CHECK(read_source_file(big, tiny).sources.size() == 1);

    const std::string missing = (dir.path() / "missing.txt").generic_string();
    CHECK(messages(read_source_file(missing).problems) ==
          std::vector<std::string>{missing + ": no such file or directory"});
    CHECK(messages(read_source_file(dir.path()).problems) ==
          std::vector<std::string>{dir.path().generic_string() + ": not a regular file"});
    const ReadOutcome ok = read_source_file(dir.path() / "ok.txt");
    REQUIRE(ok.sources.size() == 1);
    CHECK(ok.sources[0].file == (dir.path() / "ok.txt").generic_string());
    CHECK(ok.sources[0].locator == ok.sources[0].file);
  }

  TEST_CASE("input collecting files: sorted walk, skips, problems") {
    TempDir dir;
    dir.write("b.txt", "B story.");
    dir.write("a.md", "A story.");
    dir.write("sub/c.html", "<p>C story.</p>");
    dir.write("sub/deeper/d.jsonl", "{\"text\":\"D.\"}");
    dir.write("a2/e.txt", "E story.");
    dir.write("README.md", "not an article");
    dir.write("sources.csv", "file\n");
    dir.write("photo.JPG", "\xFF\xD8");
    dir.write("archive.tar.gz", "x");
    dir.write(".hidden.txt", "hidden");
    dir.write(".git/config", "x");
    dir.write("crosscheck.db", "x");
    dir.write("notes", "A file without an extension is read.");
    const fs::path root = dir.path();
    const CollectOutcome c =
        collect_input_files({root, root / "b.txt", root / "nope", root / "sub" / "c.html"});
    std::vector<std::string> rel;
    for (const InputFile& f : c.files) rel.push_back(f.relative);
    CHECK(rel == std::vector<std::string>{"a.md", "b.txt", "notes", "a2/e.txt", "sub/c.html", "sub/deeper/d.jsonl"});
    REQUIRE(!c.files.empty());
    CHECK(c.files[0].file == (root / "a.md").generic_string());
    CHECK(messages(c.problems) == std::vector<std::string>{(root / "nope").generic_string() + ": no such file or directory"});

    // A file given as such is read whatever its name.
    const CollectOutcome one = collect_input_files({root / "README.md"});
    REQUIRE(one.files.size() == 1);
    CHECK(one.files[0].relative == "README.md");
  }

  TEST_CASE("input a bad file among good ones does not stop the others") {
    TempDir dir;
    dir.write("1_good.txt", "The council met on Monday.");
    dir.write("2_empty.txt", "");
    dir.write("3_binary.txt", std::string("\x7F" "ELF\0\0\0\0", 8));
    dir.write("4_latin1.txt", "Caf\xE9 owners said rents rose.");
    dir.write("5_good.md", "# Title\n\nBody.");
    const CollectOutcome c = collect_input_files({dir.path()});
    REQUIRE(c.files.size() == 5);
    std::vector<std::string> read;
    std::vector<std::string> refused;
    for (const InputFile& f : c.files) {
      const ReadOutcome r = read_source_file(f.path);
      for (const RawSource& s : r.sources) read.push_back(fs::path(s.file).filename().string());
      for (const Status& p : r.problems) refused.push_back(p.message().substr(dir.path().generic_string().size() + 1));
    }
    CHECK(read == std::vector<std::string>{"1_good.txt", "4_latin1.txt", "5_good.md"});
    CHECK(refused == std::vector<std::string>{"2_empty.txt: empty file",
                                              "3_binary.txt: binary file (NUL bytes or control characters); not read"});
  }

  TEST_CASE("input hostile text is read in linear time") {
    // A million quote marks, a 20 MB single line, bidirectional controls: all
    // read as text, unchanged.
    const std::string quotes(1000000, '"');
    CHECK(read_source_bytes("q.txt", quotes, std::nullopt).sources.at(0).text.size() == quotes.size());
    const std::string line(20u << 20, 'x');
    const auto start = std::chrono::steady_clock::now();
    CHECK(read_source_bytes("line.txt", line, std::nullopt).sources.size() == 1);
    CHECK(read_source_bytes("line.md", line, std::nullopt).sources.size() == 1);
    const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(secs < 5.0);
    const std::string brackets = std::string(200000, '[') + std::string(200000, ']') + "(" + std::string(200000, '*');
    CHECK(read_source_bytes("b.md", brackets, std::nullopt).sources.size() == 1);
    const std::string tags = std::string(300000, '<') + "a" + std::string(300000, '<') + "!--";
    CHECK(read_source_bytes("t.md", tags + "x", std::nullopt).sources.size() == 1);
  }
}

}  // namespace
}  // namespace crosscheck
