#include "localdb/sha256.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>
#include <vector>

namespace onewindow::localdb {

namespace {

// sodium_init() is itself safe to call repeatedly, but doing it once through a static keeps
// the failure (which would mean a broken libsodium) in one place.
void initialiseSodiumOnce() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    return true;
  }();
  (void)ready;
}

std::string toHex(std::span<const unsigned char> digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    hex.push_back(kDigits[b >> 4U]);
    hex.push_back(kDigits[b & 0x0FU]);
  }
  return hex;
}

[[noreturn]] void throwHashFileError(const std::filesystem::path& file, const char* action,
                                     int errorNumber) {
  throw HashFileError(file, errorNumber,
                      std::string("cannot hash ") + file.string() + ": " + action +
                          " failed: " + std::system_category().message(errorNumber));
}

}  // namespace

Sha256::Sha256() {
  initialiseSodiumOnce();
  crypto_hash_sha256_init(&state_);
}

void Sha256::update(std::span<const std::byte> bytes) {
  if (finished_) throw std::logic_error("Sha256::update after finishHex");
  crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
}

std::string Sha256::finishHex() {
  if (finished_) throw std::logic_error("Sha256::finishHex called twice");
  finished_ = true;
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state_, digest.data());
  return toHex(digest);
}

std::string sha256Hex(std::span<const std::byte> bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.finishHex();
}

std::string sha256OfFile(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throwHashFileError(file, "open", errno);
  // Closed on every path out, including the throws below.
  struct CloseOnExit {
    int fd;
    ~CloseOnExit() { ::close(fd); }
  } closer{fd};

  Sha256 hash;
  // On the heap: 64 KiB is a lot for a worker thread's stack.
  std::vector<std::byte> chunk(64 * 1024);
  for (;;) {
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      throwHashFileError(file, "read", errno);
    }
    if (got == 0) break;
    hash.update(std::span(chunk.data(), static_cast<std::size_t>(got)));
  }
  return hash.finishHex();
}

bool isSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    const bool digit = c >= '0' && c <= '9';
    const bool lowerHex = c >= 'a' && c <= 'f';
    if (!digit && !lowerHex) return false;
  }
  return true;
}

}  // namespace onewindow::localdb
