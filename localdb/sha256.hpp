#pragma once
// SHA-256 for content-addressed materials (DESIGN.md §5), over libsodium. Files are hashed
// in fixed-size chunks so a large scan never has to fit in memory.

#include <cstddef>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <sodium/crypto_hash_sha256.h>

namespace onewindow::localdb {

// A file could not be read for hashing; says which file and why (errno text).
class HashFileError : public std::runtime_error {
 public:
  HashFileError(std::filesystem::path path, int errorNumber, const std::string& what)
      : std::runtime_error(what), path_(std::move(path)), errorNumber_(errorNumber) {}
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] int errorNumber() const { return errorNumber_; }

 private:
  std::filesystem::path path_;
  int errorNumber_;
};

// Incremental hash: update() any number of times, then finishHex() once.
class Sha256 {
 public:
  Sha256();
  void update(std::span<const std::byte> bytes);
  // Lowercase hex, 64 characters. The object cannot be updated afterwards.
  [[nodiscard]] std::string finishHex();

 private:
  crypto_hash_sha256_state state_{};
  bool finished_ = false;
};

[[nodiscard]] std::string sha256Hex(std::span<const std::byte> bytes);
[[nodiscard]] std::string sha256OfFile(const std::filesystem::path& file);

// True for exactly 64 lowercase hex digits: the only strings allowed to name a material.
[[nodiscard]] bool isSha256Hex(std::string_view text);

}  // namespace onewindow::localdb
