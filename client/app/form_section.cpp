#include "client/app/form_section.hpp"

#include <stdexcept>

#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>

namespace onewindow::app {

// --- GroupSection ------------------------------------------------------------------------------

GroupSection::GroupSection(wxWindow* canvas, std::string path, const wxString& title, bool relevant)
    : FormNode(std::move(path)), canvas_(canvas) {
  setRelevant(relevant);
  box_ = new wxStaticBox(canvas_, wxID_ANY, wxControl::EscapeMnemonics(title));
  sizer_ = new wxStaticBoxSizer(box_, wxVERTICAL);
}

wxSizer* GroupSection::sizer() const { return sizer_; }

void GroupSection::setTitle(const wxString& title) {
  const wxString label = wxControl::EscapeMnemonics(title);
  if (box_->GetLabel() != label) box_->SetLabel(label);
}

FormNode& GroupSection::add(std::unique_ptr<FormNode> child) {
  sizer_->Add(child->sizer(), wxSizerFlags().Expand().Border(wxALL, canvas_->FromDIP(kSectionGap)));
  children_.push_back(std::move(child));
  return *children_.back();
}

void GroupSection::addWindow(wxWindow* window, const wxSizerFlags& flags) {
  sizer_->Add(window, flags);
  windows_.push_back(window);
}

std::vector<FormNode*> GroupSection::children() const {
  std::vector<FormNode*> nodes;
  nodes.reserve(children_.size());
  for (const auto& child : children_) nodes.push_back(child.get());
  return nodes;
}

void GroupSection::applyVisibility(bool parentShown) {
  rememberParentShown(parentShown);
  const bool show = shown();
  box_->Show(show);
  for (wxWindow* window : windows_) window->Show(show);
  for (const auto& child : children_) child->applyVisibility(show);
}

void GroupSection::collectWindows(std::vector<wxWindow*>& into) const {
  into.push_back(box_);
  for (const auto& child : children_) child->collectWindows(into);
  into.insert(into.end(), windows_.begin(), windows_.end());
}

// --- RepeatSection -----------------------------------------------------------------------------

RepeatSection::RepeatSection(wxWindow* canvas, std::string path, const wxString& title,
                             bool relevant)
    : FormNode(std::move(path)), canvas_(canvas) {
  setRelevant(relevant);
  box_ = new wxStaticBox(canvas_, wxID_ANY, wxControl::EscapeMnemonics(title));
  sizer_ = new wxStaticBoxSizer(box_, wxVERTICAL);
  emptyNote_ = new wxStaticText(canvas_, wxID_ANY, _("No entries yet."));
  emptyNote_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  sizer_->Add(emptyNote_, wxSizerFlags().Border(wxALL, canvas_->FromDIP(6)));
  instancesSizer_ = new wxBoxSizer(wxVERTICAL);
  sizer_->Add(instancesSizer_, wxSizerFlags().Expand());
}

void RepeatSection::createAddButton(const wxString& label) {
  add_ = new wxButton(canvas_, wxID_ANY, label);
  add_->SetName(wxString::FromUTF8(path()) + "+");
  sizer_->Add(add_, wxSizerFlags().Border(wxALL, canvas_->FromDIP(6)));
}

wxSizer* RepeatSection::sizer() const { return sizer_; }

void RepeatSection::addInstance(std::unique_ptr<GroupSection> instance, wxButton* remove) {
  instancesSizer_->Add(instance->sizer(),
                       wxSizerFlags().Expand().Border(wxALL, canvas_->FromDIP(kSectionGap)));
  instances_.push_back({std::move(instance), remove});
}

GroupSection& RepeatSection::instance(std::size_t index) const {
  if (index >= instances_.size()) {
    throw std::out_of_range("repeat " + path() + " has no instance " + std::to_string(index + 1));
  }
  return *instances_[index].section;
}

wxButton* RepeatSection::removeButton(std::size_t index) const {
  return index < instances_.size() ? instances_[index].remove : nullptr;
}

RepeatSection::Taken RepeatSection::takeInstances() {
  Taken taken;
  for (auto& instance : instances_) {
    wxSizer* sizer = instance.section->sizer();
    instancesSizer_->Detach(sizer);
    taken.sizers.push_back(sizer);
    taken.nodes.push_back(std::move(instance.section));
  }
  instances_.clear();
  return taken;
}

void RepeatSection::placeInTabOrder(const std::vector<wxWindow*>& windows) const {
  wxWindow* previous = emptyNote_;
  for (wxWindow* window : windows) {
    window->MoveAfterInTabOrder(previous);
    previous = window;
  }
}

void RepeatSection::showEmptyNote() { emptyNote_->Show(shown() && instances_.empty()); }

std::vector<FormNode*> RepeatSection::children() const {
  std::vector<FormNode*> nodes;
  nodes.reserve(instances_.size());
  for (const auto& instance : instances_) nodes.push_back(instance.section.get());
  return nodes;
}

void RepeatSection::applyVisibility(bool parentShown) {
  rememberParentShown(parentShown);
  const bool show = shown();
  box_->Show(show);
  if (add_ != nullptr) add_->Show(show);
  showEmptyNote();
  for (const auto& instance : instances_) instance.section->applyVisibility(show);
}

void RepeatSection::collectWindows(std::vector<wxWindow*>& into) const {
  into.push_back(box_);
  into.push_back(emptyNote_);
  for (const auto& instance : instances_) instance.section->collectWindows(into);
  if (add_ != nullptr) into.push_back(add_);
}

}  // namespace onewindow::app
