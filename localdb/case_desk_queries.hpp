#pragma once
// What the case desk reads about one case besides its rows: the timeline from the audit log
// (who, when, at which window, what) and its sync bookkeeping with central.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct TimelineEntry {
  std::string at;
  std::string clerkId;  // "central" and "sync" for what came from central
  std::string windowCode;
  std::string action;  // "case.intake", "case.decision", "case.supply", ...
  std::string details;
};

[[nodiscard]] std::vector<TimelineEntry> caseTimeline(Database& db, const std::string& caseUuid);

struct CaseSyncStatus {
  int confirmedVersion = 0;
  int attempts = 0;
  std::string lastError;
  std::string lastErrorCode;
  std::string nextAttemptAt;  // when a failed send is tried again; empty when none waits
};

[[nodiscard]] std::optional<CaseSyncStatus> caseSyncStatus(Database& db, std::int64_t caseId);

}  // namespace onewindow::localdb
