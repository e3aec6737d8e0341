#pragma once
// What a decision's notice says beyond its kind, written by the engine from the case as taken in
// (never from a screen): the gaps and their deadline, every item of a one-time correction notice,
// a refusal's remedies. Kept with the decision (decisions.details_xml) for the printed notice.

#include <string>
#include <vector>

#include "forms/form_session.hpp"
#include "forms/intake_rules.hpp"

namespace onewindow::engine {

// The applicant's remedies against a refusal, as the refusal notice states them (Chinese, the
// language of the documents).
[[nodiscard]] const std::string& refusalRemediesText();

// <acceptance/>, <gap-acceptance deadline=…><material …/></gap-acceptance>,
// <correction-notice><form-problem …>…</form-problem><material …/><other>…</other></…>,
// <refusal><remedies>…</remedies></refusal>.
[[nodiscard]] std::string decisionDetailsXml(const forms::DecisionRequest& request,
                                             const std::vector<forms::CaseSlot>& slots,
                                             const std::vector<forms::Problem>& formProblems);

}  // namespace onewindow::engine
