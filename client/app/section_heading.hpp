#pragma once
// A bold heading over a section of a page.

#include <wx/string.h>

class wxStaticText;
class wxWindow;

namespace onewindow::app {

[[nodiscard]] wxStaticText* sectionHeading(wxWindow* parent, const wxString& text);

}  // namespace onewindow::app
