#include "central/server_log.hpp"

#include <cstdio>
#include <mutex>
#include <string>

#include "central/wire_time.hpp"

namespace onewindow::central {

void logLine(std::string_view text) {
  static std::mutex mutex;
  const std::string line = formatWireTime(systemNow()) + "Z " + std::string(text) + "\n";
  // Request threads log concurrently; one fwrite per line under a lock keeps lines whole.
  std::lock_guard lock(mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace onewindow::central
