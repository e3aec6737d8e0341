#pragma once
// Routes wxLog messages (and the engine's log lines) into the rotating log file.

#include <memory>

#include <wx/log.h>

#include "client/engine/rotating_log_file.hpp"

namespace onewindow::app {

class WxLogFile final : public wxLog {
 public:
  explicit WxLogFile(std::shared_ptr<engine::RotatingLogFile> file) : file_(std::move(file)) {}

 protected:
  void DoLogTextAtLevel(wxLogLevel level, const wxString& message) override;

 private:
  std::shared_ptr<engine::RotatingLogFile> file_;
};

}  // namespace onewindow::app
