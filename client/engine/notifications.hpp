#pragma once
// Everything the engine tells its front ends. Plain values: copied to the UI thread.

#include <chrono>
#include <optional>
#include <string>
#include <variant>

namespace onewindow::engine {

enum class Connectivity { Unknown, Online, Offline };

struct ConnectivityChanged {
  Connectivity state = Connectivity::Unknown;
  std::chrono::system_clock::time_point since;  // when this state began
  std::string detail;                           // why offline, or the server's version
};

enum class Role { Clerk, Supervisor };

struct ClerkSession {
  std::string clerkId;
  std::string clerkName;
  Role role = Role::Clerk;
  std::string windowCode;
};

enum class LoginFailure {
  None,
  BadCredentials,
  ClerkInactive,
  Unreachable,
  Tls,
  ServerError,
  Invalid
};

struct LoginFinished {
  LoginFailure failure = LoginFailure::None;
  std::string message;  // plain words when it failed
  std::optional<ClerkSession> session;

  [[nodiscard]] bool ok() const { return failure == LoginFailure::None; }
};

struct LoggedOut {};

struct PendingCountChanged {
  int pending = 0;
};

struct EngineError {
  std::string message;  // a failure the clerk must see (the local store cannot be opened, ...)
};

using Notification =
    std::variant<ConnectivityChanged, LoginFinished, LoggedOut, PendingCountChanged, EngineError>;

}  // namespace onewindow::engine
