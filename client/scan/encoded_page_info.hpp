#pragma once
// An encoded page read back from its bytes (a page processed earlier and kept in the material
// store), so it can go into the material's PDF as it is, without being decoded and encoded
// again.

#include <cstdint>
#include <span>

#include "client/scan/page_pipeline_encode.hpp"

namespace onewindow::scan {

// Format, size and dpi from the bytes; `withinLimit` true and `quality` 0 (not recorded in the
// file). Throws std::invalid_argument for bytes that are not a JPEG, PNG or TIFF page.
[[nodiscard]] EncodedPage describeEncoded(std::span<const std::uint8_t> bytes);

}  // namespace onewindow::scan
