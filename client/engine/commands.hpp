#pragma once
// Everything a front end asks the engine to do. Each is handled on the engine thread and
// answered, if at all, by a notification.

#include <string>
#include <variant>

namespace onewindow::engine {

struct Login {
  std::string clerkId;
  std::string password;
  std::string windowCode;
};

struct Logout {};

struct SetCentralUrl {
  std::string url;
};

// Probe central now and republish connectivity and the pending count.
struct RefreshStatus {};

using Command = std::variant<Login, Logout, SetCentralUrl, RefreshStatus>;

}  // namespace onewindow::engine
