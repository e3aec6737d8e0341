#include "client/app/form_view.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/intl.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/wupdlock.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/form_section.hpp"
#include "client/app/problem_summary.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

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

// A long form opens with about a screenful of controls drawn (GTK takes a few milliseconds per
// control); the rest is drawn in slices while the application is idle.
constexpr std::size_t kFirstScreen = 30;
constexpr std::size_t kIdleChunk = 4;
constexpr int kIdleSliceMs = 30;
// Drawn ahead of a clerk who moves on from a field before the form is complete.
constexpr std::size_t kDrawAhead = 12;

// Answerable controls in a control's subtree: the unit of the drawing budget.
std::size_t countControls(const forms::ControlView& view) {
  if (view.kind != forms::ControlKind::Group && view.kind != forms::ControlKind::Repeat) return 1;
  std::size_t count = 0;
  for (const auto& child : view.children) count += countControls(child);
  for (const auto& instance : view.instances) count += countControls(instance);
  return count;
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
  // One panel holds the whole form and scrolls as one: wxGTK 3.2 complains about every hidden
  // window it moves while scrolling, and a form hides its non-relevant fields.
  canvas_ =
      new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "form-canvas");
  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(canvas_, wxSizerFlags(1).Expand());
  SetSizer(outer);
  canvas_->Bind(wxEVT_CHILD_FOCUS, [this](wxChildFocusEvent& event) {
    event.Skip();
    wxWindow* window = event.GetWindow();
    if (window == nullptr || window->GetParent() != canvas_ || destroying_) return;
    scrollIntoView(window->GetRect());
    focusArrived(window);
  });
  auto* top = new wxBoxSizer(wxVERTICAL);
  summary_ = new ProblemSummary(canvas_, [this](const std::string& path) { focusField(path); });
  summary_->Hide();
  top->Add(summary_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(10)));
  bodySizer_ = new wxBoxSizer(wxVERTICAL);
  top->Add(bodySizer_, wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  canvas_->SetSizer(top);
  Bind(wxEVT_IDLE, [this](wxIdleEvent& event) {
    event.Skip();
    if (destroying_ || building_.empty()) return;
    // A slice of the rest of a long form, short enough that typing never waits for it.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(kIdleSliceMs);
    {
      wxWindowUpdateLocker noFlicker(this);
      while (std::chrono::steady_clock::now() < until && drawSome(kIdleChunk)) {
      }
    }
    relayout();
    if (!building_.empty()) event.RequestMore();
  });
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
    auto* probe = new wxStaticBox(canvas_, wxID_ANY, "x");
    int top = 0;
    int side = 0;
    probe->GetBordersForSizer(&top, &side);
    probe->Destroy();
    sectionInset_ = side + FromDIP(kSectionGap);
  }
  inset_ = 0;
  labelWidth_ = measureLabelColumn(controls);
  building_.clear();
  building_.push_back({nullptr, controls, 0, 0});
  drawSome(kFirstScreen);
  relayout();
}

bool FormView::drawSome(std::size_t controls) {
  if (building_.empty()) return false;
  std::size_t drawn = 0;
  while (!building_.empty() && drawn < controls) {
    Pending& pending = building_.back();
    if (pending.next == pending.views.size()) {
      building_.pop_back();
      continue;
    }
    forms::ControlView view = std::move(pending.views[pending.next++]);
    GroupSection* section = pending.section;
    const int inset = pending.inset;
    // Answers given since the list was taken may have changed this control.
    if (!view.path.empty()) view = session_.control(view.path);
    inset_ = inset;
    if (view.kind == forms::ControlKind::Group && repeatOfGroup(view) == nullptr) {
      // A group opens now; its contents follow one by one.
      auto group =
          std::make_unique<GroupSection>(canvas_, view.path, wx(view.label), view.relevant);
      GroupSection* opened = group.get();
      registerNode(*group);
      attach(section, std::move(group));
      building_.push_back({opened, std::move(view.children), 0, inset + sectionInset_});
      continue;
    }
    drawn += countControls(view);
    attach(section, buildNode(view));
  }
  inset_ = 0;
  return true;
}

