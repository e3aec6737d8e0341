#pragma once
// The intake form on screen (DESIGN.md §8, issue 4): a forms::FormSession drawn as a scrolling
// page that a clerk fills from the keyboard. Tab and Shift+Tab walk the fields in form order;
// Enter in a one-line field keeps the answer and moves on. Each answer goes to the session when
// the clerk is done with the field (and, while typing, after a short pause), choices at once;
// only the controls the session's ChangeSet names are refreshed — values, relevance, required
// marks, read-only state, problems, cascading choices, labels with outputs — and repeats it
// names are redrawn. A problem shows in red under its field once the clerk has left the field,
// or for every field after showAllProblems(), which also lists them all at the top.
//
// Embedded by the intake page, which binds Ctrl+S: nothing here takes that key. Before saving a
// draft the page calls commitPending(), so the last keystrokes are in the session.
//
// Dates, times: typed, not picked (a clerk copies them from documents): a text box with the
// format as placeholder; "19491231" is taken for 1949-12-31, "0930" for 09:30.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <wx/scrolwin.h>
#include <wx/timer.h>

#include "client/app/form_field.hpp"
#include "forms/form_session.hpp"

class wxButton;
class wxPanel;
class wxStaticText;

namespace onewindow::app {

class GroupSection;
class ProblemSummary;
class RepeatSection;

class FormView : public wxScrolledWindow, private FieldHost {
 public:
  // The session outlives the view.
  FormView(wxWindow* parent, forms::FormSession& session);
  ~FormView() override;
  FormView(const FormView&) = delete;
  FormView& operator=(const FormView&) = delete;

  // Called after each answer, repeat instance added or removed, with what it changed.
  void setOnChanged(std::function<void(const forms::ChangeSet&)> onChanged);
  // Called when the clerk attached a file to an upload control (after the session has its name).
  void setOnUpload(
      std::function<void(const std::string& materialKey, const std::filesystem::path& file)>
          onUpload);

  [[nodiscard]] std::vector<forms::Problem> problems() const;
  // Every problem at its field and the summary at the top (kept current from then on).
  void showAllProblems();
  // Sends the clerk to the first problem; false when there is none.
  bool focusFirstProblem();
  // The focus goes to the form's first question the clerk can answer; false when there is none.
  bool focusFirstField();
  // The window that takes the focus for a field (an instance path), or a repeat's Add button
  // (a repeat path); nullptr when the form shows no such thing.
  [[nodiscard]] wxWindow* fieldFor(const std::string& path) const;
  // Draws the whole form again from the session: after setLanguage or resume.
  void rebuild();

  // A long form is drawn in parts: the first screen at once, the rest while the application is
  // idle (and ahead of the clerk's Tab or Enter), so that it opens quickly. Lookups below see
  // the fields drawn so far; drawAll() finishes the drawing now.
  [[nodiscard]] bool fullyDrawn() const { return building_.empty(); }
  void drawAll();

  // The field being typed in sends its text to the session now (before a draft is saved).
  void commitPending();
  // Focuses a field (scrolling to it) and shows its problem; false when it is not on screen.
  bool focusField(const std::string& path);
  // What "Attach file..." does once the clerk picked a file: the session gets the file's name,
  // then the onUpload callback the file.
  void attachFile(const std::string& path, const std::filesystem::path& file);
  void addRepeatInstance(const std::string& repeatPath);
  void removeRepeatInstance(const std::string& repeatPath, std::size_t index);  // 1-based

  // What the clerk sees, for the intake page and tests.
  [[nodiscard]] FormField* field(const std::string& path) const;
  [[nodiscard]] bool isShown(const std::string& path) const;  // a field, group or repeat
  [[nodiscard]] wxString shownProblemAt(const std::string& path) const;
  [[nodiscard]] ProblemSummary* summary() const { return summary_; }
  [[nodiscard]] bool summaryShown() const;
  [[nodiscard]] wxButton* addButtonFor(const std::string& repeatPath) const;
  [[nodiscard]] wxButton* removeButtonFor(const std::string& repeatPath,
                                          std::size_t index) const;  // 1-based
  [[nodiscard]] std::size_t shownInstances(const std::string& repeatPath) const;
  [[nodiscard]] int labelColumnWidth() const { return labelWidth_; }
  [[nodiscard]] wxWindow* canvasWindow() const { return canvas_; }

