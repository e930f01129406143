#include "cli/progress.h"


#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ostream>

#include "engine/memory_use.h"

namespace crosscheck::cli {

namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
constexpr size_t kMinBar = 10;

size_t terminal_width() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
}

std::string format_rate(double per_second) {
  char buf[32];
  if (per_second < 10) {
    std::snprintf(buf, sizeof buf, "%.1f/s", per_second);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f/s", per_second);
  }
  return buf;
}

// Code points, which is what a terminal shows for the ASCII and UTF-8 labels we use.
size_t columns(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string format_duration(double seconds) {
  if (!(seconds > 0)) seconds = 0;
  if (seconds > 359999) seconds = 359999;  // 99:59:59 at most
  const auto s = static_cast<long>(std::ceil(seconds));
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

std::string format_progress(std::string_view label, size_t done, size_t total, double elapsed_seconds,
                            size_t width) {
  if (total > 0 && done > total) done = total;
  const bool timed = done > 0 && elapsed_seconds > 0;
  const double rate = timed ? static_cast<double>(done) / elapsed_seconds : 0;
  std::string tail = "  " + std::to_string(done);
  if (total > 0) tail += "/" + std::to_string(total);
  tail += "  " + (timed ? format_rate(rate) : std::string("-/s"));
  if (total > 0) {
    tail += "  ETA ";
    if (done == total) {
      tail += format_duration(0);
    } else {
      tail += timed ? format_duration(static_cast<double>(total - done) / rate) : "-";
    }
  }
  std::string head(label);
  // " [" + bar + "]"
  const size_t fixed = columns(head) + columns(tail) + 3;
  if (total > 0 && width >= fixed + kMinBar) {
    const size_t cells = width - fixed;
    const size_t full = static_cast<size_t>(static_cast<double>(cells) * static_cast<double>(done) /
                                            static_cast<double>(total));
    return head + " [" + std::string(full, '#') + std::string(cells - full, '.') + "]" + tail;
  }
  std::string line = head + tail;
  if (columns(line) <= width) return line;
  // Cut the label (by bytes at a code point boundary) so the counts stay visible.
  const size_t keep = columns(tail) < width ? width - columns(tail) : 0;
  size_t bytes = 0;
  for (size_t cps = 0; bytes < head.size();) {
    size_t next = bytes + 1;
    while (next < head.size() && (static_cast<unsigned char>(head[next]) & 0xC0) == 0x80) ++next;
    if (cps + 1 > keep) break;
    ++cps;
    bytes = next;
  }
  return head.substr(0, bytes) + tail;
}

size_t peak_rss_mib() { return peak_resident_mib(); }

bool progress_enabled(bool quiet) {
  if (quiet || ::isatty(STDERR_FILENO) != 1) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

ProgressBar::ProgressBar(std::string label, size_t total, bool enabled, std::ostream& out)
    : label_(std::move(label)), total_(total), enabled_(enabled), out_(out), start_(Clock::now()) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(size_t done, size_t total) {
  done_ = done;
  total_ = total;
  if (!enabled_) return;
  const auto now = Clock::now();
  if (!drawn_ || done == total || now - last_draw_ >= kRedrawEvery) Draw(now);
}

void ProgressBar::Draw(Clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  // One column short of the width, so the cursor never wraps to a new line.
  out_ << "\r" << format_progress(label_, done_, total_, elapsed, terminal_width() - 1) << "\x1b[K" << std::flush;
  drawn_ = true;
  last_draw_ = now;
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

}  // namespace crosscheck::cli
