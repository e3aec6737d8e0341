// The case lifecycle through the engine: drafts with autosave, materials, finalize at
// intake, decisions and applicant search. Each command is one transaction in the local store
// and answers with a notification carrying the caller's requestId.

#include "client/engine/case_uuid.hpp"
#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"
#include "localdb/case_queries.hpp"
#include "localdb/sync_repository.hpp"

namespace onewindow::engine {
namespace {

CommandFailure failureFrom(const localdb::CaseError& error) {
  switch (error.kind()) {
    case localdb::CaseError::Kind::NotFound:
      return CommandFailure::NotFound;
    case localdb::CaseError::Kind::WrongState:
      return CommandFailure::WrongState;
    case localdb::CaseError::Kind::Invalid:
    case localdb::CaseError::Kind::Conflict:
      return CommandFailure::Invalid;
  }
  return CommandFailure::Invalid;
}

// Who may search applicants by name across all cases (privacy): supervisors. A clerk finds
// a case by its number or by scanning the applicant's ID.
bool maySearchApplicantNames(Role role) { return role == Role::Supervisor; }

}  // namespace

localdb::Actor Engine::Impl::actor() const { return {session_->clerkId, isoUtc(clock_->now())}; }

template <typename Work>
void Engine::Impl::withClerk(std::uint64_t requestId, Work&& work) {
  if (!session_) {
    publish(CommandFailed{requestId, CommandFailure::NotLoggedIn,
                          "no clerk is logged in at this window"});
    return;
  }
  if (!cases_ || !sync_) {
    publish(CommandFailed{requestId, CommandFailure::Storage, "the local store is not open"});
    return;
  }
  try {
    work();
  } catch (const localdb::CaseError& error) {
    publish(CommandFailed{requestId, failureFrom(error), error.what()});
  } catch (const localdb::MaterialStoreError& error) {
    const bool full = error.kind() == localdb::MaterialStoreError::Kind::DiskFull;
    publish(CommandFailed{requestId, full ? CommandFailure::DiskFull : CommandFailure::Storage,
                          error.what()});
  } catch (const localdb::SqliteError& error) {
    const CommandFailure failure =
        error.isDiskFull() ? CommandFailure::DiskFull : CommandFailure::Storage;
    const std::string message =
        error.isDiskFull()
            ? std::string("the disk is full: nothing was saved; free space and try again (") +
                  error.what() + ")"
            : error.what();
    log("case command failed: " + message);
    publish(CommandFailed{requestId, failure, message});
  } catch (const std::exception& error) {
    log(std::string("case command failed: ") + error.what());
    publish(CommandFailed{requestId, CommandFailure::Storage, error.what()});
  }
}

void Engine::Impl::handle(StartDraft& command) {
  withClerk(command.requestId, [&] {
    const std::string uuid = newCaseUuid();
    cases_->createDraft({uuid, command.matterCode, command.matterName, session_->windowCode},
                        actor());
    publish(DraftStarted{command.requestId, uuid});
  });
}

void Engine::Impl::handle(SaveDraft& command) {
  withClerk(command.requestId, [&] {
    const localdb::Actor by = actor();
    cases_->saveDraft(command.uuid, command.content, by);
    publish(DraftSaved{command.requestId, command.uuid, by.at});
  });
}

void Engine::Impl::handle(StoreMaterial& command) {
  withClerk(command.requestId, [&] {
    const localdb::StoredFile stored = materials_->putFile(command.source);
    publish(MaterialStored{command.requestId, stored.sha256, stored.size});
  });
}

void Engine::Impl::handle(FinalizeIntake& command) {
  withClerk(command.requestId, [&] {
    // Every page must already be durable in the material store before the row points to it.
    for (const localdb::SlotInput& slot : command.slots) {
      for (const localdb::PageInput& page : slot.pages) {
        if (!materials_->contains(page.sha256)) {
          throw localdb::CaseError(
              localdb::CaseError::Kind::Invalid,
              "the page " + page.sha256 + " of “" + slot.name + "” is not in the material store");
        }
      }
    }
    const auto now = clock_->now();
    const localdb::FinalizedCase finalized = cases_->finalizeIntake(
        command.uuid,
        {localDateCompact(now), command.slots, command.legalDueDate, command.promisedDueDate},
        {session_->clerkId, isoUtc(now)});
    publish(CaseFinalized{command.requestId, finalized.uuid, finalized.provisionalNo,
                          finalized.intakeAt});
    publishPendingCount();
  });
}

void Engine::Impl::handle(RecordDecision& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseState state =
        cases_->recordDecision(command.uuid, command.decision, actor());
    publish(DecisionRecorded{command.requestId, command.uuid, state});
    publishPendingCount();
    sync_->kick();
  });
}

void Engine::Impl::handle(SearchApplicants& command) {
  withClerk(command.requestId, [&] {
    if (!maySearchApplicantNames(session_->role)) {
      publish(CommandFailed{
          command.requestId, CommandFailure::NotAllowed,
          "searching applicants by name is for supervisors; find the case by its number"});
      return;
    }
    localdb::CaseQueries queries(store_->database());
    publish(CasesFound{command.requestId, queries.searchApplicantName(command.typed)});
  });
}

void Engine::Impl::handle(RetrySync& command) {
  withClerk(command.requestId, [&] {
    const auto record = cases_->findByUuid(command.uuid);
    if (!record)
      throw localdb::CaseError(localdb::CaseError::Kind::NotFound, "no case " + command.uuid);
    localdb::SyncRepository(store_->database()).requeue(record->id);
    audit(session_->clerkId, "sync.retry", command.uuid);
    publishPendingCount();
    sync_->kick();
    publish(SyncQueueListed{command.requestId,
                            localdb::SyncRepository(store_->database()).list(false)});
  });
}

}  // namespace onewindow::engine
