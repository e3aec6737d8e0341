#include "forms/second_visit_rules.hpp"

#include <algorithm>

#include "forms/satisfaction.hpp"

namespace onewindow::forms {
namespace {

RuleProblem problem(Rule rule, std::string where, std::string subject, std::string detail,
                    std::string message) {
  return {rule, std::move(where), std::move(subject), std::move(detail), std::move(message)};
}

std::string quoted(const std::string& text) { return "“" + text + "”"; }

}  // namespace

std::vector<CaseSlot> slotsAtDecision(std::vector<CaseSlot> slots,
                                      const std::vector<SlotSupply>& supplies, int decision) {
  for (CaseSlot& slot : slots) {
    const auto supply = std::find_if(supplies.begin(), supplies.end(),
                                     [&](const SlotSupply& s) { return s.key == slot.key; });
    if (supply != supplies.end() && supply->afterDecisions >= decision)
      slot.status = supply->before;
  }
  return slots;
}

std::vector<RuleProblem> checkSupply(const std::optional<LastDecision>& last, const CaseSlot& slot,
                                     CivilDate today) {
  const std::string where = "material." + slot.key;
  const bool gapCase = last && last->kind == DecisionKind::AcceptWithGaps;
  const bool correctionCase = last && last->kind == DecisionKind::CorrectionNotice;
  if (!gapCase && !correctionCase) {
    return {problem(Rule::SupplyNotExpected, where, slot.name, "",
                    "the case awaits no supplement: it has neither a gap acceptance nor a "
                    "correction notice to answer")};
  }
  std::vector<RuleProblem> problems;
  if (gapCase && slot.status != MaterialStatus::Gap) {
    problems.push_back(problem(Rule::SupplyNotOwed, where, slot.name,
                               std::string(materialStatusName(slot.status)),
                               quoted(slot.name) + " is not a gap of this case: nothing is owed "
                                                   "for it"));
  }
  if (correctionCase && isSupplied(slot.status)) {
    problems.push_back(problem(Rule::SupplyNotOwed, where, slot.name,
                               std::string(materialStatusName(slot.status)),
                               quoted(slot.name) + " was supplied already"));
  }
  const std::optional<CivilDate> deadline = gapCase ? last->gapDeadline : last->correctionDeadline;
  if (deadline && today > *deadline) {
    problems.push_back(problem(Rule::SupplyLate, where, slot.name, deadline->iso(),
                               gapCase
                                   ? "the supplement deadline " + deadline->iso() +
                                         " has passed: the gap acceptance can only be voided now"
                                   : "the correction deadline " + deadline->iso() +
                                         " has passed: the application counts as withdrawn"));
  }
  return problems;
}

std::vector<RuleProblem> checkCorrectionAnswer(const LastDecision& notice, const CaseFacts& facts,
                                               const DecisionRequest& request, CivilDate today) {
  std::vector<RuleProblem> problems;
  if (request.kind == DecisionKind::CorrectionNotice) {
    problems.push_back(problem(Rule::CorrectionTwice, "decision", "", "",
                               "a one-time correction notice is issued once: the supplements are "
                               "accepted, accepted with gaps or refused"));
    return problems;
  }
  if (notice.correctionDeadline && today > *notice.correctionDeadline &&
      request.kind != DecisionKind::Refuse) {
    problems.push_back(problem(Rule::SupplyLate, "decision", "", notice.correctionDeadline->iso(),
                               "the correction deadline " + notice.correctionDeadline->iso() +
                                   " has passed: the application counts as withdrawn"));
  }
  for (RuleProblem& p : checkDecision(facts, request, today)) problems.push_back(std::move(p));
  return problems;
}

std::vector<RuleProblem> checkVoidable(const std::optional<LastDecision>& last,
                                       const std::vector<CaseSlot>& slots, CivilDate today) {
  std::vector<RuleProblem> problems;
  const bool owesGap = std::any_of(slots.begin(), slots.end(), [](const CaseSlot& slot) {
    return slot.status == MaterialStatus::Gap;
  });
  if (!last || last->kind != DecisionKind::AcceptWithGaps || !owesGap) {
    problems.push_back(problem(Rule::VoidNotOverdue, "case", "", "",
                               "only a gap acceptance with a gap still owed is voided for a broken "
                               "commitment"));
  } else if (last->gapDeadline && today <= *last->gapDeadline) {
    problems.push_back(problem(Rule::VoidNotOverdue, "case", "", last->gapDeadline->iso(),
                               "the supplement deadline " + last->gapDeadline->iso() +
                                   " has not passed: the applicant may still supply"));
  }
  return problems;
}

std::vector<RuleProblem> checkVoidOverdue(const std::optional<LastDecision>& last,
                                          const std::vector<CaseSlot>& slots,
                                          const std::string& reason, CivilDate today) {
  std::vector<RuleProblem> problems = checkVoidable(last, slots, today);
  if (isBlankText(reason)) {
    problems.push_back(
        problem(Rule::ReasonMissing, "case.reason", "", "", "voiding a case needs its reason"));
  }
  return problems;
}

std::vector<RuleProblem> checkWithdrawal(const std::string& reason) {
  if (!isBlankText(reason)) return {};
  return {problem(Rule::ReasonMissing, "case.reason", "", "",
                  "a withdrawal needs the reason the applicant gave")};
}

std::vector<RuleProblem> checkHandover(const Handover& handover, const Applicant& applicant,
                                       CivilDate today) {
  std::vector<RuleProblem> problems;
  for (RuleProblem p : checkApplicant(handover.collector, today, "collector")) {
    p.rule = p.rule == Rule::ApplicantName ? Rule::CollectorName : Rule::CollectorId;
    problems.push_back(std::move(p));
  }
  if (!handover.authorised && !isBlankText(handover.collector.idNumber) &&
      (handover.collector.idType != applicant.idType ||
       handover.collector.idNumber != applicant.idNumber)) {
    problems.push_back(problem(Rule::CollectorNotApplicant, "collector.id_number", "",
                               handover.collector.idNumber,
                               "the collector's ID is not the applicant's: record them as an "
                               "authorised collector with the authorisation, or hand over to "
                               "the applicant"));
  }
  if (!handover.idChecked) {
    problems.push_back(problem(Rule::CollectorIdUnchecked, "collector.id_checked", "", "",
                               "check the collector's ID document before handing over"));
  }
  if (handover.documents.empty()) {
    problems.push_back(problem(Rule::HandoverNoDocuments, "handover.documents", "", "",
                               "the hand-over lists no document: print the result first"));
  }
  return problems;
}

std::vector<RuleProblem> checkPosting(const std::string& trackingNo) {
  if (!isBlankText(trackingNo)) return {};
  return {problem(Rule::TrackingMissing, "posting.tracking_no", "", "",
                  "posting the result needs its tracking number")};
}

std::vector<RuleProblem> checkRating(const std::string& label,
                                     const std::vector<std::string>& reasons,
                                     const std::string& comment) {
  if (!satisfactionGbLevel(label)) {
    return {problem(Rule::RatingLabel, "rating.level", "", label,
                    "'" + label + "' is not one of the five satisfaction levels")};
  }
  const bool anyReason = std::any_of(reasons.begin(), reasons.end(),
                                     [](const std::string& r) { return !isBlankText(r); });
  if (isBadSatisfaction(label) && !anyReason && isBlankText(comment)) {
    return {problem(Rule::RatingReasons, "rating.reasons", "", label,
                    "a rating of " + label + " needs ticked reasons or a text")};
  }
  return {};
}

}  // namespace onewindow::forms
