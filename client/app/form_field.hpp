#pragma once
// The pieces FormView (client/app/form_view.hpp) draws an intake form with. A form is a tree of
// nodes: answerable fields (FormField), titled groups and repeats (form_section.hpp). Every
// window of every node is a direct child of one panel (the FormView's canvas), so Tab walks the
// whole form in one order, whatever the nesting; a group's wxStaticBox is only drawn behind its
// contents.
//
// A node never calls the session itself: it reports what the clerk did to its FieldHost (the
// FormView), which answers the session and then refreshes the nodes named in the ChangeSet.

#include <memory>
#include <string>
#include <vector>

#include <wx/string.h>

#include "forms/form_session.hpp"

class wxSizer;
class wxStaticText;
class wxWindow;

namespace onewindow::app {

class FormField;

// How an edit reaches the session: while typing (debounced, the clerk is still in the field),
// or when the clerk is done with it (left the field, pressed Enter, picked a choice).
enum class Commit { WhileTyping, Done };

class FieldHost {
 public:
  // The parent of every window of the form.
  [[nodiscard]] virtual wxWindow* canvas() = 0;
  // The width of the label column for a field created now: narrower inside boxes, by their
  // borders, so that editors line up across the whole form.
  [[nodiscard]] virtual int labelWidth() const = 0;
  // The height of a one-line text box, measured once: asking GTK again for every box of a long
  // form costs more than creating it. 0 until the first box is made.
  [[nodiscard]] virtual int& textBoxHeight() = 0;
  virtual void typed(FormField& field) = 0;  // text changed: commit a little later
  virtual void commit(FormField& field, Commit how) = 0;
  virtual void left(FormField& field) = 0;  // focus left one of the field's editors
  // Focus left one of several editors of the field, perhaps for another one of them.
  virtual void leftMaybe(FormField& field) = 0;
  // Tab, Shift+Tab or Enter in `from`, after its answer went to the session.
  virtual void nextField(wxWindow* from, bool backward) = 0;
  virtual void attachRequested(FormField& field) = 0;  // upload: the clerk asked for a file
  // A field's editors took another height while the form was laid out (choices wrapped to a
  // new width): lay the form out once more, after the layout under way.
  virtual void relayoutSoon() = 0;

 protected:
  ~FieldHost() = default;
};

// Any node of the drawn form. Windows stay alive until the FormView destroys them (later, out
// of any event handler); a node that was taken off the form is `dead` and ignores its events.
class FormNode {
 public:
  explicit FormNode(std::string path) : path_(std::move(path)) {}
  virtual ~FormNode() = default;
  FormNode(const FormNode&) = delete;
  FormNode& operator=(const FormNode&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  // The sizer holding the node's windows, added by the caller into its parent's sizer.
  [[nodiscard]] virtual wxSizer* sizer() const = 0;

  [[nodiscard]] bool relevant() const { return relevant_; }
  void setRelevant(bool relevant) { relevant_ = relevant; }
  // Shows or hides every window of the node: shown = shown parent and relevant node.
  virtual void applyVisibility(bool parentShown) = 0;
  void reapplyVisibility() { applyVisibility(parentShown_); }
  [[nodiscard]] bool shown() const { return parentShown_ && relevant_; }

  // Groups and repeats: the nodes inside; fields: none.
  [[nodiscard]] virtual std::vector<FormNode*> children() const { return {}; }
  virtual void collectWindows(std::vector<wxWindow*>& into) const = 0;
  void markDead();
  [[nodiscard]] bool dead() const { return dead_; }

 protected:
  void rememberParentShown(bool parentShown) { parentShown_ = parentShown; }

 private:
  std::string path_;
  bool relevant_ = true;
  bool parentShown_ = true;
  bool dead_ = false;
};

// One answerable control: a label (with a red * when required), the editor, the hint under it
// and, under that, the current problem in red once the clerk has left the field (or the whole
// form's problems were asked for).
class FormField : public FormNode {
 public:
  FormField(FieldHost& host, const forms::ControlView& view);
  ~FormField() override;

  // Creates the windows; called once, right after construction (virtual calls inside).
  void create(const forms::ControlView& view);

  [[nodiscard]] wxSizer* sizer() const override;
  [[nodiscard]] forms::ControlKind kind() const { return kind_; }
  [[nodiscard]] forms::DataType type() const { return type_; }

  // What the editor holds now, as the session's answer text.
  [[nodiscard]] virtual std::string answer() const = 0;
  // The window that takes the focus when the clerk is sent to this field.
  [[nodiscard]] virtual wxWindow* focusTarget() const = 0;

