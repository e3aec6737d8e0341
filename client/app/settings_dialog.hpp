#pragma once
// Settings: central URL, window code, the printers (plain A4 paper, pre-printed stock with its
// calibration offset, cards), scanner, UI language and the station as its documents name it.
// Values are checked in the dialog, at the field, before anything is saved. The printer fields
// offer the spooler's printers (asked from the engine when the dialog opens) and take any name.

#include <cstdint>

#include "client/app/dialog_base.hpp"
#include "client/engine/engine.hpp"
#include "client/settings/settings.hpp"

class wxChoice;
class wxComboBox;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class SettingsDialog final : public DialogBase {
 public:
  // `engine` (may be null) lists the printers for the printer fields.
  SettingsDialog(wxWindow* parent, const settings::WorkstationSettings& current,
                 engine::Engine* engine = nullptr);
  [[nodiscard]] const settings::WorkstationSettings& settings() const { return settings_; }

  // What the printer list says: "3 printers found" or why the spooler could not be asked.
  [[nodiscard]] wxString printerListStatus() const;
  [[nodiscard]] bool printersListed() const { return printersListed_; }

 protected:
  bool acceptInput() override;

 private:
  void onNotification(const engine::Notification& notification);
  void showPrinters(const engine::PrintersListed& listed);

  settings::WorkstationSettings settings_;
  engine::Subscription subscription_;
  std::uint64_t listRequest_ = 0;
  bool printersListed_ = false;
  wxTextCtrl* centralUrl_ = nullptr;
  wxTextCtrl* caBundle_ = nullptr;
  wxTextCtrl* windowCode_ = nullptr;
  wxComboBox* printer_ = nullptr;
  wxComboBox* certificatePrinter_ = nullptr;
  wxTextCtrl* offsetX_ = nullptr;
  wxTextCtrl* offsetY_ = nullptr;
  wxComboBox* cardPrinter_ = nullptr;
  wxStaticText* printerStatus_ = nullptr;
  wxTextCtrl* scanner_ = nullptr;
  wxTextCtrl* scanFolders_ = nullptr;
  wxChoice* language_ = nullptr;
  wxTextCtrl* centreName_ = nullptr;
  wxTextCtrl* centreAddress_ = nullptr;
  wxTextCtrl* centrePhone_ = nullptr;
  wxTextCtrl* windowPhone_ = nullptr;
  wxTextCtrl* verifyBaseUrl_ = nullptr;
};

}  // namespace onewindow::app
