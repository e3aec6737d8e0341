#pragma once
// Everything the engine tells its front ends. Plain values: copied to the UI thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "localdb/case_queries.hpp"
#include "localdb/case_state.hpp"
#include "localdb/sync_repository.hpp"

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
  Unreachable,  // central unreachable and no offline login possible (never logged in here)
  Tls,
  ServerError,
  Invalid,
  OfflineRefused,  // offline: wrong password, locked out, or cached credentials expired
};

struct LoginFinished {
  LoginFailure failure = LoginFailure::None;
  std::string message;  // plain words when it failed
  std::optional<ClerkSession> session;
  bool offline = false;  // checked against the cached credentials, central unreachable

  [[nodiscard]] bool ok() const { return failure == LoginFailure::None; }
};

struct LoggedOut {};

struct PendingCountChanged {
  int pending = 0;
  int quarantined = 0;
};

struct EngineError {
  std::string message;  // a failure the clerk must see (the local store cannot be opened, ...)
};

struct DraftStarted {
  std::uint64_t requestId = 0;
  std::string uuid;
};

struct DraftSaved {
  std::uint64_t requestId = 0;
  std::string uuid;
  std::string savedAt;
};

struct MaterialStored {
  std::uint64_t requestId = 0;
  std::string sha256;
  std::uint64_t size = 0;
};

struct CaseFinalized {
  std::uint64_t requestId = 0;
  std::string uuid;
  std::string provisionalNo;
  std::string intakeAt;
};

struct DecisionRecorded {
  std::uint64_t requestId = 0;
  std::string uuid;
  localdb::CaseState state = localdb::CaseState::Intake;
};

struct CasesFound {
  std::uint64_t requestId = 0;
  std::vector<localdb::CaseSummary> cases;
};

struct SyncQueueListed {
  std::uint64_t requestId = 0;
  std::vector<localdb::SyncListRow> rows;
};

// The sync queue paused (central unreachable, session ended, told to wait) or resumed.
struct SyncStateChanged {
  bool paused = false;
  std::string reason;
};

// A catalog release is ready on disk: at start-up (the one in use) and when a new release
// from central has been installed. The front end loads `catalogFile` with the forms library.
struct CatalogInstalled {
  std::filesystem::path catalogFile;
  std::string release;
};

// A case reached central (with its official number), was refused for good, or central changed
// its state: the clerk is told.
struct CaseSyncNews {
  enum class Kind { Confirmed, Quarantined, StateChanged, SubCaseRouted };
  Kind kind = Kind::Confirmed;
  std::string uuid;
  std::string provisionalNo;
  std::string officialNo;
  std::string detail;                             // quarantine reason or the new state
  std::optional<localdb::SubCaseRecord> subCase;  // SubCaseRouted: the part and its department
};

enum class CommandFailure {
  NotLoggedIn,
  NotAllowed,
  NotFound,
  WrongState,
  Invalid,
  DiskFull,
  Storage
};

// A case command could not be done; nothing of it was saved.
struct CommandFailed {
  std::uint64_t requestId = 0;
  CommandFailure failure = CommandFailure::Storage;
  std::string message;
};

using Notification =
    std::variant<ConnectivityChanged, LoginFinished, LoggedOut, PendingCountChanged, EngineError,
                 DraftStarted, DraftSaved, MaterialStored, CaseFinalized, DecisionRecorded,
                 CasesFound, CommandFailed, SyncQueueListed, SyncStateChanged, CaseSyncNews,
                 CatalogInstalled>;

}  // namespace onewindow::engine
