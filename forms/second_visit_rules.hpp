#pragma once
// The rules of the applicant's second visit (DESIGN.md §4, the decisions section of
// shared/domain): supplying what a 容缺 acceptance or a one-time correction notice left owed,
// voiding a 容缺 case whose applicant broke the commitment, withdrawal, the hand-over of the
// result and posting it, and the rating. The engine decides every second-visit command with
// these before it stores anything; central checks each later version of a case with the same
// functions.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "forms/civil_date.hpp"
#include "forms/intake_rules.hpp"

namespace onewindow::forms {

// A material supplied after a decision at the window: what it was before, and how many decisions
// had been taken when it came (the order, exact whatever the clocks' resolution: the decision a
// last gap completes is taken in the same second as the supply).
struct SlotSupply {
  std::string key;
  MaterialStatus before = MaterialStatus::Gap;
  int afterDecisions = 0;
};

// The slots as they stood when decision number `decision` (1 = the first) was taken: a slot
// supplied after it shows its status before. A decision is always judged on the materials it was
// taken on.
[[nodiscard]] std::vector<CaseSlot> slotsAtDecision(std::vector<CaseSlot> slots,
                                                    const std::vector<SlotSupply>& supplies,
                                                    int decision);

// What the window decided last, which a second visit follows.
struct LastDecision {
  DecisionKind kind = DecisionKind::Accept;
  std::optional<CivilDate> gapDeadline;         // 容缺: the supplement deadline
  std::optional<CivilDate> correctionDeadline;  // 补正: the date the notice printed
};

// Supplying `slot` on `today`: a gap of a 容缺 case by its deadline, or a material a correction
// notice asked for by the notice's date. Anything else awaits no supplement.
[[nodiscard]] std::vector<RuleProblem> checkSupply(const std::optional<LastDecision>& last,
                                                   const CaseSlot& slot, CivilDate today);

// The decision that answers a correction notice: accept, 容缺 or refuse (checkDecision's rules,
// over the slots with the supplements), by the notice's date; a second notice is not allowed.
[[nodiscard]] std::vector<RuleProblem> checkCorrectionAnswer(const LastDecision& notice,
                                                             const CaseFacts& facts,
                                                             const DecisionRequest& request,
                                                             CivilDate today);

// Whether a 容缺 case may be voided now (the commitment broken): its deadline has passed with a
// gap still owed.
[[nodiscard]] std::vector<RuleProblem> checkVoidable(const std::optional<LastDecision>& last,
                                                     const std::vector<CaseSlot>& slots,
                                                     CivilDate today);

// Voiding it: voidable, and with a reason.
[[nodiscard]] std::vector<RuleProblem> checkVoidOverdue(const std::optional<LastDecision>& last,
                                                        const std::vector<CaseSlot>& slots,
                                                        const std::string& reason, CivilDate today);

// A withdrawal at the applicant's request needs the reason they gave.
[[nodiscard]] std::vector<RuleProblem> checkWithdrawal(const std::string& reason);

// The hand-over of the result (出件): the collector named and identified, their ID checked by the
// clerk; the applicant themselves unless an authorised collector is recorded; something handed.
struct Handover {
  Applicant collector;
  bool authorised = false;  // an authorised collector (委托), not the applicant
  bool idChecked = false;
  std::vector<std::string> documents;  // the document numbers handed over
};
[[nodiscard]] std::vector<RuleProblem> checkHandover(const Handover& handover,
                                                     const Applicant& applicant, CivilDate today);

// Posting the result instead: the tracking number is the proof.
[[nodiscard]] std::vector<RuleProblem> checkPosting(const std::string& trackingNo);

// A rating: one of the five levels; 不满意 and 非常不满意 need ticked reasons or a text.
[[nodiscard]] std::vector<RuleProblem> checkRating(const std::string& label,
                                                   const std::vector<std::string>& reasons,
                                                   const std::string& comment);

}  // namespace onewindow::forms
