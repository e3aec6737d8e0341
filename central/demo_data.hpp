#pragma once
// The demo accounts of --demo-data (central/API.md, "Demo data"), for trying the system and
// for tests. Idempotent: existing clerks are left exactly as they are.

#include "central/central_store.hpp"

namespace onewindow::central {

// Returns how many clerks were added.
int insertDemoClerks(CentralStore& store);

}  // namespace onewindow::central
