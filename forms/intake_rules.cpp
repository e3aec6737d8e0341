// The rules of a case at the window: the checklist, due dates, applicant, form answers,
// materials and decisions (see intake_rules.hpp). Messages are English sentences for logs,
// onewindow-ctl and central's error body; the front ends phrase each rule in the clerk's
// language from its name, subject and detail.

#include "forms/intake_rules.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <utility>

#include "forms/validators.hpp"

namespace onewindow::forms {
namespace {

constexpr std::array kRuleNames{
    std::pair{Rule::NoCatalog, "catalog.none"},
    std::pair{Rule::UnknownMatter, "catalog.unknown_matter"},
    std::pair{Rule::FormMismatch, "form.mismatch"},
    std::pair{Rule::FormUnreadable, "form.unreadable"},
    std::pair{Rule::FormAnswer, "form.answer"},
    std::pair{Rule::ApplicantName, "applicant.name"},
    std::pair{Rule::ApplicantIdType, "applicant.id_type"},
    std::pair{Rule::ApplicantIdNumber, "applicant.id_number"},
    std::pair{Rule::ScenarioAnswer, "scenario.answer"},
    std::pair{Rule::MaterialUnknown, "material.unknown"},
    std::pair{Rule::MaterialAbsent, "material.absent"},
    std::pair{Rule::MaterialRole, "material.role"},
    std::pair{Rule::GapNotAllowed, "material.gap_not_allowed"},
    std::pair{Rule::ELicenceNotAllowed, "material.elicence_not_allowed"},
    std::pair{Rule::PagesNotReceived, "material.pages_not_received"},
    std::pair{Rule::DueDate, "case.due_date"},
    std::pair{Rule::NotSupplied, "decision.not_supplied"},
    std::pair{Rule::FormInvalid, "decision.form_invalid"},
    std::pair{Rule::NoGap, "decision.no_gap"},
    std::pair{Rule::GapDeadlineMissing, "decision.gap_deadline_missing"},
    std::pair{Rule::GapDeadlinePast, "decision.gap_deadline_past"},
    std::pair{Rule::GapDeadlineLate, "decision.gap_deadline_late"},
    std::pair{Rule::CommitmentMissing, "decision.commitment_missing"},
    std::pair{Rule::CorrectionLate, "decision.correction_late"},
    std::pair{Rule::CorrectionEmpty, "decision.correction_empty"},
    std::pair{Rule::RefusalGrounds, "decision.refusal_grounds"},
    std::pair{Rule::DecisionState, "case.state"},
    std::pair{Rule::SupplyNotExpected, "supply.not_expected"},
    std::pair{Rule::SupplyNotOwed, "supply.not_owed"},
    std::pair{Rule::SupplyLate, "supply.late"},
    std::pair{Rule::CorrectionTwice, "decision.correction_twice"},
    std::pair{Rule::VoidNotOverdue, "void.not_overdue"},
    std::pair{Rule::ReasonMissing, "case.reason_missing"},
    std::pair{Rule::CollectorName, "handover.collector_name"},
    std::pair{Rule::CollectorId, "handover.collector_id"},
    std::pair{Rule::CollectorNotApplicant, "handover.not_applicant"},
    std::pair{Rule::CollectorIdUnchecked, "handover.id_unchecked"},
    std::pair{Rule::HandoverNoDocuments, "handover.no_documents"},
    std::pair{Rule::TrackingMissing, "posting.tracking_missing"},
    std::pair{Rule::RatingLabel, "rating.label"},
    std::pair{Rule::RatingReasons, "rating.reasons"},
    std::pair{Rule::EventMissing, "case.event_missing"},
};

// Blank: nothing but ASCII white space and the ideographic space (U+3000) a Chinese input
// method types.
bool isBlank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (text.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

std::string quoted(const std::string& text) { return "“" + text + "”"; }

RuleProblem problem(Rule rule, std::string where, std::string subject, std::string detail,
                    std::string message) {
  return {rule, std::move(where), std::move(subject), std::move(detail), std::move(message)};
}

RuleProblem materialProblem(Rule rule, const CaseSlot& slot, const std::string& message) {
  return problem(rule, "material." + slot.key, slot.name,
                 std::string(materialStatusName(slot.status)), message);
}

}  // namespace

bool isBlankText(std::string_view text) { return isBlank(text); }

std::string_view ruleName(Rule rule) { return vocabulary_detail::nameIn(kRuleNames, rule); }

std::optional<Rule> ruleFromName(std::string_view name) {
  return vocabulary_detail::valueIn<Rule>(kRuleNames, name);
}

const std::string& IntakeSubject::code() const {
  return matter != nullptr ? matter->basicCode : bundle->code;
}

const Text& IntakeSubject::name() const { return matter != nullptr ? matter->name : bundle->name; }

const std::optional<FormRef>& IntakeSubject::form() const {
  return matter != nullptr ? matter->form : bundle->form;
}

std::optional<IntakeSubject> subjectOn(const Catalog& catalog, std::string_view code,
                                       CivilDate date) {
  if (const Matter* matter = catalog.matterOn(code, date)) return IntakeSubject{matter, nullptr};
  if (const Bundle* bundle = catalog.bundleOn(code, date)) return IntakeSubject{nullptr, bundle};
  return std::nullopt;
}

std::string scenarioAnswersText(const ScenarioAnswers& answers) {
  std::string text;
  for (const auto& [question, chosen] : answers) {
    text += question + '=';
    for (std::size_t i = 0; i < chosen.size(); ++i) text += (i == 0 ? "" : " ") + chosen[i];
    text += '\n';
  }
  return text;
}

ScenarioAnswers parseScenarioAnswers(std::string_view text) {
  ScenarioAnswers answers;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty()) continue;
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      throw std::invalid_argument("a scenario answer line must be question=answer, not '" +
                                  std::string(line) + "'");
    }
    std::vector<std::string>& chosen = answers[std::string(line.substr(0, equals))];
    std::string_view rest = line.substr(equals + 1);
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      if (space != 0) chosen.emplace_back(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
  }
  return answers;
}

