#include <algorithm>
#include <functional>
#include <utility>

#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>

#include "client/app/choice_flow.hpp"
#include "client/app/form_field_kinds.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

std::vector<std::string> valuesOf(const std::vector<forms::ChoiceView>& choices) {
  std::vector<std::string> values;
  values.reserve(choices.size());
  for (const auto& choice : choices) values.push_back(choice.value);
  return values;
}

wxArrayString labelsOf(const std::vector<forms::ChoiceView>& choices) {
  wxArrayString labels;
  labels.reserve(choices.size());
  for (const auto& choice : choices) {
    labels.push_back(wx(choice.label.empty() ? choice.value : choice.label));
  }
  return labels;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string joinChosen(const std::vector<std::string>& values, const std::vector<bool>& chosen) {
  std::string answer;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!chosen[i]) continue;
    if (!answer.empty()) answer += ' ';
    answer += values[i];
  }
  return answer;
}

// Radio buttons and check boxes: in lines as wide as the form's column, long labels broken
// (choice_flow.hpp); the narrowest the column may get for them is that of a drop-down list.
ChoiceFlowSizer* choiceFlow(wxWindow* canvas, std::function<void()> reflowed) {
  return new ChoiceFlowSizer(canvas->FromDIP(16), canvas->FromDIP(4), canvas->FromDIP(240),
                             std::move(reflowed));
}

}  // namespace

// --- ChoiceField -------------------------------------------------------------------------------

void ChoiceField::createEditors(const forms::ControlView& view, wxSizer* row,
                                bool& /*singleLine*/) {
  choice_ = new wxChoice(canvas(), wxID_ANY);
  choice_->SetName(wx(view.path));
  choice_->SetMinSize(wxSize(canvas()->FromDIP(240), -1));
  putChoices(view.choices, view.value);
  row->Add(choice_);
  choice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    if (!dead()) host().commit(*this, Commit::Done);
  });
}

std::vector<wxWindow*> ChoiceField::editors() const { return {choice_}; }

wxWindow* ChoiceField::focusTarget() const { return choice_; }

std::string ChoiceField::answer() const {
  const int selected = choice_->GetSelection();
  if (selected <= 0 || static_cast<std::size_t>(selected) > values_.size()) return {};
  return values_[static_cast<std::size_t>(selected) - 1];
}

void ChoiceField::putValue(const std::string& value) {
  const auto at = std::find(values_.begin(), values_.end(), value);
  // A value that is not one of the choices (left over from an earlier cascade) shows blank;
  // the session reports it as the field's problem.
  const int index = at == values_.end() ? 0 : static_cast<int>(at - values_.begin()) + 1;
  if (choice_->GetSelection() != index) choice_->SetSelection(index);
}

void ChoiceField::putChoices(const std::vector<forms::ChoiceView>& choices,
                             const std::string& value) {
  std::vector<std::string> values = valuesOf(choices);
  wxArrayString labels = labelsOf(choices);
  labels.insert(labels.begin(), wxString());
  if (values != values_ || choice_->GetStrings() != labels) {
    values_ = std::move(values);
    choice_->Set(labels);
  }
  putValue(value);
}

// --- RadioField --------------------------------------------------------------------------------

void RadioField::createEditors(const forms::ControlView& view, wxSizer* row, bool& /*singleLine*/) {
  wxWindow* parent = canvas();
  // wxRB_GROUP starts a new group here, so neighbouring radio fields never share one.
  none_ = new wxRadioButton(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                            wxRB_GROUP);
  none_->Hide();
  none_->SetValue(true);
  values_ = valuesOf(view.choices);
  const wxArrayString labels = labelsOf(view.choices);
  ChoiceFlowSizer* flow = choiceFlow(parent, [this] {
    if (!dead()) host().relayoutSoon();
  });
  for (std::size_t i = 0; i < values_.size(); ++i) {
    auto* button = new wxRadioButton(parent, wxID_ANY, labels[i]);
    button->SetName(wx(view.path + "=" + values_[i]));
    buttons_.push_back(button);
    flow->addChoice(button, labels[i]);
    button->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) {
      if (!dead()) host().commit(*this, Commit::Done);
    });
  }
  row->Add(flow, wxSizerFlags(1));
  putValue(view.value);
}

std::vector<wxWindow*> RadioField::editors() const { return {buttons_.begin(), buttons_.end()}; }

