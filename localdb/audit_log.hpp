#pragma once
// The append-only audit log (DESIGN.md §5): who did what to which case, when. Each entry's
// hash covers its fields and the previous entry's hash, so changing or removing an entry
// breaks the chain from there on; verify() says where. Appends join the caller's
// transaction, so an action and its audit entry commit together or not at all.

#include <cstdint>
#include <optional>
#include <string>

#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct AuditEntry {
  std::string at;  // ISO 8601 UTC
  std::string clerkId;
  std::string action;  // "case.finalize", "case.decision", "login.offline", ...
  std::string caseUuid;
  std::string details;
  std::string windowCode;  // the window it was done at; empty when not at a window
};

struct AuditVerification {
  std::int64_t entries = 0;
  std::optional<std::int64_t> firstBrokenSeq;  // nullopt: the chain is intact
  std::string problem;

  [[nodiscard]] bool intact() const { return !firstBrokenSeq.has_value(); }
};

class AuditLog {
 public:
  // Must run inside a transaction on `db` (the caller's).
  static void append(Database& db, const AuditEntry& entry);
  [[nodiscard]] static AuditVerification verify(Database& db);
};

}  // namespace onewindow::localdb
