// A text held zstd-compressed in memory, read back through a small cache of
// the texts each thread read last.
//
// A check holds every source's normalized text for the whole comparison (at
// 100k articles, 530 MB) but reads only a few sentences of a few sources at
// a time, mostly of the sources it read just before. Compressed one source
// at a time, the texts take about a third of that; a read decompresses the
// whole text once into the reading thread's cache, and the following reads
// of the same source find it there.
#ifndef CROSSCHECK_ENGINE_COMPRESSED_TEXT_H_
#define CROSSCHECK_ENGINE_COMPRESSED_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct ZSTD_CDict_s;  // zstd.h: ZSTD_CDict, ZSTD_DDict
struct ZSTD_DDict_s;

namespace crosscheck {

// A zstd dictionary trained on sample texts: the words and phrases many of
// them share. Each text is compressed alone, so the dictionary is what lets
// one article's frame refer to what others say (on the generated corpus it
// halves the compressed size). Shared, read-only, by every text compressed
// with it, on any thread.
class TextDictionary {
 public:
  // Trained on `samples` (at most `capacity` bytes); nullptr when zstd
  // cannot train one (too few or too short samples).
  static std::shared_ptr<const TextDictionary> Train(const std::vector<std::string_view>& samples,
                                                     size_t capacity = size_t{64} << 10, int level = 1);
  ~TextDictionary();
  TextDictionary(const TextDictionary&) = delete;
  TextDictionary& operator=(const TextDictionary&) = delete;

  size_t size() const { return size_; }

 private:
  friend class CompressedText;
  TextDictionary() = default;
  ::ZSTD_CDict_s* cdict_ = nullptr;
  ::ZSTD_DDict_s* ddict_ = nullptr;
  size_t size_ = 0;
};

class CompressedText {
 public:
  // How many texts each thread keeps decompressed.
  static constexpr size_t kCachedTexts = 32;

  CompressedText() = default;  // no text: set() is false
  CompressedText(const CompressedText&) = default;
  CompressedText& operator=(const CompressedText&) = default;
  // A moved-from text is no text (its serial would name a frame it lost).
  CompressedText(CompressedText&& o) noexcept { *this = std::move(o); }
  CompressedText& operator=(CompressedText&& o) noexcept {
    if (this == &o) return *this;
    bytes_ = std::move(o.bytes_);
    dictionary_ = std::move(o.dictionary_);
    serial_ = std::exchange(o.serial_, 0);
    size_ = std::exchange(o.size_, 0);
    return *this;
  }

  // `text` compressed (zstd at level 1, or at the dictionary's level with
  // it); nullopt if zstd fails, or if the text is 4 GiB or more (spans are
  // 32-bit: no source is that long).
  static std::optional<CompressedText> Of(std::string_view text,
                                          std::shared_ptr<const TextDictionary> dictionary = nullptr);

  bool set() const { return serial_ != 0; }
  size_t size() const { return size_; }              // of the text
  size_t compressed_size() const { return bytes_.size(); }

  // The text, from this thread's cache (decompressed there first if it is not
  // in it). The view stays valid until this thread has read kCachedTexts - 1
  // other compressed texts: the least recently read text leaves the cache
  // first, so a caller may hold views of a few sources at once.
  std::string_view Read() const;

 private:
  std::string bytes_;    // one zstd frame
  std::shared_ptr<const TextDictionary> dictionary_;  // the frame's, if any
  uint64_t serial_ = 0;  // unique to this compression (copies share it): the cache's key
  uint32_t size_ = 0;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_COMPRESSED_TEXT_H_
