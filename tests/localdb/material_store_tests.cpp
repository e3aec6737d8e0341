#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "localdb/material_store.hpp"
#include "localdb/sha256.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using onewindow::localdb::GcReport;
using onewindow::localdb::MaterialStore;
using onewindow::localdb::MaterialStoreError;
using onewindow::localdb::Sha256;
using onewindow::localdb::sha256Hex;
using onewindow::localdb::sha256OfFile;
using onewindow::localdb::StoredFile;
using onewindow::localdb::VerifyResult;
using onewindow::test::TempDir;

namespace {

const std::string kAbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

std::vector<std::byte> bytesOf(const std::string& text) {
  std::vector<std::byte> bytes(text.size());
  std::transform(text.begin(), text.end(), bytes.begin(),
                 [](char c) { return static_cast<std::byte>(c); });
  return bytes;
}

// Deterministic, incompressible-looking content of any size.
std::vector<std::byte> patternBytes(std::size_t size, unsigned seed) {
  std::vector<std::byte> bytes(size);
  std::uint32_t state = seed * 2654435761U + 1U;
  for (auto& b : bytes) {
    state = state * 1664525U + 1013904223U;
    b = static_cast<std::byte>(state >> 24U);
  }
  return bytes;
}

std::string readWholeFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeWholeFile(const fs::path& file, std::span<const std::byte> bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

// Materials under the fan-out directories (everything except <root>/tmp).
std::size_t materialCount(const MaterialStore& store) {
  std::size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(store.root())) {
    if (entry.is_regular_file() && entry.path().parent_path() != store.root() / "tmp") ++count;
  }
  return count;
}

std::size_t tempCount(const MaterialStore& store) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(store.root() / "tmp"), fs::directory_iterator()));
}

