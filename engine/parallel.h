// Running independent work items on several threads with results in input
// order, so that output never depends on the number of threads.
#ifndef CROSSCHECK_ENGINE_PARALLEL_H_
#define CROSSCHECK_ENGINE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <future>
#include <thread>
#include <vector>

namespace crosscheck {

// Calls fn(i) for every i in [0, n), on up to `jobs` threads (the calling
// thread is one of them; jobs <= 1 runs everything in order on it). fn must
// only write state of its own item. Returns when every call has returned.
void parallel_for(size_t n, int jobs, const std::function<void(size_t)>& fn);

// A parallel_for begun in the background: `threads` new threads (at least
// one) call fn(i) for i in [0, n), an item at a time, while the caller does
// something else. Finish() has the caller take the items left too, then
// waits for every call: a caller done early shares the rest of the work
// instead of waiting for it. fn must outlive Finish (the destructor calls
// it).
class BackgroundFor {
 public:
  BackgroundFor(size_t n, int threads, std::function<void(size_t)> fn);
  BackgroundFor(const BackgroundFor&) = delete;
  BackgroundFor& operator=(const BackgroundFor&) = delete;
  ~BackgroundFor();
  void Finish();

 private:
  void Work();

  size_t n_;
  std::function<void(size_t)> fn_;
  std::atomic<size_t> next_{0};
  std::vector<std::thread> pool_;
};

// Destroys `value` on a thread of its own when jobs > 1, here otherwise:
// freeing a loaded corpus (millions of small allocations) then overlaps what
// the caller does next. The future is ready once it is gone; its destructor
// waits for that, so the caller keeps it as long as the work it overlaps.
template <typename T>
std::future<void> destroy_in_background(T value, int jobs) {
  if (jobs <= 1) return {};  // `value` goes at this return
  return std::async(std::launch::async, [owned = std::move(value)]() mutable {
    T gone = std::move(owned);  // destroyed on this thread, not with the future's state
  });
}

// Sorts `v` by `less` on up to `jobs` threads: parts sorted at once, then
// merged pairwise. With a strict weak order whose equal elements are alike,
// the result is std::sort's, whatever `jobs` is.
template <typename T, typename Less>
void parallel_sort(std::vector<T>& v, int jobs, Less less) {
  constexpr size_t kMinPart = size_t{1} << 15;  // smaller parts are not worth a thread
  const size_t parts = std::clamp<size_t>(v.size() / kMinPart, 1, static_cast<size_t>(std::max(jobs, 1)));
  std::vector<size_t> bound(parts + 1);
  for (size_t i = 0; i <= parts; ++i) bound[i] = v.size() / parts * i + std::min(i, v.size() % parts);
  const auto at = [&](size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(bound[std::min(i, parts)]); };
  parallel_for(parts, jobs, [&](size_t i) { std::sort(at(i), at(i + 1), less); });
  for (size_t width = 1; width < parts; width *= 2) {
    const size_t merges = (parts + 2 * width - 1) / (2 * width);
    parallel_for(merges, jobs, [&](size_t k) {
      const size_t i = 2 * width * k;
      if (i + width < parts) std::inplace_merge(at(i), at(i + width), at(i + 2 * width), less);
    });
  }
}

// The number of hardware threads, at least 1 (for --jobs 0 = "all cores").
int hardware_jobs();

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_PARALLEL_H_
