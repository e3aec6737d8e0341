#pragma once
// Pages captured into a case's material slots (scanner, document camera, imported files), kept
// page by page the moment each arrives: the source file is durable in the material store before
// append() commits the row, so whatever stops a batch — a jam, a pulled cable, a crash — every
// page already done is still here and the clerk carries on from it.
//
// A page has two files: its source (as the device gave it) and its output (after the automatic
// steps and the clerk's turns and crop, encoded to the material's policy). The clerk's page
// editor changes the order, turns and crop through arrange(); a page left out is marked
// removed, not deleted, so an undo restores it. At intake the outputs become the material.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct PixelCrop {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator==(const PixelCrop&) const = default;
};

// What processing made of a page (its file already durable in the material store).
struct PageOutput {
  std::string sha256;
  std::uint64_t sizeBytes = 0;
  std::string mediaType;  // image/jpeg, image/tiff, image/png
  int width = 0, height = 0, dpi = 0;
  int quality = 0;  // JPEG quality used; 0 for other formats
  bool withinLimit = true;
  std::string warning;  // the clerk's sentence when the page stays over the policy's limit
  bool blank = false;   // flagged for the clerk, never dropped
};

struct CapturedPage {
  std::int64_t id = 0;
  std::string slotKey;
  int position = 0;
  std::string sourceSha256;
  std::uint64_t sourceBytes = 0;
  std::string device;
  std::string capturedAt;
  std::string clerkId;
  int quarterTurns = 0;  // clockwise, 0..3
  std::optional<PixelCrop> crop;
  bool removed = false;
  std::optional<PageOutput> output;  // none until processed
};

// One page in the editor's arrangement: its place is its index in the list.
struct PageArrangement {
  std::int64_t pageId = 0;
  int quarterTurns = 0;
  std::optional<PixelCrop> crop;
};

class CapturedPageRepository {
 public:
  explicit CapturedPageRepository(Database& db) : db_(db) {}

  // A page just captured, after the slot's last page. The source must already be durable in
  // the material store. Returns the page's id.
  std::int64_t append(const std::string& caseUuid, const std::string& slotKey,
                      const std::string& sourceSha256, std::uint64_t sourceBytes,
                      const std::string& sourceMediaType, const std::string& device,
                      const Actor& actor);

  // The processed page (file already durable). Ignored when the page was arranged differently
  // since processing began (`forTurns`/`forCrop` no longer match): the newer edit is processed.
  bool recordOutput(std::int64_t pageId, int forTurns, const std::optional<PixelCrop>& forCrop,
                    const PageOutput& output);

  // The clerk's new order, turns and crops of a slot's pages: every page of the slot not listed
  // is marked removed; a listed removed page comes back. A changed turn or crop clears the
  // page's output (it must be processed again). Throws CaseError for a page of another slot.
  void arrange(const std::string& caseUuid, const std::string& slotKey,
               const std::vector<PageArrangement>& pages, const Actor& actor);

  [[nodiscard]] std::vector<CapturedPage> pagesOf(const std::string& caseUuid,
                                                  const std::string& slotKey,
                                                  bool includeRemoved = false);
  // Every slot's pages in slot and page order (removed ones left out).
  [[nodiscard]] std::vector<CapturedPage> pagesOfCase(const std::string& caseUuid);
  [[nodiscard]] std::optional<CapturedPage> page(std::int64_t pageId);
  // Pages (not removed) whose output is missing: what a crash or an edit left to process.
  [[nodiscard]] std::vector<CapturedPage> unprocessed(const std::string& caseUuid);

 private:
  std::int64_t caseIdOf(const std::string& caseUuid);

  Database& db_;
};

}  // namespace onewindow::localdb