std::vector<ChecklistItem> intakeChecklist(const Catalog& catalog, const IntakeSubject& subject,
                                           const ScenarioAnswers& answers, CivilDate date) {
  std::vector<ChecklistItem> items;
  if (subject.matter != nullptr) {
    const Matter& matter = *subject.matter;
    for (const Material* material : tailoredMaterials(matter, answers)) {
      items.push_back({*material,
                       matter.flags.gapAcceptance && material->role == MaterialRole::Secondary,
                       !material->eLicenceType.empty(),
                       {}});
    }
    return items;
  }
  if (!answers.empty()) {
    throw std::invalid_argument("bundle " + subject.bundle->code +
                                " asks no scenario questions, but answers were given");
  }
  for (BundleMaterial& merged : bundleMaterials(catalog, *subject.bundle, date)) {
    // A gap only when every part that asks for the material allows one.
    bool gapAllowed = merged.material.role == MaterialRole::Secondary;
    for (const std::string& code : merged.matters) {
      const Matter* part = catalog.matterOn(code, date);
      gapAllowed = gapAllowed && part != nullptr && part->flags.gapAcceptance;
    }
    const bool eLicence = !merged.material.eLicenceType.empty();
    items.push_back({std::move(merged.material), gapAllowed, eLicence, std::move(merged.matters)});
  }
  return items;
}

DueDates dueDatesFor(const Catalog& catalog, const IntakeSubject& subject, CivilDate intakeDate) {
  auto datesOf = [&](const Matter& matter) {
    const WorkingCalendar& calendar = catalog.calendarOf(matter);
    DueDates dates{std::nullopt, deadline(calendar, intakeDate, matter.limits.promised)};
    if (matter.limits.legal) dates.legal = deadline(calendar, intakeDate, *matter.limits.legal);
    return dates;
  };
  if (subject.matter != nullptr) return datesOf(*subject.matter);
  // A bundle is done when its slowest part is.
  DueDates latest{std::nullopt, intakeDate};
  for (const BundlePart& part : subject.bundle->parts) {
    const Matter* matter = catalog.matterOn(part.matter, intakeDate);
    if (matter == nullptr) continue;
    const DueDates dates = datesOf(*matter);
    latest.promised = std::max(latest.promised, dates.promised);
    if (dates.legal && (!latest.legal || *latest.legal < *dates.legal)) latest.legal = dates.legal;
  }
  return latest;
}

