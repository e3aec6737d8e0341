#include "localdb/case_queries.hpp"

#include <algorithm>
#include <functional>

#include "localdb/case_name_index.hpp"

namespace onewindow::localdb {
namespace {

constexpr const char* kSummaryColumns =
    "c.id, c.uuid, coalesce(c.provisional_no, ''), coalesce(c.official_no, ''), c.matter_code, "
    "c.matter_name, c.applicant_name, c.clerk_id, c.state, c.sync_state, coalesce(c.intake_at, "
    "''), coalesce(c.promised_due_date, ''), c.applicant_id_number, c.applicant_phone, "
    "c.window_code, coalesce(c.sync_error, ''), "
    "coalesce((SELECT s.last_error_code FROM case_sync s WHERE s.case_id = c.id), '')";

CaseSummary readSummary(const Statement& row) {
  return {row.columnInt(0),   row.columnText(1),  row.columnText(2),  row.columnText(3),
          row.columnText(4),  row.columnText(5),  row.columnText(6),  row.columnText(7),
          row.columnText(8),  row.columnText(9),  row.columnText(10), row.columnText(11),
          row.columnText(12), row.columnText(13), row.columnText(14), row.columnText(15),
          row.columnText(16)};
}

// WHERE clause from fixed fragments, with the values to bind in order.
struct Where {
  std::string sql;
  std::vector<std::string> values;

  void add(const std::string& fragment, const std::string& value) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += fragment;
    values.push_back(value);
  }
};

Where whereFor(const CaseFilter& filter) {
  Where where;
  if (!filter.states.empty()) {
    std::string fragment = "c.state IN (";
    for (std::size_t i = 0; i < filter.states.size(); ++i) {
      fragment += i == 0 ? "?" : ", ?";
    }
    fragment += ")";
    where.sql += " WHERE " + fragment;
    for (CaseState state : filter.states) where.values.emplace_back(caseStateName(state));
  }
  if (filter.matterCode) where.add("c.matter_code = ?", *filter.matterCode);
  if (filter.clerkId) where.add("c.clerk_id = ?", *filter.clerkId);
  if (filter.intakeFrom) where.add("c.intake_at >= ?", *filter.intakeFrom);
  if (filter.intakeBefore) where.add("c.intake_at < ?", *filter.intakeBefore);
  if (filter.dueOnOrBefore) where.add("c.promised_due_date <= ?", *filter.dueOnOrBefore);
  if (filter.dueOnOrAfter) where.add("c.promised_due_date >= ?", *filter.dueOnOrAfter);
  if (filter.windowCode) where.add("c.window_code = ?", *filter.windowCode);
  if (filter.syncState) where.add("c.sync_state = ?", *filter.syncState);
  if (filter.supervisedOnly) {
    where.sql += where.sql.empty() ? " WHERE " : " AND ";
    where.sql += "c.id IN (SELECT case_id FROM supervision_marks)";
  }
  if (filter.excludeDrafts) {
    where.sql += where.sql.empty() ? " WHERE " : " AND ";
    where.sql += "c.state <> 'draft'";
  }
  if (filter.lookup && !filter.lookup->empty()) {
    // A prefix as an index range: every column the clerk may type is ASCII, so the prefix
    // followed by the highest byte bounds it.
    const std::string from = *filter.lookup;
    const std::string to = from + "\xff";
    where.sql += where.sql.empty() ? " WHERE " : " AND ";
    // One indexed range per column, joined: an OR of the four would scan the table.
    where.sql +=
        "c.id IN (SELECT id FROM cases WHERE provisional_no >= ? AND provisional_no < ? "
        "UNION ALL SELECT id FROM cases WHERE official_no >= ? AND official_no < ? "
        "UNION ALL SELECT id FROM cases WHERE applicant_id_number >= ? AND "
        "applicant_id_number < ? "
        "UNION ALL SELECT id FROM cases WHERE applicant_phone <> '' AND applicant_phone >= ? AND "
        "applicant_phone < ?)";
    for (int i = 0; i < 4; ++i) {
      where.values.push_back(from);
      where.values.push_back(to);
    }
  }
  return where;
}

const char* orderBy(const CaseFilter& filter) {
  switch (filter.sort) {
    case CaseSort::IntakeTime:
      return filter.descending ? " ORDER BY c.intake_at DESC, c.id DESC"
                               : " ORDER BY c.intake_at, c.id";
    case CaseSort::PromisedDueDate:
      // With states chosen, the few matching rows are found through (state, promised date) and
      // sorted; the unary + keeps SQLite from walking the date-only index over every case for
      // its order instead (with LIMIT bound as a parameter it cannot tell the rows are few).
      if (!filter.states.empty())
        return filter.descending ? " ORDER BY +c.promised_due_date DESC, c.id DESC"
                                 : " ORDER BY +c.promised_due_date, c.id";
      return filter.descending ? " ORDER BY c.promised_due_date DESC, c.id DESC"
                               : " ORDER BY c.promised_due_date, c.id";
    case CaseSort::ProvisionalNumber:
      return filter.descending ? " ORDER BY c.provisional_no DESC" : " ORDER BY c.provisional_no";
  }
  return " ORDER BY c.id";
}

void bindAll(Statement& statement, const std::vector<std::string>& values, int first = 1) {
  int index = first;
  for (const std::string& value : values) statement.bind(index++, value);
}

}  // namespace

std::vector<CaseSummary> CaseQueries::find(const CaseFilter& filter) {
  const Where where = whereFor(filter);
  Statement query = db_.prepare(std::string("SELECT ") + kSummaryColumns + " FROM cases c" +
                                where.sql + orderBy(filter) + " LIMIT ? OFFSET ?");
  bindAll(query, where.values);
  const int next = static_cast<int>(where.values.size()) + 1;
  query.bind(next, filter.limit).bind(next + 1, filter.offset);
  std::vector<CaseSummary> rows;
  while (query.step()) rows.push_back(readSummary(query));
  return rows;
}

std::int64_t CaseQueries::count(const CaseFilter& filter) {
  const Where where = whereFor(filter);
  Statement query = db_.prepare("SELECT count(*) FROM cases c" + where.sql);
  bindAll(query, where.values);
  return query.step() ? query.columnInt(0) : 0;
}

std::vector<std::pair<CaseState, std::int64_t>> CaseQueries::countByState() {
  Statement query =
      db_.prepare("SELECT state, count(*) FROM cases WHERE state <> 'draft' GROUP BY state");
  std::vector<std::pair<CaseState, std::int64_t>> counts;
  while (query.step()) {
    if (const auto state = caseStateFromName(query.columnText(0)))
      counts.emplace_back(*state, query.columnInt(1));
  }
  std::sort(counts.begin(), counts.end());
  return counts;
}

std::vector<CaseSummary> CaseQueries::searchApplicantName(const std::string& typed, int limit) {
  const std::string match = nameMatchQuery(typed);
  if (match.empty()) return {};
  Statement query =
      db_.prepare(std::string("SELECT ") + kSummaryColumns +
                  " FROM case_name_index i JOIN cases c ON c.id = i.rowid "
                  "WHERE case_name_index MATCH ?1 ORDER BY c.intake_at DESC LIMIT ?2");
  query.bind(1, match).bind(2, limit);
  std::vector<CaseSummary> rows;
  while (query.step()) rows.push_back(readSummary(query));
  return rows;
}

}  // namespace onewindow::localdb
