#pragma once
// The one dialog base class (DESIGN.md §12): a content sizer with the standard border, the
// platform's OK/Cancel buttons, Escape to cancel, Enter for the default button, and a red
// message line for errors shown in the dialog itself rather than in a second pop-up.

#include <wx/dialog.h>

class wxBoxSizer;
class wxButton;
class wxStaticText;

namespace onewindow::app {

class DialogBase : public wxDialog {
 public:
  DialogBase(wxWindow* parent, const wxString& title);

 protected:
  // Derived dialogs add their controls to content() and call finishLayout() once.
  [[nodiscard]] wxBoxSizer* content() const { return content_; }
  void finishLayout(const wxString& okLabel);
  void showMessage(const wxString& text);
  void clearMessage();
  [[nodiscard]] wxButton* okButton() const { return okButton_; }
  // The message as given to showMessage (the line breaks of its wrapping are not part of it).
  [[nodiscard]] wxString message() const;

  // Called for OK; return true to close the dialog with wxID_OK.
  virtual bool acceptInput() = 0;
  // Closes the dialog with wxID_OK whether it runs modal or modeless (tests show it modeless).
  void closeAccepted() {
    SetReturnCode(wxID_OK);  // EndDialog sets it only for modal dialogs
    EndDialog(wxID_OK);
  }

 private:
  void onOk(wxCommandEvent& event);

  wxBoxSizer* content_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxString messageText_;
  wxButton* okButton_ = nullptr;
};

}  // namespace onewindow::app
