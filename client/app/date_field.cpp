#include "client/app/date_field.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <string>
#include <utility>

#include <wx/button.h>
#include <wx/dcclient.h>
#include <wx/eventfilter.h>
#include <wx/intl.h>
#include <wx/popupwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/wx_string.hpp"

namespace onewindow::app {

wxDEFINE_EVENT(kEvtDateFieldChanged, wxCommandEvent);

namespace {

using forms::CivilDate;

const wxColour& problemColour() {
  static const wxColour colour(0xB0, 0x00, 0x20);
  return colour;
}

// --- Reading what the clerk typed ---------------------------------------------------------------

// The code points of UTF-8 text; an invalid byte becomes U+FFFD (which no date contains).
std::u32string codePoints(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = 0;
    char32_t c = 0;
    if (lead < 0x80) {
      length = 1;
      c = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      c = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      c = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      c = lead & 0x07;
    }
    bool valid = length > 0 && i + static_cast<std::size_t>(length) <= text.size();
    for (int k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      valid = (next & 0xC0) == 0x80;
      c = (c << 6) | (next & 0x3F);
    }
    if (!valid) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    out += c;
    i += static_cast<std::size_t>(length);
  }
  return out;
}

// A Chinese input method types full-width digits and separators: read them as ASCII.
char32_t narrow(char32_t c) {
  if (c >= U'\uFF10' && c <= U'\uFF19') return U'0' + (c - U'\uFF10');
  switch (c) {
    case U'\uFF0D':  // －
      return U'-';
    case U'\uFF0F':  // ／
      return U'/';
    case U'\uFF0E':  // ．
      return U'.';
    case U'\u3000':  // ideographic space
      return U' ';
    default:
      return c;
  }
}

bool isDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

class DateScanner {
 public:
  explicit DateScanner(std::u32string text) : text_(std::move(text)) {}

