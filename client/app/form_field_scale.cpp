// trigger (an acknowledgement), range (a slider over the form's scale) and odk:rank (the choices
// in a list the clerk orders).

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/stattext.h>
#include <wx/utils.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

// A scale value as the session stores it: digits only for whole numbers, else the shortest
// decimal that reads back the same.
std::string scaleText(double value) {
  if (std::abs(value - std::round(value)) < 1e-9) {
    return std::to_string(static_cast<long long>(std::llround(value)));
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace

// --- AcknowledgeField --------------------------------------------------------------------------

void AcknowledgeField::createEditors(const forms::ControlView& view, wxSizer* row,
                                     bool& singleLine) {
  box_ = new wxCheckBox(canvas(), wxID_ANY, _("Acknowledged"));
  box_->SetName(wx(view.path));
  row->Add(box_, wxSizerFlags().CentreVertical());
  singleLine = true;
  putValue(view.value);
  box_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
    if (!dead()) host().commit(*this, Commit::Done);
  });
}

wxWindow* AcknowledgeField::focusTarget() const { return box_; }

std::vector<wxWindow*> AcknowledgeField::editors() const { return {box_}; }

std::string AcknowledgeField::answer() const { return box_->GetValue() ? "OK" : ""; }

void AcknowledgeField::putValue(const std::string& value) { box_->SetValue(value == "OK"); }

// --- RangeField --------------------------------------------------------------------------------

void RangeField::createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) {
  start_ = view.rangeStart;
  step_ = view.rangeEnd >= view.rangeStart ? view.rangeStep : -view.rangeStep;
  const int steps = static_cast<int>(
      std::floor(std::abs(view.rangeEnd - view.rangeStart) / view.rangeStep + 1e-9));
  wxWindow* parent = canvas();
  lowest_ = new wxStaticText(parent, wxID_ANY, wx(scaleText(view.rangeStart)));
  slider_ = new wxSlider(parent, wxID_ANY, 0, 0, std::max(steps, 1), wxDefaultPosition,
                         wxSize(parent->FromDIP(220), -1), wxSL_HORIZONTAL);
  slider_->SetName(wx(view.path));
  slider_->SetLineSize(1);
  slider_->SetPageSize(std::max(1, steps / 10));
  highest_ = new wxStaticText(parent, wxID_ANY, wx(scaleText(start_ + step_ * steps)));
  shown_ = new wxStaticText(parent, wxID_ANY, wxEmptyString);
  shown_->SetMinSize(wxSize(parent->FromDIP(60), -1));
  clear_ =
      new wxButton(parent, wxID_ANY, _("Clear"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
  const wxSizerFlags centred = wxSizerFlags().CentreVertical();
  row->Add(lowest_, centred);
  row->Add(slider_, wxSizerFlags().CentreVertical().Border(wxLEFT | wxRIGHT, parent->FromDIP(4)));
  row->Add(highest_, centred);
  row->Add(shown_, wxSizerFlags().CentreVertical().Border(wxLEFT, parent->FromDIP(12)));
  row->Add(clear_, centred);
  singleLine = true;
  putValue(view.value);
  // The value beside the thumb follows it at once; the answer goes to the session when the
  // clerk lets go (mouse) or per key press, so a trigger on the range fires once per choice,
  // not for every value a drag passes.
  slider_->Bind(wxEVT_SLIDER, [this](wxCommandEvent&) {
    if (dead()) return;
    if (wxGetMouseState().LeftIsDown()) {
      shown_->SetLabel(wx(positionText()));
    } else {
      choose();
    }
  });
  // Letting go, or a key that leaves the thumb where it was (Home at the start): the value
  // under the thumb is the clerk's choice, even when the thumb did not move.
  slider_->Bind(wxEVT_LEFT_UP, [this](wxMouseEvent& event) {
    event.Skip();
    if (!dead()) choose();  // GTK moved the thumb while the button was down
  });
  slider_->Bind(wxEVT_KEY_UP, [this](wxKeyEvent& event) {
    event.Skip();
    const int key = event.GetKeyCode();
    const bool moves = key == WXK_LEFT || key == WXK_RIGHT || key == WXK_UP || key == WXK_DOWN ||
                       key == WXK_HOME || key == WXK_END || key == WXK_PAGEUP ||
                       key == WXK_PAGEDOWN;
    if (moves && !dead()) choose();
  });
  clear_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (dead()) return;
    value_.clear();
    showNumber();
    host().commit(*this, Commit::Done);
  });
}

std::vector<wxWindow*> RangeField::editors() const { return {slider_, clear_}; }

wxWindow* RangeField::focusTarget() const { return slider_; }

void RangeField::collectWindows(std::vector<wxWindow*>& into) const {
  FormField::collectWindows(into);
  into.push_back(lowest_);
  into.push_back(highest_);
  into.push_back(shown_);
}

void RangeField::applyVisibility(bool parentShown) {
  FormField::applyVisibility(parentShown);
  for (wxWindow* window : {static_cast<wxWindow*>(lowest_), static_cast<wxWindow*>(highest_),
                           static_cast<wxWindow*>(shown_)})
    window->Show(shown());
  clear_->Show(shown() && !value_.empty());
}

std::string RangeField::answer() const { return value_; }

std::string RangeField::positionText() const {
  return scaleText(start_ + step_ * slider_->GetValue());
}

void RangeField::choose() {
  const std::string chosen = positionText();
  if (chosen == value_) return;
  value_ = chosen;
  showNumber();
  host().commit(*this, Commit::Done);
}

