#pragma once
// The central store's schema (DESIGN.md §5 rules): numbered migrations, never edited once
// released. 1: clerks and sessions. 2: stations, materials, cases, the change feed, ratings.
// 9: the cases' listing columns for the centre-wide list (backfilled by CentralStore).
// 10: the supervisor's 督办 marks and the change feed's kind 'supervision' with its actor.
// 12: failed logins per clerk id and their locks (central/login_protection.hpp).

#include <cstdint>

#include "localdb/migrations.hpp"

namespace onewindow::central {

// PRAGMA application_id of a central store file: "ONWC".
inline constexpr std::int32_t kCentralApplicationId = 0x4F4E5743;

[[nodiscard]] const localdb::SchemaDefinition& centralSchema();

}  // namespace onewindow::central
