#include "engine/manifest.h"

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

std::vector<std::string> messages(const std::vector<Status>& problems) {
  std::vector<std::string> out;
  for (const Status& s : problems) out.push_back(s.message());
  return out;
}

Manifest parse_ok(std::string_view csv, const fs::path& base = "corpus") {
  Result<Manifest> m = Manifest::Parse("sources.csv", csv, base);
  REQUIRE(m.ok());
  return std::move(m).value();
}

TEST_SUITE("manifest") {
  TEST_CASE("manifest the seeds' sources.csv") {
    const std::optional<std::string> csv = testing::read_shared("seeds/sources.csv");
    if (!csv) {
      MESSAGE("../shared/seeds/sources.csv is absent; skipped");
      return;
    }
    const Manifest m = parse_ok(*csv, "seeds");
    CHECK(m.problems().empty());
    REQUIRE(m.entries().size() == 5);
    for (const ManifestEntry& e : m.entries()) {
      CAPTURE(e.file);
      CHECK(e.meta.outlet.has_value());
      CHECK(e.meta.title.has_value());
      CHECK(e.meta.note.has_value());
      CHECK(!e.meta.url.has_value());
      CHECK(m.Find(e.file) == &e);
    }
    CHECK(!m.entries()[0].meta.published);
    CHECK(!m.entries()[2].meta.published);
    REQUIRE(m.entries()[1].meta.published);
    CHECK(m.entries()[1].meta.published->precision == DatePrecision::kDay);
    REQUIRE(m.entries()[4].meta.published);
    CHECK(m.entries()[4].meta.published->iso() == "2025-04");
    CHECK(m.entries()[4].meta.published->precision == DatePrecision::kMonth);
    CHECK(m.entries()[0].line == 2);
    CHECK(m.entries()[4].line == 6);
  }

  TEST_CASE("manifest RFC 4180 fields") {
    const Manifest m = parse_ok(
        "\xEF\xBB\xBF" "file,title,note,outlet\r\n"
        "a.txt,\"Rates rise, again\",\"She said \"\"no\"\"\",Ledger\r\n"
        "b.txt,\"Two\nlines\",,\r\n"
        "\r\n"
        "c.txt, Padded title ,\"\",\"x\"\"\"\n"
        "d.txt\n"
        "e.txt,\"quoted\"tail,,");
    CHECK(m.problems().empty());
    REQUIRE(m.entries().size() == 5);
    CHECK(m.entries()[0].meta.title == "Rates rise, again");
    CHECK(m.entries()[0].meta.note == "She said \"no\"");
    CHECK(m.entries()[0].meta.outlet == "Ledger");
    CHECK(m.entries()[1].meta.title == "Two\nlines");
    CHECK(!m.entries()[1].meta.note);
    CHECK(m.entries()[2].line == 6);
    CHECK(m.entries()[2].meta.title == "Padded title");
    CHECK(m.entries()[2].meta.outlet == "x\"");
    CHECK(!m.entries()[3].meta.title);
    CHECK(m.entries()[4].meta.title == "quotedtail");
  }

  TEST_CASE("manifest header errors refuse the manifest") {
    struct Case {
      std::string csv;
      std::string message;
    } cases[] = {
        {"", "sources.csv: empty manifest (no header row)"},
        {"\n\n", "sources.csv: empty manifest (no header row)"},
        {"path,outlet\na.txt,x\n", "sources.csv:1: missing column 'file'"},
        {"\nFile,Title,title\n", "sources.csv:2: duplicate column 'title'"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.csv);
      const Result<Manifest> m = Manifest::Parse("sources.csv", c.csv, "corpus");
      REQUIRE(!m.ok());
      CHECK(m.status().message() == c.message);
    }
    CHECK(parse_ok(" FILE ,Extra\na.txt,ignored\n").entries().size() == 1);
  }

  TEST_CASE("manifest row problems") {
    const Manifest m = parse_ok(
        "file,outlet,published\n"
        "a.txt,Ledger,2025-04\n"
        "b.txt,Ledger,2025-13-01\n"
        "../outside.txt,Ledger,\n"
        "/etc/passwd,Ledger,\n"
        "sub/../../x.txt,,\n"
        ",Ledger,2024\n"
        "./a.txt,Copy,\n"
        "c.txt,Ledger,2024,extra\n"
        "sub/../d.txt,Ledger,99999\n"
        ".,Ledger,\n"
        "e.txt,\"never closed\n");
    CHECK(messages(m.problems()) ==
          std::vector<std::string>{
              "sources.csv:12: unterminated quoted field",
              "sources.csv:3: published: bad publication date '2025-13-01': no such day in the calendar (expected "
              "YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp)",
              "sources.csv:4: file '../outside.txt' is outside the manifest's directory",
              "sources.csv:5: file '/etc/passwd' is outside the manifest's directory",
              "sources.csv:6: file 'sub/../../x.txt' is outside the manifest's directory",
              "sources.csv:7: empty 'file'",
              "sources.csv:8: duplicate row for 'a.txt' (first on line 2)",
              "sources.csv:9: row has 4 fields but the header has 3",
              "sources.csv:10: published: bad publication date '99999': malformed month (expected YYYY, YYYY-MM, "
              "YYYY-MM-DD or an ISO 8601 timestamp)",
              "sources.csv:11: file '.' is outside the manifest's directory",
          });
    std::vector<std::string> kept;
    for (const ManifestEntry& e : m.entries()) kept.push_back(e.relative);
    CHECK(kept == std::vector<std::string>{"a.txt", "b.txt", "d.txt"});
    CHECK(m.entries()[0].meta.published->iso() == "2025-04");
    CHECK(!m.entries()[1].meta.published);
    CHECK(m.entries()[1].meta.outlet == "Ledger");
  }

  TEST_CASE("manifest absolute paths inside the directory are accepted") {
    const fs::path base = fs::absolute("corpus-abs");
    const Manifest m = parse_ok("file\n" + (base / "sub" / "a.txt").generic_string() + "\n", base);
    REQUIRE(m.entries().size() == 1);
    CHECK(m.entries()[0].relative == "sub/a.txt");
  }

  TEST_CASE("manifest finding entries") {
    const Manifest m = parse_ok(
        "file,outlet\n"
        "a.txt,A\n"
        "sub/b.txt,B\n"
        "one/same.txt,S1\n"
        "two/same.txt,S2\n",
        "corpus");
    const auto outlet = [&](const fs::path& p) -> std::string {
      const ManifestEntry* e = m.Find(p);
      return e ? e->meta.outlet.value_or("?") : "none";
    };
    CHECK(outlet("corpus/a.txt") == "A");
    CHECK(outlet("./corpus/sub/../a.txt") == "A");
    CHECK(outlet(fs::absolute("corpus/sub/b.txt")) == "B");
    CHECK(outlet("a.txt") == "A");
    CHECK(outlet("sub/b.txt") == "B");
    CHECK(outlet("elsewhere/b.txt") == "B");
    CHECK(outlet("corpus/one/same.txt") == "S1");
    CHECK(outlet("same.txt") == "none");
    CHECK(outlet("corpus/c.txt") == "none");
    CHECK(outlet("../a.txt") == "A");
  }

  TEST_CASE("manifest reading from disk") {
    const fs::path dir = fs::temp_directory_path() /
                         ("crosscheck-manifest-" +
                          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir);
    std::ofstream(dir / "sources.csv") << "file,outlet\nstory.txt,Ledger\n";
    std::ofstream(dir / "binary.csv", std::ios::binary).write("file\0\0\0", 7);
    const Result<Manifest> m = Manifest::Read(dir / "sources.csv");
    REQUIRE(m.ok());
    CHECK(m->entries().at(0).path == dir / "story.txt");
    CHECK(m->Find(dir / "story.txt") == &m->entries().at(0));
    const std::string missing = (dir / "missing.csv").generic_string();
    CHECK(Manifest::Read(missing).status().message() == missing + ": no such file or directory");
    const std::string binary = (dir / "binary.csv").generic_string();
    CHECK(Manifest::Read(binary).status().message() == binary + ": binary file; not a manifest");
    const std::string src = (dir / "sources.csv").generic_string();
    CHECK(Manifest::Read(src, 10).status().message() ==
          src + ": file is 29 bytes, over the size limit of 10 bytes");
    fs::remove_all(dir);
  }

  TEST_CASE("manifest hostile input is linear") {
    std::string csv = "file,title\n";
    for (int i = 0; i < 100000; ++i) csv += "f" + std::to_string(i) + ".txt,\"t,\"\"" + std::to_string(i) + "\"\"\"\n";
    csv += "x.txt,\"" + std::string(1000000, '"');
    const auto start = std::chrono::steady_clock::now();
    const Manifest m = parse_ok(csv);
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5.0);
    CHECK(m.entries().size() == 100000);
    CHECK(m.entries()[7].meta.title == "t,\"7\"");
  }
}

}  // namespace
}  // namespace crosscheck
