#include "localdb/captured_pages.hpp"

#include <set>

#include "localdb/audit_log.hpp"
#include "localdb/material_files.hpp"

namespace onewindow::localdb {
namespace {

constexpr const char* kPageColumns =
    "p.id, p.slot_key, p.position, p.source_sha256, sf.size_bytes, p.device, p.captured_at, "
    "p.clerk_id, p.quarter_turns, p.crop_x, p.crop_y, p.crop_width, p.crop_height, p.removed, "
    "p.output_sha256, coalesce(of.size_bytes, 0), coalesce(of.media_type, ''), p.output_width, "
    "p.output_height, p.output_dpi, p.output_quality, p.within_limit, p.warning, p.blank "
    "FROM captured_pages p JOIN material_files sf ON sf.sha256 = p.source_sha256 "
    "LEFT JOIN material_files of ON of.sha256 = p.output_sha256 ";

CapturedPage readPage(const Statement& row) {
  CapturedPage page;
  page.id = row.columnInt(0);
  page.slotKey = row.columnText(1);
  page.position = static_cast<int>(row.columnInt(2));
  page.sourceSha256 = row.columnText(3);
  page.sourceBytes = static_cast<std::uint64_t>(row.columnInt(4));
  page.device = row.columnText(5);
  page.capturedAt = row.columnText(6);
  page.clerkId = row.columnText(7);
  page.quarterTurns = static_cast<int>(row.columnInt(8));
  if (!row.columnIsNull(9)) {
    page.crop = PixelCrop{static_cast<int>(row.columnInt(9)), static_cast<int>(row.columnInt(10)),
                          static_cast<int>(row.columnInt(11)), static_cast<int>(row.columnInt(12))};
  }
  page.removed = row.columnInt(13) != 0;
  if (!row.columnIsNull(14)) {
    PageOutput output;
    output.sha256 = row.columnText(14);
    output.sizeBytes = static_cast<std::uint64_t>(row.columnInt(15));
    output.mediaType = row.columnText(16);
    output.width = static_cast<int>(row.columnInt(17));
    output.height = static_cast<int>(row.columnInt(18));
    output.dpi = static_cast<int>(row.columnInt(19));
    output.quality = static_cast<int>(row.columnInt(20));
    output.withinLimit = row.columnInt(21) != 0;
    output.warning = row.columnText(22);
    output.blank = row.columnInt(23) != 0;
    page.output = std::move(output);
  }
  return page;
}

std::string cropText(const std::optional<PixelCrop>& crop) {
  if (!crop) return "none";
  return std::to_string(crop->x) + "," + std::to_string(crop->y) + "," +
         std::to_string(crop->width) + "x" + std::to_string(crop->height);
}

}  // namespace

std::int64_t CapturedPageRepository::caseIdOf(const std::string& caseUuid) {
  Statement find = db_.prepare("SELECT id FROM cases WHERE uuid = ?1");
  find.bind(1, caseUuid);
  if (!find.step()) throw CaseError(CaseError::Kind::NotFound, "no case " + caseUuid);
  return find.columnInt(0);
}

std::int64_t CapturedPageRepository::append(const std::string& caseUuid, const std::string& slotKey,
                                            const std::string& sourceSha256,
                                            std::uint64_t sourceBytes,
                                            const std::string& sourceMediaType,
                                            const std::string& device, const Actor& actor) {
  if (slotKey.empty()) throw CaseError(CaseError::Kind::Invalid, "a captured page needs a slot");
  Transaction transaction(db_);
  const std::int64_t caseId = caseIdOf(caseUuid);
  recordMaterialFile(db_, sourceSha256, sourceBytes, sourceMediaType, actor.at);
  Statement last = db_.prepare(
      "SELECT coalesce(max(position), 0) FROM captured_pages WHERE case_id = ?1 AND slot_key = ?2");
  last.bind(1, caseId).bind(2, slotKey);
  (void)last.step();
  const std::int64_t position = last.columnInt(0) + 1;
  db_.prepare(
         "INSERT INTO captured_pages (case_id, slot_key, position, source_sha256, device, "
         "captured_at, clerk_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, caseId)
      .bind(2, slotKey)
      .bind(3, position)
      .bind(4, sourceSha256)
      .bind(5, device)
      .bind(6, actor.at)
      .bind(7, actor.clerkId)
      .run();
  const std::int64_t id = db_.lastInsertRowId();
  AuditLog::append(db_, {actor.at, actor.clerkId, "material.capture", caseUuid,
                         slotKey + " page " + std::to_string(position) + " " + sourceSha256 +
                             (device.empty() ? "" : " from " + device),
                         actor.windowCode});
  transaction.commit();
  return id;
}

bool CapturedPageRepository::recordOutput(std::int64_t pageId, int forTurns,
                                          const std::optional<PixelCrop>& forCrop,
                                          const PageOutput& output) {
  Transaction transaction(db_);
  const std::optional<CapturedPage> current = page(pageId);
  if (!current || current->quarterTurns != forTurns || current->crop != forCrop) return false;
  recordMaterialFile(db_, output.sha256, output.sizeBytes, output.mediaType, current->capturedAt);
  db_.prepare(
         "UPDATE captured_pages SET output_sha256 = ?2, output_width = ?3, output_height = ?4, "
         "output_dpi = ?5, output_quality = ?6, within_limit = ?7, warning = ?8, blank = ?9 "
         "WHERE id = ?1")
      .bind(1, pageId)
      .bind(2, output.sha256)
      .bind(3, output.width)
      .bind(4, output.height)
      .bind(5, output.dpi)
      .bind(6, output.quality)
      .bind(7, output.withinLimit ? 1 : 0)
      .bind(8, output.warning)
      .bind(9, output.blank ? 1 : 0)
      .run();
  transaction.commit();
  return true;
}

void CapturedPageRepository::arrange(const std::string& caseUuid, const std::string& slotKey,
                                     const std::vector<PageArrangement>& pages,
                                     const Actor& actor) {
  Transaction transaction(db_);
  const std::int64_t caseId = caseIdOf(caseUuid);
  std::set<std::int64_t> listed;
  std::string summary;
  int position = 0;
  for (const PageArrangement& wanted : pages) {
    if (wanted.quarterTurns < 0 || wanted.quarterTurns > 3)
      throw CaseError(CaseError::Kind::Invalid, "a page turns 0 to 3 quarter turns");
    if (wanted.crop && (wanted.crop->width <= 0 || wanted.crop->height <= 0 || wanted.crop->x < 0 ||
                        wanted.crop->y < 0))
      throw CaseError(CaseError::Kind::Invalid, "a crop needs a positive size inside the page");
    if (!listed.insert(wanted.pageId).second)
      throw CaseError(CaseError::Kind::Invalid,
                      "page " + std::to_string(wanted.pageId) + " is listed twice");
    Statement owner = db_.prepare(
        "SELECT case_id, slot_key, quarter_turns, crop_x, crop_y, crop_width, "
        "crop_height FROM captured_pages WHERE id = ?1");
    owner.bind(1, wanted.pageId);
    if (!owner.step() || owner.columnInt(0) != caseId || owner.columnText(1) != slotKey) {
      throw CaseError(CaseError::Kind::Invalid, "page " + std::to_string(wanted.pageId) +
                                                    " is not a page of material '" + slotKey +
                                                    "' of this case");
    }
    std::optional<PixelCrop> crop;
    if (!owner.columnIsNull(3)) {
      crop = PixelCrop{static_cast<int>(owner.columnInt(3)), static_cast<int>(owner.columnInt(4)),
                       static_cast<int>(owner.columnInt(5)), static_cast<int>(owner.columnInt(6))};
    }
    const bool geometryChanged = owner.columnInt(2) != wanted.quarterTurns || crop != wanted.crop;
    Statement update = db_.prepare(
        "UPDATE captured_pages SET position = ?2, removed = 0, quarter_turns = ?3, crop_x = ?4, "
        "crop_y = ?5, crop_width = ?6, crop_height = ?7" +
        std::string(geometryChanged ? ", output_sha256 = NULL" : "") + " WHERE id = ?1");
    update.bind(1, wanted.pageId).bind(2, ++position).bind(3, wanted.quarterTurns);
    if (wanted.crop) {
      update.bind(4, wanted.crop->x)
          .bind(5, wanted.crop->y)
          .bind(6, wanted.crop->width)
          .bind(7, wanted.crop->height);
    } else {
      update.bindNull(4).bindNull(5).bindNull(6).bindNull(7);
    }
    update.run();
    summary += (summary.empty() ? "" : " ") + std::to_string(wanted.pageId) + "/" +
               std::to_string(wanted.quarterTurns * 90) + "°/" + cropText(wanted.crop);
  }
  // Pages left out go after the listed ones, marked removed (an undo lists them again).
  Statement others = db_.prepare(
      "SELECT id FROM captured_pages WHERE case_id = ?1 AND slot_key = ?2 ORDER BY position, id");
  others.bind(1, caseId).bind(2, slotKey);
  std::vector<std::int64_t> removed;
  while (others.step()) {
    if (!listed.contains(others.columnInt(0))) removed.push_back(others.columnInt(0));
  }
  for (const std::int64_t id : removed) {
    db_.prepare("UPDATE captured_pages SET removed = 1, position = ?2 WHERE id = ?1")
        .bind(1, id)
        .bind(2, ++position)
        .run();
  }
  AuditLog::append(db_, {actor.at, actor.clerkId, "material.arrange", caseUuid,
                         slotKey + ": " + (summary.empty() ? "no pages" : summary) +
                             (removed.empty() ? "" : "; removed " + std::to_string(removed.size())),
                         actor.windowCode});
  transaction.commit();
}

std::vector<CapturedPage> CapturedPageRepository::pagesOf(const std::string& caseUuid,
                                                          const std::string& slotKey,
                                                          bool includeRemoved) {
  Statement rows =
      db_.prepare(std::string("SELECT ") + kPageColumns +
                  "JOIN cases c ON c.id = p.case_id WHERE c.uuid = ?1 AND "
                  "p.slot_key = ?2 AND (?3 OR p.removed = 0) ORDER BY p.position, p.id");
  rows.bind(1, caseUuid).bind(2, slotKey).bind(3, includeRemoved ? 1 : 0);
  std::vector<CapturedPage> pages;
  while (rows.step()) pages.push_back(readPage(rows));
  return pages;
}

std::vector<CapturedPage> CapturedPageRepository::pagesOfCase(const std::string& caseUuid) {
  Statement rows = db_.prepare(std::string("SELECT ") + kPageColumns +
                               "JOIN cases c ON c.id = p.case_id WHERE c.uuid = ?1 AND "
                               "p.removed = 0 ORDER BY p.slot_key, p.position, p.id");
  rows.bind(1, caseUuid);
  std::vector<CapturedPage> pages;
  while (rows.step()) pages.push_back(readPage(rows));
  return pages;
}

std::optional<CapturedPage> CapturedPageRepository::page(std::int64_t pageId) {
  Statement row = db_.prepare(std::string("SELECT ") + kPageColumns + "WHERE p.id = ?1");
  row.bind(1, pageId);
  if (!row.step()) return std::nullopt;
  return readPage(row);
}

std::vector<CapturedPage> CapturedPageRepository::unprocessed(const std::string& caseUuid) {
  std::vector<CapturedPage> pages;
  for (CapturedPage& page : pagesOfCase(caseUuid)) {
    if (!page.output) pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace onewindow::localdb
