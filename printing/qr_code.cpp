#include "printing/qr_code.hpp"

#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace onewindow::printing {

namespace {

// Extended Channel Interpretation 26: the bytes that follow are UTF-8.
constexpr unsigned int kEciUtf8 = 26;

struct QrLevelInfo {
  QRecLevel level;
  char name;
  int capacity;  // bytes in 8-bit mode at version 40
};

QrLevelInfo levelInfo(QrLevel level) {
  switch (level) {
    case QrLevel::L:
      return {QR_ECLEVEL_L, 'L', 2953};
    case QrLevel::M:
      return {QR_ECLEVEL_M, 'M', 2331};
    case QrLevel::Q:
      return {QR_ECLEVEL_Q, 'Q', 1663};
    case QrLevel::H:
      return {QR_ECLEVEL_H, 'H', 1273};
  }
  throw std::invalid_argument("QR code: unknown error correction level");
}

}  // namespace

QrMatrix encodeQr(std::string_view utf8, QrLevel level) {
  const QrLevelInfo info = levelInfo(level);
  if (utf8.empty()) throw std::invalid_argument("QR code: no text to encode");
  const bool ascii = std::all_of(utf8.begin(), utf8.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  // The ECI header takes 12 bits: one byte less at version 40, whatever the level.
  const int capacity = ascii ? info.capacity : info.capacity - 1;
  const auto tooLong = [&] {
    return std::invalid_argument("QR code: the text is too long (" + std::to_string(utf8.size()) +
                                 " bytes; at most " + std::to_string(capacity) +
                                 " fit at error correction level " + info.name + ")");
  };
  if (utf8.size() > static_cast<std::size_t>(capacity)) throw tooLong();

  const std::unique_ptr<QRinput, decltype(&QRinput_free)> input(QRinput_new2(0, info.level),
                                                                &QRinput_free);
  if (!input) throw std::runtime_error("QR code: libqrencode is out of memory");
  if ((!ascii && QRinput_appendECIheader(input.get(), kEciUtf8) != 0) ||
      QRinput_append(input.get(), QR_MODE_8, static_cast<int>(utf8.size()),
                     reinterpret_cast<const unsigned char*>(utf8.data())) != 0)
    throw std::runtime_error(std::string("QR code: libqrencode refused the text: ") +
                             std::strerror(errno));
  errno = 0;
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeInput(input.get()),
                                                             &QRcode_free);
  if (!code) {
    if (errno == ERANGE) throw tooLong();
    throw std::runtime_error(std::string("QR code: libqrencode failed: ") + std::strerror(errno));
  }

  QrMatrix matrix;
  matrix.size = code->width;
  const auto modules =
      static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  matrix.dark.resize(modules);
  for (std::size_t i = 0; i < modules; ++i) matrix.dark[i] = (code->data[i] & 1U) != 0;
  return matrix;
}

}  // namespace onewindow::printing
