#pragma once
// What `onewindow-ctl fsck` checks: the SQLite file itself, the schema, every material a row
// refers to (present, and its bytes still hash to its name), the audit chain, and the rules
// a finalized case must keep. Each problem says precisely where it is.

#include <cstdint>
#include <string>
#include <vector>

#include "localdb/material_store.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct IntegrityProblem {
  std::string area;      // "sqlite", "schema", "material", "audit", "case"
  std::string location;  // a file, a table row, a case number
  std::string message;
};

struct IntegrityReport {
  std::int64_t casesChecked = 0;
  std::int64_t materialsChecked = 0;
  std::int64_t auditEntries = 0;
  std::vector<IntegrityProblem> problems;

  [[nodiscard]] bool clean() const { return problems.empty(); }
};

[[nodiscard]] IntegrityReport checkIntegrity(Database& db, const MaterialStore& materials);

}  // namespace onewindow::localdb
