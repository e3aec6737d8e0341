// A case's whole story for the case desk, and the second-visit actions it allows now with the
// engine's reason when not.

#include <algorithm>

#include "client/engine/engine_impl.hpp"
#include "forms/form_session.hpp"
#include "forms/second_visit_rules.hpp"
#include "localdb/case_desk_queries.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/document_repository.hpp"
#include "localdb/second_visit.hpp"

namespace onewindow::engine {
namespace {

using localdb::CaseState;

DeskActionState allowedIf(DeskAction action, bool allowed, std::string why) {
  return {action, allowed, allowed ? std::string() : std::move(why)};
}

// The relevant questions with their answers, groups as headings, in the form's order.
void appendAnswers(const std::vector<forms::ControlView>& controls, int depth,
                   std::vector<FormAnswerLine>& lines) {
  for (const forms::ControlView& control : controls) {
    if (!control.relevant) continue;
    if (control.kind == forms::ControlKind::Group || control.kind == forms::ControlKind::Repeat) {
      if (!control.label.empty()) lines.push_back({depth, true, control.label, ""});
      appendAnswers(control.children, depth + 1, lines);
      for (const forms::ControlView& instance : control.instances) {
        lines.push_back({depth + 1, true, instance.label, ""});
        appendAnswers(instance.children, depth + 2, lines);
      }
      continue;
    }
    if (control.kind == forms::ControlKind::Upload) continue;  // the materials say it
    std::string value = control.value;
    if (!control.choices.empty()) {
      std::string labels;
      std::size_t start = 0;
      while (start <= value.size()) {  // a multiple choice is space-separated
        const std::size_t end = value.find(' ', start);
        const std::string chosen =
            value.substr(start, end == std::string::npos ? end : end - start);
        for (const forms::ChoiceView& choice : control.choices)
          if (choice.value == chosen && !chosen.empty())
            labels += (labels.empty() ? "" : "、") + choice.label;
        if (end == std::string::npos) break;
        start = end + 1;
      }
      if (!labels.empty()) value = labels;
    }
    lines.push_back({depth, false, control.label, value});
  }
}

std::string firstMessage(const std::vector<forms::RuleProblem>& problems) {
  return problems.empty() ? std::string() : problems.front().message;
}

}  // namespace

std::string Engine::Impl::decisionVisit(std::size_t number) {
  return "decision:" + std::to_string(number);
}

std::vector<Engine::Impl::RatedVisit> Engine::Impl::visitsOf(
    const std::vector<localdb::DecisionSnapshot>& decisions,
    const std::vector<localdb::CaseEventRecord>& events) {
  std::vector<RatedVisit> visits;
  for (std::size_t i = 0; i < decisions.size(); ++i)
    visits.push_back({decisionVisit(i + 1), "acceptance", decisions[i].decidedAt});
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].event.kind == CaseEventKind::Handover)
      visits.push_back({"handover:" + std::to_string(i + 1), "completion", events[i].at});
  }
  return visits;
}

std::vector<DeskActionState> Engine::Impl::deskActions(const VisitFacts& facts,
                                                       const std::string& pendingVisit) {
  const CaseState state = facts.record.state;
  std::vector<DeskActionState> actions;
  // Supply: some material the applicant owes may be supplied today.
  std::string supplyWhy = "the case awaits no supplement";
  bool supply = false;
  if (awaitsSupplements(state)) {
    for (const forms::CaseSlot& slot : facts.rules.facts.slots) {
      if (!owesMaterial(state, facts.lastKind(), slot.status)) continue;
      const auto problems = forms::checkSupply(facts.last, slot, facts.today);
      if (problems.empty()) {
        supply = true;
        break;
      }
      supplyWhy = firstMessage(problems);
    }
  }
  actions.push_back(allowedIf(DeskAction::Supply, supply, supplyWhy));

  std::string answerWhy = "the case has no correction notice to answer";
  bool answer = state == CaseState::AwaitingCorrection;
  if (answer && facts.last && facts.last->correctionDeadline &&
      facts.today > *facts.last->correctionDeadline) {
    answer = false;
    answerWhy = "the correction deadline " + facts.last->correctionDeadline->iso() +
                " has passed: the application counts as withdrawn";
  }
  actions.push_back(allowedIf(DeskAction::AnswerCorrection, answer, answerWhy));

  const auto voidProblems = forms::checkVoidable(facts.last, facts.rules.facts.slots, facts.today);
  const bool canVoid = state != CaseState::Draft &&
                       localdb::isAllowedTransition(state, CaseState::Void) && voidProblems.empty();
  actions.push_back(allowedIf(
      DeskAction::VoidOverdue, canVoid,
      voidProblems.empty() ? "the case cannot be voided now" : firstMessage(voidProblems)));
  actions.push_back(allowedIf(DeskAction::Withdraw,
                              localdb::isAllowedTransition(state, CaseState::Withdrawn),
                              "a case that is " + std::string(localdb::caseStateName(state)) +
                                  " can no longer be withdrawn"));
  const std::string notReady =
      "the result is not ready: central has not finished the case (it is " +
      std::string(localdb::caseStateName(state)) + ")";
  actions.push_back(allowedIf(DeskAction::HandOver,
                              localdb::isAllowedTransition(state, CaseState::Collected), notReady));
  actions.push_back(allowedIf(DeskAction::Post,
                              localdb::isAllowedTransition(state, CaseState::Posted), notReady));
  actions.push_back(allowedIf(DeskAction::Rate, !pendingVisit.empty(),
                              "no visit of this case is waiting for its rating"));
  return actions;
}