  [[nodiscard]] bool done() const { return at_ == text_.size(); }
  void skipSpaces() {
    while (!done() && text_[at_] == U' ') ++at_;
  }
  // A number of minDigits..maxDigits digits, and no more digits right after it.
  std::optional<int> number(std::size_t minDigits, std::size_t maxDigits) {
    std::size_t end = at_;
    while (end < text_.size() && isDigit(text_[end])) ++end;
    const std::size_t count = end - at_;
    if (count < minDigits || count > maxDigits) return std::nullopt;
    int value = 0;
    for (; at_ < end; ++at_) value = value * 10 + static_cast<int>(text_[at_] - U'0');
    return value;
  }
  bool take(char32_t c) {
    if (done() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  std::optional<char32_t> takeOneOf(std::u32string_view set) {
    if (done() || set.find(text_[at_]) == std::u32string_view::npos) return std::nullopt;
    return text_[at_++];
  }

 private:
  std::u32string text_;
  std::size_t at_ = 0;
};

ClerkDate dated(int year, int month, int day) {
  if (!CivilDate::exists(year, month, day)) return {std::nullopt, DateTextProblem::NoSuchDay};
  return {CivilDate{year, month, day}, DateTextProblem::None};
}

// --- Calendar arithmetic -------------------------------------------------------------------------

int daysInMonth(int year, int month) {
  int days = 31;
  while (days > 28 && !CivilDate::exists(year, month, days)) --days;
  return days;
}

CivilDate plusMonths(CivilDate date, int months) {
  int index = date.year * 12 + (date.month - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  return {year, month, std::min(date.day, daysInMonth(year, month))};
}

}  // namespace

ClerkDate readClerkDate(std::string_view text) {
  std::u32string chars = codePoints(text);
  for (char32_t& c : chars) c = narrow(c);
  const auto first = chars.find_first_not_of(U' ');
  if (first == std::u32string::npos) return {std::nullopt, DateTextProblem::Empty};
  chars = chars.substr(first, chars.find_last_not_of(U' ') - first + 1);

  const ClerkDate unreadable{std::nullopt, DateTextProblem::Unreadable};
  // 20261204, as printed inside ID numbers and on the wire.
  if (chars.size() == 8 && std::all_of(chars.begin(), chars.end(), isDigit)) {
    int value[3] = {0, 0, 0};
    for (std::size_t i = 0; i < 8; ++i) {
      int& part = value[i < 4 ? 0 : (i < 6 ? 1 : 2)];
      part = part * 10 + static_cast<int>(chars[i] - U'0');
    }
    return dated(value[0], value[1], value[2]);
  }

  DateScanner scan(chars);
  const std::optional<int> year = scan.number(4, 4);
  if (!year) return unreadable;
  scan.skipSpaces();
  if (scan.take(U'年')) {
    // 2026年12月4日 (spaces allowed around the characters; 日 or 号 may be left off).
    scan.skipSpaces();
    const std::optional<int> month = scan.number(1, 2);
    scan.skipSpaces();
    if (!month || !scan.take(U'月')) return unreadable;
    scan.skipSpaces();
    const std::optional<int> day = scan.number(1, 2);
    if (!day) return unreadable;
    scan.skipSpaces();
    if (!scan.take(U'日')) scan.take(U'号');
    scan.skipSpaces();
    return scan.done() ? dated(*year, *month, *day) : unreadable;
  }
  // 2026-12-04, 2026-12-4, 2026/12/04, 2026.12.4: one separator, the same both times.
  const std::optional<char32_t> separator = scan.takeOneOf(U"-/.");
  if (!separator) return unreadable;
  const std::optional<int> month = scan.number(1, 2);
  if (!month || !scan.take(*separator)) return unreadable;
  const std::optional<int> day = scan.number(1, 2);
  if (!day || !scan.done()) return unreadable;
  return dated(*year, *month, *day);
}

// --- The calendar --------------------------------------------------------------------------------

// A month drawn by hand: the month and weekday names come from our translations, never from the
// C library's locale. It never takes the focus; DateField sends it the keys typed in the box.
class DateCalendar final : public wxWindow {
 public:
  DateCalendar(wxWindow* parent, const wxFont& font, std::function<void(CivilDate)> onPick)
      : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE,
                 "date-calendar"),
        onPick_(std::move(onPick)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetFont(font);
    const int digits = GetTextExtent("88").x;
    const int han = GetTextExtent(wxString::FromUTF8("六")).x;
    cell_ = wxSize(std::max(digits, han) + FromDIP(16), GetCharHeight() + FromDIP(10));
    pad_ = FromDIP(6);
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& event) { clicked(event.GetPosition()); });
  }

  bool AcceptsFocus() const override { return false; }

  void setRange(std::optional<CivilDate> earliest, std::optional<CivilDate> latest) {
    earliest_ = earliest;
    latest_ = latest;
  }
  void setChosen(std::optional<CivilDate> chosen) { chosen_ = chosen; }
  void setDay(CivilDate day) {
    day_ = clamp(day);
    Refresh();
  }
  [[nodiscard]] CivilDate day() const { return day_; }
  void moveDays(int days) { setDay(day_.plusDays(days)); }
  void moveMonths(int months) { setDay(plusMonths(day_, months)); }
  void monthStart() { setDay({day_.year, day_.month, 1}); }
  void monthEnd() { setDay({day_.year, day_.month, daysInMonth(day_.year, day_.month)}); }

  [[nodiscard]] wxRect dayArea(CivilDate date) const {
    if (date.year != day_.year || date.month != day_.month) return {};
    const wxRect cell = dayRect(date.day);
    return {ClientToScreen(cell.GetPosition()), cell.GetSize()};
  }

  [[nodiscard]] wxString title() const {
    // TRANSLATORS: a calendar's month, year first: "2026年12月".
    return wxString::Format(_("%d-%02d"), day_.year, day_.month);
  }

