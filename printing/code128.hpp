#pragma once
// Code 128 bar codes for documents (printing/README.md, "Codes"): case numbers on receipts and
// labels, read by the hand scanners of the service windows. Our own encoder of printable ASCII
// in code sets B and C; the renderer draws the bars as vector rectangles.
//
// The widths have no quiet zone: the caller leaves at least 10 light modules before the first
// bar and after the last one.
#include <stdexcept>
#include <string_view>
#include <vector>

namespace onewindow::printing {

struct Code128 {
  // Alternating bar and space widths in modules, starting and ending with a bar: the start
  // symbol, the data, the check symbol and the stop pattern (6 widths per symbol, 7 for stop).
  std::vector<int> modules;
  int totalModules = 0;  // the sum of `modules`: 11 per symbol plus 13 for the stop pattern
};

// Encodes ASCII 32–126. Digits go in code set C where that is shorter: the symbol starts in C
// when the text begins with 4 or more digits (or is an even number of digits only), and
// switches to C for an even run of 4 or more digits at the end or 6 or more in the middle; the
// rest is code set B. Throws std::invalid_argument for empty text and for any other character,
// naming its position (counted from 1) and byte.
[[nodiscard]] Code128 encodeCode128(std::string_view text);

// The symbol values of the same encoding (start, data and code-set changes, check symbol;
// without the stop pattern, value 106), for tests and diagnostics.
[[nodiscard]] std::vector<int> code128Codewords(std::string_view text);

}  // namespace onewindow::printing