void setModificationTime(const fs::path& file, std::chrono::system_clock::time_point when) {
  const auto sinceEpoch = when.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(sinceEpoch);
  const auto nanoseconds =
      std::chrono::duration_cast<std::chrono::nanoseconds>(sinceEpoch - seconds);
  const struct timespec times[2] = {{seconds.count(), nanoseconds.count()},
                                    {seconds.count(), nanoseconds.count()}};
  REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
}

}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors, in one go and streamed",
          "[localdb][materials]") {
  CHECK(sha256Hex(bytesOf("")) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256Hex(bytesOf("abc")) == kAbcSha256);
  const std::string twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  CHECK(sha256Hex(bytesOf(twoBlocks)) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

  Sha256 streamed;
  for (char c : twoBlocks) streamed.update(bytesOf(std::string(1, c)));
  CHECK(streamed.finishHex() == sha256Hex(bytesOf(twoBlocks)));
}

TEST_CASE("put stores the exact bytes under their SHA-256, fanned out two levels",
          "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const StoredFile stored = store.put(bytesOf("abc"));

  CHECK(stored.sha256 == kAbcSha256);
  CHECK(stored.size == 3);
  CHECK_FALSE(stored.alreadyPresent);
  const fs::path expected = dir / "materials" / "ba" / "78" / kAbcSha256;
  CHECK(store.pathOf(kAbcSha256) == expected);
  CHECK(readWholeFile(expected) == "abc");
  CHECK(store.contains(kAbcSha256));
  CHECK(store.sizeOf(kAbcSha256) == std::optional<std::uint64_t>(3));
  CHECK(store.verify(kAbcSha256).ok());
  CHECK(tempCount(store) == 0);
}

TEST_CASE("putFile of a 5 MB file gives the same hash as put of the same bytes",
          "[localdb][materials]") {
  TempDir dir;
  const auto bytes = patternBytes(5 * 1024 * 1024 + 17, 5);  // not a multiple of the chunk
  writeWholeFile(dir / "scan.bin", bytes);

  MaterialStore fromFile(dir / "a");
  MaterialStore fromMemory(dir / "b");
  const StoredFile viaFile = fromFile.putFile(dir / "scan.bin");
  const StoredFile viaMemory = fromMemory.put(bytes);

  CHECK(viaFile.sha256 == viaMemory.sha256);
  CHECK(viaFile.sha256 == sha256OfFile(dir / "scan.bin"));
  CHECK(viaFile.size == bytes.size());
  CHECK(fs::file_size(fromFile.pathOf(viaFile.sha256)) == bytes.size());
  CHECK(fromFile.verify(viaFile.sha256).ok());
  CHECK(fromFile.put(bytes).alreadyPresent);
  CHECK(tempCount(fromFile) == 0);
}

TEST_CASE("identical content is stored once, different content twice", "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const StoredFile first = store.put(bytesOf("page one"));
  const StoredFile again = store.put(bytesOf("page one"));
  CHECK_FALSE(first.alreadyPresent);
  CHECK(again.alreadyPresent);
  CHECK(again.sha256 == first.sha256);
  CHECK(materialCount(store) == 1);

  const StoredFile other = store.put(bytesOf("page two"));
  CHECK_FALSE(other.alreadyPresent);
  CHECK(other.sha256 != first.sha256);
  CHECK(materialCount(store) == 2);
  CHECK(tempCount(store) == 0);
}

TEST_CASE("a damaged copy of the wrong size is replaced by the next put of that content",
          "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const StoredFile stored = store.put(bytesOf("abc"));
  fs::resize_file(store.pathOf(stored.sha256), 1);

  const StoredFile repaired = store.put(bytesOf("abc"));
  CHECK_FALSE(repaired.alreadyPresent);
  CHECK(store.verify(stored.sha256).ok());
}

TEST_CASE("names that are not 64 lowercase hex digits never become a path",
          "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  std::string upper = kAbcSha256;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](char c) { return static_cast<char>(std::toupper(c)); });
  const std::vector<std::string> bad = {"../etc/passwd",
                                        "",
                                        upper,
                                        kAbcSha256.substr(0, 63),
                                        kAbcSha256 + "0",
                                        "../" + kAbcSha256.substr(3),
                                        kAbcSha256.substr(0, 62) + "/x",
                                        kAbcSha256.substr(0, 63) + "g"};
  for (const auto& name : bad) {
    INFO(name);
    CHECK_THROWS_AS(store.pathOf(name), std::invalid_argument);
    CHECK_THROWS_AS(store.contains(name), std::invalid_argument);
    CHECK_THROWS_AS(store.sizeOf(name), std::invalid_argument);
    CHECK_THROWS_AS(store.verify(name), std::invalid_argument);
  }
}

TEST_CASE("verify detects a flipped byte and a missing file", "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const auto bytes = patternBytes(100000, 7);
  const StoredFile stored = store.put(bytes);
  CHECK(store.verify(stored.sha256).status == VerifyResult::Status::Ok);

  const fs::path file = store.pathOf(stored.sha256);
  {
    std::fstream edit(file, std::ios::binary | std::ios::in | std::ios::out);
    edit.seekp(50000);
    edit.put(static_cast<char>(std::to_integer<unsigned char>(bytes[50000]) ^ 0x01U));
  }
  const VerifyResult damaged = store.verify(stored.sha256);
  CHECK(damaged.status == VerifyResult::Status::Mismatch);
  CHECK(damaged.actualSha256 == sha256OfFile(file));
  CHECK(damaged.actualSha256 != stored.sha256);

  fs::remove(file);
  CHECK(store.verify(stored.sha256).status == VerifyResult::Status::Missing);
  CHECK_FALSE(store.contains(stored.sha256));
  CHECK_FALSE(store.sizeOf(stored.sha256).has_value());
}

TEST_CASE("putFile of a missing source fails with NotFound and leaves no temp",
          "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  try {
    (void)store.putFile(dir / "no-such-scan.pdf");
    FAIL("putFile should have thrown");
  } catch (const MaterialStoreError& error) {
    CHECK(error.kind() == MaterialStoreError::Kind::NotFound);
    CHECK(error.path() == dir / "no-such-scan.pdf");
    CHECK_THAT(error.what(), Catch::Contains("no-such-scan.pdf"));
  }
  CHECK(tempCount(store) == 0);
  CHECK(materialCount(store) == 0);
}

TEST_CASE("GC deletes only unreferenced materials older than the grace period, and old temps",
          "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const auto now = std::chrono::system_clock::now();
  const auto old = now - std::chrono::hours(2);
  const std::chrono::seconds grace = std::chrono::hours(1);

  const StoredFile referencedOld = store.put(bytesOf("referenced and old"));
  const StoredFile unreferencedOld = store.put(bytesOf("unreferenced and old"));
  const StoredFile unreferencedYoung = store.put(bytesOf("unreferenced and young"));
  setModificationTime(store.pathOf(referencedOld.sha256), old);
  setModificationTime(store.pathOf(unreferencedOld.sha256), old);

  const fs::path oldTemp = dir / "materials" / "tmp" / "crashed.part";
  const fs::path youngTemp = dir / "materials" / "tmp" / "in-progress.part";
  writeWholeFile(oldTemp, bytesOf("half a scan"));
  writeWholeFile(youngTemp, bytesOf("a scan being written"));
  setModificationTime(oldTemp, old);

  std::set<std::string> asked;
  const GcReport report = store.collectGarbage(
      [&](const std::string& sha256) {
        asked.insert(sha256);
        return sha256 == referencedOld.sha256;
      },
      grace, now);

  CHECK(report.filesDeleted == 1);
  CHECK(report.keptReferenced == 1);
  CHECK(report.keptTooYoung == 1);
  CHECK(report.tempsDeleted == 1);
  CHECK(report.tempsKeptTooYoung == 1);
  CHECK(report.unexpectedEntries == 0);
  CHECK(report.bytesFreed == unreferencedOld.size + std::string("half a scan").size());
  CHECK(asked.size() == 3);

  CHECK(store.contains(referencedOld.sha256));
  CHECK_FALSE(store.contains(unreferencedOld.sha256));
  CHECK(store.contains(unreferencedYoung.sha256));
  CHECK_FALSE(fs::exists(oldTemp));
  CHECK(fs::exists(youngTemp));
}

