#include "central/bundle_routing.hpp"

#include "central/case_records.hpp"
#include "central/change_feed.hpp"
#include "central/current_catalog.hpp"
#include "central/route_support.hpp"
#include "central/server_log.hpp"
#include "forms/catalog.hpp"
#include "forms/civil_date.hpp"

namespace onewindow::central {
namespace {

std::string subNumber(const std::string& officialNo, int part) {
  return officialNo + (part < 10 ? "-0" : "-") + std::to_string(part);
}

bool alreadySplit(sql::Connection& db, const std::string& caseUuid) {
  sql::Statement query = db.prepare("SELECT 1 FROM sub_cases WHERE case_uuid = ?1 LIMIT 1");
  query.bind(1, caseUuid);
  return query.step();
}

}  // namespace

std::vector<SubCase> splitBundleCase(sql::Connection& db, const CaseSummary& summary,
                                     const forms::Catalog& catalog, const std::string& bundleCode,
                                     std::chrono::sys_seconds now) {
  const forms::CivilDate day = forms::chinaDate(now);
  const forms::Bundle* bundle = catalog.bundleOn(bundleCode, day);
  if (bundle == nullptr || alreadySplit(db, summary.uuid)) return {};
  std::vector<SubCase> subCases;
  for (const forms::BundlePart& part : bundle->parts) {
    SubCase subCase;
    subCase.part = static_cast<int>(subCases.size()) + 1;
    subCase.subNo = subNumber(summary.officialNo, subCase.part);
    subCase.matterCode = part.matter;
    const forms::Matter* matter = catalog.matterOn(part.matter, day);
    subCase.matterName = matter != nullptr ? matter->name.zh : part.matter;
    subCase.department = part.department;
    subCase.state = "routed";
    db.prepare(
          "INSERT INTO sub_cases (case_uuid, part, sub_no, matter_code, matter_name, department, "
          "state, routed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, summary.uuid)
        .bind(2, subCase.part)
        .bind(3, subCase.subNo)
        .bind(4, subCase.matterCode)
        .bind(5, subCase.matterName)
        .bind(6, subCase.department)
        .bind(7, subCase.state)
        .bind(8, toUnixSeconds(now))
        .run();
    Change change;
    change.station = summary.station;
    change.caseUuid = summary.uuid;
    change.kind = "sub-case";
    change.state = subCase.state;
    change.officialNo = summary.officialNo;
    change.number = subCase.subNo;
    change.matterCode = subCase.matterCode;
    change.department = subCase.department;
    change.note = subCase.matterName;
    change.at = now;
    appendChange(db, change);
    subCases.push_back(std::move(subCase));
  }
  return subCases;
}

std::vector<SubCase> subCasesOf(sql::Connection& db, const std::string& caseUuid) {
  sql::Statement query = db.prepare(
      "SELECT part, sub_no, matter_code, matter_name, department, state FROM sub_cases "
      "WHERE case_uuid = ?1 ORDER BY part");
  query.bind(1, caseUuid);
  std::vector<SubCase> subCases;
  while (query.step()) {
    subCases.push_back(SubCase{static_cast<int>(query.columnInt(0)), query.columnText(1),
                               query.columnText(2), query.columnText(3), query.columnText(4),
                               query.columnText(5)});
  }
  return subCases;
}

std::vector<SubCase> BundleRouting::route(sql::Connection& db, const std::string& caseUuid,
                                          const std::string& matterCode,
                                          std::chrono::sys_seconds now) {
  try {
    const auto catalog = catalog_.inEffect(db);
    if (!catalog || catalog->bundleOn(matterCode, forms::chinaDate(now)) == nullptr) return {};
    sql::Transaction transaction(db);
    const std::optional<CaseSummary> summary = findCase(db, caseUuid);
    if (!summary) return {};
    std::vector<SubCase> subCases = splitBundleCase(db, *summary, *catalog, matterCode, now);
    transaction.commit();
    for (const SubCase& subCase : subCases) {
      logLine("case " + caseUuid + " sub-case " + subCase.subNo + " (" + subCase.matterCode +
              ") routed to " + subCase.department);
    }
    return subCases;
  } catch (const std::exception& error) {
    logLine("bundle case " + caseUuid + " not split: " + error.what());
    return {};
  }
}

}  // namespace onewindow::central
