#pragma once
// A logged-in workstation with the intake tests' catalog (tests/app/intake_fixtures), "today"
// fixed, and helpers that drive the intake screens through their real widgets.

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/display.h>
#include <wx/listctrl.h>
#include <wx/radiobut.h>
#include <wx/srchctrl.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "client/app/catalog_pane.hpp"
#include "client/app/form_field_kinds.hpp"
#include "client/app/form_view.hpp"
#include "client/app/guide_view.hpp"
#include "client/app/intake_page.hpp"
#include "workstation_fixture.hpp"

namespace onewindow::test {

inline std::filesystem::path intakeCatalogFile() {
  return std::filesystem::path(ONEWINDOW_INTAKE_FIXTURES) / "catalog.xml";
}

// A Friday: ten working days later is Friday 2026-12-11.
inline constexpr forms::CivilDate kIntakeToday{2026, 11, 27};

// 12:00 China Standard Time (04:00 UTC) on `date`.
inline std::chrono::system_clock::time_point noonInShenzhen(forms::CivilDate date) {
  return std::chrono::system_clock::time_point(std::chrono::hours(date.daysSinceEpoch() * 24 + 4));
}

// The engine's wall clock stopped at one moment.
class FixedClock final : public engine::Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point at) : at_(at) {}
  [[nodiscard]] std::chrono::system_clock::time_point now() const override { return at_; }

 private:
  std::chrono::system_clock::time_point at_;
};

class IntakeFixture : public WorkstationFixture {
 public:
  explicit IntakeFixture(std::filesystem::path catalog = intakeCatalogFile(),
                         forms::CivilDate today = kIntakeToday)
      : catalogFile_(std::move(catalog)), today_(today) {}

  // Starts the workstation with the catalog and logs the demo clerk in at window W03.
  app::MainFrame* open() {
    // The engine decides with the same day as the window.
    workstation = std::make_unique<app::Workstation>(
        app::LaunchOptions{central.baseUrl(), "zh_CN", catalogFile_,
                           std::make_shared<FixedClock>(noonInShenzhen(today_))});
    frame = logIn("c1001", "demo1001", "W03");
    REQUIRE(frame != nullptr);
    frame->setClock([at = noonInShenzhen(today_)] { return at; });
    // The whole virtual screen (1280 x 800, the smallest a service window has): what the
    // screenshots show is what a clerk on such a screen sees.
    frame->SetSize(wxDisplay(0u).GetClientArea());
    // The catalog was indexed on the real date when the window opened: index it on ours (once
    // the engine has loaded it).
    pumpUntil([&] { return workstation->lastCatalogLoad().has_value(); }, std::chrono::seconds(10));
    if (workstation->catalog()) frame->setCatalog(workstation->catalog());
    frame->Raise();
    pumpFor(std::chrono::milliseconds(200));
    return frame;
  }

  [[nodiscard]] app::CatalogPane* pane() const { return frame->catalog(); }
  [[nodiscard]] app::IntakePage* intake() const { return frame->intakePage(); }

  // Types into the search box as the clerk would (ASCII through the simulator).
  void typeSearch(const std::string& text) {
    frame->ProcessCommand(app::kIdFindMatter);
    pumpFor(std::chrono::milliseconds(50));
    wxUIActionSimulator keyboard;
    keyboard.Text(text.c_str());
    const wxString expected = wxString::FromUTF8(text);
    REQUIRE(pumpUntil([&] { return pane()->searchBox()->GetValue() == expected; },
                      std::chrono::seconds(5)));
  }

  void pressKey(int key, int modifiers = wxMOD_NONE) {
    wxUIActionSimulator keyboard;
    keyboard.Char(key, modifiers);
    pumpFor(std::chrono::milliseconds(100));
  }

  // Finds the matter by its code in the search box and opens it with Down and Enter.
  void openMatter(const std::string& code) {
    typeSearch(code);
    REQUIRE_FALSE(pane()->hits().empty());
    pressKey(WXK_DOWN);
    pressKey(WXK_RETURN);
    REQUIRE(
        pumpUntil([&] { return !intake()->guide()->choice().empty(); }, std::chrono::seconds(5)));
    REQUIRE(intake()->guide()->choice().code() == code);
  }

  // Opens the matter and starts its intake; the engine answers with a draft.
  void startCase(const std::string& code) {
    openMatter(code);
    // "Start intake" has the focus after opening: Enter presses it.
    REQUIRE(pumpUntil([&] { return wxWindow::FindFocus() == intake()->guide()->startButton(); },
                      std::chrono::seconds(5)));
    pressKey(WXK_RETURN);
    REQUIRE(pumpUntil([&] { return intake()->stage() == app::CaseStage::Draft; },
                      std::chrono::seconds(15)));
    REQUIRE(intake()->showingCase());
  }

  void fillApplicant(const std::string& name, const std::string& idNumber) {
    intake()->applicantNameField()->SetValue(wxString::FromUTF8(name));
    intake()->applicantIdField()->SetValue(wxString::FromUTF8(idNumber));
  }

  // Answers a question of the intake form through its field in the form view: text typed and
  // the field left, or the radio button of a choice clicked.
  void answer(const std::string& path, const std::string& value) {
    app::FormView* view = intake()->formView();
    REQUIRE(view != nullptr);
    if (auto* text = dynamic_cast<app::TextField*>(view->field(path))) {
      text->text()->SetValue(wxString::FromUTF8(value));
      view->commitPending();
      return;
    }
    auto* button = dynamic_cast<wxRadioButton*>(
        wxWindow::FindWindowByName(wxString::FromUTF8(path + "=" + value), view));
    REQUIRE(button != nullptr);
    button->SetValue(true);
    wxCommandEvent event(wxEVT_RADIOBUTTON, button->GetId());
    event.SetEventObject(button);
    event.SetInt(1);
    button->GetEventHandler()->ProcessEvent(event);
  }

  static void click(wxButton* button) {
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(event);
  }

  void finalize() {
    click(intake()->finalizeButton());
    REQUIRE(pumpUntil([&] { return intake()->stage() != app::CaseStage::Finalizing; },
                      std::chrono::seconds(15)));
    INFO(intake()->finalizeMessage().utf8_string());
    REQUIRE(intake()->stage() == app::CaseStage::Finalized);
  }

  // Finalizes a case whose form still has problems: the engine refuses it and offers to take it
  // in for a one-time correction notice, which the clerk does.
  void finalizeForCorrection() {
    click(intake()->finalizeButton());
    REQUIRE(pumpUntil([&] { return intake()->stage() != app::CaseStage::Finalizing; },
                      std::chrono::seconds(15)));
    INFO(intake()->finalizeMessage().utf8_string());
    REQUIRE(intake()->stage() == app::CaseStage::Draft);
    REQUIRE(intake()->finalizeForCorrectionButton()->IsShown());
    click(intake()->finalizeForCorrectionButton());
    REQUIRE(pumpUntil([&] { return intake()->stage() != app::CaseStage::Finalizing; },
                      std::chrono::seconds(15)));
    REQUIRE(intake()->stage() == app::CaseStage::Finalized);
  }

  app::MainFrame* frame = nullptr;

 private:
  std::filesystem::path catalogFile_;
  forms::CivilDate today_;
};

}  // namespace onewindow::test
