#include "client/scan/page_pipeline_encode.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "client/scan/page_pipeline_internal.hpp"
#include "client/scan/page_pipeline_tiff.hpp"

namespace onewindow::scan {

using detail::checked;
using detail::PixPtr;

namespace {

void validate(const OutputPolicy& policy) {
  auto quality = [](int q) { return q >= 1 && q <= 100; };
  if (policy.dpi <= 0 || policy.dpi > 2400) {
    throw std::invalid_argument("encodePage: the policy's dpi must be between 1 and 2400");
  }
  if (!quality(policy.startQuality) || !quality(policy.qualityFloor) || policy.qualityStep <= 0) {
    throw std::invalid_argument("encodePage: JPEG qualities must be 1..100 and the step positive");
  }
}

// The page at the policy's dpi (only ever reduced). 1-bit pages are reduced through grey, which
// keeps thin strokes that a 1-bit reduction would break.
PixPtr atPolicyDpi(const PageImage& image, int policyDpi, int* outDpi) {
  const int dpi = image.dpi();
  if (dpi > 0 && dpi <= policyDpi) {
    *outDpi = dpi;
    // Shared, not copied: nothing below changes it (its dpi is set to what it already is).
    return checked(pixClone(image.pix()), "sharing the page");
  }
  if (dpi <= 0) {
    *outDpi = policyDpi;
    return checked(pixCopy(nullptr, image.pix()), "copying the page");
  }
  *outDpi = policyDpi;
  const auto factor = static_cast<float>(policyDpi) / static_cast<float>(dpi);
  if (image.bitonal()) return checked(pixScaleToGray(image.pix(), factor), "reducing the page");
  return checked(pixScaleAreaMap(image.pix(), factor, factor), "reducing the page");
}

PixPtr binarised(PIX* pix) {
  if (pixGetDepth(pix) == 1) return checked(pixCopy(nullptr, pix), "copying the page");
  PixPtr grey = detail::greyCopy(pix);
  // Adaptive: the threshold follows the paper's background, so tinted paper and a shadow at the
  // spine do not turn black while faint pencil stays.
  PIX* adaptive = pixConvertTo1Adaptive(grey.get());
  if (adaptive != nullptr) return PixPtr(adaptive);
  return checked(pixThresholdToBinary(grey.get(), 128), "binarising the page");  // tiny pages
}

std::vector<std::uint8_t> takeBytes(l_uint8* data, size_t size) {
  std::vector<std::uint8_t> bytes(data, data + size);
  lept_free(data);
  return bytes;
}

std::vector<std::uint8_t> jpeg(PIX* pix, int quality) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemJpeg(&data, &size, pix, quality, 0) != 0 || data == nullptr) {
    throw std::runtime_error("encodePage: the JPEG encoder failed");
  }
  return takeBytes(data, size);
}

std::vector<std::uint8_t> png(PIX* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&data, &size, pix, 0.0F) != 0 || data == nullptr) {
    throw std::runtime_error("encodePage: the PNG encoder failed");
  }
  return takeBytes(data, size);
}

// Every 4th band of 32 rows (whole JPEG MCU rows, so no block straddles two bands): a quarter
// of the page that compresses like the whole of it, for guessing the quality cheaply.
constexpr int kSampleBand = 32, kSampleEvery = 4;

PixPtr bandSample(PIX* pix, double* fraction) {
  const int width = pixGetWidth(pix), height = pixGetHeight(pix);
  const int bands = height / (kSampleBand * kSampleEvery);
  PixPtr sample =
      checked(pixCreate(width, bands * kSampleBand, pixGetDepth(pix)), "sampling the page");
  pixCopySpp(sample.get(), pix);
  for (int band = 0; band < bands; ++band) {
    pixRasterop(sample.get(), 0, band * kSampleBand, width, kSampleBand, PIX_SRC, pix, 0,
                band * kSampleBand * kSampleEvery);
  }
  *fraction = static_cast<double>(bands * kSampleBand) / height;
  return sample;
}

// The qualities the policy allows, best first: start, start - step, ..., floor.
std::vector<int> qualityLadder(const OutputPolicy& policy) {
  const int floor = std::min(policy.qualityFloor, policy.startQuality);
  std::vector<int> ladder;
  for (int quality = policy.startQuality; quality > floor; quality -= policy.qualityStep) {
    ladder.push_back(quality);
  }
  ladder.push_back(floor);
  return ladder;
}

