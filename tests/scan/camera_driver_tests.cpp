// The document camera: stillness with generated frames; the V4L2 side on a machine without a
// camera (devices() is empty, a missing device is offline).

#include <filesystem>

#include <catch2/catch.hpp>

#include "client/scan/camera_driver.hpp"
#include "client/scan/camera_stillness.hpp"
#include "sane_fixture.hpp"

using namespace onewindow::scan;
using onewindow::test::RecordingObserver;

namespace {

// A grey desk with a dark page (rectangle) at `left`, plus a little sensor noise.
Raster deskFrame(int left, unsigned noiseSeed = 0) {
  Raster frame;
  frame.width = 320;
  frame.height = 240;
  frame.channels = 3;
  frame.pixels.assign(frame.stride() * frame.height, 180);
  for (int y = 60; y < 180; ++y)
    for (int x = left; x < left + 90 && x < frame.width; ++x)
      for (int c = 0; c < 3; ++c) frame.pixels[(y * frame.width + x) * 3 + c] = 40;
  unsigned state = noiseSeed * 2654435761u + 1;
  for (auto& sample : frame.pixels) {
    state = state * 1103515245u + 12345u;
    sample =
        static_cast<std::uint8_t>(std::clamp(int{sample} + int((state >> 16) % 5) - 2, 0, 255));
  }
  return frame;
}

bool anyCaptureNode() {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/dev", error))
    if (entry.path().filename().string().rfind("video", 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("Camera stillness waits until a moving page holds still", "[scan][camera]") {
  StillnessDetector detector(StillnessDetector::Tuning{64, 3.0, 5});
  std::vector<int> steadyAt;
  int frameNumber = 0;
  // The page slides in over 10 frames, then lies still (with noise) for 10.
  for (int step = 0; step < 10; ++step, ++frameNumber)
    if (detector.feed(deskFrame(step * 20, frameNumber))) steadyAt.push_back(frameNumber);
  CHECK_FALSE(detector.steady());
  for (int still = 0; still < 10; ++still, ++frameNumber)
    if (detector.feed(deskFrame(200, frameNumber))) steadyAt.push_back(frameNumber);
  // The first still frame (10) is a change from the last moving one; 5 still ones after it.
  CHECK(steadyAt == std::vector{15});
  CHECK(detector.steady());
  CHECK(detector.lastDifference() < 3.0);

  SECTION("a new movement arms it again") {
    CHECK_FALSE(detector.feed(deskFrame(100, 99)));
    CHECK_FALSE(detector.steady());
    int reports = 0;
    for (int still = 0; still < 8; ++still) reports += detector.feed(deskFrame(100, 100 + still));
    CHECK(reports == 1);
  }
  SECTION("a steady scene reports once only") {
    int reports = 0;
    for (int still = 0; still < 20; ++still) reports += detector.feed(deskFrame(200, 200 + still));
    CHECK(reports == 0);
  }
}

TEST_CASE("Camera stillness treats the start as a change and a resize as one", "[scan][camera]") {
  StillnessDetector detector(StillnessDetector::Tuning{32, 3.0, 3});
  int reports = 0;
  for (int i = 0; i < 4; ++i) reports += detector.feed(deskFrame(50, i));
  CHECK(reports == 1);  // frames 1..3 still after the first
  Raster small = deskFrame(50);
  small.width = 160;
  small.height = 120;
  small.pixels.resize(small.stride() * small.height);
  CHECK_FALSE(detector.feed(small));
  CHECK_FALSE(detector.steady());
  CHECK_FALSE(detector.feed(Raster{}));  // an invalid frame changes nothing
}

TEST_CASE("Camera devices are empty without a capture node", "[scan][camera]") {
  CameraDriver driver;
  std::vector<DeviceInfo> devices;
  REQUIRE_NOTHROW(devices = driver.devices());
  if (!anyCaptureNode()) CHECK(devices.empty());
  for (const DeviceInfo& device : devices) CHECK(device.driver == "camera");
}

TEST_CASE("Camera capture of a missing device ends offline", "[scan][camera]") {
  CameraDriver driver;
  const std::string missing = "/dev/video-onewindow-missing";
  RecordingObserver observer;
  CancelFlag cancel;
  driver.capture(missing, {}, observer, cancel);
  REQUIRE(observer.end);
  REQUIRE(observer.end->error);
  CHECK(observer.end->error->kind() == ScanErrorKind::Offline);
  CHECK(observer.end->error->detail().find(missing) != std::string::npos);
  CHECK(observer.pages.empty());
  try {
    driver.startPreview(missing, {}, [](const Raster&) {});
    FAIL("a preview of a missing camera must throw");
  } catch (const ScanError& error) {
    CHECK(error.kind() == ScanErrorKind::Offline);
  }
  CHECK_FALSE(driver.previewing());
  CHECK_THROWS_AS(driver.capabilities(missing), ScanError);
}

TEST_CASE("Camera capture of a node that is no camera is unsupported", "[scan][camera]") {
  CameraDriver driver;
  RecordingObserver observer;
  CancelFlag cancel;
  driver.capture("/dev/null", {}, observer, cancel);
  REQUIRE(observer.end);
  REQUIRE(observer.end->error);
  CHECK(observer.end->error->kind() == ScanErrorKind::Unsupported);
}
