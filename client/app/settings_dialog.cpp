#include "client/app/settings_dialog.hpp"

#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace onewindow::app {
namespace {

wxString wx(const std::string& text) { return wxString::FromUTF8(text); }

}  // namespace

SettingsDialog::SettingsDialog(wxWindow* parent, const settings::WorkstationSettings& current)
    : DialogBase(parent, _("Settings")), settings_(current) {
  auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  grid->AddGrowableCol(1);
  auto field = [this, grid](const wxString& label, const std::string& value, const char* name) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), wxSizerFlags().CentreVertical());
    auto* text =
        new wxTextCtrl(this, wxID_ANY, wx(value), wxDefaultPosition, wxSize(FromDIP(320), -1));
    text->SetName(name);
    grid->Add(text, wxSizerFlags().Expand());
    return text;
  };
  centralUrl_ = field(_("Central URL:"), current.centralUrl, "central-url");
  caBundle_ = field(_("Private CA file:"), current.caBundle, "ca-bundle");
  windowCode_ = field(_("Window code:"), current.windowCode, "window-code");
  printer_ = field(_("Printer:"), current.printer, "printer");
  scanner_ = field(_("Scanner:"), current.scanner, "scanner");

  grid->Add(new wxStaticText(this, wxID_ANY, _("Interface language:")),
            wxSizerFlags().CentreVertical());
  language_ = new wxChoice(this, wxID_ANY);
  language_->Append(wxString::FromUTF8("简体中文"));
  language_->Append("English");
  language_->SetSelection(current.uiLanguage == "en" ? 1 : 0);
  grid->Add(language_, wxSizerFlags().Expand());
  content()->Add(grid, wxSizerFlags(1).Expand());
  content()->Add(
      new wxStaticText(this, wxID_ANY, _("A new language takes effect at the next start.")),
      wxSizerFlags().Border(wxTOP, FromDIP(8)));
  finishLayout(_("&Save"));
  centralUrl_->SetFocus();
}

bool SettingsDialog::acceptInput() {
  settings::WorkstationSettings edited = settings_;
  edited.centralUrl = centralUrl_->GetValue().Strip(wxString::both).utf8_string();
  edited.caBundle = caBundle_->GetValue().Strip(wxString::both).utf8_string();
  edited.windowCode = windowCode_->GetValue().Strip(wxString::both).utf8_string();
  edited.printer = printer_->GetValue().Strip(wxString::both).utf8_string();
  edited.scanner = scanner_->GetValue().Strip(wxString::both).utf8_string();
  edited.uiLanguage = language_->GetSelection() == 1 ? "en" : "zh_CN";

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
  settings_ = edited;
  return true;
}

}  // namespace onewindow::app