 protected:
  wxSize DoGetBestClientSize() const override {
    return wxSize(7 * cell_.x + 2 * pad_, 8 * cell_.y + 2 * pad_);
  }

 private:
  [[nodiscard]] bool inRange(CivilDate date) const {
    return (!earliest_ || date >= *earliest_) && (!latest_ || date <= *latest_);
  }
  [[nodiscard]] CivilDate clamp(CivilDate date) const {
    if (earliest_ && date < *earliest_) return *earliest_;
    if (latest_ && date > *latest_) return *latest_;
    return date;
  }
  // Monday first, as Chinese calendars are printed.
  [[nodiscard]] int leadingBlanks() const {
    return CivilDate{day_.year, day_.month, 1}.isoWeekday() - 1;
  }
  [[nodiscard]] wxRect cellRect(int column, int row) const {
    return {pad_ + column * cell_.x, pad_ + row * cell_.y, cell_.x, cell_.y};
  }
  [[nodiscard]] wxRect dayRect(int day) const {
    const int index = leadingBlanks() + day - 1;
    return cellRect(index % 7, 2 + index / 7);
  }

  void paint() {
    wxPaintDC dc(this);
    const wxColour window = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    const wxColour grey = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
    dc.SetBackground(wxBrush(window));
    dc.Clear();
    // The popup draws no frame of its own on GTK: the calendar's edge.
    dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNSHADOW)));
    dc.SetBrush(*wxTRANSPARENT_BRUSH);
    dc.DrawRectangle(wxRect(GetClientSize()));
    dc.SetFont(GetFont());

    dc.SetTextForeground(text);
    const wxRect header(pad_, pad_, 7 * cell_.x, cell_.y);
    dc.DrawLabel(title(), header, wxALIGN_CENTER);
    dc.SetTextForeground(canGo(-1) ? text : grey);
    dc.DrawLabel(wxString::FromUTF8("◀"), cellRect(0, 0), wxALIGN_CENTER);
    dc.SetTextForeground(canGo(1) ? text : grey);
    dc.DrawLabel(wxString::FromUTF8("▶"), cellRect(6, 0), wxALIGN_CENTER);

    static const std::array<const char*, 7> kWeekdays = {
        // TRANSLATORS: Monday … Sunday in a calendar's header, as short as possible.
        wxTRANSLATE("Mo"), wxTRANSLATE("Tu"), wxTRANSLATE("We"), wxTRANSLATE("Th"),
        wxTRANSLATE("Fr"), wxTRANSLATE("Sa"), wxTRANSLATE("Su")};
    dc.SetTextForeground(grey);
    for (int column = 0; column < 7; ++column) {
      dc.DrawLabel(wxGetTranslation(kWeekdays[static_cast<std::size_t>(column)]),
                   cellRect(column, 1), wxALIGN_CENTER);
    }

    const int days = daysInMonth(day_.year, day_.month);
    for (int d = 1; d <= days; ++d) {
      const CivilDate date{day_.year, day_.month, d};
      const wxRect cell = dayRect(d).Deflate(FromDIP(1));
      wxColour colour = inRange(date) ? text : grey;
      if (date == day_) {
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT)));
        dc.DrawRectangle(cell);
        colour = wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHTTEXT);
      } else if (chosen_ && date == *chosen_) {
        dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT), FromDIP(1)));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawRectangle(cell);
      }
      dc.SetTextForeground(colour);
      dc.DrawLabel(wxString::Format("%d", d), cell, wxALIGN_CENTER);
    }
  }

  // Whether the month before (-1) or after (1) has a day in range.
  [[nodiscard]] bool canGo(int direction) const {
    if (direction < 0) {
      return !earliest_ || CivilDate{day_.year, day_.month, 1} > *earliest_;
    }
    return !latest_ ||
           CivilDate{day_.year, day_.month, daysInMonth(day_.year, day_.month)} < *latest_;
  }

  void clicked(wxPoint at) {
    if (cellRect(0, 0).Contains(at)) {
      moveMonths(-1);
      return;
    }
    if (cellRect(6, 0).Contains(at)) {
      moveMonths(1);
      return;
    }
    const int days = daysInMonth(day_.year, day_.month);
    for (int d = 1; d <= days; ++d) {
      const CivilDate date{day_.year, day_.month, d};
      if (dayRect(d).Contains(at) && inRange(date)) {
        onPick_(date);
        return;
      }
    }
  }

  std::function<void(CivilDate)> onPick_;
  std::optional<CivilDate> earliest_;
  std::optional<CivilDate> latest_;
  std::optional<CivilDate> chosen_;
  CivilDate day_ = forms::chinaDate(std::chrono::system_clock::now());
  wxSize cell_;
  int pad_ = 0;
};

