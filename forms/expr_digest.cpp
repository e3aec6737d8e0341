#include "forms/expr_digest.hpp"

#include <array>
#include <cstdint>

#include <openssl/evp.h>

namespace onewindow::forms::expr::digest {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const EVP_MD* algorithmNamed(std::string_view name) {
  if (name == "MD5") return EVP_md5();
  if (name == "SHA-1") return EVP_sha1();
  if (name == "SHA-256") return EVP_sha256();
  if (name == "SHA-384") return EVP_sha384();
  if (name == "SHA-512") return EVP_sha512();
  return nullptr;
}

// The 6-bit value of a Base64 character, or -1.
int base64Value(char c) {
  const auto found = kBase64Alphabet.find(c);
  return found == std::string_view::npos ? -1 : static_cast<int>(found);
}

}  // namespace

std::optional<std::string> hash(std::string_view algorithm, std::string_view data) {
  const EVP_MD* md = algorithmNamed(algorithm);
  if (md == nullptr) return std::nullopt;
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &size, md, nullptr) != 1) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

std::string toHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0F];
  }
  return out;
}

std::string toBase64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t at = 0; at < bytes.size(); at += 3) {
    const std::size_t left = bytes.size() - at;
    std::uint32_t group = static_cast<unsigned char>(bytes[at]) << 16;
    if (left > 1) group |= static_cast<unsigned char>(bytes[at + 1]) << 8;
    if (left > 2) group |= static_cast<unsigned char>(bytes[at + 2]);
    out += kBase64Alphabet[(group >> 18) & 0x3F];
    out += kBase64Alphabet[(group >> 12) & 0x3F];
    out += left > 1 ? kBase64Alphabet[(group >> 6) & 0x3F] : '=';
    out += left > 2 ? kBase64Alphabet[group & 0x3F] : '=';
  }
  return out;
}

std::optional<std::string> fromBase64(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;    // 6-bit values in `bits`
  int padding = 0;  // '=' seen
  std::size_t symbols = 0;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int value = base64Value(c);
    if (value < 0 || padding > 0) return std::nullopt;  // a foreign character, or data after '='
    ++symbols;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    if (++count == 4) {
      out += static_cast<char>((bits >> 16) & 0xFF);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      bits = 0;
      count = 0;
    }
  }
  // A last group of 2 or 3 symbols holds 1 or 2 bytes; 1 symbol holds none.
  if (count == 1 || padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0)) {
    return std::nullopt;
  }
  if (count == 2) {
    out += static_cast<char>((bits >> 4) & 0xFF);
  } else if (count == 3) {
    out += static_cast<char>((bits >> 10) & 0xFF);
    out += static_cast<char>((bits >> 2) & 0xFF);
  }
  return out;
}

}  // namespace onewindow::forms::expr::digest
