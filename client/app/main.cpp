// The thin main of the workstation: answers --version and --help without a display, and
// says plainly when there is no display instead of letting GTK crash.

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <wx/app.h>

#include "client/app/workstation_app.hpp"
#include "onewindow/version.hpp"

namespace {

bool hasDisplay() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x11 != nullptr && *x11 != '\0') || (wayland != nullptr && *wayland != '\0');
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("onewindow %s\n", onewindow::kVersion);
      return 0;
    }
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::printf(
          "Usage: onewindow [--central URL] [--lang zh_CN|en] [--catalog FILE] [--version] "
          "[--help]\n"
          "OneWindow workstation for comprehensive service windows.\n"
          "  --central URL  central server (default: the saved setting, http://127.0.0.1:8470)\n"
          "  --lang LANG    interface language: zh_CN (default) or en\n"
          "  --catalog FILE use this matter catalog and no release from central (default:\n"
          "                 the release fetched from central)\n"
          "  --version      print the version and exit\n");
      return 0;
    }
  }
  if (!hasDisplay()) {
    std::fprintf(stderr,
                 "onewindow: no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                 "Run it in a desktop session, over ssh with X forwarding (ssh -X), or in a\n"
                 "virtual display: xvfb-run -a -s '-screen 0 1280x800x24' onewindow\n"
                 "For headless use there is onewindow-ctl.\n");
    return 1;
  }
  // wx converts narrow strings with the C library's locale; under a bare "C" locale (a
  // service account, a CI runner) anything non-ASCII would turn into an empty string.
  std::setlocale(LC_ALL, "");
  if (MB_CUR_MAX == 1) std::setlocale(LC_CTYPE, "C.UTF-8");
  wxApp::SetInstance(new onewindow::app::WorkstationApp);
  return wxEntry(argc, argv);
}
