#include "localdb/material_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>
#include <utility>
#include <vector>

#include <sys/stat.h>

#include "localdb/sha256.hpp"

namespace onewindow::localdb {

namespace fs = std::filesystem;
using Kind = MaterialStoreError::Kind;

namespace {

constexpr std::size_t kChunkSize = 64 * 1024;
// Scans are citizens' documents: readable by the workstation account only.
constexpr mode_t kFileMode = 0600;
constexpr mode_t kDirectoryMode = 0700;

Kind kindOf(int errorNumber) {
  switch (errorNumber) {
    case ENOSPC:
    case EDQUOT:
      return Kind::DiskFull;
    case EACCES:
    case EPERM:
    case EROFS:
      return Kind::PermissionDenied;
    case ENOENT:
      return Kind::NotFound;
    default:
      return Kind::Io;
  }
}

// `action` is a verb phrase ("write", "create directory") for the message.
[[noreturn]] void fail(int errorNumber, const std::string& action, const fs::path& path) {
  const std::string detail =
      action + " " + path.string() + ": " + std::system_category().message(errorNumber);
  const Kind kind = kindOf(errorNumber);
  switch (kind) {
    case Kind::DiskFull:
      throw MaterialStoreError(kind, path,
                               "the disk is full: the material could not be saved (" + detail +
                                   "); free space and try again");
    case Kind::PermissionDenied:
      throw MaterialStoreError(kind, path, "permission denied: cannot " + detail);
    case Kind::NotFound:
      throw MaterialStoreError(kind, path, "not found: cannot " + detail);
    default:
      throw MaterialStoreError(kind, path, "cannot " + detail);
  }
}

[[noreturn]] void failCorrupt(const fs::path& path, const std::string& problem) {
  throw MaterialStoreError(Kind::Corrupt, path,
                           "the materials store is damaged: " + path.string() + " " + problem);
}

// Owns one open file descriptor.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }

  [[nodiscard]] int get() const { return fd_; }
  // Closes now and reports the error: on some filesystems close() is where a failed
  // delayed write (ENOSPC, EIO) finally shows.
  void close(const fs::path& path) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && errno != EINTR) fail(errno, "close", path);
  }

 private:
  int fd_;
};

FileDescriptor openOrFail(const fs::path& path, int flags, const char* action) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) fail(errno, action, path);
  return FileDescriptor(fd);
}

void writeAll(int fd, std::span<const std::byte> bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(errno, "write", path);
    }
    bytes = bytes.subspan(static_cast<std::size_t>(written));
  }
}

// Returns 0 at end of file.
std::size_t readSome(int fd, std::span<std::byte> buffer, const fs::path& path) {
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) fail(errno, "read", path);
  }
}

void fsyncOrFail(int fd, const fs::path& path) {
  // No retry: after a failed fsync the kernel may have dropped the dirty pages, so a second
  // fsync could "succeed" without the data being on disk.
  if (::fsync(fd) != 0) fail(errno, "fsync", path);
}

// Makes the directory's entries (a rename or mkdir inside it) durable.
void fsyncDirectory(const fs::path& dir) {
  FileDescriptor fd = openOrFail(dir, O_RDONLY | O_DIRECTORY, "open directory");
  // EINVAL: the filesystem has no directory fsync; nothing more can be done there.
  if (::fsync(fd.get()) != 0 && errno != EINVAL) fail(errno, "fsync directory", dir);
}

std::optional<struct stat> lstatOrNothing(const fs::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0) return info;
  if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
  fail(errno, "stat", path);
}

std::chrono::system_clock::time_point modificationTime(const struct stat& info) {
  return std::chrono::system_clock::from_time_t(info.st_mtim.tv_sec) +
         std::chrono::duration_cast<std::chrono::system_clock::duration>(
             std::chrono::nanoseconds(info.st_mtim.tv_nsec));
}

std::string randomTempName() {
  std::array<unsigned char, 16> random{};
  randombytes_buf(random.data(), random.size());
  std::array<char, 2 * 16 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  return std::string(hex.data()) + ".part";
}

bool isHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// A fan-out directory name: two lowercase hex digits.
bool isHexPair(const std::string& name) {
  return name.size() == 2 && isHexDigit(name[0]) && isHexDigit(name[1]);
}

bool isDirectory(const fs::directory_entry& entry) {
  std::error_code ignored;
  return entry.is_directory(ignored);
}

