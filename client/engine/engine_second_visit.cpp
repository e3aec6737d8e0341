// The applicant's second visit through the engine: supplying what a 容缺 acceptance or a
// correction notice left owed, answering the notice, voiding an overdue 容缺 case, withdrawal,
// the hand-over or posting of the result, and the rating. Each is checked with
// forms/second_visit_rules.hpp here (central checks the same again), stored in one transaction
// with its audit entry, and queued for central as the case's next version.

#include <algorithm>

#include "client/engine/case_uuid.hpp"
#include "client/engine/decision_details.hpp"
#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"
#include "forms/expr_text.hpp"
#include "forms/second_visit_rules.hpp"
#include "localdb/captured_pages.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/document_repository.hpp"
#include "localdb/second_visit.hpp"
#include "printing/formatters.hpp"

namespace onewindow::engine {
namespace {

using localdb::CaseError;
using localdb::CaseState;

[[noreturn]] void wrongState(const localdb::CaseRecord& record, const std::string& why) {
  throw CaseError(CaseError::Kind::WrongState,
                  "case " + record.provisionalNo.value_or(record.uuid) + " is " +
                      std::string(localdb::caseStateName(record.state)) + ": " + why);
}

void refuseIfBroken(const std::vector<forms::RuleProblem>& problems) {
  if (!problems.empty()) throw RefusedByRules(CommandFailure::BrokenRules, problems);
}

}  // namespace

bool awaitsSupplements(CaseState state) {
  return state == CaseState::AcceptedWithGaps || state == CaseState::InProgress ||
         state == CaseState::Suspended || state == CaseState::AwaitingCorrection;
}

bool owesMaterial(CaseState state, std::optional<forms::DecisionKind> lastDecision,
                  forms::MaterialStatus status) {
  if (!awaitsSupplements(state) || !lastDecision || forms::isSupplied(status)) return false;
  if (*lastDecision == forms::DecisionKind::AcceptWithGaps)
    return status == forms::MaterialStatus::Gap && state != CaseState::AwaitingCorrection;
  return *lastDecision == forms::DecisionKind::CorrectionNotice &&
         state == CaseState::AwaitingCorrection;
}

Engine::Impl::VisitFacts Engine::Impl::visitFacts(const localdb::CaseRecord& record) {
  return visitFacts(record, localdb::decisionsOfCase(store_->database(), record.id));
}

Engine::Impl::VisitFacts Engine::Impl::visitFacts(
    const localdb::CaseRecord& record, const std::vector<localdb::DecisionSnapshot>& decisions) {
  VisitFacts facts{record, rulesOf(record), std::nullopt, forms::chinaDate(clock_->now())};
  if (!decisions.empty()) {
    const localdb::DecisionSnapshot& last = decisions.back();
    facts.last = forms::LastDecision{
        forms::decisionKindFromName(last.kind).value_or(forms::DecisionKind::Accept),
        forms::CivilDate::parseIso(last.gapDeadline),
        forms::correctionNoticeDeadline(*facts.rules.facts.calendar, facts.rules.facts.intakeDate)};
  }
  return facts;
}

void Engine::Impl::recordedVisit(std::uint64_t requestId, const std::string& action,
                                 const std::string& uuid, bool askRating) {
  publish(SecondVisitRecorded{requestId, action, caseDetail(requireCase(uuid)), askRating});
  publishPendingCount();
  sync_->kick();
}

void Engine::Impl::handle(SupplyMaterial& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    if (!awaitsSupplements(record.state)) wrongState(record, "it awaits no supplement");
    const VisitFacts facts = visitFacts(record);
    const auto slot =
        std::find_if(facts.rules.facts.slots.begin(), facts.rules.facts.slots.end(),
                     [&](const forms::CaseSlot& s) { return s.key == command.slotKey; });
    if (slot == facts.rules.facts.slots.end()) {
      throw CaseError(CaseError::Kind::NotFound, "case " +
                                                     record.provisionalNo.value_or(record.uuid) +
                                                     " has no material '" + command.slotKey + "'");
    }
    refuseIfBroken(forms::checkSupply(facts.last, *slot, facts.today));
    requireNoCaptureInto(record.uuid, "supply the material");
    localdb::SupplyInput supply;
    supply.slotKey = command.slotKey;
    supply.pages = command.pages;
    for (PageRef& page : capturedMaterial(requireCaptureSlot(record.uuid, command.slotKey)))
      supply.pages.push_back(std::move(page));
    if (supply.pages.empty()) {
      throw CaseError(CaseError::Kind::Invalid,
                      "scan or attach the pages of “" + slot->name + "” first");
    }
    for (const PageRef& page : supply.pages) {
      if (!materials_->contains(page.sha256))
        throw CaseError(CaseError::Kind::Invalid,
                        "the page " + page.sha256 + " is not in the material store");
    }
    // The last gap of a 容缺 case supplied: the case is fully accepted, a decision of its own.
    std::optional<localdb::DecisionInput> completion;
    if (record.state == CaseState::AcceptedWithGaps) {
      forms::CaseFacts after = facts.rules.facts;
      for (forms::CaseSlot& s : after.slots)
        if (s.key == command.slotKey) s.status = forms::MaterialStatus::Received;
      const forms::DecisionRequest accept{forms::DecisionKind::Accept, "", std::nullopt, false};
      if (forms::checkDecision(after, accept, facts.today).empty()) {
        localdb::DecisionInput decision;
        decision.kind = forms::DecisionKind::Accept;
        decision.grounds = "容缺材料已补齐";
        decision.detailsXml = decisionDetailsXml(accept, after.slots, {});
        completion = decision;
      }
    }
    localdb::SecondVisitRepository(store_->database())
        .supplyMaterial(record.uuid, supply, actor(), completion);
    recordedVisit(command.requestId, "supply", record.uuid, completion.has_value());
  });
}

