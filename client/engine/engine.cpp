#include "client/engine/engine.hpp"

#include <mutex>
#include <vector>

#include "client/api/central_client.hpp"
#include "client/engine/work_queue.hpp"
#include "localdb/workstation_store.hpp"

namespace onewindow::engine {
namespace {

std::string isoUtc(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

LoginFailure loginFailureFrom(const api::ApiError& error) {
  switch (error.kind) {
    case api::ApiErrorKind::Unreachable:
      return LoginFailure::Unreachable;
    case api::ApiErrorKind::Tls:
      return LoginFailure::Tls;
    case api::ApiErrorKind::ServerError:
    case api::ApiErrorKind::Malformed:
      return LoginFailure::ServerError;
    case api::ApiErrorKind::Rejected:
      break;
  }
  if (error.code == "auth.invalid_credentials") return LoginFailure::BadCredentials;
  if (error.code == "auth.clerk_inactive") return LoginFailure::ClerkInactive;
  return LoginFailure::Invalid;
}

std::optional<ClerkSession> sessionFrom(const localdb::WindowSession& stored) {
  const auto role = roleFromName(stored.role);
  if (!role) return std::nullopt;
  return ClerkSession{stored.clerkId, stored.clerkName, *role, stored.windowCode};
}

}  // namespace

const char* roleName(Role role) { return role == Role::Supervisor ? "supervisor" : "clerk"; }

std::optional<Role> roleFromName(const std::string& name) {
  if (name == "clerk") return Role::Clerk;
  if (name == "supervisor") return Role::Supervisor;
  return std::nullopt;
}

class Engine::Impl {
 public:
  Impl(EngineConfig config, std::shared_ptr<Invoker> invoker, std::shared_ptr<const Clock> clock)
      : config_(std::move(config)),
        invoker_(std::move(invoker)),
        clock_(std::move(clock)),
        transport_(std::make_unique<api::HttpTransport>(transportOptions(config_))),
        central_(*transport_, config_.centralUrl) {
    {
      std::lock_guard lock(snapshotMutex_);
      snapshot_.centralUrl = central_.baseUrl();
      snapshot_.connectivitySince = clock_->now();
    }
    queue_.post([this] { openStore(); });
    if (config_.watchConnectivity) queue_.post([this] { probe(); });
  }

  ~Impl() {
    // Order matters: no engine task may run once the transport is gone, and the transport's
    // final (cancelled) completions only post to a queue that drops them.
    queue_.stop();
    transport_.reset();
  }

  void submit(Command command) {
    queue_.post([this, command = std::move(command)]() mutable {
      std::visit([this](auto& c) { handle(c); }, command);
    });
  }

  Subscription subscribe(std::function<void(const Notification&)> callback) {
    auto subscriber = std::make_shared<detail::Subscriber>(std::move(callback));
    std::lock_guard lock(subscribersMutex_);
    subscribers_.push_back(subscriber);
    return Subscription(subscriber);
  }

  StatusSnapshot status() const {
    std::lock_guard lock(snapshotMutex_);
    return snapshot_;
  }

 private:
  static api::TransportOptions transportOptions(const EngineConfig& config) {
    api::TransportOptions options;
    options.caBundle = config.caBundle;
    options.connectTimeout = config.probeTimeout;
    return options;
  }

  // --- commands (engine thread) ---

  void handle(Login& login) {
    central_.login({login.clerkId, login.password, login.windowCode},
                   [this](api::Result<api::SessionInfo> result) {
                     queue_.post([this, result = std::move(result)] { onLogin(result); });
                   });
  }

  void handle(Logout&) {
    if (!token_.empty()) central_.logout(token_, [](bool) {});
    token_.clear();
    {
      std::lock_guard lock(snapshotMutex_);
      snapshot_.session.reset();
    }
    publish(LoggedOut{});
  }

  void handle(SetCentralUrl& command) {
    central_.setBaseUrl(command.url);
    {
      std::lock_guard lock(snapshotMutex_);
      snapshot_.centralUrl = central_.baseUrl();
    }
    probe();
  }

  void handle(RefreshStatus&) {
    publishPendingCount();
    probe();
  }

  // --- results (engine thread) ---

  void onLogin(const api::Result<api::SessionInfo>& result) {
    if (!result.ok()) {
      const api::ApiError& error = result.error();
      log("login failed: " + error.message);
      if (error.meansOffline()) setConnectivity(Connectivity::Offline, error.message);
      publish(LoginFinished{loginFailureFrom(error), error.message, std::nullopt});
      return;
    }
    const api::SessionInfo& info = result.value();
    const auto role = roleFromName(info.role);
    ClerkSession session{info.clerkId, info.clerkName, role.value_or(Role::Clerk), info.windowCode};
    token_ = info.token;
    if (store_) {
      try {
        store_->saveSession(
            {info.clerkId, info.clerkName, info.role, info.windowCode, isoUtc(clock_->now())});
      } catch (const std::exception& error) {
        publish(EngineError{std::string("could not record the login locally: ") + error.what()});
      }
    }
    {
      std::lock_guard lock(snapshotMutex_);
      snapshot_.session = session;
      snapshot_.lastSession = session;
    }
    log("clerk " + info.clerkId + " (" + info.role + ") logged in at window " + info.windowCode);
    setConnectivity(Connectivity::Online, "");
    publish(LoginFinished{LoginFailure::None, "", session});
    publishPendingCount();
  }

