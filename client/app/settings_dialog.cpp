#include "client/app/settings_dialog.hpp"

#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/request_ids.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

std::string trimmed(const wxString& text) {
  return wxString(text).Strip(wxString::both).utf8_string();
}

wxString millimetres(double value) {
  if (value == 0) return wxEmptyString;
  return wxString::FromCDouble(value);
}

}  // namespace

SettingsDialog::SettingsDialog(wxWindow* parent, const settings::WorkstationSettings& current,
                               engine::Engine* engine)
    : DialogBase(parent, _("Settings")), settings_(current) {
  const int fieldWidth = FromDIP(300);
  // Two columns: the workstation (central, window, devices) and the station's documents.
  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  auto group = [this](const wxString& title) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, title);
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
    grid->AddGrowableCol(1);
    box->Add(grid, wxSizerFlags().Expand().Border(wxALL, FromDIP(4)));
    return std::make_pair(box, grid);
  };
  auto label = [](wxStaticBoxSizer* box, wxFlexGridSizer* grid, const wxString& text) {
    grid->Add(new wxStaticText(box->GetStaticBox(), wxID_ANY, text),
              wxSizerFlags().CentreVertical());
  };
  auto text = [&](wxStaticBoxSizer* box, wxFlexGridSizer* grid, const wxString& caption,
                  const std::string& value, const char* name) {
    label(box, grid, caption);
    auto* field = new wxTextCtrl(box->GetStaticBox(), wxID_ANY, wx(value), wxDefaultPosition,
                                 wxSize(fieldWidth, -1));
    field->SetName(name);
    grid->Add(field, wxSizerFlags().Expand());
    return field;
  };
  auto printer = [&](wxStaticBoxSizer* box, wxFlexGridSizer* grid, const wxString& caption,
                     const std::string& value, const char* name) {
    label(box, grid, caption);
    auto* field = new wxComboBox(box->GetStaticBox(), wxID_ANY, wx(value), wxDefaultPosition,
                                 wxSize(fieldWidth, -1));
    field->SetName(name);
    grid->Add(field, wxSizerFlags().Expand());
    return field;
  };

  auto* left = new wxBoxSizer(wxVERTICAL);
  auto [general, generalGrid] = group(_("Workstation"));
  centralUrl_ = text(general, generalGrid, _("Central URL:"), current.centralUrl, "central-url");
  caBundle_ = text(general, generalGrid, _("Private CA file:"), current.caBundle, "ca-bundle");
  windowCode_ = text(general, generalGrid, _("Window code:"), current.windowCode, "window-code");
  scanner_ = text(general, generalGrid, _("Scanner:"), current.scanner, "scanner");
  scanner_->SetToolTip(_("The device the capture window selects first, e.g. sane:epjitsu:001:004"));
  wxString folders;
  for (const std::string& folder : current.scanFolders)
    folders += (folders.empty() ? "" : ";") + wxString::FromUTF8(folder);
  scanFolders_ =
      text(general, generalGrid, _("Scan folders:"), folders.utf8_string(), "scan-folders");
  scanFolders_->SetToolTip(_("Folders where network scanners put their files, separated by ';'"));
  label(general, generalGrid, _("Interface language:"));
  language_ = new wxChoice(general->GetStaticBox(), wxID_ANY);
  language_->Append(wxString::FromUTF8("简体中文"));
  language_->Append("English");
  language_->SetSelection(current.uiLanguage == "en" ? 1 : 0);
  generalGrid->Add(language_, wxSizerFlags().Expand());
  left->Add(general, wxSizerFlags().Expand());
  auto* languageNote =
      new wxStaticText(this, wxID_ANY, _("A new language takes effect at the next start."));
  languageNote->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  left->Add(languageNote, wxSizerFlags().Border(wxTOP | wxBOTTOM, FromDIP(4)));

  auto [printers, printersGrid] = group(_("Printers"));
  printer_ = printer(printers, printersGrid, _("A4 documents:"), current.printer, "printer");
  certificatePrinter_ = printer(printers, printersGrid, _("Pre-printed stock:"),
                                current.certificatePrinter, "certificate-printer");
  const settings::PrinterOffset offset = settings::offsetOf(current, current.certificatePrinter);
  label(printers, printersGrid, _("Stock offset (mm):"));
  auto* offsets = new wxBoxSizer(wxHORIZONTAL);
  auto offsetField = [&](const wxString& axis, double value, const char* name) {
    offsets->Add(new wxStaticText(printers->GetStaticBox(), wxID_ANY, axis),
                 wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(4)));
    auto* field = new wxTextCtrl(printers->GetStaticBox(), wxID_ANY, millimetres(value),
                                 wxDefaultPosition, wxSize(FromDIP(70), -1));
    field->SetName(name);
    field->SetHint("0");
    offsets->Add(field, wxSizerFlags().Border(wxRIGHT, FromDIP(12)));
    return field;
  };
  offsetX_ = offsetField(_("right"), offset.x, "offset-x");
  offsetY_ = offsetField(_("down"), offset.y, "offset-y");
  printersGrid->Add(offsets, wxSizerFlags().Expand());
  cardPrinter_ = printer(printers, printersGrid, _("Cards:"), current.cardPrinter, "card-printer");
  printerStatus_ = new wxStaticText(printers->GetStaticBox(), wxID_ANY, wxEmptyString);
  printerStatus_->SetName("printer-list-status");
  printers->Add(printerStatus_, wxSizerFlags().Expand().Border(wxALL, FromDIP(4)));
  left->Add(printers, wxSizerFlags().Expand());
  columns->Add(left, wxSizerFlags(1).Expand());

  auto [station, stationGrid] = group(_("Service centre (printed on documents)"));
  centreName_ = text(station, stationGrid, _("Centre name:"), current.centreName, "centre-name");
  centreAddress_ =
      text(station, stationGrid, _("Address:"), current.centreAddress, "centre-address");
  centrePhone_ =
      text(station, stationGrid, _("Centre phone:"), current.centrePhone, "centre-phone");
  windowPhone_ =
      text(station, stationGrid, _("Window phone:"), current.windowPhone, "window-phone");
  verifyBaseUrl_ =
      text(station, stationGrid, _("Verification site:"), current.verifyBaseUrl, "verify-base-url");
  verifyBaseUrl_->SetHint(_("empty: central's"));
  // The engine takes the station's profile when it starts (EngineConfig::station).
  auto* stationNote = new wxStaticText(station->GetStaticBox(), wxID_ANY,
                                       _("Documents show these details from the next start."));
  stationNote->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  station->Add(stationNote, wxSizerFlags().Border(wxALL, FromDIP(4)));
  columns->Add(station, wxSizerFlags(1).Expand().Border(wxLEFT, FromDIP(12)));
  content()->Add(columns, wxSizerFlags(1).Expand());
  finishLayout(_("&Save"));

  // The offset fields follow the stock printer chosen: each printer keeps its own.
  certificatePrinter_->Bind(wxEVT_COMBOBOX, [this](wxCommandEvent&) {
    const settings::PrinterOffset chosen =
        settings::offsetOf(settings_, trimmed(certificatePrinter_->GetValue()));
    offsetX_->ChangeValue(millimetres(chosen.x));
    offsetY_->ChangeValue(millimetres(chosen.y));
  });
  if (engine != nullptr) {
    printerStatus_->SetLabel(_("Asking the print spooler for its printers..."));
    subscription_ = engine->subscribe([this](const engine::Notification& n) { onNotification(n); });
    listRequest_ = nextWindowRequestId();
    engine->submit(engine::ListPrinters{listRequest_});
  }
  centralUrl_->SetFocus();
}