void RangeField::putValue(const std::string& value) {
  // The session's value as it is, even off the scale (a default, a draft, a trigger's target):
  // the thumb goes as near as it can, and nothing is rewritten until the clerk moves it.
  value_ = value;
  if (!value.empty()) {
    const double number = std::strtod(value.c_str(), nullptr);
    const long position = std::lround((number - start_) / step_);
    slider_->SetValue(
        static_cast<int>(std::clamp<long>(position, slider_->GetMin(), slider_->GetMax())));
  } else {
    slider_->SetValue(0);
  }
  showNumber();
}

void RangeField::showNumber() {
  // Until the clerk chooses there is no answer, though the thumb has to stand somewhere.
  const bool answered = !value_.empty();
  shown_->SetLabel(answered ? wx(value_) : wxString(_("not chosen")));
  shown_->SetForegroundColour(answered ? wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT)
                                       : wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  const bool clearable = shown() && answered;
  if (clear_->IsShown() != clearable) {
    clear_->Show(clearable);
    host().relayoutSoon();  // the button takes its place in the row, or gives it back
  }
}

// --- RankField ---------------------------------------------------------------------------------

void RankField::createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) {
  wxWindow* parent = canvas();
  list_ = new wxListBox(parent, wxID_ANY);
  list_->SetName(wx(view.path));
  up_ = new wxButton(parent, wxID_ANY, _("Move up"));
  down_ = new wxButton(parent, wxID_ANY, _("Move down"));
  accept_ = new wxButton(parent, wxID_ANY, _("Use this order"));
  auto* buttons = new wxBoxSizer(wxVERTICAL);
  buttons->Add(up_, wxSizerFlags().Expand());
  buttons->Add(down_, wxSizerFlags().Expand().Border(wxTOP, parent->FromDIP(4)));
  buttons->Add(accept_, wxSizerFlags().Expand().Border(wxTOP, parent->FromDIP(4)));
  row->Add(list_);
  row->Add(buttons, wxSizerFlags().Border(wxLEFT, parent->FromDIP(8)));
  singleLine = false;
  putChoices(view.choices, view.value);
  up_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { move(-1); });
  down_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { move(+1); });
  accept_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (dead()) return;
    ranked_ = true;
    host().commit(*this, Commit::Done);
  });
  // Ctrl+Up and Ctrl+Down move the selected choice without leaving the list.
  list_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& event) {
    if (event.ControlDown() && event.GetKeyCode() == WXK_UP) {
      move(-1);
    } else if (event.ControlDown() && event.GetKeyCode() == WXK_DOWN) {
      move(+1);
    } else {
      event.Skip();
    }
  });
}

std::vector<wxWindow*> RankField::editors() const { return {list_, up_, down_, accept_}; }

wxWindow* RankField::focusTarget() const { return list_; }

std::string RankField::answer() const {
  if (!ranked_) return {};
  std::string out;
  for (const auto& value : order_) {
    if (!out.empty()) out += ' ';
    out += value;
  }
  return out;
}

void RankField::move(int by) {
  if (dead()) return;
  const int selected = list_->GetSelection();
  const int to = selected + by;
  if (selected == wxNOT_FOUND || to < 0 || to >= static_cast<int>(order_.size())) return;
  std::swap(order_[static_cast<std::size_t>(selected)], order_[static_cast<std::size_t>(to)]);
  showOrder();
  list_->SetSelection(to);
  ranked_ = true;
  host().commit(*this, Commit::Done);
}

void RankField::putValue(const std::string& value) {
  // The session's order first; choices it does not name (new ones after a cascade) after it.
  std::vector<std::string> order;
  for (const auto& one : answerValues(value)) {
    if (labels_.count(one) != 0 && std::find(order.begin(), order.end(), one) == order.end())
      order.push_back(one);
  }
  for (const auto& choice : choices_)
    if (std::find(order.begin(), order.end(), choice) == order.end()) order.push_back(choice);
  // An order of other choices (left from before a cascade) is no answer: the clerk orders the
  // new ones, or takes them as they stand.
  std::vector<std::string> named = answerValues(value);
  std::vector<std::string> current = choices_;
  std::sort(named.begin(), named.end());
  std::sort(current.begin(), current.end());
  ranked_ = !value.empty() && named == current;
  const int selected = list_->GetSelection();
  if (order != order_) {
    order_ = std::move(order);
    showOrder();
    if (selected != wxNOT_FOUND && selected < static_cast<int>(order_.size()))
      list_->SetSelection(selected);
  }
  accept_->Show(!ranked_ && shown());
}

void RankField::putChoices(const std::vector<forms::ChoiceView>& choices,
                           const std::string& value) {
  choices_.clear();
  labels_.clear();
  for (const auto& choice : choices) {
    choices_.push_back(choice.value);
    labels_[choice.value] = choice.label.empty() ? choice.value : choice.label;
  }
  order_.clear();
  putValue(value);
  showOrder();
}

void RankField::showOrder() {
  wxArrayString lines;
  for (std::size_t i = 0; i < order_.size(); ++i)
    lines.push_back(wxString::Format("%zu. ", i + 1) + wx(labels_[order_[i]]));
  if (list_->GetStrings() != lines) list_->Set(lines);
  // Every choice in sight up to a dozen (a longer list scrolls), never less than a few lines
  // while a cascade above has not given any yet.
  constexpr int kFewest = 4;
  constexpr int kMost = 12;
  const int rows = std::clamp(static_cast<int>(order_.size()), kFewest, kMost);
  const int height = list_->GetCharHeight() * rows * 3 / 2 + canvas()->FromDIP(8);
  if (list_->GetMinSize().y != height) {
    list_->SetMinSize(wxSize(canvas()->FromDIP(240), height));
    host().relayoutSoon();
  }
}

void RankField::applyVisibility(bool parentShown) {
  FormField::applyVisibility(parentShown);
  accept_->Show(shown() && !ranked_);
}

}  // namespace onewindow::app
