// onewindow-ctl intake and decide: a case taken in and decided from the command line, through
// the engine's commands (the same rules, the same refusals as the Intake page).

#include <algorithm>
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "client/ctl/command_arguments.hpp"
#include "client/ctl/ctl_engine.hpp"
#include "client/ctl/ctl_options.hpp"

namespace onewindow::ctl {
namespace {

constexpr const char* kIntakeUsage =
    "onewindow-ctl intake --clerk ID [--window CODE] --matter CODE --applicant NAME\n"
    "                     [--id-type id_card|uscc|passport|other] --id-number N\n"
    "                     [--form INSTANCE.xml] [--scenario QUESTION=ANSWER]...\n"
    "                     [--material KEY=STATUS[:FILE[,FILE...]]]... [--for-correction]\n"
    "                     [--catalog FILE]\n";
constexpr const char* kDecideUsage =
    "onewindow-ctl decide --clerk ID [--window CODE] --case NUMBER|UUID\n"
    "                     --decision accept|accept_with_gaps|correction_notice|refuse\n"
    "                     [--deadline YYYY-MM-DD] [--commitment-signed] [--grounds TEXT]\n"
    "                     [--legal-basis TEXT] [--catalog FILE]\n";

// "id_card=received:a.pdf,b.pdf": the material, what was recorded, the files of its pages.
bool materialAnswer(CtlEngine& session, const std::string& text, engine::MaterialAnswer& answer,
                    std::ostream& err) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    err << "onewindow-ctl: --material takes KEY=STATUS[:FILE,...], not '" << text << "'\n";
    return false;
  }
  answer.key = text.substr(0, equals);
  const std::size_t colon = text.find(':', equals);
  const std::string status =
      text.substr(equals + 1, colon == std::string::npos ? std::string::npos : colon - equals - 1);
  const auto parsedStatus = forms::materialStatusFromName(status);
  if (!parsedStatus) {
    err << "onewindow-ctl: material status '" << status
        << "' is not one of received, elicence, gap, missing, pending\n";
    return false;
  }
  answer.status = *parsedStatus;
  if (answer.status == forms::MaterialStatus::Received) answer.originals = 1;
  if (colon == std::string::npos) return true;
  std::stringstream files(text.substr(colon + 1));
  for (std::string file; std::getline(files, file, ',');) {
    const auto stored = session.call<engine::MaterialStored>(engine::StoreMaterial{0, file});
    if (!stored || std::holds_alternative<engine::CommandFailed>(*stored)) {
      err << "onewindow-ctl: the file " << file << " could not be stored: "
          << (stored ? std::get<engine::CommandFailed>(*stored).message : "no answer") << "\n";
      return false;
    }
    const auto& page = std::get<engine::MaterialStored>(*stored);
    answer.pages.push_back({page.sha256, page.size, page.mediaType});
  }
  return true;
}

}  // namespace

