// crosscheck check: compare what is stored and record the findings as a run.
#include <algorithm>
#include <chrono>
#include <future>
#include <iostream>
#include <memory>

#include "cli/common.h"
#include "cli/progress.h"
#include "engine/audit_scope.h"
#include "engine/comparator.h"
#include "engine/corpus.h"
#include "engine/findings_store.h"
#include "engine/parallel.h"
#include "engine/stem_counts.h"

namespace crosscheck::cli {

Result<RecordedRun> compare_and_record(const GlobalOptions& g, Store& store, RunKind kind,
                                       const std::string& started_at,
                                       const std::optional<std::set<int64_t>>& focus_versions, int jobs,
                                       bool whole_corpus) {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
  };
  const char* name = run_kind_name(kind);
  RunRecord record;
  record.kind = kind;
  record.started_at = started_at;
  auto rules = open_rules(g);
  if (!rules.ok()) return rules.status();
  auto comparator = Comparator::Load(*rules);
  if (!comparator.ok()) return comparator.status();
  comparator->SetJobs(jobs);
  comparator->SetCompactFindings(true);  // record_run is all that reads them
  record.rules_version = rules->version();

  // The comparator reports no progress of its own: the bar counts the stages.
  ProgressBar bar(name, 3, progress_enabled(g.quiet), std::cerr);
  bar.Update(0);
  auto t = Clock::now();
  std::vector<Finding> findings;
  std::future<void> corpus_freed;  // the corpus is freed while the findings are recorded
  Comparator::StemCounts stems;
  std::optional<StemCountReader> stem_reader;
  bool stems_counted = false, replace_counts = false;
  // The run row counts the whole corpus, loaded or not.
  const auto count_whole_corpus = [&]() -> Status {
    auto counts = count_corpus(store.db());
    if (!counts.ok()) return counts.status();
    record.sources = counts->sources;
    record.claims = counts->claims;
    record.last_version_id = counts->last_version_id;
    return Status::Ok();
  };
  if (focus_versions && focus_versions->empty()) {
    // Nothing new or changed: nothing to compare, so nothing to load (an
    // archive's audit took 17 s to find that out).
    CC_RETURN_IF_ERROR(count_whole_corpus());
    bar.Update(2);
    if (g.verbose) {
      bar.Finish();
      std::cerr << name << ": nothing new or changed among " << record.sources << " sources: nothing compared\n";
    }
  } else {
    CorpusLoad what;
    what.claim_fields = &Comparator::ClaimFieldsRead();
    what.claim_kinds = Comparator::ClaimKindsRead();
    what.alias_text = Comparator::kReadsAliasText;
    what.organisation_aliases = Comparator::kReadsOrganisationAliases;
    what.compress_text = true;  // held for the whole comparison, read a few sentences at a time
    what.jobs = jobs;
    int connections = 1;
    what.connections = &connections;
    // An audit loads the sources around its focus, unless told otherwise or
    // a focus source could copy any source (see audit_scope).
    std::optional<AuditScope> scope;
    bool counted_stems = true;
    if (focus_versions && !whole_corpus) {
      auto known = has_stem_counts(store.db());
      if (!known.ok()) return known.status();
      counted_stems = *known;
      if (!counted_stems && g.verbose) {
        bar.Finish();
        std::cerr << name << ": no stem counts stored yet: compared with the whole corpus, which stores them\n";
      }
    }
    if (focus_versions && !whole_corpus && counted_stems) {
      auto found = audit_scope(store.db(), *focus_versions, comparator->scope_options());
      if (!found.ok()) return found.status();
      scope = std::move(found).value();
      if (!scope->whole_corpus) what.sources = &scope->sources;
      if (g.verbose) {
        bar.Finish();
        std::cerr << name << ": scope: ";
        if (!scope->whole_corpus) {
          std::cerr << scope->sources.size() << " of " << scope->corpus << " sources";
        } else {
          std::cerr << "the whole corpus (" << scope->corpus << " sources)";
        }
        std::cerr << " around " << scope->focus << " new or changed, by " << scope->names - scope->common_names
                  << " distinctive names (" << scope->common_names << " too common) in " << ms(t) << " ms\n";
        for (const std::string& file : scope->undistinguished)
          std::cerr << name << ": " << terminal_safe(file, false)
                    << " names no one distinctive: compared with the whole corpus\n";
      }
      t = Clock::now();
    }
    auto corpus = load_corpus(store.db(), what);
    if (!corpus.ok()) return corpus.status();
    int64_t loaded_claims = 0;
    for (const SourceView& v : *corpus) {
      loaded_claims += static_cast<int64_t>(v.claims_stored);
      record.last_version_id = std::max(record.last_version_id.value_or(0), v.version_id);
    }
    record.sources = static_cast<int64_t>(corpus->size());
    record.claims = loaded_claims;
    if (what.sources != nullptr) CC_RETURN_IF_ERROR(count_whole_corpus());
    bar.Update(1);
    if (g.verbose) {
      bar.Finish();
      std::cerr << name << ": loaded " << corpus->size() << " sources, " << loaded_claims << " claims in " << ms(t)
                << " ms (" << connections << (connections == 1 ? " connection" : " connections") << ", peak RSS "
                << peak_rss_mib() << " MiB)\n";
    }

    t = Clock::now();
    const size_t loaded = corpus->size();  // the corpus itself is freed once compared
    size_t in_focus = loaded;
    std::vector<bool> focus;
    if (focus_versions) {
      focus.assign(corpus->size(), false);
      in_focus = 0;
      for (size_t i = 0; i < corpus->size(); ++i) {
        focus[i] = focus_versions->count((*corpus)[i].version_id) > 0;
        in_focus += focus[i];
      }
    }
    // A scope is compared knowing how common each stem is in the whole
    // corpus; what is compared is counted for the next audits: the whole
    // corpus when it is loaded, else the focus.
    stems.count_all = what.sources == nullptr;
    if (what.sources != nullptr) {
      stem_reader.emplace(store.db());
      stems.corpus_sentences = [&stem_reader](const std::string& stem) { return (*stem_reader)(stem); };
    }
    findings = comparator->Compare(*corpus, focus_versions ? &focus : nullptr, stems);
    if (stem_reader && !stem_reader->status().ok()) return stem_reader->status();
    stems_counted = true;
    replace_counts = stems.count_all;
    corpus_freed = destroy_in_background(std::move(corpus).value(), jobs);
    bar.Update(2);
    if (g.verbose) {
      bar.Finish();
      std::cerr << name << ": compared in " << ms(t) << " ms (" << in_focus << " of " << loaded
                << " sources in focus, " << findings.size() << " findings; peak RSS " << peak_rss_mib() << " MiB)\n";
    }
  }

