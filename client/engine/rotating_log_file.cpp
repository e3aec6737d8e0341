#include "client/engine/rotating_log_file.hpp"

#include <chrono>
#include <ctime>
#include <string>
#include <system_error>

namespace onewindow::engine {
namespace {

std::filesystem::path numbered(const std::filesystem::path& file, int n) {
  return file.string() + "." + std::to_string(n);
}

}  // namespace

RotatingLogFile::RotatingLogFile(std::filesystem::path file, std::uintmax_t maxBytes, int keep)
    : file_(std::move(file)), maxBytes_(maxBytes), keep_(keep < 1 ? 1 : keep) {
  std::lock_guard lock(mutex_);
  openLocked();
}

RotatingLogFile::~RotatingLogFile() {
  if (stream_ != nullptr) std::fclose(stream_);
}

void RotatingLogFile::openLocked() noexcept {
  std::error_code error;
  std::filesystem::create_directories(file_.parent_path(), error);
  stream_ = std::fopen(file_.c_str(), "a");
  size_ = std::filesystem::exists(file_, error) ? std::filesystem::file_size(file_, error) : 0;
  if (error) size_ = 0;
}

void RotatingLogFile::rotateLocked() noexcept {
  if (stream_ != nullptr) std::fclose(stream_);
  stream_ = nullptr;
  std::error_code error;
  std::filesystem::remove(numbered(file_, keep_), error);
  for (int n = keep_ - 1; n >= 1; --n) {
    std::filesystem::rename(numbered(file_, n), numbered(file_, n + 1), error);
  }
  std::filesystem::rename(file_, numbered(file_, 1), error);
  openLocked();
}

void RotatingLogFile::write(std::string_view level, std::string_view message) noexcept {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm local{};
  localtime_r(&seconds, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);

  std::lock_guard lock(mutex_);
  if (size_ >= maxBytes_) rotateLocked();
  if (stream_ == nullptr) return;
  const int written = std::fprintf(stream_, "%s %.*s %.*s\n", stamp, static_cast<int>(level.size()),
                                   level.data(), static_cast<int>(message.size()), message.data());
  if (written > 0) size_ += static_cast<std::uintmax_t>(written);
  std::fflush(stream_);
}

}  // namespace onewindow::engine
