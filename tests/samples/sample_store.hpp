#pragma once
// A sample case written straight into a station's store, as the engine would have written it
// after finalizing (for tests and benchmarks that need an outbox without driving an engine).
// Header-only: its users link the local store already.

#include <string>
#include <vector>

#include "forms/intake_rules.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/iso_time.hpp"
#include "sample_case.hpp"

namespace onewindow::test {

// A draft of `intake`'s matter by `clerk` at window W03, finalized at `clerk.at` with every
// material received (`pages[i]` on the i-th), the due dates and scenario answers of the intake.
inline localdb::FinalizedCase storeSampleCase(
    localdb::CaseRepository& cases, const SampleIntake& intake, const std::string& uuid,
    const std::string& applicant, const localdb::Actor& clerk,
    const std::vector<std::vector<localdb::PageInput>>& pages = {}) {
  cases.createDraft({uuid, intake.subject.code(), intake.subject.name().zh, "W03"}, clerk);
  cases.saveDraft(uuid,
                  {applicant, "id_card", kSampleIdNumber, intake.formId, intake.formVersion,
                   intake.instanceXml},
                  clerk);
  localdb::FinalizeInput input;
  input.numberDate = forms::chinaDate(*localdb::parseIsoUtc(clerk.at)).compact();
  for (std::size_t i = 0; i < intake.slots.size(); ++i) {
    const forms::CaseSlot& slot = intake.slots[i];
    input.slots.push_back({slot.key, slot.name, slot.main, localdb::MaterialStatus::Received, 1, 0,
                           "", "",
                           i < pages.size() ? pages[i] : std::vector<localdb::PageInput>{}});
  }
  if (intake.due.legal) input.legalDueDate = intake.due.legal->iso();
  input.promisedDueDate = intake.due.promised.iso();
  input.scenarioAnswers = forms::scenarioAnswersText(intake.scenarios);
  return cases.finalizeIntake(uuid, input, clerk);
}

}  // namespace onewindow::test
