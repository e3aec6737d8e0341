// Reading the centre-wide case list (central/API.md §4.12) and writing its reply.

#include "central/centre_cases.hpp"

#include <pugixml.hpp>

#include "central/route_support.hpp"
#include "central/wire_time.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

// A deferred read transaction: the version, the total, the page and the counts come from one
// snapshot, so an ETag never names data newer than the body it was sent with. Another process
// (an admin command) may write between the statements otherwise.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sql::Connection& db) : db_(db) { db_.beginSnapshot(); }
  ~ReadSnapshot() { db_.rollback(); }  // nothing was written
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sql::Connection& db_;
};

// The WHERE clause of a query and the texts it binds, in order. Only fixed SQL fragments and
// numbered placeholders go into the text; every value the client sent is bound.
struct Filter {
  std::string where;
  std::vector<std::string> values;

  std::string placeholder(std::string value) {
    values.push_back(std::move(value));
    return "?" + std::to_string(values.size());
  }
  void add(const std::string& clause) { where += (where.empty() ? " WHERE " : " AND ") + clause; }
};

Filter filterOf(const CentreCaseQuery& query) {
  Filter filter;
  if (!query.states.empty()) {
    std::string list;
    for (const std::string& state : query.states)
      list += (list.empty() ? "" : ", ") + filter.placeholder(state);
    filter.add("state IN (" + list + ")");
  }
  if (!query.matter.empty()) filter.add("matter_code = " + filter.placeholder(query.matter));
  // A case without a promised date is outside every due range ('' sorts before any date).
  if (!query.dueFrom.empty())
    filter.add("promised_due_date >= " + filter.placeholder(query.dueFrom));
  if (!query.dueTo.empty())
    filter.add("promised_due_date <> '' AND promised_due_date <= " +
               filter.placeholder(query.dueTo));
  if (!query.lookup.empty()) {
    // A prefix without LIKE (whose % and _ would need escaping); upper() folds ASCII only, so
    // an official number typed in lower case is found and Chinese names compare as they are.
    const std::string p = filter.placeholder(query.lookup);
    const auto prefixOf = [&p](const char* column) {
      return std::string("upper(substr(") + column + ", 1, length(" + p + "))) = upper(" + p + ")";
    };
    filter.add("(" + prefixOf("official_no") + " OR " + prefixOf("provisional_no") + " OR " +
               prefixOf("applicant_name") + ")");
  }
  if (query.supervisedOnly)
    filter.add("cases.case_uuid IN (SELECT case_uuid FROM supervision_marks)");
  return filter;
}

void bindAll(sql::Statement& statement, const Filter& filter) {
  for (std::size_t i = 0; i < filter.values.size(); ++i)
    statement.bind(static_cast<int>(i + 1), filter.values[i]);
}

// Newest intake first; or the nearest promised date first, cases without one last. The
// official number breaks ties, so paging never shows a row twice or skips one.
const char* orderOf(CentreCaseSort sort) {
  return sort == CentreCaseSort::Due
             ? " ORDER BY promised_due_date = '', promised_due_date, intake_at DESC, "
               "official_no DESC"
             : " ORDER BY intake_at DESC, official_no DESC";
}

CentreCaseRow rowFrom(const sql::Statement& query) {
  std::optional<SupervisionMark> supervision;
  if (const std::optional<std::string> note = query.columnOptionalText(14))
    supervision =
        SupervisionMark{*note, query.columnText(15), fromUnixSeconds(query.columnInt(16))};
  return CentreCaseRow{query.columnText(0),
                       query.columnText(1),
                       query.columnText(2),
                       query.columnText(3),
                       query.columnText(4),
                       query.columnText(5),
                       query.columnText(6),
                       query.columnText(7),
                       query.columnText(8),
                       query.columnText(9),
                       fromUnixSeconds(query.columnInt(10)),
                       query.columnText(11),
                       query.columnText(12),
                       fromUnixSeconds(query.columnInt(13)),
                       std::move(supervision)};
}

