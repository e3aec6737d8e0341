#include "client/app/catalog_pane.hpp"

#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

namespace onewindow::app {

CatalogPane::CatalogPane(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Matter catalog"));
  title->SetFont(title->GetFont().Bold());
  sizer->Add(title, wxSizerFlags().Border(wxALL, FromDIP(6)));

  search_ = new wxSearchCtrl(this, wxID_ANY);
  search_->SetDescriptiveText(_("Name, code or pinyin initials"));
  search_->SetName("catalog-search");
  sizer->Add(search_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));

  matters_ = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL);
  matters_->AppendColumn(_("Matter"), wxLIST_FORMAT_LEFT, FromDIP(200));
  matters_->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(110));
  matters_->SetName("catalog-list");
  sizer->Add(matters_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(6)));

  auto* state =
      new wxStaticText(this, wxID_ANY, _("No catalog is installed on this workstation yet."));
  state->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  sizer->Add(state, wxSizerFlags().Border(wxALL, FromDIP(6)));
  SetSizer(sizer);
}

void CatalogPane::focusSearch() {
  search_->SetFocus();
  search_->SelectAll();
}

}  // namespace onewindow::app
