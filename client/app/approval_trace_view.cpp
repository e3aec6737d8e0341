#include "client/app/approval_trace_view.hpp"

#include <wx/html/htmlwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

wxString escape(const wxString& text) {
  wxString out = text;
  out.Replace("&", "&amp;");
  out.Replace("<", "&lt;");
  out.Replace(">", "&gt;");
  return out;
}

// What a condition looked at, as the clerk reads it: a number that could not be computed (an
// age from an invalid ID number) is "no value", not "NaN".
wxString shownValue(const std::string& shown) { return shown == "NaN" ? _("no value") : wx(shown); }

// Marks drawn in colour so the trace reads at a glance.
const char* const kPassMark = "<font color=\"#1b7f3b\"><b>&#x2713;</b></font>";
const char* const kFailMark = "<font color=\"#b00020\"><b>&#x2717;</b></font>";
const char* const kErrorMark = "<font color=\"#b35900\"><b>!</b></font>";

}  // namespace

wxString provisionalOutcome(const std::vector<forms::RuleResult>& results,
                            const std::string& language) {
  for (const forms::RuleResult& result : results) {
    if (result.passed)
      return wxString::Format(_("Provisional outcome: %s (%s)"),
                              wx(result.rule->outcome.in(language)),
                              wx(result.rule->label.in(language)));
  }
  for (const forms::RuleResult& result : results) {
    for (const forms::ConditionTrace& condition : result.trace) {
      const wxString label = wx(condition.label.in(language));
      if (condition.outcome == forms::ConditionOutcome::Error)
        return wxString::Format(_("Not approved automatically: \"%s\" could not be checked (%s)."),
                                label, wx(condition.error));
      if (condition.outcome == forms::ConditionOutcome::False) {
        return condition.shown.empty()
                   ? wxString::Format(_("Not approved automatically: \"%s\" does not hold."), label)
                   : wxString::Format(
                         _("Not approved automatically: \"%s\" does not hold (value: %s)."), label,
                         shownValue(condition.shown));
      }
    }
  }
  return _("The matter has no auto-approval rule: the clerk decides.");
}

wxString approvalTraceHtml(const std::vector<forms::RuleResult>& results,
                           const std::string& language) {
  wxString html = "<html><body>";
  for (const forms::RuleResult& result : results) {
    html += "<p><b>" + escape(wx(result.rule->label.in(language))) + "</b> &mdash; " +
            escape(result.passed ? _("passed") : _("not passed")) + "</p>";
    html += "<table cellpadding=\"2\">";
    for (const forms::ConditionTrace& condition : result.trace) {
      const char* mark = condition.outcome == forms::ConditionOutcome::True    ? kPassMark
                         : condition.outcome == forms::ConditionOutcome::False ? kFailMark
                                                                               : kErrorMark;
      wxString value = condition.shown.empty()
                           ? wxString()
                           : escape(wxString::Format(_("value: %s"), shownValue(condition.shown)));
      if (condition.outcome == forms::ConditionOutcome::Error)
        value += " " + escape(wxString::Format(_("error: %s"), wx(condition.error)));
      if (!condition.showError.empty())
        value += " " + escape(wxString::Format(_("value not shown: %s"), wx(condition.showError)));
      html += "<tr><td>" + wxString(mark) + "</td><td>" + escape(wx(condition.label.in(language))) +
              "</td><td><font color=\"#555555\">" + value + "</font></td></tr>";
    }
    html += "</table>";
  }
  return html + "</body></html>";
}

ApprovalTraceView::ApprovalTraceView(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  outcome_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  outcome_->SetName("approval-outcome");
  outcome_->SetFont(outcome_->GetFont().Bold());
  sizer->Add(outcome_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
  trace_ = new wxHtmlWindow(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(120)),
                            wxHW_SCROLLBAR_AUTO);
  trace_->SetName("approval-trace");
  trace_->SetStandardFonts(FromDIP(10));
  sizer->Add(trace_, wxSizerFlags().Expand());
  SetSizer(sizer);
}

void ApprovalTraceView::evaluate(const forms::Matter& matter, pugi::xml_node instanceRoot,
                                 const forms::expr::Environment* environment,
                                 const std::string& language) {
  results_ = forms::evaluateRules(matter, instanceRoot, environment);
  outcome_->SetLabel(provisionalOutcome(results_, language));
  outcome_->SetForegroundColour(eligible() ? wxColour(0x1B, 0x7F, 0x3B)
                                           : wxColour(0xB0, 0x00, 0x20));
  outcome_->Wrap(GetClientSize().GetWidth() > 0 ? GetClientSize().GetWidth() : FromDIP(420));
  trace_->SetPage(approvalTraceHtml(results_, language));
  Layout();
}

void ApprovalTraceView::showUnavailable(const wxString& why) {
  results_.clear();
  outcome_->SetLabel(why);
  outcome_->SetForegroundColour(GetForegroundColour());
  trace_->SetPage("<html><body></body></html>");
  Layout();
}

bool ApprovalTraceView::eligible() const {
  for (const forms::RuleResult& result : results_) {
    if (result.passed) return true;
  }
  return false;
}

wxString ApprovalTraceView::outcomeText() const { return outcome_->GetLabel(); }
wxString ApprovalTraceView::traceText() const { return trace_->ToText(); }

}  // namespace onewindow::app
