#pragma once
// The queryable columns of a case at central (schema 9): what the supervisor's centre-wide
// list (central/API.md §4.12) filters and sorts on, read from the case body so SQL never has
// to parse XML. Filled with every stored version and, once, for rows stored before schema 9.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "central/sql/sql.hpp"

namespace onewindow::central {

struct CaseListing {
  std::string window;
  std::string clerkId;
  std::string matterCode;
  std::string matterName;
  std::string applicantName;
  std::chrono::sys_seconds intakeAt{};
  std::string promisedDue;  // YYYY-MM-DD, empty when the body has none
  std::string legalDue;     // YYYY-MM-DD, empty when the body has none
};

// Reads the listing from a case body. Lenient on purpose: a body stored by an older server
// is listed with what it has. Nothing only when it is not a <case> with a readable intake-at.
[[nodiscard]] std::optional<CaseListing> readCaseListing(std::string_view body);

// Writes the listing columns of an existing `cases` row (inside the caller's transaction).
void storeCaseListing(sql::Connection& db, const std::string& uuid, const CaseListing& listing);

// Fills the listing of every row that has none yet (intake_at NULL): rows stored before
// schema 9. Idempotent: a second run finds nothing to do. Returns the rows filled; a body it
// cannot read is left as it is and logged (tried again at the next start).
int backfillCaseListings(sql::Connection& db);

}  // namespace onewindow::central
