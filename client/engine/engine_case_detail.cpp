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
#include "printing/formatters.hpp"

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

std::vector<Engine::Impl::RatedVisit> Engine::Impl::visitsOf(const localdb::CaseRecord& record) {
  std::vector<RatedVisit> visits;
  const auto decisions = localdb::decisionsOfCase(store_->database(), record.id);
  for (std::size_t i = 0; i < decisions.size(); ++i)
    visits.push_back({"decision:" + std::to_string(i + 1), "acceptance", decisions[i].decidedAt});
  const auto events = localdb::SecondVisitRepository(store_->database()).eventsOf(record.id);
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
  if (state == CaseState::AcceptedWithGaps || state == CaseState::InProgress ||
      state == CaseState::Suspended || state == CaseState::AwaitingCorrection) {
    for (const forms::CaseSlot& slot : facts.rules.facts.slots) {
      if (forms::isSupplied(slot.status)) continue;
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

  const auto voidProblems =
      forms::checkVoidOverdue(facts.last, facts.rules.facts.slots, "-", facts.today);
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
  try {
    detail.record.applicantIdNumber = printing::maskIdNumber(record.applicantIdNumber);
  } catch (const std::exception&) {
    detail.record.applicantIdNumber = std::string(record.applicantIdNumber.size(), '*');
  }
  detail.record.applicantPhone.clear();
  if (const auto content = cases_->contentOf(record.uuid)) {
    detail.formId = content->formId;
    detail.formVersion = content->formVersion;
    detail.instanceXml = content->instanceXml;
  }
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
  detail.events = visits.eventsOf(record.id);
  detail.ratings = visits.ratingsOf(record.id);
  detail.timeline = localdb::caseTimeline(db, record.uuid);
  detail.sync = localdb::caseSyncStatus(db, record.id);

  // The visit waiting for its rating: the latest decision or hand-over not rated yet.
  const std::vector<RatedVisit> rated = visitsOf(record);
  // The latest; of two in the same second, the one recorded last.
  auto latest = rated.end();
  for (auto visit = rated.begin(); visit != rated.end(); ++visit)
    if (latest == rated.end() || visit->at >= latest->at) latest = visit;
  if (latest != rated.end() &&
      std::none_of(detail.ratings.begin(), detail.ratings.end(),
                   [&](const localdb::RatingRecord& r) { return r.rating.visit == latest->key; }))
    detail.pendingRatingVisit = latest->key;

  const forms::CivilDate today = forms::chinaDate(clock_->now());
  detail.badge = dueBadge(record.state, record.matterCode, record.intakeAt.value_or(""),
                          record.promisedDueDate.value_or(""), today);
  if (record.state == CaseState::Draft) return detail;
  try {
    const VisitFacts facts = visitFacts(record);
    for (SlotView& view : detail.slots) {
      const auto slot =
          std::find_if(facts.rules.facts.slots.begin(), facts.rules.facts.slots.end(),
                       [&](const forms::CaseSlot& s) { return s.key == view.slot.key; });
      view.owed = slot != facts.rules.facts.slots.end() && !forms::isSupplied(slot->status) &&
                  facts.last &&
                  ((facts.last->kind == forms::DecisionKind::AcceptWithGaps &&
                    slot->status == forms::MaterialStatus::Gap) ||
                   record.state == CaseState::AwaitingCorrection);
    }
    for (const localdb::DecisionSnapshot& decision : facts.decisions)
      if (!decision.gapDeadline.empty()) detail.gapDeadline = decision.gapDeadline;
    if (record.state == CaseState::AwaitingCorrection && facts.last &&
        facts.last->correctionDeadline)
      detail.correctionDeadline = facts.last->correctionDeadline->iso();
    detail.actions = deskActions(facts, detail.pendingRatingVisit);
    if (const auto form = formOf(facts.rules.subject); form && !detail.instanceXml.empty()) {
      try {
        const forms::FormSession session = forms::FormSession::resume(form, detail.instanceXml);
        appendAnswers(session.controls(), 0, detail.answers);
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