void setText(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name).set_value(value.c_str());
}

}  // namespace

std::string centreCasesVersion(sql::Connection& db) {
  sql::Statement query = db.prepare(
      "SELECT (SELECT coalesce(max(seq), 0) FROM changes), "
      "(SELECT count(*) FROM case_versions)");  // rows are never deleted: it only grows
  (void)query.step();
  return std::to_string(query.columnInt(0)) + "." + std::to_string(query.columnInt(1));
}

CentreCasePage readCentreCases(sql::Connection& db, const CentreCaseQuery& query,
                               std::chrono::sys_seconds now) {
  const Filter filter = filterOf(query);
  CentreCasePage page;
  page.offset = query.offset;
  page.asOf = now;
  ReadSnapshot snapshot(db);
  page.version = centreCasesVersion(db);
  {
    sql::Statement total = db.prepare("SELECT count(*) FROM cases" + filter.where);
    bindAll(total, filter);
    (void)total.step();
    page.total = total.columnInt(0);
  }
  {
    const int limitIndex = static_cast<int>(filter.values.size()) + 1;
    sql::Statement rows = db.prepare(
        "SELECT cases.case_uuid, official_no, provisional_no, station_id, window_code, clerk_id, "
        "matter_code, matter_name, applicant_name, state, intake_at, promised_due_date, "
        "legal_due_date, updated_at, mark.note, mark.marked_by, mark.marked_at FROM cases "
        "LEFT JOIN supervision_marks AS mark ON mark.case_uuid = cases.case_uuid" +
        filter.where + orderOf(query.sort) + " LIMIT ?" + std::to_string(limitIndex) + " OFFSET ?" +
        std::to_string(limitIndex + 1));
    bindAll(rows, filter);
    rows.bind(limitIndex, query.limit).bind(limitIndex + 1, query.offset);
    while (rows.step()) page.rows.push_back(rowFrom(rows));
  }
  sql::Statement counts =
      db.prepare("SELECT state, count(*) FROM cases GROUP BY state ORDER BY state");
  while (counts.step()) page.stateCounts.emplace_back(counts.columnText(0), counts.columnInt(1));
  return page;
}

std::string centreCasesXml(const CentreCasePage& page) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("centre-cases");
  setText(root, "total", std::to_string(page.total));
  setText(root, "offset", std::to_string(page.offset));
  setText(root, "as-of", formatWireTime(page.asOf));
  for (const CentreCaseRow& row : page.rows) {
    pugi::xml_node node = root.append_child("case");
    setText(node, "uuid", row.uuid);
    setText(node, "official-no", row.officialNo);
    setText(node, "provisional-no", row.provisionalNo);
    setText(node, "station", row.station);
    setText(node, "window", row.window);
    setText(node, "clerk", row.clerkId);
    setText(node, "matter-code", row.matterCode);
    setText(node, "matter-name", row.matterName);
    setText(node, "applicant-name", row.applicantName);
    setText(node, "state", row.state);
    setText(node, "intake-at", formatWireTime(row.intakeAt));
    if (!row.promisedDue.empty()) setText(node, "promised-due", row.promisedDue);
    if (!row.legalDue.empty()) setText(node, "legal-due", row.legalDue);
    setText(node, "updated-at", formatWireTime(row.updatedAt));
    if (row.supervision) {
      setText(node, "supervision-note", row.supervision->note);
      setText(node, "supervised-by", row.supervision->markedBy);
      setText(node, "supervised-at", formatWireTime(row.supervision->markedAt));
    }
  }
  for (const auto& [state, count] : page.stateCounts) {
    pugi::xml_node node = root.append_child("state-count");
    setText(node, "state", state);
    setText(node, "n", std::to_string(count));
  }
  return toXmlText(document);
}

}  // namespace onewindow::central