FormNode& FormView::attach(GroupSection* parent, std::unique_ptr<FormNode> node) {
  FormNode* attached = node.get();
  if (parent != nullptr) {
    parent->add(std::move(node));
  } else {
    bodySizer_->Add(attached->sizer(), wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
    roots_.push_back(std::move(node));
  }
  attached->applyVisibility(parent == nullptr || parent->shown());
  return *attached;
}

void FormView::drawAll() {
  if (building_.empty()) return;
  wxWindowUpdateLocker noFlicker(this);
  while (drawSome(kIdleChunk)) {
  }
  relayout();
}

std::unique_ptr<FormNode> FormView::buildNode(const forms::ControlView& view) {
  std::unique_ptr<FormNode> node;
  switch (view.kind) {
    case forms::ControlKind::Group: {
      if (const forms::ControlView* repeat = repeatOfGroup(view)) return buildNode(*repeat);
      auto group =
          std::make_unique<GroupSection>(canvas_, view.path, wx(view.label), view.relevant);
      inset_ += sectionInset_;
      for (const auto& child : view.children) group->add(buildNode(child));
      inset_ -= sectionInset_;
      node = std::move(group);
      break;
    }
    case forms::ControlKind::Repeat: {
      auto repeat =
          std::make_unique<RepeatSection>(canvas_, view.path, wx(view.label), view.relevant);
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
    default: {
      std::unique_ptr<FormField> field = makeFormField(*this, view, shapeOf(view));
      if (visitedBeforeRebuild_.count(view.path) != 0) field->setVisited();
      field->updateProblemShown(showAll_);
      node = std::move(field);
      break;
    }
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
    auto section = std::make_unique<GroupSection>(canvas_, instance.path, title, instance.relevant);
    for (const auto& child : instance.children) section->add(buildNode(child));
    wxButton* remove = nullptr;
    if (view.canAddRemove) {
      remove = new wxButton(canvas_, wxID_ANY, _("Remove"));
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
    std::vector<wxWindow*> windows;
    field->collectWindows(windows);
    for (wxWindow* window : windows) owners_[window] = field;
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
  if (lastFocused_ == &node) lastFocused_ = nullptr;
  if (auto* field = dynamic_cast<FormField*>(&node)) {
    std::vector<wxWindow*> windows;
    field->collectWindows(windows);
    for (wxWindow* window : windows) owners_.erase(window);
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

  const std::size_t before = canvas_->GetChildren().size();
  fillRepeat(repeat, session_.control(repeatPath));
  std::vector<wxWindow*> created;
  std::size_t i = 0;
  for (wxWindow* child : canvas_->GetChildren()) {
    if (i++ >= before) created.push_back(child);
  }
  repeat.placeInTabOrder(created);
#ifdef __WXGTK__
  // GTK moves the focus along its own focus chain, which wx rebuilds from the new order only at
  // idle time; a Tab or Enter right after this answer must already see the new fields.
  canvas_->OnInternalIdle();
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
  for (const auto& [path, field] : fields_) {
    if (field->visited()) visitedBeforeRebuild_.insert(path);
  }
  building_.clear();
  wxWindowUpdateLocker noFlicker(this);
  std::vector<wxSizer*> sizers;
  for (const auto& root : roots_) {
    bodySizer_->Detach(root->sizer());
    sizers.push_back(root->sizer());
  }
  fields_.clear();
  groups_.clear();
  repeats_.clear();
  owners_.clear();
  lastFocused_ = nullptr;
  bury(std::move(roots_), std::move(sizers));
  roots_.clear();
  build();
  if (showAll_) refreshSummary();
  relayout();
}

void FormView::relayout() {
  canvas_->InvalidateBestSize();
  FitInside();
  Layout();
  canvas_->Layout();
}

void FormView::relayoutSoon() {
  // Several fields may ask during one layout: one more layout answers them all.
  if (relayoutPending_) return;
  relayoutPending_ = true;
  CallAfter([this] {
    relayoutPending_ = false;
    if (!destroying_) relayout();
  });
}

void FormView::scrollIntoView(const wxRect& area) {
  // `area` in canvas coordinates, which are the virtual coordinates of the scrolled view.
  int unitX = 1;
  int unitY = 1;
  GetScrollPixelsPerUnit(&unitX, &unitY);
  unitY = std::max(1, unitY);
  const int viewTop = GetViewStart().y * unitY;
  const int viewHeight = GetClientSize().y;
  const int margin = FromDIP(40);
  if (area.GetTop() < viewTop + FromDIP(4)) {
    Scroll(-1, std::max(0, area.GetTop() - margin) / unitY);
  } else if (area.GetBottom() > viewTop + viewHeight - FromDIP(4)) {
    Scroll(-1, (area.GetBottom() + margin - viewHeight + unitY - 1) / unitY);
  }
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

int FormView::estimatedWidth(const wxString& text) const {
  // Measuring each of hundreds of labels costs GTK more than the whole first screen: Chinese
  // characters share one width, and other characters are measured once each.
  if (hanWidth_ == 0) hanWidth_ = GetTextExtent(wxString::FromUTF8("汉")).x;
  int width = 0;
  for (const wxUniChar c : text) {
    const auto code = static_cast<std::uint32_t>(c.GetValue());
    if ((code >= 0x2E80 && code <= 0x9FFF) || (code >= 0xF900 && code <= 0xFAFF) ||
        (code >= 0xFF00 && code <= 0xFFEF)) {
      width += hanWidth_;
      continue;
    }
    auto [at, added] = charWidths_.try_emplace(code, 0);
    if (added) at->second = GetTextExtent(wxString(c)).x;
    width += at->second;
  }
  // Pango's kerning and rounding: a label that asks for a pixel more than it gets wraps.
  return width + FromDIP(2);
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
            widest = std::max(widest, estimatedWidth(wx(view.label)) + mark + inset);
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

void FormView::leftMaybe(FormField& field) {
  // Looked up again later by path: the field may be gone by then.
  CallAfter([this, path = field.path()] {
    FormField* still = this->field(path);
    if (still != nullptr && !still->dead() && !still->owns(FindFocus())) left(*still);
  });
}

void FormView::focusArrived(wxWindow* window) {
  const auto owner = owners_.find(window);
  if (owner == owners_.end() || owner->second == lastFocused_) return;
  FormField* from = lastFocused_;
  FormField* to = owner->second;
  lastFocused_ = to;
  if (from == nullptr || from->dead()) return;
  // GTK gives a drop-down list's focus to a part of it wx does not know, so the list never
  // reports being left. When Tab went from one field to another across nothing but such lists,
  // the clerk has passed through them: they count as left.
  std::vector<FormField*> between;
  bool inside = false;
  for (wxWindow* child : canvas_->GetChildren()) {
    const auto at = owners_.find(child);
    FormField* field = at == owners_.end() ? nullptr : at->second;
    if (field == from) {
      inside = true;
      continue;
    }
    if (field == to) break;
    if (!inside || field == nullptr || !field->shown() || field->focusTarget() == nullptr) continue;
    if (dynamic_cast<ChoiceField*>(field) == nullptr) return;  // something else was skipped
    if (between.empty() || between.back() != field) between.push_back(field);
  }
  if (!inside) return;  // backwards
  for (FormField* passed : between) left(*passed);
}

void FormView::nextField(wxWindow* from, bool backward) {
  if (!backward && !building_.empty()) {
    // The clerk is faster than the idle drawing: the next fields must exist before Tab looks.
    drawSome(kDrawAhead);
    relayout();
#ifdef __WXGTK__
    canvas_->OnInternalIdle();  // GTK's focus chain, see redrawRepeat()
#endif
  }
  from->Navigate(backward ? wxNavigationKeyEvent::IsBackward : wxNavigationKeyEvent::IsForward);
}

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
  if (field(path) == nullptr) drawAll();
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

bool FormView::focusFirstField() {
  for (const auto& root : roots_) {
    if (!root->shown()) continue;
    if (FormField* first = firstField(*root)) {
      // Not focusField: a question the clerk has not reached yet must not show "required" now.
      bringToFocus(*first);
      return true;
    }
  }
  return false;
}

bool FormView::focusField(const std::string& path) {
  if (this->field(path) == nullptr) drawAll();
  FormField* field = this->field(path);
  if (field == nullptr || !field->shown()) return false;
  field->setVisited();
  if (field->updateProblemShown(showAll_)) relayout();
  bringToFocus(*field);
  return true;
}

void FormView::bringToFocus(FormField& field) {
  // The label too: a clerk reads what the field is before its box.
  const wxRect label = field.labelWindow()->GetRect();
  wxWindow* target = field.focusTarget();
  scrollIntoView(target == nullptr ? label : label.Union(target->GetRect()));
  if (target != nullptr && target->IsEnabled()) target->SetFocus();
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
