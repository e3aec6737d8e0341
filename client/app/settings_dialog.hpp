#pragma once
// Settings: central URL, window code, printer, scanner and UI language. Values are checked
// in the dialog, at the field, before anything is saved.

#include "client/app/dialog_base.hpp"
#include "client/settings/settings.hpp"

class wxTextCtrl;
class wxChoice;

namespace onewindow::app {

class SettingsDialog final : public DialogBase {
 public:
  SettingsDialog(wxWindow* parent, const settings::WorkstationSettings& current);
  [[nodiscard]] const settings::WorkstationSettings& settings() const { return settings_; }

 protected:
  bool acceptInput() override;

 private:
  settings::WorkstationSettings settings_;
  wxTextCtrl* centralUrl_ = nullptr;
  wxTextCtrl* caBundle_ = nullptr;
  wxTextCtrl* windowCode_ = nullptr;
  wxTextCtrl* printer_ = nullptr;
  wxTextCtrl* scanner_ = nullptr;
  wxChoice* language_ = nullptr;
};

}  // namespace onewindow::app
