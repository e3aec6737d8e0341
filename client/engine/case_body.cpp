#include "client/engine/case_body.hpp"

#include "client/api/case_document.hpp"
#include "forms/intake_rules.hpp"

namespace onewindow::engine {

std::string caseBody(const localdb::CaseSnapshot& snapshot, int version) {
  const localdb::CaseRecord& r = snapshot.record;
  api::CaseDocument document;
  document.uuid = r.uuid;
  document.version = version;
  document.provisionalNo = r.provisionalNo.value_or("");
  document.window = r.windowCode;
  document.clerkId = r.clerkId;
  document.matterCode = r.matterCode;
  document.matterName = r.matterName;
  document.state = std::string(localdb::caseStateName(r.state));
  document.intakeAt = r.intakeAt.value_or("");
  document.acceptedAt = r.acceptedAt.value_or("");
  document.promisedDue = r.promisedDueDate.value_or("");
  document.legalDue = r.legalDueDate.value_or("");
  document.applicant = {r.applicantName, r.applicantIdType, r.applicantIdNumber};
  // Stored by the engine in the one text form; a case from before the form existed has none.
  for (const auto& [question, chosen] : forms::parseScenarioAnswers(r.scenarioAnswers)) {
    for (const std::string& answer : chosen) document.scenario.push_back({question, answer});
  }
  document.form = {snapshot.formId, snapshot.formVersion, snapshot.instanceXml,
                   snapshot.formRevisedAt, snapshot.formRevisedAfter};
  for (const localdb::SlotSnapshot& slot : snapshot.slots) {
    api::CaseSlot out{
        slot.key,    slot.name, slot.mandatory,  slot.status,       slot.originals,
        slot.copies, {},        slot.suppliedAt, slot.statusBefore, slot.suppliedAfter};
    for (const localdb::PageSnapshot& page : slot.pages)
      out.pages.push_back({page.sha256, page.sizeBytes});
    document.slots.push_back(std::move(out));
  }
  for (const localdb::DecisionSnapshot& d : snapshot.decisions) {
    document.decisions.push_back({d.kind, d.decidedAt, d.clerkId, d.grounds, d.legalBasis,
                                  d.gapDeadline, d.commitmentSigned});
  }
  for (const localdb::DocumentSnapshot& d : snapshot.documents) {
    document.documents.push_back(
        {d.kind, d.documentNo, d.issuedAt, d.sha256, d.sizeBytes, d.reprint});
  }
  for (const localdb::CaseEventRecord& e : snapshot.events) {
    const localdb::CaseEventInput& event = e.event;
    document.events.push_back({std::string(localdb::caseEventKindName(event.kind)), e.at, e.clerkId,
                               event.reason, event.collectorName, event.collectorIdType,
                               event.collectorIdNumber, event.authorised, event.idChecked,
                               event.documents, event.carrier, event.trackingNo});
  }
  return api::toXml(document);
}

}  // namespace onewindow::engine
