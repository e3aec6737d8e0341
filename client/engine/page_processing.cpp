#include "client/engine/page_processing.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "client/scan/encoded_page_info.hpp"
#include "client/scan/page_image.hpp"
#include "client/scan/page_pipeline.hpp"

namespace onewindow::engine {
namespace {

// High enough that a redo from the source loses nothing a clerk could see.
constexpr int kSourceQuality = 92;

const char* mediaTypeOf(scan::OutputFormat format) {
  switch (format) {
    case scan::OutputFormat::Jpeg:
      return "image/jpeg";
    case scan::OutputFormat::Png:
      return "image/png";
    case scan::OutputFormat::TiffG4:
      return "image/tiff";
  }
  return "application/octet-stream";
}

scan::OutputPolicy outputPolicyOf(const forms::ScanPolicy& policy) {
  scan::OutputPolicy output;
  output.dpi = policy.dpi;
  output.colour = colourModeOf(policy.colour);
  output.maxBytesPerPage = policy.maxPageBytes > 0 ? policy.maxPageBytes : policy.maxBytes;
  output.qualityFloor = policy.qualityFloor;
  output.startQuality = std::max(policy.qualityFloor, 85);
  output.losslessPng = policy.format == forms::ScanFormat::Png;
  return output;
}

EncodedFile fileOf(scan::EncodedPage&& page) {
  return {std::move(page.bytes), mediaTypeOf(page.format)};
}

scan::PageImage decodeBytes(const std::vector<std::uint8_t>& bytes) {
  return scan::PageImage::decode(std::span<const std::uint8_t>(bytes.data(), bytes.size()));
}

// The automatic steps: a camera sees the page at an angle on the desk; a scanner gives it
// slightly skewed on a lid that is darker than the paper.
scan::PageImage automaticSteps(scan::PageImage image, bool fromCamera) {
  if (fromCamera) {
    if (const auto corners = scan::findDocumentCorners(image))
      return scan::correctPerspective(image, *corners);
    return image;
  }
  image = scan::deskew(image);
  return scan::cropToDocument(image);
}

scan::PageImage clerkSteps(scan::PageImage image, const PageSteps& steps) {
  if (steps.quarterTurns != 0) image = scan::rotateQuarterTurns(image, steps.quarterTurns);
  if (steps.crop) {
    // A crop drawn on the page as it was; one now wholly outside it is left out, not an error
    // that would keep the page from ever being processed.
    const localdb::PixelCrop& c = *steps.crop;
    if (c.x < image.width() && c.y < image.height() && c.width > 0 && c.height > 0)
      image = scan::crop(image, {c.x, c.y, c.width, c.height});
  }
  return image;
}

}  // namespace

scan::ColourMode colourModeOf(forms::ScanColour colour) {
  switch (colour) {
    case forms::ScanColour::Colour:
      return scan::ColourMode::Colour;
    case forms::ScanColour::Grey:
      return scan::ColourMode::Grey;
    case forms::ScanColour::BlackWhite:
      return scan::ColourMode::BlackWhite;
  }
  return scan::ColourMode::Colour;
}

EncodedFile encodeSource(const scan::Raster& page) {
  if (!page.valid()) throw std::runtime_error("the scanner delivered an incomplete page");
  if (page.dpi <= 0) throw std::invalid_argument("a page to keep needs its resolution");
  const scan::PageImage image = scan::PageImage::fromRaster(page);
  scan::OutputPolicy keep;
  keep.dpi = std::min(page.dpi, 2400);  // its own: never resampled
  keep.colour = page.bitonal         ? scan::ColourMode::BlackWhite
                : page.channels == 1 ? scan::ColourMode::Grey
                                     : scan::ColourMode::Colour;
  keep.maxBytesPerPage = 0;
  keep.startQuality = kSourceQuality;
  keep.qualityFloor = kSourceQuality;
  return fileOf(scan::encodePage(image, keep));
}

ProcessedPage processPage(const std::vector<std::uint8_t>& source, const PageSteps& steps,
                          const forms::ScanPolicy& policy, int thumbnailSide) {
  scan::PageImage image = clerkSteps(automaticSteps(decodeBytes(source), steps.fromCamera), steps);
  const scan::BlankVerdict blank = scan::checkBlank(image);
  scan::EncodedPage encoded = scan::encodePage(image, outputPolicyOf(policy));
  ProcessedPage processed;
  processed.output.mediaType = mediaTypeOf(encoded.format);
  processed.output.sizeBytes = encoded.bytes.size();
  processed.output.width = encoded.width;
  processed.output.height = encoded.height;
  processed.output.dpi = encoded.dpi;
  processed.output.quality = encoded.quality;
  processed.output.withinLimit = encoded.withinLimit;
  processed.output.warning = encoded.warning;
  processed.output.blank = blank.blank;
  processed.thumbnail = image.thumbnail(thumbnailSide).toRaster();
  processed.file = fileOf(std::move(encoded));
  return processed;
}

UncroppedPage uncroppedPage(const std::vector<std::uint8_t>& source, bool fromCamera,
                            int quarterTurns, int maxSide) {
  const scan::PageImage image =
      clerkSteps(automaticSteps(decodeBytes(source), fromCamera), {fromCamera, quarterTurns, {}});
  return {image.thumbnail(maxSide).toRaster(), image.width(), image.height()};
}

scan::Raster previewFrame(const scan::Raster& frame, int maxSide) {
  return scan::PageImage::fromRaster(frame).thumbnail(maxSide).toRaster();
}

scan::Raster sourceThumbnail(const std::vector<std::uint8_t>& source, int quarterTurns,
                             int thumbnailSide) {
  scan::PageImage image = decodeBytes(source).thumbnail(thumbnailSide);
  if (quarterTurns != 0) image = scan::rotateQuarterTurns(image, quarterTurns);
  return image.toRaster();
}

std::vector<EncodedFile> materialFiles(const std::vector<std::vector<std::uint8_t>>& pageOutputs,
                                       const forms::ScanPolicy& policy, const std::string& title) {
  std::vector<scan::EncodedPage> pages;
  const scan::OutputPolicy output = outputPolicyOf(policy);
  if (policy.layout == forms::ScanLayout::IdCard && pageOutputs.size() == 2) {
    // Front and back of a card on one A4 page, as ID copies are filed (复印在同一张A4纸上).
    const scan::PageImage combined = scan::combineIdCardSides(
        decodeBytes(pageOutputs[0]), decodeBytes(pageOutputs[1]), policy.dpi);
    pages.push_back(scan::encodePage(combined, output));
  } else {
    for (const auto& bytes : pageOutputs) {
      // Already encoded to the policy: wrapped as they are, never encoded again.
      pages.push_back(
          scan::describeEncoded(std::span<const std::uint8_t>(bytes.data(), bytes.size())));
    }
  }
  std::vector<EncodedFile> files;
  if (policy.format == forms::ScanFormat::Pdf) {
    if (!pages.empty()) files.push_back({scan::mergeToPdf(pages, title), "application/pdf"});
    return files;
  }
  for (scan::EncodedPage& page : pages) files.push_back(fileOf(std::move(page)));
  return files;
}

}  // namespace onewindow::engine
