#include "gui_fixture.hpp"

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <catch2/catch.hpp>
#include <wx/app.h>
#include <wx/init.h>
#include <wx/utils.h>

namespace onewindow::test {
namespace {

class GuiTestApp final : public wxApp {
 public:
  bool OnInit() override {
    SetAppName("onewindow");
    SetExitOnFrameDelete(false);
    return true;
  }
};

}  // namespace

void ensureGui() {
  static const bool ready = [] {
    if (std::getenv("DISPLAY") == nullptr) {
      throw std::runtime_error("GUI tests need a display: run them under xvfb-run (./x test does)");
    }
    std::setlocale(LC_ALL, "");
    if (MB_CUR_MAX == 1) std::setlocale(LC_CTYPE, "C.UTF-8");
    wxApp::SetInstance(new GuiTestApp);
    static int argc = 1;
    static char name[] = "onewindow-gui-tests";
    static char* argv[] = {name, nullptr};
    if (!wxEntryStart(argc, argv)) throw std::runtime_error("wxEntryStart failed");
    if (!wxTheApp->CallOnInit()) throw std::runtime_error("the test wxApp did not initialise");
    // Asserts are test failures, never a modal dialog that blocks the run.
    wxSetAssertHandler([](const wxString& file, int line, const wxString& func,
                          const wxString& cond, const wxString& msg) {
      FAIL_CHECK("wx assertion " << cond.utf8_string() << " in " << func.utf8_string() << " at "
                                 << file.utf8_string() << ":" << line << ": " << msg.utf8_string());
    });
    return true;
  }();
  (void)ready;
}

bool pumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
               PumpStats* stats) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto posted = std::chrono::steady_clock::now();
    bool answered = false;
    wxTheApp->CallAfter([&answered] { answered = true; });
    while (!answered) {
      wxTheApp->Yield(true);
      if (!answered) wxMilliSleep(5);
      if (std::chrono::steady_clock::now() - posted > std::chrono::seconds(30)) break;
    }
    if (stats != nullptr) {
      const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - posted);
      if (took > stats->longestStall) stats->longestStall = took;
    }
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return done();
    wxMilliSleep(20);
  }
}

void pumpFor(std::chrono::milliseconds duration) {
  pumpUntil([] { return false; }, duration);
}

std::string saveScreenshot(const std::string& name) {
  pumpFor(std::chrono::milliseconds(300));  // let GTK paint
  const std::filesystem::path dir = std::filesystem::path(ONEWINDOW_BUILD_DIR) / "screenshots";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / (name + ".png")).string();
  const std::string command = "import -window root '" + file + "' 2>/dev/null";
  if (std::system(command.c_str()) != 0) WARN("screenshot failed: " << command);
  return file;
}

}  // namespace onewindow::test
