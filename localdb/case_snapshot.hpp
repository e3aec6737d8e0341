#pragma once
// Everything about one case that leaves the station (sync to central), read in one go.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/second_visit.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct PageSnapshot {
  std::string sha256;
  std::uint64_t sizeBytes = 0;
};

struct SlotSnapshot {
  std::string key;
  std::string name;
  bool mandatory = true;
  std::string status;
  int originals = 0;
  int copies = 0;
  std::vector<PageSnapshot> pages;
  std::string suppliedAt;  // supplied after the decision (empty: at intake)
  std::string statusBefore;
  int suppliedAfter = 0;  // decisions taken before it was supplied
};

struct DecisionSnapshot {
  std::string kind;
  std::string decidedAt;
  std::string clerkId;
  std::string grounds;
  std::string legalBasis;
  std::string gapDeadline;
  bool commitmentSigned = false;
  std::string detailsXml;  // what its notice says (engine/decision_details.hpp)
};

// An issued document's PDF as archived: the first issue, and each reprint whose PDF differs.
struct DocumentSnapshot {
  std::string kind;
  std::string documentNo;
  std::string issuedAt;
  std::string sha256;
  std::uint64_t sizeBytes = 0;
  bool reprint = false;
};

struct CaseSnapshot {
  CaseRecord record;
  std::string formId;
  std::string formVersion;
  std::string instanceXml;    // the latest revision
  std::string formRevisedAt;  // when the latest revision was made, if not at intake
  int formRevisedAfter = 0;   // and after how many of the case's decisions
  std::vector<SlotSnapshot> slots;
  std::vector<DecisionSnapshot> decisions;
  std::vector<DocumentSnapshot> documents;
  std::vector<CaseEventRecord> events;  // after the decision: withdrawal, void, hand-over, posting
};

// The decisions of a case in the order they were taken.
[[nodiscard]] std::vector<DecisionSnapshot> decisionsOfCase(Database& db, std::int64_t caseId);

// Reads inside one read transaction so the parts agree. nullopt when there is no such case.
[[nodiscard]] std::optional<CaseSnapshot> loadCaseSnapshot(Database& db, std::int64_t caseId);

}  // namespace onewindow::localdb
