// The supervisor console in the engine (issue 14): the station's queues with their due badges,
// the 督办 mark, voiding a case central refused for good, the follow-up of bad ratings and the
// figures. Every command here is refused for a clerk's login in withSupervisor, so the console
// and onewindow-ctl meet the same refusal; every change is audited with who, when and why.

#include <algorithm>
#include <array>

#include "client/api/case_document.hpp"
#include "client/engine/durable_file.hpp"
#include "client/engine/engine_impl.hpp"
#include "client/engine/figures.hpp"
#include "client/engine/figures_report.hpp"
#include "client/engine/time_text.hpp"
#include "forms/expr_text.hpp"
#include "localdb/case_queries.hpp"
#include "localdb/supervision.hpp"
#include "printing/formatters.hpp"

namespace onewindow::engine {
namespace {

using localdb::CaseState;

constexpr std::array<std::pair<SupervisorQueue, const char*>, 8> kQueueNames{{
    {SupervisorQueue::All, "all"},
    {SupervisorQueue::SyncProblems, "sync-problems"},
    {SupervisorQueue::AwaitingSupplements, "awaiting-supplements"},
    {SupervisorQueue::NearDue, "near-due"},
    {SupervisorQueue::DueToday, "due-today"},
    {SupervisorQueue::Overdue, "overdue"},
    {SupervisorQueue::Suspended, "suspended"},
    {SupervisorQueue::Supervised, "supervised"},
}};

// The states whose promised date runs (the deadline queues); a suspended case stands apart.
const std::vector<CaseState> kRunning{CaseState::Intake, CaseState::Accepted,
                                      CaseState::AcceptedWithGaps, CaseState::InProgress};

}  // namespace

const char* supervisorQueueName(SupervisorQueue queue) {
  for (const auto& [known, name] : kQueueNames)
    if (known == queue) return name;
  return "all";
}

std::optional<SupervisorQueue> supervisorQueueFromName(const std::string& name) {
  for (const auto& [queue, known] : kQueueNames)
    if (name == known) return queue;
  return std::nullopt;
}

const char* figurePeriodName(FigurePeriod period) {
  switch (period) {
    case FigurePeriod::Today:
      return "today";
    case FigurePeriod::ThisWeek:
      return "week";
    case FigurePeriod::ThisMonth:
      return "month";
  }
  return "today";
}

std::optional<FigurePeriod> figurePeriodFromName(const std::string& name) {
  for (FigurePeriod period : {FigurePeriod::Today, FigurePeriod::ThisWeek, FigurePeriod::ThisMonth})
    if (name == figurePeriodName(period)) return period;
  return std::nullopt;
}

const char* figureGroupingName(FigureGrouping grouping) {
  switch (grouping) {
    case FigureGrouping::Window:
      return "window";
    case FigureGrouping::Clerk:
      return "clerk";
    case FigureGrouping::Matter:
      return "matter";
  }
  return "window";
}

std::optional<FigureGrouping> figureGroupingFromName(const std::string& name) {
  for (FigureGrouping grouping :
       {FigureGrouping::Window, FigureGrouping::Clerk, FigureGrouping::Matter})
    if (name == figureGroupingName(grouping)) return grouping;
  return std::nullopt;
}

void Engine::Impl::withSupervisor(std::uint64_t requestId, const std::function<void()>& work) {
  if (session_ && session_->role != Role::Supervisor) {
    publish(CommandFailed{requestId, CommandFailure::NotAllowed,
                          "clerk " + session_->clerkId +
                              " is logged in as a clerk: the supervisor console is for "
                              "supervisors"});
    return;
  }
  withClerk(requestId, work);
}

const forms::WorkingCalendar& Engine::Impl::stationCalendar() const {
  static const forms::WorkingCalendar kWeekdays;
  return catalog_ && !catalog_->calendars.empty() ? catalog_->calendars.front() : kWeekdays;
}

localdb::CaseFilter Engine::Impl::supervisorFilter(SupervisorQueue queue, forms::CivilDate today) {
  localdb::CaseFilter filter;
  filter.excludeDrafts = true;
  filter.sort = localdb::CaseSort::PromisedDueDate;
  filter.descending = false;
  switch (queue) {
    case SupervisorQueue::All:
      filter.sort = localdb::CaseSort::IntakeTime;
      filter.descending = true;
      break;
    case SupervisorQueue::SyncProblems:
      filter.syncState = "quarantined";
      filter.sort = localdb::CaseSort::IntakeTime;
      break;
    case SupervisorQueue::AwaitingSupplements:
      filter.states = {CaseState::AcceptedWithGaps, CaseState::AwaitingCorrection};
      break;
    case SupervisorQueue::NearDue:
      filter.states = kRunning;
      filter.dueOnOrAfter = today.plusDays(1).iso();
      // The station's calendar bounds the dates; each row's badge counts on its matter's.
      filter.dueOnOrBefore =
          stationCalendar()
              .addWorkingDays(today, std::max(1, config_.supervision.nearDueWorkingDays))
              .iso();
      break;
    case SupervisorQueue::DueToday:
      filter.states = kRunning;
      filter.dueOnOrAfter = filter.dueOnOrBefore = today.iso();
      break;
    case SupervisorQueue::Overdue:
      filter.states = kRunning;
      filter.dueOnOrBefore = today.plusDays(-1).iso();
      break;
    case SupervisorQueue::Suspended:
      filter.states = {CaseState::Suspended};
      break;
    case SupervisorQueue::Supervised:
      filter.supervisedOnly = true;
      filter.sort = localdb::CaseSort::IntakeTime;
      filter.descending = true;
      break;
  }
  return filter;
}

void Engine::Impl::handle(ListSupervisorQueue& command) {
  withSupervisor(command.requestId, [&] {
    using Why = SupervisorQueueListed::CentreUnavailable;
    if (!command.centre) return publishStationQueue(command, Why::None, "");
    if (command.queue == SupervisorQueue::SyncProblems) {
      // Central never had a case it refused.
      return publishStationQueue(
          command, Why::StationQueue,
          std::string("central does not keep the queue ") + supervisorQueueName(command.queue));
    }
    if (token_.empty())
      return publishStationQueue(command, Why::OfflineLogin,
                                 "logged in offline: the centre's cases need an online login");
    askCentre(command);
  });
}

void Engine::Impl::publishStationQueue(const ListSupervisorQueue& command,
                                       SupervisorQueueListed::CentreUnavailable why,
                                       const std::string& fallback) {
  const forms::CivilDate today = forms::chinaDate(clock_->now());
  localdb::CaseFilter filter = supervisorFilter(command.queue, today);
  if (!command.matterCode.empty()) filter.matterCode = command.matterCode;
  const std::string lookup =
      printing::asciiUpper(std::string(forms::expr::text::trimXPathSpace(command.lookup)));
  if (!lookup.empty()) filter.lookup = lookup;
  filter.offset = std::max(0, command.offset);
  filter.limit = std::clamp(command.limit, 1, 1000);
  localdb::CaseQueries queries(store_->database());
  SupervisorQueueListed listed;
  listed.requestId = command.requestId;
  listed.queue = command.queue;
  listed.offset = filter.offset;
  listed.asOf = isoUtc(clock_->now());
  listed.fallback = fallback;
  listed.centreUnavailable = why;
  listed.total = filter.offset == 0 ? queries.count(filter) : -1;
  for (CaseListRow& row : listRows(queries.find(filter))) {
    SupervisorRow supervisorRow;
    if (const auto mark = localdb::supervisionMark(store_->database(), row.summary.id)) {
      supervisorRow.supervised = true;
      supervisorRow.supervisionNote = mark->note;
    }
    const auto state = localdb::caseStateFromName(row.summary.state);
    if (state == CaseState::AcceptedWithGaps || state == CaseState::AwaitingCorrection) {
      try {
        const VisitFacts facts = visitFacts(requireCase(row.summary.uuid));
        if (facts.last) {
          const auto& deadline = state == CaseState::AcceptedWithGaps
                                     ? facts.last->gapDeadline
                                     : facts.last->correctionDeadline;
          if (deadline) supervisorRow.supplementDeadline = deadline->iso();
        }
      } catch (const std::exception& error) {
        // A case the catalog no longer decides still shows; its deadline is not known.
        log("no supplement deadline for case " + row.summary.uuid + ": " + error.what());
      }
    }
    supervisorRow.row = std::move(row);
    listed.rows.push_back(std::move(supervisorRow));
  }
  publish(std::move(listed));
}

// The centre's page from central: the same queue's states and date bounds as the station's
// (decided here with the station's calendar), paged by central; a page central says has not
// changed (304) is the one kept from the last answer.
void Engine::Impl::askCentre(const ListSupervisorQueue& command) {
  const forms::CivilDate today = forms::chinaDate(clock_->now());
  const localdb::CaseFilter filter = supervisorFilter(command.queue, today);
  api::CentreCaseQuery query;
  if (filter.states.empty()) {
    for (int i = 0; i < localdb::kCaseStateCount; ++i) {
      const auto state = static_cast<CaseState>(i);
      if (state != CaseState::Draft) query.states.emplace_back(localdb::caseStateName(state));
    }
  }
  for (CaseState state : filter.states) query.states.emplace_back(localdb::caseStateName(state));
  query.dueFrom = filter.dueOnOrAfter.value_or("");
  query.dueTo = filter.dueOnOrBefore.value_or("");
  query.matter = command.matterCode;
  query.supervisedOnly = filter.supervisedOnly;
  query.lookup = std::string(forms::expr::text::trimXPathSpace(command.lookup));
  query.sort = filter.sort == localdb::CaseSort::PromisedDueDate ? api::CentreCaseSort::Due
                                                                 : api::CentreCaseSort::Intake;
  query.offset = std::max(0, command.offset);
  query.limit = std::clamp(command.limit, 1, 500);
  const std::string key = api::centreCasesPath(query);
  const auto cached = centrePages_.find(key);
  const std::string etag = cached == centrePages_.end() ? std::string() : cached->second.etag;
  central_.centreCases(query, etag, [this, command, key](api::Result<api::CentreCasePage> result) {
    queue_.post(
        [this, command, key, result = std::move(result)] { onCentreCases(command, key, result); });
  });
}

void Engine::Impl::onCentreCases(const ListSupervisorQueue& command, const std::string& key,
                                 const api::Result<api::CentreCasePage>& result) {
  using Why = SupervisorQueueListed::CentreUnavailable;
  withSupervisor(command.requestId, [&] {
    if (!result.ok()) {
      const api::ApiError& error = result.error();
      log("the centre's cases could not be read: " + error.message);
      if (error.meansOffline()) setConnectivity(Connectivity::Offline, error.message);
      return publishStationQueue(command, error.meansOffline() ? Why::Unreachable : Why::Refused,
                                 "central did not give the centre's cases: " + error.message);
    }
    const api::CentreCasePage* page = &result.value();
    if (page->notModified) {
      const auto cached = centrePages_.find(key);
      if (cached == centrePages_.end())
        return publishStationQueue(command, Why::Refused,
                                   "central said nothing changed, but no page is kept here");
      page = &cached->second.page;
    } else {
      centrePages_[key] = {page->etag, *page};
      // A console pages through a few queues: the pages of other questions are let go.
      if (centrePages_.size() > 64) centrePages_.erase(centrePages_.begin());
    }
    const forms::CivilDate today = forms::chinaDate(clock_->now());
    SupervisorQueueListed listed;
    listed.requestId = command.requestId;
    listed.queue = command.queue;
    listed.source = "centre";
    listed.offset = static_cast<int>(page->offset);
    listed.total = page->total;
    // As of now when central confirmed the page it sent before (304).
    listed.asOf = result.value().notModified ? isoUtc(clock_->now())
                                             : api::isoFromWireTime(page->asOf).value_or("");
    for (const api::CentreStateCount& count : page->stateCounts) {
      if (const auto state = localdb::caseStateFromName(count.state))
        listed.centreStates.push_back({*state, count.count});
    }
    for (const api::CentreCaseRow& centreRow : page->rows) {
      SupervisorRow row;
      row.station = centreRow.station;
      localdb::CaseSummary& s = row.row.summary;
      s.uuid = centreRow.uuid;
      s.provisionalNo = centreRow.provisionalNo;
      s.officialNo = centreRow.officialNo;
      s.matterCode = centreRow.matterCode;
      s.matterName = centreRow.matterName;
      s.applicantName = centreRow.applicantName;
      s.clerkId = centreRow.clerkId;
      s.windowCode = centreRow.window;
      s.state = centreRow.state;
      s.syncState = "confirmed";  // central has it
      s.intakeAt = api::isoFromWireTime(centreRow.intakeAt).value_or("");
      s.promisedDueDate = centreRow.promisedDue;
      row.row.badge = dueBadge(localdb::caseStateFromName(s.state).value_or(CaseState::Void),
                               s.intakeAt, s.promisedDueDate, today, [&](forms::CivilDate day) {
                                 return caseCalendar(s.matterCode, day);
                               });
      row.supervised = !centreRow.supervisionNote.empty();
      row.supervisionNote = centreRow.supervisionNote;
      // A mark this station kept while central could not be told is shown on its own case.
      if (!row.supervised) {
        if (const auto local = cases_->findByUuid(s.uuid)) {
          if (const auto mark = localdb::supervisionMark(store_->database(), local->id)) {
            row.supervised = true;
            row.supervisionNote = mark->note;
          }
        }
      }
      listed.rows.push_back(std::move(row));
    }
    publish(std::move(listed));
  });
}

void Engine::Impl::handle(CountSupervisorQueues& command) {
  withSupervisor(command.requestId, [&] {
    const forms::CivilDate today = forms::chinaDate(clock_->now());
    localdb::CaseQueries queries(store_->database());
    SupervisorQueuesCounted counted;
    counted.requestId = command.requestId;
    counted.asOf = isoUtc(clock_->now());
    for (SupervisorQueue queue : kSupervisorQueues)
      counted.queues.push_back({queue, queries.count(supervisorFilter(queue, today))});
    for (const auto& [state, count] : queries.countByState())
      counted.states.push_back({state, count});
    publish(std::move(counted));
  });
}

void Engine::Impl::handle(MarkSupervised& command) {
  withSupervisor(command.requestId, [&] {
    changeSupervision(command.requestId, command.caseRef,
                      {false, std::string(forms::expr::text::trimXPathSpace(command.note))});
  });
}

void Engine::Impl::handle(ClearSupervised& command) {
  withSupervisor(command.requestId, [&] {
    changeSupervision(command.requestId, command.caseRef,
                      {true, std::string(forms::expr::text::trimXPathSpace(command.reason))});
  });
}

// The mark goes to central whenever it can: central passes it to the case's own station, whose
// clerk may sit at another window. An offline login, an outage, or a case central does not
// have yet leave it this station's own, and the answer says so.
void Engine::Impl::changeSupervision(std::uint64_t requestId, const std::string& caseRef,
                                     const api::SupervisionRequest& what) {
  using localdb::CaseError;
  if (what.text.empty())
    throw CaseError(CaseError::Kind::Invalid, what.lift ? "the reason for lifting the mark is empty"
                                                        : "the supervision note is empty");
  const std::optional<localdb::CaseRecord> local = findCase(caseRef);
  if (local && (local->state == CaseState::Draft || local->state == CaseState::Void))
    throw CaseError(CaseError::Kind::WrongState, local->state == CaseState::Draft
                                                     ? "a draft is no case to supervise yet"
                                                     : "a voided case is no case to supervise");
  if (token_.empty()) {
    if (!local)
      throw CaseError(
          CaseError::Kind::NotFound,
          "no case " + caseRef + " at this station; other stations' cases need an online login");
    return superviseAtStation(requestId, *local, what, actor(),
                              SupervisionChanged::Where::OfflineLogin,
                              "logged in offline: central was not told");
  }
  const std::string uuid =
      local ? local->uuid : std::string(forms::expr::text::trimXPathSpace(caseRef));
  if (!api::isCaseUuid(uuid))
    throw CaseError(CaseError::Kind::NotFound,
                    "no case " + caseRef + " at this station; a centre case is named by its UUID");
  // Whoever is logged in when central answers, the change is this supervisor's.
  central_.superviseCase(
      uuid, what,
      [this, requestId, uuid, what, who = actor()](api::Result<api::SupervisionState> result) {
        queue_.post([this, requestId, uuid, what, who, result = std::move(result)] {
          onSupervisionChanged(requestId, uuid, what, who, result);
        });
      });
}

void Engine::Impl::onSupervisionChanged(std::uint64_t requestId, const std::string& uuid,
                                        const api::SupervisionRequest& what,
                                        const localdb::Actor& who,
                                        const api::Result<api::SupervisionState>& result) {
  withClerk(requestId, [&] {
    const std::optional<localdb::CaseRecord> local = cases_->findByUuid(uuid);
    if (result.ok()) {
      const api::SupervisionState& state = result.value();
      SupervisionChanged changed{requestId, uuid, state.marked, state.text};
      if (local) {
        // Kept here at once; the feed's copy of this change (and any older one) is then no news.
        localdb::applyCentralSupervision(store_->database(), *local, state.marked, state.text, who,
                                         state.seq);
        changed.detail = caseDetail(requireCase(uuid));
      }
      log("supervisor " + who.clerkId +
          (what.lift ? " lifted the mark of case " : " marked case ") + uuid + " at central");
      return publish(std::move(changed));
    }
    const api::ApiError& error = result.error();
    const bool unreachable = error.meansOffline();
    if (unreachable) setConnectivity(Connectivity::Offline, error.message);
    const bool centralLacksIt = error.code == "case.not_found";
    if (local && (unreachable || centralLacksIt)) {
      using Where = SupervisionChanged::Where;
      return superviseAtStation(requestId, *local, what, who,
                                unreachable ? Where::CentreUnreachable : Where::NotAtCentre,
                                error.message);
    }
    publish(CommandFailed{requestId,
                          centralLacksIt                           ? CommandFailure::NotFound
                          : error.code == "session.not_supervisor" ? CommandFailure::NotAllowed
                                                                   : CommandFailure::CentralRefused,
                          "central did not " + std::string(what.lift ? "lift" : "set") +
                              " the mark of case " + uuid + ": " + error.message});
  });
}

void Engine::Impl::superviseAtStation(std::uint64_t requestId, const localdb::CaseRecord& record,
                                      const api::SupervisionRequest& what,
                                      const localdb::Actor& who, SupervisionChanged::Where where,
                                      const std::string& why) {
  if (what.lift) {
    if (!localdb::clearSupervised(store_->database(), record, what.text, who))
      throw localdb::CaseError(localdb::CaseError::Kind::WrongState,
                               "case " + record.uuid + " is not marked for supervision");
  } else {
    localdb::markSupervised(store_->database(), record, what.text, who);
  }
  SupervisionChanged changed{requestId, record.uuid, !what.lift, what.text, where, why};
  changed.detail = caseDetail(requireCase(record.uuid));
  publish(std::move(changed));
}

void Engine::Impl::handle(VoidQuarantined& command) {
  withSupervisor(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    localdb::voidQuarantinedCase(store_->database(), record,
                                 std::string(forms::expr::text::trimXPathSpace(command.reason)),
                                 actor());
    publishPendingCount();
    publish(CaseDetailReady{command.requestId, caseDetail(requireCase(record.uuid))});
  });
}