int runIntake(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  Arguments parsed;
  if (!parse(options.arguments, {"--for-correction"}, parsed, err, kIntakeUsage)) return 2;
  const std::string matter = valueOf(parsed, "--matter");
  if (matter.empty()) {
    err << "onewindow-ctl: intake needs --matter CODE\n" << kIntakeUsage;
    return 2;
  }
  engine::DraftContent content;
  content.applicantName = valueOf(parsed, "--applicant");
  content.applicantIdType = valueOf(parsed, "--id-type", "id_card");
  content.applicantIdNumber = valueOf(parsed, "--id-number");
  forms::ScenarioAnswers scenarios;
  for (const std::string& answer : valuesOf(parsed, "--scenario")) {
    const std::size_t equals = answer.find('=');
    if (equals == std::string::npos || equals == 0) {
      err << "onewindow-ctl: --scenario takes QUESTION=ANSWER, not '" << answer << "'\n";
      return 2;
    }
    scenarios[answer.substr(0, equals)].push_back(answer.substr(equals + 1));
  }
  if (const std::string form = valueOf(parsed, "--form"); !form.empty()) {
    std::ifstream in(form, std::ios::binary);
    if (!in) {
      err << "onewindow-ctl: cannot read the form instance " << form << "\n";
      return 1;
    }
    content.instanceXml.assign(std::istreambuf_iterator<char>(in), {});
    // An ODK instance names its form on its root element; the engine checks it is the one in
    // force for the matter.
    pugi::xml_document instance;
    if (!instance.load_string(content.instanceXml.c_str())) {
      err << "onewindow-ctl: the form instance " << form << " is not well-formed XML\n";
      return 1;
    }
    content.formId = instance.document_element().attribute("id").as_string();
    content.formVersion = instance.document_element().attribute("version").as_string();
  }

  CtlEngine session(options, catalogOf(parsed));
  if (const auto failure = loginFailure(session, parsed)) {
    err << "onewindow-ctl: " << *failure << "\n";
    return 1;
  }
  const auto started = session.call<engine::DraftStarted>(engine::StartDraft{0, matter});
  if (!started) return err << "onewindow-ctl: no answer from the engine\n", 1;
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*started))
    return printRefusal(*failed, err), 1;
  const auto& draft = std::get<engine::DraftStarted>(*started);
  std::vector<engine::MaterialAnswer> materials;
  for (const std::string& text : valuesOf(parsed, "--material")) {
    engine::MaterialAnswer answer;
    if (!materialAnswer(session, text, answer, err)) return 1;
    materials.push_back(std::move(answer));
  }
  const auto saved = session.call<engine::DraftSaved>(engine::SaveDraft{0, draft.uuid, content});
  if (saved && std::holds_alternative<engine::CommandFailed>(*saved))
    return printRefusal(std::get<engine::CommandFailed>(*saved), err), 1;
  const auto finalized = session.call<engine::CaseFinalized>(
      engine::FinalizeIntake{0, draft.uuid, scenarios, materials, has(parsed, "--for-correction")});
  if (!finalized) return err << "onewindow-ctl: no answer from the engine\n", 1;
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*finalized)) {
    printRefusal(*failed, err);
    err << "onewindow-ctl: the draft " << draft.uuid << " is kept\n";
    return 1;
  }
  const auto& taken = std::get<engine::CaseFinalized>(*finalized);
  out << "taken in: " << taken.provisionalNo << "  case " << taken.uuid << "  promised "
      << taken.due.promised.iso();
  if (taken.due.legal) out << "  legal limit " << taken.due.legal->iso();
  out << "\n";
  for (const forms::CaseSlot& slot : taken.slots) {
    out << "  " << slot.key << "  " << slot.name << (slot.main ? " (main)" : "") << "  "
        << forms::materialStatusName(slot.status) << "\n";
  }
  return 0;
}

int runDecide(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  Arguments parsed;
  if (!parse(options.arguments, {"--commitment-signed"}, parsed, err, kDecideUsage)) return 2;
  const std::string caseRef = valueOf(parsed, "--case");
  const auto kind = forms::decisionKindFromName(valueOf(parsed, "--decision"));
  if (caseRef.empty() || !kind) {
    err << "onewindow-ctl: decide needs --case and a --decision\n" << kDecideUsage;
    return 2;
  }
  engine::DecisionAnswer decision;
  decision.kind = *kind;
  decision.grounds = valueOf(parsed, "--grounds");
  decision.legalBasis = valueOf(parsed, "--legal-basis");
  decision.gapDeadline = valueOf(parsed, "--deadline");
  decision.commitmentSigned = has(parsed, "--commitment-signed");

  CtlEngine session(options, catalogOf(parsed));
  if (const auto failure = loginFailure(session, parsed)) {
    err << "onewindow-ctl: " << *failure << "\n";
    return 1;
  }
  const auto recorded =
      session.call<engine::DecisionRecorded>(engine::RecordDecision{0, caseRef, decision});
  if (!recorded) return err << "onewindow-ctl: no answer from the engine\n", 1;
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*recorded))
    return printRefusal(*failed, err), 1;
  const auto& done = std::get<engine::DecisionRecorded>(*recorded);
  out << "decided: " << caseRef << " is now " << engine::caseStateName(done.state) << "\n";
  return 0;
}

}  // namespace onewindow::ctl
