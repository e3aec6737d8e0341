// The date field (client/app/date_field.hpp) as a clerk uses it: real key presses and clicks
// through the X server, in the Chinese UI and under whatever C locale the machine has.

#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/frame.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "client/app/date_field.hpp"
#include "client/app/translations.hpp"
#include "gui_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using app::DateTextProblem;
using app::readClerkDate;
using forms::CivilDate;
using test::pumpFor;
using test::pumpUntil;

namespace {

std::string utf8(const wxString& text) { return text.utf8_string(); }

// A date field between two text boxes, in a window of its own, in the Chinese UI.
class DateWindow {
 public:
  DateWindow() {
    test::ensureGui();
    static const bool chinese = app::setUpTranslations("zh_CN");
    REQUIRE(chinese);
    frame = new wxFrame(nullptr, wxID_ANY, "date field", wxPoint(0, 0), wxSize(640, 420));
    auto* panel = new wxPanel(frame);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    before = new wxTextCtrl(panel, wxID_ANY);
    sizer->Add(before, wxSizerFlags().Border(wxALL, 10));
    field = new app::DateField(panel, wxID_ANY, "test-date");
    sizer->Add(field, wxSizerFlags().Border(wxALL, 10));
    after = new wxTextCtrl(panel, wxID_ANY);
    sizer->Add(after, wxSizerFlags().Border(wxALL, 10));
    panel->SetSizer(sizer);
    field->Bind(app::kEvtDateFieldChanged,
                [this](wxCommandEvent& event) { changes.push_back(utf8(event.GetString())); });
    frame->Show();
    frame->Raise();
    pumpFor(300ms);
  }

  ~DateWindow() {
    frame->Destroy();
    pumpFor(50ms);
  }

  DateWindow(const DateWindow&) = delete;
  DateWindow& operator=(const DateWindow&) = delete;

  [[nodiscard]] std::string text() const { return utf8(field->textBox()->GetValue()); }

  void focusBox() const {
    field->SetFocus();
    REQUIRE(pumpUntil([this] { return wxWindow::FindFocus() == field->textBox(); }, 2s));
  }

  // Empties the box and types `ascii` with real key presses.
  void type(const std::string& ascii) const {
    focusBox();
    press('A', wxMOD_CONTROL);
    press(WXK_BACK);
    wxUIActionSimulator keyboard;
    if (!ascii.empty()) keyboard.Text(ascii.c_str());
    REQUIRE(pumpUntil([&] { return text() == ascii; }, 2s));
  }

  // Empties the box and puts `text` (Chinese, full-width digits) at the cursor, as an input
  // method hands over what it composed. (xdotool's typing of Chinese is dropped by GTK on this
  // Xvfb: the characters it maps onto a spare key never arrive.)
  void typeComposed(const std::string& text) const {
    focusBox();
    press('A', wxMOD_CONTROL);
    press(WXK_BACK);
    REQUIRE(this->text().empty());
    field->textBox()->WriteText(wxString::FromUTF8(text));
    REQUIRE(this->text() == text);
  }

  // Leaves the box with Tab, as the clerk moves on.
  void leave() const {
    press(WXK_TAB);
    REQUIRE(pumpUntil([this] { return wxWindow::FindFocus() == after; }, 2s));
  }

  static void press(int key, int modifiers = wxMOD_NONE) {
    wxUIActionSimulator keyboard;
    keyboard.Char(key, modifiers);
    pumpFor(120ms);
  }

  wxFrame* frame = nullptr;
  wxTextCtrl* before = nullptr;
  app::DateField* field = nullptr;
  wxTextCtrl* after = nullptr;
  std::vector<std::string> changes;
};

// Sets the C library's locale as a process started with LC_ALL=`name` would have it (with the
// workstation's own rule for a locale without UTF-8, main.cpp), and puts it back afterwards.
class ProcessLocale {
 public:
  explicit ProcessLocale(const char* name) : saved_(std::setlocale(LC_ALL, nullptr)) {
    const char* env = std::getenv("LC_ALL");
    if (env != nullptr) savedEnv_ = env;
    ::setenv("LC_ALL", name, 1);
    took_ = std::setlocale(LC_ALL, "") != nullptr;
    if (MB_CUR_MAX == 1) std::setlocale(LC_CTYPE, "C.UTF-8");
  }
  ~ProcessLocale() {
    if (savedEnv_) {
      ::setenv("LC_ALL", savedEnv_->c_str(), 1);
    } else {
      ::unsetenv("LC_ALL");
    }
    std::setlocale(LC_ALL, saved_.c_str());
  }
  ProcessLocale(const ProcessLocale&) = delete;
  ProcessLocale& operator=(const ProcessLocale&) = delete;