const WorkingCalendar& windowCalendar(const Catalog& catalog, const IntakeSubject& subject,
                                      CivilDate date) {
  if (subject.matter != nullptr) return catalog.calendarOf(*subject.matter);
  for (const BundlePart& part : subject.bundle->parts) {
    if (const Matter* matter = catalog.matterOn(part.matter, date))
      return catalog.calendarOf(*matter);
  }
  throw std::out_of_range("bundle " + subject.bundle->code + " has no part in effect on " +
                          date.iso());
}

std::string legalBasisOf(const Catalog& catalog, const IntakeSubject& subject, CivilDate date) {
  if (subject.matter != nullptr) return subject.matter->guide.legalBasis.zh;
  std::string joined;
  for (const BundlePart& part : subject.bundle->parts) {
    const Matter* matter = catalog.matterOn(part.matter, date);
    if (matter == nullptr || matter->guide.legalBasis.zh.empty()) continue;
    if (!joined.empty()) joined += "；";
    joined += matter->guide.legalBasis.zh;
  }
  return joined;
}

CivilDate correctionNoticeDeadline(const WorkingCalendar& calendar, CivilDate intakeDate) {
  return calendar.addWorkingDays(intakeDate, 5);
}

std::string describeProblems(const std::vector<RuleProblem>& problems) {
  std::string text;
  for (const RuleProblem& p : problems) {
    if (!text.empty()) text += '\n';
    text += p.where + ": " + p.message;
  }
  return text;
}

const std::vector<std::string_view>& applicantIdTypes() {
  static const std::vector<std::string_view> types{"id_card", "uscc", "passport", "other"};
  return types;
}

std::vector<RuleProblem> checkApplicant(const Applicant& applicant, CivilDate today,
                                        std::string_view role) {
  const std::string who(role);
  std::vector<RuleProblem> problems;
  if (isBlank(applicant.name)) {
    problems.push_back(
        problem(Rule::ApplicantName, who + ".name", "", "", "the " + who + "'s name is missing"));
  }
  const auto& types = applicantIdTypes();
  if (std::find(types.begin(), types.end(), applicant.idType) == types.end()) {
    problems.push_back(problem(
        Rule::ApplicantIdType, who + ".id_type", "", applicant.idType,
        "the " + who + "'s ID type '" + applicant.idType + "' is not one the window knows"));
    return problems;
  }
  if (isBlank(applicant.idNumber)) {
    problems.push_back(problem(Rule::ApplicantIdNumber, who + ".id_number", "", "",
                               "the " + who + "'s ID number is missing"));
    return problems;
  }
  std::string why;
  if (applicant.idType == "id_card") {
    why = checkIdNumber(applicant.idNumber, today).problem;
  } else if (applicant.idType == "uscc") {
    why = checkUscc(applicant.idNumber).problem;
  }
  if (!why.empty()) {
    problems.push_back(
        problem(Rule::ApplicantIdNumber, who + ".id_number", "", why,
                "the " + who + "'s ID number " + applicant.idNumber + " is not valid: " + why));
  }
  return problems;
}

FormCheck checkFormAnswers(const std::shared_ptr<const XFormDefinition>& definition,
                           const FormAnswers& answers, std::chrono::system_clock::time_point at) {
  FormCheck check;
  if (!definition) {
    if (!answers.formId.empty()) {
      check.problems.push_back(problem(Rule::FormMismatch, "form", answers.formId, "",
                                       "the matter has no intake form, but answers to form '" +
                                           answers.formId + "' were given"));
    }
    return check;
  }
  if (answers.formId != definition->id || answers.formVersion != definition->version) {
    const std::string given =
        answers.formId.empty()
            ? std::string("no answers")
            : "answers to '" + answers.formId + "' version '" + answers.formVersion + "'";
    check.problems.push_back(problem(
        Rule::FormMismatch, "form", definition->id, definition->version,
        "the matter's intake form is '" + definition->id + "' version '" + definition->version +
            "', but the case carries " + given + ": open the case again with the form in force"));
    return check;
  }
  SessionOptions options;
  options.clock = [at] { return at; };
  try {
    const FormSession session = FormSession::resume(definition, answers.instanceXml, options);
    check.formProblems = session.problems();
  } catch (const std::exception& error) {
    check.problems.push_back(problem(Rule::FormUnreadable, "form", definition->id, error.what(),
                                     std::string("the answers are not an instance of form '") +
                                         definition->id + "': " + error.what()));
    return check;
  }
  for (const Problem& p : check.formProblems) {
    check.problems.push_back(
        problem(Rule::FormAnswer, p.path, p.label, p.message, quoted(p.label) + ": " + p.message));
  }
  return check;
}

