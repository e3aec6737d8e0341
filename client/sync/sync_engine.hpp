#pragma once
// Sync (DESIGN.md §7): sends the outbox — the local store's queued cases — to central oldest
// first, one case at a time, exactly once whatever the network does:
//  * while a case is being sent, the materials of the next few due cases are uploaded ahead
//    (asked about first, like any upload); a case is still submitted only after the one before
//    it was answered, so central receives (and numbers) cases in the outbox's order;
//  * the body is built from the store and recorded durably (with its version) before it
//    leaves, so a retry after a crash or a lost reply sends the same bytes, which central
//    recognises (idempotent on uuid + version);
//  * a case whose reply was lost (sent_unconfirmed) is reconciled by asking central first;
//  * only materials central lacks are uploaded — a case's materials are its pages and its
//    issued documents' PDFs (central/API.md §4.5.2);
//  * a case central refuses as invalid is quarantined with central's reason and never blocks
//    the others; other failures retry with full-jitter backoff; a systemic failure (central
//    unreachable, session expired, Retry-After) pauses the whole queue and says why;
//  * the change feed brings official numbers, states and decisions back.
// It runs on the engine thread: every completion is handed back through hooks.post.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/sync/backoff.hpp"
#include "client/sync/sync_port.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/material_store.hpp"
#include "localdb/sqlite.hpp"
#include "localdb/sync_repository.hpp"

namespace onewindow::sync {

struct SyncEvent {
  enum class Kind {
    Confirmed,
    Quarantined,
    Paused,
    Resumed,
    StateChanged,
    SubCaseRouted,
    CertificateIssued,  // message: the certificate's number
    Supervised,         // message: the 督办 note; empty when the mark was lifted
    Drained
  };
  Kind kind = Kind::Confirmed;
  std::string caseUuid;
  std::string provisionalNo;
  std::string officialNo;
  std::string message;                            // why paused or quarantined; the new state
  std::string code;                               // Quarantined: the reason's machine code
  std::optional<localdb::SubCaseRecord> subCase;  // SubCaseRouted
};

struct SyncHooks {
  std::function<void(std::function<void()>)> post;  // onto the engine thread
  std::function<void(std::chrono::milliseconds, std::function<void()>)> postAfter;
  std::function<std::chrono::system_clock::time_point()> now;
  std::function<std::string(const localdb::CaseSnapshot&, int version)> buildBody;
  std::function<void(const std::string&)> log;
  std::function<void(const SyncEvent&)> notify;
};

struct SyncStatus {
  bool paused = false;
  std::string pauseReason;
  bool busy = false;
};

class SyncEngine {
 public:
  // `connections`: how many the port's transport keeps to central at once; uploads ahead of
  // their case use all but one.
  SyncEngine(localdb::Database& db, const localdb::MaterialStore& materials, SyncPort& port,
             SyncHooks hooks, BackoffPolicy policy = {}, std::size_t connections = 4);

  // Something may be due (a case was finalized, central came back, a timer fired).
  void kick();
  // Central answered again: a pause for unreachability ends now (an auth pause does not).
  void centralReachable();
  // No usable session (logged out, or logged in offline): nothing is sent until resumeAuth().
  void pauseForAuth(const std::string& reason);
  void resumeAuth();
  // Pulls the change feed now; when the queue drains it is pulled at most every 10 s.
  void pullFeed();
  [[nodiscard]] SyncStatus status() const;

 private:
  struct InFlight {
    localdb::SyncItem item;
    int version = 0;
    std::string body;
    std::string sha256;
    // Pages and issued documents' PDFs, each once (a PDF travels as a page does).
    std::vector<localdb::PageSnapshot> materials;
    std::size_t uploadsLeft = 0;
    std::uint64_t generation = 0;  // of the uploads under way
    bool materialsRechecked = false;
  };

  using UploadWaiter = std::function<void(const api::Result<api::UploadOutcome>&)>;

  void sendNext();
  void uploadAhead(std::int64_t afterCaseId);
  void upload(const localdb::PageSnapshot& page, UploadWaiter waiter);
  void forgetMaterials(const InFlight& flight);
  void reconcile();
  void prepare();
  void ensureMaterials();
  void submit();
  void onSubmitted(const api::Result<api::CaseReceipt>& result);
  void finishConfirmed(const api::CaseReceipt& receipt);
  void onFailure(const api::ApiError& error, const char* step);
  void quarantine(const std::string& reason, const std::string& code);
  void retryLater(const std::string& reason, const std::string& code = "");
  void pauseQueue(const std::string& reason, std::chrono::milliseconds forHowLong);
  void done();
  void applyFeed(const api::ChangePage& page);
  void sendRatings();  // rating_sync.cpp
  [[nodiscard]] std::string nowIso() const;
  // A reply from the port's thread, handled on the engine thread.
  template <typename T>
  Reply<T> onEngine(std::function<void(api::Result<T>)> then) {
    return [this, then = std::move(then)](api::Result<T> result) mutable {
      hooks_.post([then = std::move(then), result = std::move(result)]() mutable {
        then(std::move(result));
      });
    };
  }

  localdb::Database& db_;
  const localdb::MaterialStore& materials_;
  SyncPort& port_;
  SyncHooks hooks_;
  Backoff backoff_;
  std::size_t maxUploadsAhead_;
  bool ratingInFlight_ = false;
  localdb::SyncRepository repo_;
  std::optional<InFlight> current_;
  std::optional<std::string> authPause_;
  std::optional<std::chrono::system_clock::time_point> pausedUntil_;
  std::string pauseReason_;
  int queueFailures_ = 0;
  bool feedInFlight_ = false;
  std::chrono::system_clock::time_point lastFeedPull_{};
  bool wakeScheduled_ = false;
  std::uint64_t generation_ = 0;
  // Uploads under way, by sha256, with whoever waits for them (the current case, or nobody for
  // an upload ahead); materials central confirmed holding during this run, until the case that
  // needs them is done (a later 422 case.missing_materials checks them all again).
  std::map<std::string, std::vector<UploadWaiter>> uploads_;
  std::set<std::string> onCentral_;
  std::set<std::int64_t> uploadedAhead_;  // case ids whose materials went ahead
};

}  // namespace onewindow::sync
