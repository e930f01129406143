// crosscheck check: compare what is stored and record the findings as a run.
#include <chrono>
#include <iostream>

#include "cli/common.h"
#include "engine/comparator.h"
#include "engine/corpus.h"
#include "engine/findings_store.h"

namespace crosscheck::cli {

int run_check(const GlobalOptions& g, Store& store, std::ostream& out) {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
  };
  RunRecord record;
  record.kind = RunKind::kCheck;
  record.started_at = utc_now();
  auto rules = open_rules(g);
  if (!rules.ok()) return fail(rules.status());
  auto comparator = Comparator::Load(*rules);
  if (!comparator.ok()) return fail(comparator.status());
  record.rules_version = rules->version();

  auto t = Clock::now();
  auto corpus = load_corpus(store.db());
  if (!corpus.ok()) return fail(corpus.status());
  record.sources = static_cast<int64_t>(corpus->size());
  for (const SourceView& v : *corpus) record.claims += static_cast<int64_t>(v.claims.size());
  if (g.verbose)
    std::cerr << "check: loaded " << record.sources << " sources, " << record.claims << " claims in " << ms(t)
              << " ms\n";

  t = Clock::now();
  std::vector<Finding> findings = comparator->Compare(*corpus);
  if (g.verbose) std::cerr << "check: compared in " << ms(t) << " ms\n";

  t = Clock::now();
  record.finished_at = utc_now();
  auto recorded = record_run(store.db(), record, std::move(findings));
  if (!recorded.ok()) return fail(recorded.status());
  if (g.verbose) std::cerr << "check: recorded in " << ms(t) << " ms\n";
  if (!g.quiet)
    out << "run " << recorded->run.id << ": " << recorded->run.findings_total << " findings ("
        << recorded->run.findings_new << " new)\n";
  return kExitOk;
}

void register_check(CLI::App& app, const GlobalOptions& g, Runner& run) {
  CLI::App* cmd = app.add_subcommand("check", "Compare the stored sources and record the findings as a new run");
  cmd->callback([&g, &run] {
    run = [&g]() -> int {
      auto store = open_store(g, OpenMode::kReadWrite);
      if (!store.ok()) return fail(store.status());
      return run_check(g, *store, std::cout);
    };
  });
}

}  // namespace crosscheck::cli
