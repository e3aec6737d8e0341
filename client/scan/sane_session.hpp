#pragma once
// SANE is a process-wide library: sane_init once, sane_exit when nobody uses it any more. Every
// SaneDriver holds a SaneSession; the first one initialises SANE, the last one to go exits it.
// The dll meta-backend is not documented as thread-safe for device discovery and open/close, so
// those calls go through apiMutex(); reading from an open handle does not need it.

#include <mutex>

namespace onewindow::scan {

class SaneSession {
 public:
  SaneSession();  // throws ScanError(Io) when sane_init fails
  ~SaneSession();
  SaneSession(const SaneSession&) = delete;
  SaneSession& operator=(const SaneSession&) = delete;

  [[nodiscard]] static std::mutex& apiMutex();
};

}  // namespace onewindow::scan
