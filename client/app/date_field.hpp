#pragma once
// A date the clerk types or picks, always shown as YYYY-MM-DD whatever the system locale
// (wxDatePickerCtrl follows the C library's locale and shows 12/04/2026 where no Chinese locale
// is installed). Values go in and out as forms::CivilDate, so no locale is ever involved.
//
// Keyboard first: the clerk types 2026-12-04, 2026-12-4, 2026/12/04, 20261204 or 2026年12月4日
// (full-width digits too); leaving the field (or Enter) rewrites a date it can read as
// 2026-12-04. Text that is no date, or a date outside the range, stays as typed, in red, with
// the reason under it: never replaced behind the clerk's back. Alt+Down or F4 opens a calendar
// under the box; the focus stays in the box, so the arrow keys, Page Up/Down (a month), Home and
// End move the day, Enter takes it and Escape closes the calendar; any other key closes it and
// types. The calendar names months as 2026年12月 and days as 一…日, not by the C library.

#include <optional>
#include <string_view>

#include <wx/event.h>
#include <wx/panel.h>

#include "forms/civil_date.hpp"

class wxButton;
class wxPopupWindow;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

// How a clerk's date text reads: a date, or why not.
enum class DateTextProblem { None, Empty, Unreadable, NoSuchDay };

struct ClerkDate {
  std::optional<forms::CivilDate> date;  // set when problem is None
  DateTextProblem problem = DateTextProblem::None;
};

// Reads UTF-8 text as clerks type dates (see above); surrounding spaces are ignored.
[[nodiscard]] ClerkDate readClerkDate(std::string_view text);

class DateCalendar;

// Sent (a command event, so it reaches the parents) when the clerk is done with the field and
// what it holds changed: another date, or a problem shown or gone.
wxDECLARE_EVENT(kEvtDateFieldChanged, wxCommandEvent);

class DateField final : public wxPanel {
 public:
  explicit DateField(wxWindow* parent, wxWindowID id = wxID_ANY,
                     const wxString& name = "date-field");
  ~DateField() override;

  // The earliest and latest date accepted; either may be open.
  void setRange(std::optional<forms::CivilDate> earliest, std::optional<forms::CivilDate> latest);
  // An empty field is an answer (default: it is a problem).
  void setOptional(bool optional);

  // Shows the date as YYYY-MM-DD (nullopt: empty) and takes away a problem shown.
  void setValue(std::optional<forms::CivilDate> date);
  // The date the box holds now, when it names one inside the range; nullopt otherwise. Read
  // from the text as it is, also while the clerk is still typing.
  [[nodiscard]] std::optional<forms::CivilDate> value() const;
  // Why the text is not accepted now, in the clerk's language; "" when it is.
  [[nodiscard]] wxString problem() const;
  // The problem shown under the box (once the clerk left it), "" when none is.
  [[nodiscard]] wxString shownProblem() const;
  // What leaving the box does: a date in range is rewritten as YYYY-MM-DD, anything else stays
  // as typed and its problem shows. Returns whether the text is accepted.
  bool commit();

  [[nodiscard]] wxTextCtrl* textBox() const { return text_; }
  [[nodiscard]] wxButton* calendarButton() const { return button_; }

  void showCalendar();
  void hideCalendar();
  [[nodiscard]] bool calendarShown() const;
  // The day marked in the calendar, and its title ("2026年12月" in Chinese, "2026-12" in English).
  [[nodiscard]] forms::CivilDate calendarDay() const;
  [[nodiscard]] wxString calendarTitle() const;
  [[nodiscard]] wxWindow* calendarWindow() const;
  // Where the open calendar shows `day`, on the screen; empty when it does not show it.
  [[nodiscard]] wxRect calendarDayArea(forms::CivilDate day) const;

  void SetFocus() override;
  bool Enable(bool enable = true) override;

 private:
  class OutsideClicks;

  void onKey(wxKeyEvent& event);
  void pick(forms::CivilDate date);
  void showProblem(const wxString& problem);
  void notifyChanged();
  [[nodiscard]] forms::CivilDate clamp(forms::CivilDate date) const;
  [[nodiscard]] bool inRange(forms::CivilDate date) const;

  wxTextCtrl* text_ = nullptr;
  wxButton* button_ = nullptr;
  wxStaticText* problem_ = nullptr;
  wxPopupWindow* popup_ = nullptr;
  DateCalendar* calendar_ = nullptr;
  OutsideClicks* outsideClicks_ = nullptr;
  std::optional<forms::CivilDate> earliest_;
  std::optional<forms::CivilDate> latest_;
  bool optional_ = false;
  // What the clerk was last told: the text accepted as it was left, and the problem shown.
  wxString committedText_;
  wxString shownProblem_;
};

}  // namespace onewindow::app
