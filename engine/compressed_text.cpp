#include "engine/compressed_text.h"

#include <zdict.h>
#include <zstd.h>

#include <algorithm>
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

std::shared_ptr<const TextDictionary> TextDictionary::Train(const std::vector<std::string_view>& samples,
                                                            size_t capacity, int level) {
  // Training time grows with the samples: a few megabytes are plenty for a
  // dictionary of 64 KB, and one long text is not let to be all of them.
  constexpr size_t kSampleBytes = size_t{64} << 10, kTotalBytes = size_t{4} << 20;
  std::string joined;
  std::vector<size_t> sizes;
  for (std::string_view s : samples) {
    if (joined.size() >= kTotalBytes) break;
    s = s.substr(0, std::min(kSampleBytes, kTotalBytes - joined.size()));
    joined.append(s);
    sizes.push_back(s.size());
  }
  std::string buffer(capacity, '\0');
  const size_t n = ZDICT_trainFromBuffer(buffer.data(), buffer.size(), joined.data(), sizes.data(),
                                         static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) return nullptr;
  std::shared_ptr<TextDictionary> d(new TextDictionary());
  d->cdict_ = ZSTD_createCDict(buffer.data(), n, level);
  d->ddict_ = ZSTD_createDDict(buffer.data(), n);
  d->size_ = n;
  if (d->cdict_ == nullptr || d->ddict_ == nullptr) return nullptr;
  return d;
}

TextDictionary::~TextDictionary() {
  ZSTD_freeCDict(cdict_);
  ZSTD_freeDDict(ddict_);
}

std::optional<CompressedText> CompressedText::Of(std::string_view text, std::shared_ptr<const TextDictionary> dictionary) {
  if (text.size() >= std::numeric_limits<uint32_t>::max() || cctx == nullptr) return std::nullopt;
  scratch.resize(ZSTD_compressBound(text.size()));
  const size_t n =
      dictionary ? ZSTD_compress_usingCDict(cctx.get(), scratch.data(), scratch.size(), text.data(), text.size(),
                                            dictionary->cdict_)
                 : ZSTD_compressCCtx(cctx.get(), scratch.data(), scratch.size(), text.data(), text.size(), 1);
  if (ZSTD_isError(n)) return std::nullopt;
  CompressedText out;
  out.dictionary_ = std::move(dictionary);
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
  size_t n = 0;
  if (c.dctx != nullptr)
    n = dictionary_ ? ZSTD_decompress_usingDDict(c.dctx.get(), victim->text.data(), victim->text.size(), bytes_.data(),
                                                 bytes_.size(), dictionary_->ddict_)
                    : ZSTD_decompressDCtx(c.dctx.get(), victim->text.data(), victim->text.size(), bytes_.data(),
                                          bytes_.size());
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