TEST_CASE("putting existing content again protects it from GC for the grace period",
          "[localdb][materials]") {
  // The caller is about to commit a row pointing at the content; an old unreferenced copy
  // must not be collected in between.
  TempDir dir;
  MaterialStore store(dir / "materials");
  const auto now = std::chrono::system_clock::now();
  const StoredFile stored = store.put(bytesOf("scan of an ID card"));
  setModificationTime(store.pathOf(stored.sha256), now - std::chrono::hours(2));

  CHECK(store.put(bytesOf("scan of an ID card")).alreadyPresent);
  const GcReport report =
      store.collectGarbage([](const std::string&) { return false; }, std::chrono::hours(1), now);
  CHECK(report.filesDeleted == 0);
  CHECK(report.keptTooYoung == 1);
  CHECK(store.contains(stored.sha256));
}

TEST_CASE("GC leaves entries that do not look like materials alone", "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const StoredFile stored = store.put(bytesOf("abc"));
  // A valid name in the wrong fan-out directory, and a stray file.
  fs::create_directories(dir / "materials" / "00" / "00");
  fs::copy_file(store.pathOf(stored.sha256), dir / "materials" / "00" / "00" / stored.sha256);
  writeWholeFile(dir / "materials" / "notes.txt", bytesOf("x"));

  const auto later = std::chrono::system_clock::now() + std::chrono::hours(3);
  const GcReport report =
      store.collectGarbage([](const std::string&) { return false; }, std::chrono::hours(1), later);
  CHECK(report.filesDeleted == 1);
  CHECK(report.unexpectedEntries == 2);
  CHECK(fs::exists(dir / "materials" / "00" / "00" / stored.sha256));
  CHECK(fs::exists(dir / "materials" / "notes.txt"));
}

TEST_CASE("eight threads putting the same content at once all succeed", "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const auto bytes = patternBytes(300000, 11);
  constexpr int kThreads = 8;
  std::vector<StoredFile> results(kThreads);
  std::vector<std::string> errors(kThreads);
  std::atomic<bool> go{false};
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        while (!go.load()) std::this_thread::yield();
        try {
          results[static_cast<std::size_t>(i)] = store.put(bytes);
          // Different content from the same threads, interleaved with the shared one.
          (void)store.put(patternBytes(1000, 100U + static_cast<unsigned>(i)));
        } catch (const std::exception& error) {
          errors[static_cast<std::size_t>(i)] = error.what();
        }
      });
    }
    go = true;
  }

  const std::string expected = sha256Hex(bytes);
  int written = 0;
  for (int i = 0; i < kThreads; ++i) {
    const auto index = static_cast<std::size_t>(i);
    INFO("thread " << i);
    CHECK(errors[index].empty());
    CHECK(results[index].sha256 == expected);
    if (!results[index].alreadyPresent) ++written;
  }
  CHECK(written == 1);
  CHECK(materialCount(store) == 1 + kThreads);
  CHECK(store.verify(expected).ok());
  CHECK(tempCount(store) == 0);
}

TEST_CASE("stored files and directories are private to the workstation account",
          "[localdb][materials]") {
  TempDir dir;
  MaterialStore store(dir / "materials");
  const StoredFile stored = store.put(bytesOf("abc"));
  const auto file = store.pathOf(stored.sha256);
  const auto groupOrOthers = fs::perms::group_all | fs::perms::others_all;
  CHECK((fs::status(file).permissions() & groupOrOthers) == fs::perms::none);
  CHECK((fs::status(file.parent_path()).permissions() & groupOrOthers) == fs::perms::none);
  CHECK((fs::status(dir / "materials" / "tmp").permissions() & groupOrOthers) == fs::perms::none);
}
