// The watched folder with real inotify: files appear while a capture runs on its own thread.

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include <catch2/catch.hpp>
#include <leptonica/allheaders.h>

#include "client/scan/folder_driver.hpp"
#include "sane_fixture.hpp"
#include "temp_dir.hpp"

using namespace onewindow::scan;
using onewindow::test::RecordingObserver;
using onewindow::test::TempDir;
using namespace std::chrono_literals;

namespace {

void writePng(const std::filesystem::path& file, int width, int height) {
  PIX* pix = pixCreate(width, height, 8);
  pixSetAllArbitrary(pix, 200);
  REQUIRE(pixWrite(file.c_str(), pix, IFF_PNG) == 0);
  pixDestroy(&pix);
}

// Written page by page (three closes) beside the folder, then renamed in whole, as a scanner
// that writes multi-page files should.
void dropThreePageTiff(const std::filesystem::path& file) {
  const std::filesystem::path staging = file.parent_path() / ".staging";
  std::filesystem::create_directories(staging);
  const std::filesystem::path partial = staging / file.filename();
  PIX* pix = pixCreate(30, 20, 8);
  for (const char* mode : {"w", "a", "a"})
    REQUIRE(pixWriteTiff(partial.c_str(), pix, IFF_TIFF_ZIP, mode) == 0);
  pixDestroy(&pix);
  std::filesystem::rename(partial, file);
}

// Runs a capture of `folder` on its own thread; start() returns once the folder is watched.
class FolderCapture {
 public:
  FolderCapture(const std::filesystem::path& folder, ScanSettings settings = {})
      : folder_(folder), settings_(settings), driver_({folder}) {}
  ~FolderCapture() {
    cancel_.cancel();
    if (thread_.joinable()) thread_.join();
  }
  FolderCapture(const FolderCapture&) = delete;
  FolderCapture& operator=(const FolderCapture&) = delete;

  void start() {
    std::promise<void> watching;
    driver_.setWatchingCallback([&](const std::string&) { watching.set_value(); });
    thread_ =
        std::thread([this] { driver_.capture(folder_.string(), settings_, observer, cancel_); });
    REQUIRE(watching.get_future().wait_for(10s) == std::future_status::ready);
  }
  void finish() {
    cancel_.cancel();
    thread_.join();
  }

  RecordingObserver observer;

