#pragma once
// Storing submitted cases (central/API.md §4.5-4.6): idempotent on (uuid, version) by the
// SHA-256 of the exact body bytes, versions strictly 1, 2, 3 ..., every page's material on
// central, and the official number allocated with version 1 — all in one transaction.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/case_document.hpp"
#include "central/sql/sql.hpp"

namespace onewindow::central {

class CentralStore;

struct CaseReceipt {
  std::string uuid;
  int version = 0;
  std::string officialNo;
  std::chrono::sys_seconds receivedAt;
  std::string state;  // the state submitted with this version
  std::string bodySha256;
};

[[nodiscard]] std::string receiptXml(const CaseReceipt& receipt);

enum class SubmitOutcome { Created, Repeated, Conflict, BrokenRules, VersionGap, MissingMaterials };

struct SubmitResult {
  SubmitOutcome outcome = SubmitOutcome::Created;
  CaseReceipt receipt;                // Created, Repeated: this version's receipt
  std::optional<CaseReceipt> latest;  // VersionGap: central's latest version, if any
  std::vector<std::string> missing;   // MissingMaterials: the sha256 values not on central
};

// `rulesBroken`: the case breaks a rule of the window (case_rules.hpp, checked before, without
// the database lock). The same body sent before is still answered as a repeat: a retry after a
// lost reply never turns into a refusal, even if a newer catalog release would refuse it.
SubmitResult submitCase(CentralStore& store, const CaseDocument& document, std::string_view body,
                        const std::string& station, std::string_view implementingCode,
                        std::chrono::sys_seconds now, bool rulesBroken = false);

[[nodiscard]] std::optional<CaseReceipt> latestReceipt(CentralStore& store,
                                                       const std::string& uuid);

// What central knows of a case now (the admin commands work on this).
struct CaseSummary {
  std::string uuid;
  std::string station;
  int latestVersion = 0;
  std::string officialNo;
  std::string state;  // central's current state, changed by decisions
  std::chrono::sys_seconds updatedAt;
};

[[nodiscard]] std::optional<CaseSummary> findCase(sql::Connection& db, const std::string& uuid);
[[nodiscard]] std::vector<CaseSummary> listCases(sql::Connection& db);
// A decision on a case, as the back office (or 秒批) takes it: a status change to in_progress
// unless the case is already there, then the decision; the case's state becomes decided.
// Call inside the caller's transaction. Returns the seq of the decision change.
std::int64_t decideCase(sql::Connection& db, const CaseSummary& summary, const std::string& result,
                        std::optional<std::string> note, std::chrono::sys_seconds now);

void setCaseState(sql::Connection& db, const std::string& uuid, const std::string& state,
                  std::chrono::sys_seconds now);

}  // namespace onewindow::central
