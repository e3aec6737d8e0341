#include "central/material_uploads.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <optional>
#include <span>
#include <stdexcept>
#include <system_error>

#include "central/route_support.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void failIo(const std::string& action, const fs::path& path) {
  throw std::system_error(errno, std::system_category(), action + " " + path.string());
}

// One open file, closed on every path out.
class OpenFile {
 public:
  OpenFile(const fs::path& path, int flags) : path_(path) {
    do {
      fd_ = ::open(path.c_str(), flags | O_CLOEXEC, 0600);
    } while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) failIo("open", path);
  }
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  void truncate(std::uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) failIo("truncate", path_);
  }
  void seek(std::uint64_t offset) {
    if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) failIo("seek in", path_);
  }
  void write(const char* data, std::size_t length) {
    while (length > 0) {
      const ssize_t written = ::write(fd_, data, length);
      if (written < 0) {
        if (errno == EINTR) continue;
        failIo("write", path_);
      }
      data += written;
      length -= static_cast<std::size_t>(written);
    }
  }
  void sync() {
    if (::fsync(fd_) != 0) failIo("fsync", path_);
  }

 private:
  fs::path path_;
  int fd_ = -1;
};

std::optional<std::pair<std::uint64_t, std::uint64_t>> partialOf(sql::Connection& db,
                                                                 const std::string& sha256) {
  sql::Statement query =
      db.prepare("SELECT upload_offset, total FROM material_uploads WHERE sha256 = ?1");
  query.bind(1, sha256);
  if (!query.step()) return std::nullopt;
  return std::pair{static_cast<std::uint64_t>(query.columnInt(0)),
                   static_cast<std::uint64_t>(query.columnInt(1))};
}

std::optional<std::uint64_t> completeSizeOf(sql::Connection& db, const std::string& sha256) {
  sql::Statement query =
      db.prepare("SELECT size FROM materials WHERE sha256 = ?1 AND complete = 1");
  query.bind(1, sha256);
  if (!query.step()) return std::nullopt;
  return static_cast<std::uint64_t>(query.columnInt(0));
}

std::uint64_t fileSizeOrZero(const fs::path& path) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  return error ? 0 : static_cast<std::uint64_t>(size);
}

// Reads the whole body and throws it away: a request answered without its body must still
// be read off the connection, or the next request on it would be parsed from the middle.
bool drain(const BodyReader& body) {
  return body([](const char*, std::size_t) { return true; });
}

}  // namespace

MaterialUploads::MaterialUploads(CentralStore& store, const fs::path& dataDir, ServerLimits limits)
    : store_(store),
      files_(dataDir / "central-materials"),
      uploadsDir_(dataDir / "central-uploads"),
      limits_(limits) {
  fs::create_directories(uploadsDir_);
}

std::shared_ptr<std::mutex> MaterialUploads::lockFor(const std::string& sha256) {
  std::lock_guard guard(locksMutex_);
  std::shared_ptr<std::mutex> lock = locks_[sha256].lock();
  if (!lock) lock = std::make_shared<std::mutex>();
  // Forget entries nobody holds any more, so the map does not grow with every material.
  std::erase_if(locks_, [](const auto& entry) { return entry.second.expired(); });
  locks_[sha256] = lock;
  return lock;
}

MaterialPresence MaterialUploads::presence(const std::string& sha256) {
  return store_.withDatabase([&](sql::Connection& db) {
    MaterialPresence result;
    if (const auto size = completeSizeOf(db, sha256)) {
      result.complete = true;
      result.size = *size;
    } else if (const auto partial = partialOf(db, sha256)) {
      result.uploadOffset = partial->first;
    }
    return result;
  });
}

bool MaterialUploads::isComplete(const std::string& sha256) { return presence(sha256).complete; }

void MaterialUploads::recordComplete(const std::string& sha256, std::uint64_t size,
                                     std::chrono::sys_seconds now) {
  store_.withDatabase([&](sql::Connection& db) {
    sql::Transaction transaction(db);
    db.prepare(
          "INSERT INTO materials (sha256, size, complete, received_at) VALUES (?1, ?2, 1, ?3) "
          "ON CONFLICT (sha256) DO UPDATE SET complete = 1, size = excluded.size")
        .bind(1, sha256)
        .bind(2, static_cast<std::int64_t>(size))
        .bind(3, toUnixSeconds(now))
        .run();
    db.prepare("DELETE FROM material_uploads WHERE sha256 = ?1").bind(1, sha256).run();
    transaction.commit();
  });
}

void MaterialUploads::discardPartial(const std::string& sha256) {
  store_.withDatabase([&](sql::Connection& db) {
    db.prepare("DELETE FROM material_uploads WHERE sha256 = ?1").bind(1, sha256).run();
  });
  std::error_code ignored;
  fs::remove(uploadsDir_ / (sha256 + ".part"), ignored);
}

