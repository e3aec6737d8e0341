#include "central/case_listing.hpp"

#include <vector>

#include <pugixml.hpp>

#include "central/route_support.hpp"
#include "central/server_log.hpp"
#include "central/wire_time.hpp"
#include "forms/civil_date.hpp"

namespace onewindow::central {
namespace {

// The body's YYYYMMDD as the column's YYYY-MM-DD; empty for absent or unreadable.
std::string isoDate(const pugi::xml_node& node, const char* name) {
  const auto date = forms::CivilDate::parseCompact(node.attribute(name).value());
  return date ? date->iso() : std::string();
}

}  // namespace

std::optional<CaseListing> readCaseListing(std::string_view body) {
  pugi::xml_document document;
  if (!document.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8))
    return std::nullopt;
  const pugi::xml_node root = document.child("case");
  const auto intakeAt = parseWireTime(root.attribute("intake-at").value());
  if (!root || !intakeAt) return std::nullopt;
  CaseListing listing;
  listing.window = root.attribute("window").value();
  listing.clerkId = root.attribute("clerk-id").value();
  listing.matterCode = root.attribute("matter-code").value();
  listing.matterName = root.attribute("matter-name").value();
  listing.applicantName = root.child("applicant").attribute("name").value();
  listing.intakeAt = *intakeAt;
  listing.promisedDue = isoDate(root, "promised-due");
  listing.legalDue = isoDate(root, "legal-due");
  return listing;
}

void storeCaseListing(sql::Connection& db, const std::string& uuid, const CaseListing& listing) {
  db.prepare(
        "UPDATE cases SET window_code = ?2, clerk_id = ?3, matter_code = ?4, matter_name = ?5, "
        "applicant_name = ?6, intake_at = ?7, promised_due_date = ?8, legal_due_date = ?9 "
        "WHERE case_uuid = ?1")
      .bind(1, uuid)
      .bind(2, listing.window)
      .bind(3, listing.clerkId)
      .bind(4, listing.matterCode)
      .bind(5, listing.matterName)
      .bind(6, listing.applicantName)
      .bind(7, toUnixSeconds(listing.intakeAt))
      .bind(8, listing.promisedDue)
      .bind(9, listing.legalDue)
      .run();
}

int backfillCaseListings(sql::Connection& db) {
  // The ids first, then one body at a time: a centre's bodies together may not fit in memory,
  // and rows are not updated under an open SELECT of the same table.
  std::vector<std::string> pending;
  {
    sql::Statement query = db.prepare("SELECT case_uuid FROM cases WHERE intake_at IS NULL");
    while (query.step()) pending.push_back(query.columnText(0));
  }
  // Every open of the store comes here (admin commands too): no write lock when all is done.
  if (pending.empty()) return 0;
  sql::Transaction transaction(db);
  int filled = 0;
  for (const std::string& uuid : pending) {
    sql::Statement query = db.prepare("SELECT body FROM cases WHERE case_uuid = ?1");
    query.bind(1, uuid);
    const std::optional<CaseListing> listing =
        query.step() ? readCaseListing(query.columnText(0)) : std::nullopt;
    if (!listing) {
      logLine("case " + uuid + ": its body has no readable <case intake-at>; not listed");
      continue;
    }
    storeCaseListing(db, uuid, *listing);
    ++filled;
  }
  transaction.commit();
  return filled;
}

}  // namespace onewindow::central