  void probe() {
    ++probeGeneration_;  // supersedes a scheduled probe: one chain of probes at a time
    if (probeInFlight_) return;
    probeInFlight_ = true;
    central_.health(config_.probeTimeout, [this](api::Result<api::HealthInfo> result) {
      queue_.post([this, result = std::move(result)] { onProbe(result); });
    });
  }

  void onProbe(const api::Result<api::HealthInfo>& result) {
    probeInFlight_ = false;
    if (!result.ok())
      log("health probe of " + central_.baseUrl() + " failed: " + result.error().message);
    if (result.ok()) {
      setConnectivity(Connectivity::Online, result.value().service + " " + result.value().version);
    } else {
      setConnectivity(Connectivity::Offline, result.error().message);
    }
    publishPendingCount();
    if (!config_.watchConnectivity) return;
    const std::uint64_t generation = probeGeneration_;
    queue_.postAfter(config_.probeInterval, [this, generation] {
      if (generation == probeGeneration_) probe();
    });
  }

  void openStore() {
    try {
      std::filesystem::create_directories(config_.profileDir);
      store_ = std::make_unique<localdb::WorkstationStore>(config_.profileDir / "workstation.db");
      std::optional<ClerkSession> last;
      if (auto stored = store_->lastSession()) last = sessionFrom(*stored);
      std::lock_guard lock(snapshotMutex_);
      snapshot_.lastSession = last;
    } catch (const std::exception& error) {
      store_.reset();
      log(std::string("the local store cannot be opened: ") + error.what());
      publish(EngineError{std::string("the local store cannot be opened: ") + error.what()});
    }
    publishPendingCount();
  }

  void publishPendingCount() {
    if (!store_) return;
    int pending = 0;
    try {
      pending = store_->pendingSyncCount();
    } catch (const std::exception& error) {
      publish(EngineError{std::string("the local store cannot be read: ") + error.what()});
      return;
    }
    {
      std::lock_guard lock(snapshotMutex_);
      if (pending == snapshot_.pendingSync && pendingPublished_) return;
      snapshot_.pendingSync = pending;
      pendingPublished_ = true;
    }
    publish(PendingCountChanged{pending});
  }

  void setConnectivity(Connectivity state, const std::string& detail) {
    ConnectivityChanged change;
    {
      std::lock_guard lock(snapshotMutex_);
      const bool changed = snapshot_.connectivity != state;
      snapshot_.connectivityDetail = detail;
      if (!changed) return;
      snapshot_.connectivity = state;
      snapshot_.connectivitySince = clock_->now();
      change = {state, snapshot_.connectivitySince, detail};
    }
    log(std::string("central ") + central_.baseUrl() + " is now " +
        (state == Connectivity::Online ? "online" : "offline") +
        (detail.empty() ? "" : ": " + detail));
    publish(change);
  }

  void log(const std::string& line) const {
    if (config_.log) config_.log(line);
  }

  void publish(const Notification& notification) {
    std::vector<std::weak_ptr<detail::Subscriber>> targets;
    {
      std::lock_guard lock(subscribersMutex_);
      std::erase_if(subscribers_, [](const auto& weak) { return weak.expired(); });
      targets = subscribers_;
    }
    for (auto& weak : targets) {
      invoker_->post([weak, notification] {
        const auto subscriber = weak.lock();
        if (subscriber && subscriber->active) subscriber->callback(notification);
      });
    }
  }

  EngineConfig config_;
  std::shared_ptr<Invoker> invoker_;
  std::shared_ptr<const Clock> clock_;
  std::unique_ptr<api::HttpTransport> transport_;
  api::CentralClient central_;
  std::unique_ptr<localdb::WorkstationStore> store_;  // engine thread only
  std::string token_;                                 // engine thread only
  bool probeInFlight_ = false;                        // engine thread only
  std::uint64_t probeGeneration_ = 0;                 // engine thread only
  bool pendingPublished_ = false;

  mutable std::mutex snapshotMutex_;
  StatusSnapshot snapshot_;
  std::mutex subscribersMutex_;
  std::vector<std::weak_ptr<detail::Subscriber>> subscribers_;

  WorkQueue queue_;  // last: its thread starts after everything it touches exists
};

Engine::Engine(EngineConfig config, std::shared_ptr<Invoker> invoker,
               std::shared_ptr<const Clock> clock)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(invoker), std::move(clock))) {}

Engine::~Engine() = default;

void Engine::submit(Command command) { impl_->submit(std::move(command)); }

Subscription Engine::subscribe(std::function<void(const Notification&)> callback) {
  return impl_->subscribe(std::move(callback));
}

StatusSnapshot Engine::status() const { return impl_->status(); }

}  // namespace onewindow::engine
