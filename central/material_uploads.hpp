#pragma once
// Central's materials (central/API.md §4.3-4.4): complete files in a localdb::MaterialStore
// under <data dir>/central-materials, interrupted chunked uploads as
// <data dir>/central-uploads/<sha256>.part. The database says what is complete and how many
// bytes of a partial upload count; a .part file longer than its recorded offset (a chunk that
// was being written when the connection or the server died) is cut back before the next
// chunk. Bodies are streamed to disk, never held whole in memory.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "central/central_store.hpp"
#include "central/server_limits.hpp"
#include "localdb/material_store.hpp"

namespace onewindow::central {

// Feeds the request body to `receive` piece by piece; false when the body could not be read
// completely (or `receive` returned false). Wraps httplib's ContentReader.
using BodyReceiver = std::function<bool(const char* data, std::size_t length)>;
using BodyReader = std::function<bool(const BodyReceiver& receive)>;

struct MaterialPresence {
  bool complete = false;
  std::uint64_t size = 0;          // when complete
  std::uint64_t uploadOffset = 0;  // bytes of a partial upload kept (0 when none)
};

enum class UploadOutcome {
  Stored,          // 201: completed now and verified
  AlreadyPresent,  // 200: central had it before
  ChunkKept,       // 204: partial upload advanced to `offset`
  HashMismatch,    // 422: the bytes do not hash to the name; nothing kept
  TooLarge,        // 413 material.too_large: over max-material-bytes
  ChunkTooLarge,   // 413 request.payload_too_large: a chunk over chunk-bytes
  PastEnd,         // 400: the chunk runs past Upload-Length
  OffsetMismatch,  // 409: resume from `offset`
  ReadFailed,      // the body broke off; nothing new counts
};

struct UploadResult {
  UploadOutcome outcome = UploadOutcome::ReadFailed;
  std::uint64_t offset = 0;  // ChunkKept, OffsetMismatch: the server's offset
  std::uint64_t size = 0;    // Stored, AlreadyPresent: the material's size
};

class MaterialUploads {
 public:
  // Creates the two directories under `dataDir` when missing.
  MaterialUploads(CentralStore& store, const std::filesystem::path& dataDir, ServerLimits limits);

  // `sha256` must be 64 lowercase hex digits (checked by the caller).
  [[nodiscard]] MaterialPresence presence(const std::string& sha256);
  [[nodiscard]] bool isComplete(const std::string& sha256);

  // PUT: the whole file.
  UploadResult putWhole(const std::string& sha256, const BodyReader& body,
                        std::chrono::sys_seconds now);
  // PATCH: one chunk starting at `offset` of a file of `total` bytes.
  UploadResult appendChunk(const std::string& sha256, std::uint64_t offset, std::uint64_t total,
                           const BodyReader& body, std::chrono::sys_seconds now);

  [[nodiscard]] const std::filesystem::path& uploadsDir() const { return uploadsDir_; }

 private:
  std::shared_ptr<std::mutex> lockFor(const std::string& sha256);
  void recordComplete(const std::string& sha256, std::uint64_t size, std::chrono::sys_seconds now);
  void discardPartial(const std::string& sha256);
  UploadResult publish(const std::string& sha256, const std::filesystem::path& file,
                       std::chrono::sys_seconds now);

  CentralStore& store_;
  localdb::MaterialStore files_;
  std::filesystem::path uploadsDir_;
  ServerLimits limits_;
  std::mutex locksMutex_;
  std::map<std::string, std::weak_ptr<std::mutex>> locks_;
};

}  // namespace onewindow::central