// --- The field -----------------------------------------------------------------------------------

// While the calendar is open: a click or wheel turn anywhere but on the field or the calendar
// closes it, as a drop-down list closes.
class DateField::OutsideClicks final : public wxEventFilter {
 public:
  explicit OutsideClicks(DateField& field) : field_(field) {}

  int FilterEvent(wxEvent& event) override {
    const wxEventType type = event.GetEventType();
    const bool click = type == wxEVT_LEFT_DOWN || type == wxEVT_RIGHT_DOWN ||
                       type == wxEVT_MIDDLE_DOWN || type == wxEVT_MOUSEWHEEL;
    if (!click) return Event_Skip;
    for (auto* window = dynamic_cast<wxWindow*>(event.GetEventObject()); window != nullptr;
         window = window->GetParent()) {
      if (window == &field_) return Event_Skip;  // the calendar's window is the field's child
    }
    // Not now: the filter list is being walked.
    field_.CallAfter([field = &field_] { field->hideCalendar(); });
    return Event_Skip;
  }

 private:
  DateField& field_;
};

DateField::DateField(wxWindow* parent, wxWindowID id, const wxString& name)
    : wxPanel(parent, id, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, name) {
  auto* column = new wxBoxSizer(wxVERTICAL);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  text_ = new wxTextCtrl(this, wxID_ANY);
  text_->SetName(name + "-text");
  text_->SetHint("YYYY-MM-DD");
  // Room for 2026-12-04 and GTK's padding around it.
  text_->SetMinSize(wxSize(text_->GetTextExtent("0000-00-00").x + FromDIP(30), -1));
  row->Add(text_, wxSizerFlags().CenterVertical());
  button_ = new wxButton(this, wxID_ANY, wxString::FromUTF8("▼"), wxDefaultPosition, wxDefaultSize,
                         wxBU_EXACTFIT);
  button_->SetName(name + "-calendar");
  button_->SetToolTip(_("Pick from a calendar (Alt+Down)"));
  // Tab goes from the box to the next field: the calendar is Alt+Down away.
  button_->DisableFocusFromKeyboard();
  row->Add(button_, wxSizerFlags().Expand().Border(wxLEFT, FromDIP(2)));
  column->Add(row);
  problem_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  problem_->SetName(name + "-problem");
  problem_->SetForegroundColour(problemColour());
  problem_->Hide();
  column->Add(problem_, wxSizerFlags().Border(wxTOP, FromDIP(2)));
  SetSizer(column);

  text_->Bind(wxEVT_KEY_DOWN, &DateField::onKey, this);
  text_->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
    event.Skip();  // GTK needs the default handling to move the focus on
    if (IsBeingDeleted()) return;
    // The button gives the focus straight back, to open or close the calendar.
    if (event.GetWindow() != button_) hideCalendar();
    commit();
  });
  button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (calendarShown()) {
      hideCalendar();
    } else {
      showCalendar();
    }
    text_->SetFocus();
  });
}

DateField::~DateField() {
  if (calendarShown()) wxEvtHandler::RemoveFilter(outsideClicks_);
  delete outsideClicks_;
}

