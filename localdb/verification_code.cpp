#include "localdb/verification_code.hpp"

#include <cctype>
#include <span>

#include "localdb/sha256.hpp"

namespace onewindow::localdb {

std::string caseVerificationCode(std::string_view caseUuid) {
  // Crockford's base32 without I, L, O, U: nothing a reader confuses with 1 or 0.
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const std::string salted = "onewindow-verify:" + std::string(caseUuid);
  const std::string hex = sha256Hex(std::as_bytes(std::span(salted.data(), salted.size())));
  const unsigned long bits = std::stoul(hex.substr(0, 5), nullptr, 16);  // 20 bits
  std::string code;
  for (int shift = 15; shift >= 0; shift -= 5) code += kAlphabet[(bits >> shift) & 31];
  return code;
}

std::string normalisedVerificationCode(std::string_view code) {
  std::string result;
  for (const char c : code) {
    const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    result += upper == 'O' ? '0' : (upper == 'I' || upper == 'L') ? '1' : upper;
  }
  return result;
}

}  // namespace onewindow::localdb
