#pragma once
// The tar layer of case archives (case_archive.hpp), over libarchive: a writer that builds
// <file>.partial and publishes it durably under <file>, and a reader that walks the entries
// in order and streams their data. Every failure is a CaseArchiveError naming the entry.

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct archive;

namespace onewindow::localdb {

class TarWriter {
 public:
  // Creates <target>.partial (replacing a leftover of an earlier, interrupted export).
  TarWriter(std::filesystem::path target, bool gzip);
  // Unless published: discards the partial file.
  ~TarWriter();
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;

  // A regular file entry of exactly `size` bytes, written with write() in any number of
  // pieces.
  void beginEntry(const std::string& name, std::uint64_t size, std::time_t mtime);
  void write(std::span<const std::byte> bytes);
  void addEntry(const std::string& name, std::string_view bytes, std::time_t mtime);

  // Finishes the archive, fsyncs it, renames it to the target and fsyncs the directory.
  // Returns the archive's size in bytes.
  std::uint64_t publish();

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void finishEntry();

  std::filesystem::path target_;
  std::filesystem::path partial_;
  int fd_ = -1;
  ::archive* archive_ = nullptr;
  std::string entry_;
  std::uint64_t remaining_ = 0;
  bool published_ = false;
};

struct TarEntry {
  std::string name;
  std::uint64_t size = 0;
  bool regularFile = false;
};

class TarReader {
 public:
  explicit TarReader(const std::filesystem::path& file);
  ~TarReader();
  TarReader(const TarReader&) = delete;
  TarReader& operator=(const TarReader&) = delete;

  // The next entry; nullopt at the end of the archive.
  [[nodiscard]] std::optional<TarEntry> next();
  // Reads the current entry's data; 0 at its end.
  [[nodiscard]] std::size_t read(std::span<std::byte> buffer);
  // The whole current entry, refused when larger than `limit` bytes.
  [[nodiscard]] std::string readAll(std::uint64_t limit);

 private:
  [[noreturn]] void fail(const std::string& action) const;

  std::filesystem::path file_;
  ::archive* archive_ = nullptr;
  std::string entry_;  // the current entry's name ("" before the first)
  std::uint64_t size_ = 0;
};

}  // namespace onewindow::localdb
