#pragma once
// "Take the still when the page holds still": a document camera watches the desk; a clerk puts
// a page down (the picture changes) and takes the hand away (it stops changing). Pure, so it is
// tested with generated frames.

#include <cstdint>
#include <vector>

#include "client/scan/scan_types.hpp"

namespace onewindow::scan {

class StillnessDetector {
 public:
  struct Tuning {
    int sampleWidth = 64;    // frames are compared downscaled to this width, in grey
    double threshold = 3.0;  // mean absolute difference (0..255) under which a frame is still
    int steadyFrames = 5;    // still frames in a row that make the page steady
  };

  StillnessDetector() : StillnessDetector(Tuning{}) {}
  explicit StillnessDetector(Tuning tuning);

  // Feeds the next frame. Returns true once per change: on the frame that completes
  // `steadyFrames` still frames after the picture last changed. The first frame counts as a
  // change (a page may already lie there when the camera starts).
  bool feed(const Raster& frame);
  // Whether the picture has been still for `steadyFrames` frames now.
  [[nodiscard]] bool steady() const { return stillFrames_ >= tuning_.steadyFrames; }
  // The mean absolute difference of the last two frames (for tuning and tests).
  [[nodiscard]] double lastDifference() const { return lastDifference_; }
  void reset();

 private:
  [[nodiscard]] std::vector<std::uint8_t> downscaled(const Raster& frame, int& width,
                                                     int& height) const;

  Tuning tuning_;
  std::vector<std::uint8_t> previous_;
  int previousWidth_ = 0, previousHeight_ = 0;
  int stillFrames_ = 0;
  bool armed_ = true;  // a change happened that no steady report has answered yet
  double lastDifference_ = 0;
};

}  // namespace onewindow::scan
