#pragma once
// The list of every problem of a form, shown at its top once the clerk asks for the form to be
// checked (saving, deciding): one line per problem, "label: message", in form order. Clicking
// a line sends the clerk to the field. The lines take no keyboard focus: Tab stays on the
// fields, and FormView::focusFirstProblem() is the keyboard way to the first problem.

#include <functional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "forms/form_session.hpp"

class wxStaticText;
class wxSizer;
class wxGenericHyperlinkCtrl;

namespace onewindow::app {

class ProblemSummary final : public wxPanel {
 public:
  ProblemSummary(wxWindow* parent, std::function<void(const std::string& path)> onPick);

  // Shows `problems`; returns whether the lines changed (the form then needs a Layout).
  bool show(const std::vector<forms::Problem>& problems);
  [[nodiscard]] const std::vector<forms::Problem>& problems() const { return problems_; }
  [[nodiscard]] wxString title() const;
  [[nodiscard]] std::size_t lineCount() const { return lines_.size(); }
  [[nodiscard]] wxWindow* line(std::size_t index) const;  // for tests: what to click
  [[nodiscard]] wxString lineText(std::size_t index) const;

  bool AcceptsFocus() const override { return false; }
  bool AcceptsFocusFromKeyboard() const override { return false; }

 private:
  std::function<void(const std::string&)> onPick_;
  std::vector<forms::Problem> problems_;
  bool shownOnce_ = false;
  wxStaticText* title_ = nullptr;
  wxSizer* linesSizer_ = nullptr;
  std::vector<wxGenericHyperlinkCtrl*> lines_;
};

}  // namespace onewindow::app
