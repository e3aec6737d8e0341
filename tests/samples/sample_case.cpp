#include "sample_case.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <pugixml.hpp>

#include "forms/catalog_loader.hpp"
#include "forms/form_session.hpp"
#include "forms/validators.hpp"
#include "forms/xform_cache.hpp"

namespace onewindow::test {
namespace {

std::string idNumberBornIn(const std::string& birthDate) {
  const std::string first17 = "440305" + birthDate + "123";
  return first17 + forms::idNumberCheckCharacter(first17);
}

std::string usccNumber() {
  const std::string first17 = "91440300MA5DC1234";
  return first17 + forms::usccCheckCharacter(first17);
}

// Plausible answers of a type, tried in order until the form takes one.
std::vector<std::string> candidatesFor(forms::DataType type) {
  switch (type) {
    case forms::DataType::Int:
      return {"1", "2", "3", "10", "70", "100", "3000", "0"};
    case forms::DataType::Decimal:
      return {"1", "10000", "3000", "0.5", "0"};
    case forms::DataType::Date:
      return {"2020-01-01", "2000-06-15", "2026-11-20", "1950-01-01"};
    case forms::DataType::Time:
      return {"09:30"};
    case forms::DataType::DateTime:
      return {"2026-11-27T09:30:00"};
    case forms::DataType::Binary:
      return {"scan.pdf"};
    default:
      return {"测试",
              kSampleIdNumber,
              "13800138000",
              "518000",
              usccNumber(),
              idNumberBornIn("19500101"),
              idNumberBornIn("20200101"),
              "深圳市福田区福华路1号",
              "6222021234567890",
              "1"};
  }
}

std::vector<std::string> answersFor(const forms::ControlView& control) {
  if (control.kind == forms::ControlKind::Select1 || control.kind == forms::ControlKind::Select) {
    std::vector<std::string> values;
    for (const forms::ChoiceView& choice : control.choices) values.push_back(choice.value);
    return values;
  }
  return candidatesFor(control.kind == forms::ControlKind::Upload ? forms::DataType::Binary
                                                                  : control.type);
}

}  // namespace

std::filesystem::path sampleCatalogDir() {
  return std::filesystem::path(ONEWINDOW_SOURCE_DIR) / "forms" / "catalog";
}

std::filesystem::path sampleCatalogFile() { return sampleCatalogDir() / "catalog.xml"; }

std::shared_ptr<const forms::Catalog> sampleCatalog() {
  static std::once_flag once;
  static std::shared_ptr<const forms::Catalog> catalog;
  std::call_once(once, [] {
    catalog = std::make_shared<const forms::Catalog>(forms::loadCatalog(sampleCatalogFile()));
  });
  return catalog;
}

std::filesystem::path copySampleCatalog(const std::filesystem::path& directory,
                                        const std::vector<CatalogEdit>& edits) {
  std::filesystem::create_directories(directory);
  std::filesystem::copy(
      sampleCatalogDir(), directory,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  for (const CatalogEdit& edit : edits) {
    const std::filesystem::path file = directory / edit.file;
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::size_t at = text.find(edit.text);
    if (at == std::string::npos)
      throw std::runtime_error("copySampleCatalog: '" + edit.text + "' is not in " + edit.file);
    text.replace(at, edit.text.size(), edit.replacement);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  }
  return directory;
}

std::filesystem::path stricterSampleCatalog(const std::filesystem::path& directory) {
  return copySampleCatalog(directory, {{"forms/individual_business.xml",
                                        ". &gt;= 1 and . &lt;= 999", ". &gt;= 5 and . &lt;= 999"}});
}

std::chrono::system_clock::time_point sampleIntakeTime() {
  // 2026-11-27T04:00:00Z
  return std::chrono::system_clock::time_point(
      std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + std::chrono::hours(4));
}

std::string filledInstance(const std::shared_ptr<const forms::XFormDefinition>& definition,
                           std::chrono::system_clock::time_point at,
                           const std::vector<std::pair<std::string, std::string>>& given) {
  forms::SessionOptions options;
  options.clock = [at] { return at; };
  // The same answers every time: a case body sent twice must be the same bytes.
  options.newInstanceId = [] { return std::string("uuid:00000000-0000-4000-8000-000000000001"); };
  forms::FormSession session(definition, options);
  for (const auto& [path, answer] : given) (void)session.setAnswer(path, answer);
  std::map<std::string, std::size_t> tried;
  for (const auto& [path, answer] : given) tried[path] = ~std::size_t{0};  // kept as given
  // Answers change what is relevant and which choices a cascade offers: go round until done.
  for (int round = 0; round < 40; ++round) {
    const std::vector<forms::Problem> problems = session.problems();
    if (problems.empty()) return session.instanceXml();
    for (const forms::Problem& problem : problems) {
      const forms::ControlView control = session.control(problem.path);
      const std::vector<std::string> answers = answersFor(control);
      std::size_t& next = tried[problem.path];
      if (next == ~std::size_t{0} || next >= answers.size()) {
        throw std::runtime_error("the sample filler has no answer for " + problem.path + " (" +
                                 problem.label + ": " + problem.message + ") of form " +
                                 definition->id);
      }
      try {
        (void)session.setAnswer(problem.path, answers[next++]);
      } catch (const forms::SessionError& error) {
        throw std::runtime_error("the sample filler cannot answer " + problem.path + ": " +
                                 error.what());
      }
    }
  }
  throw std::runtime_error("the sample filler did not settle form " + definition->id);
}

SampleIntake sampleIntake(const std::string& code, std::chrono::system_clock::time_point at) {
  static forms::XFormCache cache;
  // Drills take hundreds of cases in: one filled form per matter and day is enough.
  static std::mutex made;
  static std::map<std::pair<std::string, std::int64_t>, SampleIntake> intakes;
  const auto catalog = sampleCatalog();
  const forms::CivilDate date = forms::chinaDate(at);
  std::lock_guard lock(made);
  if (const auto known = intakes.find({code, date.daysSinceEpoch()}); known != intakes.end())
    return known->second;
  const auto subject = forms::subjectOn(*catalog, code, date);
  if (!subject) throw std::runtime_error("the sample catalog has no matter " + code);
  SampleIntake intake;
  intake.subject = *subject;
  if (subject->matter != nullptr) {
    for (const forms::ScenarioQuestion& question : subject->matter->scenarios)
      intake.scenarios[question.id] = {question.answers.front().id};
  }
  intake.checklist = forms::intakeChecklist(*catalog, *subject, intake.scenarios, date);
  for (const forms::ChecklistItem& item : intake.checklist) {
    intake.slots.push_back({item.material.key, item.material.name.zh,
                            item.material.role == forms::MaterialRole::Main,
                            forms::MaterialStatus::Received});
  }
  intake.due = forms::dueDatesFor(*catalog, *subject, date);
  if (const auto& ref = subject->form()) {
    const auto definition = cache.load(ref->path);
    intake.formId = definition->id;
    intake.formVersion = definition->version;
    intake.instanceXml = filledInstance(definition, at);
  }
  intakes[{code, date.daysSinceEpoch()}] = intake;
  return intake;
}

std::string sampleCaseXml(const SampleCaseBody& body) {
  const SampleIntake intake = sampleIntake(body.matterCode, sampleIntakeTime());
  pugi::xml_document xml;
  pugi::xml_node root = xml.append_child("case");
  auto set = [](pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name) = value.c_str();
  };
  set(root, "uuid", body.uuid);
  set(root, "version", std::to_string(body.version));
  set(root, "provisional-no", "W03-20261127-000042");
  set(root, "window", "W03");
  set(root, "clerk-id", "c1001");
  set(root, "matter-code", intake.subject.code());
  set(root, "matter-name", intake.subject.name().zh);
  set(root, "state", body.state);
  set(root, "intake-at", "20261127T040000");
  if (body.state == "accepted" || body.state == "accepted_with_gaps")
    set(root, "accepted-at", "20261127T040500");
  set(root, "promised-due", intake.due.promised.compact());
  if (intake.due.legal) set(root, "legal-due", intake.due.legal->compact());
  pugi::xml_node applicant = root.append_child("applicant");
  set(applicant, "name", body.applicant);
  set(applicant, "id-type", "id_card");
  set(applicant, "id-number", kSampleIdNumber);
  if (!intake.scenarios.empty()) {
    pugi::xml_node scenario = root.append_child("scenario");
    for (const auto& [question, answers] : intake.scenarios) {
      for (const std::string& answer : answers) {
        pugi::xml_node node = scenario.append_child("answer");
        set(node, "question", question);
        set(node, "value", answer);
      }
    }
  }
  if (!intake.formId.empty()) {
    pugi::xml_node form = root.append_child("form");
    set(form, "id", intake.formId);
    set(form, "version", intake.formVersion);
    form.append_child(pugi::node_cdata)
        .set_value((body.instanceXml.empty() ? intake.instanceXml : body.instanceXml).c_str());
  }
  const bool withGap = body.state == "accepted_with_gaps";
  std::string gapKey;
  for (const forms::ChecklistItem& item : intake.checklist) {
    if (withGap && item.gapAllowed && gapKey.empty()) gapKey = item.material.key;
  }
  if (withGap && gapKey.empty())
    throw std::runtime_error(body.matterCode + " has no material that may be a gap");
  pugi::xml_node materials = root.append_child("materials");
  bool first = true;
  for (const forms::CaseSlot& slot : intake.slots) {
    pugi::xml_node node = materials.append_child("slot");
    set(node, "key", slot.key);
    set(node, "name", slot.name);
    set(node, "mandatory", slot.main ? "true" : "false");
    set(node, "status", slot.key == gapKey ? "gap" : "received");
    set(node, "originals", "1");
    set(node, "copies", "0");
    if (first) {
      for (const std::string& sha256 : body.pageSha256s) {
        pugi::xml_node page = node.append_child("page");
        set(page, "sha256", sha256);
        set(page, "size", "1");
      }
    }
    first = false;
  }
  pugi::xml_node decisions = root.append_child("decisions");
  const std::map<std::string, std::string> decisionOf{{"accepted", "accept"},
                                                      {"accepted_with_gaps", "accept_with_gaps"},
                                                      {"awaiting_correction", "correction_notice"},
                                                      {"refused", "refuse"}};
  if (const auto kind = decisionOf.find(body.state); kind != decisionOf.end()) {
    pugi::xml_node decision = decisions.append_child("decision");
    set(decision, "kind", kind->second);
    set(decision, "decided-at", "20261127T040500");
    set(decision, "clerk-id", "c1001");
    if (kind->second == "correction_notice" || kind->second == "refuse")
      set(decision, "grounds", "材料不齐");
    if (withGap) {
      set(decision, "gap-deadline", intake.due.promised.compact());
      set(decision, "commitment-signed", "true");
    }
  }
  std::ostringstream out;
  xml.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

}  // namespace onewindow::test
