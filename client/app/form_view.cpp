#include "client/app/form_view.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/wupdlock.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/form_section.hpp"
#include "client/app/problem_summary.hpp"

namespace onewindow::app {
namespace {

wxString wx(const std::string& text) { return wxString::FromUTF8(text); }

// Typing pauses this long before the answer goes to the session: long enough not to
// recalculate on every key, short enough that dependent fields follow while the clerk types.
constexpr int kTypingPauseMs = 300;

// "/data/members[2]/name" → "/data/members/name": the definition names nodes without indexes.
std::string genericPath(const std::string& instancePath) {
  std::string generic;
  generic.reserve(instancePath.size());
  bool inIndex = false;
  for (const char c : instancePath) {
    if (c == '[') inIndex = true;
    if (!inIndex) generic += c;
    if (c == ']') inIndex = false;
  }
  return generic;
}

// pyxform wraps every repeat in a group of the same name and label: one box is enough.
const forms::ControlView* repeatOfGroup(const forms::ControlView& group) {
  if (group.children.size() != 1) return nullptr;
  const forms::ControlView& only = group.children.front();
  if (only.kind != forms::ControlKind::Repeat || only.path != group.path) return nullptr;
  return &only;
}

// The part of a select's answer that is still among its choices.
std::string keptChoices(const forms::ControlView& view) {
  std::string kept;
  std::size_t at = 0;
  while (at < view.value.size()) {
    const auto start = view.value.find_first_not_of(' ', at);
    if (start == std::string::npos) break;
    auto end = view.value.find(' ', start);
    if (end == std::string::npos) end = view.value.size();
    const std::string one = view.value.substr(start, end - start);
    const bool offered = std::any_of(view.choices.begin(), view.choices.end(),
                                     [&one](const forms::ChoiceView& c) { return c.value == one; });
    if (offered) kept += (kept.empty() ? "" : " ") + one;
    at = end;
  }
  return kept;
}

// The first answerable field inside a node, in form order.
FormField* firstField(FormNode& node) {
  if (auto* field = dynamic_cast<FormField*>(&node)) {
    return field->focusTarget() != nullptr && field->focusTarget()->IsEnabled() ? field : nullptr;
  }
  for (FormNode* child : node.children()) {
    if (!child->shown()) continue;
    if (FormField* field = firstField(*child)) return field;
  }
  return nullptr;
}

wxString fileTypes(const std::string& mediatype) {
  const wxString all = _("All files") + "|*";
  if (mediatype.rfind("image/", 0) == 0) {
    return _("Images and PDF") +
           "|*.png;*.PNG;*.jpg;*.JPG;*.jpeg;*.JPEG;*.tif;*.TIF;*.tiff;*.TIFF;*.pdf;*.PDF|" + all;
  }
  if (mediatype == "application/pdf") return _("PDF documents") + "|*.pdf;*.PDF|" + all;
  return all;
}

}  // namespace

FormView::FormView(wxWindow* parent, forms::FormSession& session)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxVSCROLL | wxHSCROLL | wxTAB_TRAVERSAL, "form-view"),
      session_(session),
      typingTimer_(this) {
  SetScrollRate(FromDIP(10), FromDIP(20));
  auto* top = new wxBoxSizer(wxVERTICAL);
  summary_ = new ProblemSummary(this, [this](const std::string& path) { focusField(path); });
  summary_->Hide();
  top->Add(summary_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(10)));
  bodySizer_ = new wxBoxSizer(wxVERTICAL);
  top->Add(bodySizer_, wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  SetSizer(top);
  Bind(
      wxEVT_TIMER,
      [this](wxTimerEvent&) {
        if (typing_ != nullptr) commit(*typing_, Commit::WhileTyping);
      },
      typingTimer_.GetId());
  build();
}

FormView::~FormView() {
  // Focus events fired while the windows go must not reach the session any more.
  destroying_ = true;
  typingTimer_.Stop();
  DestroyChildren();
  for (wxSizer* sizer : buriedSizers_) delete sizer;
}

void FormView::setOnChanged(std::function<void(const forms::ChangeSet&)> onChanged) {
  onChanged_ = std::move(onChanged);
}

