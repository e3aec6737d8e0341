#include "client/app/form_field.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <wx/control.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/window.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

// Hints and problems wrap at this width (DIP): about the widest editor, so they read as part
// of the field.
constexpr int kNoteWidth = 480;

const wxColour& problemColour() {
  static const wxColour colour(0xB0, 0x00, 0x20);
  return colour;
}

// Characters that must not begin a line in Chinese typesetting.
bool closesPhrase(wxUniChar c) {
  static const wxString closing = wxString::FromUTF8("，。、；：！？）》」』”’,.;:!?)");
  return closing.Find(c) != wxNOT_FOUND;
}

bool isLatinWordChar(wxUniChar c) { return c.IsAscii() && wxIsalnum(c); }

// Text for a markup label: Pango's entities, and '&' doubled so that it is no mnemonic.
wxString escapeMarkup(const wxString& text) {
  wxString escaped;
  for (const wxUniChar c : text) {
    if (c == '&') {
      escaped += "&amp;&amp;";
    } else if (c == '<') {
      escaped += "&lt;";
    } else if (c == '>') {
      escaped += "&gt;";
    } else if (c == '"') {
      escaped += "&quot;";
    } else if (c == '\'') {
      escaped += "&apos;";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

// The last line of a label: what the clerk reads first, the name of the field.
std::string fallbackLabel(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto bracket = name.find('[');
  if (bracket != std::string::npos) name.resize(bracket);
  return name;
}

}  // namespace

wxString clerkText(const std::string& message) {
  // The messages forms::FormSession writes itself (forms/form_session.cpp, form_answer.cpp).
  static const char* const kSessionMessages[] = {
      wxTRANSLATE("This answer is required."),
      wxTRANSLATE("This answer is not accepted by the form."),
      wxTRANSLATE("Choose one of the listed choices."),
      wxTRANSLATE("Enter a date as YYYY-MM-DD, for example 2026-11-27."),
      wxTRANSLATE("There is no such day in the calendar."),
      wxTRANSLATE("Enter a whole number, digits only."),
      wxTRANSLATE("The number is too large for a whole-number answer."),
      wxTRANSLATE("Enter a number such as 12 or 12.5."),
      wxTRANSLATE("Enter a time as HH:MM or HH:MM:SS, for example 14:30."),
      wxTRANSLATE("Enter a date and time as YYYY-MM-DDTHH:MM:SS, for example 2026-11-27T14:30:00."),
      wxTRANSLATE("Enter a point as latitude longitude, for example 22.5431 114.0579 (altitude "
                  "and accuracy may follow)."),
      wxTRANSLATE("Latitude is from -90 to 90 and longitude from -180 to 180."),
      wxTRANSLATE("The accuracy cannot be negative."),
      wxTRANSLATE("Enter a shape as at least four points separated by ';', the last the same as "
                  "the first."),
      wxTRANSLATE("Enter a line as at least two points separated by ';'."),
      wxTRANSLATE("A shape ends on its first point: repeat the first point last."),
      wxTRANSLATE("Choose a value on the scale: from its start to its end, in its steps."),
      wxTRANSLATE("Put every listed choice in order, each once."),
      wxTRANSLATE("Enter true or false (or 1 or 0)."),
      wxTRANSLATE("Acknowledge by ticking the box, or leave it empty."),
  };
  for (const char* known : kSessionMessages) {
    if (message == known) return wxGetTranslation(known);
  }
  // The two that carry a part of the answer or of the form: that part stays as written.
  constexpr std::string_view kNotListed = "' is not one of the listed choices.";
  if (message.size() > kNotListed.size() + 1 && message.front() == '\'' &&
      message.ends_with(kNotListed)) {
    const std::string token = message.substr(1, message.size() - 1 - kNotListed.size());
    return wxString::Format(_("'%s' is not one of the listed choices."), wx(token));
  }
  constexpr std::string_view kCannotCompute = "The form cannot compute its ";
  if (message.starts_with(kCannotCompute)) {
    const std::size_t colon = message.find(": ", kCannotCompute.size());
    if (colon != std::string::npos) {
      const std::string what = message.substr(kCannotCompute.size(), colon - kCannotCompute.size());
      return wxString::Format(_("The form cannot compute its %s: %s"), wx(what),
                              wx(message.substr(colon + 2)));
    }
  }
  return wx(message);
}

wxString clerkProblemLine(const forms::Problem& problem) {
  return wxString::Format(_("%s: %s"), wx(problem.label.empty() ? problem.path : problem.label),
                          clerkText(problem.message));
}

std::vector<std::string> answerValues(const std::string& value) {
  std::vector<std::string> values;
  std::istringstream in(value);
  for (std::string one; in >> one;) values.push_back(one);
  return values;
}

int requiredMarkWidth(const wxWindow* window) {
  // The mark is bold, and GTK wraps a label that gets a pixel less than it asks for: measure it
  // as drawn and keep a little to spare.
  const wxFont bold = window->GetFont().Bold();
  int star = 0;
  window->GetTextExtent(" *", &star, nullptr, nullptr, nullptr, &bold);
  return star + window->FromDIP(3);
}

wxString wrapToWidth(const wxWindow* window, const wxString& text, int width) {
  wxString wrapped;
  wxString rest = text;
  while (true) {
    const int newline = rest.Find('\n');
    wxString line = newline == wxNOT_FOUND ? rest : rest.Left(static_cast<size_t>(newline));
    // Common case first: one measurement for a line that fits.
    while (window->GetTextExtent(line).x > width && line.length() > 1) {
      // The longest prefix that fits, by bisection over the line's characters.
      size_t fits = 1;
      size_t tooLong = line.length();
      while (tooLong - fits > 1) {
        const size_t middle = (fits + tooLong) / 2;
        if (window->GetTextExtent(line.Left(middle)).x <= width) {
          fits = middle;
        } else {
          tooLong = middle;
        }
      }
      size_t breakAt = fits;
      if (isLatinWordChar(line[breakAt - 1]) && isLatinWordChar(line[breakAt])) {
        const size_t space = line.Left(breakAt).find_last_of(' ');
        if (space != wxString::npos && space > 0) breakAt = space;
      } else if (breakAt > 1 && closesPhrase(line[breakAt])) {
        --breakAt;  // carry the last character down with the punctuation
      }
      // A break at a space leaves the space on neither line (a line never ends in " \n").
      wxString head = line.Left(breakAt);
      head.Trim(true);
      wrapped += head.empty() ? line.Left(breakAt) : head;
      wrapped += '\n';
      line = line.Mid(breakAt);
      line.Trim(false);
    }
    wrapped += line;
    if (newline == wxNOT_FOUND) break;
    wrapped += '\n';
    rest = rest.Mid(static_cast<size_t>(newline) + 1);
  }
  return wrapped;
}

void FormNode::markDead() {
  dead_ = true;
  for (FormNode* child : children()) child->markDead();
}

FormField::FormField(FieldHost& host, const forms::ControlView& view)
    : FormNode(view.path),
      host_(host),
      kind_(view.kind),
      type_(view.type),
      labelText_(view.label.empty() ? fallbackLabel(view.path) : view.label),
      hint_(view.hint),
      problem_(view.problem),
      required_(view.required),
      readonly_(view.readonly) {
  setRelevant(view.relevant);
}

FormField::~FormField() = default;

wxWindow* FormField::canvas() const { return host_.canvas(); }

void FormField::create(const forms::ControlView& view) {
  wxWindow* parent = canvas();
  labelWidth_ = host_.labelWidth();
  outer_ = new wxBoxSizer(wxHORIZONTAL);
  label_ = new wxStaticText(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                            labelOnly() ? wxALIGN_LEFT : wxALIGN_RIGHT);
  if (!labelOnly()) label_->SetMinSize(wxSize(labelWidth_, -1));
  showLabel();

  column_ = new wxBoxSizer(wxVERTICAL);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  bool singleLine = true;
  createEditors(view, row, singleLine);
  // The row takes the column's width: choices flow and wrap within it (choice_flow.hpp).
  column_->Add(row, wxSizerFlags().Expand());
  showHint(hint_);

  // The label's first line sits level with the editor's text (or its first line).
  const int lineHeight = label_->GetCharHeight();
  const int editorHeight = singleLine ? row->CalcMin().y : parent->FromDIP(26);
  const int top = std::max(0, (editorHeight - lineHeight) / 2);
  outer_->Add(label_, wxSizerFlags().Top().Border(wxTOP, top));
  outer_->Add(column_, wxSizerFlags(1).Border(wxLEFT, parent->FromDIP(10)));
  for (wxWindow* editor : editors()) watchFocus(editor);
  applyEnabled();
}

wxSizer* FormField::sizer() const { return outer_; }

void FormField::watchFocus(wxWindow* editor) {
  editor->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
    event.Skip();  // GTK needs the default handling to move the focus on
    if (dead()) return;
    if (editors().size() > 1) {
      // Radio buttons, check boxes: moving among them is staying in the field. Where the focus
      // went is known only once it got there.
      host_.leftMaybe(*this);
    } else {
      host_.left(*this);
    }
  });
}

