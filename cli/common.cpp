#include "cli/common.h"

#include <SQLiteCpp/Column.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

#include "engine/parallel.h"
#include "engine/utf8.h"

namespace crosscheck::cli {

int exit_code_for(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidInput:
    case StatusCode::kNotFound:
    case StatusCode::kIoError:
    case StatusCode::kBusy:
      return kExitBadInput;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

int fail(const Status& s) {
  std::cerr << "crosscheck: " << terminal_safe(s.message(), false) << "\n";
  return exit_code_for(s);
}

Result<RuleSource> open_rules(const GlobalOptions& g) {
  if (g.rules_dir.empty()) return RuleSource::Builtin();
  return RuleSource::FromDirectory(g.rules_dir);
}

Result<Pipeline> open_pipeline(const GlobalOptions& g) {
  auto rules = open_rules(g);
  if (!rules.ok()) return rules.status();
  return Pipeline::Load(*rules);
}

Status explain_busy(const GlobalOptions& g, const Status& s) {
  if (s.code() != StatusCode::kBusy) return s;
  return Status::Busy("database " + g.db + " is busy: another process kept it locked for over " +
                      std::to_string(g.busy_timeout_s) + " s (--busy-timeout); try again later (" + s.message() +
                      ")");
}

Result<Store> open_store(const GlobalOptions& g, OpenMode mode) {
  auto store = Store::Open(g.db, mode, std::chrono::seconds(g.busy_timeout_s));
  if (!store.ok()) return explain_busy(g, store.status());
  return store;
}

void add_format_option(CLI::App* cmd, TableFormat& format) {
  cmd->add_option("--format", format, "Output format: table, csv or json")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, TableFormat>{
              {"table", TableFormat::kTable}, {"csv", TableFormat::kCsv}, {"json", TableFormat::kJson}},
          CLI::ignore_case));
}

void add_jobs_option(CLI::App* cmd, int& jobs, const std::string& what) {
  cmd->add_option("--jobs,-j", jobs, "Threads that " + what + " (0: one per core); results do not depend on it")
      ->capture_default_str()
      ->check(CLI::Range(0, 256))
      ->transform(CLI::Validator(
          [](std::string& value) {
            if (value == "0") value = std::to_string(hardware_jobs());
            return std::string();
          },
          "", "one per core"));
}

namespace {

// Display width in code points, for aligning columns (wide CJK counts once).
size_t width(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Table cells stay on one line and within a readable width.
std::string cell_for_table(const std::string& s) {
  std::string out;
  out.reserve(std::min<size_t>(s.size(), 200));
  size_t cps = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    if (cps == 80) {
      out += "...";
      break;
    }
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      continue;  // control characters: a cell must not drive the terminal
    } else {
      out.append(s, start, i - start);
    }
    ++cps;
  }
  return out;
}

}  // namespace

Table table_from(SQLite::Statement& st) {
  Table t;
  for (int c = 0; c < st.getColumnCount(); ++c) t.columns.emplace_back(st.getColumnName(c));
  t.numeric.assign(t.columns.size(), true);
  while (st.executeStep()) {
    std::vector<std::optional<std::string>> row;
    for (int c = 0; c < st.getColumnCount(); ++c) {
      const SQLite::Column col = st.getColumn(c);
      if (col.isNull()) {
        row.emplace_back(std::nullopt);
        continue;
      }
      if (!col.isInteger() && !col.isFloat()) t.numeric[static_cast<size_t>(c)] = false;
      row.emplace_back(col.getString());
    }
    t.rows.push_back(std::move(row));
  }
  if (t.rows.empty()) t.numeric.assign(t.columns.size(), false);
  return t;
}

int print_query(const GlobalOptions& g, const std::string& sql, const std::vector<std::string>& binds,
                TableFormat format, const std::string& what) {
  auto store = open_store(g, OpenMode::kReadOnly);
  if (!store.ok()) return fail(store.status());
  try {
    SQLite::Statement st(store->db(), sql);
    for (size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i + 1), binds[i]);
    print_table(std::cout, table_from(st), format);
    return kExitOk;
  } catch (const SQLite::Exception& e) {
    return fail(sqlite_status(what, e.getErrorCode(), e.what()));
  }
}

void print_table(std::ostream& out, const Table& t, TableFormat format) {
  switch (format) {
    case TableFormat::kCsv: {
      for (size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << csv_cell(t.columns[c]);
      out << "\n";
      for (const auto& row : t.rows) {
        for (size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << (row[c] ? csv_cell(*row[c]) : "");
        out << "\n";
      }
      return;
    }
    case TableFormat::kJson: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& row : t.rows) {
        nlohmann::json o = nlohmann::json::object();
        for (size_t c = 0; c < row.size(); ++c) {
          if (!row[c]) {
            o[t.columns[c]] = nullptr;
          } else if (c < t.numeric.size() && t.numeric[c]) {
            o[t.columns[c]] = nlohmann::json::parse(*row[c], nullptr, false);
            if (o[t.columns[c]].is_discarded()) o[t.columns[c]] = *row[c];
          } else {
            o[t.columns[c]] = *row[c];
          }
        }
        arr.push_back(std::move(o));
      }
      out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return;
    }
    case TableFormat::kTable: {
      std::vector<std::vector<std::string>> cells;
      std::vector<size_t> widths(t.columns.size());
      for (size_t c = 0; c < t.columns.size(); ++c) widths[c] = width(t.columns[c]);
      for (const auto& row : t.rows) {
        std::vector<std::string> r;
        for (size_t c = 0; c < row.size(); ++c) {
          r.push_back(row[c] ? cell_for_table(*row[c]) : "");
          widths[c] = std::max(widths[c], width(r.back()));
        }
        cells.push_back(std::move(r));
      }
      const auto line = [&](const std::vector<std::string>& r) {
        for (size_t c = 0; c < r.size(); ++c) {
          const size_t pad = widths[c] - width(r[c]);
          const bool right = c < t.numeric.size() && t.numeric[c];
          if (c) out << "  ";
          if (right) out << std::string(pad, ' ');
          out << r[c];
          if (!right && c + 1 < r.size()) out << std::string(pad, ' ');
        }
        out << "\n";
      };
      line(t.columns);
      std::vector<std::string> rule;
      for (size_t w : widths) rule.emplace_back(w, '-');
      line(rule);
      for (const auto& r : cells) line(r);
      out << "(" << t.rows.size() << (t.rows.size() == 1 ? " row" : " rows") << ")\n";
      return;
    }
  }
}

}  // namespace crosscheck::cli
