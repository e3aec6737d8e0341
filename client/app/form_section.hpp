#pragma once
// Sections of a drawn form (client/app/form_view.hpp): a group is a titled box around its
// controls; a repeat is a titled box around its instances, each instance a box of its own with
// a "Remove" button, and an "Add <label>" button after them (no buttons when the form fixes the
// count). The boxes are siblings drawn behind the controls, not their parents (see
// form_field.hpp), so windows keep one flat Tab order.

#include <memory>
#include <string>
#include <vector>

#include "client/app/form_field.hpp"

class wxButton;
class wxSizerFlags;
class wxStaticBox;
class wxStaticBoxSizer;
class wxStaticText;

namespace onewindow::app {

// The room (DIP) between a box's frame and what it holds; FormView narrows the label column of
// boxed fields by it so that editors still line up.
constexpr int kSectionGap = 4;

class GroupSection : public FormNode {
 public:
  GroupSection(wxWindow* canvas, std::string path, const wxString& title, bool relevant);

  [[nodiscard]] wxSizer* sizer() const override;
  [[nodiscard]] wxStaticBox* box() const { return box_; }
  void setTitle(const wxString& title);
  // Takes a child node and adds its sizer at the end of the box.
  FormNode& add(std::unique_ptr<FormNode> child);
  // Windows that belong to the section but are no node (a repeat instance's Remove button).
  void addWindow(wxWindow* window, const wxSizerFlags& flags);

  [[nodiscard]] std::vector<FormNode*> children() const override;
  void applyVisibility(bool parentShown) override;
  void collectWindows(std::vector<wxWindow*>& into) const override;

 private:
  wxWindow* canvas_;
  wxStaticBox* box_ = nullptr;
  wxStaticBoxSizer* sizer_ = nullptr;
  std::vector<std::unique_ptr<FormNode>> children_;
  std::vector<wxWindow*> windows_;
};

class RepeatSection final : public FormNode {
 public:
  RepeatSection(wxWindow* canvas, std::string path, const wxString& title, bool relevant);
  // The "Add ..." button, created after the first instances so that it follows them in the Tab
  // order; a repeat whose count the form fixes has none.
  void createAddButton(const wxString& label);

  [[nodiscard]] wxSizer* sizer() const override;
  [[nodiscard]] wxStaticBox* box() const { return box_; }
  [[nodiscard]] wxButton* addButton() const { return add_; }
  [[nodiscard]] bool canAddRemove() const { return add_ != nullptr; }
  // The inset of the boxes around the repeat, where its instances are drawn again.
  void setOuterInset(int inset) { outerInset_ = inset; }
  [[nodiscard]] int outerInset() const { return outerInset_; }

  // Instances in order: a section and its Remove button (nullptr when there is none; when there
  // is one, the section holds it).
  void addInstance(std::unique_ptr<GroupSection> instance, wxButton* remove);
  // Puts windows created for instances after a redraw where they belong in the Tab order:
  // after the section's title and before its Add button and whatever follows the section.
  void placeInTabOrder(const std::vector<wxWindow*>& windows) const;
  [[nodiscard]] std::size_t instanceCount() const { return instances_.size(); }
  [[nodiscard]] GroupSection& instance(std::size_t index) const;  // 0-based
  [[nodiscard]] wxButton* removeButton(std::size_t index) const;  // 0-based
  // Takes every instance off the section: their sizers are detached (not deleted) and returned
  // with the nodes, for the form to destroy once no event handler can be running in them.
  struct Taken {
    std::vector<std::unique_ptr<FormNode>> nodes;
    std::vector<wxSizer*> sizers;
  };
  Taken takeInstances();
  // "No entries yet." while there are none.
  void showEmptyNote();

  [[nodiscard]] std::vector<FormNode*> children() const override;
  void applyVisibility(bool parentShown) override;
  void collectWindows(std::vector<wxWindow*>& into) const override;

 private:
  struct Instance {
    std::unique_ptr<GroupSection> section;
    wxButton* remove = nullptr;
  };

  wxWindow* canvas_;
  wxStaticBox* box_ = nullptr;
  wxStaticBoxSizer* sizer_ = nullptr;
  wxSizer* instancesSizer_ = nullptr;
  wxStaticText* emptyNote_ = nullptr;
  wxButton* add_ = nullptr;
  std::vector<Instance> instances_;
  int outerInset_ = 0;
};

}  // namespace onewindow::app
