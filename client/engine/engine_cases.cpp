// The case lifecycle through the engine: drafts with autosave, materials, finalize at
// intake, decisions and applicant search. Each command is one transaction in the local store
// and answers with a notification carrying the caller's requestId.

#include <algorithm>
#include <set>

#include <pugixml.hpp>

#include "client/engine/case_uuid.hpp"
#include "client/engine/decision_details.hpp"
#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"
#include "localdb/captured_pages.hpp"
#include "localdb/case_queries.hpp"
#include "localdb/case_snapshot.hpp"
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

// The store's slot for a checklist material, with what the clerk recorded for it.
localdb::SlotInput slotFor(const forms::CaseSlot& slot,
                           const std::vector<MaterialAnswer>& answers) {
  localdb::SlotInput input;
  input.key = slot.key;
  input.name = slot.name;
  input.mandatory = slot.main;
  input.status = slot.status;
  const auto answer = std::find_if(answers.begin(), answers.end(),
                                   [&](const MaterialAnswer& a) { return a.key == slot.key; });
  if (answer != answers.end()) {
    input.originals = answer->originals;
    input.copies = answer->copies;
    input.eLicenceId = answer->eLicenceId;
    input.note = answer->note;
    input.pages = answer->pages;
  }
  return input;
}

// The media type recorded with a stored file, from its extension (what the form's upload control
// and the scanners give: scans and PDFs).
std::string mediaTypeOf(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".pdf") return "application/pdf";
  if (extension == ".jpg" || extension == ".jpeg") return "image/jpeg";
  if (extension == ".png") return "image/png";
  if (extension == ".tif" || extension == ".tiff") return "image/tiff";
  return "application/octet-stream";
}

// The applicant's mobile number as the sample catalog's forms ask it (/data/applicant/mobile),
// so the case can be found by it; empty when the form has no such answer.
std::string applicantMobileOf(const std::string& instanceXml) {
  pugi::xml_document instance;
  if (instanceXml.empty() || !instance.load_string(instanceXml.c_str())) return "";
  const pugi::xml_node mobile = instance.document_element().child("applicant").child("mobile");
  std::string digits;
  for (const char c : std::string(mobile.text().get()))
    if (c >= '0' && c <= '9') digits += c;
  return digits;
}

}  // namespace

void Engine::Impl::requireNoCaptureInto(const std::string& caseUuid, const std::string& then) {
  // The pages still coming belong in the material: finish or stop the capture first.
  std::lock_guard lock(capturesMutex_);
  for (const auto& [request, running] : captures_) {
    if (running.caseUuid == caseUuid) {
      throw localdb::CaseError(
          localdb::CaseError::Kind::Conflict,
          "a capture into this case is still running: stop it or let it end, then " + then);
    }
  }
}

std::optional<forms::CivilDate> gapDeadlineOf(const DecisionAnswer& answer,
                                              std::vector<forms::RuleProblem>& problems) {
  if (answer.gapDeadline.empty()) return std::nullopt;
  const auto date = forms::CivilDate::parseIso(answer.gapDeadline);
  if (!date) {
    problems.push_back(
        {forms::Rule::GapDeadlineMissing, "decision.deadline", "", answer.gapDeadline,
         "the supplement deadline '" + answer.gapDeadline + "' is not a date (YYYY-MM-DD)"});
  }
  return date;
}

localdb::DecisionInput decisionInput(const DecisionAnswer& answer,
                                     const forms::DecisionRequest& request,
                                     const std::string& legalBasis,
                                     const std::vector<forms::CaseSlot>& slots,
                                     const std::vector<forms::Problem>& formProblems) {
  localdb::DecisionInput decision;
  decision.kind = answer.kind;
  decision.grounds = answer.grounds;
  if (answer.kind == DecisionKind::Refuse)
    decision.legalBasis = answer.legalBasis.empty() ? legalBasis : answer.legalBasis;
  if (request.gapDeadline && answer.kind == DecisionKind::AcceptWithGaps)
    decision.gapDeadline = request.gapDeadline->iso();
  decision.commitmentSigned = answer.kind == DecisionKind::AcceptWithGaps;
  decision.detailsXml = decisionDetailsXml(request, slots, formProblems);
  return decision;
}

localdb::Actor Engine::Impl::actor() const {
  return {session_->clerkId, isoUtc(clock_->now()), session_->windowCode};
}

void Engine::Impl::withClerk(std::uint64_t requestId, const std::function<void()>& work) {
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
  } catch (const RefusedByRules& refused) {
    publish(CommandFailed{requestId, refused.failure(), refused.what(), refused.problems()});
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
    const forms::CivilDate today = forms::chinaDate(clock_->now());
    const forms::IntakeSubject subject = requireSubject(command.matterCode, today);
    const std::string uuid = newCaseUuid();
    cases_->createDraft({uuid, subject.code(), subject.name().zh, session_->windowCode}, actor());
    publish(DraftStarted{command.requestId, uuid, subject.code(), subject.name().zh,
                         forms::dueDatesFor(*catalog_, subject, today)});
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
    publish(
        MaterialStored{command.requestId, stored.sha256, stored.size, mediaTypeOf(command.source)});
  });
}

