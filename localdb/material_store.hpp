#pragma once
// The materials store (DESIGN.md §5): scanned pages and other attachments kept as files named
// by the SHA-256 of their content, under <root>/ab/cd/abcd... . A put writes a temp file in
// <root>/tmp, fsyncs it, renames it into place and fsyncs the directories, so when put returns
// the file survives a crash and the caller may commit the database row that points to it.
// Nothing half-written ever appears under a final name.
//
// One MaterialStore object per root per process: put and collectGarbage coordinate through it
// (a put that finds an existing file refreshes its mtime under the same lock GC deletes under).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>

namespace onewindow::localdb {

class MaterialStoreError : public std::runtime_error {
 public:
  enum class Kind { DiskFull, PermissionDenied, Io, Corrupt, NotFound };

  MaterialStoreError(Kind kind, std::filesystem::path path, const std::string& what)
      : std::runtime_error(what), kind_(kind), path_(std::move(path)) {}
  [[nodiscard]] Kind kind() const { return kind_; }
  // The file or directory the failing operation was about.
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  Kind kind_;
  std::filesystem::path path_;
};

struct StoredFile {
  std::string sha256;
  std::uint64_t size = 0;
  // The same content was already stored; nothing new was written.
  bool alreadyPresent = false;
};

struct VerifyResult {
  enum class Status { Ok, Missing, Mismatch };
  Status status = Status::Ok;
  // For Mismatch: the hash of what the file actually holds.
  std::string actualSha256;

  [[nodiscard]] bool ok() const { return status == Status::Ok; }
};

struct GcReport {
  std::uint64_t filesDeleted = 0;
  std::uint64_t bytesFreed = 0;  // materials and temps together
  std::uint64_t keptReferenced = 0;
  // Unreferenced but written within the grace period: possibly a put whose row has not
  // committed yet.
  std::uint64_t keptTooYoung = 0;
  std::uint64_t tempsDeleted = 0;
  std::uint64_t tempsKeptTooYoung = 0;
  // Entries that do not look like materials (wrong name or wrong fan-out directory); left
  // alone, for fsck to report.
  std::uint64_t unexpectedEntries = 0;
};

class MaterialStore {
 public:
  // Creates <root> and <root>/tmp (durably) when missing.
  explicit MaterialStore(std::filesystem::path root);
  MaterialStore(const MaterialStore&) = delete;
  MaterialStore& operator=(const MaterialStore&) = delete;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

  StoredFile put(std::span<const std::byte> bytes);
  // Streams `source` into the store, hashing while copying.
  StoredFile putFile(const std::filesystem::path& source);

  // These throw std::invalid_argument unless sha256 is 64 lowercase hex digits, so no other
  // string can ever become a path.
  [[nodiscard]] std::filesystem::path pathOf(const std::string& sha256) const;
  [[nodiscard]] bool contains(const std::string& sha256) const;
  [[nodiscard]] std::optional<std::uint64_t> sizeOf(const std::string& sha256) const;
  // Re-hashes the stored file (for fsck).
  [[nodiscard]] VerifyResult verify(const std::string& sha256) const;

  // Deletes materials that are not referenced and were last written (or last put again)
  // longer than gracePeriod before now, and temp files older than gracePeriod (leftovers of a
  // crash). Callers must commit the row for a put within gracePeriod.
  GcReport collectGarbage(const std::function<bool(const std::string& sha256)>& isReferenced,
                          std::chrono::seconds gracePeriod,
                          std::chrono::system_clock::time_point now);

 private:
  class TempFile;
  StoredFile publish(TempFile& temp, const std::string& sha256, std::uint64_t size);
  void ensureDurableDirectory(const std::filesystem::path& dir);

  std::filesystem::path root_;
  std::filesystem::path tempDir_;
  // Held while creating a directory and fsyncing its parent, so another thread never sees a
  // directory whose entry is not durable yet.
  std::mutex directoryMutex_;
  // Held by put while it publishes under a final name and by GC while it decides on and
  // deletes one file; see the comment at the top.
  std::mutex publishMutex_;
};

}  // namespace onewindow::localdb
