#pragma once
// The workstation store's schema: numbered migrations (DESIGN.md §5). Never edit a shipped
// migration; add the next one.

#include "localdb/migrations.hpp"

namespace onewindow::localdb {

inline constexpr std::int32_t kWorkstationApplicationId = 0x4F4E5731;  // "ONW1"

[[nodiscard]] const SchemaDefinition& workstationSchema();

}  // namespace onewindow::localdb
