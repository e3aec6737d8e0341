#pragma once
// One V4L2 capture device opened through libv4l2, which converts whatever the camera sends
// (MJPEG, YUYV, ...) to RGB24, streaming through mmap'd buffers.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "client/scan/scan_error.hpp"
#include "client/scan/scan_types.hpp"

namespace onewindow::scan {

class V4l2Camera {
 public:
  // Throws ScanError: Offline when the node is gone, Busy when another program has it,
  // Unsupported when it is not a streaming capture device, Io otherwise.
  explicit V4l2Camera(const std::string& path);
  ~V4l2Camera();
  V4l2Camera(const V4l2Camera&) = delete;
  V4l2Camera& operator=(const V4l2Camera&) = delete;

  // The device at `path` when it is a streaming video capture device; none otherwise (never
  // throws: a missing or foreign node is simply not a camera).
  [[nodiscard]] static std::optional<DeviceInfo> probe(const std::string& path);

  // The frame sizes of the camera's own preferred format (MJPEG, else YUYV, else its first),
  // smallest first; a stepwise range gives its smallest and largest size.
  [[nodiscard]] std::vector<FrameSize> frameSizes() const;

  // Streams RGB24 at the size nearest `wanted` (0×0: the largest the camera offers).
  void startStreaming(FrameSize wanted);
  // The next frame as an RGB Raster (dpi unknown: 0), or none when `timeoutMs` passed first.
  [[nodiscard]] std::optional<Raster> nextFrame(int timeoutMs);

 private:
  struct Buffer {
    void* start = nullptr;
    std::size_t length = 0;
  };
  void stopStreaming();

  std::string path_;
  int fd_ = -1;
  std::vector<Buffer> buffers_;
  bool streaming_ = false;
  int width_ = 0, height_ = 0, bytesPerLine_ = 0;
};

}  // namespace onewindow::scan
