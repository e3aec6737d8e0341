// The case desk's reads: the window's and the station's case lists with their due badges,
// finding a case by what the clerk types or scans, and a case's whole story with the
// second-visit actions it allows now (decided here, so every front end shows the same).

#include <algorithm>
#include <cctype>
#include <map>

#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"
#include "forms/expr_text.hpp"
#include "forms/second_visit_rules.hpp"
#include "localdb/case_queries.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/verification_code.hpp"
#include "printing/formatters.hpp"

namespace onewindow::engine {
namespace {

using localdb::CaseState;

// China midnight of an ISO date, as the UTC text intake times are stored in.
std::optional<std::string> chinaMidnightUtc(const std::string& isoDate, int plusDays = 0) {
  const auto date = forms::CivilDate::parseIso(isoDate);
  if (!date) return std::nullopt;
  return engine::chinaMidnightUtc(date->plusDays(plusDays));
}

// States whose promised date is running: the case is with the window or the back office.
bool clockRuns(CaseState state) {
  return state == CaseState::Intake || state == CaseState::Accepted ||
         state == CaseState::AcceptedWithGaps || state == CaseState::InProgress;
}

std::string trimmed(const std::string& text) {
  return std::string(forms::expr::text::trimXPathSpace(text));
}

// "<base>/v/<number>?c=<code>" (API.md §4.11): the number and the code (either may be empty in
// a damaged code); nullopt for text that is no notice's address.
std::optional<std::pair<std::string, std::string>> noticeAddress(const std::string& text) {
  const auto path = text.find("/v/");
  if (path == std::string::npos) return std::nullopt;
  const auto query = text.find('?', path);
  const std::string number =
      text.substr(path + 3, query == std::string::npos ? std::string::npos : query - path - 3);
  std::string code;
  if (query != std::string::npos) {
    const auto c = text.find("c=", query);
    if (c != std::string::npos) code = text.substr(c + 2, text.find('&', c) - c - 2);
  }
  return std::make_pair(number, code);
}

}  // namespace

std::string maskedIdNumber(const std::string& idNumber) {
  try {
    return printing::maskIdNumber(idNumber);
  } catch (const std::exception&) {
    return std::string(idNumber.size(), '*');  // not UTF-8: nothing of it is shown
  }
}

std::optional<localdb::CaseRecord> Engine::Impl::findCase(const std::string& ref) {
  std::optional<localdb::CaseRecord> record = cases_->findByUuid(ref);
  if (!record) record = cases_->findByNumber(printing::asciiUpper(trimmed(ref)));
  if (!record) record = cases_->findByNumber(trimmed(ref));
  return record;
}

localdb::CaseRecord Engine::Impl::requireCase(const std::string& ref) {
  std::optional<localdb::CaseRecord> record = findCase(ref);
  if (!record) throw localdb::CaseError(localdb::CaseError::Kind::NotFound, "no case " + ref);
  return *record;
}

const forms::WorkingCalendar* Engine::Impl::caseCalendar(const std::string& matterCode,
                                                         forms::CivilDate intakeDate) {
  if (!catalog_) return nullptr;
  try {
    const auto subject = forms::subjectOn(*catalog_, matterCode, intakeDate);
    return subject ? &forms::windowCalendar(*catalog_, *subject, intakeDate) : nullptr;
  } catch (const std::exception&) {
    return nullptr;  // a case of a matter the catalog no longer dates: no badge, not no list
  }
}

DueBadge Engine::Impl::dueBadge(CaseState state, const std::string& intakeAt,
                                const std::string& promisedDue, forms::CivilDate today,
                                const CalendarOf& calendarOf) {
  if (state == CaseState::Suspended) return {DueBadgeKind::Suspended, 0};
  if (!clockRuns(state)) return {};
  const auto due = forms::CivilDate::parseIso(promisedDue);
  const auto intake = localdb::parseIsoUtc(intakeAt);
  if (!due || !intake) return {};
  const forms::WorkingCalendar* calendar = calendarOf(forms::chinaDate(*intake));
  if (calendar == nullptr) return {};
  return dateBadge(*calendar, *due, today);
}

DueBadge Engine::Impl::dateBadge(const forms::WorkingCalendar& calendar, forms::CivilDate due,
                                 forms::CivilDate today) {
  if (due == today) return {DueBadgeKind::DueToday, 0};
  // workingDaysLeft is at least one day past a date gone by, also over a weekend.
  const int left = calendar.workingDaysLeft(today, due);
  if (due < today) return {DueBadgeKind::Overdue, -left};
  return {DueBadgeKind::WorkingDaysLeft, left};
}

std::vector<CaseListRow> Engine::Impl::listRows(std::vector<localdb::CaseSummary> summaries) {
  const forms::CivilDate today = forms::chinaDate(clock_->now());
  // A page of rows is a few matters over a few days: each calendar is looked up once.
  std::map<std::pair<std::string, std::int64_t>, const forms::WorkingCalendar*> calendars;
  std::vector<CaseListRow> rows;
  rows.reserve(summaries.size());
  for (localdb::CaseSummary& summary : summaries) {
    CaseListRow row;
    row.maskedIdNumber = maskedIdNumber(summary.applicantIdNumber);
    const auto calendarOf = [&](forms::CivilDate intakeDate) {
      const auto key = std::make_pair(summary.matterCode, intakeDate.daysSinceEpoch());
      const auto known = calendars.find(key);
      if (known != calendars.end()) return known->second;
      return calendars[key] = caseCalendar(summary.matterCode, intakeDate);
    };
    row.badge = dueBadge(localdb::caseStateFromName(summary.state).value_or(CaseState::Void),
                         summary.intakeAt, summary.promisedDueDate, today, calendarOf);
    summary.applicantIdNumber.clear();
    summary.applicantPhone.clear();
    row.summary = std::move(summary);
    rows.push_back(std::move(row));
  }
  return rows;
}

void Engine::Impl::handle(ListCases& command) {
  withClerk(command.requestId, [&] {
    const CaseListQuery& query = command.query;
    localdb::CaseFilter filter;
    filter.states = query.states;
    filter.excludeDrafts = filter.states.empty();
    if (!query.matterCode.empty()) filter.matterCode = query.matterCode;
    if (query.scope == CaseScope::Window) filter.windowCode = session_->windowCode;
    if (!query.intakeFrom.empty()) {
      filter.intakeFrom = chinaMidnightUtc(query.intakeFrom);
      if (!filter.intakeFrom)
        throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                                 "the first intake date '" + query.intakeFrom + "' is not a date");
    }
    if (!query.intakeTo.empty()) {
      filter.intakeBefore = chinaMidnightUtc(query.intakeTo, 1);
      if (!filter.intakeBefore)
        throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                                 "the last intake date '" + query.intakeTo + "' is not a date");
    }
    const std::string lookup = printing::asciiUpper(trimmed(query.lookup));
    if (!lookup.empty()) filter.lookup = lookup;
    filter.sort = query.sort;
    filter.descending = query.descending;
    filter.offset = std::max(0, command.offset);
    filter.limit = std::clamp(command.limit, 1, 1000);
    localdb::CaseQueries queries(store_->database());
    CasesListed listed;
    listed.requestId = command.requestId;
    listed.offset = filter.offset;
    // The total once per query, with its first page; the later pages of a scroll do not count.
    listed.total = filter.offset == 0 ? queries.count(filter) : -1;
    listed.rows = listRows(queries.find(filter));
    publish(std::move(listed));
  });
}

