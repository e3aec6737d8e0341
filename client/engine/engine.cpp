#include "client/engine/engine.hpp"

#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"
#include "localdb/audit_log.hpp"

namespace onewindow::engine {
namespace {

// How often a window online asks central whether the catalog changed (besides each login).
constexpr std::chrono::minutes kCatalogCheckInterval{5};

std::optional<ClerkSession> sessionFrom(const localdb::WindowSession& stored) {
  const auto role = roleFromName(stored.role);
  if (!role) return std::nullopt;
  return ClerkSession{stored.clerkId, stored.clerkName, *role, stored.windowCode};
}

}  // namespace

api::TransportOptions transportOptions(const EngineConfig& config) {
  api::TransportOptions options;
  options.caBundle = config.caBundle;
  options.connectTimeout = config.probeTimeout;
  return options;
}

const char* roleName(Role role) { return role == Role::Supervisor ? "supervisor" : "clerk"; }

std::optional<Role> roleFromName(const std::string& name) {
  if (name == "clerk") return Role::Clerk;
  if (name == "supervisor") return Role::Supervisor;
  return std::nullopt;
}

Engine::Impl::Impl(EngineConfig config, std::shared_ptr<Invoker> invoker,
                   std::shared_ptr<const Clock> clock)
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

Engine::Impl::~Impl() {
  // Order matters: a print being followed gives up and its thread ends while the engine queue
  // still takes its last post; no engine task may run once the transport is gone, and the
  // transport's final (cancelled) completions only post to a queue that drops them.
  printStop_.request_stop();
  // A capture waits for the engine queue to keep each page: it is told to stop, and ends, while
  // that queue still runs.
  cancelCaptures(true);
  scanQueue_.stop();
  // A camera's preview thread posts to the engine queue: it ends before any queue goes away.
  // (The scan queue has stopped, so nothing else uses the service now.)
  if (scanService_) scanService_->stopPreview();
  pageQueue_.stop();
  printQueue_.stop();
  queue_.stop();
  transport_.reset();
}

void Engine::Impl::submit(Command command) {
  queue_.post([this, command = std::move(command)]() mutable {
    std::visit([this](auto& c) { handle(c); }, command);
  });
}

Subscription Engine::Impl::subscribe(std::function<void(const Notification&)> callback) {
  auto subscriber = std::make_shared<detail::Subscriber>(std::move(callback));
  std::lock_guard lock(subscribersMutex_);
  subscribers_.push_back(subscriber);
  // The store is opened as soon as the engine starts, usually before anyone has subscribed
  // (the window and onewindow-ctl subscribe after creating the engine): a late subscriber
  // still hears that it could not be opened, once (see failStore).
  std::optional<std::string> storeError;
  {
    std::lock_guard snapshotLock(snapshotMutex_);
    storeError = snapshot_.storeError;
  }
  if (storeError) deliver(subscriber, EngineError{*storeError});
  if (lastCatalog_) deliver(subscriber, *lastCatalog_);
  return Subscription(subscriber);
}

StatusSnapshot Engine::Impl::status() const {
  std::lock_guard lock(snapshotMutex_);
  return snapshot_;
}

void Engine::Impl::handle(Logout&) {
  if (!token_.empty()) central_.logout(token_, [](bool) {});
  if (session_) audit(session_->clerkId, "logout", session_->windowCode);
  cancelCaptures(false);  // the pages done stay with their draft and their clerk
  token_.clear();
  session_.reset();
  if (syncPort_) syncPort_->setToken("");
  if (sync_) sync_->pauseForAuth("no clerk is logged in online");
  {
    std::lock_guard lock(snapshotMutex_);
    snapshot_.session.reset();
  }
  publish(LoggedOut{});
}

void Engine::Impl::handle(SetCentralUrl& command) {
  central_.setBaseUrl(command.url);
  {
    std::lock_guard lock(snapshotMutex_);
    snapshot_.centralUrl = central_.baseUrl();
  }
  probe();
}

void Engine::Impl::handle(RefreshStatus&) {
  publishPendingCount();
  probe();
}

void Engine::Impl::probe() {
  ++probeGeneration_;  // supersedes a scheduled probe: one chain of probes at a time
  if (probeInFlight_) return;
  probeInFlight_ = true;
  central_.health(config_.probeTimeout, [this](api::Result<api::HealthInfo> result) {
    queue_.post([this, result = std::move(result)] { onProbe(result); });
  });
}

void Engine::Impl::onProbe(const api::Result<api::HealthInfo>& result) {
  probeInFlight_ = false;
  if (result.ok()) {
    setConnectivity(Connectivity::Online, result.value().service + " " + result.value().version);
    if (sync_) sync_->centralReachable();
    if (std::chrono::steady_clock::now() - lastCatalogCheck_ >= kCatalogCheckInterval)
      checkCatalog();
  } else {
    log("health probe of " + central_.baseUrl() + " failed: " + result.error().message);
    setConnectivity(Connectivity::Offline, result.error().message);
  }
  publishPendingCount();
  if (!config_.watchConnectivity) return;
  const std::uint64_t generation = probeGeneration_;
  queue_.postAfter(config_.probeInterval, [this, generation] {
    if (generation == probeGeneration_) probe();
  });
}

void Engine::Impl::openStore() {
  try {
    std::filesystem::create_directories(config_.profileDir);
    store_ = std::make_unique<localdb::WorkstationStore>(config_.profileDir / "workstation.db");
    materials_ = std::make_unique<localdb::MaterialStore>(config_.profileDir / "materials");
    cases_ = std::make_unique<localdb::CaseRepository>(store_->database());
    credentials_ = std::make_unique<localdb::CredentialCache>(store_->database());
    startSync();
    std::optional<ClerkSession> last;
    if (auto stored = store_->lastSession()) last = sessionFrom(*stored);
    std::lock_guard lock(snapshotMutex_);
    snapshot_.lastSession = last;
  } catch (const std::exception& error) {
    catalogUpdater_.reset();
    sync_.reset();
    syncPort_.reset();
    credentials_.reset();
    cases_.reset();
    materials_.reset();
    store_.reset();
    failStore(std::string("the local store cannot be opened: ") + error.what());
  }
  loadStartCatalog();
  publishPendingCount();
}

void Engine::Impl::publishPendingCount() {
  if (!store_) return;
  int pending = 0;
  int quarantined = 0;
  try {
    pending = store_->pendingSyncCount();
    quarantined = localdb::SyncRepository(store_->database()).countInState("quarantined");
  } catch (const std::exception& error) {
    publish(EngineError{std::string("the local store cannot be read: ") + error.what()});
    return;
  }
  {
    std::lock_guard lock(snapshotMutex_);
    if (pending == snapshot_.pendingSync && quarantined == snapshot_.quarantined &&
        pendingPublished_)
      return;
    snapshot_.pendingSync = pending;
    snapshot_.quarantined = quarantined;
    pendingPublished_ = true;
  }
  publish(PendingCountChanged{pending, quarantined});
}

void Engine::Impl::setConnectivity(Connectivity state, const std::string& detail) {
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

void Engine::Impl::log(const std::string& line) const {
  if (config_.log) config_.log(line);
}

void Engine::Impl::audit(const std::string& clerkId, const std::string& action,
                         const std::string& details) {
  if (!store_) return;
  try {
    localdb::Transaction transaction(store_->database());
    localdb::AuditLog::append(store_->database(),
                              {isoUtc(clock_->now()), clerkId, action, "", details,
                               session_ ? session_->windowCode : std::string()});
    transaction.commit();
  } catch (const std::exception& error) {
    log(std::string("could not write the audit entry ") + action + ": " + error.what());
  }
}

void Engine::Impl::publish(const Notification& notification) {
  std::vector<std::weak_ptr<detail::Subscriber>> targets;
  {
    std::lock_guard lock(subscribersMutex_);
    targets = liveSubscribers();
  }
  for (const auto& weak : targets) deliver(weak, notification);
}

std::vector<std::weak_ptr<detail::Subscriber>> Engine::Impl::liveSubscribers() {
  std::erase_if(subscribers_, [](const auto& weak) { return weak.expired(); });
  return subscribers_;
}

void Engine::Impl::deliver(std::weak_ptr<detail::Subscriber> target,
                           const Notification& notification) {
  invoker_->post([weak = std::move(target), notification] {
    const auto subscriber = weak.lock();
    if (subscriber && subscriber->active) subscriber->callback(notification);
  });
}

// Recorded, and its listeners taken, under the subscribers' lock, so each subscriber hears it
// exactly once: from here if it subscribed before, from subscribe() if after.
void Engine::Impl::failStore(const std::string& message) {
  log(message);
  std::vector<std::weak_ptr<detail::Subscriber>> targets;
  {
    std::lock_guard lock(subscribersMutex_);
    std::lock_guard snapshotLock(snapshotMutex_);
    snapshot_.storeError = message;
    targets = liveSubscribers();
  }
  for (const auto& weak : targets) deliver(weak, EngineError{message});
}

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