void Engine::Impl::handle(FinalizeIntake& command) {
  withClerk(command.requestId, [&] {
    const std::optional<localdb::CaseRecord> record = cases_->findByUuid(command.uuid);
    if (!record)
      throw localdb::CaseError(localdb::CaseError::Kind::NotFound, "no case " + command.uuid);
    if (record->state != localdb::CaseState::Draft) {
      throw localdb::CaseError(localdb::CaseError::Kind::WrongState,
                               "case " + command.uuid + " has been taken in already");
    }
    requireNoCaptureInto(command.uuid, "take the case in");
    // Pages captured into the slots become the materials' files now; a material with pages
    // captured was received.
    std::set<std::string> captured;
    for (const localdb::CapturedPage& page :
         localdb::CapturedPageRepository(store_->database()).pagesOfCase(command.uuid))
      captured.insert(page.slotKey);
    for (const std::string& key : captured) {
      auto answer =
          std::find_if(command.materials.begin(), command.materials.end(),
                       [&](const MaterialAnswer& material) { return material.key == key; });
      if (answer == command.materials.end()) {
        command.materials.push_back(MaterialAnswer{key, MaterialStatus::Received});
        answer = std::prev(command.materials.end());
      }
      if (answer->status == MaterialStatus::Pending) answer->status = MaterialStatus::Received;
      // Pages go with a received material only: one marked missing after all keeps none.
      if (answer->status != MaterialStatus::Received) continue;
      for (PageRef& page : capturedMaterial(requireCaptureSlot(command.uuid, key)))
        answer->pages.push_back(std::move(page));
    }
    // Every page must already be durable in the material store before the row points to it.
    for (const MaterialAnswer& material : command.materials) {
      for (const PageRef& page : material.pages) {
        if (!materials_->contains(page.sha256)) {
          throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                                   "the page " + page.sha256 + " of material '" + material.key +
                                       "' is not in the material store");
        }
      }
    }
    const auto now = clock_->now();
    const forms::CivilDate today = forms::chinaDate(now);
    const forms::Catalog& catalog = requireCatalog();
    const forms::IntakeSubject subject = requireSubject(record->matterCode, today);
    const DraftContent content = cases_->contentOf(command.uuid).value_or(DraftContent{});
    forms::IntakeInput input{
        {content.applicantName, content.applicantIdType, content.applicantIdNumber},
        {content.formId, content.formVersion, content.instanceXml},
        command.scenarios,
        {}};
    for (const MaterialAnswer& material : command.materials)
      input.materials.push_back({material.key, material.status, material.pages.size()});
    const forms::IntakeCheck check =
        forms::checkIntake(catalog, subject, formOf(subject), input, now);
    // A form whose only fault is its answers may be taken in to hand out a correction notice.
    if (!check.problems.empty() && !(command.forCorrection && check.onlyFormAnswers()))
      throw RefusedByRules(CommandFailure::BrokenRules, check.problems);

    localdb::FinalizeInput finalize;
    finalize.numberDate = today.compact();  // the intake date in Shenzhen, as the receipt says
    for (const forms::CaseSlot& slot : check.slots)
      finalize.slots.push_back(slotFor(slot, command.materials));
    if (check.due.legal) finalize.legalDueDate = check.due.legal->iso();
    finalize.promisedDueDate = check.due.promised.iso();
    finalize.scenarioAnswers = forms::scenarioAnswersText(command.scenarios);
    finalize.applicantPhone = applicantMobileOf(content.instanceXml);
    const localdb::FinalizedCase finalized = cases_->finalizeIntake(
        command.uuid, finalize, {session_->clerkId, isoUtc(now), session_->windowCode});
    publish(CaseFinalized{
        command.requestId, finalized.uuid, finalized.provisionalNo, finalized.intakeAt, check.due,
        check.slots, check.formProblems, forms::legalBasisOf(catalog, subject, today),
        forms::correctionNoticeDeadline(forms::windowCalendar(catalog, subject, today), today)});
    publishPendingCount();
  });
}

void Engine::Impl::handle(RecordDecision& command) {
  withClerk(command.requestId, [&] {
    const localdb::CaseRecord record = requireCase(command.caseRef);
    if (record.state != localdb::CaseState::Intake) {
      throw localdb::CaseError(localdb::CaseError::Kind::WrongState,
                               "case " + record.provisionalNo.value_or(record.uuid) + " is " +
                                   std::string(localdb::caseStateName(record.state)) +
                                   ": a decision at the window is taken once, after intake");
    }
    const DecisionAnswer& answer = command.decision;
    std::vector<forms::RuleProblem> problems;
    const forms::DecisionRequest request{answer.kind, answer.grounds,
                                         gapDeadlineOf(answer, problems), answer.commitmentSigned};
    const CaseRules rules = rulesOf(record);
    if (problems.empty())
      problems = forms::checkDecision(rules.facts, request, forms::chinaDate(clock_->now()));
    if (!problems.empty()) throw RefusedByRules(CommandFailure::BrokenRules, problems);

    const localdb::CaseState state = cases_->recordDecision(
        record.uuid,
        decisionInput(answer, request, rules.legalBasis, rules.facts.slots, rules.formProblems),
        actor());
    const std::size_t decisions = localdb::decisionsOfCase(store_->database(), record.id).size();
    publish(DecisionRecorded{command.requestId, record.uuid, state, decisionVisit(decisions)});
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
