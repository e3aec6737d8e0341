#include "client/app/wx_log_file.hpp"

namespace onewindow::app {

void WxLogFile::DoLogTextAtLevel(wxLogLevel level, const wxString& message) {
  const char* name = "INFO";
  if (level <= wxLOG_Error)
    name = "ERROR";
  else if (level == wxLOG_Warning)
    name = "WARN";
  else if (level >= wxLOG_Debug)
    name = "DEBUG";
  file_->write(name, message.utf8_string());
}

}  // namespace onewindow::app