  [[nodiscard]] bool took() const { return took_; }

 private:
  std::string saved_;
  std::optional<std::string> savedEnv_;
  bool took_ = false;
};

}  // namespace

TEST_CASE("a clerk's date text reads as a day in every accepted form and in no other",
          "[date-field]") {
  const CivilDate december4{2026, 12, 4};
  for (const char* text :
       {"2026-12-04", "2026-12-4", "2026/12/04", "2026/12/4", "2026.12.4", "20261204",
        " 2026-12-04 ", "2026年12月4日", "2026年12月04日", "2026 年 12 月 4 日", "2026年12月4号",
        "2026年12月4", "２０２６－１２－０４", "２０２６年１２月４日"}) {
    INFO(text);
    const app::ClerkDate read = readClerkDate(text);
    CHECK(read.problem == DateTextProblem::None);
    CHECK(read.date == december4);
  }
  // US and European orders, two-digit years, mixed separators and trailing junk are not
  // guessed at: 12/04/2026 could be either day.
  for (const char* text :
       {"12/04/2026", "04.12.2026", "26-12-04", "2026-12/04", "2026-1204", "2026-12-04x",
        "2026年12-4", "2026年12月", "abc", "2026--12-04", "202612041", "2026-012-04"}) {
    INFO(text);
    CHECK(readClerkDate(text).problem == DateTextProblem::Unreadable);
    CHECK_FALSE(readClerkDate(text).date.has_value());
  }
  for (const char* text : {"2026-02-30", "2026-13-01", "20260230", "2026年2月29日", "2026-00-10"}) {
    INFO(text);
    CHECK(readClerkDate(text).problem == DateTextProblem::NoSuchDay);
  }
  CHECK(readClerkDate("2028-02-29").date == CivilDate{2028, 2, 29});
  CHECK(readClerkDate("").problem == DateTextProblem::Empty);
  CHECK(readClerkDate("   ").problem == DateTextProblem::Empty);
}

TEST_CASE("a date typed in any accepted form is that day and shows as YYYY-MM-DD on leaving",
          "[gui][date-field]") {
  DateWindow window;
  app::DateField& field = *window.field;
  field.setRange(CivilDate{2026, 11, 27}, CivilDate{2026, 12, 31});
  const CivilDate december4{2026, 12, 4};

  for (const char* typed : {"2026-12-04", "2026-12-4", "2026/12/04", "20261204"}) {
    INFO(typed);
    field.setValue(std::nullopt);
    window.type(typed);
    // While typing, the box holds what was typed; the value is read from it already.
    CHECK(field.value() == december4);
    window.leave();
    CHECK(window.text() == "2026-12-04");
    CHECK(field.value() == december4);
    CHECK(field.shownProblem().empty());
  }
  for (const char* typed : {"2026年12月4日", "２０２６－１２－０４", "2026 年 12 月 4 号"}) {
    INFO(typed);
    field.setValue(std::nullopt);
    window.typeComposed(typed);
    window.leave();
    CHECK(window.text() == "2026-12-04");
    CHECK(field.value() == december4);
  }
  // Enter also ends the typing.
  field.setValue(std::nullopt);
  window.type("2026/12/9");
  DateWindow::press(WXK_RETURN);
  CHECK(window.text() == "2026-12-09");
  CHECK(field.value() == CivilDate{2026, 12, 9});
  test::saveScreenshot("date-field-typed");
}

