#pragma once
// Everything a front end asks the engine to do. Each is handled on the engine thread and
// answered, if at all, by a notification.

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "localdb/case_types.hpp"

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

// Case commands carry a requestId chosen by the caller; the answer (or CommandFailed) carries it
// back. They need a logged-in clerk: the clerk and window are taken from the session.

struct StartDraft {
  std::uint64_t requestId = 0;
  std::string matterCode;
  std::string matterName;
};

// Autosave of the form being typed: durable when DraftSaved arrives.
struct SaveDraft {
  std::uint64_t requestId = 0;
  std::string uuid;
  localdb::DraftContent content;
};

// A scanned or imported page into the material store (file I/O stays off the UI thread).
struct StoreMaterial {
  std::uint64_t requestId = 0;
  std::filesystem::path source;
};

struct FinalizeIntake {
  std::uint64_t requestId = 0;
  std::string uuid;
  std::vector<localdb::SlotInput> slots;
  std::string legalDueDate;
  std::string promisedDueDate;
};

struct RecordDecision {
  std::uint64_t requestId = 0;
  std::string uuid;
  localdb::DecisionInput decision;
};

struct SearchApplicants {
  std::uint64_t requestId = 0;
  std::string typed;
};

// Sync: the Sync page's list, the clerk's retry of a quarantined case, "send now".
struct ListSyncQueue {
  std::uint64_t requestId = 0;
  bool includeConfirmed = false;
};

struct RetrySync {
  std::uint64_t requestId = 0;
  std::string uuid;
};

struct SyncNow {};

using Command = std::variant<Login, Logout, SetCentralUrl, RefreshStatus, StartDraft, SaveDraft,
                             StoreMaterial, FinalizeIntake, RecordDecision, SearchApplicants,
                             ListSyncQueue, RetrySync, SyncNow>;

}  // namespace onewindow::engine