// The best quality on the ladder whose JPEG fits `limit`: the same answer as stepping down the
// whole ladder, in two to four full encodes instead of up to six. The first rung is tried on the
// page itself (most pages fit at once). Otherwise a band sample, scaled by how the page and the
// sample compare at that first rung, predicts each rung's size; the predicted rung is encoded
// and checked, the one above it too when the prediction was close, and the ones below if needed.
std::vector<std::uint8_t> jpegWithin(PIX* pix, const std::vector<int>& ladder, std::uint64_t limit,
                                     int* chosen) {
  *chosen = ladder[0];
  std::vector<std::uint8_t> bytes = jpeg(pix, ladder[0]);
  if (limit == 0 || bytes.size() <= limit || ladder.size() == 1) return bytes;

  std::size_t rung = 1;
  std::vector<double> predicted(ladder.size(), 0);
  if (pixGetHeight(pix) >= 4 * kSampleBand * kSampleEvery) {
    double fraction = 1.0;
    PixPtr sample = bandSample(pix, &fraction);
    const double scale = static_cast<double>(bytes.size()) /
                         static_cast<double>(jpeg(sample.get(), ladder[0]).size());
    auto predict = [&](std::size_t r) {
      if (predicted[r] == 0)
        predicted[r] = scale * static_cast<double>(jpeg(sample.get(), ladder[r]).size());
      return predicted[r];
    };
    std::size_t low = 1, high = ladder.size() - 1;  // the answer lies in [low, high]
    while (low < high) {
      const std::size_t middle = (low + high) / 2;
      if (predict(middle) <= static_cast<double>(limit)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    rung = low;
    if (rung > 1 && predict(rung - 1) <= 1.1 * static_cast<double>(limit)) {
      std::vector<std::uint8_t> better = jpeg(pix, ladder[rung - 1]);
      if (better.size() <= limit) {
        *chosen = ladder[rung - 1];
        return better;
      }
    }
  }
  for (; rung < ladder.size(); ++rung) {
    *chosen = ladder[rung];
    bytes = jpeg(pix, ladder[rung]);
    if (bytes.size() <= limit) break;
  }
  return bytes;
}

std::string kilobytes(std::uint64_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KB"; }

}  // namespace

EncodedPage encodePage(const PageImage& image, const OutputPolicy& policy) {
  detail::requireValid(image, "encodePage");
  validate(policy);
  EncodedPage page;
  PixPtr pix = atPolicyDpi(image, policy.dpi, &page.dpi);
  switch (policy.colour) {
    case ColourMode::Colour:
      if (pixGetDepth(pix.get()) == 1) pix = detail::greyCopy(pix.get());
      break;
    case ColourMode::Grey:
      if (pixGetDepth(pix.get()) != 8) pix = detail::greyCopy(pix.get());
      break;
    case ColourMode::BlackWhite:
      pix = binarised(pix.get());
      break;
  }
  pixSetResolution(pix.get(), page.dpi, page.dpi);
  page.width = pixGetWidth(pix.get());
  page.height = pixGetHeight(pix.get());
  const std::uint64_t limit = policy.maxBytesPerPage;
  auto fits = [&] { return limit == 0 || page.bytes.size() <= limit; };

  if (policy.colour == ColourMode::BlackWhite) {
    page.format = OutputFormat::TiffG4;
    page.bytes = detail::writeG4Tiff(pix.get(), page.dpi);
  } else if (policy.losslessPng) {
    page.format = OutputFormat::Png;
    page.bytes = png(pix.get());
  } else {
    page.format = OutputFormat::Jpeg;
    page.bytes = jpegWithin(pix.get(), qualityLadder(policy), limit, &page.quality);
  }
  page.withinLimit = fits();
  if (!page.withinLimit) {
    const std::string sizes =
        "（" + kilobytes(page.bytes.size()) + "，上限 " + kilobytes(limit) + "）";
    page.warning =
        page.format == OutputFormat::Jpeg
            ? "压缩到最低质量仍超过上限" + sizes + "，已保留；可改用灰度、黑白或更低分辨率重扫"
            : "无损格式无法再压缩，仍超过上限" + sizes + "，已保留；可降低分辨率重扫";
  }
  return page;
}

}  // namespace onewindow::scan
