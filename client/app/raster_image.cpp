#include "client/app/raster_image.hpp"

namespace onewindow::app {

wxImage imageOf(const engine::PageRaster& raster) {
  if (!raster.valid()) return {};
  wxImage image(raster.width, raster.height);
  unsigned char* out = image.GetData();
  const std::size_t pixels = static_cast<std::size_t>(raster.width) * raster.height;
  for (std::size_t i = 0; i < pixels; ++i) {
    for (int c = 0; c < 3; ++c)
      out[i * 3 + c] = raster.pixels[i * raster.channels + (raster.channels == 3 ? c : 0)];
  }
  return image;
}

}  // namespace onewindow::app
