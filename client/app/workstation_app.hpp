#pragma once

#include <memory>

#include <wx/app.h>

#include "client/app/workstation.hpp"

namespace onewindow::app {

class WorkstationApp final : public wxApp {
 public:
  bool OnInit() override;
  int OnExit() override;
  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;

 private:
  LaunchOptions options_;
  std::unique_ptr<Workstation> workstation_;
};

}  // namespace onewindow::app