void FormField::putChoices(const std::vector<forms::ChoiceView>& /*choices*/,
                           const std::string& value) {
  putValue(value);
}

int FormField::labelWrapWidth() const {
  if (!labelOnly()) return labelWidth_;
  return labelWidth_ + canvas()->FromDIP(10 + kNoteWidth);
}

void FormField::showLabel() {
  const int width = labelWrapWidth();
  if (required_) {
    // The red mark is markup; a literal '&' must not turn into a mnemonic.
    const int markWidth = requiredMarkWidth(label_);
    const wxString text = escapeMarkup(wrapToWidth(label_, wx(labelText_), width - markWidth));
    label_->SetLabelMarkup(text + " <span foreground=\"#c00000\" weight=\"bold\">*</span>");
  } else {
    label_->SetLabel(wxControl::EscapeMnemonics(wrapToWidth(label_, wx(labelText_), width)));
  }
}

void FormField::showHint(const std::string& hint) {
  hint_ = hint;
  if (hint_.empty() && hintText_ == nullptr) return;
  if (hintText_ == nullptr) {
    hintText_ = new wxStaticText(canvas(), wxID_ANY, wxEmptyString);
    hintText_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    column_->Insert(1, hintText_, wxSizerFlags().Border(wxTOP, canvas()->FromDIP(2)));
    hintText_->Show(shown());
  }
  hintText_->SetLabel(
      wxControl::EscapeMnemonics(wrapToWidth(hintText_, wx(hint_), canvas()->FromDIP(kNoteWidth))));
}

