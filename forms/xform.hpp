#pragma once
// The definition of an intake form: the ODK XForms subset of forms/README.md ("The XForms
// subset"), as XLSForm tools (pyxform) write it. loadXForm() reads and checks a form once;
// FormSession (forms/form_session.hpp) runs it. Every expression is parsed here, so a session
// never meets a syntax error.
//
// Nodes of the primary instance are named by "generic paths": absolute element paths without
// repeat indexes ("/data/members/name"). A session names concrete nodes by "instance paths"
// with 1-based repeat indexes ("/data/members[2]/name").

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "forms/diagnostics.hpp"
#include "forms/expr.hpp"

namespace onewindow::forms {

// The bind types of the subset. select1/select binds also arrive as "string" (current pyxform);
// the control then says whether the node holds one choice or several.
// Barcode: text a keyboard-wedge scanner types; geopoint/geotrace/geoshape: text in the ODK
// XForms format ("lat lon [alt [accuracy]]", points joined by ';'), checked, never a map.
enum class DataType {
  String,
  Int,
  Decimal,
  Date,
  Time,
  DateTime,
  Select1,
  Select,
  Binary,
  Barcode,
  Geopoint,
  Geotrace,
  Geoshape,
  Rank,    // odk:rank: every choice's value once, space-separated, in the order chosen
  Boolean  // true, false, 1 or 0, typed
};

[[nodiscard]] std::string_view dataTypeName(DataType type);

// Text shown to the clerk: literal runs and <output value="…"/> expressions, in order.
struct TextPiece {
  std::string literal;                     // used when `output` is empty
  std::optional<expr::Expression> output;  // evaluated at the control's node
};
using RichText = std::vector<TextPiece>;

// A label, hint or message: inline text (the same in every language) or an itext id.
struct TextRef {
  RichText inlineText;
  std::string itextId;  // non-empty: the text comes from itext in the session language

  [[nodiscard]] bool empty() const { return itextId.empty() && inlineText.empty(); }
};

// jr:preload values of the subset. uid, start, today and the two properties are set once on a
// new instance (and uid on a resumed one that lacks it); end is set in the submission.
// jr:preload="property": deviceid is the station's id, username the clerk's id
// (SessionOptions), what ODK Collect fills from the phone and the logged-in user.
enum class Preload { None, Uid, Start, End, Today, DeviceId, UserName };

struct Bind {
  std::string nodeset;  // generic path
  DataType type = DataType::String;
  std::optional<expr::Expression> required;
  std::optional<expr::Expression> constraint;
  std::optional<expr::Expression> relevant;
  std::optional<expr::Expression> calculate;
  std::optional<expr::Expression> readonly;
  TextRef requiredMessage;
  TextRef constraintMessage;
  Preload preload = Preload::None;  // uid: "uuid:" + v4; start/end: dateTime; today: date
  std::string materialKey;          // onewindow:material, else the node's name (uploads only)
  std::size_t line = 0;             // where the bind is, for tooling
};

// Range: a number on a scale (start, end, step); Rank (odk:rank): the choices put in order;
// Trigger: an acknowledgement (XLSForm "acknowledge"), "OK" once given.
enum class ControlKind { Input, Select1, Select, Upload, Group, Repeat, Range, Rank, Trigger };

[[nodiscard]] std::string_view controlKindName(ControlKind kind);

struct Choice {
  std::string value;
  TextRef label;
};

// Choices computed from nodes: a secondary instance (cascading selects filter it with a
// predicate using current()) or a repeat of the primary instance.
struct Itemset {
  expr::Expression nodeset;                      // evaluated with current() = the select's node
  expr::Expression value;                        // relative to an item, e.g. "name"
  std::optional<expr::Expression> label;         // relative to an item, e.g. "label"
  std::optional<expr::Expression> labelItextId;  // jr:itext(itextId): yields the itext id
};

struct Control {
  ControlKind kind = ControlKind::Input;
  std::string ref;  // generic path of the bound node (the nodeset of a repeat); may be empty
                    // for a group
  int bind = -1;    // index into XFormDefinition::binds, -1 when the node has no bind
  TextRef label;
  TextRef hint;
  std::string appearance;  // only the accepted presentation values (see README)
  std::vector<Choice> items;
  std::optional<Itemset> itemset;
  std::string mediatype;  // upload: image/*, application/*, …
  double rangeStart = 1;  // range: the scale, as ODK's defaults
  double rangeEnd = 10;
  double rangeStep = 1;
  std::optional<expr::Expression> repeatCount;  // jr:count, evaluated at the repeat's parent
  bool noAddRemove = false;                     // jr:noAddRemove="true()"
  std::vector<Control> children;                // group and repeat contents
  std::size_t line = 0;
  std::size_t column = 0;
};

// <setvalue> on odk-instance-first-load (model or body), odk-new-repeat (anywhere inside a
// repeat) or xforms-value-changed (inside the control whose answer changes: XLSForm's trigger
// column).
struct SetValue {
  std::string ref;                        // generic path of the target node
  std::optional<expr::Expression> value;  // evaluated at the target node; none = empty string
  // ODK XForms: without a value attribute, the element's text is the value, as written.
  std::optional<std::string> literal;
  bool onFirstLoad = false;
  bool onNewRepeat = false;
  bool onValueChanged = false;
  std::string repeat;  // generic path of the enclosing repeat for onNewRepeat
  std::string source;  // generic path of the control's node for onValueChanged
  std::size_t line = 0;
};

// One element of the primary instance, by generic path.
struct InstanceNode {
  std::string path;
  std::string name;
  int parent = -1;      // index into XFormDefinition::nodes
  bool repeat = false;  // a repeat's nodeset: instances carry an index in instance paths
  int bind = -1;        // index into binds
  const Control* control = nullptr;  // the control bound to this node, if any
  std::vector<int> children;
};

class DependencyGraph;

class XFormDefinition {
 public:
  XFormDefinition();
  ~XFormDefinition();
  XFormDefinition(XFormDefinition&&) noexcept;
  XFormDefinition& operator=(XFormDefinition&&) noexcept;
  XFormDefinition(const XFormDefinition&) = delete;
  XFormDefinition& operator=(const XFormDefinition&) = delete;