SlotCheck checkMaterials(const std::vector<ChecklistItem>& checklist,
                         const std::vector<MaterialAnswer>& answers) {
  SlotCheck check;
  std::set<std::string> answered;
  for (const MaterialAnswer& answer : answers) {
    const auto item = std::find_if(checklist.begin(), checklist.end(), [&](const ChecklistItem& i) {
      return i.material.key == answer.key;
    });
    if (item == checklist.end()) {
      check.problems.push_back(
          problem(Rule::MaterialUnknown, "material." + answer.key, answer.key, "",
                  "the case does not ask for a material '" + answer.key +
                      "' (not in the matter's list for the applicant's situation)"));
      continue;
    }
    const std::string& name = item->material.name.zh;
    if (!answered.insert(answer.key).second) {
      check.problems.push_back(problem(Rule::MaterialUnknown, "material." + answer.key, name, "",
                                       quoted(name) + " is recorded twice"));
    }
    if (answer.status == MaterialStatus::Gap && !item->gapAllowed) {
      const bool main = item->material.role == MaterialRole::Main;
      check.problems.push_back(problem(
          Rule::GapNotAllowed, "material." + answer.key, name, main ? "main" : "matter",
          main ? quoted(name) + " is a main material: only secondary materials may be supplied "
                                "later (容缺)"
               : quoted(name) + " may not be supplied later: the matter does not allow gap "
                                "acceptance (容缺)"));
    }
    if (answer.status == MaterialStatus::ELicence && !item->eLicenceAllowed) {
      check.problems.push_back(problem(Rule::ELicenceNotAllowed, "material." + answer.key, name, "",
                                       quoted(name) + " cannot be replaced by an e-licence"));
    }
    if (answer.pages > 0 && answer.status != MaterialStatus::Received) {
      check.problems.push_back(problem(Rule::PagesNotReceived, "material." + answer.key, name,
                                       std::string(materialStatusName(answer.status)),
                                       quoted(name) + " has scanned pages but is marked " +
                                           std::string(materialStatusName(answer.status)) +
                                           ", not received"));
    }
  }
  for (const ChecklistItem& item : checklist) {
    const auto answer = std::find_if(answers.begin(), answers.end(), [&](const MaterialAnswer& a) {
      return a.key == item.material.key;
    });
    check.slots.push_back({item.material.key, item.material.name.zh,
                           item.material.role == MaterialRole::Main,
                           answer != answers.end() ? answer->status : MaterialStatus::Pending});
  }
  return check;
}

bool IntakeCheck::onlyFormAnswers() const {
  return !problems.empty() &&
         std::all_of(problems.begin(), problems.end(),
                     [](const RuleProblem& p) { return p.rule == Rule::FormAnswer; });
}

IntakeCheck checkIntake(const Catalog& catalog, const IntakeSubject& subject,
                        const std::shared_ptr<const XFormDefinition>& form,
                        const IntakeInput& input, std::chrono::system_clock::time_point at) {
  const CivilDate intakeDate = chinaDate(at);
  IntakeCheck check;
  check.problems = checkApplicant(input.applicant, intakeDate);
  FormCheck answers = checkFormAnswers(form, input.form, at);
  check.formProblems = std::move(answers.formProblems);
  check.problems.insert(check.problems.end(), answers.problems.begin(), answers.problems.end());
  std::vector<ChecklistItem> checklist;
  bool checklistKnown = true;
  try {
    checklist = intakeChecklist(catalog, subject, input.scenarios, intakeDate);
  } catch (const std::exception& error) {
    check.problems.push_back(
        problem(Rule::ScenarioAnswer, "scenario", "", error.what(),
                std::string("the scenario answers do not fit the matter: ") + error.what()));
    checklistKnown = false;  // the materials cannot be judged against an unknown list
  }
  if (checklistKnown) {
    SlotCheck slots = checkMaterials(checklist, input.materials);
    check.slots = std::move(slots.slots);
    check.problems.insert(check.problems.end(), slots.problems.begin(), slots.problems.end());
  }
  check.due = dueDatesFor(catalog, subject, intakeDate);
  return check;
}

