#include "client/scan/page_pipeline_tiff.hpp"

#include <tiffio.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "client/scan/page_pipeline_internal.hpp"

namespace onewindow::scan::detail {

namespace {

// libtiff reads and writes through these callbacks instead of a file.
struct MemoryFile {
  std::vector<std::uint8_t> bytes;
  std::uint64_t position = 0;
};

tmsize_t readMemory(thandle_t handle, void* buffer, tmsize_t size) {
  auto* file = static_cast<MemoryFile*>(handle);
  if (size < 0 || file->position >= file->bytes.size()) return 0;
  const auto count = std::min<std::uint64_t>(static_cast<std::uint64_t>(size),
                                             file->bytes.size() - file->position);
  std::memcpy(buffer, file->bytes.data() + file->position, count);
  file->position += count;
  return static_cast<tmsize_t>(count);
}

tmsize_t writeMemory(thandle_t handle, void* buffer, tmsize_t size) {
  auto* file = static_cast<MemoryFile*>(handle);
  if (size < 0) return 0;
  const std::uint64_t end = file->position + static_cast<std::uint64_t>(size);
  if (end > file->bytes.size()) file->bytes.resize(end);
  std::memcpy(file->bytes.data() + file->position, buffer, static_cast<std::size_t>(size));
  file->position = end;
  return size;
}

toff_t seekMemory(thandle_t handle, toff_t offset, int whence) {
  auto* file = static_cast<MemoryFile*>(handle);
  const auto delta = static_cast<std::int64_t>(offset);
  std::int64_t target = delta;
  if (whence == SEEK_CUR) target = static_cast<std::int64_t>(file->position) + delta;
  if (whence == SEEK_END) target = static_cast<std::int64_t>(file->bytes.size()) + delta;
  if (target < 0) return static_cast<toff_t>(-1);
  file->position = static_cast<std::uint64_t>(target);
  return file->position;
}

int closeMemory(thandle_t) { return 0; }
toff_t sizeMemory(thandle_t handle) { return static_cast<MemoryFile*>(handle)->bytes.size(); }
int mapMemory(thandle_t, void**, toff_t*) { return 0; }
void unmapMemory(thandle_t, void*, toff_t) {}

struct TiffCloser {
  void operator()(TIFF* tiff) const { TIFFClose(tiff); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

TiffPtr openMemory(MemoryFile& file, const char* mode) {
  return TiffPtr(TIFFClientOpen("page", mode, &file, readMemory, writeMemory, seekMemory,
                                closeMemory, sizeMemory, mapMemory, unmapMemory));
}

}  // namespace

std::vector<std::uint8_t> writeG4Tiff(PIX* binary, int dpi) {
  if (binary == nullptr || pixGetDepth(binary) != 1) {
    throw std::invalid_argument("writeG4Tiff: needs a 1-bit page");
  }
  const auto width = static_cast<std::uint32_t>(pixGetWidth(binary));
  const auto height = static_cast<std::uint32_t>(pixGetHeight(binary));
  MemoryFile file;
  {
    TiffPtr tiff = openMemory(file, "w");
    if (!tiff) throw std::runtime_error("writeG4Tiff: libtiff could not start a file");
    TIFFSetField(tiff.get(), TIFFTAG_IMAGEWIDTH, width);
    TIFFSetField(tiff.get(), TIFFTAG_IMAGELENGTH, height);
    TIFFSetField(tiff.get(), TIFFTAG_BITSPERSAMPLE, 1);
    TIFFSetField(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tiff.get(), TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
    // Leptonica's 1 is black, which is exactly TIFF's "min is white".
    TIFFSetField(tiff.get(), TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
    TIFFSetField(tiff.get(), TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
    TIFFSetField(tiff.get(), TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tiff.get(), TIFFTAG_ROWSPERSTRIP, height);  // one strip: see the header
    if (dpi > 0) {
      TIFFSetField(tiff.get(), TIFFTAG_XRESOLUTION, static_cast<float>(dpi));
      TIFFSetField(tiff.get(), TIFFTAG_YRESOLUTION, static_cast<float>(dpi));
      TIFFSetField(tiff.get(), TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    }
    const std::size_t rowBytes = (width + 7) / 8;
    std::vector<std::uint8_t> row(rowBytes);
    const int wpl = pixGetWpl(binary);
    for (std::uint32_t y = 0; y < height; ++y) {
      const l_uint32* line = pixGetData(binary) + static_cast<std::size_t>(wpl) * y;
      // Leptonica keeps bits in native-endian 32-bit words; GET_DATA_BYTE yields them in order.
      for (std::size_t i = 0; i < rowBytes; ++i) {
        row[i] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, static_cast<int>(i)));
      }
      if (TIFFWriteScanline(tiff.get(), row.data(), y, 0) < 0) {
        throw std::runtime_error("writeG4Tiff: libtiff failed writing a row");
      }
    }
    if (TIFFWriteDirectory(tiff.get()) == 0) {
      throw std::runtime_error("writeG4Tiff: libtiff failed finishing the file");
    }
  }
  return std::move(file.bytes);
}

G4Strip readG4Strip(std::span<const std::uint8_t> tiffBytes) {
  MemoryFile file{{tiffBytes.begin(), tiffBytes.end()}, 0};
  TiffPtr tiff = openMemory(file, "rm");
  if (!tiff) throw std::runtime_error("G4 page: the TIFF cannot be read");
  std::uint32_t width = 0, height = 0;
  std::uint16_t compression = 0, photometric = PHOTOMETRIC_MINISWHITE, bits = 1, fill = 1;
  TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height);
  TIFFGetField(tiff.get(), TIFFTAG_COMPRESSION, &compression);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_FILLORDER, &fill);
  if (compression != COMPRESSION_CCITTFAX4 || bits != 1 || fill != FILLORDER_MSB2LSB) {
    throw std::runtime_error("G4 page: the TIFF is not 1-bit CCITT G4 (compression " +
                             std::to_string(compression) + ")");
  }
  if (TIFFNumberOfStrips(tiff.get()) != 1) {
    throw std::runtime_error("G4 page: the TIFF has more than one strip");
  }
  G4Strip strip;
  strip.width = static_cast<int>(width);
  strip.height = static_cast<int>(height);
  strip.blackIs1 = photometric == PHOTOMETRIC_MINISBLACK;
  const tmsize_t size = TIFFRawStripSize(tiff.get(), 0);
  if (size <= 0) throw std::runtime_error("G4 page: the TIFF's strip is empty");
  strip.data.resize(static_cast<std::size_t>(size));
  if (TIFFReadRawStrip(tiff.get(), 0, strip.data.data(), size) != size) {
    throw std::runtime_error("G4 page: the TIFF's strip is truncated");
  }
  return strip;
}

}  // namespace onewindow::scan::detail