UploadResult MaterialUploads::publish(const std::string& sha256, const fs::path& file,
                                      std::chrono::sys_seconds now) {
  if (localdb::sha256OfFile(file) != sha256) return {UploadOutcome::HashMismatch};
  // The store copies, fsyncs and renames; only then does the row say "complete".
  const localdb::StoredFile stored = files_.putFile(file);
  if (stored.sha256 != sha256) throw std::runtime_error("material changed while being stored");
  recordComplete(sha256, stored.size, now);
  return {UploadOutcome::Stored, stored.size, stored.size};
}

UploadResult MaterialUploads::putWhole(const std::string& sha256, const BodyReader& body,
                                       std::chrono::sys_seconds now) {
  const std::shared_ptr<std::mutex> lock = lockFor(sha256);
  std::lock_guard guard(*lock);
  if (const MaterialPresence present = presence(sha256); present.complete) {
    // Still hashed: wrong bytes under a known name are a client bug worth telling.
    localdb::Sha256 hash;
    if (!body([&hash](const char* data, std::size_t length) {
          hash.update(std::as_bytes(std::span(data, length)));
          return true;
        })) {
      return {UploadOutcome::ReadFailed};
    }
    if (hash.finishHex() != sha256) return {UploadOutcome::HashMismatch};
    return {UploadOutcome::AlreadyPresent, present.size, present.size};
  }

  static std::atomic<std::uint64_t> counter{0};
  const fs::path temp = uploadsDir_ / (sha256 + "." + std::to_string(++counter) + ".put");
  struct RemoveTemp {
    const fs::path& path;
    ~RemoveTemp() {
      std::error_code ignored;
      fs::remove(path, ignored);
    }
  } removeTemp{temp};

  std::uint64_t received = 0;
  bool tooLarge = false;
  {
    OpenFile out(temp, O_WRONLY | O_CREAT | O_TRUNC);
    // A refused body is still read to its end (and dropped): httplib cannot skip the rest
    // of a body once its reader has stopped, and the connection must stay usable.
    const bool complete = body([&](const char* data, std::size_t length) {
      received += length;
      if (received > limits_.maxMaterialBytes) tooLarge = true;
      if (!tooLarge) out.write(data, length);
      return true;
    });
    if (tooLarge) return {UploadOutcome::TooLarge};
    if (!complete) return {UploadOutcome::ReadFailed};
  }
  return publish(sha256, temp, now);
}

UploadResult MaterialUploads::appendChunk(const std::string& sha256, std::uint64_t offset,
                                          std::uint64_t total, const BodyReader& body,
                                          std::chrono::sys_seconds now) {
  const std::shared_ptr<std::mutex> lock = lockFor(sha256);
  std::lock_guard guard(*lock);
  if (total > limits_.maxMaterialBytes) return {UploadOutcome::TooLarge};
  const MaterialPresence present = presence(sha256);
  if (present.complete) {
    if (!drain(body)) return {UploadOutcome::ReadFailed};
    return {UploadOutcome::AlreadyPresent, present.size, present.size};
  }

  const fs::path part = uploadsDir_ / (sha256 + ".part");
  std::uint64_t serverOffset = present.uploadOffset;
  const auto recorded =
      store_.withDatabase([&](sql::Connection& db) { return partialOf(db, sha256); });
  // A different total for the same name, or a .part shorter than its row (lost in a crash
  // before it reached the disk): start over from 0.
  if (recorded && (recorded->second != total || fileSizeOrZero(part) < recorded->first)) {
    discardPartial(sha256);
    serverOffset = 0;
  }
  if (offset != serverOffset) return {UploadOutcome::OffsetMismatch, serverOffset};

  std::uint64_t received = 0;
  UploadOutcome refused = UploadOutcome::ReadFailed;
  bool refusedEarly = false;
  {
    OpenFile out(part, O_WRONLY | O_CREAT);
    out.truncate(offset);
    out.seek(offset);
    const bool complete = body([&](const char* data, std::size_t length) {
      received += length;
      if (!refusedEarly && received > limits_.chunkBytes) {
        refused = UploadOutcome::ChunkTooLarge;
        refusedEarly = true;
      } else if (!refusedEarly && offset + received > total) {
        refused = UploadOutcome::PastEnd;
        refusedEarly = true;
      }
      if (!refusedEarly) out.write(data, length);
      return true;
    });
    if (refusedEarly) return {refused, serverOffset};
    if (!complete) return {UploadOutcome::ReadFailed, serverOffset};
    out.sync();
  }

  const std::uint64_t newOffset = offset + received;
  if (newOffset < total) {
    store_.withDatabase([&](sql::Connection& db) {
      db.prepare(
            "INSERT INTO material_uploads (sha256, upload_offset, total, updated_at) "
            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (sha256) DO UPDATE SET "
            "upload_offset = excluded.upload_offset, total = excluded.total, "
            "updated_at = excluded.updated_at")
          .bind(1, sha256)
          .bind(2, static_cast<std::int64_t>(newOffset))
          .bind(3, static_cast<std::int64_t>(total))
          .bind(4, toUnixSeconds(now))
          .run();
    });
    return {UploadOutcome::ChunkKept, newOffset};
  }
  const UploadResult result = publish(sha256, part, now);
  // Verified or not, the partial has served its purpose: a mismatch starts again from 0.
  discardPartial(sha256);
  return result;
}

}  // namespace onewindow::central