std::vector<CaseSlot> materialsToSupply(const std::vector<CaseSlot>& slots) {
  std::vector<CaseSlot> owed;
  for (const CaseSlot& slot : slots) {
    if (!isSupplied(slot.status)) owed.push_back(slot);
  }
  return owed;
}

std::vector<RuleProblem> checkDecision(const CaseFacts& facts, const DecisionRequest& request,
                                       CivilDate today) {
  std::vector<RuleProblem> problems;
  auto formMustBeValid = [&] {
    if (facts.formProblems == 0 || !facts.formKnown) return;
    problems.push_back(problem(
        Rule::FormInvalid, "form", "", std::to_string(facts.formProblems),
        "the intake form has " + std::to_string(facts.formProblems) +
            " problem(s): the case cannot be accepted; issue a one-time correction notice"));
  };
  switch (request.kind) {
    case DecisionKind::Accept:
      formMustBeValid();
      for (const CaseSlot& slot : materialsToSupply(facts.slots)) {
        problems.push_back(materialProblem(
            Rule::NotSupplied, slot,
            quoted(slot.name) + " has not been supplied: accept with gaps (secondary materials "
                                "only) or issue a one-time correction notice"));
      }
      break;
    case DecisionKind::AcceptWithGaps: {
      formMustBeValid();
      bool anyGap = false;
      for (const CaseSlot& slot : materialsToSupply(facts.slots)) {
        if (slot.status == MaterialStatus::Gap) {
          anyGap = true;
          continue;
        }
        problems.push_back(materialProblem(
            Rule::NotSupplied, slot,
            quoted(slot.name) + (slot.main ? " is a main material and has not been supplied: "
                                             "gap acceptance needs every main material"
                                           : " has not been supplied and is not a gap")));
      }
      if (!anyGap) {
        problems.push_back(problem(Rule::NoGap, "decision", "", "",
                                   "no material is a gap: this is a plain acceptance"));
      }
      if (!request.gapDeadline) {
        problems.push_back(problem(Rule::GapDeadlineMissing, "decision.deadline", "", "",
                                   "a gap acceptance needs a supplement deadline"));
      } else if (*request.gapDeadline < today) {
        problems.push_back(problem(Rule::GapDeadlinePast, "decision.deadline", "",
                                   request.gapDeadline->iso(),
                                   "the supplement deadline " + request.gapDeadline->iso() +
                                       " has passed already (today is " + today.iso() + ")"));
      } else if (*request.gapDeadline > facts.promisedDue) {
        problems.push_back(
            problem(Rule::GapDeadlineLate, "decision.deadline", "", facts.promisedDue.iso(),
                    "the supplement deadline " + request.gapDeadline->iso() +
                        " is later than the promised date " + facts.promisedDue.iso()));
      }
      if (!request.commitmentSigned) {
        problems.push_back(problem(Rule::CommitmentMissing, "decision.commitment", "", "",
                                   "a gap acceptance needs the applicant's signed commitment"));
      }
      break;
    }
    case DecisionKind::CorrectionNotice: {
      if (facts.calendar != nullptr) {
        const CivilDate last = correctionNoticeDeadline(*facts.calendar, facts.intakeDate);
        if (today > last) {
          problems.push_back(problem(
              Rule::CorrectionLate, "decision", "", last.iso(),
              "a one-time correction notice must be issued by the 5th working day after intake (" +
                  last.iso() + "); after that the case counts as accepted from intake"));
        }
      }
      if (facts.formKnown && facts.formProblems == 0 && materialsToSupply(facts.slots).empty() &&
          isBlank(request.grounds)) {
        problems.push_back(problem(Rule::CorrectionEmpty, "decision.grounds", "", "",
                                   "the correction notice lists nothing to correct: the form is "
                                   "valid and every material is in; state what must be corrected"));
      }
      break;
    }
    case DecisionKind::Refuse:
      if (isBlank(request.grounds)) {
        problems.push_back(problem(Rule::RefusalGrounds, "decision.grounds", "", "",
                                   "a refusal needs its grounds"));
      }
      break;
  }
  return problems;
}

}  // namespace onewindow::forms