TEST_CASE("a date out of range or no date at all is shown at the field and not taken",
          "[gui][date-field]") {
  DateWindow window;
  app::DateField& field = *window.field;
  field.setRange(CivilDate{2026, 11, 27}, CivilDate{2026, 12, 11});
  field.setValue(CivilDate{2026, 12, 11});
  CHECK(window.text() == "2026-12-11");
  CHECK(window.changes.empty());  // setting a value is no change by the clerk

  const auto rejected = [&](const std::string& typed, const char* message) {
    INFO(typed);
    window.type(typed);
    window.leave();
    // Never replaced: the text stays as typed, in red, with the reason under it.
    CHECK(window.text() == typed);
    CHECK_FALSE(field.value().has_value());
    CHECK(utf8(field.problem()) == message);
    CHECK(utf8(field.shownProblem()) == message);
    auto* shown = dynamic_cast<wxStaticText*>(field.FindWindow("test-date-problem"));
    REQUIRE(shown != nullptr);
    CHECK(shown->IsShown());
    CHECK(utf8(shown->GetLabel()) == message);
    CHECK(shown->GetScreenRect().GetTop() >= field.textBox()->GetScreenRect().GetBottom());
    CHECK(field.GetScreenRect().Contains(shown->GetScreenRect()));  // not cut off
    CHECK(field.textBox()->GetForegroundColour() == wxColour(0xB0, 0x00, 0x20));
    CHECK_FALSE(window.changes.empty());
    CHECK(window.changes.back() == typed);
  };
  rejected("2026-12-20", "日期不得晚于 2026-12-11");
  test::saveScreenshot("date-field-out-of-range");
  rejected("2026-11-26", "日期不得早于 2026-11-27");
  rejected("20261220", "日期不得晚于 2026-12-11");
  rejected("2026-02-30", "日历上没有这一天");
  rejected("12/04/2026", "请按“年-月-日”填写日期，例如 2026-11-27");
  rejected("next friday", "请按“年-月-日”填写日期，例如 2026-11-27");
  window.type("");
  window.leave();
  CHECK(utf8(field.shownProblem()) == "请按“年-月-日”填写日期，例如 2026-11-27");
  // An optional field takes an empty box.
  field.setOptional(true);
  window.type("x");
  DateWindow::press(WXK_BACK);
  window.leave();
  CHECK(field.shownProblem().empty());
  field.setOptional(false);

  // Corrected: the problem goes, the text turns ISO.
  window.type("2026/12/10");
  window.leave();
  CHECK(field.value() == CivilDate{2026, 12, 10});
  CHECK(window.text() == "2026-12-10");
  CHECK(field.shownProblem().empty());
  CHECK_FALSE(field.FindWindow("test-date-problem")->IsShown());
  CHECK(window.changes.back() == "2026-12-10");
}

