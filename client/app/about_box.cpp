#include "client/app/about_box.hpp"

#include <wx/aboutdlg.h>
#include <wx/intl.h>

#include "onewindow/version.hpp"

namespace onewindow::app {

void showAboutBox(wxWindow* parent) {
  wxAboutDialogInfo info;
  info.SetName(_("OneWindow"));
  info.SetVersion(onewindow::kVersion);
  info.SetDescription(
      _("Workstation for the comprehensive service windows of street service "
        "centres: intake of any matter, offline first, synced to central."));
  info.SetCopyright("(C) 2026 The OneWindow developers");
  info.SetLicence("Apache License 2.0");
  wxAboutBox(info, parent);
}

}  // namespace onewindow::app
