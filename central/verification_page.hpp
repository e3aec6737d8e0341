#pragma once
// GET /v/{number}?c={code} (central/API.md §4.11): the page a citizen's phone opens from the QR
// code of a notice. It shows where the case is, and nothing a stranger could use: the matter,
// the state, the dates and the applicant's surname. The number alone finds nothing; the check
// code (localdb/verification_code.hpp) must match the case's UUID, and a wrong code and an
// unknown number get the same 404.

#include <optional>
#include <string>
#include <string_view>

#include "central/sql/sql.hpp"
#include "forms/civil_date.hpp"

namespace httplib {
class Server;
}

namespace onewindow::localdb {
class Database;
}

namespace onewindow::central {

struct RouteContext;

inline constexpr const char* kVerificationPrefix = "/v/";
inline constexpr const char* kVerificationPattern = R"(/v/([^/]+))";

struct VerifiedCase {
  std::string officialNo;
  std::string provisionalNo;
  std::string state;  // central's current state of the case
  std::string matterCode;
  std::string matterName;
  std::string applicantName;  // whole; the page masks it
  forms::CivilDate intakeDate;
  std::optional<forms::CivilDate> promisedDue;
};

// The case whose official or provisional number is `number` and whose check code is `code`
// (letters in either case; O read as 0, I and L as 1); nothing when none matches.
[[nodiscard]] std::optional<VerifiedCase> findVerifiedCase(sql::Connection& db,
                                                           std::string_view number,
                                                           std::string_view code);

// The page's HTML (UTF-8), every value escaped.
[[nodiscard]] std::string verificationPage(const VerifiedCase& found);
[[nodiscard]] std::string verificationNotFoundPage();

// 张三 → 张*, 欧阳娜娜 → 欧***: the first character of the name, then one * for each other one.
[[nodiscard]] std::string maskedName(std::string_view name);

void installVerificationRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