bool isRegularFile(const fs::directory_entry& entry) {
  std::error_code ignored;
  return entry.is_regular_file(ignored);
}

}  // namespace

// A file being written in <root>/tmp. Removed on destruction unless it was renamed into
// place, so every failure path (exceptions included) leaves no temp behind.
class MaterialStore::TempFile {
 public:
  explicit TempFile(const fs::path& tempDir) : fd_(-1) {
    // randombytes_buf needs libsodium initialised; repeated calls are cheap and thread-safe.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    // O_EXCL: a name collision (practically impossible with 128 random bits) must never
    // make two puts share one file.
    for (int attempt = 0;; ++attempt) {
      path_ = tempDir / randomTempName();
      const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode);
      if (fd >= 0) {
        fd_ = FileDescriptor(fd);
        return;
      }
      if (errno == EINTR || (errno == EEXIST && attempt < 3)) continue;
      fail(errno, "create temp file", path_);
    }
  }
  ~TempFile() {
    if (!renamed_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write(std::span<const std::byte> bytes) { writeAll(fd_.get(), bytes, path_); }
  // Flushes the content to disk before the file may be renamed into place.
  void makeDurableAndClose() {
    fsyncOrFail(fd_.get(), path_);
    fd_.close(path_);
  }
  void renameTo(const fs::path& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0)
      fail(errno, "rename to " + target.string(), path_);
    renamed_ = true;
  }

 private:
  fs::path path_;
  FileDescriptor fd_;
  bool renamed_ = false;
};

MaterialStore::MaterialStore(fs::path root)
    : root_(fs::absolute(std::move(root))), tempDir_(root_ / "tmp") {
  ensureDurableDirectory(root_);
  ensureDurableDirectory(tempDir_);
}

StoredFile MaterialStore::put(std::span<const std::byte> bytes) {
  TempFile temp(tempDir_);
  temp.write(bytes);
  temp.makeDurableAndClose();
  return publish(temp, sha256Hex(bytes), bytes.size());
}

StoredFile MaterialStore::putFile(const fs::path& source) {
  FileDescriptor input = openOrFail(source, O_RDONLY, "open");
  TempFile temp(tempDir_);
  Sha256 hash;
  std::uint64_t size = 0;
  std::vector<std::byte> chunk(kChunkSize);
  for (;;) {
    const std::size_t got = readSome(input.get(), chunk, source);
    if (got == 0) break;
    const auto piece = std::span<const std::byte>(chunk.data(), got);
    hash.update(piece);
    temp.write(piece);
    size += got;
  }
  temp.makeDurableAndClose();
  return publish(temp, hash.finishHex(), size);
}

StoredFile MaterialStore::publish(TempFile& temp, const std::string& sha256, std::uint64_t size) {
  const fs::path target = pathOf(sha256);
  const fs::path fanOut = target.parent_path();
  ensureDurableDirectory(fanOut);

  std::unique_lock publishing(publishMutex_);
  const std::optional<struct stat> existing = lstatOrNothing(target);
  if (existing && S_ISREG(existing->st_mode) &&
      static_cast<std::uint64_t>(existing->st_size) == size) {
    // Same content already stored. Refresh its mtime so GC's grace period protects it until
    // the caller commits its row (it may be unreferenced and old), and fsync it and its
    // directory: it may be a leftover of a crash between rename and directory fsync.
    FileDescriptor file = openOrFail(target, O_RDONLY, "open");
    if (::futimens(file.get(), nullptr) != 0) fail(errno, "update the time of", target);
    publishing.unlock();
    fsyncOrFail(file.get(), target);
    fsyncDirectory(fanOut);
    return StoredFile{sha256, size, true};  // ~TempFile removes the duplicate
  }
  if (existing && S_ISDIR(existing->st_mode)) failCorrupt(target, "is a directory");
  // Absent, or a damaged copy of the wrong size: the rename atomically puts the good content
  // in place. A concurrent put of the same content renaming first is harmless for the same
  // reason.
  temp.renameTo(target);
  publishing.unlock();
  fsyncDirectory(fanOut);
  return StoredFile{sha256, size, false};
}

void MaterialStore::ensureDurableDirectory(const fs::path& dir) {
  const std::lock_guard lock(directoryMutex_);
  // Recursion stops at the first existing ancestor ("/" at worst: root_ is absolute).
  const auto create = [](const auto& self, const fs::path& path) -> void {
    if (const auto info = lstatOrNothing(path)) {
      if (!S_ISDIR(info->st_mode)) failCorrupt(path, "is not a directory");
      return;
    }
    self(self, path.parent_path());
    if (::mkdir(path.c_str(), kDirectoryMode) != 0) {
      if (errno == EEXIST) return;  // another process made it
      fail(errno, "create directory", path);
    }
    fsyncDirectory(path.parent_path());
  };
  create(create, dir);
}

