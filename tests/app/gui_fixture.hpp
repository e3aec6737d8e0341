#pragma once
// GUI test support. wx is initialised lazily, on the first GUI test that runs, so that test
// discovery (which runs the binary to list tests) never needs a display. Screenshots go to
// <build>/screenshots/.

#include <chrono>
#include <functional>
#include <string>

namespace onewindow::test {

// Initialises wx once per process (wxEntryStart + OnInit of a test wxApp).
void ensureGui();

struct PumpStats {
  std::chrono::milliseconds longestStall{0};  // the longest a UI event round trip took
};

// Processes UI events until `done` holds or `timeout` passes; returns done(). While it pumps
// it measures how long the UI thread takes to answer a posted call, so a test can assert the
// window stayed responsive.
bool pumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
               PumpStats* stats = nullptr);
void pumpFor(std::chrono::milliseconds duration);

// Saves the whole (virtual) screen as <build>/screenshots/<name>.png; returns the path.
std::string saveScreenshot(const std::string& name);

}  // namespace onewindow::test
