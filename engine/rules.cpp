#include "engine/rules.h"

#include <toml++/toml.h>
#include <xxhash.h>

#include <fstream>
#include <set>
#include <sstream>

#include "engine/embedded.h"

namespace crosscheck {

RuleFile::RuleFile(std::string name, std::unique_ptr<toml::table> root)
    : name_(std::move(name)), root_(std::move(root)) {}
RuleFile::RuleFile(RuleFile&&) noexcept = default;
RuleFile& RuleFile::operator=(RuleFile&&) noexcept = default;
RuleFile::~RuleFile() = default;

const toml::table& RuleFile::root() const { return *root_; }

Result<RuleFile> RuleFile::Parse(std::string display_name, std::string_view text) {
  try {
    auto table = std::make_unique<toml::table>(toml::parse(text, display_name));
    return RuleFile(std::move(display_name), std::move(table));
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    std::ostringstream msg;
    msg << display_name << ":" << b.line << ":" << b.column << ": " << e.description();
    return Status::Invalid(msg.str());
  }
}

std::string RuleFile::where(const toml::node& node) const {
  const auto& s = node.source();
  if (!s.begin) return name_;
  return name_ + ":" + std::to_string(s.begin.line) + ":" + std::to_string(s.begin.column);
}

Status RuleFile::error_at(const toml::node& node, std::string_view message) const {
  return Status::Invalid(where(node) + ": " + std::string(message));
}

Status RuleFile::error(std::string_view message) const {
  return Status::Invalid(name_ + ": " + std::string(message));
}

const toml::node* RuleFile::find(std::string_view path) const {
  return root_->at_path(path).node();
}

Result<std::vector<std::string>> RuleFile::strings(std::string_view path, bool optional) const {
  const toml::node* n = find(path);
  if (n == nullptr) {
    if (optional) return std::vector<std::string>{};
    return error("missing key '" + std::string(path) + "'");
  }
  const toml::array* arr = n->as_array();
  if (arr == nullptr) return error_at(*n, "'" + std::string(path) + "' must be an array of strings");
  std::vector<std::string> out;
  out.reserve(arr->size());
  for (const toml::node& el : *arr) {
    const auto* s = el.as_string();
    if (s == nullptr) return error_at(el, "'" + std::string(path) + "' must hold only strings");
    out.push_back(s->get());
  }
  return out;
}

Result<std::vector<std::string>> RuleFile::table_keys(std::string_view path) const {
  const toml::node* n = find(path);
  if (n == nullptr) return error("missing table '" + std::string(path) + "'");
  const toml::table* t = n->as_table();
  if (t == nullptr || t->empty()) return error_at(*n, "'" + std::string(path) + "' must be a table with keys");
  std::vector<std::string> keys;
  for (const auto& [k, v] : *t) keys.emplace_back(k.str());
  return keys;
}

Result<std::string> RuleFile::string(std::string_view path) const {
  const toml::node* n = find(path);
  if (n == nullptr) return error("missing key '" + std::string(path) + "'");
  const auto* s = n->as_string();
  if (s == nullptr) return error_at(*n, "'" + std::string(path) + "' must be a string");
  return s->get();
}

Result<std::vector<std::pair<std::string, std::string>>> RuleFile::string_map(std::string_view path,
                                                                                bool optional) const {
  std::vector<std::pair<std::string, std::string>> out;
  const toml::node* n = find(path);
  if (n == nullptr) {
    if (optional) return out;
    return error("missing table '" + std::string(path) + "'");
  }
  const toml::table* t = n->as_table();
  if (t == nullptr) return error_at(*n, "'" + std::string(path) + "' must be a table of strings");
  for (const auto& [k, v] : *t) {
    const auto* s = v.as_string();
    if (s == nullptr) return error_at(v, "'" + std::string(k.str()) + "' must be a string");
    out.emplace_back(std::string(k.str()), s->get());
  }
  return out;
}

Result<std::unique_ptr<RE2>> RuleFile::regex(const toml::node& at, std::string_view pattern,
                                             bool case_sensitive) const {
  RE2::Options opt;
  opt.set_case_sensitive(case_sensitive);
  opt.set_max_mem(kRulePatternMaxMem);
  opt.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, opt);
  if (!re->ok()) return error_at(at, "bad pattern: " + re->error());
  return re;
}

