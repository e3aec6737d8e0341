#include "printing/code128.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace onewindow::printing {

namespace {

// Bar, space, bar, space, bar, space widths of the symbol values 0–105 (ISO/IEC 15417).
constexpr std::array<std::string_view, 106> kPatterns{
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232"};
// The stop pattern with its final bar.
constexpr std::string_view kStop = "2331112";

constexpr int kCodeC = 99;   // switch to code set C (in B)
constexpr int kCodeB = 100;  // switch to code set B (in C)
constexpr int kStartB = 104;
constexpr int kStartC = 105;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t digitRun(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && isDigit(text[end])) ++end;
  return end - from;
}

int pairValue(std::string_view text, std::size_t at) {
  return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

void checkCharacters(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("Code 128: no text to encode");
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 32 || byte > 126) {
      std::array<char, 8> hex{};
      std::snprintf(hex.data(), hex.size(), "0x%02X", static_cast<unsigned>(byte));
      throw std::invalid_argument("Code 128: the character at position " + std::to_string(i + 1) +
                                  " (byte " + hex.data() + ") of \"" + std::string(text) +
                                  "\" is not printable ASCII (32–126)");
    }
  }
}

}  // namespace

std::vector<int> code128Codewords(std::string_view text) {
  checkCharacters(text);
  std::vector<int> values;
  std::size_t at = 0;

  const std::size_t leading = digitRun(text, 0);
  const bool allDigitsEven = leading == text.size() && leading % 2 == 0;
  if (leading >= 4 || allDigitsEven) {
    values.push_back(kStartC);
    for (; at + 1 < leading; at += 2) values.push_back(pairValue(text, at));
    if (at < text.size()) values.push_back(kCodeB);
  } else {
    values.push_back(kStartB);
  }

  while (at < text.size()) {
    std::size_t run = digitRun(text, at);
    const bool atEnd = at + run == text.size();
    if (run >= 6 || (run >= 4 && atEnd)) {
      if (run % 2 == 1) {  // the odd digit stays in B, the even rest goes in C
        values.push_back(text[at] - 32);
        ++at;
        --run;
      }
      values.push_back(kCodeC);
      for (const std::size_t end = at + run; at < end; at += 2)
        values.push_back(pairValue(text, at));
      if (at < text.size()) values.push_back(kCodeB);
    } else {
      values.push_back(text[at] - 32);
      ++at;
    }
  }

  int checksum = values.front();
  for (std::size_t i = 1; i < values.size(); ++i) checksum += static_cast<int>(i) * values[i];
  values.push_back(checksum % 103);
  return values;
}

Code128 encodeCode128(std::string_view text) {
  Code128 code;
  const auto append = [&](std::string_view pattern) {
    for (char width : pattern) {
      code.modules.push_back(width - '0');
      code.totalModules += width - '0';
    }
  };
  for (int value : code128Codewords(text)) append(kPatterns[static_cast<std::size_t>(value)]);
  append(kStop);
  return code;
}

}  // namespace onewindow::printing
