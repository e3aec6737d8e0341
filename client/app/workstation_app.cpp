#include "client/app/workstation_app.hpp"

#include <wx/cmdline.h>

namespace onewindow::app {

void WorkstationApp::OnInitCmdLine(wxCmdLineParser& parser) {
  wxApp::OnInitCmdLine(parser);
  parser.AddOption("", "central", "central server URL (overrides the saved setting)");
  parser.AddOption("", "lang", "interface language: zh_CN (default) or en");
  parser.AddOption("", "catalog", "matter catalog file, instead of the release from central");
}

bool WorkstationApp::OnCmdLineParsed(wxCmdLineParser& parser) {
  wxString value;
  if (parser.Found("central", &value)) options_.centralUrl = value.utf8_string();
  if (parser.Found("lang", &value)) options_.language = value.utf8_string();
  if (parser.Found("catalog", &value))
    options_.catalogFile = std::filesystem::path(value.utf8_string());
  return wxApp::OnCmdLineParsed(parser);
}

bool WorkstationApp::OnInit() {
  SetAppName("onewindow");
  SetAppDisplayName("OneWindow");
  if (!wxApp::OnInit()) return false;
  // The app decides when to exit: between logout and the next login no window is open.
  SetExitOnFrameDelete(false);
  workstation_ = std::make_unique<Workstation>(options_);
  return workstation_->runLogin();
}

int WorkstationApp::OnExit() {
  workstation_.reset();
  return wxApp::OnExit();
}

}  // namespace onewindow::app
