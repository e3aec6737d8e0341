// Open and first render of an N-bind intake form in the real FormView (issue 4: a 500-bind form
// in <= 300 ms), printed, never pass/fail: from reading the XForm file to the first screen
// painted on the display (load, session, the view's first screen, the frame shown and its
// pending paint and layout events handled). The rest of a long form is drawn in idle slices
// after that, while the clerk starts; the time until it is all drawn is printed too.
// Needs a display: ./x bench runs it under xvfb-run.
// Usage: bench_form_render [BINDS] [RUNS]

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <wx/app.h>
#include <wx/frame.h>
#include <wx/sizer.h>

#include "client/app/form_view.hpp"
#include "client/app/translations.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double cpuMs() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Handles everything pending (paint, size, layout) but not idle work: the first screen.
void settle() {
  while (wxTheApp->Pending()) wxTheApp->Dispatch();
  wxTheApp->ProcessPendingEvents();
}

class BenchApp final : public wxApp {
 public:
  bool OnInit() override { return true; }
};

}  // namespace

int main(int argc, char** argv) {
  const int binds = argc > 1 ? std::atoi(argv[1]) : 500;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) {
    std::fprintf(stderr, "bench_form_render needs a display: run it under xvfb-run (./x bench)\n");
    return 2;
  }
  const fs::path dir = fs::temp_directory_path() / "onewindow-bench-form-render";
  const std::string command = std::string(ONEWINDOW_MAKE_CATALOG) + " " + dir.string() + " 1 " +
                              std::to_string(binds) + " > /dev/null";
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "bench_form_render: make_catalog failed: %s\n", command.c_str());
    return 1;
  }
  const fs::path form = dir / "forms" / "synthetic_form.xml";

  std::setlocale(LC_ALL, "");
  wxApp::SetInstance(new BenchApp);
  int wxArgc = 1;
  char name[] = "bench_form_render";
  char* wxArgv[] = {name, nullptr};
  if (!wxEntryStart(wxArgc, wxArgv) || !wxTheApp->CallOnInit()) {
    std::fprintf(stderr, "bench_form_render: wxWidgets did not start\n");
    return 1;
  }
  onewindow::app::setUpTranslations("zh_CN");

  std::vector<double> firstWall, firstCpu, allWall;
  std::size_t topLevel = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    const double cpuStart = cpuMs();
    auto definition = std::make_shared<const onewindow::forms::XFormDefinition>(
        onewindow::forms::loadXForm(form.string()));
    onewindow::forms::FormSession session(definition);
    auto* frame = new wxFrame(nullptr, wxID_ANY, "bench", wxPoint(0, 0), wxSize(1000, 900));
    auto* view = new onewindow::app::FormView(frame, session);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(view, wxSizerFlags(1).Expand());
    frame->SetSizer(sizer);
    frame->Show();
    frame->Update();
    settle();
    firstWall.push_back(ms(Clock::now() - start));
    firstCpu.push_back(cpuMs() - cpuStart);
    topLevel = session.controls().size();
    // The rest of the form in idle slices, as the clerk would see it fill in.
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (!view->fullyDrawn() && Clock::now() < deadline) {
      settle();
      wxTheApp->ProcessIdle();
    }
    allWall.push_back(ms(Clock::now() - start));
    frame->Destroy();
    settle();
  }
  std::printf(
      "open + first screen of a %d-bind form  %8.2f ms  (CPU %.2f ms)  median of %d  "
      "(%zu controls)\n",
      binds, median(firstWall), median(firstCpu), runs, topLevel);
  std::printf("... until the whole form is drawn      %8.2f ms  median of %d\n", median(allWall),
              runs);
  wxEntryCleanup();
  fs::remove_all(dir);
  return 0;
}
