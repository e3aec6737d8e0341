#pragma once
// The applicant's second visit in the local store (schema v9): materials supplied after the
// decision, what happened to the case after it (withdrawal, voiding, hand-over, posting) and the
// ratings. Each change is one transaction with its audit entry and queues the case for central
// as its next version; the rules were decided by the engine (forms/second_visit_rules.hpp)
// before a call gets here, the store keeps the state table and its own CHECKs.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "localdb/case_repository.hpp"
#include "localdb/case_types.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

// A material supplied as its pages (received).
struct SupplyInput {
  std::string slotKey;
  std::vector<PageInput> pages;  // durable in the MaterialStore already
};

// A material supplied after the decision: when, by whom, what it was before.
struct SupplyRecord {
  std::string slotKey;
  std::string slotName;
  std::string before;  // "gap", "missing", "pending"
  std::string at;
  std::string clerkId;
};

enum class CaseEventKind { Withdrawal, Void, Handover, Posting };
[[nodiscard]] std::string_view caseEventKindName(CaseEventKind kind);

struct CaseEventInput {
  CaseEventKind kind = CaseEventKind::Withdrawal;
  std::string reason;  // withdrawal, void
  std::string collectorName;
  std::string collectorIdType;
  std::string collectorIdNumber;
  bool authorised = false;
  bool idChecked = false;
  std::vector<std::string> documents;  // document numbers handed over
  std::string carrier;
  std::string trackingNo;
};

struct CaseEventRecord {
  CaseEventInput event;
  std::string at;
  std::string clerkId;
  std::string windowCode;
};

struct RatingInput {
  std::string uuid;   // the rating's own id towards central
  std::string stage;  // "acceptance" (after a decision), "completion" (after the pick-up)
  std::string visit;  // what was rated: one rating per visit ("decision:12", "handover:3")
  std::string label;  // one of the five levels
  std::vector<std::string> reasons;
  std::string comment;
};

struct RatingRecord {
  RatingInput rating;
  std::string caseUuid;
  std::string ratedAt;
  std::string clerkId;
  std::string windowCode;
  bool synced = false;
  std::string syncError;
};

class SecondVisitRepository {
 public:
  explicit SecondVisitRepository(Database& db) : db_(db) {}

  // Supplies one material of the case. `completion`, when given, is the decision the supply
  // completes (the last gap of a 容缺 case: a full acceptance), recorded in the same transaction.
  void supplyMaterial(const std::string& uuid, const SupplyInput& supply, const Actor& actor,
                      const std::optional<DecisionInput>& completion = std::nullopt);
  [[nodiscard]] std::vector<SupplyRecord> suppliesOf(std::int64_t caseId);

  // What happened to the case after its decision, and the state it leads to, together.
  void recordEvent(const std::string& uuid, const CaseEventInput& event, CaseState to,
                   const Actor& actor);
  [[nodiscard]] std::vector<CaseEventRecord> eventsOf(std::int64_t caseId);

  // One rating per visit: a second one for the same visit is a Conflict.
  void recordRating(const std::string& caseUuid, const RatingInput& rating, const Actor& actor);
  [[nodiscard]] std::vector<RatingRecord> ratingsOf(std::int64_t caseId);
  [[nodiscard]] std::vector<RatingRecord> unsyncedRatings(int limit = 50);
  void markRatingSynced(const std::string& ratingUuid);
  void markRatingFailed(const std::string& ratingUuid, const std::string& error);

 private:
  Database& db_;
};

// Ticked reasons as the store keeps them: one a line.
[[nodiscard]] std::string joinLines(const std::vector<std::string>& lines);
[[nodiscard]] std::vector<std::string> splitLines(const std::string& text);

}  // namespace onewindow::localdb
