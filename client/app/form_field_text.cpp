#include <wx/sizer.h>
#include <wx/textctrl.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

bool allDigits(const std::string& text, std::size_t count) {
  if (text.size() != count) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool multiline(const forms::ControlView& view) {
  return view.appearance.find("multiline") != std::string::npos ||
         view.appearance.find("multi-line") != std::string::npos;
}

}  // namespace

void TextField::createEditors(const forms::ControlView& view, wxSizer* row, bool& singleLine) {
  wxWindow* parent = canvas();
  int width = 360;
  long style = wxTE_PROCESS_ENTER;
  wxString placeholder;
  switch (type()) {
    case forms::DataType::Int:
    case forms::DataType::Decimal:
      width = 160;
      break;
    case forms::DataType::Date:
      width = 180;
      placeholder = _("YYYY-MM-DD or 8 digits");
      break;
    case forms::DataType::Time:
      width = 120;
      placeholder = _("HH:MM");
      break;
    case forms::DataType::DateTime:
      width = 220;
      placeholder = _("YYYY-MM-DD HH:MM");
      break;
    case forms::DataType::Barcode:
      // A keyboard-wedge scanner types the code and Enter, which moves on to the next field.
      placeholder = _("Scan the barcode, or type it");
      break;
    case forms::DataType::Geopoint:
      placeholder = _("latitude longitude, e.g. 22.5431 114.0579");
      break;
    case forms::DataType::Boolean:
      width = 120;
      placeholder = _("true or false");
      break;
    case forms::DataType::Geotrace:
    case forms::DataType::Geoshape:
      width = 480;
      placeholder = _("points as latitude longitude, separated by ;");
      break;
    default:
      break;
  }
  wxSize size(parent->FromDIP(width), -1);
  if (type() == forms::DataType::String && multiline(view)) {
    style = wxTE_MULTILINE;
    size = parent->FromDIP(wxSize(480, 72));
    singleLine = false;
  }
  int& boxHeight = host().textBoxHeight();
  const bool oneLine = (style & wxTE_MULTILINE) == 0;
  if (oneLine && boxHeight > 0) size.y = boxHeight;
  text_ = new wxTextCtrl(parent, wxID_ANY, wx(view.value), wxDefaultPosition, size, style);
  if (oneLine && boxHeight == 0) boxHeight = text_->GetSize().y;
  text_->SetName(wx(view.path));
  if (!placeholder.empty()) text_->SetHint(placeholder);
  row->Add(text_);

  text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    if (!dead()) host().typed(*this);
  });
  // Tab: the answer goes in before the focus moves, so that the next field is the next one of
  // the form as the answer leaves it (a counted repeat grown, a field made relevant).
  text_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& event) {
    if (event.GetKeyCode() != WXK_TAB || event.ControlDown() || event.AltDown() || dead()) {
      event.Skip();
      return;
    }
    host().commit(*this, Commit::Done);
    host().nextField(text_, event.ShiftDown());
  });
  if ((style & wxTE_PROCESS_ENTER) != 0) {
    // Enter: this answer is done, on to the next field, as Tab would.
    text_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
      if (dead()) return;
      host().commit(*this, Commit::Done);
      host().nextField(text_, false);
    });
  }
}

std::vector<wxWindow*> TextField::editors() const { return {text_}; }

wxWindow* TextField::focusTarget() const { return text_; }

std::string TextField::answer() const {
  std::string text = trimmed(text_->GetValue().utf8_string());
  // Typing shortcuts for the clerk, turned into the form's own notation.
  if (type() == forms::DataType::Date && allDigits(text, 8)) {
    text = text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
  } else if (type() == forms::DataType::Time && allDigits(text, 4)) {
    text = text.substr(0, 2) + ":" + text.substr(2, 2);
  } else if (type() == forms::DataType::DateTime && text.size() > 10 && text[10] == ' ') {
    text[10] = 'T';  // "2026-11-27 14:30" as people write it
  }
  return text;
}

void TextField::putValue(const std::string& value) {
  const wxString shown = wx(value);
  if (text_->GetValue() != shown) text_->ChangeValue(shown);
}

void NoteField::createEditors(const forms::ControlView& view, wxSizer* /*row*/, bool& singleLine) {
  value_ = view.value;
  singleLine = false;
}

}  // namespace onewindow::app
