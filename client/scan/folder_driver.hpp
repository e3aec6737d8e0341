#pragma once
// Watched folders for network scanners that drop files (DESIGN.md §9). A capture imports, as the
// pages of one batch, every file that arrives in the folder while it runs, and moves each
// imported file into `imported/` so it is never picked up twice.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "client/scan/scan_driver.hpp"

namespace onewindow::scan {

class FolderDriver final : public ScanDriver {
 public:
  explicit FolderDriver(std::vector<std::filesystem::path> folders);

  [[nodiscard]] std::string name() const override { return "folder"; }
  // The configured folders that exist now (a network share may be unmounted).
  std::vector<DeviceInfo> devices() override;
  Capabilities capabilities(const std::string& deviceId) override;
  // deviceId is the folder. Files already there belong to an earlier batch and stay; each file
  // finished while the capture runs (written and closed, or renamed in: scanners that write
  // "x.pdf.part" and rename it are read once, complete) is imported in arrival order, page by
  // page. Dotfiles, *.part and *.tmp are ignored. Runs until the cancel flag is set — for a
  // folder that means "done", so it ends normally with cancelled = true — or settings.maxPages
  // pages came (the rest of that file's pages are dropped). A file that cannot be read ends the
  // capture with Io naming it, after every good page before it; it stays in the folder. A folder
  // that goes away ends it with Offline.
  void capture(const std::string& deviceId, const ScanSettings& settings, CaptureObserver& observer,
               const CancelFlag& cancel) override;

  // Called on the capturing thread once the folder is watched: files finished from then on
  // belong to the batch. The GUI shows "waiting for the scanner's files"; tests write files.
  void setWatchingCallback(std::function<void(const std::string& folder)> callback);

 private:
  std::vector<std::filesystem::path> folders_;
  std::function<void(const std::string&)> onWatching_;
};

// Whether a file name in a watched folder is a finished document (not a dotfile, nor a
// scanner's *.part / *.tmp still being written).
[[nodiscard]] bool isImportableName(const std::string& fileName);

}  // namespace onewindow::scan
