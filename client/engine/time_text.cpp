#include "client/engine/time_text.hpp"

#include <ctime>

#include "printing/formatters.hpp"

namespace onewindow::engine {

std::string localDateCompact(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y%m%d", &local);
  return text;
}

std::string chinaDayText(const std::string& isoUtc) {
  try {
    return printing::isoDate(isoUtc);
  } catch (const std::exception&) {
    return isoUtc;
  }
}

std::string chinaDateTimeText(const std::string& isoUtc) {
  try {
    return printing::chineseDateTime(isoUtc);
  } catch (const std::exception&) {
    return isoUtc;
  }
}

std::string chinaMidnightUtc(forms::CivilDate date) {
  const std::chrono::sys_days day{std::chrono::days(date.daysSinceEpoch())};
  return isoUtc(std::chrono::system_clock::time_point(day) - std::chrono::hours(8));
}

}  // namespace onewindow::engine
