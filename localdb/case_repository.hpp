#pragma once
// Cases in the local store: drafts, finalizing at intake, decisions, state changes,
// revisions and numbers. Every change is one IMMEDIATE transaction together with its audit
// entry; a finalized case is frozen (schema triggers back this up), later changes are
// revisions.

#include <optional>
#include <string>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

class CaseRepository {
 public:
  explicit CaseRepository(Database& db) : db_(db) {}

  void createDraft(const DraftInput& draft, const Actor& actor);
  // Autosave: replaces the draft's applicant fields and form instance.
  void saveDraft(const std::string& uuid, const DraftContent& content, const Actor& actor);
  void discardDraft(const std::string& uuid, const Actor& actor);

  // 收件: numbers the case, freezes its form as revision 1, records its materials and queues
  // it for central. The material files must already be durable in the MaterialStore.
  FinalizedCase finalizeIntake(const std::string& uuid, const FinalizeInput& input,
                               const Actor& actor);

  // A decision at the window. Its rules (行政许可法 §31–32) are decided by the engine over the
  // catalog (forms/intake_rules.hpp) before it gets here; the store checks the state table.
  CaseState recordDecision(const std::string& uuid, const DecisionInput& decision,
                           const Actor& actor);

  // A state change from elsewhere (withdrawal at the window, central's feed), checked against
  // the table. A change that came from central is not queued to go back to it.
  enum class Origin { Window, Central };
  void changeState(const std::string& uuid, CaseState to, const Actor& actor,
                   const std::string& reason, Origin origin = Origin::Window);
  // The same to a state some steps on (central's feed may name one): the table's shortest way,
  // each step audited, all in one transaction. False when the table has no way there.
  bool walkToState(const std::string& uuid, CaseState to, const Actor& actor,
                   const std::string& reason, Origin origin);

  // A change after finalizing: a new revision naming the one it replaces. Returns its number.
  int reviseCase(const std::string& uuid, const DraftContent& content, const std::string& reason,
                 const Actor& actor);
  // A correction of the answers and the decision taken on them, together or not at all.
  CaseState reviseAndDecide(const std::string& uuid, const DraftContent& content,
                            const std::string& reason, const DecisionInput& decision,
                            const Actor& actor);

  void bindOfficialNumber(const std::string& uuid, const std::string& officialNo,
                          const Actor& actor);

  // A sub-case central routed, or its new state. False when nothing changed (the feed may
  // repeat itself).
  bool recordSubCase(const std::string& uuid, const SubCaseRecord& subCase, const Actor& actor);
  [[nodiscard]] std::vector<SubCaseRecord> subCasesOf(const std::string& uuid);

  [[nodiscard]] std::optional<CaseRecord> findByUuid(const std::string& uuid);
  // By provisional or official number: both find the case forever.
  [[nodiscard]] std::optional<CaseRecord> findByNumber(const std::string& number);
  [[nodiscard]] std::vector<SlotRecord> slotsOf(std::int64_t caseId);
  [[nodiscard]] std::optional<std::string> draftInstance(const std::string& uuid);
  // The applicant and the form as they stand: a draft's autosave, a finalized case's latest
  // revision. nullopt when there is no such case.
  [[nodiscard]] std::optional<DraftContent> contentOf(const std::string& uuid);
  [[nodiscard]] std::vector<std::string> revisionsOf(
      std::int64_t caseId);  // instance XML, rev 1..N

 private:
  CaseRecord require(const std::string& uuid);
  void stepState(const CaseRecord& record, CaseState to, const Actor& actor,
                 const std::string& reason, Origin origin);

  Database& db_;
};

// Inside the caller's transaction, for commands that record a decision or a state change together
// with rows of their own (the second visit): checked against the state table, audited.
CaseState appendDecision(Database& db, const CaseRecord& record, const DecisionInput& decision,
                         const Actor& actor);
void moveCaseState(Database& db, const CaseRecord& record, CaseState to, const Actor& actor,
                   CaseRepository::Origin origin);
int appendRevision(Database& db, const CaseRecord& record, const DraftContent& content,
                   const std::string& reason, const Actor& actor);

// "W03-20261127-000042": window code, local date, station-wide sequence.
[[nodiscard]] std::string formatProvisionalNumber(const std::string& windowCode,
                                                  const std::string& numberDate,
                                                  std::int64_t sequence);

}  // namespace onewindow::localdb
