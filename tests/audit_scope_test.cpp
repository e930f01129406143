#include "engine/audit_scope.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/corpus.h"
#include "engine/stem_counts.h"
#include "engine/store.h"
#include "tests/test_support.h"

using namespace crosscheck;  // NOLINT: test file

namespace {

// Stores a source naming `names` (the first `organisations` of them are
// organisations); returns its (source id, version id).
std::pair<int64_t, int64_t> put_naming(Store& s, const std::string& locator, const std::vector<std::string>& names,
                                       const std::string& body = "") {
  // The names written in the text too: people are looked up by surname in
  // the full-text index of sentences.
  std::string text = "A report on " + std::to_string(names.size()) + " names.";
  for (const std::string& name : names) text += " It names " + name + ".";
  text += body;
  SourceInput in;
  in.locator = locator;
  in.file = locator;
  in.format = "text";
  in.content_hash = content_hash(text, in.meta);
  ExtractedClaims claims;
  for (const std::string& name : names) {
    PersonRecord p;
    p.name = name;
    p.organisation = name.find("Bank") != std::string::npos;
    claims.people.push_back(p);
  }
  auto put = s.PutSource(in, testing::make_doc(text), claims);
  REQUIRE(put.ok());
  return {put->source_id, put->version_id};
}

}  // namespace

