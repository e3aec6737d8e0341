#include "localdb/case_archive_tar.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>
#include <vector>

#include <sys/stat.h>

#include "localdb/case_archive.hpp"

namespace onewindow::localdb {

namespace fs = std::filesystem;
using Kind = CaseArchiveError::Kind;

namespace {

// libarchive's ARCHIVE_ERRNO_FILE_FORMAT (a private header): EILSEQ where there is no EFTYPE.
constexpr int kFileFormatError = EILSEQ;

std::string errnoText(int errorNumber) { return std::system_category().message(errorNumber); }

std::string archiveMessage(::archive* a) {
  const char* text = ::archive_error_string(a);
  return text != nullptr ? text : "unknown libarchive error";
}

void fsyncDirectoryOf(const fs::path& file) {
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    throw CaseArchiveError(Kind::Io, "", "cannot open " + dir.string() + ": " + errnoText(errno));
  }
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0 && saved != EINVAL) {
    throw CaseArchiveError(Kind::Io, "", "cannot fsync " + dir.string() + ": " + errnoText(saved));
  }
}

}  // namespace

// ---- writer ----

TarWriter::TarWriter(fs::path target, bool gzip)
    : target_(std::move(target)), partial_(target_.string() + ".partial") {
  do {
    fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  } while (fd_ < 0 && errno == EINTR);
  if (fd_ < 0) {
    throw CaseArchiveError(Kind::Io, "",
                           "cannot create " + partial_.string() + ": " + errnoText(errno));
  }
  archive_ = ::archive_write_new();
  if (archive_ == nullptr) {
    ::close(fd_);
    ::unlink(partial_.c_str());
    throw CaseArchiveError(Kind::Io, "", "libarchive could not start a writer");
  }
  if (::archive_write_set_format_pax_restricted(archive_) != ARCHIVE_OK ||
      (gzip && ::archive_write_add_filter_gzip(archive_) != ARCHIVE_OK) ||
      ::archive_write_open_fd(archive_, fd_) != ARCHIVE_OK) {
    const std::string message = archiveMessage(archive_);
    ::archive_write_free(archive_);
    ::close(fd_);
    ::unlink(partial_.c_str());
    throw CaseArchiveError(Kind::Io, "", "cannot write " + partial_.string() + ": " + message);
  }
}

TarWriter::~TarWriter() {
  if (archive_ != nullptr) ::archive_write_free(archive_);  // also closes the archive
  if (fd_ >= 0) ::close(fd_);
  if (!published_) ::unlink(partial_.c_str());
}

void TarWriter::fail(const std::string& what) const {
  throw CaseArchiveError(Kind::Io, entry_,
                         "cannot write " + partial_.string() +
                             (entry_.empty() ? "" : " (entry " + entry_ + ")") + ": " + what);
}

void TarWriter::beginEntry(const std::string& name, std::uint64_t size, std::time_t mtime) {
  finishEntry();
  entry_ = name;
  std::unique_ptr<::archive_entry, void (*)(::archive_entry*)> entry(::archive_entry_new(),
                                                                     ::archive_entry_free);
  if (!entry) fail("out of memory");
  ::archive_entry_set_pathname(entry.get(), name.c_str());
  ::archive_entry_set_filetype(entry.get(), AE_IFREG);
  ::archive_entry_set_perm(entry.get(), 0600);
  ::archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
  ::archive_entry_set_mtime(entry.get(), mtime, 0);
  if (::archive_write_header(archive_, entry.get()) != ARCHIVE_OK) fail(archiveMessage(archive_));
  remaining_ = size;
}

void TarWriter::write(std::span<const std::byte> bytes) {
  if (bytes.size() > remaining_) fail("more data than the entry's declared size");
  while (!bytes.empty()) {
    const la_ssize_t written = ::archive_write_data(archive_, bytes.data(), bytes.size());
    if (written <= 0) fail(archiveMessage(archive_));
    bytes = bytes.subspan(static_cast<std::size_t>(written));
    remaining_ -= static_cast<std::uint64_t>(written);
  }
}

void TarWriter::addEntry(const std::string& name, std::string_view bytes, std::time_t mtime) {
  beginEntry(name, bytes.size(), mtime);
  write(std::as_bytes(std::span(bytes.data(), bytes.size())));
}

void TarWriter::finishEntry() {
  if (entry_.empty()) return;
  if (remaining_ != 0) fail(std::to_string(remaining_) + " bytes short of the declared size");
  if (::archive_write_finish_entry(archive_) != ARCHIVE_OK) fail(archiveMessage(archive_));
  entry_.clear();
}

