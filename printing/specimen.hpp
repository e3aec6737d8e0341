#pragma once
// Specimen data for every field and list of the data model: `templates check` renders each
// template with it (watermarked 样本), training uses it, and the golden tests pin it.
#include "printing/document_data.hpp"

namespace onewindow::printing {

// `materialRows` rows in the materials list (a long list shows page breaks).
DocumentData specimenData(int materialRows = 6);

}  // namespace onewindow::printing