  // Refreshes what `change` says changed. `keepTyping`: the clerk is typing in this field, so
  // its text stays as it is (the session only trimmed or normalised it).
  void refresh(const forms::ControlView& view, const forms::NodeChange& change, bool keepTyping);
  // The session's value, shown in the editor (the clerk is done with the field).
  void showValue(const std::string& value) { putValue(value); }

  // The inline problem: shown only after the clerk left the field once, or when asked for.
  void setVisited() { visited_ = true; }
  [[nodiscard]] bool visited() const { return visited_; }
  // Returns whether the inline problem appeared or disappeared (the form needs a Layout).
  bool updateProblemShown(bool showAll);
  [[nodiscard]] const std::string& problem() const { return problem_; }
  [[nodiscard]] wxString shownProblem() const;  // "" when no problem is shown

  [[nodiscard]] bool required() const { return required_; }
  [[nodiscard]] bool readonly() const { return readonly_; }
  [[nodiscard]] wxStaticText* labelWindow() const { return label_; }
  [[nodiscard]] const std::string& labelText() const { return labelText_; }
  [[nodiscard]] bool owns(const wxWindow* window) const;

  void applyVisibility(bool parentShown) override;
  void collectWindows(std::vector<wxWindow*>& into) const override;

 protected:
  FieldHost& host() const { return host_; }
  wxWindow* canvas() const;
  // Subclasses create their editors here and add them to `row` (a horizontal sizer beside the
  // label); `singleLine` tells whether the label should centre on one editor line.
  virtual void createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) = 0;
  [[nodiscard]] virtual std::vector<wxWindow*> editors() const = 0;
  virtual void putValue(const std::string& value) = 0;
  virtual void putChoices(const std::vector<forms::ChoiceView>& choices, const std::string& value);
  // Editors report leaving the field and keep the standard GTK focus handling.
  void watchFocus(wxWindow* editor);
  // A field that is only its label (a note) has the label run across the form.
  [[nodiscard]] virtual bool labelOnly() const { return false; }

 private:
  void showLabel();
  [[nodiscard]] int labelWrapWidth() const;
  void showHint(const std::string& hint);
  void applyEnabled();

  FieldHost& host_;
  forms::ControlKind kind_;
  forms::DataType type_;
  std::string labelText_;
  std::string hint_;
  std::string problem_;
  bool required_ = false;
  bool readonly_ = false;
  bool visited_ = false;
  int labelWidth_ = 0;
  bool problemShown_ = false;

  wxSizer* outer_ = nullptr;   // label | column
  wxSizer* column_ = nullptr;  // editors row, hint, problem
  wxStaticText* label_ = nullptr;
  wxStaticText* hintText_ = nullptr;
  wxStaticText* problemText_ = nullptr;
};

// What the definition tells about a control beyond its view.
struct FieldShape {
  // The choices depend on answers (a cascade): a list that can be refilled, not a fixed row of
  // buttons.
  bool choicesChange = false;
  // A note (XLSForm "note": a read-only text input without calculation): text, no box.
  bool note = false;
};

// The right field for a control: text input by type, select1 as radio buttons or a drop-down
// list, select as check boxes or a check list, upload as file name and "Attach file...", a note
// as text.
[[nodiscard]] std::unique_ptr<FormField> makeFormField(FieldHost& host,
                                                       const forms::ControlView& view,
                                                       const FieldShape& shape);

// A problem message in the clerk's language. Messages the form gives (jr:requiredMsg,
// jr:constraintMsg) come translated by its itext; the session's own plain English defaults are
// translated here; anything else is shown as it is.
[[nodiscard]] wxString clerkText(const std::string& message);
// "label: message" of a form problem in the clerk's language (the path when the field has no
// label): the summary above the form and the correction notice say it the same way.
[[nodiscard]] wxString clerkProblemLine(const forms::Problem& problem);

// The values of a select's or rank's answer, which the session separates by single spaces.
[[nodiscard]] std::vector<std::string> answerValues(const std::string& value);

// The width of the red " *" after the label of a required field.
[[nodiscard]] int requiredMarkWidth(const wxWindow* window);

// Breaks `text` into lines no wider than `width` pixels in `window`'s font: at spaces where a
// line has one, anywhere in runs of Chinese (which has no spaces to break at).
[[nodiscard]] wxString wrapToWidth(const wxWindow* window, const wxString& text, int width);

}  // namespace onewindow::app