void FormView::setOnUpload(
    std::function<void(const std::string& materialKey, const std::filesystem::path& file)>
        onUpload) {
  onUpload_ = std::move(onUpload);
}

// --- Drawing -----------------------------------------------------------------------------------

int FormView::labelWidth() const { return std::max(FromDIP(60), labelWidth_ - inset_); }

void FormView::build() {
  const std::vector<forms::ControlView> controls = session_.controls();
  if (sectionInset_ == 0) {
    // GTK draws the frame and title of a box: ask it once how much room they take.
    auto* probe = new wxStaticBox(this, wxID_ANY, "x");
    int top = 0;
    int side = 0;
    probe->GetBordersForSizer(&top, &side);
    probe->Destroy();
    sectionInset_ = side + FromDIP(kSectionGap);
  }
  inset_ = 0;
  labelWidth_ = measureLabelColumn(controls);
  for (const auto& view : controls) {
    std::unique_ptr<FormNode> node = buildNode(view);
    bodySizer_->Add(node->sizer(), wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
    node->applyVisibility(true);
    roots_.push_back(std::move(node));
  }
  relayout();
}

std::unique_ptr<FormNode> FormView::buildNode(const forms::ControlView& view) {
  std::unique_ptr<FormNode> node;
  switch (view.kind) {
    case forms::ControlKind::Group: {
      if (const forms::ControlView* repeat = repeatOfGroup(view)) return buildNode(*repeat);
      auto group = std::make_unique<GroupSection>(this, view.path, wx(view.label), view.relevant);
      inset_ += sectionInset_;
      for (const auto& child : view.children) group->add(buildNode(child));
      inset_ -= sectionInset_;
      node = std::move(group);
      break;
    }
    case forms::ControlKind::Repeat: {
      auto repeat = std::make_unique<RepeatSection>(this, view.path, wx(view.label), view.relevant);
      repeat->setOuterInset(inset_);
      fillRepeat(*repeat, view);
      if (view.canAddRemove) {
        repeat->createAddButton(wxString::Format(_("Add %s"), wx(view.label)));
        const std::string path = view.path;
        repeat->addButton()->Bind(wxEVT_BUTTON,
                                  [this, path](wxCommandEvent&) { addRepeatInstance(path); });
      }
      node = std::move(repeat);
      break;
    }
    default:
      node = makeFormField(*this, view, shapeOf(view));
      break;
  }
  registerNode(*node);
  return node;
}

void FormView::fillRepeat(RepeatSection& repeat, const forms::ControlView& view) {
  // Inside two boxes: the repeat's and the instance's.
  const int around = inset_;
  inset_ = repeat.outerInset() + 2 * sectionInset_;
  for (std::size_t i = 0; i < view.instances.size(); ++i) {
    const forms::ControlView& instance = view.instances[i];
    const wxString title = wxString::Format(_("%s (%d)"), wx(view.label), static_cast<int>(i + 1));
    auto section = std::make_unique<GroupSection>(this, instance.path, title, instance.relevant);
    for (const auto& child : instance.children) section->add(buildNode(child));
    wxButton* remove = nullptr;
    if (view.canAddRemove) {
      remove = new wxButton(this, wxID_ANY, _("Remove"));
      remove->SetName(wx(instance.path) + "-");
      section->addWindow(remove, wxSizerFlags().Right().Border(wxALL, FromDIP(4)));
      const std::string repeatPath = view.path;
      const std::size_t index = i + 1;
      // Later: the button is destroyed when the repeat is redrawn.
      remove->Bind(wxEVT_BUTTON, [this, repeatPath, index](wxCommandEvent&) {
        CallAfter([this, repeatPath, index] { removeRepeatInstance(repeatPath, index); });
      });
    }
    registerNode(*section);
    repeat.addInstance(std::move(section), remove);
  }
  inset_ = around;
}

void FormView::registerNode(FormNode& node) {
  if (node.path().empty()) return;
  if (auto* field = dynamic_cast<FormField*>(&node)) {
    fields_[node.path()] = field;
  } else if (auto* repeat = dynamic_cast<RepeatSection*>(&node)) {
    repeats_[node.path()] = repeat;
  } else if (auto* group = dynamic_cast<GroupSection*>(&node)) {
    groups_[node.path()] = group;
  }
}

void FormView::forget(FormNode& node) {
  for (FormNode* child : node.children()) forget(*child);
  if (typing_ == &node) {
    typing_ = nullptr;
    typingTimer_.Stop();
  }
  const auto drop = [&node](auto& index) {
    const auto at = index.find(node.path());
    if (at != index.end() && static_cast<FormNode*>(at->second) == &node) index.erase(at);
  };
  drop(fields_);
  drop(groups_);
  drop(repeats_);
}

void FormView::redrawRepeat(const std::string& repeatPath) {
  const auto at = repeats_.find(repeatPath);
  if (at == repeats_.end()) return;  // inside a section redrawn just before
  RepeatSection& repeat = *at->second;
  RepeatSection::Taken taken = repeat.takeInstances();
  for (const auto& node : taken.nodes) forget(*node);
  bury(std::move(taken.nodes), std::move(taken.sizers));

  const std::size_t before = GetChildren().size();
  fillRepeat(repeat, session_.control(repeatPath));
  std::vector<wxWindow*> created;
  std::size_t i = 0;
  for (wxWindow* child : GetChildren()) {
    if (i++ >= before) created.push_back(child);
  }
  repeat.placeInTabOrder(created);
#ifdef __WXGTK__
  // GTK moves the focus along its own focus chain, which wx rebuilds from the new order only at
  // idle time; a Tab or Enter right after this answer must already see the new fields.
  OnInternalIdle();
#endif
  repeat.reapplyVisibility();
}

void FormView::bury(std::vector<std::unique_ptr<FormNode>> nodes, std::vector<wxSizer*> sizers) {
  for (auto& node : nodes) {
    node->markDead();
    std::vector<wxWindow*> windows;
    node->collectWindows(windows);
    for (wxWindow* window : windows) window->Hide();
    buriedWindows_.insert(buriedWindows_.end(), windows.begin(), windows.end());
    buried_.push_back(std::move(node));
  }
  buriedSizers_.insert(buriedSizers_.end(), sizers.begin(), sizers.end());
  if (!burialPending_) {
    burialPending_ = true;
    // An event handler of one of these windows may be running right now (a focus change that
    // answered the session); they go once it has returned.
    CallAfter([this] { destroyBuried(); });
  }
}

void FormView::destroyBuried() {
  burialPending_ = false;
  // Tab may have chosen its next window just before the answer that redrew it: the focus then
  // went to the old window, and goes on to the one that took its place.
  wxWindow* focus = FindFocus();
  if (focus != nullptr &&
      std::find(buriedWindows_.begin(), buriedWindows_.end(), focus) != buriedWindows_.end()) {
    std::string path;
    const std::function<void(FormNode&)> owner = [&](FormNode& node) {
      if (auto* old = dynamic_cast<FormField*>(&node); old != nullptr && old->owns(focus)) {
        path = old->path();
      }
      for (FormNode* child : node.children()) owner(*child);
    };
    for (const auto& node : buried_) owner(*node);
    FormField* replacement = field(path);
    if (replacement != nullptr && replacement->shown() && replacement->focusTarget() != nullptr) {
      replacement->focusTarget()->SetFocus();
    }
  }
  // Windows first: each leaves its (detached) sizer as it goes, boxes included.
  for (wxWindow* window : buriedWindows_) window->Destroy();
  for (wxSizer* sizer : buriedSizers_) delete sizer;
  buriedWindows_.clear();
  buriedSizers_.clear();
  buried_.clear();
}

void FormView::rebuild() {
  // The session may hold another instance now: what was typed belongs to the old one.
  typing_ = nullptr;
  typingTimer_.Stop();
  std::set<std::string> visited;
  for (const auto& [path, field] : fields_) {
    if (field->visited()) visited.insert(path);
  }
  wxWindowUpdateLocker noFlicker(this);
  std::vector<wxSizer*> sizers;
  for (const auto& root : roots_) {
    bodySizer_->Detach(root->sizer());
    sizers.push_back(root->sizer());
  }
  fields_.clear();
  groups_.clear();
  repeats_.clear();
  bury(std::move(roots_), std::move(sizers));
  roots_.clear();
  build();
  for (const auto& path : visited) {
    if (FormField* field = this->field(path)) field->setVisited();
  }
  for (const auto& [path, field] : fields_) field->updateProblemShown(showAll_);
  if (showAll_) refreshSummary();
  relayout();
}

void FormView::relayout() {
  FitInside();
  Layout();
}

FieldShape FormView::shapeOf(const forms::ControlView& view) const {
  FieldShape shape;
  const forms::XFormDefinition& definition = session_.definition();
  const std::string generic = genericPath(view.path);
  const int index = definition.nodeIndex(generic);
  if (index < 0) return shape;
  const forms::InstanceNode& node = definition.nodes[static_cast<std::size_t>(index)];
  // pyxform writes every choice list as an itemset; only one that reads answers (a cascade's
  // predicate, a repeat's nodes) changes while the clerk works.
  const forms::Control* control = node.control;
  shape.choicesChange = control != nullptr && control->itemset.has_value() &&
                        !control->itemset->nodeset.references(generic).empty();
  // pyxform's note: a string input bound read-only "true()", nothing calculated into it.
  if (view.kind == forms::ControlKind::Input && view.type == forms::DataType::String &&
      node.bind >= 0) {
    const forms::Bind& bind = definition.binds[static_cast<std::size_t>(node.bind)];
    shape.note = bind.readonly.has_value() && bind.readonly->text() == "true()" &&
                 !bind.calculate.has_value() && view.value.empty();
  }
  return shape;
}

int FormView::measureLabelColumn(const std::vector<forms::ControlView>& controls) const {
  const int mark = requiredMarkWidth(this);
  int widest = 0;
  const std::function<void(const std::vector<forms::ControlView>&, int)> measure =
      [&](const std::vector<forms::ControlView>& views, int inset) {
        for (const auto& view : views) {
          if (view.kind == forms::ControlKind::Group) {
            if (const forms::ControlView* repeat = repeatOfGroup(view)) {
              measure({*repeat}, inset);
            } else {
              measure(view.children, inset + sectionInset_);
            }
          } else if (view.kind == forms::ControlKind::Repeat) {
            for (const auto& instance : view.instances) {
              measure(instance.children, inset + 2 * sectionInset_);
            }
          } else {
            widest = std::max(widest, GetTextExtent(wx(view.label)).x + mark + inset);
          }
        }
      };
  measure(controls, 0);
  // Labels line up in one column; a long one wraps rather than pushing every field right.
  return std::clamp(widest, FromDIP(100), FromDIP(220));
}

// --- Answers -----------------------------------------------------------------------------------

void FormView::typed(FormField& field) {
  if (destroying_ || field.dead()) return;
  if (typing_ != nullptr && typing_ != &field) commit(*typing_, Commit::WhileTyping);
  typing_ = &field;
  typingTimer_.StartOnce(kTypingPauseMs);
}

void FormView::commitPending() {
  if (typing_ != nullptr) commit(*typing_, Commit::WhileTyping);
}

void FormView::commit(FormField& field, Commit how) {
  if (destroying_ || field.dead()) return;
  if (typing_ == &field) {
    typing_ = nullptr;
    typingTimer_.Stop();
  }
  if (how == Commit::Done) field.setVisited();
  const std::string path = field.path();
  const std::string answer = field.answer();
  if (answer != session_.value(path)) {
    forms::ChangeSet changes;
    try {
      changes = session_.setAnswer(path, answer);
    } catch (const forms::SessionError& error) {
      // The form lets the clerk answer only what the session accepts: this is a bug.
      wxFAIL_MSG(
          wxString::Format("the session refused an answer at %s: %s", wx(path), wx(error.what())));
      field.showValue(session_.value(path));
      return;
    }
    answered(changes, &field, how);
    if (field.dead()) return;
  }
  if (how == Commit::Done) {
    // Show the answer as the session keeps it (trimmed; a typed shortcut spelled out).
    field.showValue(session_.value(path));
    if (field.updateProblemShown(showAll_)) relayout();
  }
}

void FormView::left(FormField& field) { commit(field, Commit::Done); }

void FormView::nextField(wxWindow* from) { from->Navigate(wxNavigationKeyEvent::IsForward); }

void FormView::attachRequested(FormField& field) {
  auto* upload = dynamic_cast<UploadField*>(&field);
  if (upload == nullptr) return;
  wxFileDialog dialog(this, wxString::Format(_("Attach a file for %s"), wx(upload->labelText())),
                      wxEmptyString, wxEmptyString, fileTypes(upload->mediatype()),
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dialog.ShowModal() != wxID_OK) return;
  const std::string path = upload->path();
  attachFile(path, std::filesystem::path(dialog.GetPath().utf8_string()));
}

void FormView::attachFile(const std::string& path, const std::filesystem::path& file) {
  auto* upload = dynamic_cast<UploadField*>(field(path));
  if (upload == nullptr) throw std::invalid_argument("the form has no upload control at " + path);
  commitPending();
  const std::string materialKey = upload->materialKey();
  upload->setVisited();
  const forms::ChangeSet changes =
      session_.setAnswer(path, reinterpret_cast<const char*>(file.filename().u8string().c_str()));
  apply(changes, upload, Commit::Done);
  if (onUpload_) onUpload_(materialKey, file);
  changed(changes);
  clearStaleChoices();
}

void FormView::addRepeatInstance(const std::string& repeatPath) {
  commitPending();
  answered(session_.addRepeat(repeatPath), nullptr, Commit::Done);
  const auto at = repeats_.find(repeatPath);
  if (at == repeats_.end() || at->second->instanceCount() == 0) return;
  RepeatSection& repeat = *at->second;
  if (FormField* first = firstField(repeat.instance(repeat.instanceCount() - 1))) {
    first->focusTarget()->SetFocus();
  }
}

void FormView::removeRepeatInstance(const std::string& repeatPath, std::size_t index) {
  commitPending();
  answered(session_.removeRepeat(repeatPath, index), nullptr, Commit::Done);
  const auto at = repeats_.find(repeatPath);
  if (at == repeats_.end()) return;
  RepeatSection& repeat = *at->second;
  // The focus stays where the removed instance was: on the one that took its place, else on
  // the Add button.
  if (repeat.instanceCount() >= index) {
    if (FormField* next = firstField(repeat.instance(index - 1))) {
      next->focusTarget()->SetFocus();
      return;
    }
  }
  if (repeat.addButton() != nullptr) repeat.addButton()->SetFocus();
}

void FormView::apply(const forms::ChangeSet& changes, const FormField* origin, Commit how) {
  bool layout = false;
  std::unique_ptr<wxWindowUpdateLocker> noFlicker;
  if (!changes.repeats.empty()) noFlicker = std::make_unique<wxWindowUpdateLocker>(this);
  for (const auto& repeatPath : changes.repeats) {
    redrawRepeat(repeatPath);
    layout = true;
  }
  bool problemsMoved = !changes.repeats.empty();
  for (const auto& change : changes.nodes) {
    problemsMoved = problemsMoved || change.validity || change.relevant;
    if (const auto at = fields_.find(change.path); at != fields_.end()) {
      FormField& field = *at->second;
      const bool wasRelevant = field.relevant();
      const forms::ControlView view = session_.control(change.path);
      field.refresh(view, change, &field == origin && how == Commit::WhileTyping);
      if (change.choices) {
        std::string kept = keptChoices(view);
        if (kept != view.value) staleChoices_.emplace_back(change.path, std::move(kept));
      }
      if (field.relevant() != wasRelevant) {
        field.reapplyVisibility();
        layout = true;
      }
      layout = field.updateProblemShown(showAll_) || change.label || layout;
      continue;
    }
    if (!change.relevant && !change.label) continue;
    FormNode* section = nullptr;
    if (const auto at = groups_.find(change.path); at != groups_.end()) section = at->second;
    if (const auto at = repeats_.find(change.path); at != repeats_.end()) section = at->second;
    if (section == nullptr) continue;  // a node without a control (a calculation)
    const forms::ControlView view = session_.control(change.path);
    if (auto* group = dynamic_cast<GroupSection*>(section); group != nullptr && change.label) {
      group->setTitle(wx(view.label));
    }
    if (section->relevant() != view.relevant) {
      section->setRelevant(view.relevant);
      section->reapplyVisibility();
    }
    layout = true;
  }
  if (showAll_ && problemsMoved) refreshSummary();
  if (layout || (showAll_ && problemsMoved)) relayout();
}

void FormView::changed(const forms::ChangeSet& changes) {
  if (onChanged_) onChanged_(changes);
}

void FormView::answered(const forms::ChangeSet& changes, const FormField* origin, Commit how) {
  apply(changes, origin, how);
  changed(changes);
  clearStaleChoices();
}

void FormView::clearStaleChoices() {
  // A cascade offers other choices now: an answer that is no longer among them is taken back,
  // as the clerk sees it (blank), and the next select down the cascade follows.
  while (!staleChoices_.empty()) {
    const auto [path, kept] = staleChoices_.front();
    staleChoices_.erase(staleChoices_.begin());
    FormField* stale = field(path);
    if (stale == nullptr || !stale->relevant() || stale->readonly()) continue;
    if (session_.value(path) == kept) continue;
    const forms::ChangeSet changes = session_.setAnswer(path, kept);
    apply(changes, nullptr, Commit::Done);
    changed(changes);
  }
}

// --- Problems ----------------------------------------------------------------------------------

std::vector<forms::Problem> FormView::problems() const { return session_.problems(); }

void FormView::refreshSummary() {
  summary_->show(session_.problems());
  if (!summary_->IsShown()) summary_->Show();
}

void FormView::showAllProblems() {
  commitPending();
  showAll_ = true;
  for (const auto& [path, field] : fields_) field->updateProblemShown(true);
  refreshSummary();
  relayout();
  Scroll(0, 0);
}

bool FormView::focusFirstProblem() {
  commitPending();
  for (const auto& problem : session_.problems()) {
    if (focusField(problem.path)) return true;
  }
  return false;
}

bool FormView::focusField(const std::string& path) {
  FormField* field = this->field(path);
  if (field == nullptr || !field->shown()) return false;
  field->setVisited();
  if (field->updateProblemShown(showAll_)) relayout();
  // The label too: a clerk reads what the field is before its box.
  const wxRect label = field->labelWindow()->GetRect();
  int unitX = 1;
  int unitY = 1;
  GetScrollPixelsPerUnit(&unitX, &unitY);
  const wxPoint top = CalcUnscrolledPosition(label.GetTopLeft());
  const int viewTop = CalcUnscrolledPosition(wxPoint(0, 0)).y;
  if (top.y < viewTop || top.y + label.height * 3 > viewTop + GetClientSize().y) {
    Scroll(-1, std::max(0, (top.y - FromDIP(40)) / std::max(1, unitY)));
  }
  wxWindow* target = field->focusTarget();
  if (target != nullptr && target->IsEnabled()) target->SetFocus();
  return true;
}

// --- Lookups -----------------------------------------------------------------------------------

FormField* FormView::field(const std::string& path) const {
  const auto at = fields_.find(path);
  return at == fields_.end() ? nullptr : at->second;
}

wxWindow* FormView::fieldFor(const std::string& path) const {
  if (FormField* found = field(path)) return found->focusTarget();
  if (const auto at = repeats_.find(path); at != repeats_.end()) return at->second->addButton();
  return nullptr;
}

bool FormView::isShown(const std::string& path) const {
  if (FormField* found = field(path)) return found->shown();
  if (const auto at = groups_.find(path); at != groups_.end()) return at->second->shown();
  if (const auto at = repeats_.find(path); at != repeats_.end()) return at->second->shown();
  return false;
}

wxString FormView::shownProblemAt(const std::string& path) const {
  FormField* found = field(path);
  return found == nullptr ? wxString() : found->shownProblem();
}

bool FormView::summaryShown() const { return summary_->IsShown(); }

wxButton* FormView::addButtonFor(const std::string& repeatPath) const {
  const auto at = repeats_.find(repeatPath);
  return at == repeats_.end() ? nullptr : at->second->addButton();
}

wxButton* FormView::removeButtonFor(const std::string& repeatPath, std::size_t index) const {
  const auto at = repeats_.find(repeatPath);
  if (at == repeats_.end() || index == 0) return nullptr;
  return at->second->removeButton(index - 1);
}

std::size_t FormView::shownInstances(const std::string& repeatPath) const {
  const auto at = repeats_.find(repeatPath);
  return at == repeats_.end() ? 0 : at->second->instanceCount();
}

}  // namespace onewindow::app