fs::path MaterialStore::pathOf(const std::string& sha256) const {
  if (!isSha256Hex(sha256)) {
    throw std::invalid_argument("not a material name (64 lowercase hex digits expected): \"" +
                                sha256.substr(0, 80) + "\"");
  }
  return root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

bool MaterialStore::contains(const std::string& sha256) const { return sizeOf(sha256).has_value(); }

std::optional<std::uint64_t> MaterialStore::sizeOf(const std::string& sha256) const {
  const fs::path path = pathOf(sha256);
  const auto info = lstatOrNothing(path);
  if (!info) return std::nullopt;
  if (!S_ISREG(info->st_mode)) failCorrupt(path, "is not a regular file");
  return static_cast<std::uint64_t>(info->st_size);
}

VerifyResult MaterialStore::verify(const std::string& sha256) const {
  const fs::path path = pathOf(sha256);
  std::string actual;
  try {
    actual = sha256OfFile(path);
  } catch (const HashFileError& error) {
    if (error.errorNumber() == ENOENT) return VerifyResult{VerifyResult::Status::Missing, {}};
    fail(error.errorNumber(), "read", path);
  }
  if (actual == sha256) return VerifyResult{VerifyResult::Status::Ok, {}};
  return VerifyResult{VerifyResult::Status::Mismatch, actual};
}

GcReport MaterialStore::collectGarbage(const std::function<bool(const std::string&)>& isReferenced,
                                       std::chrono::seconds gracePeriod,
                                       std::chrono::system_clock::time_point now) {
  const auto cutoff = now - gracePeriod;
  GcReport report;

  const auto entriesOf = [](const fs::path& dir) {
    std::vector<fs::directory_entry> entries;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
      entries.push_back(*it);
    }
    if (error) fail(error.value(), "list directory", dir);
    return entries;
  };
  const auto deleteFile = [&report](const fs::path& path, const struct stat& info) {
    if (::unlink(path.c_str()) != 0) {
      if (errno == ENOENT) return false;
      fail(errno, "delete", path);
    }
    report.bytesFreed += static_cast<std::uint64_t>(info.st_size);
    return true;
  };

  // Temps: a put in progress keeps writing (and so touching) its temp; an old one is a
  // crash leftover.
  for (const auto& entry : entriesOf(tempDir_)) {
    const auto info = lstatOrNothing(entry.path());
    if (!info) continue;
    if (modificationTime(*info) >= cutoff) {
      ++report.tempsKeptTooYoung;
    } else if (deleteFile(entry.path(), *info)) {
      ++report.tempsDeleted;
    }
  }

  // Fan-out directories are never removed: a concurrent put may be about to rename into one.
  for (const auto& first : entriesOf(root_)) {
    const std::string firstName = first.path().filename().string();
    if (first.path() == tempDir_) continue;
    if (!isHexPair(firstName) || !isDirectory(first)) {
      ++report.unexpectedEntries;
      continue;
    }
    for (const auto& second : entriesOf(first.path())) {
      const std::string secondName = second.path().filename().string();
      if (!isHexPair(secondName) || !isDirectory(second)) {
        ++report.unexpectedEntries;
        continue;
      }
      for (const auto& file : entriesOf(second.path())) {
        const std::string sha256 = file.path().filename().string();
        if (!isSha256Hex(sha256) || sha256.compare(0, 2, firstName) != 0 ||
            sha256.compare(2, 2, secondName) != 0 || !isRegularFile(file)) {
          ++report.unexpectedEntries;
          continue;
        }
        if (isReferenced(sha256)) {
          ++report.keptReferenced;
          continue;
        }
        // Decide on a fresh stat under the publish lock: a put of the same content may have
        // just refreshed the mtime for a row that is about to commit.
        const std::lock_guard publishing(publishMutex_);
        const auto info = lstatOrNothing(file.path());
        if (!info) continue;
        if (modificationTime(*info) >= cutoff) {
          ++report.keptTooYoung;
        } else if (deleteFile(file.path(), *info)) {
          ++report.filesDeleted;
        }
      }
    }
  }
  return report;
}

}  // namespace onewindow::localdb