 private:
  // FieldHost
  wxWindow* canvas() override { return canvas_; }
  [[nodiscard]] int labelWidth() const override;
  [[nodiscard]] int& textBoxHeight() override { return textBoxHeight_; }
  void typed(FormField& field) override;
  void commit(FormField& field, Commit how) override;
  void left(FormField& field) override;
  void leftMaybe(FormField& field) override;
  void focusArrived(wxWindow* window);
  void nextField(wxWindow* from, bool backward) override;
  void attachRequested(FormField& field) override;
  void relayoutSoon() override;

  void build();
  // Draws up to about `controls` more answerable controls, in form order; false when the form
  // was already complete.
  bool drawSome(std::size_t controls);
  FormNode& attach(GroupSection* parent, std::unique_ptr<FormNode> node);
  std::unique_ptr<FormNode> buildNode(const forms::ControlView& view);
  void fillRepeat(RepeatSection& repeat, const forms::ControlView& view);
  void redrawRepeat(const std::string& repeatPath);
  void registerNode(FormNode& node);
  // Scrolls the field and its label into sight and gives it the focus.
  void bringToFocus(FormField& field);
  void forget(FormNode& node);
  void bury(std::vector<std::unique_ptr<FormNode>> nodes, std::vector<wxSizer*> sizers);
  void destroyBuried();

  void apply(const forms::ChangeSet& changes, const FormField* origin, Commit how);
  void changed(const forms::ChangeSet& changes);
  // apply + changed + clearStaleChoices: everything that follows one call to the session.
  void answered(const forms::ChangeSet& changes, const FormField* origin, Commit how);
  void clearStaleChoices();
  void refreshSummary();
  void relayout();
  void scrollIntoView(const wxRect& area);
  [[nodiscard]] FieldShape shapeOf(const forms::ControlView& view) const;
  [[nodiscard]] int measureLabelColumn(const std::vector<forms::ControlView>& controls) const;
  [[nodiscard]] int estimatedWidth(const wxString& text) const;

  forms::FormSession& session_;
  std::function<void(const forms::ChangeSet&)> onChanged_;
  std::function<void(const std::string&, const std::filesystem::path&)> onUpload_;

  wxPanel* canvas_ = nullptr;  // the form; every window of it is a child of this panel
  wxSizer* bodySizer_ = nullptr;
  ProblemSummary* summary_ = nullptr;
  int labelWidth_ = 0;
  int textBoxHeight_ = 0;
  mutable int hanWidth_ = 0;
  mutable std::map<std::uint32_t, int> charWidths_;
  // How far a box moves its contents right (its border and the gap inside), and the sum of
  // the boxes around the node being built.
  int sectionInset_ = 0;
  int inset_ = 0;
  bool showAll_ = false;
  bool destroying_ = false;
  bool relayoutPending_ = false;

  // What is left to draw: nested lists of controls, each with the section it goes into
  // (nullptr: the form itself) and the inset of that section.
  struct Pending {
    GroupSection* section = nullptr;
    std::vector<forms::ControlView> views;
    std::size_t next = 0;
    int inset = 0;
  };
  std::vector<Pending> building_;
  std::set<std::string> visitedBeforeRebuild_;

  std::vector<std::unique_ptr<FormNode>> roots_;
  std::map<std::string, FormField*, std::less<>> fields_;
  std::map<std::string, GroupSection*, std::less<>> groups_;
  std::map<std::string, RepeatSection*, std::less<>> repeats_;

  // Selects whose answer a cascade took away (path, what remains), answered after the change.
  std::vector<std::pair<std::string, std::string>> staleChoices_;

  // Which field each window belongs to, and the field the focus was in last.
  std::map<const wxWindow*, FormField*> owners_;
  FormField* lastFocused_ = nullptr;

  // The field typed in last, committed when typing pauses.
  wxTimer typingTimer_;
  FormField* typing_ = nullptr;

  // Nodes taken off the form, destroyed after the current event.
  std::vector<std::unique_ptr<FormNode>> buried_;
  std::vector<wxWindow*> buriedWindows_;
  std::vector<wxSizer*> buriedSizers_;
  bool burialPending_ = false;
};

}  // namespace onewindow::app
