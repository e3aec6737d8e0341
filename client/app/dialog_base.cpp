#include "client/app/dialog_base.hpp"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace onewindow::app {
namespace {

// Punctuation that must not start a line (Chinese typesetting): it stays on the line before.
bool mayNotStartLine(wxUniChar c) {
  return wxString(wxString::FromUTF8("，。、；：？！）」』”’")).Find(c) != wxNOT_FOUND ||
         wxString(",.;:?!)").Find(c) != wxNOT_FOUND;
}

// wxStaticText::Wrap breaks lines at spaces only, and Chinese has none: a long Chinese message
// would run off the dialog's edge, cut. Lines break here where the width is reached, at the
// line's last space when it is in the line's second half (English words and a time stay
// whole), otherwise between any two characters.
wxString wrapToWidth(const wxWindow& window, const wxString& text, int width) {
  wxString wrapped;
  wxString line;
  for (const wxUniChar c : text) {
    if (c == '\n') {
      wrapped << line << '\n';
      line.clear();
      continue;
    }
    if (!line.empty() && !mayNotStartLine(c) && window.GetTextExtent(line + c).x > width) {
      const int space = line.Find(' ', true);
      if (space != wxNOT_FOUND && space >= static_cast<int>(line.length()) / 2) {
        wrapped << line.Left(space) << '\n';
        line = line.Mid(space + 1);
      } else {
        wrapped << line << '\n';
        line.clear();
      }
      if (c == ' ') continue;
    }
    line << c;
  }
  return wrapped + line;
}

}  // namespace

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
  messageText_ = text;
  message_->SetLabel(wrapToWidth(*message_, text, GetClientSize().GetWidth() - FromDIP(24)));
  // A message of several lines needs more height than the dialog was laid out with: grow (never
  // shrink, so the fields do not jump while the clerk types) until every line shows.
  const int neededHeight = GetSizer()->ComputeFittingWindowSize(this).GetHeight();
  if (neededHeight > GetSize().GetHeight()) SetSize(GetSize().GetWidth(), neededHeight);
  Layout();
}

void DialogBase::clearMessage() { showMessage(wxEmptyString); }

wxString DialogBase::message() const { return messageText_; }

}  // namespace onewindow::app
