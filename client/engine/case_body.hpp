#pragma once
// The body of a case submission (central/API.md §4.5), built from the local store. The same
// case data and version always give the same bytes: retries stay idempotent.

#include <string>

#include "localdb/case_snapshot.hpp"

namespace onewindow::engine {

[[nodiscard]] std::string caseBody(const localdb::CaseSnapshot& snapshot, int version);

}  // namespace onewindow::engine
