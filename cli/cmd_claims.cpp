// crosscheck claims --kind KIND: list stored claims.
#include "cli/common.h"

namespace crosscheck::cli {

namespace {
struct ClaimsOptions {
  std::string kind;
  std::string source;
  TableFormat format = TableFormat::kTable;
};

// Columns per kind, read from the views (db/migrations/0002_claims.sql).
const char* query_for(const std::string& kind) {
  if (kind == "quote" || kind == "reported")
    return "SELECT file, kind, speaker, resolution, round(confidence, 2) AS confidence, cue, quote "
           "FROM quotes_v WHERE (?1 = 'any' OR kind = ?1) AND (?2 = '' OR file = ?2 OR file LIKE '%/' || ?2) "
           "ORDER BY source_id, start";
  if (kind == "role")
    return "SELECT file, person, title, organisation, role_class FROM roles_v "
           "WHERE (?2 = '' OR file = ?2 OR file LIKE '%/' || ?2) AND ?1 = 'role' ORDER BY source_id, start";
  if (kind == "date")
    return "SELECT file, surface, value, start_date, end_date, precision, anchor, rule FROM dates_v "
           "WHERE (?2 = '' OR file = ?2 OR file LIKE '%/' || ?2) AND ?1 = 'date' ORDER BY source_id, start";
  if (kind == "quantity")
    return "SELECT file, surface, value, low, high, unit, currency, approx, subject FROM quantities_v "
           "WHERE (?2 = '' OR file = ?2 OR file LIKE '%/' || ?2) AND ?1 = 'quantity' ORDER BY source_id, start";
  return "SELECT file, kind, text, fields FROM claims_v "
         "WHERE (?2 = '' OR file = ?2 OR file LIKE '%/' || ?2) AND ?1 = 'any' ORDER BY source_id, start";
}
}  // namespace

void register_claims(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto opts = std::make_shared<ClaimsOptions>();
  opts->kind = "any";
  CLI::App* cmd = app.add_subcommand("claims", "List stored claims");
  cmd->add_option("--kind", opts->kind, "quote, reported, role, date, quantity or any")
      ->check(CLI::IsMember({"any", "quote", "reported", "role", "date", "quantity"}))
      ->capture_default_str();
  cmd->add_option("--source", opts->source, "Only claims of this source file (path or file name)");
  add_format_option(cmd, opts->format);
  cmd->callback([&g, &run, opts] {
    run = [&g, opts]() -> int {
      return print_query(g, query_for(opts->kind), {opts->kind, opts->source}, opts->format, "claims");
    };
  });
}

}  // namespace crosscheck::cli