TEST_SUITE("audit scope") {
  TEST_CASE("neighbours share distinctive names; common names and old versions do not count") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    // "Quillfield Bank" is named by five sources: above the cap of four.
    const auto focus = put_naming(*s, "/new/focus.txt", {"Lena Reyes", "Harold Marlow", "Quillfield Bank"});
    const auto both = put_naming(*s, "/old/both.txt", {"Harold Marlow", "Lena Reyes", "Quillfield Bank"});
    const auto one = put_naming(*s, "/old/one.txt", {"Lena Reyes", "Quillfield Bank"});
    const auto bank1 = put_naming(*s, "/old/bank1.txt", {"Quillfield Bank", "Grace Jorstead"});
    const auto bank2 = put_naming(*s, "/old/bank2.txt", {"Quillfield Bank"});
    // A source that named both once, then was rewritten without them.
    const auto before = put_naming(*s, "/old/moved.txt", {"Lena Reyes", "Harold Marlow"});
    const auto after = put_naming(*s, "/old/moved.txt", {"Leo Zelley"}, " Rewritten.");
    REQUIRE(after.first == before.first);
    const auto lone = put_naming(*s, "/new/lone.txt", {"Grace Jorstead"});

    ScopeOptions o;
    o.max_name_sources = 4;
    o.max_scope_share = 1.0;
    auto scope = audit_scope(s->db(), {focus.second}, o);
    REQUIRE(scope.ok());
    CHECK_FALSE(scope->whole_corpus);
    CHECK(scope->focus == 1);
    CHECK(scope->corpus == 7);
    CHECK(scope->names == 3);
    CHECK(scope->common_names == 1);
    // Two distinctive names: a neighbour shares both.
    CHECK(scope->sources == std::vector<int64_t>{focus.first, both.first});

    // One shared name is enough when asked for.
    o.min_shared_names = 1;
    scope = audit_scope(s->db(), {focus.second}, o);
    REQUIRE(scope.ok());
    CHECK(scope->sources == std::vector<int64_t>{focus.first, both.first, one.first});

    // A name no other source carries links to nothing and asks nothing of
    // the neighbours: one shared name is then enough.
    o.min_shared_names = 2;
    const auto newcomer = put_naming(*s, "/new/newcomer.txt", {"Lena Reyes", "Ivo Brandt", "Quillfield Bank"});
    scope = audit_scope(s->db(), {newcomer.second}, o);
    REQUIRE(scope.ok());
    CHECK(scope->sources == std::vector<int64_t>{focus.first, both.first, one.first, newcomer.first});
    scope = audit_scope(s->db(), {focus.second}, o);  // it now carries Lena Reyes too
    REQUIRE(scope.ok());
    CHECK(scope->sources == std::vector<int64_t>{focus.first, both.first});

    // A focus source with one distinctive name: sources naming it.
    o.min_shared_names = 2;
    scope = audit_scope(s->db(), {lone.second}, o);
    REQUIRE(scope.ok());
    CHECK(scope->sources == std::vector<int64_t>{bank1.first, lone.first});

    // Two focus sources: the union of their neighbourhoods. A version no
    // longer current is no focus.
    scope = audit_scope(s->db(), {focus.second, lone.second, before.second}, o);
    REQUIRE(scope.ok());
    CHECK(scope->focus == 2);
    CHECK(scope->sources == std::vector<int64_t>{focus.first, both.first, bank1.first, lone.first});

    // A scope above the share of the corpus allowed: the whole corpus.
    o.max_scope_share = 0.25;
    scope = audit_scope(s->db(), {focus.second, lone.second}, o);
    REQUIRE(scope.ok());
    CHECK(scope->whole_corpus);
    CHECK(scope->sources.empty());
    (void)bank2;
  }

  TEST_CASE("a focus source naming no one distinctive is compared with the whole corpus") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    for (int i = 0; i < 3; ++i) put_naming(*s, "/old/" + std::to_string(i) + ".txt", {"Quillfield Bank"});
    const auto common = put_naming(*s, "/new/common.txt", {"Quillfield Bank"});
    const auto nameless = put_naming(*s, "/new/nameless.txt", {});
    ScopeOptions o;
    o.max_name_sources = 2;
    o.max_scope_share = 1.0;
    auto scope = audit_scope(s->db(), {common.second, nameless.second}, o);
    REQUIRE(scope.ok());
    CHECK(scope->whole_corpus);
    CHECK(scope->undistinguished == std::vector<std::string>{"/new/common.txt", "/new/nameless.txt"});
  }

  TEST_CASE("load_corpus loads the sources asked for, in order, skipping unknown ids") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    const auto a = put_naming(*s, "/a.txt", {"Lena Reyes"});
    const auto b = put_naming(*s, "/b.txt", {"Harold Marlow"});
    const auto c = put_naming(*s, "/c.txt", {"Leo Zelley"});
    const auto c2 = put_naming(*s, "/c.txt", {"Leo Zelley", "Grace Jorstead"}, " Again.");
    const std::vector<int64_t> ids = {a.first, c.first, 999};
    CorpusLoad what;
    what.sources = &ids;
    auto part = load_corpus(s->db(), what);
    REQUIRE(part.ok());
    REQUIRE(part->size() == 2);
    CHECK((*part)[0].source_id == a.first);
    CHECK((*part)[0].people.size() == 1);
    CHECK((*part)[1].version_id == c2.second);  // the current version
    CHECK((*part)[1].people.size() == 2);
    auto all = load_corpus(s->db());
    REQUIRE(all.ok());
    CHECK(all->size() == 3);
    (void)b;
  }

  TEST_CASE("stem counts are replaced by a check and added to by an audit") {
    auto s = Store::Open(":memory:", OpenMode::kReadWrite);
    REQUIRE(s.ok());
    REQUIRE(replace_stem_counts(s->db(), {{"bridg", 3}, {"council", 1}}).ok());
    REQUIRE(add_stem_counts(s->db(), {{"bridg", 2}, {"ferri", 4}}).ok());
    StemCountReader read(s->db());
    CHECK(read("bridg") == 5);
    CHECK(read("council") == 1);
    CHECK(read("ferri") == 4);
    CHECK(read("unknown") == 0);
    CHECK(read.status().ok());
    REQUIRE(replace_stem_counts(s->db(), {{"ferri", 1}}).ok());
    CHECK(read("bridg") == 0);
    CHECK(read("ferri") == 1);
  }
}