void SettingsDialog::onNotification(const engine::Notification& notification) {
  if (const auto* listed = std::get_if<engine::PrintersListed>(&notification);
      listed != nullptr && listed->requestId == listRequest_) {
    showPrinters(*listed);
  }
}

void SettingsDialog::showPrinters(const engine::PrintersListed& listed) {
  printersListed_ = true;
  for (wxComboBox* box : {printer_, certificatePrinter_, cardPrinter_}) {
    const wxString typed = box->GetValue();
    box->Clear();
    for (const engine::PrinterDescription& printer : listed.printers) box->Append(wx(printer.name));
    box->ChangeValue(typed);  // the name typed or saved stays, listed or not
  }
  if (!listed.error.empty() || !listed.errorCode.empty()) {
    printerStatus_->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    printerStatus_->SetLabel(wxString::Format(_("The printers could not be listed: %s"),
                                              printErrorText(listed.errorCode, listed.error)));
  } else if (listed.printers.empty()) {
    printerStatus_->SetLabel(_("The print spooler has no printers: type the name."));
  } else {
    wxString names;
    for (const engine::PrinterDescription& printer : listed.printers) {
      if (!names.empty()) names += ", ";
      names += wx(printer.name);
      if (!printer.ready) names += " (" + _("not ready") + ")";
    }
    printerStatus_->SetLabel(wxString::Format(_("Printers found: %s"), names));
  }
  printerStatus_->Wrap(printerStatus_->GetParent()->GetClientSize().GetWidth() - FromDIP(12));
  Layout();
}

