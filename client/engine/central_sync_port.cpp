#include "client/engine/central_sync_port.hpp"

namespace onewindow::engine {

CentralSyncPort::CentralSyncPort(api::CentralClient& central, std::string stationId)
    : central_(central), stationId_(std::move(stationId)) {}

void CentralSyncPort::setToken(const std::string& token) {
  central_.setSession(token, stationId_);
  if (token.empty()) return;
  central_.limits([this](api::Result<api::Limits> limits) {
    if (limits.ok() && limits.value().chunkBytes > 0) chunkBytes_ = limits.value().chunkBytes;
  });
}

void CentralSyncPort::uploadMaterial(const std::string& sha256, const std::filesystem::path& file,
                                     std::uint64_t size, sync::Reply<api::UploadOutcome> done) {
  central_.uploadMaterial(sha256, file, size, chunkBytes_, std::move(done));
}

void CentralSyncPort::putCase(const std::string& uuid, int version, const std::string& body,
                              sync::Reply<api::CaseReceipt> done) {
  central_.putCase(uuid, version, body, std::move(done));
}

void CentralSyncPort::getCase(const std::string& uuid, sync::Reply<api::CaseReceipt> done) {
  central_.getCase(uuid, std::move(done));
}

void CentralSyncPort::postRating(const api::Rating& rating, sync::Reply<api::Stored> done) {
  central_.postRating(rating, std::move(done));
}

void CentralSyncPort::changes(const std::string& cursor, sync::Reply<api::ChangePage> done) {
  central_.changes(cursor, 200, std::move(done));
}

void CentralSyncPort::catalogManifest(const std::string& knownRelease,
                                      sync::Reply<api::CatalogManifest> done) {
  central_.catalogManifest(knownRelease, std::move(done));
}

void CentralSyncPort::catalogFile(const std::string& sha256, sync::Reply<std::string> done) {
  central_.catalogFile(sha256, std::move(done));
}

}  // namespace onewindow::engine
