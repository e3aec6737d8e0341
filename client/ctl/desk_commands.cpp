// onewindow-ctl cases list|show|find: the window's and the station's cases over the engine's
// case-desk queries (the same rows, badges and refusals as the Cases page).

#include <ostream>
#include <string>

#include "client/ctl/command_arguments.hpp"
#include "client/ctl/ctl_engine.hpp"
#include "client/ctl/ctl_options.hpp"
#include "client/engine/time_text.hpp"

namespace onewindow::ctl {
namespace {

constexpr const char* kCasesUsage =
    "onewindow-ctl cases list --clerk ID [--window CODE] [--scope window|station]\n"
    "                         [--state STATE]... [--matter CODE] [--from YYYY-MM-DD]\n"
    "                         [--to YYYY-MM-DD] [--lookup TEXT] [--offset N] [--limit N]\n"
    "onewindow-ctl cases show --clerk ID [--window CODE] --case NUMBER|UUID\n"
    "onewindow-ctl cases find --clerk ID [--window CODE] --text NUMBER|ID|MOBILE|QR-TEXT\n";

void printRows(const engine::CasesListed& listed, std::ostream& out) {
  out << "number\tmatter\tapplicant\tid\tstate\tintake\tpromised\tdue\tsync\n";
  for (const engine::CaseListRow& row : listed.rows) {
    const engine::CaseSummary& s = row.summary;
    out << (s.officialNo.empty() ? s.provisionalNo : s.officialNo) << '\t' << s.matterName << '\t'
        << s.applicantName << '\t' << row.maskedIdNumber << '\t' << s.state << '\t'
        << engine::chinaDayText(s.intakeAt) << '\t' << s.promisedDueDate << '\t'
        << dueBadgeText(row.badge) << '\t' << s.syncState << '\n';
  }
  out << listed.rows.size();
  if (listed.total >= 0) out << " of " << listed.total;  // counted with the first page only
  out << " case(s) from " << listed.offset + 1 << "\n";
}

const char* actionName(engine::DeskAction action) {
  switch (action) {
    case engine::DeskAction::Supply:
      return "supply";
    case engine::DeskAction::AnswerCorrection:
      return "answer-correction";
    case engine::DeskAction::VoidOverdue:
      return "void-overdue";
    case engine::DeskAction::Withdraw:
      return "withdraw";
    case engine::DeskAction::HandOver:
      return "hand-over";
    case engine::DeskAction::Post:
      return "post";
    case engine::DeskAction::Rate:
      return "rate";
  }
  return "?";
}

void printDetail(const engine::CaseDetail& detail, std::ostream& out) {
  const engine::CaseRecord& r = detail.record;
  out << "case " << r.provisionalNo.value_or("") << "  official " << r.officialNo.value_or("-")
      << "  uuid " << r.uuid << "\n"
      << "matter " << r.matterCode << " " << r.matterName << "\n"
      << "applicant " << r.applicantName << " " << r.applicantIdType << " " << r.applicantIdNumber
      << "\n"
      << "state " << engine::caseStateName(r.state) << "  sync " << r.syncState << "  window "
      << r.windowCode << "  clerk " << r.clerkId << "\n"
      << "intake " << r.intakeAt.value_or("-") << "  accepted " << r.acceptedAt.value_or("-")
      << "  promised " << r.promisedDueDate.value_or("-") << " (" << dueBadgeText(detail.badge)
      << ")\n";
  if (!detail.gapDeadline.empty()) out << "supplement deadline " << detail.gapDeadline << "\n";
  if (!detail.correctionDeadline.empty())
    out << "correction deadline " << detail.correctionDeadline << "\n";
  if (detail.supervision)
    out << "督办 by " << detail.supervision->markedBy << " at " << detail.supervision->markedAt
        << ": " << detail.supervision->note << "\n";
  out << "materials:\n";
  for (const engine::SlotView& view : detail.slots) {
    out << "  " << view.slot.key << " " << view.slot.name << ": " << view.slot.status << ", "
        << view.slot.pageHashes.size() << " page(s)" << (view.owed ? ", owed" : "");
    if (view.supplied)
      out << ", supplied " << view.supplied->at << " (was " << view.supplied->before << ")";
    out << "\n";
  }
  for (const engine::DocumentView& view : detail.documents) {
    out << "document " << view.document.documentNo << " " << view.document.title << " issued "
        << view.document.issuedAt << ", printed " << view.prints.size() << " time(s)\n";
  }
  if (const auto& certificate = detail.certificate) {
    out << "certificate " << certificate->number << " issued " << certificate->issuedAt;
    if (!certificate->issuer.empty()) out << " by " << certificate->issuer;
    if (!certificate->validUntil.empty()) out << ", valid until " << certificate->validUntil;
    out << " (printed at pick-up as " << detail.resultDocument << ")\n";
  }
  for (const engine::SubCaseRecord& sub : detail.subCases)
    out << "sub-case " << sub.subNo << " " << sub.matterName << " → " << sub.department << ": "
        << sub.state << "\n";
  for (const engine::RatingRecord& rating : detail.ratings) {
    out << "rating " << rating.rating.visit << " " << rating.rating.label
        << (rating.synced              ? " (sent)"
            : rating.syncError.empty() ? " (to send)"
                                       : " (refused: " + rating.syncError + ")")
        << "\n";
  }
  if (detail.sync) {
    out << "sync: confirmed version " << detail.sync->confirmedVersion << ", attempts "
        << detail.sync->attempts;
    if (!detail.sync->lastError.empty())
      out << ", last error " << detail.sync->lastErrorCode << ": " << detail.sync->lastError;
    out << "\n";
  }
  out << "timeline:\n";
  for (const engine::TimelineEntry& entry : detail.timeline) {
    out << "  " << entry.at << "  " << entry.clerkId
        << (entry.windowCode.empty() ? "" : "@" + entry.windowCode) << "  " << entry.action << "  "
        << entry.details << "\n";
  }
  out << "actions:\n";
  for (const engine::DeskActionState& action : detail.actions) {
    out << "  " << actionName(action.action) << ": "
        << (action.allowed ? "allowed" : "not now — " + action.why) << "\n";
  }
}

int listCases(CtlEngine& session, const Arguments& parsed, std::ostream& out, std::ostream& err) {
  engine::ListCases command;
  command.query.scope = valueOf(parsed, "--scope", "window") == "station"
                            ? engine::CaseScope::Station
                            : engine::CaseScope::Window;
  for (const std::string& name : valuesOf(parsed, "--state")) {
    const auto state = engine::caseStateFromName(name);
    if (!state) {
      err << "onewindow-ctl: '" << name << "' is not a case state\n";
      return 2;
    }
    command.query.states.push_back(*state);
  }
  command.query.matterCode = valueOf(parsed, "--matter");
  command.query.intakeFrom = valueOf(parsed, "--from");
  command.query.intakeTo = valueOf(parsed, "--to");
  command.query.lookup = valueOf(parsed, "--lookup");
  try {
    command.offset = std::stoi(valueOf(parsed, "--offset", "0"));
    command.limit = std::stoi(valueOf(parsed, "--limit", "50"));
  } catch (const std::exception&) {
    err << "onewindow-ctl: --offset and --limit take whole numbers\n";
    return 2;
  }
  const auto answer = session.call<engine::CasesListed>(command);
  if (!answer) return err << "onewindow-ctl: no answer from the engine\n", 1;
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*answer))
    return printRefusal(*failed, err), 1;
  printRows(std::get<engine::CasesListed>(*answer), out);
  return 0;
}

}  // namespace

