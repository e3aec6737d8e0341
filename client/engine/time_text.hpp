#pragma once
// How the engine writes times: ISO 8601 UTC in the store, the local date in numbers people read.

#include <chrono>
#include <string>

#include "forms/civil_date.hpp"
#include "localdb/iso_time.hpp"

namespace onewindow::engine {

using localdb::isoUtc;       // 2026-11-27T02:15:00Z
using localdb::parseIsoUtc;  // the store's times read back, for the front ends
[[nodiscard]] std::string localDateCompact(std::chrono::system_clock::time_point when);  // 20261127
// A time of the store in Shenzhen, for the front ends: "2026-11-28" and "2026年11月28日 02:30"
// (as the documents print it); the text unchanged when it is not a time of the store.
[[nodiscard]] std::string chinaDayText(const std::string& isoUtc);
[[nodiscard]] std::string chinaDateTimeText(const std::string& isoUtc);
// Midnight in Shenzhen at the start of `date`, as the store's UTC text: the bound of a day's
// (or a period's) times in the store.
[[nodiscard]] std::string chinaMidnightUtc(forms::CivilDate date);

}  // namespace onewindow::engine
