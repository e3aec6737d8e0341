// Login: central checks the credentials; when central cannot be reached, a clerk who has
// logged in online on this workstation before is checked against the cached slow hash.

#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"

namespace onewindow::engine {
namespace {

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
  if (error.code == "auth.clerk_locked") return LoginFailure::ClerkLocked;
  // A 429 with another code is still "wait, then try again" (API.md §1: unknown codes are
  // judged by their status).
  if (error.code == "auth.too_many_attempts" || error.httpStatus == 429)
    return LoginFailure::TooManyAttempts;
  return LoginFailure::Invalid;
}

// The screen shows minutes: a lock ending at 10:30:20 is shown as over at 10:31, never at a
// minute when the clerk would still be refused.
std::string roundedUpToMinute(const std::string& iso) {
  const auto parsed = parseIsoUtc(iso);
  if (!parsed) return iso;
  return isoUtc(std::chrono::ceil<std::chrono::minutes>(*parsed));
}

}  // namespace

void Engine::Impl::handle(Login& command) {
  Login attempt = command;  // kept until central answers: the offline cache needs the password
  central_.login(
      {command.clerkId, command.password, command.windowCode},
      [this, attempt = std::move(attempt)](api::Result<api::SessionInfo> result) mutable {
        queue_.post([this, attempt = std::move(attempt), result = std::move(result)] {
          onLogin(attempt, result);
        });
      });
}

void Engine::Impl::onLogin(const Login& attempt, const api::Result<api::SessionInfo>& result) {
  if (!result.ok()) {
    const api::ApiError& error = result.error();
    log("online login of " + attempt.clerkId + " failed: " + error.message);
    if (error.meansOffline()) {
      setConnectivity(Connectivity::Offline, error.message);
      loginOffline(attempt, error);
      return;
    }
    // Any answer of central, a lock or a 429 included, is final: the offline login is only for
    // when central cannot be asked at all.
    const LoginFailure failure = loginFailureFrom(error);
    if (failure == LoginFailure::ClerkInactive && credentials_)
      credentials_->forget(attempt.clerkId);
    LoginFinished finished{failure, error.message, std::nullopt, false};
    if (failure == LoginFailure::ClerkLocked && !error.lockedUntil.empty())
      finished.lockedUntil = roundedUpToMinute(error.lockedUntil);
    if (failure == LoginFailure::ClerkLocked || failure == LoginFailure::TooManyAttempts)
      finished.retryAfter = error.retryAfter;
    publish(finished);
    return;
  }
  const api::SessionInfo& info = result.value();
  token_ = info.token;
  setConnectivity(Connectivity::Online, "");
  audit(info.clerkId, "login.online", info.windowCode);
  // The window opens first; the slow hash for the next offline login is made afterwards.
  startSession({info.clerkId, info.clerkName, roleFromName(info.role).value_or(Role::Clerk),
                info.windowCode},
               false);
  if (credentials_) {
    try {
      credentials_->remember({info.clerkId, info.clerkName, info.role}, attempt.password,
                             clock_->now());
    } catch (const std::exception& error) {
      // Online login still works; only the next offline login will not.
      log(std::string("could not cache the credentials for offline login: ") + error.what());
    }
  }
  if (syncPort_) syncPort_->setToken(info.token);
  if (sync_) sync_->resumeAuth();
  checkCatalog();
}

void Engine::Impl::loginOffline(const Login& attempt, const api::ApiError& why) {
  if (!credentials_) {
    publish(LoginFinished{LoginFailure::Unreachable, why.message, std::nullopt, false});
    return;
  }
  const localdb::OfflineLoginResult result =
      credentials_->verifyOffline(attempt.clerkId, attempt.password, clock_->now());
  if (result.accepted()) {
    audit(attempt.clerkId, "login.offline", attempt.windowCode);
    if (sync_) sync_->pauseForAuth("logged in offline: cases go to central after an online login");
    log("clerk " + attempt.clerkId + " logged in offline (central unreachable)");
    startSession({result.clerk->clerkId, result.clerk->clerkName,
                  roleFromName(result.clerk->role).value_or(Role::Clerk), attempt.windowCode},
                 true);
    return;
  }
  audit(attempt.clerkId, "login.offline_refused", localdb::outcomeName(result.outcome));
  const LoginFailure failure = result.outcome == localdb::OfflineLoginOutcome::UnknownClerk
                                   ? LoginFailure::Unreachable
                                   : LoginFailure::OfflineRefused;
  publish(LoginFinished{failure, result.message, std::nullopt, false});
}

void Engine::Impl::startSession(const ClerkSession& session, bool offline) {
  session_ = session;
  if (store_) {
    try {
      store_->saveSession({session.clerkId, session.clerkName, roleName(session.role),
                           session.windowCode, isoUtc(clock_->now())});
    } catch (const std::exception& error) {
      publish(EngineError{std::string("could not record the login locally: ") + error.what()});
    }
  }
  {
    std::lock_guard lock(snapshotMutex_);
    snapshot_.session = session;
    snapshot_.lastSession = session;
  }
  log("clerk " + session.clerkId + " (" + roleName(session.role) + ") logged in at window " +
      session.windowCode + (offline ? " offline" : ""));
  publish(LoginFinished{LoginFailure::None, "", session, offline});
  publishPendingCount();
  // The first document of a process costs about a second (the CJK fonts are loaded and parsed
  // on this thread); paid a moment after login instead of with the first applicant waiting.
  if (config_.warmUpDocuments)
    queue_.postAfter(std::chrono::seconds(2), [this] { warmUpDocuments(); });
}

}  // namespace onewindow::engine