 private:
  std::filesystem::path folder_;
  ScanSettings settings_;
  FolderDriver driver_;
  CancelFlag cancel_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("Folder driver lists the folders that exist", "[scan][folder]") {
  const TempDir dir;
  FolderDriver driver({dir.path(), dir / "unmounted-share"});
  const std::vector<DeviceInfo> devices = driver.devices();
  REQUIRE(devices.size() == 1);
  CHECK(devices.front().id == dir.path().string());
  CHECK(devices.front().driver == "folder");
  CHECK_THROWS_AS(driver.capabilities((dir / "unmounted-share").string()), ScanError);
}

TEST_CASE("Folder capture imports files that arrive, not those already there", "[scan][folder]") {
  const TempDir dir;
  writePng(dir / "earlier.png", 10, 10);
  FolderCapture capture(dir.path());
  capture.start();
  writePng(dir / "first.png", 40, 30);
  REQUIRE(capture.observer.waitPages(1, 10s));
  dropThreePageTiff(dir / "second.tif");
  REQUIRE(capture.observer.waitPages(4, 10s));
  capture.finish();
  REQUIRE(capture.observer.end);
  CHECK(capture.observer.end->cancelled);  // for a folder, cancel means done
  CHECK_FALSE(capture.observer.end->error);
  CHECK(capture.observer.end->pagesDone == 4);
  CHECK(capture.observer.started == std::vector{0, 1, 2, 3});
  CHECK(capture.observer.pages.at(0).width == 40);
  CHECK(capture.observer.pages.at(1).width == 30);
  CHECK(std::filesystem::exists(dir / "earlier.png"));
  CHECK(std::filesystem::exists(dir / "imported" / "first.png"));
  CHECK(std::filesystem::exists(dir / "imported" / "second.tif"));
  CHECK_FALSE(std::filesystem::exists(dir / "first.png"));
}

TEST_CASE("Folder capture reads a renamed part file once and skips hidden files",
          "[scan][folder]") {
  const TempDir dir;
  FolderCapture capture(dir.path());
  capture.start();
  writePng(dir / ".hidden.png", 10, 10);
  writePng(dir / "scan.png.tmp", 10, 10);
  writePng(dir / "scan.png.part", 50, 20);
  std::filesystem::rename(dir / "scan.png.part", dir / "scan.png");
  REQUIRE(capture.observer.waitPages(1, 10s));
  // Give a second import (the bug this guards against) time to show.
  std::this_thread::sleep_for(300ms);
  capture.finish();
  CHECK(capture.observer.end->pagesDone == 1);
  CHECK(capture.observer.pages.at(0).width == 50);
  CHECK(std::filesystem::exists(dir / ".hidden.png"));
  CHECK(std::filesystem::exists(dir / "scan.png.tmp"));
  CHECK(std::filesystem::exists(dir / "imported" / "scan.png"));
}

TEST_CASE("Folder capture keeps earlier imports under a fresh name", "[scan][folder]") {
  const TempDir dir;
  std::filesystem::create_directories(dir / "imported");
  writePng(dir / "imported" / "page.png", 5, 5);
  FolderCapture capture(dir.path());
  capture.start();
  writePng(dir / "page.png", 20, 20);
  REQUIRE(capture.observer.waitPages(1, 10s));
  capture.finish();
  CHECK(std::filesystem::exists(dir / "imported" / "page.png"));
  CHECK(std::filesystem::exists(dir / "imported" / "page-1.png"));
}

TEST_CASE("Folder capture ends at the page limit by itself", "[scan][folder]") {
  const TempDir dir;
  ScanSettings settings;
  settings.maxPages = 2;
  FolderCapture capture(dir.path(), settings);
  capture.start();
  dropThreePageTiff(dir / "three.tif");
  REQUIRE(capture.observer.waitEnded(10s));
  CHECK_FALSE(capture.observer.end->cancelled);
  CHECK_FALSE(capture.observer.end->error);
  CHECK(capture.observer.end->pagesDone == 2);
}

TEST_CASE("Folder capture ends with the file it cannot read", "[scan][folder]") {
  const TempDir dir;
  FolderCapture capture(dir.path());
  capture.start();
  writePng(dir / "good.png", 10, 10);
  REQUIRE(capture.observer.waitPages(1, 10s));
  {
    std::ofstream bad(dir / "bad.jpg", std::ios::binary);
    bad << "\xFF\xD8\xFF not really a jpeg";
  }
  REQUIRE(capture.observer.waitEnded(10s));
  REQUIRE(capture.observer.end->error);
  CHECK(capture.observer.end->error->kind() == ScanErrorKind::Io);
  CHECK(capture.observer.end->error->detail().find("bad.jpg") != std::string::npos);
  CHECK(capture.observer.end->pagesDone == 1);
  CHECK(std::filesystem::exists(dir / "bad.jpg"));  // left for the clerk to look at
}

TEST_CASE("Folder capture ends soon after cancel with nothing arrived", "[scan][folder]") {
  const TempDir dir;
  FolderCapture capture(dir.path());
  capture.start();
  const auto before = std::chrono::steady_clock::now();
  capture.finish();
  CHECK(std::chrono::steady_clock::now() - before < 2s);
  REQUIRE(capture.observer.end);
  CHECK(capture.observer.end->cancelled);
  CHECK_FALSE(capture.observer.end->error);
  CHECK(capture.observer.end->pagesDone == 0);
}

TEST_CASE("Folder capture of a missing folder is offline", "[scan][folder]") {
  const TempDir dir;
  FolderDriver driver({dir / "gone"});
  RecordingObserver observer;
  CancelFlag cancel;
  driver.capture((dir / "gone").string(), {}, observer, cancel);
  REQUIRE(observer.end);
  REQUIRE(observer.end->error);
  CHECK(observer.end->error->kind() == ScanErrorKind::Offline);
}
