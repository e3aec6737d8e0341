#pragma once
// The official case number (办件编号, central/API.md §4.5, domain reference): the receiving
// body's 31-character implementation code + yyyyMMdd of receipt (UTC) + a 4-digit sequence
// that restarts every day per implementation code — 43 characters. Only central can allocate
// it, so a window prints a provisional number and binds this one at sync.

#include <chrono>
#include <string>
#include <string_view>

#include "central/sql/sql.hpp"

namespace onewindow::central {

inline constexpr std::string_view kDefaultImplementingCode = "11440300MB2C91234X4000131128000";
inline constexpr std::size_t kOfficialNumberLength = 43;

// 31 characters of [0-9A-Z].
[[nodiscard]] bool isValidImplementingCode(std::string_view code);

// yyyyMMdd in UTC.
[[nodiscard]] std::string receiptDay(std::chrono::sys_seconds time);

// Takes the next sequence number of the day. Call inside the transaction that stores the
// case, so a rolled-back submission gives its number back. Throws std::runtime_error after
// 9999 numbers in one day.
[[nodiscard]] std::string allocateOfficialNumber(sql::Connection& db,
                                                 std::string_view implementingCode,
                                                 std::chrono::sys_seconds now);

}  // namespace onewindow::central