void Engine::Impl::handle(AnswerCorrection& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    if (record.state != CaseState::AwaitingCorrection)
      wrongState(record, "only a case awaiting correction answers a correction notice");
    VisitFacts facts = visitFacts(record);
    std::vector<forms::RuleProblem> problems;
    std::vector<forms::RuleProblem> wrongAnswers;  // shown at their fields with a refusal
    std::vector<forms::Problem> formProblems = facts.rules.formProblems;
    if (command.correctedAnswers && !command.correctedForm) {
      std::optional<DraftContent> content = cases_->contentOf(record.uuid);
      if (!content)
        throw CaseError(CaseError::Kind::NotFound, "case " + record.uuid + " has no form");
      content->instanceXml = *command.correctedAnswers;
      command.correctedForm = std::move(content);
    }
    if (command.correctedForm) {
      const DraftContent& form = *command.correctedForm;
      if (form.applicantName != record.applicantName ||
          form.applicantIdType != record.applicantIdType ||
          form.applicantIdNumber != record.applicantIdNumber) {
        throw CaseError(CaseError::Kind::Invalid,
                        "a correction corrects the form's answers; the applicant stays the same");
      }
      // Judged as of intake, like the answers it corrects.
      const auto intakeAt = localdb::parseIsoUtc(record.intakeAt.value_or(""));
      forms::FormCheck check =
          forms::checkFormAnswers(formOf(facts.rules.subject),
                                  {form.formId, form.formVersion, form.instanceXml}, *intakeAt);
      facts.rules.facts.formProblems = check.problems.size();
      formProblems = std::move(check.formProblems);
      for (forms::RuleProblem& p : check.problems)
        (p.rule == forms::Rule::FormAnswer ? wrongAnswers : problems).push_back(std::move(p));
    }
    const DecisionAnswer& answer = command.decision;
    const forms::DecisionRequest request{answer.kind, answer.grounds,
                                         gapDeadlineOf(answer, problems), answer.commitmentSigned};
    const forms::LastDecision notice =
        facts.last.value_or(forms::LastDecision{forms::DecisionKind::CorrectionNotice});
    for (forms::RuleProblem& p :
         forms::checkCorrectionAnswer(notice, facts.rules.facts, request, facts.today))
      problems.push_back(std::move(p));
    if (!problems.empty()) {
      problems.insert(problems.end(), wrongAnswers.begin(), wrongAnswers.end());
      throw RefusedByRules(CommandFailure::BrokenRules, problems);
    }
    const localdb::DecisionInput decision = decisionInput(answer, request, facts.rules.legalBasis,
                                                          facts.rules.facts.slots, formProblems);
    if (command.correctedForm) {
      cases_->reviseAndDecide(record.uuid, *command.correctedForm, "补正", decision, actor());
    } else {
      cases_->recordDecision(record.uuid, decision, actor());
    }
    recordedVisit(command.requestId, "correction", record.uuid, true);
  });
}

