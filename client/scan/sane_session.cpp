#include "client/scan/sane_session.hpp"

#include <string>

#include <sane/sane.h>

#include "client/scan/scan_error.hpp"

namespace onewindow::scan {
namespace {

int& sessionCount() {
  static int count = 0;  // guarded by apiMutex()
  return count;
}

}  // namespace

std::mutex& SaneSession::apiMutex() {
  static std::mutex mutex;
  return mutex;
}

SaneSession::SaneSession() {
  const std::lock_guard lock(apiMutex());
  if (sessionCount() == 0) {
    SANE_Int version = 0;
    const SANE_Status status = sane_init(&version, nullptr);
    if (status != SANE_STATUS_GOOD)
      throw ScanError(ScanErrorKind::Io, std::string("sane_init: ") + sane_strstatus(status));
  }
  ++sessionCount();
}

SaneSession::~SaneSession() {
  const std::lock_guard lock(apiMutex());
  if (--sessionCount() == 0) sane_exit();
}

}  // namespace onewindow::scan
