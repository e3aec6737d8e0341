#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {}  // namespace

void UploadField::createEditors(const forms::ControlView& view, wxSizer* row,
                                bool& /*singleLine*/) {
  wxWindow* parent = canvas();
  materialKey_ = view.materialKey;
  mediatype_ = view.mediatype;
  attach_ = new wxButton(parent, wxID_ANY, _("Attach file..."));
  attach_->SetName(wx(view.path));
  fileName_ = new wxStaticText(parent, wxID_ANY, wxEmptyString);
  material_ =
      new wxStaticText(parent, wxID_ANY, wxString::Format(_("Material: %s"), wx(materialKey_)));
  material_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  row->Add(attach_, wxSizerFlags().CenterVertical());
  row->Add(fileName_, wxSizerFlags().CenterVertical().Border(wxLEFT, parent->FromDIP(10)));
  row->Add(material_, wxSizerFlags().CenterVertical().Border(wxLEFT, parent->FromDIP(10)));
  value_ = view.value;
  putValue(view.value);
  attach_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (!dead()) host().attachRequested(*this);
  });
}

std::vector<wxWindow*> UploadField::editors() const { return {attach_, fileName_, material_}; }

wxWindow* UploadField::focusTarget() const { return attach_; }

wxString UploadField::shownFileName() const { return fileName_->GetLabel(); }

void UploadField::putValue(const std::string& value) {
  value_ = value;
  const wxString shown =
      value.empty() ? _("No file attached") : wxControl::EscapeMnemonics(wx(value));
  if (fileName_->GetLabel() != shown) {
    fileName_->SetLabel(shown);
    fileName_->SetForegroundColour(wxSystemSettings::GetColour(
        value.empty() ? wxSYS_COLOUR_GRAYTEXT : wxSYS_COLOUR_WINDOWTEXT));
  }
}

}  // namespace onewindow::app
