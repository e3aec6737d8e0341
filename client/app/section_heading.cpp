#include "client/app/section_heading.hpp"

#include <wx/stattext.h>

namespace onewindow::app {

wxStaticText* sectionHeading(wxWindow* parent, const wxString& text) {
  auto* label = new wxStaticText(parent, wxID_ANY, text);
  label->SetFont(label->GetFont().Bold());
  // GTK may still measure the label in the regular font: size it for the bold one, or the
  // last word wraps onto an invisible second line.
  label->SetMinSize(label->GetTextExtent(text) + wxSize(label->FromDIP(4), 0));
  return label;
}

}  // namespace onewindow::app
