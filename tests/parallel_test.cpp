#include "engine/parallel.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <random>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

using namespace crosscheck;

TEST_CASE("parallel_for calls every item once, on any number of threads") {
  for (int jobs : {1, 2, 3, 8}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{1000}}) {
      std::vector<std::atomic<int>> calls(n);
      parallel_for(n, jobs, [&](size_t i) { calls[i].fetch_add(1); });
      for (size_t i = 0; i < n; ++i) CHECK(calls[i].load() == 1);
    }
  }
}

TEST_CASE("BackgroundFor calls every item once, and the caller takes a share at Finish") {
  for (int threads : {1, 2, 3}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{1000}}) {
      std::vector<std::atomic<int>> calls(n);
      BackgroundFor work(n, threads, [&](size_t i) { calls[i].fetch_add(1); });
      work.Finish();
      for (size_t i = 0; i < n; ++i) CHECK(calls[i].load() == 1);
    }
  }
  // The background thread is held in item 0 until the caller has run an
  // item itself, which it can only do in Finish: waiting for the thread
  // instead would time out below.
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> started{false}, released{false}, timed_out{false};
  std::vector<std::atomic<int>> on_caller(50);
  {
    BackgroundFor work(on_caller.size(), 1, [&](size_t i) {
      if (std::this_thread::get_id() == caller) {
        on_caller[i].store(1);
        released.store(true);
        return;
      }
      if (i != 0) return;
      started.store(true);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!released.load() && !timed_out.load())
        if (std::chrono::steady_clock::now() > deadline) timed_out.store(true);
    });
    while (!started.load()) std::this_thread::yield();
  }  // the destructor finishes
  CHECK_FALSE(timed_out.load());
  CHECK(on_caller[0].load() == 0);
  CHECK(on_caller[1].load() == 1);
}

namespace {

// Records like the aligner's signatures: a key with many repeats, then
// places that make each record unique.
struct Keyed {
  uint64_t key;
  uint32_t a, b;
  bool operator==(const Keyed&) const = default;
};

bool by_key(const Keyed& x, const Keyed& y) { return std::tie(x.key, x.a, x.b) < std::tie(y.key, y.a, y.b); }

std::vector<Keyed> records(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Keyed> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = {rng() % 1000, static_cast<uint32_t>(i % 7), static_cast<uint32_t>(i)};
  return v;
}

}  // namespace

TEST_CASE("parallel_sort gives std::sort's order, whatever the number of threads") {
  // Below, at and above the size a part must have; odd sizes leave remainders.
  for (size_t n : {size_t{0}, size_t{1}, size_t{5000}, size_t{1} << 15, (size_t{1} << 16) + 1, size_t{300007}}) {
    std::vector<Keyed> want = records(n, static_cast<uint32_t>(n));
    std::vector<Keyed> input = want;
    std::sort(want.begin(), want.end(), by_key);
    for (int jobs : {1, 2, 3, 4, 7}) {
      CAPTURE(n);
      CAPTURE(jobs);
      std::vector<Keyed> got = input;
      parallel_sort(got, jobs, by_key);
      CHECK(got == want);
    }
  }
}

TEST_CASE("parallel_sort keeps every element, repeats included") {
  std::vector<int> v(200000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>((i * 7919) % 1013);
  std::vector<int> want = v;
  std::sort(want.begin(), want.end());
  parallel_sort(v, 2, [](int x, int y) { return x < y; });
  CHECK(v == want);
  CHECK(std::is_sorted(v.begin(), v.end()));
}

TEST_CASE("destroy_in_background frees on a thread of its own with several jobs, here with one") {
  struct Noted {
    std::thread::id* where = nullptr;
    explicit Noted(std::thread::id* w) : where(w) {}
    Noted(Noted&& o) noexcept : where(std::exchange(o.where, nullptr)) {}
    Noted& operator=(Noted&& o) noexcept {
      where = std::exchange(o.where, nullptr);
      return *this;
    }
    ~Noted() {
      if (where != nullptr) *where = std::this_thread::get_id();
    }
  };
  std::thread::id where;
  {
    std::future<void> gone = destroy_in_background(Noted(&where), 1);
    CHECK_FALSE(gone.valid());
    CHECK(where == std::this_thread::get_id());
  }
  where = {};
  std::future<void> gone = destroy_in_background(Noted(&where), 2);
  REQUIRE(gone.valid());
  gone.get();  // ready once the value is gone
  CHECK(where != std::thread::id());
  CHECK(where != std::this_thread::get_id());
}
