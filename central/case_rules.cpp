#include "central/case_rules.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include <pugixml.hpp>

#include "forms/second_visit_rules.hpp"
#include "localdb/case_state.hpp"

namespace onewindow::central {
namespace {

using forms::Rule;
using forms::RuleProblem;

RuleProblem caseProblem(Rule rule, std::string where, std::string detail, std::string message) {
  return {rule, std::move(where), "", std::move(detail), std::move(message)};
}

std::string_view stateAfter(forms::DecisionKind kind) {
  switch (kind) {
    case forms::DecisionKind::Accept:
      return "accepted";
    case forms::DecisionKind::AcceptWithGaps:
      return "accepted_with_gaps";
    case forms::DecisionKind::CorrectionNotice:
      return "awaiting_correction";
    case forms::DecisionKind::Refuse:
      return "refused";
  }
  return "";
}

// The states a window's decision (or none) leads to; later states come from elsewhere.
bool isWindowState(std::string_view state) {
  return state == "intake" || state == "accepted" || state == "accepted_with_gaps" ||
         state == "awaiting_correction" || state == "refused";
}

void checkSlots(const std::vector<forms::CaseSlot>& derived, const CaseDocument& document,
                std::vector<RuleProblem>& problems) {
  for (const forms::CaseSlot& slot : derived) {
    const auto given = std::find_if(document.slots.begin(), document.slots.end(),
                                    [&](const CaseSlotEntry& s) { return s.key == slot.key; });
    if (given == document.slots.end()) {
      problems.push_back({Rule::MaterialAbsent, "material." + slot.key, slot.name, "",
                          "the case has no slot for “" + slot.name + "” (" + slot.key +
                              "), which the matter asks for in the applicant's situation"});
    } else if (given->mandatory != slot.main) {
      problems.push_back({Rule::MaterialRole, "material." + slot.key, slot.name,
                          slot.main ? "main" : "secondary",
                          "“" + slot.name + "” is a " + (slot.main ? "main" : "secondary") +
                              " material in the catalog, but the case marks it " +
                              (given->mandatory ? "mandatory" : "not mandatory")});
    }
  }
}

void checkDueDates(const forms::DueDates& due, const CaseDocument& document,
                   std::vector<RuleProblem>& problems) {
  if (document.promisedDue != due.promised) {
    problems.push_back(caseProblem(
        Rule::DueDate, "case.promised_due", due.promised.iso(),
        "the promised date is " + (document.promisedDue ? document.promisedDue->iso() : "missing") +
            ", but the matter's limit on its working calendar gives " + due.promised.iso()));
  }
  if (due.legal && document.legalDue != due.legal) {
    problems.push_back(caseProblem(Rule::DueDate, "case.legal_due", due.legal->iso(),
                                   "the legal due date is " +
                                       (document.legalDue ? document.legalDue->iso() : "missing") +
                                       ", but the matter's legal limit gives " + due.legal->iso()));
  }
}

std::optional<forms::LastDecision> decisionNumber(const CaseDocument& document, int number,
                                                  const forms::CaseFacts& facts);

// What happened after the decision keeps its rules, and a state after the window's decision
// that the window leads to (withdrawn, void, collected, posted) has its event.
void checkEvents(const CaseDocument& document, const forms::CaseFacts& facts,
                 const std::vector<forms::CaseSlot>& slots, std::vector<RuleProblem>& problems) {
  const forms::Applicant applicant{document.applicantName, document.applicantIdType,
                                   document.applicantIdNumber};
  for (const CaseEventEntry& event : document.events) {
    const auto at = std::chrono::system_clock::time_point(event.at);
    const forms::CivilDate day = forms::chinaDate(at);
    std::vector<RuleProblem> found;
    if (event.kind == "withdrawal") {
      found = forms::checkWithdrawal(event.reason);
    } else if (event.kind == "void") {
      // Nothing is supplied or decided after a case is voided: the last decision and the slots
      // as they are.
      found = forms::checkVoidOverdue(
          decisionNumber(document, static_cast<int>(document.decisions.size()), facts), slots,
          event.reason, day);
    } else if (event.kind == "handover") {
      const forms::Handover handover{
          {event.collectorName, event.collectorIdType, event.collectorIdNumber},
          event.authorised,
          event.idChecked,
          event.documents};
      found = forms::checkHandover(handover, applicant, day);
    } else if (event.kind == "posting") {
      found = forms::checkPosting(event.trackingNo);
    }
    for (RuleProblem& problem : found) problems.push_back(std::move(problem));
  }
  static const std::array<std::pair<std::string_view, std::string_view>, 4> kEventOfState{
      {{"withdrawn", "withdrawal"},
       {"void", "void"},
       {"collected", "handover"},
       {"posted", "posting"}}};
  for (const auto& [state, kind] : kEventOfState) {
    if (document.state != state) continue;
    const bool recorded = std::any_of(document.events.begin(), document.events.end(),
                                      [&](const CaseEventEntry& e) { return e.kind == kind; });
    if (!recorded) {
      problems.push_back(caseProblem(
          Rule::EventMissing, "case.state", std::string(kind),
          "the case is '" + document.state + "' without its " + std::string(kind) + " event"));
    }
  }
}

std::vector<forms::SlotSupply> suppliesOf(const CaseDocument& document) {
  std::vector<forms::SlotSupply> supplies;
  for (const CaseSlotEntry& slot : document.slots) {
    if (slot.suppliedAt) supplies.push_back({slot.key, slot.suppliedFrom, slot.suppliedAfter});
  }
  return supplies;
}

std::vector<forms::CaseSlot> slotsOf(const CaseDocument& document) {
  std::vector<forms::CaseSlot> slots;
  for (const CaseSlotEntry& slot : document.slots)
    slots.push_back({slot.key, slot.name, slot.mandatory, slot.status});
  return slots;
}

// Decision number `number` (1 = the first) as a second visit follows it; nullopt for none.
std::optional<forms::LastDecision> decisionNumber(const CaseDocument& document, int number,
                                                  const forms::CaseFacts& facts) {
  if (number < 1 || number > static_cast<int>(document.decisions.size())) return std::nullopt;
  const CaseDecisionEntry& decision = document.decisions[static_cast<std::size_t>(number - 1)];
  return forms::LastDecision{decision.kind, decision.gapDeadline,
                             forms::correctionNoticeDeadline(*facts.calendar, facts.intakeDate)};
}

// Each decision is judged on the materials as they stood when it was taken, and a decision
// before the latest revision of the form on answers central no longer has.
void checkDecisions(const forms::Catalog& catalog, const forms::IntakeSubject& subject,
                    const forms::IntakeCheck& intake, const CaseDocument& document,
                    std::vector<RuleProblem>& problems) {
  const forms::CivilDate intakeDate = forms::chinaDate(document.intakeAt);
  forms::CaseFacts facts;
  facts.formProblems = intake.formProblems.size();
  facts.intakeDate = intakeDate;
  facts.promisedDue = intake.due.promised;
  facts.calendar = &forms::windowCalendar(catalog, subject, intakeDate);
  const std::vector<forms::CaseSlot> slots = slotsOf(document);
  const std::vector<forms::SlotSupply> supplies = suppliesOf(document);
  bool formListed = false;
  bool noticeIssued = false;
  int number = 0;
  for (const CaseDecisionEntry& decision : document.decisions) {
    const auto decidedAt = std::chrono::system_clock::time_point(decision.decidedAt);
    facts.slots = forms::slotsAtDecision(slots, supplies, ++number);
    facts.formKnown = !document.formRevisedAt || number > document.formRevisedAfter;
    const forms::DecisionRequest request{decision.kind, decision.grounds, decision.gapDeadline,
                                         decision.commitmentSigned};
    const forms::CivilDate day = forms::chinaDate(decidedAt);
    std::vector<RuleProblem> found;
    if (noticeIssued) {
      const forms::LastDecision notice{
          forms::DecisionKind::CorrectionNotice, std::nullopt,
          forms::correctionNoticeDeadline(*facts.calendar, intakeDate)};
      found = forms::checkCorrectionAnswer(notice, facts, request, day);
    } else {
      found = forms::checkDecision(facts, request, day);
    }
    for (RuleProblem& problem : found) {
      // An acceptance of an invalid form: say which answers are wrong, once.
      if (problem.rule == Rule::FormInvalid && !formListed) {
        formListed = true;
        for (const RuleProblem& answer : intake.problems)
          if (answer.rule == Rule::FormAnswer) problems.push_back(answer);
      }
      problems.push_back(std::move(problem));
    }
    noticeIssued = noticeIssued || decision.kind == forms::DecisionKind::CorrectionNotice;
  }
  // Each supplement answered what the decision in force then left owed, in time.
  for (const CaseSlotEntry& entry : document.slots) {
    if (!entry.suppliedAt) continue;
    const auto at = std::chrono::system_clock::time_point(*entry.suppliedAt);
    forms::CaseSlot before{entry.key, entry.name, entry.mandatory, entry.suppliedFrom};
    for (RuleProblem& problem : forms::checkSupply(
             decisionNumber(document, entry.suppliedAfter, facts), before, forms::chinaDate(at)))
      problems.push_back(std::move(problem));
  }
  checkEvents(document, facts, slots, problems);
  if (!isWindowState(document.state)) return;
  const std::string_view expected =
      document.decisions.empty() ? "intake" : stateAfter(document.decisions.back().kind);
  if (document.state != expected) {
    problems.push_back(caseProblem(Rule::DecisionState, "case.state", std::string(expected),
                                   "the case is '" + document.state +
                                       "', but its decisions at "
                                       "the window lead to '" +
                                       std::string(expected) + "'"));
  }
}

}  // namespace

std::vector<RuleProblem> checkSubmittedCase(const forms::Catalog* catalog, forms::XFormCache& forms,
                                            const CaseDocument& document) {
  if (catalog == nullptr) {
    return {caseProblem(Rule::NoCatalog, "case", "",
                        "central has no catalog release published: it cannot check cases")};
  }
  const forms::CivilDate intakeDate = forms::chinaDate(document.intakeAt);
  const std::optional<forms::IntakeSubject> subject =
      forms::subjectOn(*catalog, document.matterCode, intakeDate);
  if (!subject) {
    return {caseProblem(Rule::UnknownMatter, "case.matter_code", document.matterCode,
                        "the catalog (release " + catalog->release + ") has no matter or bundle " +
                            document.matterCode + " in effect on " + intakeDate.iso())};
  }
  std::shared_ptr<const forms::XFormDefinition> form;
  if (const auto& ref = subject->form()) {
    try {
      form = forms.load(ref->path);
    } catch (const std::exception& error) {
      return {caseProblem(Rule::FormUnreadable, "form", error.what(),
                          "central cannot load the intake form " + ref->ref + ": " + error.what())};
    }
  }
  forms::IntakeInput input{
      {document.applicantName, document.applicantIdType, document.applicantIdNumber},
      {document.formId, document.formVersion, document.formInstanceXml},
      {},
      {}};
  for (const auto& [question, answer] : document.scenario)
    input.scenarios[question].push_back(answer);
  for (const CaseSlotEntry& slot : document.slots)
    input.materials.push_back({slot.key, slot.status, slot.pages});
  const forms::IntakeCheck intake = forms::checkIntake(
      *catalog, *subject, form, input, std::chrono::system_clock::time_point(document.intakeAt));

  // Answers to the form may be wrong in a case taken in for a correction notice or refused;
  // an acceptance of such a case is refused below, with its answers.
  std::vector<RuleProblem> problems;
  std::copy_if(intake.problems.begin(), intake.problems.end(), std::back_inserter(problems),
               [](const RuleProblem& p) { return p.rule != Rule::FormAnswer; });
  const bool slotsKnown = std::none_of(problems.begin(), problems.end(), [](const RuleProblem& p) {
    return p.rule == Rule::ScenarioAnswer;
  });
  if (slotsKnown) checkSlots(intake.slots, document, problems);
  checkDueDates(intake.due, document, problems);
  checkDecisions(*catalog, *subject, intake, document, problems);
  return problems;
}

std::string problemsXml(const std::vector<RuleProblem>& problems) {
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("problems");
  for (const RuleProblem& p : problems) {
    pugi::xml_node node = root.append_child("problem");
    node.append_attribute("rule") = std::string(forms::ruleName(p.rule)).c_str();
    node.append_attribute("where") = p.where.c_str();
    if (!p.subject.empty()) node.append_attribute("subject") = p.subject.c_str();
    if (!p.detail.empty()) node.append_attribute("detail") = p.detail.c_str();
    node.text().set(p.message.c_str());
  }
  std::ostringstream out;
  xml.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

}  // namespace onewindow::central
