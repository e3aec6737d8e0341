#pragma once
// Request ids for engine commands sent from windows that come and go (the settings dialog, the
// document preview): unique across the process, in a range of their own apart from the Intake
// page's (0x6…) and the Sync page's (0x5…).

#include <atomic>
#include <cstdint>

namespace onewindow::app {

inline std::uint64_t nextWindowRequestId() {
  static std::atomic<std::uint64_t> counter{0};
  return 0x7000000000000000ULL | ++counter;
}

}  // namespace onewindow::app
