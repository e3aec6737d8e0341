// The materials store on a disk that fills up: a put must fail with a clear DiskFull error,
// leave nothing half-written behind, keep what was stored before intact, and work again once
// space is freed. The "disk" is a small tmpfs the test mounts itself (needs root).

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "localdb/material_store.hpp"
#include "localdb/sha256.hpp"
#include "small_filesystem.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using onewindow::localdb::MaterialStore;
using onewindow::localdb::MaterialStoreError;
using onewindow::localdb::sha256Hex;
using onewindow::localdb::StoredFile;
using onewindow::test::SmallFilesystem;
using onewindow::test::TempDir;

namespace {

constexpr std::size_t kDiskKiB = 256;
const char* const kNeedsRoot =
    "skipped: mounting a small tmpfs needs root (CAP_SYS_ADMIN); CI runs this as root";

std::vector<std::byte> patternBytes(std::size_t size, unsigned seed) {
  std::vector<std::byte> bytes(size);
  std::uint32_t state = seed * 2654435761U + 1U;
  for (auto& b : bytes) {
    state = state * 1664525U + 1013904223U;
    b = static_cast<std::byte>(state >> 24U);
  }
  return bytes;
}

// Appends 4 KiB blocks to `file` until the filesystem has at most `leaveFree` bytes left
// (0: until a write fails with ENOSPC).
void fill(const SmallFilesystem& disk, const fs::path& file, std::uint64_t leaveFree) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  const auto block = patternBytes(4096, 99);
  while (disk.freeBytes() > leaveFree) {
    if (::write(fd, block.data(), block.size()) < 0) {
      REQUIRE(errno == ENOSPC);
      break;
    }
  }
  ::close(fd);
}

std::size_t tempCount(const MaterialStore& store) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(store.root() / "tmp"), fs::directory_iterator()));
}

void checkDiskFullError(const MaterialStoreError& error) {
  INFO(error.what());
  CHECK(error.kind() == MaterialStoreError::Kind::DiskFull);
  CHECK_THAT(error.what(), Catch::StartsWith("the disk is full") &&
                               Catch::Contains("free space and try again") &&
                               Catch::Contains("No space left on device"));
}

}  // namespace

TEST_CASE("puts on a disk that fills up fail with DiskFull and leave nothing behind (needs root)",
          "[localdb][diskfull]") {
  if (!SmallFilesystem::available()) {
    WARN(kNeedsRoot);
    return;
  }
  SmallFilesystem disk(kDiskKiB);
  const auto filler = patternBytes(64 * 1024, 1);
  {
    std::ofstream out(disk / "filler", std::ios::binary);
    out.write(reinterpret_cast<const char*>(filler.data()),
              static_cast<std::streamsize>(filler.size()));
    REQUIRE(out.good());
  }
  MaterialStore store(disk / "materials");

  std::vector<StoredFile> stored;
  std::vector<std::byte> rejected;
  std::optional<MaterialStoreError> failure;
  for (unsigned i = 0; i < 100 && !failure; ++i) {
    auto bytes = patternBytes(20 * 1024, 1000 + i);
    try {
      stored.push_back(store.put(bytes));
    } catch (const MaterialStoreError& error) {
      failure = error;
      rejected = std::move(bytes);
    }
  }
  REQUIRE(failure.has_value());
  checkDiskFullError(*failure);
  REQUIRE_FALSE(stored.empty());

  const std::string rejectedSha = sha256Hex(rejected);
  CHECK_FALSE(store.contains(rejectedSha));
  CHECK_FALSE(fs::exists(store.pathOf(rejectedSha)));
  CHECK(tempCount(store) == 0);
  for (const auto& file : stored) {
    INFO(file.sha256);
    CHECK(store.verify(file.sha256).ok());
  }

  fs::remove(disk / "filler");
  const StoredFile retried = store.put(rejected);
  CHECK(retried.sha256 == rejectedSha);
  CHECK_FALSE(retried.alreadyPresent);
  CHECK(store.verify(rejectedSha).ok());
  CHECK(tempCount(store) == 0);
}

TEST_CASE("putFile of a file bigger than the free space fails cleanly (needs root)",
          "[localdb][diskfull]") {
  if (!SmallFilesystem::available()) {
    WARN(kNeedsRoot);
    return;
  }
  TempDir elsewhere;  // the source lives on a normal filesystem
  const auto scan = patternBytes(160 * 1024, 2);
  {
    std::ofstream out(elsewhere / "scan.tiff", std::ios::binary);
    out.write(reinterpret_cast<const char*>(scan.data()),
              static_cast<std::streamsize>(scan.size()));
    REQUIRE(out.good());
  }

  SmallFilesystem disk(kDiskKiB);
  MaterialStore store(disk / "materials");
  // 0: the first write of the temp fails; 64 KiB: the copy fails part way.
  const std::uint64_t leaveFree = GENERATE(std::uint64_t{0}, std::uint64_t{64 * 1024});
  INFO("free space left before the put: " << leaveFree);
  fill(disk, disk / "filler", leaveFree);
  const std::uint64_t freeBefore = disk.freeBytes();
  REQUIRE(freeBefore <= leaveFree);

  try {
    (void)store.putFile(elsewhere / "scan.tiff");
    FAIL("putFile should have failed on a full disk");
  } catch (const MaterialStoreError& error) {
    checkDiskFullError(error);
  }
  const std::string sha = sha256Hex(scan);
  CHECK_FALSE(fs::exists(store.pathOf(sha)));
  CHECK(tempCount(store) == 0);
  CHECK(disk.freeBytes() == freeBefore);  // the partial temp's blocks were given back

  fs::remove(disk / "filler");
  const StoredFile stored = store.putFile(elsewhere / "scan.tiff");
  CHECK(stored.sha256 == sha);
  CHECK(store.verify(sha).ok());
}