void FormField::applyEnabled() {
  for (wxWindow* editor : editors()) editor->Enable(!readonly_);
}

void FormField::refresh(const forms::ControlView& view, const forms::NodeChange& change,
                        bool keepTyping) {
  const std::string label = view.label.empty() ? fallbackLabel(view.path) : view.label;
  if (label != labelText_ || view.required != required_) {
    labelText_ = label;
    required_ = view.required;
    showLabel();
  }
  if (view.hint != hint_) showHint(view.hint);
  if (view.readonly != readonly_) {
    readonly_ = view.readonly;
    applyEnabled();
  }
  if (change.choices) {
    putChoices(view.choices, view.value);
  } else if (!keepTyping) {
    putValue(view.value);
  }
  problem_ = view.problem;
  setRelevant(view.relevant);
}

bool FormField::updateProblemShown(bool showAll) {
  const bool show = (visited_ || showAll) && relevant() && !problem_.empty();
  if (!show && !problemShown_) return false;
  bool changed = show != problemShown_;
  problemShown_ = show;
  if (show) {
    const int width = canvas()->FromDIP(kNoteWidth);
    if (problemText_ == nullptr) {
      problemText_ = new wxStaticText(canvas(), wxID_ANY, wxEmptyString);
      problemText_->SetForegroundColour(problemColour());
      column_->Add(problemText_, wxSizerFlags().Border(wxTOP, canvas()->FromDIP(2)));
    }
    const wxString text =
        wxControl::EscapeMnemonics(wrapToWidth(problemText_, clerkText(problem_), width));
    if (problemText_->GetLabel() != text) {
      problemText_->SetLabel(text);
      changed = true;
    }
  }
  if (problemText_ != nullptr) problemText_->Show(shown() && problemShown_);
  return changed;
}

