#pragma once
// The engine's page rasters (thumbnails, crop previews, camera frames) as wx images: 8-bit
// grey or RGB rows become RGB.
#include <wx/image.h>

#include "client/engine/case_values.hpp"

namespace onewindow::app {

// An empty (invalid) image for a raster that is not whole.
[[nodiscard]] wxImage imageOf(const engine::PageRaster& raster);

}  // namespace onewindow::app
