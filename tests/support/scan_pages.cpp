#include "scan_pages.hpp"

#include <cairo.h>

#include <cmath>
#include <stdexcept>

namespace onewindow::test {

void writeMarkedPage(const std::filesystem::path& png, MarkColour colour, int dpi) {
  const int width = static_cast<int>(std::lround(148 / 25.4 * dpi));
  const int height = static_cast<int>(std::lround(210 / 25.4 * dpi));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  // Lines of "text" below the block: what a deskew and a blank check look at.
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  const double unit = dpi / 25.4;  // pixels per millimetre
  for (int line = 0; line < 24; ++line) {
    const double y = (110 + line * 3.5) * unit;
    double x = 15 * unit;
    for (int word = 0; word < 9; ++word) {
      const double length = (6 + (line * 7 + word * 3) % 9) * unit;
      cairo_rectangle(cr, x, y, length, 1.6 * unit);
      x += length + 2.5 * unit;
      if (x > 130 * unit) break;
    }
  }
  cairo_fill(cr);
  switch (colour) {
    case MarkColour::Red:
      cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
      break;
    case MarkColour::Green:
      cairo_set_source_rgb(cr, 0.1, 0.65, 0.2);
      break;
    case MarkColour::Blue:
      cairo_set_source_rgb(cr, 0.1, 0.2, 0.85);
      break;
  }
  cairo_rectangle(cr, 15 * unit, 15 * unit, 45 * unit, 45 * unit);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::filesystem::create_directories(png.parent_path());
  const cairo_status_t status = cairo_surface_write_to_png(surface, png.c_str());
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cannot write " + png.string());
}

std::optional<FoundMark> findMark(const std::filesystem::path& png) {
  cairo_surface_t* surface = cairo_image_surface_create_from_png(png.c_str());
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw std::runtime_error("cannot read " + png.string());
  }
  cairo_surface_flush(surface);
  const int width = cairo_image_surface_get_width(surface);
  const int height = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  double sums[3][3] = {};  // per colour: count, x, y
  for (int y = 0; y < height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
    for (int x = 0; x < width; ++x) {
      const int r = static_cast<int>((row[x] >> 16) & 0xFF),
                g = static_cast<int>((row[x] >> 8) & 0xFF), b = static_cast<int>(row[x] & 0xFF);
      int which = -1;
      if (r > 150 && g < 90 && b < 90) which = 0;
      if (g > 110 && r < 90 && b < 110) which = 1;
      if (b > 150 && r < 90 && g < 110) which = 2;
      if (which < 0) continue;
      sums[which][0] += 1;
      sums[which][1] += x;
      sums[which][2] += y;
    }
  }
  cairo_surface_destroy(surface);
  int best = 0;
  for (int c = 1; c < 3; ++c)
    if (sums[c][0] > sums[best][0]) best = c;
  // A block covers about a fifteenth of the page; JPEG fringes and text do not come close.
  if (sums[best][0] < 0.01 * width * height) return std::nullopt;
  return FoundMark{static_cast<MarkColour>(best), sums[best][1] / sums[best][0] / width,
                   sums[best][2] / sums[best][0] / height, height >= width};
}

const char* markColourName(MarkColour colour) {
  switch (colour) {
    case MarkColour::Red:
      return "red";
    case MarkColour::Green:
      return "green";
    case MarkColour::Blue:
      return "blue";
  }
  return "?";
}

}  // namespace onewindow::test