wxString SettingsDialog::printerListStatus() const { return printerStatus_->GetLabel(); }

bool SettingsDialog::acceptInput() {
  settings::WorkstationSettings edited = settings_;
  edited.centralUrl = trimmed(centralUrl_->GetValue());
  edited.caBundle = trimmed(caBundle_->GetValue());
  edited.windowCode = trimmed(windowCode_->GetValue());
  edited.printer = trimmed(printer_->GetValue());
  edited.certificatePrinter = trimmed(certificatePrinter_->GetValue());
  edited.cardPrinter = trimmed(cardPrinter_->GetValue());
  edited.scanner = trimmed(scanner_->GetValue());
  edited.scanFolders.clear();
  for (const wxString& folder : wxSplit(scanFolders_->GetValue(), ';', '\0')) {
    const std::string trimmedFolder = trimmed(folder);
    if (!trimmedFolder.empty()) edited.scanFolders.push_back(trimmedFolder);
  }
  edited.uiLanguage = language_->GetSelection() == 1 ? "en" : "zh_CN";
  edited.centreName = trimmed(centreName_->GetValue());
  edited.centreAddress = trimmed(centreAddress_->GetValue());
  edited.centrePhone = trimmed(centrePhone_->GetValue());
  edited.windowPhone = trimmed(windowPhone_->GetValue());
  edited.verifyBaseUrl = trimmed(verifyBaseUrl_->GetValue());

  if (const std::string problem = settings::validateCentralUrl(edited.centralUrl);
      !problem.empty()) {
    showMessage(wx(problem));
    centralUrl_->SetFocus();
    return false;
  }
  if (!edited.windowCode.empty()) {
    if (const std::string problem = settings::validateWindowCode(edited.windowCode);
        !problem.empty()) {
      showMessage(wx(problem));
      windowCode_->SetFocus();
      return false;
    }
  }
  settings::PrinterOffset offset;
  for (auto [field, value] : {std::pair{offsetX_, &offset.x}, std::pair{offsetY_, &offset.y}}) {
    if (const std::string problem =
            settings::validatePrinterOffset(field->GetValue().utf8_string(), value);
        !problem.empty()) {
      showMessage(wx(problem));
      field->SetFocus();
      field->SelectAll();
      return false;
    }
  }
  if (!edited.verifyBaseUrl.empty()) {
    if (const std::string problem = settings::validateCentralUrl(edited.verifyBaseUrl);
        !problem.empty()) {
      showMessage(_("The verification site must look like https://host/path."));
      verifyBaseUrl_->SetFocus();
      return false;
    }
  }
  if (!edited.certificatePrinter.empty()) {
    if (offset == settings::PrinterOffset{})
      edited.calibration.erase(edited.certificatePrinter);
    else
      edited.calibration[edited.certificatePrinter] = offset;
  }
  settings_ = edited;
  return true;
}

}  // namespace onewindow::app