void RadioField::collectWindows(std::vector<wxWindow*>& into) const {
  FormField::collectWindows(into);
  into.push_back(none_);
}

wxWindow* RadioField::focusTarget() const {
  for (wxRadioButton* button : buttons_) {
    if (button->GetValue()) return button;
  }
  return buttons_.empty() ? static_cast<wxWindow*>(none_) : buttons_.front();
}

std::string RadioField::answer() const {
  for (std::size_t i = 0; i < buttons_.size(); ++i) {
    if (buttons_[i]->GetValue()) return values_[i];
  }
  return {};
}

void RadioField::putValue(const std::string& value) {
  if (answer() == value) return;
  const auto at = std::find(values_.begin(), values_.end(), value);
  if (at == values_.end()) {
    none_->SetValue(true);
  } else {
    buttons_[static_cast<std::size_t>(at - values_.begin())]->SetValue(true);
  }
}

// --- CheckBoxesField ---------------------------------------------------------------------------

void CheckBoxesField::createEditors(const forms::ControlView& view, wxSizer* row,
                                    bool& /*singleLine*/) {
  wxWindow* parent = canvas();
  values_ = valuesOf(view.choices);
  const wxArrayString labels = labelsOf(view.choices);
  ChoiceFlowSizer* flow = choiceFlow(parent, [this] {
    if (!dead()) host().relayoutSoon();
  });
  for (std::size_t i = 0; i < values_.size(); ++i) {
    auto* box = new wxCheckBox(parent, wxID_ANY, labels[i]);
    box->SetName(wx(view.path + "=" + values_[i]));
    boxes_.push_back(box);
    flow->addChoice(box, labels[i]);
    box->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
      if (!dead()) host().commit(*this, Commit::Done);
    });
  }
  row->Add(flow, wxSizerFlags(1));
  putValue(view.value);
}

std::vector<wxWindow*> CheckBoxesField::editors() const { return {boxes_.begin(), boxes_.end()}; }

wxWindow* CheckBoxesField::focusTarget() const { return boxes_.empty() ? nullptr : boxes_.front(); }

std::string CheckBoxesField::answer() const {
  std::vector<bool> chosen;
  for (wxCheckBox* box : boxes_) chosen.push_back(box->GetValue());
  return joinChosen(values_, chosen);
}

void CheckBoxesField::putValue(const std::string& value) {
  const std::vector<std::string> chosen = answerValues(value);
  for (std::size_t i = 0; i < boxes_.size(); ++i) {
    const bool on = contains(chosen, values_[i]);
    if (boxes_[i]->GetValue() != on) boxes_[i]->SetValue(on);
  }
}

// --- CheckListField ----------------------------------------------------------------------------

void CheckListField::createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) {
  wxWindow* parent = canvas();
  list_ = new wxCheckListBox(parent, wxID_ANY);
  list_->SetName(wx(view.path));
  const int rows = static_cast<int>(std::clamp<std::size_t>(view.choices.size(), 3, 8));
  list_->SetMinSize(wxSize(parent->FromDIP(300), rows * parent->FromDIP(24) + parent->FromDIP(6)));
  putChoices(view.choices, view.value);
  row->Add(list_);
  singleLine = false;
  list_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) {
    if (!dead()) host().commit(*this, Commit::Done);
  });
}

std::vector<wxWindow*> CheckListField::editors() const { return {list_}; }

wxWindow* CheckListField::focusTarget() const { return list_; }

std::string CheckListField::answer() const {
  std::vector<bool> chosen;
  for (unsigned i = 0; i < values_.size(); ++i) chosen.push_back(list_->IsChecked(i));
  return joinChosen(values_, chosen);
}

void CheckListField::putValue(const std::string& value) {
  const std::vector<std::string> chosen = answerValues(value);
  for (unsigned i = 0; i < values_.size(); ++i) {
    const bool on = contains(chosen, values_[i]);
    if (list_->IsChecked(i) != on) list_->Check(i, on);
  }
}

void CheckListField::putChoices(const std::vector<forms::ChoiceView>& choices,
                                const std::string& value) {
  std::vector<std::string> values = valuesOf(choices);
  const wxArrayString labels = labelsOf(choices);
  if (values != values_ || list_->GetStrings() != labels) {
    values_ = std::move(values);
    list_->Set(labels);
  }
  putValue(value);
}

}  // namespace onewindow::app
