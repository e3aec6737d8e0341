#pragma once
// The rules of a case at the window, decided over the catalog (DESIGN.md §3–4; the "Decisions
// at the window" of shared/domain): what a case of a matter or bundle asks the applicant for
// given the scenario answers, which materials may be a gap (容缺) or an e-licence (免提交), its
// due dates on the matter's working calendar, whether the applicant is identified, whether its
// form is valid, and whether a decision is allowed.
//
// The workstation's engine decides with these before it stores anything, and central checks
// every submitted case with the same functions: neither a second front end, nor a script, nor a
// bug in a screen can store a case that breaks them, or have central number it.
//
// A broken rule is a RuleProblem: a stable rule name (on the wire, and for the front ends to
// phrase in the clerk's language), where it is (a form field, the applicant, a material, the
// decision), what the clerk knows that place by, and one English sentence for logs,
// onewindow-ctl and central's error body.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "forms/case_vocabulary.hpp"
#include "forms/catalog.hpp"
#include "forms/form_session.hpp"

namespace onewindow::forms {

// What a case is about on its intake date: the version of a matter or of a bundle in effect.
struct IntakeSubject {
  const Matter* matter = nullptr;  // exactly one of matter / bundle is set
  const Bundle* bundle = nullptr;

  [[nodiscard]] const std::string& code() const;  // basic code or bundle code
  [[nodiscard]] const Text& name() const;
  [[nodiscard]] const std::optional<FormRef>& form() const;
};

// nullopt when the catalog has no matter (basic or implementation code) or bundle of that code
// in effect on `date`.
[[nodiscard]] std::optional<IntakeSubject> subjectOn(const Catalog& catalog, std::string_view code,
                                                     CivilDate date);

// Scenario answers as the store keeps them: one "question=answer answer" a line, questions in
// order; "" for none. parse throws std::invalid_argument for a line of another shape.
[[nodiscard]] std::string scenarioAnswersText(const ScenarioAnswers& answers);
[[nodiscard]] ScenarioAnswers parseScenarioAnswers(std::string_view text);

// One material of the list the applicant is asked for.
struct ChecklistItem {
  Material material;  // a bundle's: merged over the parts that ask for it
  // 容缺: a secondary material of a matter that allows gap acceptance (for a bundle: every part
  // that asks for it allows it).
  bool gapAllowed = false;
  bool eLicenceAllowed = false;      // 免提交: the material names an e-licence type
  std::vector<std::string> askedBy;  // a bundle's: the basic codes of the parts; else empty
};

// The materials a case asks for on `date`: a matter's tailored by the scenario answers, a
// bundle's merged over its parts (which have no scenario questions: answers must be empty).
// Throws std::invalid_argument naming an unknown question or answer, and std::out_of_range when
// a bundle part has no version in effect on `date`.
[[nodiscard]] std::vector<ChecklistItem> intakeChecklist(const Catalog& catalog,
                                                         const IntakeSubject& subject,
                                                         const ScenarioAnswers& answers,
                                                         CivilDate date);

// The due dates of a case taken in on `intakeDate`, counted on its matter's working calendar;
// a bundle is due when its slowest part is.
struct DueDates {
  std::optional<CivilDate> legal;  // when the catalog states a legal limit
  CivilDate promised;
};
[[nodiscard]] DueDates dueDatesFor(const Catalog& catalog, const IntakeSubject& subject,
                                   CivilDate intakeDate);

// The calendar a case's window-side clocks (correction notice) count on: the matter's; a
// bundle's first part in effect (every part of a bundle is at the same centre).
[[nodiscard]] const WorkingCalendar& windowCalendar(const Catalog& catalog,
                                                    const IntakeSubject& subject, CivilDate date);

// The legal basis a refusal cites (Chinese, the language of the documents): the matter's; a
// bundle's parts joined with "；".
[[nodiscard]] std::string legalBasisOf(const Catalog& catalog, const IntakeSubject& subject,
                                       CivilDate date);

// The last day a one-time correction notice may be issued: the 5th working day after intake
// (行政许可法 §32: on the spot or within five days; later, the case counts as accepted).
[[nodiscard]] CivilDate correctionNoticeDeadline(const WorkingCalendar& calendar,
                                                 CivilDate intakeDate);

enum class Rule {
  NoCatalog,           // no catalog release to check against
  UnknownMatter,       // the code names no matter or bundle in effect on the intake date
  FormMismatch,        // the answers are of another form, or of another version of it
  FormUnreadable,      // the answers are not an instance of the matter's form
  FormAnswer,          // a problem with one answer of the form (required, constraint, type…)
  ApplicantName,       // no applicant name
  ApplicantIdType,     // an ID type the product does not know
  ApplicantIdNumber,   // no ID number, or not a valid one of its type
  ScenarioAnswer,      // an unknown scenario question or answer, or two for a single question
  MaterialUnknown,     // a material the case does not ask for
  MaterialAbsent,      // (central) a material the case asks for is not among its slots
  MaterialRole,        // (central) a slot's main/secondary mark is not the catalog's
  GapNotAllowed,       // 容缺 for a main material, or in a matter that does not allow it
  ELicenceNotAllowed,  // 免提交 for a material without an e-licence
  PagesNotReceived,    // scanned pages on a material not marked as received
  DueDate,             // (central) a due date is not the one the calendar gives
  NotSupplied,         // a decision needs a material that has not been supplied
  FormInvalid,         // acceptance of a case whose form has problems
  NoGap,               // 容缺 without a gap: that is a plain acceptance
  GapDeadlineMissing,  // 容缺 without a supplement deadline
  GapDeadlinePast,     // the supplement deadline is before today
  GapDeadlineLate,     // the supplement deadline is after the promised date
  CommitmentMissing,   // 容缺 without the applicant's signed commitment
  CorrectionLate,      // a correction notice after the 5th working day from intake
  CorrectionEmpty,     // a correction notice that lists nothing to correct
  RefusalGrounds,      // a refusal without grounds
  DecisionState,       // (central) the case's state does not follow from its decisions
  // The second visit (forms/second_visit_rules.hpp).
  SupplyNotExpected,  // the case awaits no supplement (no 容缺, no correction notice)
  SupplyNotOwed,      // the material is not one the applicant owes
  SupplyLate,         // past the supplement deadline (容缺) or the correction deadline
  CorrectionTwice,    // a one-time correction notice is issued once
  VoidNotOverdue,     // voiding a 容缺 case whose deadline has not passed or that owes nothing
  ReasonMissing,      // a withdrawal or voiding without its reason
  CollectorName,      // the hand-over without the collector's name
  CollectorId,        // the collector's ID type or number is not valid
  CollectorNotApplicant,  // not authorised, and the collector's ID is not the applicant's
  CollectorIdUnchecked,   // the clerk did not check the collector's ID document
  HandoverNoDocuments,    // a hand-over that hands over nothing
  TrackingMissing,        // posting without the tracking number
  RatingLabel,            // not one of the five satisfaction levels
  RatingReasons,          // a bad rating without reasons or text
  EventMissing,           // (central) a state after the window's decision without its event
};

// Stable names, on the wire in central's 422 body: "form.answer", "material.gap_not_allowed"…
[[nodiscard]] std::string_view ruleName(Rule rule);
[[nodiscard]] std::optional<Rule> ruleFromName(std::string_view name);

struct RuleProblem {
  Rule rule = Rule::FormAnswer;
  // Where: a form field's instance path ("/data/applicant/id_number"), "applicant.name",
  // "applicant.id_type", "applicant.id_number", "scenario.<question>", "material.<key>",
  // "decision.deadline", "decision.commitment", "decision.grounds", "decision", "form", "case".
  std::string where;
  std::string subject;  // what the clerk knows the place by: a field's label, a material's name
  std::string detail;   // the form's own message, a date, a status
  std::string message;  // one English sentence, complete without the other fields