  std::string file;
  std::string id;       // the primary instance root's id attribute
  std::string version;  // its version attribute, may be empty
  std::string title;

  // Translation languages in itext order; codes are "zh", "en" (a pyxform language name
  // "Chinese (zh)" is reduced to the code in parentheses). Empty when the form has no itext.
  std::vector<std::string> languages;
  std::string defaultLanguage;  // the translation marked default="true()", else the first
  // itext id → language → text
  std::map<std::string, std::map<std::string, RichText, std::less<>>, std::less<>> itext;

  std::vector<Bind> binds;
  std::vector<Control> body;
  std::vector<SetValue> setValues;
  std::vector<InstanceNode> nodes;  // every element of the primary instance, document order
  // What the form says that has no meaning at a window and is accepted and left alone (an
  // attribute of another tool's namespace such as odk: or orx:, the id of a bind), located,
  // for the catalog check to list; never a reason to refuse the form.
  std::vector<Diagnostic> notes;
  // Files the form reads beside it (external secondary instances, jr://file/… and
  // jr://file-csv/…), as the form names them, relative to the form's directory: they travel
  // with the form in the catalog release.
  std::vector<std::string> mediaFiles;

  // The primary instance as the form declares it (root element with id and version), with
  // repeat templates (jr:template="") and initial repeat instances.
  [[nodiscard]] const pugi::xml_document& primaryInstance() const { return *primary_; }
  [[nodiscard]] pugi::xml_node primaryRoot() const { return primary_->document_element(); }
  // The template of a repeat (generic path): the jr:template node, else its first instance.
  [[nodiscard]] pugi::xml_node repeatTemplate(std::string_view repeatPath) const;
  // A secondary instance by id: a document whose element is the instance's root (<root>).
  [[nodiscard]] const pugi::xml_document* secondaryInstance(std::string_view instanceId) const;
  [[nodiscard]] std::vector<std::string> secondaryInstanceIds() const;

  [[nodiscard]] int nodeIndex(std::string_view genericPath) const;  // -1 when unknown
  [[nodiscard]] const Bind* bindFor(std::string_view genericPath) const;

  // The text of an itext id (or inline text) in `language`; itext falls back to the default
  // language, then to the first one that has it.
  [[nodiscard]] const RichText* text(const TextRef& ref, std::string_view language) const;

  [[nodiscard]] const DependencyGraph& graph() const { return *graph_; }

 private:
  friend class XFormLoader;
  std::unique_ptr<pugi::xml_document> primary_;
  // Shared: an external instance's document is read once per process (forms/external_instance.hpp).
  std::map<std::string, std::shared_ptr<const pugi::xml_document>, std::less<>> secondary_;
  std::map<std::string, pugi::xml_node, std::less<>> repeatTemplates_;
  std::map<std::string, int, std::less<>> nodeIndex_;
  std::unique_ptr<DependencyGraph> graph_;
};

// Reads and checks a form. Throws LoadError carrying every problem found, each located
// (file:line:column, attribute values pointed into, expression errors at their character).
// External instances are read from the form's directory (that of `fileName` for text).
[[nodiscard]] XFormDefinition loadXForm(const std::string& path);
[[nodiscard]] XFormDefinition loadXFormText(std::string text, const std::string& fileName);

}  // namespace onewindow::forms
