#include "client/scan/page_pipeline_pdf.hpp"

#include <charconv>
#include <cstdio>
#include <span>
#include <stdexcept>
#include <string>

#include "client/scan/page_pipeline_tiff.hpp"

namespace onewindow::scan {

namespace {

// What a PDF image XObject needs to know beyond its data.
struct ImageXObject {
  int width = 0, height = 0;
  std::string dictionary;                  // the entries after /Subtype /Image, without /Length
  std::span<const std::uint8_t> borrowed;  // JPEG pages: the file itself
  std::vector<std::uint8_t> owned;         // G4 and PNG pages: data lifted out of their file
  [[nodiscard]] std::span<const std::uint8_t> data() const {
    return owned.empty() ? borrowed : std::span<const std::uint8_t>(owned);
  }
};

std::uint32_t bigEndian(std::span<const std::uint8_t> bytes, std::size_t at, int count) {
  std::uint32_t value = 0;
  for (int i = 0; i < count; ++i) value = (value << 8) | bytes[at + i];
  return value;
}

// The size and colour components from the JPEG's start-of-frame marker.
ImageXObject jpegImage(const EncodedPage& page) {
  const std::span<const std::uint8_t> b(page.bytes);
  if (b.size() < 4 || b[0] != 0xFF || b[1] != 0xD8) {
    throw std::invalid_argument("mergeToPdf: a JPEG page does not hold JPEG data");
  }
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (b[at] != 0xFF) break;
    const std::uint8_t marker = b[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    const std::uint32_t length = bigEndian(b, at + 2, 2);
    const bool startOfFrame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (startOfFrame && at + 10 <= b.size()) {
      ImageXObject image;
      image.height = static_cast<int>(bigEndian(b, at + 5, 2));
      image.width = static_cast<int>(bigEndian(b, at + 7, 2));
      const int components = b[at + 9];
      const char* space = components == 1   ? "/DeviceGray"
                          : components == 3 ? "/DeviceRGB"
                          : components == 4 ? "/DeviceCMYK"
                                            : nullptr;
      if (space == nullptr) throw std::invalid_argument("mergeToPdf: a JPEG of odd components");
      image.dictionary =
          std::string("/ColorSpace ") + space + " /BitsPerComponent 8 /Filter /DCTDecode";
      image.borrowed = b;
      return image;
    }
    at += 2 + length;
  }
  throw std::invalid_argument("mergeToPdf: a JPEG page without a frame header");
}

ImageXObject g4Image(const EncodedPage& page) {
  detail::G4Strip strip = detail::readG4Strip(page.bytes);
  ImageXObject image;
  image.width = strip.width;
  image.height = strip.height;
  image.dictionary =
      "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode "
      "/DecodeParms << /K -1 /Columns " +
      std::to_string(strip.width) + " /Rows " + std::to_string(strip.height) + " /BlackIs1 " +
      (strip.blackIs1 ? "true" : "false") + " >>";
  image.owned = std::move(strip.data);
  return image;
}

// A PNG's zlib stream is what /FlateDecode with the PNG predictors reads: the IDAT chunks
// joined, nothing decompressed.
ImageXObject pngImage(const EncodedPage& page) {
  const std::span<const std::uint8_t> b(page.bytes);
  static constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (b.size() < 33 || !std::equal(kSignature, kSignature + 8, b.begin())) {
    throw std::invalid_argument("mergeToPdf: a PNG page does not hold PNG data");
  }
  ImageXObject image;
  int colours = 0, bits = 0;
  for (std::size_t at = 8; at + 12 <= b.size();) {
    const std::uint32_t length = bigEndian(b, at, 4);
    if (at + 12 + length > b.size()) break;
    const std::string type(b.begin() + at + 4, b.begin() + at + 8);
    const std::size_t body = at + 8;
    if (type == "IHDR") {
      image.width = static_cast<int>(bigEndian(b, body, 4));
      image.height = static_cast<int>(bigEndian(b, body + 4, 4));
      bits = b[body + 8];
      const int colourType = b[body + 9];
      colours = colourType == 0 ? 1 : colourType == 2 ? 3 : 0;
      if (colours == 0 || b[body + 12] != 0 || (bits != 8 && bits != 1)) {
        throw std::invalid_argument(
            "mergeToPdf: only grey or RGB, non-interlaced PNG pages are embedded");
      }
    } else if (type == "IDAT") {
      image.owned.insert(image.owned.end(), b.begin() + body, b.begin() + body + length);
    }
    at += 12 + length;
  }
  if (colours == 0 || image.owned.empty()) {
    throw std::invalid_argument("mergeToPdf: a PNG page without image data");
  }
  image.dictionary = std::string("/ColorSpace ") + (colours == 1 ? "/DeviceGray" : "/DeviceRGB") +
                     " /BitsPerComponent " + std::to_string(bits) +
                     " /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors " +
                     std::to_string(colours) + " /BitsPerComponent " + std::to_string(bits) +
                     " /Columns " + std::to_string(image.width) + " >>";
  return image;
}

// Text strings outside ASCII go into a PDF as UTF-16BE with a byte-order mark, in hex.
std::string utf16HexString(std::string_view utf8) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "<FEFF";
  auto unit = [&](std::uint32_t u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(u >> shift) & 0xF];
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    int extra = lead < 0x80           ? 0
                : (lead >> 5) == 0x6  ? 1
                : (lead >> 4) == 0xE  ? 2
                : (lead >> 3) == 0x1E ? 3
                                      : -1;
    std::uint32_t code = extra == 0   ? lead
                         : extra == 1 ? lead & 0x1F
                         : extra == 2 ? lead & 0x0F
                                      : lead & 0x07;
    bool ok = extra >= 0 && i + extra < utf8.size();
    for (int k = 1; ok && k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      ok = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    if (!ok || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      code = 0xFFFD;  // a broken byte sequence shows as the replacement character
      extra = 0;
    }
    if (code >= 0x10000) {
      code -= 0x10000;
      unit(0xD800 | (code >> 10));
      unit(0xDC00 | (code & 0x3FF));
    } else {
      unit(code);
    }
    i += 1 + extra;
  }
  return out + ">";
}

std::string points(int pixels, int dpi) {
  char buffer[32];
  const double value = pixels * 72.0 / dpi;
  // to_chars ignores the locale: a GUI running with a comma as decimal point still writes '.'.
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
  return std::string(buffer, result.ptr);
}

class PdfWriter {
 public:
  PdfWriter() { append("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"); }
  void beginObject(int number) {
    if (static_cast<int>(offsets_.size()) < number) offsets_.resize(number);
    offsets_[number - 1] = out_.size();
    append(std::to_string(number) + " 0 obj\n");
  }
  void object(int number, const std::string& body) {
    beginObject(number);
    append(body + "\nendobj\n");
  }
  void stream(int number, const std::string& dictionary, std::span<const std::uint8_t> data) {
    beginObject(number);
    append("<< " + dictionary + " /Length " + std::to_string(data.size()) + " >>\nstream\n");
    out_.insert(out_.end(), data.begin(), data.end());
    append("\nendstream\nendobj\n");
  }
  std::vector<std::uint8_t> finish(int catalog, int info) {
    const std::size_t xref = out_.size();
    append("xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n");
    for (const std::size_t offset : offsets_) {
      char entry[21];
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
      append(entry);
    }
    append("trailer\n<< /Size " + std::to_string(offsets_.size() + 1) + " /Root " +
           std::to_string(catalog) + " 0 R /Info " + std::to_string(info) + " 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n");
    return std::move(out_);
  }