CaseDetail Engine::Impl::caseDetail(const localdb::CaseRecord& record) {
  localdb::Database& db = store_->database();
  CaseDetail detail;
  detail.record = record;
  detail.record.applicantIdNumber = maskedIdNumber(record.applicantIdNumber);
  detail.record.applicantPhone.clear();
  localdb::SecondVisitRepository visits(db);
  const std::vector<localdb::SupplyRecord> supplies = visits.suppliesOf(record.id);
  for (localdb::SlotRecord& slot : cases_->slotsOf(record.id)) {
    SlotView view;
    const auto supply =
        std::find_if(supplies.begin(), supplies.end(),
                     [&](const localdb::SupplyRecord& s) { return s.slotKey == slot.key; });
    if (supply != supplies.end()) view.supplied = *supply;
    view.slot = std::move(slot);
    detail.slots.push_back(std::move(view));
  }
  localdb::DocumentRepository documents(db);
  for (localdb::IssuedDocument& document : documents.documentsOf(record.id)) {
    DocumentView view;
    view.prints = documents.printsOf(document.id);
    view.document = std::move(document);
    detail.documents.push_back(std::move(view));
  }
  detail.subCases = cases_->subCasesOf(record.uuid);
  detail.certificate = localdb::certificateOf(db, record.id);
  detail.resultDocument = resultDocumentOf(record);
  detail.events = visits.eventsOf(record.id);
  detail.ratings = visits.ratingsOf(record.id);
  detail.timeline = localdb::caseTimeline(db, record.uuid);
  detail.sync = localdb::caseSyncStatus(db, record.id);
  const std::vector<localdb::DecisionSnapshot> decisions = localdb::decisionsOfCase(db, record.id);

  // The visit waiting for its rating: the latest decision or hand-over not rated yet (of two in
  // the same second, the one recorded last).
  const std::vector<RatedVisit> rated = visitsOf(decisions, detail.events);
  auto latest = rated.end();
  for (auto visit = rated.begin(); visit != rated.end(); ++visit)
    if (latest == rated.end() || visit->at >= latest->at) latest = visit;
  if (latest != rated.end() &&
      std::none_of(detail.ratings.begin(), detail.ratings.end(),
                   [&](const localdb::RatingRecord& r) { return r.rating.visit == latest->key; }))
    detail.pendingRatingVisit = latest->key;

  detail.supervision = localdb::supervisionMark(store_->database(), record.id);
  const forms::CivilDate today = forms::chinaDate(clock_->now());
  detail.badge =
      dueBadge(record.state, record.intakeAt.value_or(""), record.promisedDueDate.value_or(""),
               today, [&](forms::CivilDate day) { return caseCalendar(record.matterCode, day); });
  if (record.state == CaseState::Draft) return detail;
  for (const localdb::DecisionSnapshot& decision : decisions)
    if (!decision.gapDeadline.empty()) detail.gapDeadline = decision.gapDeadline;
  try {
    const VisitFacts facts = visitFacts(record, decisions);
    for (SlotView& view : detail.slots) {
      view.owed = owesMaterial(
          record.state, facts.lastKind(),
          forms::materialStatusFromName(view.slot.status).value_or(forms::MaterialStatus::Pending));
    }
    if (record.state == CaseState::AwaitingCorrection && facts.last &&
        facts.last->correctionDeadline)
      detail.correctionDeadline = facts.last->correctionDeadline->iso();
    detail.actions = deskActions(facts, detail.pendingRatingVisit);
    const std::optional<DraftContent> content = cases_->contentOf(record.uuid);
    if (const auto form = formOf(facts.rules.subject); form && content) {
      try {
        const forms::FormSession session = forms::FormSession::resume(form, content->instanceXml);
        appendAnswers(session.controls(), 0, detail.answers);
        const auto answer = std::find_if(
            detail.actions.begin(), detail.actions.end(), [](const DeskActionState& s) {
              return s.action == DeskAction::AnswerCorrection && s.allowed;
            });
        if (answer != detail.actions.end()) {
          detail.correctionForm = form;
          detail.correctionAnswers = content->instanceXml;
        }
      } catch (const std::exception& error) {
        log(std::string("the answers of case ") + record.uuid +
            " cannot be shown: " + error.what());
      }
    }
  } catch (const std::exception& error) {
    // Without the catalog the rules cannot be decided: nothing but what the state table allows.
    for (DeskAction action :
         {DeskAction::Supply, DeskAction::AnswerCorrection, DeskAction::VoidOverdue,
          DeskAction::Withdraw, DeskAction::HandOver, DeskAction::Post})
      detail.actions.push_back({action, false, error.what()});
    detail.actions.push_back({DeskAction::Rate, !detail.pendingRatingVisit.empty(),
                              detail.pendingRatingVisit.empty() ? "nothing to rate" : ""});
  }
  return detail;
}

}  // namespace onewindow::engine
