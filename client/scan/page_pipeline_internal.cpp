#include "client/scan/page_pipeline_internal.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace onewindow::scan::detail {

PixPtr checked(PIX* pix, const char* what) {
  if (pix == nullptr) throw std::runtime_error(std::string("page pipeline: failed ") + what);
  return PixPtr(pix);
}

void requireValid(const PageImage& image, const char* what) {
  if (!image.valid()) throw std::invalid_argument(std::string(what) + ": the page is empty");
}

PixPtr greyCopy(PIX* pix) {
  switch (pixGetDepth(pix)) {
    case 1:
      return checked(pixConvert1To8(nullptr, pix, 255, 0), "converting 1-bit to grey");
    case 32:
      return checked(pixConvertRGBToLuminance(pix), "converting colour to grey");
    default:
      return checked(pixConvertTo8(pix, 0), "converting to grey");
  }
}

PixPtr greyReduced(PIX* pix, int maxSide, double* scale) {
  PixPtr grey = greyCopy(pix);
  const int longer = std::max(pixGetWidth(pix), pixGetHeight(pix));
  *scale = 1.0;
  if (longer <= maxSide) return grey;
  *scale = static_cast<double>(maxSide) / longer;
  const auto factor = static_cast<float>(*scale);
  // Area mapping averages away noise on real reductions; a slight one is interpolated.
  return checked(factor < 0.7F ? pixScaleAreaMap(grey.get(), factor, factor)
                               : pixScaleGrayLI(grey.get(), factor, factor),
                 "reducing the page");
}

int otsuThreshold(PIX* grey) {
  std::array<double, 256> histogram{};
  const int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
  const l_uint32* data = pixGetData(grey);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<std::size_t>(wpl) * y;
    for (int x = 0; x < w; ++x) histogram[GET_DATA_BYTE(line, x)] += 1;
  }
  double total = 0, sum = 0;
  for (int i = 0; i < 256; ++i) {
    total += histogram[i];
    sum += i * histogram[i];
  }
  double below = 0, belowSum = 0, best = -1;
  int threshold = 128;
  for (int t = 0; t < 255; ++t) {
    below += histogram[t];
    belowSum += t * histogram[t];
    const double above = total - below;
    if (below == 0 || above == 0) continue;
    const double meanBelow = belowSum / below, meanAbove = (sum - belowSum) / above;
    const double between = below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
    if (between > best) {
      best = between;
      threshold = t + 1;
    }
  }
  return threshold;
}

PixPtr lightMask(PIX* grey, int threshold) {
  // pixThresholdToBinary marks the pixels below the threshold; the paper is what is left.
  PixPtr dark = checked(pixThresholdToBinary(grey, threshold), "thresholding");
  return checked(pixInvert(nullptr, dark.get()), "inverting");
}

Component largestComponent(PIX* binary) {
  PIXA* raw = nullptr;
  BoxaPtr boxes(pixConnComp(binary, &raw, 8));
  PixaPtr parts(raw);
  Component best;
  const int count = parts ? pixaGetCount(parts.get()) : 0;
  for (int i = 0; i < count; ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    pixaGetBoxGeometry(parts.get(), i, &x, &y, &w, &h);
    if (w * h <= best.pixels) continue;  // it cannot hold more pixels than its box
    PixPtr mask(pixaGetPix(parts.get(), i, L_COPY));
    l_int32 pixels = 0;
    pixCountPixels(mask.get(), &pixels, nullptr);
    if (pixels <= best.pixels) continue;
    best = Component{std::move(mask), x, y, w, h, pixels};
  }
  return best;
}

Component paperComponent(PIX* grey, int* threshold) {
  *threshold = otsuThreshold(grey);
  PixPtr light = lightMask(grey, *threshold);
  const int closing = std::max(3, std::max(pixGetWidth(grey), pixGetHeight(grey)) / 100) | 1;
  PixPtr closed =
      checked(pixCloseSafeBrick(nullptr, light.get(), closing, closing), "closing the page mask");
  PixPtr opened = checked(pixOpenBrick(nullptr, closed.get(), 5, 5), "cleaning the page mask");
  return largestComponent(opened.get());
}

}  // namespace onewindow::scan::detail
