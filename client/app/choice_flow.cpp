#include "client/app/choice_flow.hpp"

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

#include <wx/control.h>

#include "client/app/form_field.hpp"

namespace onewindow::app {

ChoiceFlowSizer::ChoiceFlowSizer(int gap, int lineGap, int narrowest,
                                 std::function<void()> reflowed)
    : gap_(gap), lineGap_(lineGap), narrowest_(narrowest), reflowed_(std::move(reflowed)) {}

void ChoiceFlowSizer::addChoice(wxControl* control, const wxString& label) {
  control->SetLabel(label);
  Choice choice;
  choice.control = control;
  choice.label = label;
  choice.natural = control->GetBestSize().x;
  choice.indicator = std::max(0, choice.natural - control->GetTextExtent(label).x);
  choices_.push_back(std::move(choice));
  Add(control);
}

const ChoiceFlowSizer::Choice* ChoiceFlowSizer::choiceOf(const wxWindow* window) const {
  for (const Choice& choice : choices_) {
    if (choice.control == window) return &choice;
  }
  return nullptr;
}

wxSize ChoiceFlowSizer::CalcMin() {
  int widest = 0;
  for (wxSizerItem* item : GetChildren()) {
    const Choice* choice = choiceOf(item->GetWindow());
    if (item->IsShown() && choice != nullptr) widest = std::max(widest, choice->natural);
  }
  // As narrow as the column may become, never wider than the widest choice on one line: the
  // width the form asks for does not depend on how the labels happen to be wrapped now.
  return {std::min(widest, narrowest_), flowHeight(wrappedFor_ > 0 ? wrappedFor_ : INT_MAX)};
}

ChoiceFlowSizer::Grid ChoiceFlowSizer::gridFor(int width) const {
  Grid grid;
  for (wxSizerItem* item : GetChildren()) {
    if (item->IsShown()) grid.items.push_back(item);
  }
  std::vector<wxSize> sizes;
  for (wxSizerItem* item : grid.items) sizes.push_back(item->CalcMin());
  const std::size_t count = sizes.size();
  if (count == 0) return grid;
  // As many columns as fit: each as wide as its widest choice, so that the lines line up.
  for (std::size_t columns = count; columns >= 1; --columns) {
    std::vector<int> widths(columns, 0);
    for (std::size_t i = 0; i < count; ++i) {
      widths[i % columns] = std::max(widths[i % columns], sizes[i].x);
    }
    int total = gap_ * static_cast<int>(columns - 1);
    for (const int w : widths) total += w;
    if (total <= width || columns == 1) {
      grid.columns = std::move(widths);
      break;
    }
  }
  const std::size_t columns = grid.columns.size();
  grid.rows.assign((count + columns - 1) / columns, 0);
  for (std::size_t i = 0; i < count; ++i) {
    grid.rows[i / columns] = std::max(grid.rows[i / columns], sizes[i].y);
  }
  return grid;
}

int ChoiceFlowSizer::flowHeight(int width) const {
  const Grid grid = gridFor(width);
  int height = lineGap_ * std::max(0, static_cast<int>(grid.rows.size()) - 1);
  for (const int row : grid.rows) height += row;
  return height;
}

void ChoiceFlowSizer::wrapTo(int width) {
  // Only the controls still here: one destroyed has left the sizer.
  for (wxSizerItem* item : GetChildren()) {
    const Choice* choice = choiceOf(item->GetWindow());
    if (choice == nullptr) continue;
    const wxString text =
        choice->natural <= width
            ? choice->label
            : wrapToWidth(choice->control, choice->label, std::max(1, width - choice->indicator));
    if (choice->control->GetLabel() == text) continue;
    choice->control->SetLabel(text);
    choice->control->InvalidateBestSize();
  }
}

void ChoiceFlowSizer::RepositionChildren(const wxSize& /*minSize*/) {
  const int width = m_size.x;
  if (width <= 0) return;
  if (width != wrappedFor_) {
    wrapTo(width);
    wrappedFor_ = width;
    if (flowHeight(width) != m_size.y && reflowed_) reflowed_();
  }
  const Grid grid = gridFor(width);
  const std::size_t columns = grid.columns.size();
  int y = m_position.y;
  for (std::size_t i = 0; i < grid.items.size(); ++i) {
    const std::size_t column = i % columns;
    if (i > 0 && column == 0) y += grid.rows[i / columns - 1] + lineGap_;
    int x = m_position.x;
    for (std::size_t c = 0; c < column; ++c) x += grid.columns[c] + gap_;
    grid.items[i]->SetDimension(wxPoint(x, y), grid.items[i]->CalcMin());
  }
}

}  // namespace onewindow::app
