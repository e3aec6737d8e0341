#pragma once
// How many wrong passwords lock a clerk id, and for how long. One place for both checks of a
// password: the workstation's offline login (localdb/credential_cache.hpp) and central's login
// (central/login_protection.hpp). A clerk meets the same rule wherever the password is checked,
// and a change of policy cannot leave one side behind.

#include <chrono>

namespace onewindow::localdb {

// This many wrong passwords in a row lock the clerk id ...
inline constexpr int kMaxFailedLogins = 5;
// ... for this long. Long enough to make guessing hopeless (5 guesses per 15 minutes), short
// enough that a clerk who mistyped waits out a tea break instead of calling the supervisor.
inline constexpr std::chrono::minutes kLoginLockoutDuration{15};

}  // namespace onewindow::localdb
