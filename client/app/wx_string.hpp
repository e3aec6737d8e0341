#pragma once
// UTF-8 text from the engine and the catalog as a wxString: the one conversion the screens use.
#include <string>

#include <wx/string.h>

namespace onewindow::app {

inline wxString wx(const std::string& text) { return wxString::FromUTF8(text); }

}  // namespace onewindow::app
