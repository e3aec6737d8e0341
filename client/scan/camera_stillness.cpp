#include "client/scan/camera_stillness.hpp"

#include <algorithm>
#include <cstdlib>

namespace onewindow::scan {

StillnessDetector::StillnessDetector(Tuning tuning) : tuning_(tuning) {}

void StillnessDetector::reset() {
  previous_.clear();
  previousWidth_ = previousHeight_ = 0;
  stillFrames_ = 0;
  armed_ = true;
  lastDifference_ = 0;
}

// Box-averaged grey thumbnail: small enough to compare cheaply at the camera's rate, and the
// averaging smooths the sensor noise a raw pixel comparison would mistake for movement.
std::vector<std::uint8_t> StillnessDetector::downscaled(const Raster& frame, int& width,
                                                        int& height) const {
  width = std::clamp(tuning_.sampleWidth, 1, frame.width);
  height = std::max(1, static_cast<int>(static_cast<long>(frame.height) * width / frame.width));
  std::vector<std::uint32_t> sums(static_cast<std::size_t>(width) * height, 0);
  std::vector<std::uint32_t> counts(sums.size(), 0);
  for (int y = 0; y < frame.height; ++y) {
    const int row = static_cast<int>(static_cast<long>(y) * height / frame.height);
    const std::uint8_t* line = frame.pixels.data() + static_cast<std::size_t>(y) * frame.stride();
    for (int x = 0; x < frame.width; ++x) {
      const int column = static_cast<int>(static_cast<long>(x) * width / frame.width);
      const std::uint8_t* pixel = line + static_cast<std::size_t>(x) * frame.channels;
      const std::uint32_t grey = frame.channels == 3
                                     ? (pixel[0] * 30u + pixel[1] * 59u + pixel[2] * 11u) / 100u
                                     : pixel[0];
      const std::size_t cell = static_cast<std::size_t>(row) * width + column;
      sums[cell] += grey;
      ++counts[cell];
    }
  }
  std::vector<std::uint8_t> thumbnail(sums.size());
  for (std::size_t i = 0; i < sums.size(); ++i)
    thumbnail[i] = static_cast<std::uint8_t>(counts[i] == 0 ? 0 : sums[i] / counts[i]);
  return thumbnail;
}

bool StillnessDetector::feed(const Raster& frame) {
  if (!frame.valid()) return false;
  int width = 0, height = 0;
  std::vector<std::uint8_t> thumbnail = downscaled(frame, width, height);
  bool changed = true;
  if (width == previousWidth_ && height == previousHeight_ && !previous_.empty()) {
    long total = 0;
    for (std::size_t i = 0; i < thumbnail.size(); ++i)
      total += std::abs(int{thumbnail[i]} - int{previous_[i]});
    lastDifference_ = static_cast<double>(total) / static_cast<double>(thumbnail.size());
    changed = lastDifference_ >= tuning_.threshold;
  }
  previous_ = std::move(thumbnail);
  previousWidth_ = width;
  previousHeight_ = height;
  if (changed) {
    stillFrames_ = 0;
    armed_ = true;
    return false;
  }
  ++stillFrames_;
  if (armed_ && steady()) {
    armed_ = false;
    return true;
  }
  return false;
}

}  // namespace onewindow::scan
