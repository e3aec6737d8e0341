#pragma once
// The sync engine's view of central: CentralClient with the clerk's session and this
// station's identity, and the chunk size central advertises (read once per session).

#include <atomic>
#include <string>

#include "client/api/central_client.hpp"
#include "client/sync/catalog_updater.hpp"
#include "client/sync/sync_port.hpp"

namespace onewindow::engine {

class CentralSyncPort final : public sync::SyncPort, public sync::CatalogPort {
 public:
  CentralSyncPort(api::CentralClient& central, std::string stationId);

  // The clerk's bearer token from an online login; empty after logout.
  void setToken(const std::string& token);

  void uploadMaterial(const std::string& sha256, const std::filesystem::path& file,
                      std::uint64_t size, sync::Reply<api::UploadOutcome> done) override;
  void putCase(const std::string& uuid, int version, const std::string& body,
               sync::Reply<api::CaseReceipt> done) override;
  void getCase(const std::string& uuid, sync::Reply<api::CaseReceipt> done) override;
  void changes(const std::string& cursor, sync::Reply<api::ChangePage> done) override;
  void postRating(const api::Rating& rating, sync::Reply<api::Stored> done) override;
  void catalogManifest(const std::string& knownRelease,
                       sync::Reply<api::CatalogManifest> done) override;
  void catalogFile(const std::string& sha256, sync::Reply<std::string> done) override;

 private:
  api::CentralClient& central_;
  std::string stationId_;
  std::atomic<std::uint64_t> chunkBytes_{1024 * 1024};  // until central says otherwise
};

}  // namespace onewindow::engine
