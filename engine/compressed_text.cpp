#include "engine/compressed_text.h"

#include <zstd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>

namespace crosscheck {

namespace {

std::atomic<uint64_t> next_serial{1};

struct CctxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DctxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// One thread's decompressed texts, the least recently read replaced first.
struct Cache {
  struct Entry {
    uint64_t serial = 0;
    uint64_t used = 0;  // `clock` at the last read
    std::string text;
  };
  std::array<Entry, CompressedText::kCachedTexts> entries;
  uint64_t clock = 0;
  std::unique_ptr<ZSTD_DCtx, DctxFree> dctx{ZSTD_createDCtx()};
};

thread_local Cache cache;
thread_local std::unique_ptr<ZSTD_CCtx, CctxFree> cctx{ZSTD_createCCtx()};
thread_local std::string scratch;  // compression output, copied out at its exact size

}  // namespace

std::optional<CompressedText> CompressedText::Of(std::string_view text, int level) {
  if (text.size() >= std::numeric_limits<uint32_t>::max() || cctx == nullptr) return std::nullopt;
  scratch.resize(ZSTD_compressBound(text.size()));
  const size_t n = ZSTD_compressCCtx(cctx.get(), scratch.data(), scratch.size(), text.data(), text.size(), level);
  if (ZSTD_isError(n)) return std::nullopt;
  CompressedText out;
  out.bytes_.assign(scratch.data(), n);
  out.serial_ = next_serial.fetch_add(1, std::memory_order_relaxed);
  out.size_ = static_cast<uint32_t>(text.size());
  if (scratch.capacity() > (size_t{4} << 20)) std::string().swap(scratch);  // one long text keeps nothing
  return out;
}

std::string_view CompressedText::Read() const {
  if (!set()) return {};
  Cache& c = cache;
  Cache::Entry* victim = &c.entries[0];
  for (Cache::Entry& e : c.entries) {
    if (e.serial == serial_) {
      e.used = ++c.clock;
      return e.text;
    }
    if (e.used < victim->used) victim = &e;
  }
  // A long text read once does not keep its buffer for the short ones after it.
  if (victim->text.capacity() > (size_t{1} << 20) && victim->text.capacity() / 4 > size_) std::string().swap(victim->text);
  victim->text.resize(size_);
  const size_t n = c.dctx == nullptr ? 0
                                     : ZSTD_decompressDCtx(c.dctx.get(), victim->text.data(), victim->text.size(),
                                                           bytes_.data(), bytes_.size());
  if (c.dctx == nullptr || ZSTD_isError(n) || n != size_) {
    // Our own frame, compressed in this process: only a broken invariant
    // (or memory) gets here, and no result should be built on it.
    std::fprintf(stderr, "crosscheck: internal error: a compressed text did not decompress\n");
    std::abort();
  }
  victim->serial = serial_;
  victim->used = ++c.clock;
  return victim->text;
}

}  // namespace crosscheck