std::vector<FollowUpItem> Engine::Impl::followUpItems(bool includeClosed) {
  const forms::CivilDate today = forms::chinaDate(clock_->now());
  std::vector<FollowUpItem> items;
  for (localdb::BadRatingItem& rating : localdb::badRatings(store_->database(), includeClosed)) {
    FollowUpItem item;
    const auto rated = localdb::parseIsoUtc(rating.ratedAt);
    if (rated) {
      const forms::CivilDate ratedDay = forms::chinaDate(*rated);
      const forms::WorkingCalendar* calendar = caseCalendar(rating.matterCode, ratedDay);
      const forms::WorkingCalendar& counting = calendar ? *calendar : stationCalendar();
      const forms::CivilDate due =
          counting.addWorkingDays(ratedDay, std::max(1, config_.supervision.followUpWorkingDays));
      item.dueDate = due.iso();
      if (!rating.closed()) {
        item.badge = dateBadge(counting, due, today);
        item.urgent =
            item.badge.kind != DueBadgeKind::WorkingDaysLeft || item.badge.workingDays <= 1;
      }
    }
    item.rating = std::move(rating);
    items.push_back(std::move(item));
  }
  return items;
}

void Engine::Impl::handle(ListFollowUps& command) {
  withSupervisor(command.requestId, [&] {
    publish(FollowUpsListed{command.requestId, followUpItems(command.includeClosed),
                            config_.supervision.followUpWorkingDays});
  });
}

