// The peer of bench_cold_start: the barest wx program that puts a dialog like the login dialog
// on screen (three labelled fields and two buttons, GTK 3, the same wx libraries), so the
// workstation's start-up is measured beside what wx itself costs on this machine, in one run.

#include <wx/app.h>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace {

class BareApp final : public wxApp {
 public:
  bool OnInit() override {
    auto* dialog = new wxDialog(nullptr, wxID_ANY, "Log in");
    auto* grid = new wxFlexGridSizer(2, 6, 6);
    for (const char* label : {"Clerk ID", "Password", "Window"}) {
      grid->Add(new wxStaticText(dialog, wxID_ANY, label), wxSizerFlags().CenterVertical());
      grid->Add(new wxTextCtrl(dialog, wxID_ANY), wxSizerFlags().Expand());
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, wxSizerFlags().Border(wxALL, 10));
    sizer->Add(dialog->CreateButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand());
    dialog->SetSizerAndFit(sizer);
    dialog->Show();
    return true;
  }
};

}  // namespace

wxIMPLEMENT_APP(BareApp);
