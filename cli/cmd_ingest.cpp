// crosscheck ingest PATHS...: store sources with their segments and claims.
#include <chrono>
#include <iostream>

#include "cli/common.h"
#include "cli/progress.h"
#include "engine/ingest.h"

namespace crosscheck::cli {

void add_ingest_flags(CLI::App* cmd, IngestFlags& flags, bool paths_required) {
  auto* paths = cmd->add_option("paths", flags.paths,
                                "Files and directories (recursive): .txt, .md, .html, .jsonl");
  if (paths_required) paths->required();
  cmd->add_option("--manifest", flags.manifest,
                  "CSV of per-source metadata: file,outlet,title,published,url,note (with no paths, its files "
                  "are ingested)");
  cmd->add_option("--outlet", flags.outlet, "Outlet of the given file(s)");
  cmd->add_option("--published", flags.published, "Publication date: YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601");
  cmd->add_option("--title", flags.title, "Title of the given file");
  cmd->add_option("--url", flags.url, "URL of the given file");
  cmd->add_option("--author", flags.author, "Author of the given file");
  cmd->add_option("--max-file-mb", flags.max_file_mb, "Refuse input files larger than this (MiB)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{4096}));
  add_jobs_option(cmd, flags.jobs, "read and extract (with run, also load, align and compare)");
}

namespace {

Result<IngestOptions> to_options(const IngestFlags& flags) {
  IngestOptions o;
  for (const auto& p : flags.paths) o.paths.emplace_back(p);
  if (!flags.manifest.empty()) o.manifest = flags.manifest;
  if (o.paths.empty() && !o.manifest) return Status::Invalid("nothing to ingest: give paths or --manifest");
  const auto set = [](std::optional<std::string>& into, const std::string& v) {
    if (!v.empty()) into = v;
  };
  set(o.overrides.outlet, flags.outlet);
  set(o.overrides.title, flags.title);
  set(o.overrides.url, flags.url);
  set(o.overrides.author, flags.author);
  if (!flags.published.empty()) {
    auto p = parse_published_date(flags.published);
    if (!p.ok()) return p.status().WithPrefix("--published");
    o.overrides.published = *p;
  }
  o.limits.max_file_bytes = flags.max_file_mb << 20;
  o.jobs = flags.jobs;
  return o;
}

}  // namespace

Result<IngestReport> ingest_with_progress(const GlobalOptions& g, Store& store, const Pipeline& pipeline,
                                          const IngestOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ProgressBar bar("ingest", 0, progress_enabled(g.quiet), std::cerr);
  auto report = ingest(store, pipeline, options, [&bar](size_t done, size_t total) { bar.Update(done, total); });
  bar.Finish();
  if (report.ok() && g.verbose) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "ingest: " << report->items.size() << " source(s), " << report->bytes << " bytes in " << ms
              << " ms\n";
  }
  return report;
}

int print_ingest_outcome(const IngestReport& report, bool per_file, std::ostream& out) {
  for (const auto& item : report.items) {
    if (per_file) {
      out << put_action_name(item.action) << "\t" << terminal_safe(item.file, false);
      if (item.action != PutAction::kUnchanged)
        out << "\t(" << item.sentences << " sentences, " << item.chrome << " chrome, " << item.claims << " claims)";
      out << "\n";
    }
    for (const auto& w : item.warnings) std::cerr << "crosscheck: warning: " << terminal_safe(item.file, false) << ": " << terminal_safe(w, false) << "\n";
  }
  for (const auto& p : report.problems) std::cerr << "crosscheck: " << terminal_safe(p.message(), false) << "\n";
  return report.problems.empty() ? kExitOk : kExitBadInput;
}

int run_ingest(const GlobalOptions& g, const IngestFlags& flags, Store& store, const Pipeline& pipeline,
               std::ostream& out) {
  auto options = to_options(flags);
  if (!options.ok()) return fail(options.status());
  auto report = ingest_with_progress(g, store, pipeline, *options);
  if (!report.ok()) return fail(explain_busy(g, report.status()));
  const int code = print_ingest_outcome(*report, !g.quiet, out);
  if (!g.quiet)
    out << report->items.size() << " source(s): " << report->added() << " stored, " << report->unchanged()
        << " unchanged, " << report->problems.size() << " refused or with problems\n";
  return code;
}

void register_ingest(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand("ingest", "Store sources with their segments and claims");
  add_ingest_flags(cmd, *flags, false);
  cmd->callback([&g, &run, flags] {
    run = [&g, flags]() -> int {
      auto pipeline = open_pipeline(g);
      if (!pipeline.ok()) return fail(pipeline.status());
      auto store = open_store(g, OpenMode::kReadWrite);
      if (!store.ok()) return fail(store.status());
      return run_ingest(g, *flags, *store, *pipeline, std::cout);
    };
  });
}

}  // namespace crosscheck::cli