void Engine::Impl::handle(RecordFollowUp& command) {
  withSupervisor(command.requestId, [&] {
    const auto item = localdb::badRating(store_->database(), command.ratingUuid);
    if (!item)
      throw localdb::CaseError(localdb::CaseError::Kind::NotFound,
                               "no bad rating " + command.ratingUuid + " to follow up");
    localdb::FollowUpEntry entry;
    entry.contact = command.contact;
    entry.outcome = std::string(forms::expr::text::trimXPathSpace(command.outcome));
    entry.text = std::string(forms::expr::text::trimXPathSpace(command.text));
    entry.closes = command.closes;
    localdb::appendFollowUp(store_->database(), *item, entry, actor());
    publish(FollowUpsListed{command.requestId, followUpItems(false),
                            config_.supervision.followUpWorkingDays});
  });
}

FigureTable Engine::Impl::figureTable(FigurePeriod period, FigureGrouping grouping) {
  const forms::CivilDate today = forms::chinaDate(clock_->now());
  const auto [from, to] = figurePeriodDays(period, today);
  FigureInput input;
  input.period = period;
  input.grouping = grouping;
  input.from = from;
  input.to = to;
  input.formulas = config_.supervision.formulas;
  const std::string fromUtc = chinaMidnightUtc(from);
  const std::string beforeUtc = chinaMidnightUtc(to.plusDays(1));
  input.cases = localdb::figureCases(store_->database(), fromUtc, beforeUtc);
  input.ratings = localdb::figureRatings(store_->database(), fromUtc, beforeUtc);
  std::map<std::pair<std::string, std::int64_t>, const forms::WorkingCalendar*> calendars;
  input.calendarOf = [&](const std::string& matter, forms::CivilDate day) {
    const auto key = std::make_pair(matter, day.daysSinceEpoch());
    const auto known = calendars.find(key);
    if (known != calendars.end()) return known->second;
    return calendars[key] = caseCalendar(matter, day);
  };
  return computeFigures(input);
}

