#include "client/app/dialog_base.hpp"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace onewindow::app {

DialogBase::DialogBase(wxWindow* parent, const wxString& title)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
  content_ = new wxBoxSizer(wxVERTICAL);
}

void DialogBase::finishLayout(const wxString& okLabel) {
  auto* root = new wxBoxSizer(wxVERTICAL);
  root->Add(content_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(12)));
  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  message_->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
  root->Add(message_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));

  auto* buttons = new wxStdDialogButtonSizer;
  okButton_ = new wxButton(this, wxID_OK, okLabel);
  okButton_->SetDefault();
  buttons->AddButton(okButton_);
  // Not the stock label: GTK would then draw its own, translated only under a zh_CN process
  // locale, which a service account or Xvfb session often lacks.
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
  buttons->Realize();
  root->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));

  SetEscapeId(wxID_CANCEL);
  okButton_->Bind(wxEVT_BUTTON, &DialogBase::onOk, this);
  SetSizerAndFit(root);
  SetMinSize(GetSize());
  CentreOnParent();
}

void DialogBase::onOk(wxCommandEvent&) {
  if (acceptInput()) closeAccepted();
}

void DialogBase::showMessage(const wxString& text) {
  message_->SetLabel(text);
  message_->Wrap(GetClientSize().GetWidth() - FromDIP(24));
  Layout();
}

void DialogBase::clearMessage() { showMessage(wxEmptyString); }

wxString DialogBase::message() const { return message_->GetLabel(); }

}  // namespace onewindow::app
