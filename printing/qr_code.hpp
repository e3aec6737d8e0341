#pragma once
// QR codes for documents (printing/README.md, "Codes"): the address a citizen scans to follow a
// case. Encoded by libqrencode; the renderer draws the matrix as vector squares.
//
// The matrix has no quiet zone: the caller leaves at least 4 light modules on every side
// (ISO/IEC 18004) when placing it.
#include <stdexcept>
#include <string_view>
#include <vector>

namespace onewindow::printing {

// Error correction: about 7 %, 15 %, 25 % and 30 % of the symbol can be restored.
enum class QrLevel { L, M, Q, H };

struct QrMatrix {
  int size = 0;            // modules per side (21 for version 1 … 177 for version 40)
  std::vector<bool> dark;  // size × size, row by row from the top left

  bool at(int x, int y) const {
    return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                static_cast<std::size_t>(x)];
  }
};

// Encodes the UTF-8 bytes of `utf8` unchanged in 8-bit mode (no case folding, no Kanji mode),
// in the smallest version that holds them. Text with non-ASCII characters is preceded by the
// ECI designator 26 (UTF-8), so that readers do not guess another encoding (zbar, for one,
// reads bare UTF-8 Chinese as Shift JIS); ASCII text carries no ECI, for the oldest readers.
// Throws std::invalid_argument for empty text and for text too long for a QR code at `level`
// (2953, 2331, 1663 or 1273 bytes for L, M, Q, H; one less with the ECI);
// std::runtime_error when libqrencode fails otherwise.
[[nodiscard]] QrMatrix encodeQr(std::string_view utf8, QrLevel level = QrLevel::M);

}  // namespace onewindow::printing
