#pragma once
// The page pipeline (DESIGN.md §9) in one include: rotate, crop, deskew, blank flagging, camera
// perspective, ID card copies, encoding per policy and the merged PDF. Reordering is in
// page_order.hpp.

#include "client/scan/page_image.hpp"
#include "client/scan/page_pipeline_blank.hpp"
#include "client/scan/page_pipeline_deskew.hpp"
#include "client/scan/page_pipeline_encode.hpp"
#include "client/scan/page_pipeline_geometry.hpp"
#include "client/scan/page_pipeline_id_card.hpp"
#include "client/scan/page_pipeline_pdf.hpp"
#include "client/scan/page_pipeline_perspective.hpp"
