#pragma once
// Cases of the sample catalog (forms/catalog) that keep every rule of the window, made with the
// forms library the way the engine makes them: the material list from the scenario answers,
// the due dates on the working calendar, the intake form filled in as a clerk would. Tests that
// take cases in through the engine, or send them to central by hand, start from these, so that
// a test about sync or numbering is never refused for a rule it does not test.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "forms/catalog.hpp"
#include "forms/intake_rules.hpp"
#include "forms/xform.hpp"

namespace onewindow::test {

// A valid 18-character ID number (GB 11643) of someone born in 1990: 44030519900101123X.
inline constexpr const char* kSampleIdNumber = "44030519900101123X";
// The sample catalog's individual business registration (个体工商户设立登记): a form, a
// scenario question, three main materials, 3 working days.
inline constexpr const char* kSampleMatter = "000131128000";
// The senior card (敬老优待证): a form, no scenario question.
inline constexpr const char* kSeniorCard = "440300200002";

[[nodiscard]] std::filesystem::path sampleCatalogDir();
[[nodiscard]] std::filesystem::path sampleCatalogFile();
// Loaded once per process.
[[nodiscard]] std::shared_ptr<const forms::Catalog> sampleCatalog();

// A copy of the sample catalog in `directory` with text replaced in some of its files (a
// release central has and a station does not: a changed limit, a stricter form). Each edit is
// (file relative to the catalog directory, text, replacement); the text must occur.
struct CatalogEdit {
  std::string file;
  std::string text;
  std::string replacement;
};
[[nodiscard]] std::filesystem::path copySampleCatalog(const std::filesystem::path& directory,
                                                      const std::vector<CatalogEdit>& edits);

// The sample catalog as central has it after a stricter release than the station's: an
// individual business (kSampleMatter) needs at least five employees, where the sample form
// answers one. A station on the sample catalog takes such a case in; central refuses it with
// the problem located at /data/business/employees.
[[nodiscard]] std::filesystem::path stricterSampleCatalog(const std::filesystem::path& directory);

// Answers the form's questions until it has no problem: for each problem the next plausible
// answer of its kind (a valid ID number, a mobile number, a postcode, each choice in turn, a
// number, a date, a file name). Throws std::runtime_error naming what it could not answer.
// `given` are answered first, as the test wants them (path, answer).
[[nodiscard]] std::string filledInstance(
    const std::shared_ptr<const forms::XFormDefinition>& definition,
    std::chrono::system_clock::time_point at,
    const std::vector<std::pair<std::string, std::string>>& given = {});

// 12:00 China Standard Time on 2026-11-27, a Friday: the intake time of the sample bodies.
[[nodiscard]] std::chrono::system_clock::time_point sampleIntakeTime();

// Everything a case of `code` taken in at `at` records, as the rules make it.
struct SampleIntake {
  forms::IntakeSubject subject;
  forms::ScenarioAnswers scenarios;  // the first answer of each scenario question
  std::vector<forms::ChecklistItem> checklist;
  std::vector<forms::CaseSlot> slots;
  forms::DueDates due;
  std::string formId;
  std::string formVersion;
  std::string instanceXml;  // filled in; empty when the matter has no form
};
[[nodiscard]] SampleIntake sampleIntake(
    const std::string& code = kSampleMatter,
    std::chrono::system_clock::time_point at = sampleIntakeTime());

// The body of PUT /api/v1/cases/{uuid}?version=n for a case of the sample catalog that keeps
// every rule: every material received (pages, when given, on the first slot), the applicant,
// and the decision the state follows from ("intake": none; "accepted", "refused",
// "awaiting_correction": that decision at intake + 5 minutes; "accepted_with_gaps": the first
// material that may be a gap is one, supplied by the promised date).
struct SampleCaseBody {
  std::string uuid;
  int version = 1;
  std::vector<std::string> pageSha256s;
  std::string state = "accepted";
  std::string applicant = "张三";
  std::string matterCode = kSampleMatter;
  std::string instanceXml;  // empty: the filled sample instance
};
[[nodiscard]] std::string sampleCaseXml(const SampleCaseBody& body);

}  // namespace onewindow::test