TEST_CASE("the calendar opens from the keyboard and walks days and weeks and months to pick one",
          "[gui][date-field]") {
  DateWindow window;
  app::DateField& field = *window.field;
  field.setRange(CivilDate{2026, 11, 27}, CivilDate{2026, 12, 31});
  field.setValue(CivilDate{2026, 12, 4});
  window.focusBox();

  DateWindow::press(WXK_DOWN, wxMOD_ALT);
  REQUIRE(field.calendarShown());
  CHECK(utf8(field.calendarTitle()) == "2026年12月");
  CHECK(field.calendarDay() == CivilDate{2026, 12, 4});
  // The calendar lies under the box and the focus stays in the box.
  CHECK(field.calendarWindow()->GetScreenRect().GetTop() >=
        field.textBox()->GetScreenRect().GetBottom());
  CHECK(wxWindow::FindFocus() == field.textBox());
  test::saveScreenshot("date-field-calendar");

  DateWindow::press(WXK_RIGHT);
  CHECK(field.calendarDay() == CivilDate{2026, 12, 5});
  DateWindow::press(WXK_DOWN);
  CHECK(field.calendarDay() == CivilDate{2026, 12, 12});
  DateWindow::press(WXK_END);
  CHECK(field.calendarDay() == CivilDate{2026, 12, 31});
  DateWindow::press(WXK_RIGHT);  // the range ends here
  CHECK(field.calendarDay() == CivilDate{2026, 12, 31});
  DateWindow::press(WXK_PAGEUP);  // a month back is before the range: its first day
  CHECK(field.calendarDay() == CivilDate{2026, 11, 30});
  CHECK(utf8(field.calendarTitle()) == "2026年11月");
  DateWindow::press(WXK_HOME);
  CHECK(field.calendarDay() == CivilDate{2026, 11, 27});
  // Escape closes it and changes nothing.
  DateWindow::press(WXK_ESCAPE);
  CHECK_FALSE(field.calendarShown());
  CHECK(field.value() == CivilDate{2026, 12, 4});

  // F4 opens it too; Enter takes the day marked.
  DateWindow::press(WXK_F4);
  REQUIRE(field.calendarShown());
  DateWindow::press(WXK_LEFT);
  DateWindow::press(WXK_RETURN);
  CHECK_FALSE(field.calendarShown());
  CHECK(window.text() == "2026-12-03");
  CHECK(field.value() == CivilDate{2026, 12, 3});
  CHECK(window.changes.back() == "2026-12-03");
  CHECK(wxWindow::FindFocus() == field.textBox());

  // Typing while it is open closes it and types.
  DateWindow::press(WXK_DOWN, wxMOD_ALT);
  REQUIRE(field.calendarShown());
  DateWindow::press(WXK_BACK);
  CHECK_FALSE(field.calendarShown());
  CHECK(window.text() == "2026-12-0");

  // The mouse: the button opens it, a click on a day takes that day.
  field.setValue(CivilDate{2026, 12, 4});
  wxUIActionSimulator mouse;
  const wxRect button = field.calendarButton()->GetScreenRect();
  mouse.MouseMove(button.GetLeft() + button.GetWidth() / 2,
                  button.GetTop() + button.GetHeight() / 2);
  pumpFor(50ms);
  mouse.MouseClick();
  REQUIRE(pumpUntil([&] { return field.calendarShown(); }, 2s));
  const wxRect day = field.calendarDayArea(CivilDate{2026, 12, 18});
  REQUIRE_FALSE(day.IsEmpty());
  mouse.MouseMove(day.GetLeft() + day.GetWidth() / 2, day.GetTop() + day.GetHeight() / 2);
  pumpFor(50ms);
  mouse.MouseClick();
  REQUIRE(pumpUntil([&] { return !field.calendarShown(); }, 2s));
  CHECK(window.text() == "2026-12-18");
  // A day out of range cannot be clicked; a click elsewhere closes the calendar.
  DateWindow::press(WXK_F4);
  REQUIRE(field.calendarShown());
  DateWindow::press(WXK_PAGEUP);
  const wxRect early = field.calendarDayArea(CivilDate{2026, 11, 20});
  REQUIRE_FALSE(early.IsEmpty());
  mouse.MouseMove(early.GetLeft() + early.GetWidth() / 2, early.GetTop() + early.GetHeight() / 2);
  pumpFor(50ms);
  mouse.MouseClick();
  pumpFor(200ms);
  CHECK(field.calendarShown());
  CHECK(window.text() == "2026-12-18");
  const wxRect other = window.before->GetScreenRect();  // `after` is under the calendar
  mouse.MouseMove(other.GetLeft() + 10, other.GetTop() + other.GetHeight() / 2);
  pumpFor(50ms);
  mouse.MouseClick();
  REQUIRE(pumpUntil([&] { return !field.calendarShown(); }, 2s));
  CHECK(window.text() == "2026-12-18");
}

TEST_CASE("the field shows and reads ISO dates whatever the C locale", "[gui][date-field]") {
  DateWindow window;
  app::DateField& field = *window.field;
  field.setRange(CivilDate{2026, 1, 1}, CivilDate{2026, 12, 31});
  for (const char* name : {"C", "POSIX", "en_US.UTF-8", "en_US", "C.UTF-8"}) {
    const ProcessLocale locale(name);
    INFO("LC_ALL=" << name << (locale.took() ? "" : " (not installed: the C locale)"));
    field.setValue(CivilDate{2026, 12, 4});
    CHECK(window.text() == "2026-12-04");
    window.type("2026/12/5");
    window.leave();
    CHECK(window.text() == "2026-12-05");
    CHECK(field.value() == CivilDate{2026, 12, 5});
    window.type("12/04/2026");  // US order is not guessed at, in any locale
    window.leave();
    CHECK_FALSE(field.value().has_value());
    CHECK(utf8(field.shownProblem()) == "请按“年-月-日”填写日期，例如 2026-11-27");
    field.setValue(CivilDate{2026, 12, 4});
    field.showCalendar();
    CHECK(utf8(field.calendarTitle()) == "2026年12月");
    field.hideCalendar();
  }
}
