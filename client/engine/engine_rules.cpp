// The rules of the window inside the engine (DESIGN.md §3): every case command is decided over
// the catalog the engine loaded, with the forms library's rules (forms/intake_rules.hpp) —
// the same functions central checks each submitted case with. A front end sends what the
// clerk entered; what it means is decided here.

#include "client/engine/engine_impl.hpp"
#include "forms/diagnostics.hpp"
#include "localdb/iso_time.hpp"

namespace onewindow::engine {
namespace {

forms::RuleProblem caseProblem(forms::Rule rule, std::string detail, std::string message) {
  return {rule, "case", "", std::move(detail), std::move(message)};
}

}  // namespace

RefusedByRules::RefusedByRules(CommandFailure failure, std::vector<forms::RuleProblem> problems)
    : std::runtime_error(forms::describeProblems(problems)),
      failure_(failure),
      problems_(std::move(problems)) {}

const forms::Catalog& Engine::Impl::requireCatalog() const {
  if (!catalog_) {
    throw RefusedByRules(
        CommandFailure::NoCatalog,
        {caseProblem(forms::Rule::NoCatalog, "",
                     "the workstation has no matter catalog yet: it is fetched from central at "
                     "the first online login")});
  }
  return *catalog_;
}

forms::IntakeSubject Engine::Impl::requireSubject(const std::string& code,
                                                  forms::CivilDate date) const {
  const forms::Catalog& catalog = requireCatalog();
  if (auto subject = forms::subjectOn(catalog, code, date)) return *subject;
  throw RefusedByRules(
      CommandFailure::BrokenRules,
      {caseProblem(forms::Rule::UnknownMatter, code,
                   "the catalog (release " + catalog.release + ") has no matter or bundle " + code +
                       " in effect on " + date.iso())});
}

std::shared_ptr<const forms::XFormDefinition> Engine::Impl::formOf(
    const forms::IntakeSubject& subject) {
  const std::optional<forms::FormRef>& ref = subject.form();
  if (!ref) return nullptr;
  try {
    return forms_.load(ref->path);
  } catch (const std::exception& error) {
    // The catalog's own form is broken: not the clerk's doing, but no case can be checked.
    throw RefusedByRules(CommandFailure::BrokenRules,
                         {{forms::Rule::FormUnreadable, "form", ref->ref, error.what(),
                           "the intake form " + ref->ref + " of " + subject.code() +
                               " cannot be loaded: " + error.what()}});
  }
}

Engine::Impl::CaseRules Engine::Impl::rulesOf(const localdb::CaseRecord& record) {
  const auto intakeAt = localdb::parseIsoUtc(record.intakeAt.value_or(""));
  if (!intakeAt) {
    throw localdb::CaseError(localdb::CaseError::Kind::WrongState,
                             "case " + record.uuid + " has not been taken in");
  }
  const forms::CivilDate intakeDate = forms::chinaDate(*intakeAt);
  const forms::Catalog& catalog = requireCatalog();
  CaseRules rules{requireSubject(record.matterCode, intakeDate), {}, {}, {}};
  rules.facts.intakeDate = intakeDate;
  rules.facts.calendar = &forms::windowCalendar(catalog, rules.subject, intakeDate);
  const auto promised = forms::CivilDate::parseIso(record.promisedDueDate.value_or(""));
  rules.facts.promisedDue =
      promised ? *promised : forms::dueDatesFor(catalog, rules.subject, intakeDate).promised;
  for (const localdb::SlotRecord& slot : cases_->slotsOf(record.id)) {
    rules.facts.slots.push_back(
        {slot.key, slot.name, slot.mandatory,
         forms::materialStatusFromName(slot.status).value_or(forms::MaterialStatus::Pending)});
  }
  // The form as taken in, judged as of intake: what the applicant handed over that day.
  const localdb::DraftContent content = cases_->contentOf(record.uuid).value_or(DraftContent{});
  forms::FormCheck form = forms::checkFormAnswers(
      formOf(rules.subject), {content.formId, content.formVersion, content.instanceXml}, *intakeAt);
  rules.facts.formProblems = form.problems.size();
  rules.formProblems = std::move(form.formProblems);
  rules.legalBasis = forms::legalBasisOf(catalog, rules.subject, intakeDate);
  return rules;
}

}  // namespace onewindow::engine
