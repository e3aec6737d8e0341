#pragma once
// One PDF per material: every encoded page embedded as it is (JPEG and G4 data are never
// decoded and re-encoded), one PDF page per scanned page at its true size.

#include <cstdint>
#include <string_view>
#include <vector>

#include "client/scan/page_pipeline_encode.hpp"

namespace onewindow::scan {

// A PDF 1.4 file. `title` (UTF-8) becomes the document's /Title. Each page measures
// width × height at the page's dpi. Throws std::invalid_argument for no pages, a page without
// dpi, or bytes that are not what the page's format says.
[[nodiscard]] std::vector<std::uint8_t> mergeToPdf(const std::vector<EncodedPage>& pages,
                                                   std::string_view title);

}  // namespace onewindow::scan
