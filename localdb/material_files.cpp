#include "localdb/material_files.hpp"

namespace onewindow::localdb {

void recordMaterialFile(Database& db, const std::string& sha256, std::uint64_t sizeBytes,
                        const std::string& mediaType, const std::string& storedAt) {
  db.prepare(
        "INSERT INTO material_files (sha256, size_bytes, media_type, stored_at) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (sha256) DO NOTHING")
      .bind(1, sha256)
      .bind(2, static_cast<std::int64_t>(sizeBytes))
      .bind(3, mediaType.empty() ? std::string("application/octet-stream") : mediaType)
      .bind(4, storedAt)
      .run();
}

void appendSlotPages(Database& db, std::int64_t slotId, int pagesBefore,
                     const std::vector<PageInput>& pages, const std::string& storedAt) {
  int pageNo = pagesBefore;
  for (const PageInput& page : pages) {
    recordMaterialFile(db, page.sha256, page.sizeBytes, page.mediaType, storedAt);
    db.prepare("INSERT INTO material_pages (slot_id, page_no, sha256) VALUES (?1, ?2, ?3)")
        .bind(1, slotId)
        .bind(2, ++pageNo)
        .bind(3, page.sha256)
        .run();
  }
}

}  // namespace onewindow::localdb