void Engine::Impl::handle(WithdrawCase& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    if (!localdb::isAllowedTransition(record.state, CaseState::Withdrawn))
      wrongState(record, "it can no longer be withdrawn");
    refuseIfBroken(forms::checkWithdrawal(command.reason));
    localdb::CaseEventInput event;
    event.kind = CaseEventKind::Withdrawal;
    event.reason = command.reason;
    localdb::SecondVisitRepository(store_->database())
        .recordEvent(record.uuid, event, CaseState::Withdrawn, actor());
    recordedVisit(command.requestId, "withdrawal", record.uuid);
  });
}

void Engine::Impl::handle(VoidOverdueCase& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    if (!localdb::isAllowedTransition(record.state, CaseState::Void) ||
        record.state == CaseState::Draft)
      wrongState(record, "only a gap acceptance whose deadline passed is voided");
    const VisitFacts facts = visitFacts(record);
    refuseIfBroken(
        forms::checkVoidOverdue(facts.last, facts.rules.facts.slots, command.reason, facts.today));
    localdb::CaseEventInput event;
    event.kind = CaseEventKind::Void;
    event.reason = command.reason;
    localdb::SecondVisitRepository(store_->database())
        .recordEvent(record.uuid, event, CaseState::Void, actor());
    recordedVisit(command.requestId, "void", record.uuid);
  });
}

void Engine::Impl::handle(HandOverResult& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    if (!localdb::isAllowedTransition(record.state, CaseState::Collected))
      wrongState(record, "the result is not ready for pick-up until central says so");
    // An ID number as typed: a lower-case check character x is the X the card prints.
    Collector collector = command.collector;
    collector.idNumber =
        printing::asciiUpper(forms::expr::text::trimXPathSpace(collector.idNumber));
    const forms::Handover handover{{collector.name, collector.idType, collector.idNumber},
                                   collector.authorised,
                                   collector.idChecked,
                                   command.documents};
    refuseIfBroken(forms::checkHandover(
        handover, {record.applicantName, record.applicantIdType, record.applicantIdNumber},
        forms::chinaDate(clock_->now())));
    const auto issued = localdb::DocumentRepository(store_->database()).documentsOf(record.id);
    for (const std::string& number : command.documents) {
      if (std::none_of(issued.begin(), issued.end(),
                       [&](const localdb::IssuedDocument& d) { return d.documentNo == number; })) {
        throw CaseError(CaseError::Kind::Invalid,
                        "document " + number + " was not issued for this case");
      }
    }
    localdb::CaseEventInput event;
    event.kind = CaseEventKind::Handover;
    event.collectorName = collector.name;
    event.collectorIdType = collector.idType;
    event.collectorIdNumber = collector.idNumber;
    event.authorised = collector.authorised;
    event.idChecked = collector.idChecked;
    event.documents = command.documents;
    localdb::SecondVisitRepository(store_->database())
        .recordEvent(record.uuid, event, CaseState::Collected, actor());
    recordedVisit(command.requestId, "handover", record.uuid, true);
  });
}

void Engine::Impl::handle(PostResult& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    if (!localdb::isAllowedTransition(record.state, CaseState::Posted))
      wrongState(record, "the result is not ready to post until central says so");
    refuseIfBroken(forms::checkPosting(command.trackingNo));
    localdb::CaseEventInput event;
    event.kind = CaseEventKind::Posting;
    event.carrier = command.carrier;
    event.trackingNo = command.trackingNo;
    localdb::SecondVisitRepository(store_->database())
        .recordEvent(record.uuid, event, CaseState::Posted, actor());
    recordedVisit(command.requestId, "posting", record.uuid);
  });
}

void Engine::Impl::handle(RecordRating& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    const std::vector<RatedVisit> visits =
        visitsOf(localdb::decisionsOfCase(store_->database(), record.id),
                 localdb::SecondVisitRepository(store_->database()).eventsOf(record.id));
    const auto visit = std::find_if(visits.begin(), visits.end(),
                                    [&](const RatedVisit& v) { return v.key == command.visit; });
    if (visit == visits.end()) {
      throw CaseError(CaseError::Kind::NotFound,
                      "'" + command.visit + "' is not a visit of this case to rate");
    }
    refuseIfBroken(forms::checkRating(command.label, command.reasons, command.comment));
    localdb::RatingInput rating{newCaseUuid(), visit->stage,    visit->key,
                                command.label, command.reasons, command.comment};
    localdb::SecondVisitRepository(store_->database()).recordRating(record.uuid, rating, actor());
    recordedVisit(command.requestId, "rating", record.uuid);
  });
}

}  // namespace onewindow::engine
