#pragma once
// The kinds of FormField (client/app/form_field.hpp), one per way of answering. Only
// makeFormField() and FormView's tests need the concrete classes.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "client/app/form_field.hpp"

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxListBox;
class wxRadioButton;
class wxSlider;
class wxTextCtrl;

namespace onewindow::app {

// input: one text field for every type. Dates are typed, not picked: a clerk copies them from
// documents, and "19900101" (as printed inside an ID number) is accepted for 1990-01-01.
class TextField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] wxTextCtrl* text() const { return text_; }

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;

 private:
  wxTextCtrl* text_ = nullptr;
};

// A note: the label is the content (with <output>s read live); nothing to answer.
class NoteField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override { return value_; }
  [[nodiscard]] wxWindow* focusTarget() const override { return nullptr; }

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override { return {}; }
  void putValue(const std::string& value) override { value_ = value; }
  [[nodiscard]] bool labelOnly() const override { return true; }

 private:
  std::string value_;
};

// select1 as a drop-down list: many choices or choices that change (cascades). The first entry
// is blank: no answer yet, and how the clerk clears one.
class ChoiceField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] wxChoice* list() const { return choice_; }
  [[nodiscard]] const std::vector<std::string>& values() const { return values_; }

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;
  void putChoices(const std::vector<forms::ChoiceView>& choices, const std::string& value) override;

 private:
  wxChoice* choice_ = nullptr;
  std::vector<std::string> values_;
};

// select1 with a few fixed choices: radio buttons in a row. GTK always keeps one button of a
// group on, so a hidden first button stands for "no answer yet".
class RadioField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] const std::vector<wxRadioButton*>& buttons() const { return buttons_; }
  void collectWindows(std::vector<wxWindow*>& into) const override;

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;

 private:
  wxRadioButton* none_ = nullptr;
  std::vector<wxRadioButton*> buttons_;
  std::vector<std::string> values_;
};

// select with a few fixed choices: check boxes in a row.
class CheckBoxesField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] const std::vector<wxCheckBox*>& boxes() const { return boxes_; }

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;

 private:
  std::vector<wxCheckBox*> boxes_;
  std::vector<std::string> values_;
};

// select with many or changing choices: a check list (Space ticks the current line).
class CheckListField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] wxCheckListBox* list() const { return list_; }

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;
  void putChoices(const std::vector<forms::ChoiceView>& choices, const std::string& value) override;

 private:
  wxCheckListBox* list_ = nullptr;
  std::vector<std::string> values_;
};

// upload: the material slot it fills, the attached file's name and "Attach file...".
class UploadField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override { return value_; }
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] const std::string& materialKey() const { return materialKey_; }
  [[nodiscard]] const std::string& mediatype() const { return mediatype_; }
  [[nodiscard]] wxButton* attachButton() const { return attach_; }
  [[nodiscard]] wxString shownFileName() const;

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;

 private:
  std::string value_;
  std::string materialKey_;
  std::string mediatype_;
  wxStaticText* fileName_ = nullptr;
  wxStaticText* material_ = nullptr;
  wxButton* attach_ = nullptr;
};

// trigger (XLSForm "acknowledge"): one check box; ticked is "OK", as ODK stores it.
class AcknowledgeField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] wxCheckBox* box() const { return box_; }

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;

 private:
  wxCheckBox* box_ = nullptr;
};

// range: a slider over the form's scale, its ends written beside it, then the value chosen and
// "Clear". The thumb has to stand somewhere, so "not chosen" says when there is no answer; a
// value off the scale (a default, an old draft) is kept as it is until the clerk moves the thumb.
class RangeField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] wxSlider* slider() const { return slider_; }
  [[nodiscard]] wxStaticText* shownValue() const { return shown_; }
  [[nodiscard]] wxButton* clearButton() const { return clear_; }
  void collectWindows(std::vector<wxWindow*>& into) const override;
  void applyVisibility(bool parentShown) override;

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;

 private:
  [[nodiscard]] std::string positionText() const;  // the value under the thumb
  void choose();                                   // the clerk's choice: the value under the thumb
  void showNumber();

  double start_ = 0;
  double step_ = 1;    // negative for a scale that runs downwards
  std::string value_;  // the answer, "" for none
  wxSlider* slider_ = nullptr;
  wxStaticText* lowest_ = nullptr;
  wxStaticText* highest_ = nullptr;
  wxStaticText* shown_ = nullptr;
  wxButton* clear_ = nullptr;
};

// odk:rank: the choices in a numbered list; the clerk moves the selected one up or down (buttons
// or Ctrl+Up/Down). The form's order stands until the clerk moves something or takes it as it is
// ("Use this order"): until then there is no answer.
class RankField final : public FormField {
 public:
  using FormField::FormField;
  [[nodiscard]] std::string answer() const override;
  [[nodiscard]] wxWindow* focusTarget() const override;
  [[nodiscard]] wxListBox* list() const { return list_; }
  [[nodiscard]] wxButton* upButton() const { return up_; }
  [[nodiscard]] wxButton* downButton() const { return down_; }
  [[nodiscard]] wxButton* acceptButton() const { return accept_; }
  void applyVisibility(bool parentShown) override;

 protected:
  void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) override;
  [[nodiscard]] std::vector<wxWindow*> editors() const override;
  void putValue(const std::string& value) override;
  void putChoices(const std::vector<forms::ChoiceView>& choices, const std::string& value) override;

 private:
  void move(int by);
  void showOrder();

  std::vector<std::string> choices_;           // in the form's order
  std::map<std::string, std::string> labels_;  // value → label
  std::vector<std::string> order_;             // as shown
  bool ranked_ = false;
  wxListBox* list_ = nullptr;
  wxButton* up_ = nullptr;
  wxButton* down_ = nullptr;
  wxButton* accept_ = nullptr;
};

}  // namespace onewindow::app