Result<std::vector<std::unique_ptr<RE2>>> RuleFile::regexes(std::string_view path, bool optional,
                                                            bool case_sensitive) const {
  std::vector<std::unique_ptr<RE2>> out;
  auto list = strings(path, optional);
  if (!list.ok()) return list.status();
  const toml::node* n = find(path);
  if (n == nullptr) return out;
  const toml::array* arr = n->as_array();
  for (size_t i = 0; i < list->size(); ++i) {
    auto re = regex(*arr->get(i), (*list)[i], case_sensitive);
    if (!re.ok()) return re.status();
    out.push_back(std::move(re).value());
  }
  return out;
}

Result<int64_t> RuleFile::integer(std::string_view path, int64_t fallback, int64_t min, int64_t max) const {
  const toml::node* n = find(path);
  if (n == nullptr) return fallback;
  const auto* v = n->as_integer();
  if (v == nullptr || v->get() < min || v->get() > max)
    return error_at(*n, "'" + std::string(path) + "' must be an integer from " + std::to_string(min) + " to " +
                            std::to_string(max));
  return v->get();
}

Result<double> RuleFile::number(std::string_view path, double fallback, double min, double max) const {
  const toml::node* n = find(path);
  if (n == nullptr) return fallback;
  std::optional<double> v;
  if (const auto* d = n->as_floating_point()) v = d->get();
  if (const auto* i = n->as_integer()) v = static_cast<double>(i->get());
  if (!v || *v < min || *v > max)
    return error_at(*n, "'" + std::string(path) + "' must be a number from " + std::to_string(min) + " to " +
                            std::to_string(max));
  return *v;
}

RuleSource RuleSource::Builtin() { return RuleSource(); }

Result<RuleSource> RuleSource::FromDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Status::Invalid(dir.string() + ": rules directory not found");
  RuleSource r;
  r.dir_ = dir;
  return r;
}

namespace {
const EmbeddedFile* builtin(std::string_view name) {
  for (const auto& f : embedded_rules())
    if (f.name == name) return &f;
  return nullptr;
}
}  // namespace

Result<RuleFile> RuleSource::Open(std::string_view name) const {
  if (dir_) {
    const auto path = *dir_ / std::string(name);
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      return RuleFile::Parse(path.string(), ss.str());
    }
  }
  const EmbeddedFile* f = builtin(name);
  if (f == nullptr) return Status::NotFound("rules/" + std::string(name) + ": no such rule file");
  return RuleFile::Parse("rules/" + std::string(name), f->content);
}

std::vector<std::string> RuleSource::names() const {
  std::set<std::string> names;
  for (const auto& f : embedded_rules()) names.insert(std::string(f.name));
  if (dir_) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(*dir_, ec))
      if (e.path().extension() == ".toml") names.insert(e.path().filename().string());
  }
  return {names.begin(), names.end()};
}

std::string RuleSource::version() const {
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  for (const auto& n : names()) {
    XXH3_64bits_update(st, n.data(), n.size());
    if (dir_) {
      std::ifstream in(*dir_ / n, std::ios::binary);
      if (in) {
        std::ostringstream ss;
        ss << in.rdbuf();
        const std::string s = ss.str();
        XXH3_64bits_update(st, s.data(), s.size());
        continue;
      }
    }
    if (const EmbeddedFile* f = builtin(n)) XXH3_64bits_update(st, f->content.data(), f->content.size());
  }
  const auto h = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace crosscheck
