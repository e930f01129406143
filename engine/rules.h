// Rule files: the lexicons and patterns the engine loads (rules/*.toml).
//
// Rules are data. A module that needs rules asks a RuleSource for its file(s)
// and compiles them once into an immutable form it owns. Every error names the
// place: "rules/dates.toml:12:5: message". Patterns are RE2 (linear time), each
// checked with ok() and bounded in memory; a rule file cannot run code.
#ifndef CROSSCHECK_ENGINE_RULES_H_
#define CROSSCHECK_ENGINE_RULES_H_

#include <re2/re2.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"

namespace toml {
inline namespace v3 {
class table;
class node;
class array;
}  // namespace v3
}  // namespace toml

namespace crosscheck {

// Memory bound for one compiled rule pattern.
inline constexpr int64_t kRulePatternMaxMem = 8 << 20;

// One parsed TOML rule file.
class RuleFile {
 public:
  // Parses `text`; `display_name` is used in messages (e.g. "rules/dates.toml").
  static Result<RuleFile> Parse(std::string display_name, std::string_view text);

  RuleFile(RuleFile&&) noexcept;
  RuleFile& operator=(RuleFile&&) noexcept;
  ~RuleFile();

  const std::string& name() const { return name_; }
  const toml::table& root() const;

  // "name:line:col" of a node (just "name" when the node has no position).
  std::string where(const toml::node& node) const;
  // Status::Invalid("name:line:col: message").
  Status error_at(const toml::node& node, std::string_view message) const;
  Status error(std::string_view message) const;

  // The array of strings at dotted `path` ("months.names"). A missing key is an
  // error unless `optional`; a non-string element is an error at its position.
  Result<std::vector<std::string>> strings(std::string_view path, bool optional = false) const;
  // The keys of the table at dotted `path`, in the file's order; a missing or
  // empty table is an error.
  Result<std::vector<std::string>> table_keys(std::string_view path) const;
  // A string at dotted `path`.
  Result<std::string> string(std::string_view path) const;
  // A table of string -> string at dotted `path` (e.g. role aliases).
  Result<std::vector<std::pair<std::string, std::string>>> string_map(std::string_view path,
                                                                       bool optional = false) const;
  // Compiles `pattern` (taken from `at`) with RE2, case-insensitive unless
  // `case_sensitive`; refused with the node's position when RE2 rejects it.
  Result<std::unique_ptr<RE2>> regex(const toml::node& at, std::string_view pattern,
                                     bool case_sensitive = false) const;
  // Each string of the array at dotted `path` compiled as a pattern (see regex).
  Result<std::vector<std::unique_ptr<RE2>>> regexes(std::string_view path, bool optional = false,
                                                    bool case_sensitive = false) const;
  // The integer at dotted `path`, `fallback` when absent; refused outside [min, max].
  Result<int64_t> integer(std::string_view path, int64_t fallback, int64_t min, int64_t max) const;
  // The number (integer or float) at dotted `path`, `fallback` when absent;
  // refused outside [min, max].
  Result<double> number(std::string_view path, double fallback, double min, double max) const;
  // The node at dotted `path`, or nullptr.
  const toml::node* find(std::string_view path) const;

 private:
  RuleFile(std::string name, std::unique_ptr<toml::table> root);
  std::string name_;
  std::unique_ptr<toml::table> root_;
};

// Where rule files come from: the copies compiled into the binary, or a
// directory given with --rules (a file missing there falls back to the built-in).
class RuleSource {
 public:
  static RuleSource Builtin();
  // REQUIRES: `dir` exists. Files are read when opened.
  static Result<RuleSource> FromDirectory(const std::filesystem::path& dir);

  // Parses rule file `name` ("dates.toml").
  Result<RuleFile> Open(std::string_view name) const;
  // Names of all available rule files.
  std::vector<std::string> names() const;
  // A short fingerprint of the rule texts in use (recorded with each run).
  std::string version() const;

 private:
  std::optional<std::filesystem::path> dir_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_H_