wxString FormField::shownProblem() const {
  if (problemText_ == nullptr || !problemShown_ || !problemText_->IsShown()) return {};
  return clerkText(problem_);
}

bool FormField::owns(const wxWindow* window) const {
  std::vector<wxWindow*> windows;
  collectWindows(windows);
  return std::find(windows.begin(), windows.end(), window) != windows.end();
}

void FormField::applyVisibility(bool parentShown) {
  rememberParentShown(parentShown);
  const bool show = shown();
  label_->Show(show);
  for (wxWindow* editor : editors()) editor->Show(show);
  if (hintText_ != nullptr) hintText_->Show(show);
  if (problemText_ != nullptr) problemText_->Show(show && problemShown_);
}

void FormField::collectWindows(std::vector<wxWindow*>& into) const {
  into.push_back(label_);
  for (wxWindow* editor : editors()) into.push_back(editor);
  if (hintText_ != nullptr) into.push_back(hintText_);
  if (problemText_ != nullptr) into.push_back(problemText_);
}

std::unique_ptr<FormField> makeFormField(FieldHost& host, const forms::ControlView& view,
                                         const FieldShape& shape) {
  // A handful of fixed choices fits on one line as buttons the clerk sees at once; more, or
  // choices that change with other answers, go into a list.
  constexpr std::size_t kButtonsAtMost = 4;
  const auto asked = [&view](const char* appearance) {
    return view.appearance.find(appearance) != std::string::npos;
  };
  const bool listAsked = asked("minimal") || asked("autocomplete");
  const bool buttonsAsked = asked("horizontal") || asked("columns") || asked("likert");
  const bool buttons =
      !shape.choicesChange && !listAsked && (buttonsAsked || view.choices.size() <= kButtonsAtMost);
  std::unique_ptr<FormField> field;
  switch (view.kind) {
    case forms::ControlKind::Select1:
      if (buttons) {
        field = std::make_unique<RadioField>(host, view);
      } else {
        field = std::make_unique<ChoiceField>(host, view);
      }
      break;
    case forms::ControlKind::Select:
      if (buttons) {
        field = std::make_unique<CheckBoxesField>(host, view);
      } else {
        field = std::make_unique<CheckListField>(host, view);
      }
      break;
    case forms::ControlKind::Upload:
      field = std::make_unique<UploadField>(host, view);
      break;
    case forms::ControlKind::Input:
      if (shape.note) {
        field = std::make_unique<NoteField>(host, view);
      } else {
        field = std::make_unique<TextField>(host, view);
      }
      break;
    case forms::ControlKind::Range:
      field = std::make_unique<RangeField>(host, view);
      break;
    case forms::ControlKind::Rank:
      field = std::make_unique<RankField>(host, view);
      break;
    case forms::ControlKind::Trigger:
      field = std::make_unique<AcknowledgeField>(host, view);
      break;
    case forms::ControlKind::Group:
    case forms::ControlKind::Repeat:
      throw std::logic_error("a " + std::string(forms::controlKindName(view.kind)) + " at " +
                             view.path + " is a section, not a field");
  }
  field->create(view);
  return field;
}

}  // namespace onewindow::app