  friend bool operator==(const RuleProblem&, const RuleProblem&) = default;
};

// Nothing but white space (ASCII, or the ideographic space a Chinese input method types).
[[nodiscard]] bool isBlankText(std::string_view text);

// Every problem on one line each ("where: message"), for logs and error messages.
[[nodiscard]] std::string describeProblems(const std::vector<RuleProblem>& problems);

struct Applicant {
  std::string name;
  std::string idType;  // "id_card", "uscc", "passport", "other"
  std::string idNumber;
};

// The ID types the product knows, in the order the intake page offers them.
[[nodiscard]] const std::vector<std::string_view>& applicantIdTypes();

// A name, a known ID type and a number valid for it (GB 11643 for an ID card, GB 32100 for a
// credit code; any non-empty number for a passport or another document).
// `role` names the person in `where` and the sentences: "applicant" ("applicant.id_number"), or
// "collector" for who collects a result.
[[nodiscard]] std::vector<RuleProblem> checkApplicant(const Applicant& applicant, CivilDate today,
                                                      std::string_view role = "applicant");

// The answers of an intake form as the case carries them, checked as of `at` (today() and
// now() inside the form are that moment): the form must be the subject's (id and version) and
// every relevant answer valid. `definition` is the subject's form, loaded by the caller.
struct FormAnswers {
  std::string formId;
  std::string formVersion;
  std::string instanceXml;
};
struct FormCheck {
  std::vector<RuleProblem> problems;
  std::vector<Problem> formProblems;  // the form's own problems (FormAnswer), for a notice
};
[[nodiscard]] FormCheck checkFormAnswers(const std::shared_ptr<const XFormDefinition>& definition,
                                         const FormAnswers& answers,
                                         std::chrono::system_clock::time_point at);

// What the clerk recorded for a material at intake.
struct MaterialAnswer {
  std::string key;
  MaterialStatus status = MaterialStatus::Pending;
  std::size_t pages = 0;  // files stored for it
};

// A material slot of a case: a checklist material with what was recorded for it.
struct CaseSlot {
  std::string key;
  std::string name;  // Chinese, as printed
  bool main = true;
  MaterialStatus status = MaterialStatus::Pending;
};

// The slots a case records: one per checklist material, in its order, with the clerk's answer
// (Pending when the clerk said nothing). Problems for an answer about a material the case does
// not ask for, a gap or an e-licence the material does not allow, pages on a material not
// received.
struct SlotCheck {
  std::vector<CaseSlot> slots;
  std::vector<RuleProblem> problems;
};
[[nodiscard]] SlotCheck checkMaterials(const std::vector<ChecklistItem>& checklist,
                                       const std::vector<MaterialAnswer>& answers);

// Everything recorded at intake (收件), as a front end or a submitted case carries it.
struct IntakeInput {
  Applicant applicant;
  FormAnswers form;
  ScenarioAnswers scenarios;
  std::vector<MaterialAnswer> materials;
};

struct IntakeCheck {
  std::vector<CaseSlot> slots;        // the case's material slots, checklist order
  DueDates due;                       // counted from the intake date
  std::vector<Problem> formProblems;  // the form's own problems (also in `problems`)
  std::vector<RuleProblem> problems;  // every broken rule, form answers included
  // Only the form's answers are wrong: the case may be taken in for a one-time correction
  // notice (the problems go into it), not accepted.
  [[nodiscard]] bool onlyFormAnswers() const;
};

// The whole intake of a case of `subject` at `at` (China date = intake date): applicant, form
// answers (`form`: the subject's loaded form, null when it has none), scenario answers,
// materials; the slots and due dates follow from the catalog.
[[nodiscard]] IntakeCheck checkIntake(const Catalog& catalog, const IntakeSubject& subject,
                                      const std::shared_ptr<const XFormDefinition>& form,
                                      const IntakeInput& input,
                                      std::chrono::system_clock::time_point at);

// A decision as the clerk asks for it.
struct DecisionRequest {
  DecisionKind kind = DecisionKind::Accept;
  std::string grounds;  // refusal: required; correction notice: what else to correct
  std::optional<CivilDate> gapDeadline;
  bool commitmentSigned = false;
};

// What a decision is checked against: the case as taken in.
struct CaseFacts {
  std::vector<CaseSlot> slots;
  std::size_t formProblems = 0;  // problems of the form as taken in
  CivilDate intakeDate;
  CivilDate promisedDue;
  const WorkingCalendar* calendar = nullptr;  // windowCalendar() of the case
  // False for a decision taken on answers revised since (central has only the latest): the
  // form's rules are not judged for it.
  bool formKnown = true;
};

// The decision rules: accept — every material supplied and the form valid; 容缺 — the form
// valid, every material supplied or a gap (allowed gaps are checked at intake), at least one
// gap, a deadline from today to the promised date, the commitment signed; correction notice —
// by the 5th working day after intake, with something to correct; refusal — grounds.
[[nodiscard]] std::vector<RuleProblem> checkDecision(const CaseFacts& facts,
                                                     const DecisionRequest& request,
                                                     CivilDate today);

// The materials a one-time correction notice lists: those not supplied, in slot order.
[[nodiscard]] std::vector<CaseSlot> materialsToSupply(const std::vector<CaseSlot>& slots);

}  // namespace onewindow::forms