void DateField::setRange(std::optional<CivilDate> earliest, std::optional<CivilDate> latest) {
  earliest_ = earliest;
  latest_ = latest;
  if (calendar_ != nullptr) calendar_->setRange(earliest, latest);
}

void DateField::setOptional(bool optional) { optional_ = optional; }

void DateField::setValue(std::optional<CivilDate> date) {
  text_->ChangeValue(date ? wx(date->iso()) : wxString());
  committedText_ = text_->GetValue();
  showProblem(wxEmptyString);
  if (calendarShown()) {
    calendar_->setChosen(date);
    if (date) calendar_->setDay(*date);
  }
}

std::optional<CivilDate> DateField::value() const {
  const ClerkDate read = readClerkDate(text_->GetValue().utf8_string());
  if (!read.date || !inRange(*read.date)) return std::nullopt;
  return read.date;
}

wxString DateField::problem() const {
  const ClerkDate read = readClerkDate(text_->GetValue().utf8_string());
  switch (read.problem) {
    case DateTextProblem::Empty:
      if (optional_) return {};
      [[fallthrough]];
    case DateTextProblem::Unreadable:
      return _("Enter a date as YYYY-MM-DD, for example 2026-11-27.");
    case DateTextProblem::NoSuchDay:
      return _("There is no such day in the calendar.");
    case DateTextProblem::None:
      break;
  }
  if (earliest_ && *read.date < *earliest_) {
    return wxString::Format(_("The date may not be earlier than %s."), wx(earliest_->iso()));
  }
  if (latest_ && *read.date > *latest_) {
    return wxString::Format(_("The date may not be later than %s."), wx(latest_->iso()));
  }
  return {};
}

wxString DateField::shownProblem() const { return shownProblem_; }

bool DateField::commit() {
  const wxString problem = this->problem();
  if (problem.empty()) {
    // Only a date is rewritten; what the clerk typed otherwise stays for them to correct.
    const ClerkDate read = readClerkDate(text_->GetValue().utf8_string());
    if (read.date && text_->GetValue() != wx(read.date->iso())) {
      text_->ChangeValue(wx(read.date->iso()));
      text_->SetInsertionPointEnd();
    }
  }
  const bool changed = text_->GetValue() != committedText_ || problem != shownProblem_;
  committedText_ = text_->GetValue();
  showProblem(problem);
  if (changed) notifyChanged();
  return problem.empty();
}

void DateField::showProblem(const wxString& problem) {
  if (problem == shownProblem_) return;
  shownProblem_ = problem;
  text_->SetForegroundColour(problem.empty() ? wxNullColour : problemColour());
  text_->Refresh();
  problem_->SetLabel(problem);
  problem_->Show(!problem.empty());
  // Taller or shorter, wider or narrower: the parent gives the field its new size (a parent
  // that must grow itself learns it from kEvtDateFieldChanged).
  InvalidateBestSize();
  if (GetParent() != nullptr) GetParent()->Layout();
  Layout();
}

void DateField::notifyChanged() {
  wxCommandEvent event(kEvtDateFieldChanged, GetId());
  event.SetEventObject(this);
  event.SetString(text_->GetValue());
  ProcessWindowEvent(event);
}

