#pragma once
// The calibration page of a printer for pre-printed stock (套打): cross marks at known places
// with rulers beside them. The clerk prints it on plain paper, lays it on a sheet of the stock
// or measures with a ruler how far each mark landed from where the page says, and enters the
// offset in the settings; the engine then moves every value by it on that printer.
#include "printing/layout.hpp"

namespace onewindow::printing {

// A page of `width` × `height` mm with marks 20 mm in from each corner and in the middle.
LaidOutDocument calibrationPage(double width = 210, double height = 297,
                                const std::string& printer = {});

}  // namespace onewindow::printing
