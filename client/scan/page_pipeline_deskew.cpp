#include "client/scan/page_pipeline_deskew.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "client/scan/page_pipeline_internal.hpp"

namespace onewindow::scan {

using detail::checked;
using detail::PixPtr;

namespace {

// Text lines are found as well at 150 dpi as at 600, in a fraction of the time.
constexpr double kMeasureDpi = 150.0;
constexpr int kMeasureSideWhenDpiUnknown = 1800;
constexpr float kSweepRangeDegrees = 7.0F;
// Leptonica's own rule for pixDeskew: below this the score peak may be noise, not text lines.
constexpr float kMinConfidence = 3.0F;
constexpr double kMinCorrectionDegrees = 0.1;

struct SkewEstimate {
  double degrees = 0;  // clockwise positive
  double confidence = 0;
};

SkewEstimate estimateSkew(const PageImage& image) {
  detail::requireValid(image, "measureSkewDegrees");
  int maxSide = kMeasureSideWhenDpiUnknown;
  if (image.dpi() > kMeasureDpi) {
    maxSide = static_cast<int>(std::max(image.width(), image.height()) * kMeasureDpi / image.dpi());
  }
  double scale = 1.0;
  PixPtr grey = detail::greyReduced(image.pix(), maxSide, &scale);
  PixPtr binary = checked(pixThresholdToBinary(grey.get(), detail::otsuThreshold(grey.get())),
                          "binarising for deskew");
  l_float32 angle = 0, confidence = 0;
  // Sweep coarsely at half size, then home in on the peak at full (150 dpi) size.
  if (pixFindSkewSweepAndSearch(binary.get(), &angle, &confidence, 2, 1, kSweepRangeDegrees, 1.0F,
                                0.01F) != 0) {
    return {};
  }
  // Leptonica gives the clockwise turn that straightens the page: the skew's opposite.
  return {-static_cast<double>(angle), static_cast<double>(confidence)};
}

}  // namespace

double measureSkewDegrees(const PageImage& image) {
  const SkewEstimate estimate = estimateSkew(image);
  return estimate.confidence > 0 ? estimate.degrees : 0.0;
}

PageImage deskew(const PageImage& image, double* appliedDegrees) {
  if (appliedDegrees != nullptr) *appliedDegrees = 0;
  const SkewEstimate estimate = estimateSkew(image);
  if (estimate.confidence < kMinConfidence || std::abs(estimate.degrees) < kMinCorrectionDegrees) {
    return image.clone();
  }
  const auto radians = static_cast<float>(-estimate.degrees * std::numbers::pi / 180.0);
  PixPtr straight =
      checked(pixRotate(image.pix(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0),
              "straightening the page");
  if (appliedDegrees != nullptr) *appliedDegrees = -estimate.degrees;
  return PageImage(straight.release());
}

}  // namespace onewindow::scan