 private:
  void append(std::string_view text) { out_.insert(out_.end(), text.begin(), text.end()); }
  std::vector<std::uint8_t> out_;
  std::vector<std::size_t> offsets_;
};

}  // namespace

std::vector<std::uint8_t> mergeToPdf(const std::vector<EncodedPage>& pages,
                                     std::string_view title) {
  if (pages.empty()) throw std::invalid_argument("mergeToPdf: no pages to merge");
  constexpr int kCatalog = 1, kPages = 2, kInfo = 3, kFirstPage = 4;  // then 3 objects a page
  PdfWriter pdf;
  pdf.object(kCatalog, "<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    kids += std::to_string(kFirstPage + 3 * static_cast<int>(i)) + " 0 R ";
  }
  pdf.object(kPages, "<< /Type /Pages /Kids [ " + kids + "] /Count " +
                         std::to_string(pages.size()) + " >>");
  pdf.object(kInfo, "<< /Title " + utf16HexString(title) + " /Producer (OneWindow) >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const EncodedPage& page = pages[i];
    if (page.dpi <= 0) throw std::invalid_argument("mergeToPdf: a page without dpi");
    const ImageXObject image = page.format == OutputFormat::Jpeg     ? jpegImage(page)
                               : page.format == OutputFormat::TiffG4 ? g4Image(page)
                                                                     : pngImage(page);
    const int pageObject = kFirstPage + 3 * static_cast<int>(i);
    const std::string width = points(image.width, page.dpi);
    const std::string height = points(image.height, page.dpi);
    pdf.object(pageObject, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + width + " " + height +
                               "] /Resources << /XObject << /Im0 " +
                               std::to_string(pageObject + 2) +
                               " 0 R >> /ProcSet [/PDF /ImageB /ImageC] >> /Contents " +
                               std::to_string(pageObject + 1) + " 0 R >>");
    const std::string content = "q " + width + " 0 0 " + height + " 0 0 cm /Im0 Do Q";
    pdf.stream(pageObject + 1, "",
               std::span(reinterpret_cast<const std::uint8_t*>(content.data()), content.size()));
    pdf.stream(pageObject + 2,
               "/Type /XObject /Subtype /Image /Width " + std::to_string(image.width) +
                   " /Height " + std::to_string(image.height) + " " + image.dictionary,
               image.data());
  }
  return pdf.finish(kCatalog, kInfo);
}

}  // namespace onewindow::scan
