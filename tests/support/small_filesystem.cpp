#include "small_filesystem.hpp"

#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

#include <sys/mount.h>
#include <sys/statvfs.h>

namespace onewindow::test {

namespace {

// Returns 0 or the errno of the failed mount.
int mountTmpfs(const std::filesystem::path& at, std::size_t kibibytes) {
  const std::string options = "size=" + std::to_string(kibibytes) + "k,mode=0700";
  if (::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) == 0) return 0;
  return errno;
}

}  // namespace

SmallFilesystem::SmallFilesystem(std::size_t kibibytes) {
  if (const int error = mountTmpfs(mountPoint_.path(), kibibytes); error != 0) {
    throw std::runtime_error("cannot mount a " + std::to_string(kibibytes) + " KiB tmpfs at " +
                             mountPoint_.path().string() + ": " +
                             std::system_category().message(error));
  }
}

SmallFilesystem::~SmallFilesystem() { ::umount2(mountPoint_.path().c_str(), MNT_DETACH); }

bool SmallFilesystem::available() {
  static const bool mountable = [] {
    TempDir probe;
    if (mountTmpfs(probe.path(), 16) != 0) return false;
    ::umount2(probe.path().c_str(), MNT_DETACH);
    return true;
  }();
  return mountable;
}

std::uint64_t SmallFilesystem::freeBytes() const {
  struct statvfs info {};
  if (::statvfs(path().c_str(), &info) != 0) {
    throw std::runtime_error("statvfs " + path().string() + ": " +
                             std::system_category().message(errno));
  }
  return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
}

}  // namespace onewindow::test