  t = Clock::now();
  record.finished_at = utc_now();
  auto recorded = record_run(store.db(), record, std::move(findings));
  bar.Update(3);
  bar.Finish();
  if (!recorded.ok()) return explain_busy(g, recorded.status());
  if (g.verbose) std::cerr << name << ": recorded run " << recorded->run.id << " in " << ms(t) << " ms\n";
  if (stems_counted) {
    // Statistics for later audits: the run stands without them.
    t = Clock::now();
    const Status kept = replace_counts ? replace_stem_counts(store.db(), stems.counted)
                                       : add_stem_counts(store.db(), stems.counted);
    if (!kept.ok() && !g.quiet)
      std::cerr << "crosscheck: warning: " << terminal_safe(kept.message(), false)
                << " (later audits may align sentences on common words until the next check)\n";
    if (g.verbose)
      std::cerr << name << ": " << (replace_counts ? "stored " : "added ") << stems.counted.size()
                << " stem counts in " << ms(t) << " ms\n";
  }
  return recorded;
}

int run_check(const GlobalOptions& g, Store& store, std::ostream& out, int jobs) {
  auto recorded = compare_and_record(g, store, RunKind::kCheck, utc_now(), std::nullopt, jobs);
  if (!recorded.ok()) return fail(recorded.status());
  if (!g.quiet)
    out << "run " << recorded->run.id << ": " << recorded->run.findings_total << " findings ("
        << recorded->run.findings_new << " new)\n";
  return kExitOk;
}

void register_check(CLI::App& app, const GlobalOptions& g, Runner& run) {
  CLI::App* cmd = app.add_subcommand("check", "Compare the stored sources and record the findings as a new run");
  auto jobs = std::make_shared<int>(1);
  add_jobs_option(cmd, *jobs, "load claims, index, align and compare");
  cmd->callback([&g, &run, jobs] {
    run = [&g, jobs]() -> int {
      auto store = open_store(g, OpenMode::kReadWrite);
      if (!store.ok()) return fail(store.status());
      return run_check(g, *store, std::cout, *jobs);
    };
  });
}

}  // namespace crosscheck::cli
