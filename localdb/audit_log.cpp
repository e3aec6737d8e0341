#include "localdb/audit_log.hpp"

#include <span>

#include "localdb/sha256.hpp"

namespace onewindow::localdb {
namespace {

const std::string kGenesis(64, '0');

// Length-prefixed fields, so no choice of field contents can make two entries hash alike.
std::string entryHash(const std::string& previous, std::int64_t seq, const AuditEntry& e) {
  std::string text;
  auto add = [&](const std::string& field) {
    text += std::to_string(field.size());
    text += ':';
    text += field;
    text += '\n';
  };
  for (const std::string& field :
       {previous, std::to_string(seq), e.at, e.clerkId, e.action, e.caseUuid, e.details})
    add(field);
  // Entries written before the window was recorded hash as they did then.
  if (!e.windowCode.empty()) add(e.windowCode);
  return sha256Hex(std::as_bytes(std::span(text.data(), text.size())));
}

}  // namespace

void AuditLog::append(Database& db, const AuditEntry& entry) {
  std::string previous = kGenesis;
  std::int64_t seq = 1;
  {
    Statement last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
      seq = last.columnInt(0) + 1;
      previous = last.columnText(1);
    }
  }
  db.prepare(
        "INSERT INTO audit_log (seq, at, clerk_id, action, case_uuid, details, prev_hash, hash, "
        "window_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(1, seq)
      .bind(2, entry.at)
      .bind(3, entry.clerkId)
      .bind(4, entry.action)
      .bind(5, entry.caseUuid)
      .bind(6, entry.details)
      .bind(7, previous)
      .bind(8, entryHash(previous, seq, entry))
      .bind(9, entry.windowCode)
      .run();
}

AuditVerification AuditLog::verify(Database& db) {
  AuditVerification result;
  std::string previous = kGenesis;
  std::int64_t expectedSeq = 1;
  Statement rows = db.prepare(
      "SELECT seq, at, clerk_id, action, case_uuid, details, prev_hash, hash, window_code "
      "FROM audit_log ORDER BY seq");
  while (rows.step()) {
    ++result.entries;
    const std::int64_t seq = rows.columnInt(0);
    const AuditEntry entry{rows.columnText(1), rows.columnText(2), rows.columnText(3),
                           rows.columnText(4), rows.columnText(5), rows.columnText(8)};
    auto broken = [&](const std::string& problem) {
      result.firstBrokenSeq = seq;
      result.problem = "audit entry " + std::to_string(seq) + ": " + problem;
    };
    if (seq != expectedSeq) {
      broken("entries " + std::to_string(expectedSeq) + " to " + std::to_string(seq - 1) +
             " are missing");
    } else if (rows.columnText(6) != previous) {
      broken("its link to the previous entry does not match (an entry before it was changed)");
    } else if (rows.columnText(7) != entryHash(previous, seq, entry)) {
      broken("its contents were changed after it was written");
    }
    if (!result.intact()) return result;
    previous = rows.columnText(7);
    ++expectedSeq;
  }
  return result;
}

}  // namespace onewindow::localdb
