// Running independent work items on several threads with results in input
// order, so that output never depends on the number of threads.
#ifndef CROSSCHECK_ENGINE_PARALLEL_H_
#define CROSSCHECK_ENGINE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace crosscheck {

// Calls fn(i) for every i in [0, n), on up to `jobs` threads (the calling
// thread is one of them; jobs <= 1 runs everything in order on it). fn must
// only write state of its own item. Returns when every call has returned.
void parallel_for(size_t n, int jobs, const std::function<void(size_t)>& fn);

// The number of hardware threads, at least 1 (for --jobs 0 = "all cores").
int hardware_jobs();

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_PARALLEL_H_
