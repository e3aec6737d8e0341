#include "central/wire_time.hpp"

#include <ctime>

#include "localdb/iso_time.hpp"

namespace onewindow::central {

std::chrono::sys_seconds systemNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string formatWireTime(std::chrono::sys_seconds time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y%m%dT%H%M%S", &utc);
  return std::string(text, length);
}

std::optional<std::chrono::sys_seconds> parseWireTime(std::string_view text) {
  // 20261127T021500 is the store's 2026-11-27T02:15:00Z without its separators: read as that.
  if (text.size() != 15 || text[8] != 'T') return std::nullopt;
  const std::string iso = std::string(text.substr(0, 4)) + '-' + std::string(text.substr(4, 2)) +
                          '-' + std::string(text.substr(6, 2)) + 'T' +
                          std::string(text.substr(9, 2)) + ':' + std::string(text.substr(11, 2)) +
                          ':' + std::string(text.substr(13, 2)) + 'Z';
  const auto parsed = localdb::parseIsoUtc(iso);
  if (!parsed) return std::nullopt;
  return std::chrono::floor<std::chrono::seconds>(*parsed);
}

}  // namespace onewindow::central