void Engine::Impl::handle(FindCase& command) {
  withClerk(command.requestId, [&] {
    const std::string typed = trimmed(command.typed);
    if (typed.empty())
      throw localdb::CaseError(localdb::CaseError::Kind::Invalid, "nothing to look for");
    if (const auto address = noticeAddress(typed)) {
      if (address->first.empty()) {
        throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                                 "the scanned text is a notice's address without a case number: "
                                 "scan the code again or type the number");
      }
      const auto record = cases_->findByNumber(address->first);
      // The code proves the notice is this case's: a number alone shows nothing (API.md §4.11).
      if (!record || localdb::normalisedVerificationCode(address->second) !=
                         localdb::caseVerificationCode(record->uuid)) {
        throw localdb::CaseError(localdb::CaseError::Kind::NotFound,
                                 "no case of this station has the notice " + address->first);
      }
      publish(CaseDetailReady{command.requestId, caseDetail(*record)});
      return;
    }
    const std::string key = printing::asciiUpper(typed);
    if (auto record = cases_->findByNumber(key)) {
      publish(CaseDetailReady{command.requestId, caseDetail(*record)});
      return;
    }
    localdb::CaseFilter filter;
    filter.lookup = key;
    filter.excludeDrafts = true;
    filter.limit = 200;
    localdb::CaseQueries queries(store_->database());
    std::vector<localdb::CaseSummary> found = queries.find(filter);
    // A whole ID or mobile number that names one case opens it; anything else is a list.
    if (found.size() == 1 &&
        (found.front().applicantIdNumber == key || found.front().applicantPhone == key)) {
      publish(CaseDetailReady{command.requestId, caseDetail(requireCase(found.front().uuid))});
      return;
    }
    CasesListed listed;
    listed.requestId = command.requestId;
    listed.total = queries.count(filter);
    listed.rows = listRows(std::move(found));
    publish(std::move(listed));
  });
}

void Engine::Impl::handle(ShowCase& command) {
  withClerk(command.requestId, [&] {
    publish(CaseDetailReady{command.requestId, caseDetail(requireCase(command.caseRef))});
  });
}

}  // namespace onewindow::engine
