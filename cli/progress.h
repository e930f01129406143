// Progress bars for long runs (ingest, check, run, audit), drawn on standard
// error when it is a terminal.
//
// The bar is one line, redrawn in place ("\r" and erase-to-end) at most ten
// times a second and erased when the stage ends, so the lines printed after
// it are not mixed with it. Off a terminal, or with --quiet, nothing is drawn.
#ifndef CROSSCHECK_CLI_PROGRESS_H_
#define CROSSCHECK_CLI_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace crosscheck::cli {

// "0:07", "12:03", "1:02:03" (seconds rounded up; negative counts as 0).
std::string format_duration(double seconds);

// One progress line fitted to `width` columns (no newline):
//   "ingest [#######.............]  12/40  3.1/s  ETA 0:09"
// The rate is items per second since the start; the ETA assumes it holds. With
// nothing done yet, or no time elapsed, rate and ETA are "-". `total` 0 (not
// known) draws no bar and no ETA. When the line does not fit, the bar shrinks
// (to 10 cells), then goes; then the label is cut. Pure: a function of its
// arguments only.
std::string format_progress(std::string_view label, size_t done, size_t total, double elapsed_seconds,
                            size_t width = 80);

// The process's peak resident memory so far, in MiB (getrusage), for -v lines.
size_t peak_rss_mib();

// Whether bars are drawn: standard error is a terminal, not `quiet`, and
// TERM is not "dumb".
bool progress_enabled(bool quiet);

// A bar for one stage. Not thread-safe: call it from the thread doing the work.
class ProgressBar {
 public:
  // Draws on `out` only when `enabled` (see progress_enabled).
  ProgressBar(std::string label, size_t total, bool enabled, std::ostream& out);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();

  // Records `done` items of `total`; redraws when 100 ms have passed since
  // the last draw, and always at the first and the last item.
  void Update(size_t done, size_t total);
  void Update(size_t done) { Update(done, total_); }
  // Erases the line (idempotent; the destructor calls it).
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  void Draw(Clock::time_point now);

  std::string label_;
  size_t total_;
  size_t done_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::ostream& out_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace crosscheck::cli

#endif  // CROSSCHECK_CLI_PROGRESS_H_
