#include "engine/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace crosscheck {

void parallel_for(size_t n, int jobs, const std::function<void(size_t)>& fn) {
  const size_t threads = std::min(n, static_cast<size_t>(std::max(jobs, 1)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  BackgroundFor(n, static_cast<int>(threads - 1), std::cref(fn)).Finish();
}

BackgroundFor::BackgroundFor(size_t n, int threads, std::function<void(size_t)> fn) : n_(n), fn_(std::move(fn)) {
  const size_t count = std::min(n, static_cast<size_t>(std::max(threads, 1)));
  pool_.reserve(count);
  for (size_t t = 0; t < count; ++t) pool_.emplace_back([this] { Work(); });
}

BackgroundFor::~BackgroundFor() { Finish(); }

// Items are handed out one at a time: their costs vary a lot (a wire brief
// next to a long feature), so fixed shares would leave a thread idle.
void BackgroundFor::Work() {
  for (size_t i = next_.fetch_add(1); i < n_; i = next_.fetch_add(1)) fn_(i);
}

void BackgroundFor::Finish() {
  Work();
  for (auto& t : pool_) t.join();
  pool_.clear();
}

int hardware_jobs() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace crosscheck