void Engine::Impl::handle(ComputeFigures& command) {
  withSupervisor(command.requestId, [&] {
    publish(FiguresComputed{command.requestId, figureTable(command.period, command.grouping)});
  });
}

// The export reads the figures again rather than taking the console's copy: what is written is
// what the store says now, and the rendering stays off the screen's thread.
void Engine::Impl::handle(ExportFigures& command) {
  withSupervisor(command.requestId, [&] {
    if (command.file.empty())
      throw localdb::CaseError(localdb::CaseError::Kind::Invalid, "no file to export to");
    FigureTable table = figureTable(command.period, command.grouping);
    if (command.format == ExportFigures::Format::Csv) {
      writeFileDurably(command.file, figuresCsv(table));
    } else {
      const std::size_t chart = std::min(command.chartFigure, table.definitions.size() - 1);
      writeFileDurably(command.file, figuresPdf(table, chart,
                                                {config_.station.centreName,
                                                 chinaDateTimeText(isoUtc(clock_->now()))}));
    }
    audit(session_->clerkId, "supervisor.figures_exported",
          command.file.string() + " (" + figurePeriodName(command.period) + ", by " +
              figureGroupingName(command.grouping) + ")");
    publish(FiguresExported{command.requestId, command.file, std::move(table)});
  });
}

}  // namespace onewindow::engine
