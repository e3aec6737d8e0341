#pragma once
// What the sync engine needs from central (central/API.md §4), asynchronously, in client/api's
// terms. The engine adapts CentralClient to it (client/engine/central_sync_port.*), which adds
// the session and station; completions may arrive on any thread.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "client/api/api_error.hpp"
#include "client/api/protocol.hpp"

namespace onewindow::sync {

template <typename T>
using Reply = std::function<void(api::Result<T>)>;

class SyncPort {
 public:
  virtual ~SyncPort() = default;
  virtual void uploadMaterial(const std::string& sha256, const std::filesystem::path& file,
                              std::uint64_t size, Reply<api::UploadOutcome> done) = 0;
  virtual void putCase(const std::string& uuid, int version, const std::string& body,
                       Reply<api::CaseReceipt> done) = 0;
  virtual void getCase(const std::string& uuid, Reply<api::CaseReceipt> done) = 0;
  virtual void changes(const std::string& cursor, Reply<api::ChangePage> done) = 0;
  virtual void postRating(const api::Rating& rating, Reply<api::Stored> done) = 0;
};

}  // namespace onewindow::sync
