#include "client/sync/sync_engine.hpp"

#include <algorithm>
#include <set>
#include <span>

#include "client/api/case_document.hpp"
#include "localdb/case_certificates.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/case_state.hpp"
#include "localdb/iso_time.hpp"
#include "localdb/sha256.hpp"
#include "localdb/supervision.hpp"

namespace onewindow::sync {
namespace {

std::string shaOf(const std::string& text) {
  return localdb::sha256Hex(std::as_bytes(std::span(text.data(), text.size())));
}

// Uploading ahead is bounded: at most this many later cases (and at most maxUploadsAhead_
// uploads at once, see the constructor).
constexpr int kCasesAhead = 2;
// Materials remembered as on central; past this the memory is dropped (it only saves a HEAD).
constexpr std::size_t kMaxRemembered = 4096;

// The files a case needs on central before its body (API.md §4.5.2): its pages and its issued
// documents' PDFs, each once, in body order. A PDF is uploaded exactly like a page.
std::vector<localdb::PageSnapshot> materialsOf(const localdb::CaseSnapshot& snapshot) {
  std::vector<localdb::PageSnapshot> materials;
  std::set<std::string> seen;
  for (const localdb::SlotSnapshot& slot : snapshot.slots) {
    for (const localdb::PageSnapshot& page : slot.pages) {
      if (seen.insert(page.sha256).second) materials.push_back(page);
    }
  }
  for (const localdb::DocumentSnapshot& document : snapshot.documents) {
    if (seen.insert(document.sha256).second)
      materials.push_back({document.sha256, document.sizeBytes});
  }
  return materials;
}

}  // namespace

SyncEngine::SyncEngine(localdb::Database& db, const localdb::MaterialStore& materials,
                       SyncPort& port, SyncHooks hooks, BackoffPolicy policy,
                       std::size_t connections)
    : db_(db),
      materials_(materials),
      port_(port),
      hooks_(std::move(hooks)),
      backoff_(policy),
      // One fewer than the connections to central, so the current case's body always finds a
      // free one instead of queueing behind uploads (its own uploads never wait for the bound).
      maxUploadsAhead_(connections > 1 ? connections - 1 : 1),
      repo_(db) {}

std::string SyncEngine::nowIso() const { return localdb::isoUtc(hooks_.now()); }

SyncStatus SyncEngine::status() const {
  SyncStatus s;
  s.busy = current_.has_value();
  if (authPause_) {
    s.paused = true;
    s.pauseReason = *authPause_;
  } else if (pausedUntil_ && *pausedUntil_ > hooks_.now()) {
    s.paused = true;
    s.pauseReason = pauseReason_;
  }
  return s;
}

void SyncEngine::kick() {
  if (current_ || authPause_) return;
  if (pausedUntil_ && *pausedUntil_ > hooks_.now()) return;
  sendNext();
}

void SyncEngine::centralReachable() {
  if (pausedUntil_) {
    pausedUntil_.reset();
    queueFailures_ = 0;
    if (!authPause_) hooks_.notify({SyncEvent::Kind::Resumed, "", "", "", ""});
  }
  kick();
}

void SyncEngine::pauseForAuth(const std::string& reason) {
  const bool changed = authPause_ != reason;
  authPause_ = reason;
  if (changed) hooks_.notify({SyncEvent::Kind::Paused, "", "", "", reason});
}

void SyncEngine::resumeAuth() {
  if (!authPause_) return;
  authPause_.reset();
  hooks_.notify({SyncEvent::Kind::Resumed, "", "", "", ""});
  kick();
}

void SyncEngine::sendNext() {
  const auto item = repo_.nextDue(nowIso());
  if (!item) {
    // Nothing due now: wake when the earliest retry comes, and bring news back.
    if (const auto next = repo_.nextAttemptTime(); next && !wakeScheduled_) {
      wakeScheduled_ = true;
      hooks_.postAfter(std::chrono::seconds(1), [this] {
        wakeScheduled_ = false;
        kick();
      });
    } else if (!next) {
      hooks_.notify({SyncEvent::Kind::Drained, "", "", "", ""});
    }
    sendRatings();
    if (hooks_.now() - lastFeedPull_ >= std::chrono::seconds(10)) pullFeed();
    return;
  }
  current_ = InFlight{};
  current_->item = *item;
  uploadedAhead_.erase(uploadedAhead_.begin(), uploadedAhead_.upper_bound(item->caseId));
  if (item->pendingVersion) {
    reconcile();
  } else {
    prepare();
  }
  uploadAhead(item->caseId);
}

// The materials of the next due cases go up while this one is sent (HEAD first, as always:
// only what central lacks is sent). Nothing about those cases is recorded or submitted here.
void SyncEngine::uploadAhead(std::int64_t afterCaseId) {
  if (authPause_ || (pausedUntil_ && *pausedUntil_ > hooks_.now())) return;
  // Called after every finished upload: nothing to ask the store while no connection is free.
  if (uploads_.size() >= maxUploadsAhead_) return;
  if (onCentral_.size() > kMaxRemembered) onCentral_.clear();
  for (const std::int64_t caseId : repo_.dueAfter(nowIso(), afterCaseId, kCasesAhead)) {
    if (uploadedAhead_.count(caseId) != 0) continue;
    const auto snapshot = localdb::loadCaseSnapshot(db_, caseId);
    if (!snapshot) continue;
    bool all = true;
    for (const localdb::PageSnapshot& material : materialsOf(*snapshot)) {
      if (onCentral_.count(material.sha256) != 0 || uploads_.count(material.sha256) != 0) continue;
      if (!materials_.contains(material.sha256)) continue;  // its turn will quarantine it
      if (uploads_.size() >= maxUploadsAhead_) {
        all = false;
        break;
      }
      upload(material, nullptr);
    }
    if (!all) return;  // the rest goes ahead at the next case
    uploadedAhead_.insert(caseId);
  }
}

// One upload per material at a time: a case that needs a material already on its way waits
// for that upload instead of starting another.
void SyncEngine::upload(const localdb::PageSnapshot& page, UploadWaiter waiter) {
  auto [entry, first] = uploads_.try_emplace(page.sha256);
  entry->second.push_back(std::move(waiter));
  if (!first) return;
  const std::string sha256 = page.sha256;
  // The upload asks central first and sends nothing when central already has the file.
  port_.uploadMaterial(
      sha256, materials_.pathOf(sha256), page.sizeBytes,
      onEngine<api::UploadOutcome>([this, sha256](api::Result<api::UploadOutcome> uploaded) {
        auto waiting = uploads_.extract(sha256);
        if (uploaded.ok()) onCentral_.insert(sha256);
        if (!waiting.empty()) {
          for (const UploadWaiter& then : waiting.mapped()) {
            if (then) then(uploaded);
          }
        }
        // A connection is free again: keep the next cases' materials going up.
        if (uploaded.ok() && current_) uploadAhead(current_->item.caseId);
      }));
}

void SyncEngine::forgetMaterials(const InFlight& flight) {
  for (const localdb::PageSnapshot& material : flight.materials) onCentral_.erase(material.sha256);
}

// A body was recorded as sent before a crash or a lost reply: ask central what it holds.
void SyncEngine::reconcile() {
  InFlight& flight = *current_;
  flight.version = *flight.item.pendingVersion;
  flight.body = flight.item.pendingBody;
  flight.sha256 = flight.item.pendingSha256;
  port_.getCase(
      flight.item.uuid, onEngine<api::CaseReceipt>([this](api::Result<api::CaseReceipt> result) {
        InFlight& f = *current_;
        if (result.ok()) {
          const api::CaseReceipt& receipt = result.value();
          if (receipt.version == f.version && receipt.bodySha256 == f.sha256)
            return finishConfirmed(receipt);
          if (receipt.version >= f.version) {
            return quarantine("central holds version " + std::to_string(receipt.version) +
                                  " of this case with different contents; ask support to compare",
                              "client.version_differs");
          }
        } else if (result.error().code != "case.not_found") {
          return onFailure(result.error(), "asking central about the case");
        }
        // Central does not have it yet: send the recorded bytes again (with their materials).
        const auto snapshot = localdb::loadCaseSnapshot(db_, f.item.caseId);
        if (snapshot) f.materials = materialsOf(*snapshot);
        ensureMaterials();
      }));
}

void SyncEngine::prepare() {
  InFlight& flight = *current_;
  const auto snapshot = localdb::loadCaseSnapshot(db_, flight.item.caseId);
  if (!snapshot)
    return quarantine("the case is missing from the local store", "client.case_missing");
  flight.version = flight.item.confirmedVersion + 1;
  flight.body = hooks_.buildBody(*snapshot, flight.version);
  flight.sha256 = shaOf(flight.body);
  flight.materials = materialsOf(*snapshot);
  // Durable before anything leaves: after a crash the same bytes go again.
  repo_.markInFlight(flight.item.caseId, flight.version, flight.body, flight.sha256, nowIso());
  ensureMaterials();
}

// Uploads the case's materials side by side (the transport keeps a few connections to
// central), or waits for the upload ahead of one already on its way; the case goes once all
// are there. A failure of one ends this attempt; answers that arrive for an attempt that
// already ended are ignored by their generation.
void SyncEngine::ensureMaterials() {
  InFlight& flight = *current_;
  for (const localdb::PageSnapshot& material : flight.materials) {
    if (!materials_.contains(material.sha256)) {
      return quarantine("the material " + material.sha256 +
                            " is missing on this workstation (run onewindow-ctl fsck)",
                        "client.material_missing");
    }
  }
  const std::uint64_t generation = ++generation_;
  flight.generation = generation;
  // Materials central confirmed holding in this run (most went ahead) need nothing more.
  std::vector<localdb::PageSnapshot> needed;
  for (const localdb::PageSnapshot& material : flight.materials) {
    if (onCentral_.count(material.sha256) == 0) needed.push_back(material);
  }
  flight.uploadsLeft = needed.size();
  if (flight.uploadsLeft == 0) return submit();
  for (const localdb::PageSnapshot& page : needed) {
    upload(page, [this, generation](const api::Result<api::UploadOutcome>& uploaded) {
      if (!current_ || current_->generation != generation) return;  // that attempt ended
      if (!uploaded.ok()) return onFailure(uploaded.error(), "uploading a material");
      if (--current_->uploadsLeft == 0) submit();
    });
  }
}

void SyncEngine::submit() {
  InFlight& flight = *current_;
  port_.putCase(flight.item.uuid, flight.version, flight.body,
                onEngine<api::CaseReceipt>(
                    [this](api::Result<api::CaseReceipt> result) { onSubmitted(result); }));
}

void SyncEngine::onSubmitted(const api::Result<api::CaseReceipt>& result) {
  if (result.ok()) return finishConfirmed(result.value());
  const api::ApiError& error = result.error();
  InFlight& flight = *current_;
  if (error.code == "case.missing_materials" && !flight.materialsRechecked) {
    flight.materialsRechecked = true;  // central lost a file after our HEAD: check them all again
    forgetMaterials(flight);
    return ensureMaterials();
  }
  if (error.code == "case.version_gap") {
    // Central already has a later version (our reply for it was lost before the version was
    // recorded): continue after what central holds.
    port_.getCase(flight.item.uuid,
                  onEngine<api::CaseReceipt>([this](api::Result<api::CaseReceipt> receipt) {
                    if (!receipt.ok())
                      return onFailure(receipt.error(), "reconciling a version gap");
                    repo_.adoptConfirmedVersion(current_->item.caseId,
                                                static_cast<int>(receipt.value().version),
                                                receipt.value().bodySha256);
                    done();
                  }));
    return;
  }
  onFailure(error, "sending the case");
}

void SyncEngine::finishConfirmed(const api::CaseReceipt& receipt) {
  InFlight& flight = *current_;
  // Did the case change while it was on its way? Then it goes again as the next version.
  std::string currentSha = flight.sha256;
  if (const auto snapshot = localdb::loadCaseSnapshot(db_, flight.item.caseId)) {
    currentSha = shaOf(hooks_.buildBody(*snapshot, flight.version));
  }
  const bool numberBoundNow = repo_.confirm(flight.item.caseId, flight.version, flight.sha256,
                                            currentSha, receipt.officialNo, nowIso());
  queueFailures_ = 0;
  // The official number is news once, whichever of the receipt and the feed brought it.
  hooks_.notify({SyncEvent::Kind::Confirmed, flight.item.uuid, flight.item.provisionalNo,
                 numberBoundNow ? receipt.officialNo : std::string(), ""});
  done();
}

void SyncEngine::onFailure(const api::ApiError& error, const char* step) {
  const std::string reason = std::string(step) + ": " + error.message +
                             (error.code.empty() ? "" : " (" + error.code + ")");
  hooks_.log("sync of " + current_->item.uuid + " failed " + reason);
  switch (error.recovery()) {
    case api::Recovery::Permanent:
    case api::Recovery::LocalProblem:
      return quarantine(error.message.empty() ? reason : error.message, error.code);
    case api::Recovery::PauseForLogin:
      pauseForAuth("the clerk's session with central has ended: log in again to send cases");
      current_.reset();
      return;
    case api::Recovery::PauseForTrust:
      pauseQueue("central's certificate is not trusted: " + error.message, std::chrono::minutes(5));
      current_.reset();
      return;
    case api::Recovery::UploadMaterials:
    case api::Recovery::Reconcile:
    case api::Recovery::RetryLater:
      break;
  }
  if (error.kind == api::ApiErrorKind::Unreachable || error.httpStatus == 429 ||
      error.httpStatus == 503) {
    // Systemic: every case would fail the same way. Pause the queue, keep this case's place.
    const auto wait = error.retryAfter
                          ? std::chrono::duration_cast<std::chrono::milliseconds>(*error.retryAfter)
                          : backoff_.delayFor(queueFailures_++);
    pauseQueue(error.kind == api::ApiErrorKind::Unreachable
                   ? "central cannot be reached: " + error.message
                   : reason,
               wait);
    current_.reset();
    return;
  }
  retryLater(reason,
             error.code);  // this case only (a 5xx or a malformed reply about it): the others go on
}

void SyncEngine::quarantine(const std::string& reason, const std::string& code) {
  repo_.quarantine(current_->item.caseId, reason, code, nowIso());
  hooks_.notify({SyncEvent::Kind::Quarantined, current_->item.uuid, current_->item.provisionalNo,
                 "", reason, code});
  done();
}

void SyncEngine::retryLater(const std::string& reason, const std::string& code) {
  const auto wait = backoff_.delayFor(current_->item.attempts);
  repo_.scheduleRetry(current_->item.caseId, reason, code, localdb::isoUtc(hooks_.now() + wait));
  done();
}

void SyncEngine::pauseQueue(const std::string& reason, std::chrono::milliseconds forHowLong) {
  pausedUntil_ = hooks_.now() + forHowLong;
  pauseReason_ = reason;
  hooks_.notify({SyncEvent::Kind::Paused, "", "", "", reason});
  hooks_.postAfter(forHowLong + std::chrono::milliseconds(1), [this] { kick(); });
}

void SyncEngine::done() {
  forgetMaterials(*current_);
  current_.reset();
  hooks_.post([this] { kick(); });
}

void SyncEngine::pullFeed() {
  if (feedInFlight_ || authPause_) return;
  feedInFlight_ = true;
  lastFeedPull_ = hooks_.now();
  port_.changes(repo_.feedCursor(),
                onEngine<api::ChangePage>([this](api::Result<api::ChangePage> result) {
                  feedInFlight_ = false;
                  if (!result.ok()) {
                    hooks_.log("change feed: " + result.error().message);
                    return;
                  }
                  applyFeed(result.value());
                  if (!result.value().changes.empty()) pullFeed();  // there may be more pages
                }));
}

void SyncEngine::applyFeed(const api::ChangePage& page) {
  localdb::CaseRepository cases(db_);
  const std::string at = nowIso();
  for (const api::Change& change : page.changes) {
    try {
      const auto record = cases.findByUuid(change.caseUuid);
      if (!record) continue;  // not ours (or not yet imported): nothing to update
      if (change.kind == "official-number" && !change.officialNo.empty()) {
        if (record->officialNo == change.officialNo) continue;  // already bound from the receipt
        cases.bindOfficialNumber(change.caseUuid, change.officialNo, {"central", at});
        hooks_.notify({SyncEvent::Kind::Confirmed, change.caseUuid,
                       record->provisionalNo.value_or(""), change.officialNo, ""});
      } else if (change.kind == "sub-case" && !change.number.empty()) {
        const localdb::SubCaseRecord subCase{change.number,
                                             change.matterCode,
                                             change.text,
                                             change.department,
                                             change.state.empty() ? "routed" : change.state,
                                             change.at};
        if (cases.recordSubCase(change.caseUuid, subCase, {"central", at})) {
          SyncEvent event{SyncEvent::Kind::SubCaseRouted, change.caseUuid,
                          record->provisionalNo.value_or(""), record->officialNo.value_or(""),
                          subCase.state};
          event.subCase = subCase;
          hooks_.notify(event);
        }
      } else if (change.kind == "certificate" && !change.number.empty()) {
        // What the certificate prints must be what central meant: an unreadable entry is left
        // out (and said), never printed with a guess.
        const std::optional<std::string> issuedAt = api::isoFromWireTime(change.at);
        const auto badField = std::find_if(
            change.fields.begin(), change.fields.end(),
            [](const auto& field) { return !localdb::isCertificateFieldName(field.first); });
        const bool validDate =
            change.validUntil.empty() ||
            (change.validUntil.size() == 10 && api::wireDateFromIso(change.validUntil));
        if (!issuedAt || badField != change.fields.end() || !validDate) {
          hooks_.log("change feed: the certificate of case " + change.caseUuid + " is skipped: " +
                     (!issuedAt ? "its time '" + change.at + "' is not a time"
                      : !validDate
                          ? "its valid-until '" + change.validUntil + "' is not a date"
                          : "its field '" + badField->first + "' is not a template field"));
          continue;
        }
        const localdb::CertificateRecord certificate{
            change.seq,        change.number, *issuedAt, change.issuer,
            change.validUntil, change.fields, at,        ""};
        if (localdb::recordCertificate(db_, change.caseUuid, certificate, {"central", at})) {
          hooks_.notify({SyncEvent::Kind::CertificateIssued, change.caseUuid,
                         record->provisionalNo.value_or(""), record->officialNo.value_or(""),
                         change.number});
        }
      } else if (change.kind == "supervision") {
        // A supervisor's 督办 mark, set or lifted at central (API.md §4.13), for the clerk.
        const std::optional<std::string> markedAt = api::isoFromWireTime(change.at);
        const bool marked = change.state == "marked";
        if (change.text.empty() || change.by.empty() || !markedAt ||
            (!marked && change.state != "lifted")) {
          hooks_.log("change feed: the supervision change " + std::to_string(change.seq) +
                     " of case " + change.caseUuid + " is skipped: it has no note or supervisor, " +
                     "its state '" + change.state +
                     "' is neither marked nor lifted, or its time '" + change.at +
                     "' is not a time");
          continue;
        }
        if (localdb::applyCentralSupervision(db_, *record, marked, change.text,
                                             {change.by, *markedAt, ""}, change.seq)) {
          hooks_.notify({SyncEvent::Kind::Supervised, change.caseUuid,
                         record->provisionalNo.value_or(""), record->officialNo.value_or(""),
                         marked ? change.text : std::string()});
        }
      } else if ((change.kind == "status" || change.kind == "decision") && !change.state.empty()) {
        const auto target = localdb::caseStateFromName(change.state);
        if (target && *target != record->state &&
            cases.walkToState(change.caseUuid, *target, {"central", at},
                              change.text.empty() ? change.result : change.text,
                              localdb::CaseRepository::Origin::Central)) {
          hooks_.notify({SyncEvent::Kind::StateChanged, change.caseUuid,
                         record->provisionalNo.value_or(""), record->officialNo.value_or(""),
                         change.state});
        } else if (target && *target != record->state) {
          hooks_.log("change feed: case " + change.caseUuid + " cannot go from " +
                     std::string(localdb::caseStateName(record->state)) + " to " + change.state);
        }
      }
    } catch (const std::exception& error) {
      hooks_.log("change feed: case " + change.caseUuid + ": " + error.what());
    }
  }
  repo_.setFeedCursor(page.next);
}

}  // namespace onewindow::sync
