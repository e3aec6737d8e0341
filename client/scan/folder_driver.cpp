#include "client/scan/folder_driver.hpp"

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <system_error>

#include <sys/inotify.h>

#include "client/scan/file_import.hpp"

namespace onewindow::scan {
namespace {

constexpr int kPollMilliseconds = 100;  // how soon a cancel is noticed
constexpr const char* kImportedFolder = "imported";

bool endsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class InotifyWatch {
 public:
  explicit InotifyWatch(const std::filesystem::path& folder)
      : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (fd_ < 0)
      throw ScanError(ScanErrorKind::Io, std::string("inotify_init1: ") + std::strerror(errno));
    if (inotify_add_watch(
            fd_, folder.c_str(),
            IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR) < 0) {
      const int error = errno;
      ::close(fd_);
      throw ScanError(
          error == ENOENT || error == ENOTDIR ? ScanErrorKind::Offline : ScanErrorKind::Io,
          "cannot watch '" + folder.string() + "': " + std::strerror(error));
    }
  }
  ~InotifyWatch() { ::close(fd_); }
  InotifyWatch(const InotifyWatch&) = delete;
  InotifyWatch& operator=(const InotifyWatch&) = delete;

  // Waits up to the poll interval; appends the names of files that arrived, in order. Returns
  // false when the folder itself went away.
  bool collect(std::deque<std::string>& arrived) {
    pollfd descriptor{fd_, POLLIN, 0};
    const int ready = ::poll(&descriptor, 1, kPollMilliseconds);
    if (ready < 0 && errno != EINTR)
      throw ScanError(ScanErrorKind::Io, std::string("poll: ") + std::strerror(errno));
    if (ready <= 0) return true;
    alignas(inotify_event) std::array<char, 64 * 1024> buffer{};
    bool folderPresent = true;
    for (;;) {
      const ssize_t length = ::read(fd_, buffer.data(), buffer.size());
      if (length < 0 && errno == EAGAIN) break;
      if (length < 0 && errno == EINTR) continue;
      if (length <= 0)
        throw ScanError(ScanErrorKind::Io, std::string("inotify read: ") + std::strerror(errno));
      for (ssize_t at = 0; at < length;) {
        inotify_event event{};
        std::memcpy(&event, buffer.data() + at, sizeof event);
        const char* name = buffer.data() + at + sizeof(inotify_event);
        at += static_cast<ssize_t>(sizeof(inotify_event) + event.len);
        if ((event.mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) != 0) folderPresent = false;
        if ((event.mask & IN_ISDIR) != 0 || event.len == 0) continue;
        if ((event.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0) arrived.emplace_back(name);
      }
    }
    return folderPresent;
  }

 private:
  int fd_;
};

// Into imported/, under a fresh name when an earlier batch left a file of the same name there.
void moveToImported(const std::filesystem::path& file) {
  const std::filesystem::path folder = file.parent_path() / kImportedFolder;
  std::filesystem::create_directories(folder);
  std::filesystem::path target = folder / file.filename();
  for (int copy = 1; std::filesystem::exists(target); ++copy)
    target =
        folder / (file.stem().string() + "-" + std::to_string(copy) + file.extension().string());
  std::filesystem::rename(file, target);
}

}  // namespace

bool isImportableName(const std::string& fileName) {
  return !fileName.empty() && fileName.front() != '.' && !endsWith(fileName, ".part") &&
         !endsWith(fileName, ".tmp");
}

FolderDriver::FolderDriver(std::vector<std::filesystem::path> folders)
    : folders_(std::move(folders)) {}

std::vector<DeviceInfo> FolderDriver::devices() {
  std::vector<DeviceInfo> found;
  for (const std::filesystem::path& folder : folders_) {
    std::error_code error;
    if (std::filesystem::is_directory(folder, error))
      found.push_back(
          {folder.string(), "folder", "", folder.filename().string(), "watched folder"});
  }
  return found;
}

void FolderDriver::setWatchingCallback(std::function<void(const std::string&)> callback) {
  onWatching_ = std::move(callback);
}

Capabilities FolderDriver::capabilities(const std::string& deviceId) {
  std::error_code error;
  if (!std::filesystem::is_directory(deviceId, error))
    throw ScanError(ScanErrorKind::Offline, "the folder '" + deviceId + "' is not there");
  return fileImportCapabilities();
}

void FolderDriver::capture(const std::string& deviceId, const ScanSettings& settings,
                           CaptureObserver& observer, const CancelFlag& cancel) {
  CaptureEnd end;
  const std::filesystem::path folder(deviceId);
  try {
    InotifyWatch watch(folder);
    if (onWatching_) onWatching_(deviceId);
    std::deque<std::string> arrived;
    bool full = false;
    while (!full) {
      if (cancel.cancelled()) {
        end.cancelled = true;
        break;
      }
      if (!watch.collect(arrived))
        throw ScanError(ScanErrorKind::Offline, "the folder '" + deviceId + "' went away");
      while (!arrived.empty() && !full && !cancel.cancelled()) {
        const std::string name = arrived.front();
        arrived.pop_front();
        const std::filesystem::path file = folder / name;
        std::error_code error;
        // Gone already: written twice (an earlier close imported and moved it) or taken away.
        if (!isImportableName(name) || !std::filesystem::is_regular_file(file, error)) continue;
        try {
          forEachFilePage(file, settings.dpi, [&](Raster page) {
            observer.pageStarted(end.pagesDone);
            observer.pageDone(end.pagesDone, std::move(page));
            ++end.pagesDone;
            full = settings.maxPages > 0 && end.pagesDone >= settings.maxPages;
            return !full;
          });
        } catch (const ScanError& bad) {
          throw ScanError(ScanErrorKind::Io,
                          "cannot import '" + file.string() + "': " + bad.detail());
        }
        moveToImported(file);
      }
    }
  } catch (const ScanError& error) {
    end.error = error;
  } catch (const std::filesystem::filesystem_error& error) {
    end.error = ScanError(ScanErrorKind::Io, error.what());
  } catch (const std::bad_alloc&) {
    end.error = ScanError(ScanErrorKind::Io, "out of memory importing from '" + deviceId + "'");
  }
  observer.ended(end);
}

}  // namespace onewindow::scan
