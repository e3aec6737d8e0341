#pragma once
// How the engine's and central's verdicts read in the clerk's language. The rules are decided
// below the screen (forms/intake_rules.hpp, in the engine and again on central); each broken
// rule arrives with a stable name, where it is and what it concerns, and is phrased here from
// those, never from the English sentence meant for logs. Central's errors are phrased by their
// machine code, with central's own text kept as the detail.

#include <string>
#include <vector>

#include <wx/string.h>

#include "client/engine/notifications.hpp"
#include "forms/intake_rules.hpp"

namespace onewindow::app {

// One broken rule as the clerk reads it ("The applicant's ID number is not valid: …").
[[nodiscard]] wxString ruleProblemText(const forms::RuleProblem& problem);
// Every problem, one a line.
[[nodiscard]] wxString ruleProblemsText(const std::vector<forms::RuleProblem>& problems);
// Why the engine refused: its broken rules in the clerk's words, else its message.
[[nodiscard]] wxString refusalText(const std::string& message,
                                   const std::vector<forms::RuleProblem>& problems);

// A refused engine command as the supervisor reads it: what kind of refusal in their language,
// then the engine's own detail (its broken rules phrased, else its message).
[[nodiscard]] wxString commandFailureText(engine::CommandFailure failure,
                                          const std::string& message,
                                          const std::vector<forms::RuleProblem>& problems);

// Why a case did not reach central (a sync error's machine code, API.md §1, or one of the
// station's own "client.…" codes); an unknown or empty code falls back to `detail` itself.
[[nodiscard]] wxString syncErrorText(const std::string& code, const std::string& detail);

// Why a print or the list of printers failed (a "print.…" code of the spooler's answer), in
// the clerk's language, with the spooler's English `detail` after it; an unknown or empty code
// falls back to `detail` itself.
[[nodiscard]] wxString printErrorText(const std::string& code, const std::string& detail);

}  // namespace onewindow::app
