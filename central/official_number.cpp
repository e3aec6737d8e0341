#include "central/official_number.hpp"

#include <cstdio>
#include <stdexcept>

#include "central/wire_time.hpp"

namespace onewindow::central {

bool isValidImplementingCode(std::string_view code) {
  if (code.size() != 31) return false;
  for (const char c : code) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

std::string receiptDay(std::chrono::sys_seconds time) { return formatWireTime(time).substr(0, 8); }

std::string allocateOfficialNumber(sql::Connection& db, std::string_view implementingCode,
                                   std::chrono::sys_seconds now) {
  const std::string day = receiptDay(now);
  sql::Statement next = db.prepare(
      "INSERT INTO official_sequences (implementing_code, day, last_sequence) "
      "VALUES (?1, ?2, 1) ON CONFLICT (implementing_code, day) "
      "DO UPDATE SET last_sequence = official_sequences.last_sequence + 1 RETURNING last_sequence");
  next.bind(1, implementingCode).bind(2, day);
  if (!next.step()) throw std::logic_error("official sequence: no row returned");
  const std::int64_t sequence = next.columnInt(0);
  if (sequence > 9999) {
    throw std::runtime_error("official case numbers of " + day + " are used up (9999)");
  }
  char digits[8];
  std::snprintf(digits, sizeof digits, "%04d", static_cast<int>(sequence));
  return std::string(implementingCode) + day + digits;
}

}  // namespace onewindow::central
