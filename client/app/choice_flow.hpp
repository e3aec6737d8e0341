#pragma once
// The choices of a select (radio buttons, check boxes) side by side while they fit the form's
// column, else in as many aligned columns as fit, down to one; a choice wider than the column on
// its own has its label broken into lines, since GTK never wraps the label of a button. The buttons
// stay real radio buttons and check boxes: the whole label selects, and Tab, the arrow keys and
// Space work as GTK makes them work.
//
// The column's width is known only when the form is laid out, so the labels are wrapped then.
// When that changed the choices' height, `reflowed` is called: the form must be laid out once
// more (later, not from inside the layout).

#include <functional>
#include <vector>

#include <wx/sizer.h>

class wxControl;
class wxWindow;

namespace onewindow::app {

class ChoiceFlowSizer final : public wxSizer {
 public:
  // `gap` between choices on a line, `lineGap` between lines, `narrowest`: the width the
  // choices may be squeezed to before the column must grow.
  ChoiceFlowSizer(int gap, int lineGap, int narrowest, std::function<void()> reflowed);

  // Adds the control (a child of the form's canvas) with its label as the form names it.
  void addChoice(wxControl* control, const wxString& label);

  wxSize CalcMin() override;
  void RepositionChildren(const wxSize& minSize) override;

 private:
  struct Choice {
    wxControl* control = nullptr;
    wxString label;     // unbroken
    int natural = 0;    // the control's width with the label on one line
    int indicator = 0;  // the part of that width that is not the label's text
  };

  // The choices shown, laid out in as many columns as `width` takes.
  struct Grid {
    std::vector<wxSizerItem*> items;
    std::vector<int> columns;  // widths
    std::vector<int> rows;     // heights
  };

  [[nodiscard]] const Choice* choiceOf(const wxWindow* window) const;
  [[nodiscard]] Grid gridFor(int width) const;
  // The height of the choices flowed into `width`, at the controls' present sizes.
  [[nodiscard]] int flowHeight(int width) const;
  void wrapTo(int width);

  int gap_;
  int lineGap_;
  int narrowest_;
  std::function<void()> reflowed_;
  std::vector<Choice> choices_;
  int wrappedFor_ = 0;  // the width the labels are wrapped for; 0: not laid out yet
};

}  // namespace onewindow::app
