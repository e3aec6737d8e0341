#pragma once
// Sample cases (tests/samples/sample_case.hpp) in the engine's terms: the draft and the material
// answers a front end sends for them. Header-only: every test executable that drives an
// engine links it already.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/engine/case_values.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"
#include "sample_case.hpp"

namespace onewindow::test {

// The applicant and the form of a case of the sample catalog, answered as a clerk would.
inline engine::DraftContent sampleDraft(const SampleIntake& intake, const std::string& applicant,
                                        const std::string& idNumber = kSampleIdNumber) {
  return {applicant, "id_card", idNumber, intake.formId, intake.formVersion, intake.instanceXml};
}

// The sample intake's filled form with one answer changed (a wrong one, a long one).
inline std::string answeredInstance(const SampleIntake& intake, const std::string& path,
                                    const std::string& value) {
  const auto definition = std::make_shared<const forms::XFormDefinition>(
      forms::loadXForm(intake.subject.form()->path.string()));
  forms::FormSession session = forms::FormSession::resume(definition, intake.instanceXml);
  (void)session.setAnswer(path, value);
  return session.instanceXml();
}

// What the clerk records for the sample intake's materials: every one received, `pages` on the
// first; `status` for any material named in `otherwise`.
inline std::vector<engine::MaterialAnswer> sampleMaterials(
    const SampleIntake& intake, const std::vector<engine::PageRef>& pages = {},
    const std::map<std::string, engine::MaterialStatus>& otherwise = {}) {
  std::vector<engine::MaterialAnswer> answers;
  for (const forms::CaseSlot& slot : intake.slots) {
    engine::MaterialAnswer answer;
    answer.key = slot.key;
    const auto special = otherwise.find(slot.key);
    answer.status = special != otherwise.end() ? special->second : engine::MaterialStatus::Received;
    if (answer.status == engine::MaterialStatus::Received) {
      answer.originals = 1;
      if (answers.empty()) answer.pages = pages;
    }
    answers.push_back(std::move(answer));
  }
  return answers;
}

}  // namespace onewindow::test
