#include "central/case_rules.hpp"

#include <algorithm>
#include <sstream>

#include <pugixml.hpp>

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

void checkDecisions(const forms::Catalog& catalog, const forms::IntakeSubject& subject,
                    const forms::IntakeCheck& intake, const CaseDocument& document,
                    std::vector<RuleProblem>& problems) {
  const forms::CivilDate intakeDate = forms::chinaDate(document.intakeAt);
  forms::CaseFacts facts;
  for (const CaseSlotEntry& slot : document.slots)
    facts.slots.push_back({slot.key, slot.name, slot.mandatory, slot.status});
  facts.formProblems = intake.formProblems.size();
  facts.intakeDate = intakeDate;
  facts.promisedDue = intake.due.promised;
  facts.calendar = &forms::windowCalendar(catalog, subject, intakeDate);
  bool formListed = false;
  for (const CaseDecisionEntry& decision : document.decisions) {
    const forms::DecisionRequest request{decision.kind, decision.grounds, decision.gapDeadline,
                                         decision.commitmentSigned};
    for (RuleProblem& problem :
         forms::checkDecision(facts, request, forms::chinaDate(decision.decidedAt))) {
      // An acceptance of an invalid form: say which answers are wrong, once.
      if (problem.rule == Rule::FormInvalid && !formListed) {
        formListed = true;
        for (const RuleProblem& answer : intake.problems)
          if (answer.rule == Rule::FormAnswer) problems.push_back(answer);
      }
      problems.push_back(std::move(problem));
    }
  }
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