void DateField::onKey(wxKeyEvent& event) {
  const int key = event.GetKeyCode();
  const bool alt = event.GetModifiers() == wxMOD_ALT;
  switch (key) {
    case WXK_SHIFT:
    case WXK_ALT:
    case WXK_CONTROL:
    case WXK_WINDOWS_LEFT:
    case WXK_WINDOWS_RIGHT:
    case WXK_CAPITAL:
    case WXK_NUMLOCK:
    case WXK_NONE:
      event.Skip();  // a modifier on its way to a combination
      return;
    default:
      break;
  }
  if (!calendarShown()) {
    if ((key == WXK_DOWN && alt) || key == WXK_F4) {
      showCalendar();
      return;
    }
    if (key == WXK_RETURN || key == WXK_NUMPAD_ENTER) commit();
    event.Skip();
    return;
  }
  switch (key) {
    case WXK_LEFT:
      calendar_->moveDays(-1);
      return;
    case WXK_RIGHT:
      calendar_->moveDays(1);
      return;
    case WXK_UP:
      if (alt) {
        hideCalendar();
      } else {
        calendar_->moveDays(-7);
      }
      return;
    case WXK_DOWN:
      calendar_->moveDays(7);
      return;
    case WXK_PAGEUP:
      calendar_->moveMonths(event.ShiftDown() ? -12 : -1);
      return;
    case WXK_PAGEDOWN:
      calendar_->moveMonths(event.ShiftDown() ? 12 : 1);
      return;
    case WXK_HOME:
      calendar_->monthStart();
      return;
    case WXK_END:
      calendar_->monthEnd();
      return;
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
    case WXK_SPACE:
      pick(calendar_->day());
      return;
    case WXK_ESCAPE:
    case WXK_F4:
      hideCalendar();
      return;
    default:
      // Typing (or Tab) closes the calendar and goes where it would have gone.
      hideCalendar();
      event.Skip();
      return;
  }
}

void DateField::pick(CivilDate date) {
  hideCalendar();
  text_->ChangeValue(wx(date.iso()));
  text_->SetInsertionPointEnd();
  commit();
}

bool DateField::inRange(CivilDate date) const {
  return (!earliest_ || date >= *earliest_) && (!latest_ || date <= *latest_);
}

CivilDate DateField::clamp(CivilDate date) const {
  if (earliest_ && date < *earliest_) return *earliest_;
  if (latest_ && date > *latest_) return *latest_;
  return date;
}

void DateField::showCalendar() {
  if (!IsEnabled() || calendarShown()) return;
  if (popup_ == nullptr) {
    popup_ = new wxPopupWindow(this, wxBORDER_NONE);
    calendar_ = new DateCalendar(popup_, GetFont(), [this](CivilDate date) { pick(date); });
    calendar_->SetSize(calendar_->GetBestSize());
    popup_->SetClientSize(calendar_->GetSize());
  }
  calendar_->setRange(earliest_, latest_);
  const std::optional<CivilDate> chosen = value();
  calendar_->setChosen(chosen);
  // The day to start from: the date in the box, else what it names (out of range: the nearest
  // day in range), else today.
  const ClerkDate read = readClerkDate(text_->GetValue().utf8_string());
  const CivilDate start = chosen.value_or(
      clamp(read.date.value_or(forms::chinaDate(std::chrono::system_clock::now()))));
  calendar_->setDay(start);
  popup_->Position(text_->GetScreenPosition(), wxSize(0, text_->GetSize().y));
  popup_->Show();
  if (outsideClicks_ == nullptr) outsideClicks_ = new OutsideClicks(*this);
  wxEvtHandler::AddFilter(outsideClicks_);
}

void DateField::hideCalendar() {
  if (!calendarShown()) return;
  popup_->Hide();
  wxEvtHandler::RemoveFilter(outsideClicks_);
}

bool DateField::calendarShown() const { return popup_ != nullptr && popup_->IsShown(); }

CivilDate DateField::calendarDay() const {
  return calendar_ != nullptr ? calendar_->day() : clamp(value().value_or(CivilDate{}));
}

wxString DateField::calendarTitle() const {
  return calendar_ != nullptr ? calendar_->title() : wxString();
}

wxWindow* DateField::calendarWindow() const { return calendar_; }

wxRect DateField::calendarDayArea(CivilDate day) const {
  return calendarShown() ? calendar_->dayArea(day) : wxRect();
}

void DateField::SetFocus() { text_->SetFocus(); }

bool DateField::Enable(bool enable) {
  if (!enable) hideCalendar();
  return wxPanel::Enable(enable);
}

}  // namespace onewindow::app
