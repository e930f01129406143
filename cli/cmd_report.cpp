// crosscheck report: the findings of a run as text, JSON, Markdown, HTML, CSV
// or ClaimReview (engine/report.h).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

#include "cli/common.h"
#include "engine/findings_store.h"
#include "engine/report.h"

namespace crosscheck::cli {

namespace {

struct ReportFlags {
  std::string format = "text";
  std::string output;
  std::vector<std::string> kinds;
  std::string min_severity;
  std::string source;
  int64_t run = 0;
  std::string status;
  std::string since;
  std::string org;
  std::string base_url;
  bool all = false;
};

bool write_all(int fd, const std::string& text) {
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Writes `text` to `path` through a temporary file in the same directory and
// a rename, so readers never see a half-written report. A symbolic link is
// followed (the link stays); an existing path that is not a regular file
// (/dev/stdout, a pipe) is written in place, never replaced.
Status write_atomically(const std::string& path, const std::string& text) {
  const std::string& given = path;
  std::string target = path;
  struct stat st {};
  if (::stat(given.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      const int fd = ::open(given.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
      const bool ok = fd >= 0 && write_all(fd, text);
      const int saved = errno;
      if (fd >= 0 && ::close(fd) != 0 && ok) return Status::Io("cannot write the report to " + given);
      if (!ok) return Status::Io("cannot write the report to " + given + ": " + std::strerror(saved));
      return Status::Ok();
    }
    if (char* real = ::realpath(given.c_str(), nullptr)) {
      target = real;
      std::free(real);
    }
  }
  std::string tmp = target + ".XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return Status::Io("cannot write the report to " + given + ": " + std::strerror(errno));
  const mode_t mask = ::umask(0);
  ::umask(mask);
  bool ok = ::fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, text);
  const int saved = errno;
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (ok && ::rename(tmp.c_str(), target.c_str()) == 0) return Status::Ok();
  const std::string why = std::strerror(ok ? errno : saved);
  ::unlink(tmp.c_str());
  return Status::Io("cannot write the report to " + given + ": " + why);
}

// Colour only when writing to a terminal and the user has not opted out
// (https://no-color.org: any NO_COLOR value disables it).
bool use_colour(const ReportRequest& req) {
  return req.output.empty() && ::isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
}

Result<ReportRequest> request_from(const ReportFlags& f) {
  ReportRequest req;
  const auto format = parse_report_format(f.format);
  if (!format)
    return Status::Invalid("--format: unknown format '" + f.format + "' (text, json, md, html, csv, claimreview)");
  req.format = *format;
  req.output = f.output;
  for (const std::string& k : f.kinds) {
    const auto kind = parse_finding_kind(k);
    if (!kind) return Status::Invalid("--kind: unknown finding kind '" + k + "'");
    req.filter.kinds.push_back(*kind);
  }
  if (!f.min_severity.empty()) {
    const auto s = parse_severity(f.min_severity);
    if (!s) return Status::Invalid("--min-severity: unknown severity '" + f.min_severity + "' (high, medium, low)");
    req.filter.min_severity = *s;
  }
  if (!f.source.empty()) req.filter.source = f.source;
  if (!f.status.empty()) {
    const auto s = parse_finding_status(f.status);
    if (!s) return Status::Invalid("--status: unknown status '" + f.status + "' (open, confirmed, dismissed)");
    req.filter.status = *s;
  }
  if (f.run > 0) req.filter.run = f.run;
  req.all_runs = f.all;
  if (req.all_runs && req.filter.run) return Status::Invalid("--all and --run exclude each other");
  if (!f.since.empty()) CC_RETURN_IF_ERROR(parse_since(f.since, req));
  req.org = f.org;
  req.base_url = f.base_url;
  if (req.format == ReportFormat::kClaimReview && req.org.empty())
    return Status::Invalid("--format claimreview needs --org NAME (the reviewing organisation)");
  return req;
}

}  // namespace

int run_report(const GlobalOptions& g, Store& store, const ReportRequest& req) {
  if (store.schema_version() < kFindingsSchemaVersion)
    return fail(Status::Invalid("database " + g.db + " has no findings yet (run 'crosscheck check')"));
  auto report = load_report(store.db(), req);
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kNotFound) return fail(Status::Invalid(report.status().message()));
    return fail(report.status());
  }
  std::ostringstream text;
  if (Status s = render_report(text, *report, req, use_colour(req)); !s.ok()) return fail(s);
  if (req.output.empty()) {
    std::cout << text.str() << std::flush;
    if (!std::cout) return fail(Status::Io("cannot write the report to standard output"));
    return kExitOk;
  }
  if (Status s = write_atomically(req.output, text.str()); !s.ok()) return fail(s);
  return kExitOk;
}

void register_report(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app.add_subcommand("report", "Report the findings of the latest check (or of --run N)");
  cmd->add_option("--format", flags->format, "text, json, md, html, csv or claimreview (needs --org)")
      ->check(CLI::IsMember({"text", "json", "md", "html", "csv", "claimreview"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE instead of standard output");
  cmd->add_option("--kind", flags->kinds, "Only findings of this kind (repeatable)");
  cmd->add_option("--min-severity", flags->min_severity, "Only findings at or above: high, medium or low")
      ->check(CLI::IsMember({"high", "medium", "low"}));
  cmd->add_option("--source", flags->source, "Only findings with evidence from this file (path or file name)");
  cmd->add_option("--run", flags->run, "The findings raised by run N (default: the latest run)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--status", flags->status, "Only findings with this review status: open, confirmed, dismissed")
      ->check(CLI::IsMember({"open", "confirmed", "dismissed"}));
  cmd->add_option("--since", flags->since,
                  "Only findings first raised after run RUN, or by a run started on or after DATE (YYYY-MM-DD)");
  cmd->add_option("--org", flags->org, "ClaimReview: the reviewing organisation's name");
  cmd->add_option("--base-url", flags->base_url, "ClaimReview: the URL the report is published at");
  cmd->add_flag("--all", flags->all, "Every stored finding, whichever run raised it last");
  cmd->callback([&g, &run, flags] {
    run = [&g, flags]() -> int {
      auto req = request_from(*flags);
      if (!req.ok()) return fail(req.status());
      auto store = open_store(g, OpenMode::kReadOnly);
      if (!store.ok()) return fail(store.status());
      return run_report(g, *store, *req);
    };
  });
}

}  // namespace crosscheck::cli
