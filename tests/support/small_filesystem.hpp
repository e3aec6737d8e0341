#pragma once
// A tmpfs of a fixed size mounted at a fresh temp dir, for disk-full tests: writes there fail
// with ENOSPC once it is full, exactly as on a real full disk. Mounting needs root (or
// CAP_SYS_ADMIN); tests check available() first and skip with a warning when it is false.

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "temp_dir.hpp"

namespace onewindow::test {

class SmallFilesystem {
 public:
  // Throws std::runtime_error when the mount fails.
  explicit SmallFilesystem(std::size_t kibibytes);
  // Detaches the mount (MNT_DETACH, so an open file cannot keep it busy).
  ~SmallFilesystem();
  SmallFilesystem(const SmallFilesystem&) = delete;
  SmallFilesystem& operator=(const SmallFilesystem&) = delete;

  // Whether this process may mount a tmpfs; tried once, then remembered.
  [[nodiscard]] static bool available();

  [[nodiscard]] const std::filesystem::path& path() const { return mountPoint_.path(); }
  [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& child) const {
    return mountPoint_ / child;
  }
  [[nodiscard]] std::uint64_t freeBytes() const;

 private:
  TempDir mountPoint_;  // removed after the unmount, by its own destructor
};

}  // namespace onewindow::test
