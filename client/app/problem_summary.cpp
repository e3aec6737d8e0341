#include "client/app/problem_summary.hpp"

// wxGenericHyperlinkCtrl: its header needs the base class from here, and wxGTK's includes it.
#include <wx/hyperlink.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/form_field.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

// A clickable problem line that Tab passes by.
class ProblemLink final : public wxGenericHyperlinkCtrl {
 public:
  ProblemLink(wxWindow* parent, const wxString& text, const wxString& path)
      : wxGenericHyperlinkCtrl(parent, wxID_ANY, text, path, wxDefaultPosition, wxDefaultSize,
                               wxHL_ALIGN_LEFT | wxNO_BORDER) {}
  bool AcceptsFocus() const override { return false; }
  bool AcceptsFocusFromKeyboard() const override { return false; }
};

bool sameProblems(const std::vector<forms::Problem>& a, const std::vector<forms::Problem>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].path != b[i].path || a[i].label != b[i].label || a[i].message != b[i].message) {
      return false;
    }
  }
  return true;
}

}  // namespace

ProblemSummary::ProblemSummary(wxWindow* parent,
                               std::function<void(const std::string& path)> onPick)
    : wxPanel(parent, wxID_ANY), onPick_(std::move(onPick)) {
  SetName("form-problem-summary");
  SetBackgroundColour(wxColour(0xFD, 0xEC, 0xEA));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  title_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  title_->SetFont(title_->GetFont().Bold());
  sizer->Add(title_, wxSizerFlags().Border(wxALL, FromDIP(8)));
  linesSizer_ = new wxBoxSizer(wxVERTICAL);
  sizer->Add(linesSizer_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  SetSizer(sizer);
}

bool ProblemSummary::show(const std::vector<forms::Problem>& problems) {
  if (shownOnce_ && sameProblems(problems, problems_)) return false;
  shownOnce_ = true;
  problems_ = problems;
  if (problems_.empty()) {
    title_->SetLabel(_("No problems: every answer is complete and valid."));
    title_->SetForegroundColour(wxColour(0x1B, 0x5E, 0x20));
  } else {
    title_->SetLabel(wxString::Format(
        wxPLURAL("%d problem to correct before saving:", "%d problems to correct before saving:",
                 static_cast<int>(problems_.size())),
        static_cast<int>(problems_.size())));
    title_->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
  }
  // Few lines: redrawing them all is simpler than matching old and new.
  Freeze();
  for (wxGenericHyperlinkCtrl* line : lines_) line->Destroy();
  lines_.clear();
  linesSizer_->Clear(false);
  const wxColour red(0xB0, 0x00, 0x20);
  for (const auto& problem : problems_) {
    auto* line = new ProblemLink(this, clerkProblemLine(problem), wx(problem.path));
    line->SetNormalColour(red);
    line->SetVisitedColour(red);
    line->SetHoverColour(wxColour(0x70, 0x00, 0x10));
    line->SetToolTip(_("Go to this field"));
    const std::string path = problem.path;
    line->Bind(wxEVT_HYPERLINK, [this, path](wxHyperlinkEvent&) {
      // Not skipped: the "URL" is a field, never for a browser.
      if (onPick_) CallAfter([this, path] { onPick_(path); });
    });
    linesSizer_->Add(line, wxSizerFlags().Border(wxTOP, FromDIP(2)));
    lines_.push_back(line);
  }
  Thaw();
  Layout();
  return true;
}

wxString ProblemSummary::title() const { return title_->GetLabel(); }

wxWindow* ProblemSummary::line(std::size_t index) const {
  return index < lines_.size() ? lines_[index] : nullptr;
}

wxString ProblemSummary::lineText(std::size_t index) const {
  return index < lines_.size() ? lines_[index]->GetLabel() : wxString();
}

}  // namespace onewindow::app
