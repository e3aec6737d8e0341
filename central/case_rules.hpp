#pragma once
// Central checks every submitted case with the rules of the window (forms/intake_rules.hpp,
// the functions the workstation's engine decides with), over the catalog release it serves: a
// window is trusted no more than any client (DESIGN.md §3). The matter or bundle in effect on
// the intake date; its form's answers as of the intake moment; the applicant; the material
// list the scenario answers give (every slot, main or secondary as the catalog says, gaps and
// e-licences only where allowed); the due dates the working calendar gives; each decision at
// the window; and the state the decisions lead to. Kept apart from HTTP, so every way a case
// can break a rule is tested without a server.

#include <vector>

#include "central/case_document.hpp"
#include "forms/catalog.hpp"
#include "forms/intake_rules.hpp"
#include "forms/xform_cache.hpp"

namespace onewindow::central {

// Every broken rule of the case; empty when it keeps them all. `catalog` null: central has no
// release to check against (one problem). Never throws for bad case content.
[[nodiscard]] std::vector<forms::RuleProblem> checkSubmittedCase(const forms::Catalog* catalog,
                                                                 forms::XFormCache& forms,
                                                                 const CaseDocument& document);

// The <problems> of a 422 case.rule_violation body: one <problem rule= where= subject=>message</…>
// each, in the order found.
[[nodiscard]] std::string problemsXml(const std::vector<forms::RuleProblem>& problems);

}  // namespace onewindow::central
