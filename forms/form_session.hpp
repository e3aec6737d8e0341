#pragma once
// Running an intake form (DESIGN.md §8): the state behind the intake screen. A session owns one
// form instance (a pugixml document), evaluates binds through the expression engine and, after
// each answer, re-runs only the computations that depend on it (forms/form_graph.hpp), reporting
// what changed so the screen refreshes only those controls.
//
// Nodes are addressed by instance paths: absolute element paths where every step that is a
// repeat instance carries its 1-based index, "/data/members[2]/name" (an omitted index means
// [1] on input; output paths always carry it). A repeat as a whole (for add/remove) is named by
// the path of its nodeset without the last index: "/data/members".
//
// ODK semantics kept: a non-relevant node (or one under a non-relevant group) keeps its value in
// the session and in drafts, is left out of validation and is emptied in the submission; a
// calculate runs whatever the relevance; a constraint is checked only on a non-empty answer,
// with "." the node; empty optional answers are valid.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "forms/expr.hpp"
#include "forms/xform.hpp"

namespace onewindow::forms {

// A call the form does not allow: an unknown path, an answer to a group, a read-only or
// calculated node or a non-relevant one, a draft of another form, a repeat with jr:count or
// jr:noAddRemove, an unknown language. The screen prevents these; reaching one is a bug.
class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SessionOptions {
  std::string language;  // "" = the form's default language
  // The clock of today()/now() and of nothing else; empty = the system clock.
  std::function<std::chrono::system_clock::time_point()> clock;
  // The value of jr:preload="uid" nodes in a new instance; empty = a random "uuid:<v4>".
  std::function<std::string()> newInstanceId;
  // jr:preload="property" in a new instance: deviceid is this station's id, username the
  // clerk's id; empty when unknown (the nodes stay empty).
  std::string deviceId;
  std::string userName;
};

struct ChoiceView {
  std::string value;
  std::string label;  // in the session language
};

// One control as the screen draws it, in the session language.
struct ControlView {
  ControlKind kind = ControlKind::Input;
  std::string path;  // instance path of the bound node; a repeat: its repeat path; a group
                     // without ref: ""
  DataType type = DataType::String;
  std::string label;
  std::string hint;
  std::string appearance;
  bool relevant = true;  // false: hide it (the screen may also keep it greyed)
  bool required = false;
  bool readonly = false;
  std::string value;
  std::vector<ChoiceView> choices;  // selects and rank: the current choices (cascades applied)
  std::string problem;              // the current problem with the answer, "" when none
  std::string materialKey;          // upload
  std::string mediatype;            // upload
  double rangeStart = 0;            // range: the scale from start to end in steps
  double rangeEnd = 0;
  double rangeStep = 0;
  // Repeat: whether the clerk may add and remove instances (no jr:count, no jr:noAddRemove),
  // and one view per instance: kind Group, path "/data/members[2]", children = its controls.
  bool canAddRemove = false;
  std::vector<ControlView> instances;
  std::vector<ControlView> children;  // group contents
};

// What one call changed, per node, so the screen refreshes only those controls.
struct NodeChange {
  std::string path;
  bool value = false;
  bool relevant = false;
  bool required = false;
  bool readonly = false;
  bool validity = false;  // the problem appeared, disappeared or changed its message
  bool choices = false;   // a select's choices (an itemset re-evaluated to something else)
  bool label = false;     // a label or hint whose <output> read a changed value
};

struct ChangeSet {
  std::vector<NodeChange> nodes;  // document order
  // Repeats (repeat paths) that gained or lost instances: redraw them from control(path).
  std::vector<std::string> repeats;

  [[nodiscard]] const NodeChange* find(std::string_view path) const;
};

struct Problem {
  std::string path;
  std::string label;    // the control's label in the session language
  std::string message;  // jr:requiredMsg / jr:constraintMsg, else a plain English default
};

// An upload control's node: a material slot of the matter.
struct UploadSlot {
  std::string path;
  std::string materialKey;
  std::string label;
  std::string mediatype;
  bool required = false;
  bool relevant = true;
  std::string value;  // the file name given with setAnswer, "" when none yet
};

class FormSession {
 public:
  // A new instance: the form's template, jr:preload uid set, odk-instance-first-load setvalues
  // run, everything computed.
  FormSession(std::shared_ptr<const XFormDefinition> definition, SessionOptions options = {});
  // Resume a draft (instanceXml() of an earlier session). Throws SessionError when the draft is
  // not an instance of this form (root name or id differ, an element the form does not have).
  static FormSession resume(std::shared_ptr<const XFormDefinition> definition,
                            std::string_view instanceXml, SessionOptions options = {});

  FormSession(const FormSession&) = delete;
  FormSession& operator=(const FormSession&) = delete;
  FormSession(FormSession&&) noexcept;
  FormSession& operator=(FormSession&&) noexcept;
  ~FormSession();

  [[nodiscard]] const XFormDefinition& definition() const;

  [[nodiscard]] const std::string& language() const;
  void setLanguage(std::string_view language);  // labels, hints, choices and messages follow

  // The whole body, in order; non-relevant controls included with relevant = false.
  [[nodiscard]] std::vector<ControlView> controls() const;
  // One control (an instance path of a bound node, or a repeat path), for a targeted refresh.
  [[nodiscard]] ControlView control(std::string_view path) const;

  [[nodiscard]] std::string value(std::string_view path) const;
  [[nodiscard]] bool relevant(std::string_view path) const;

  // Stores `text` (trimmed) as the answer of an input, select or upload. A select takes one
  // value (select1) or space-separated values (select). An answer of the wrong shape for its
  // type is stored too and reported as the node's problem, so the clerk sees what was typed.
  ChangeSet setAnswer(std::string_view path, std::string_view text);

  // Appends an instance to a repeat (running its odk-new-repeat setvalues). The repeat is
  // listed in ChangeSet::repeats (redraw it with control()); nodes elsewhere that changed
  // (counts, sums, labels) are listed as usual.
  ChangeSet addRepeat(std::string_view repeatPath);
  ChangeSet removeRepeat(std::string_view repeatPath, std::size_t index);  // 1-based
  [[nodiscard]] std::size_t repeatCount(std::string_view repeatPath) const;

  // Every problem of the relevant answerable nodes, in document order: required but empty,
  // wrong shape for the type, not one of the choices, constraint false, expression failed.
  [[nodiscard]] std::vector<Problem> problems() const;
  [[nodiscard]] std::optional<Problem> problemAt(std::string_view path) const;

  // The draft: every value, relevant or not, indented, stable for equal content.
  [[nodiscard]] std::string instanceXml() const;
  // What is sent: non-relevant nodes emptied.
  [[nodiscard]] std::string submissionXml() const;
  [[nodiscard]] std::vector<UploadSlot> uploadSlots() const;

  // For evaluating other expressions over the answers (秒批 rules): the live instance and the
  // environment (secondary instances, the session clock, choice labels).
  [[nodiscard]] const pugi::xml_document& instance() const;
  [[nodiscard]] const expr::Environment& environment() const;

  class Impl;

 private:
  explicit FormSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace onewindow::forms
