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
#include <optional>
#include <string>
#include <string_view>

namespace crosscheck {

class CompressedText {
 public:
  // How many texts each thread keeps decompressed.
  static constexpr size_t kCachedTexts = 32;

  CompressedText() = default;  // no text: set() is false

  // `text` compressed (zstd at `level`); nullopt if zstd fails, or if the
  // text is 4 GiB or more (spans are 32-bit: no source is that long).
  static std::optional<CompressedText> Of(std::string_view text, int level = 1);

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
  uint64_t serial_ = 0;  // unique to this compression (copies share it): the cache's key
  uint32_t size_ = 0;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_COMPRESSED_TEXT_H_