std::string dueBadgeText(const engine::DueBadge& badge) {
  switch (badge.kind) {
    case engine::DueBadgeKind::None:
      return "-";
    case engine::DueBadgeKind::WorkingDaysLeft:
      return std::to_string(badge.workingDays) + " working day(s) left";
    case engine::DueBadgeKind::DueToday:
      return "due today";
    case engine::DueBadgeKind::Overdue:
      return "overdue by " + std::to_string(badge.workingDays) + " working day(s)";
    case engine::DueBadgeKind::Suspended:
      return "suspended";
  }
  return "-";
}

int runCases(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  if (options.arguments.empty()) return err << kCasesUsage, 2;
  const std::string verb = options.arguments.front();
  if (verb != "list" && verb != "show" && verb != "find") {
    err << "onewindow-ctl: cases takes list, show or find, not '" << verb << "'\n" << kCasesUsage;
    return 2;
  }
  Arguments parsed;
  const std::vector<std::string> rest(options.arguments.begin() + 1, options.arguments.end());
  if (!parse(rest, {}, parsed, err, kCasesUsage)) return 2;
  CtlEngine session(options, catalogOf(parsed));
  if (const auto failure = loginFailure(session, parsed)) {
    err << "onewindow-ctl: " << *failure << "\n";
    return 1;
  }
  if (verb == "list") return listCases(session, parsed, out, err);

  std::optional<std::variant<engine::CaseDetailReady, engine::CommandFailed>> detail;
  if (verb == "show") {
    const std::string ref = valueOf(parsed, "--case");
    if (ref.empty()) return err << "onewindow-ctl: cases show needs --case\n" << kCasesUsage, 2;
    detail = session.call<engine::CaseDetailReady>(engine::ShowCase{0, ref});
  } else {
    const std::string text = valueOf(parsed, "--text");
    if (text.empty()) return err << "onewindow-ctl: cases find needs --text\n" << kCasesUsage, 2;
    // A find answers with the case, or with a list when the text names several.
    const auto found =
        session.callEither<engine::CaseDetailReady, engine::CasesListed>(engine::FindCase{0, text});
    if (!found) return err << "onewindow-ctl: no answer from the engine\n", 1;
    if (const auto* rows = std::get_if<engine::CasesListed>(&*found)) {
      printRows(*rows, out);
      return rows->rows.empty() ? 1 : 0;
    }
    if (const auto* failed = std::get_if<engine::CommandFailed>(&*found))
      return printRefusal(*failed, err), 1;
    printDetail(std::get<engine::CaseDetailReady>(*found).detail, out);
    return 0;
  }
  if (!detail) return err << "onewindow-ctl: no answer from the engine\n", 1;
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*detail))
    return printRefusal(*failed, err), 1;
  printDetail(std::get<engine::CaseDetailReady>(*detail).detail, out);
  return 0;
}

}  // namespace onewindow::ctl
