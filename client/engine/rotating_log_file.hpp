#pragma once
// An append-only log file that rotates by size (onewindow.log → onewindow.log.1 → ...), so a
// window that runs for months never fills the disk with logs. Thread-safe.

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string_view>

namespace onewindow::engine {

class RotatingLogFile {
 public:
  RotatingLogFile(std::filesystem::path file, std::uintmax_t maxBytes = 1024 * 1024, int keep = 5);
  ~RotatingLogFile();
  RotatingLogFile(const RotatingLogFile&) = delete;
  RotatingLogFile& operator=(const RotatingLogFile&) = delete;

  // Writes one line with a local timestamp; never throws (logging must not take the
  // workstation down when the disk is full).
  void write(std::string_view level, std::string_view message) noexcept;
  [[nodiscard]] const std::filesystem::path& file() const { return file_; }

 private:
  void openLocked() noexcept;
  void rotateLocked() noexcept;

  std::filesystem::path file_;
  std::uintmax_t maxBytes_;
  int keep_;
  std::mutex mutex_;
  std::FILE* stream_ = nullptr;
  std::uintmax_t size_ = 0;
};

}  // namespace onewindow::engine
