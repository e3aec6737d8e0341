#pragma once

class wxWindow;

namespace onewindow::app {

void showAboutBox(wxWindow* parent);

}  // namespace onewindow::app
