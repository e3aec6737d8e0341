#pragma once
// 秒批 at the window: each rule of the matter with each condition's outcome (✓, ✗ or an
// error), the value the condition looked at, and the provisional outcome — "eligible:
// approved automatically" or which condition failed — so the clerk can tell the applicant why.

#include <string>
#include <vector>

#include <pugixml.hpp>
#include <wx/panel.h>

#include "forms/approval_rules.hpp"

class wxHtmlWindow;
class wxStaticText;

namespace onewindow::app {

// The provisional outcome in words: the first rule that passed, else the first condition
// that failed or could not be checked.
[[nodiscard]] wxString provisionalOutcome(const std::vector<forms::RuleResult>& results,
                                          const std::string& language);
[[nodiscard]] wxString approvalTraceHtml(const std::vector<forms::RuleResult>& results,
                                         const std::string& language);

class ApprovalTraceView final : public wxPanel {
 public:
  explicit ApprovalTraceView(wxWindow* parent);

  // Evaluates every rule of `matter` over the instance and shows the trace.
  void evaluate(const forms::Matter& matter, pugi::xml_node instanceRoot,
                const forms::expr::Environment* environment, const std::string& language);
  // The matter has rules but no form to evaluate them on.
  void showUnavailable(const wxString& why);

  [[nodiscard]] const std::vector<forms::RuleResult>& results() const { return results_; }
  [[nodiscard]] bool eligible() const;
  [[nodiscard]] wxString outcomeText() const;
  [[nodiscard]] wxString traceText() const;

 private:
  std::vector<forms::RuleResult> results_;
  wxStaticText* outcome_ = nullptr;
  wxHtmlWindow* trace_ = nullptr;
};

}  // namespace onewindow::app