std::uint64_t TarWriter::publish() {
  finishEntry();
  if (::archive_write_close(archive_) != ARCHIVE_OK) fail(archiveMessage(archive_));
  ::archive_write_free(archive_);
  archive_ = nullptr;
  // No retry after a failed fsync: the kernel may have dropped the dirty pages already.
  if (::fsync(fd_) != 0) fail("fsync: " + errnoText(errno));
  struct stat info {};
  if (::fstat(fd_, &info) != 0) fail("stat: " + errnoText(errno));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 && errno != EINTR) fail("close: " + errnoText(errno));
  if (::rename(partial_.c_str(), target_.c_str()) != 0) {
    fail("rename to " + target_.string() + ": " + errnoText(errno));
  }
  published_ = true;
  fsyncDirectoryOf(target_);
  return static_cast<std::uint64_t>(info.st_size);
}

// ---- reader ----

TarReader::TarReader(const fs::path& file) : file_(file) {
  archive_ = ::archive_read_new();
  if (archive_ == nullptr) throw CaseArchiveError(Kind::Io, "", "libarchive could not start");
  ::archive_read_support_filter_gzip(archive_);
  ::archive_read_support_format_tar(archive_);
  if (::archive_read_open_filename(archive_, file.c_str(), 64 * 1024) != ARCHIVE_OK) {
    // Opening already reads the start of the file to recognise its format.
    try {
      fail("open");
    } catch (...) {
      ::archive_read_free(archive_);
      archive_ = nullptr;
      throw;
    }
  }
}

TarReader::~TarReader() {
  if (archive_ != nullptr) ::archive_read_free(archive_);
}

void TarReader::fail(const std::string& action) const {
  const std::string message = archiveMessage(archive_);
  const std::string where = entry_.empty() ? "" : " (entry " + entry_ + ")";
  const bool truncated = message.find("runcated") != std::string::npos ||
                         message.find("remature end") != std::string::npos ||
                         message.find("nexpected EOF") != std::string::npos;
  if (truncated) {
    throw CaseArchiveError(Kind::Truncated, entry_,
                           file_.string() + ": the archive is truncated" + where + ": " + message);
  }
  if (::archive_errno(archive_) == kFileFormatError) {
    if (entry_.empty()) {
      throw CaseArchiveError(
          Kind::NotAnArchive, entry_,
          file_.string() +
              " is not a case archive (a tar file, optionally gzip-compressed): " + message);
    }
    throw CaseArchiveError(Kind::Truncated, entry_,
                           file_.string() + " is damaged after" + where + ": " + message);
  }
  throw CaseArchiveError(Kind::Io, entry_,
                         file_.string() + ": cannot " + action + where + ": " + message);
}

std::optional<TarEntry> TarReader::next() {
  ::archive_entry* entry = nullptr;
  const int rc = ::archive_read_next_header(archive_, &entry);
  if (rc == ARCHIVE_EOF) return std::nullopt;
  if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) fail("read the next entry");
  const char* name = ::archive_entry_pathname(entry);
  TarEntry result;
  result.name = name != nullptr ? name : "";
  result.regularFile = ::archive_entry_filetype(entry) == AE_IFREG;
  result.size = ::archive_entry_size_is_set(entry) != 0
                    ? static_cast<std::uint64_t>(::archive_entry_size(entry))
                    : 0;
  entry_ = result.name;
  size_ = result.size;
  return result;
}

std::size_t TarReader::read(std::span<std::byte> buffer) {
  const la_ssize_t got = ::archive_read_data(archive_, buffer.data(), buffer.size());
  if (got < 0) fail("read");
  return static_cast<std::size_t>(got);
}

std::string TarReader::readAll(std::uint64_t limit) {
  if (size_ > limit) {
    throw CaseArchiveError(Kind::Invalid, entry_,
                           entry_ + ": " + std::to_string(size_) +
                               " bytes is more than such an entry may hold (" +
                               std::to_string(limit) + ")");
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(size_));
  std::vector<std::byte> chunk(64 * 1024);
  for (;;) {
    const std::size_t got = read(chunk);
    if (got == 0) break;
    if (text.size() + got > limit) {
      throw CaseArchiveError(Kind::Invalid, entry_, entry_ + ": more data than it may hold");
    }
    text.append(reinterpret_cast<const char*>(chunk.data()), got);
  }
  return text;
}

}  // namespace onewindow::localdb
