// onewindow-ctl supervisor …: the supervisor console over the engine's commands. The engine
// refuses each for a clerk's login, so a clerk's command ends with that refusal (exit 1).

#include <algorithm>
#include <iterator>
#include <ostream>
#include <string>

#include "client/ctl/command_arguments.hpp"
#include "client/ctl/ctl_engine.hpp"
#include "client/ctl/ctl_options.hpp"
#include "client/engine/figures.hpp"
#include "client/engine/time_text.hpp"

namespace onewindow::ctl {
namespace {

constexpr const char* kSupervisorUsage =
    "onewindow-ctl supervisor queues --clerk ID [--window CODE] [--queue NAME] [--matter CODE]\n"
    "                                [--lookup TEXT] [--offset N] [--limit N] [--centre]\n"
    "    NAME: all, sync-problems, awaiting-supplements, near-due, due-today, overdue,\n"
    "          suspended, supervised\n"
    "onewindow-ctl supervisor counts --clerk ID [--window CODE]\n"
    "onewindow-ctl supervisor figures --clerk ID [--window CODE] [--period today|week|month]\n"
    "                                 [--by window|clerk|matter] [--csv FILE] [--pdf FILE]\n"
    "onewindow-ctl supervisor follow-ups --clerk ID [--window CODE] [--all]\n"
    "onewindow-ctl supervisor follow-up --clerk ID --rating UUID --contact "
    "phone|visit|message|none\n"
    "                                   [--outcome TEXT] [--text TEXT] [--close]\n"
    "onewindow-ctl supervisor mark --clerk ID --case REF --note TEXT\n"
    "onewindow-ctl supervisor unmark --clerk ID --case REF --reason TEXT\n"
    "onewindow-ctl supervisor void --clerk ID --case REF --reason TEXT\n";

// The answer's value, or nullptr after saying why there is none; `answer` must outlive it.
template <typename T>
const T* answered(const std::optional<std::variant<T, engine::CommandFailed>>& answer,
                  std::ostream& err) {
  if (!answer) {
    err << "onewindow-ctl: no answer from the engine\n";
    return nullptr;
  }
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*answer)) {
    printRefusal(*failed, err);
    return nullptr;
  }
  return &std::get<T>(*answer);
}

template <typename T>
const T* answered(const std::optional<std::variant<T, engine::CommandFailed>>&& answer,
                  std::ostream& err) = delete;  // the pointer would outlive a temporary

int queues(CtlEngine& session, const Arguments& parsed, std::ostream& out, std::ostream& err) {
  engine::ListSupervisorQueue command;
  const std::string name = valueOf(parsed, "--queue", "all");
  const auto queue = engine::supervisorQueueFromName(name);
  if (!queue) return err << "onewindow-ctl: '" << name << "' is no queue\n" << kSupervisorUsage, 2;
  command.queue = *queue;
  command.matterCode = valueOf(parsed, "--matter");
  command.lookup = valueOf(parsed, "--lookup");
  command.centre = has(parsed, "--centre");
  try {
    command.offset = std::stoi(valueOf(parsed, "--offset", "0"));
    command.limit = std::stoi(valueOf(parsed, "--limit", "50"));
  } catch (const std::exception&) {
    return err << "onewindow-ctl: --offset and --limit take whole numbers\n", 2;
  }
  const auto listedAnswer = session.call<engine::SupervisorQueueListed>(command);
  const auto* listed = answered(listedAnswer, err);
  if (listed == nullptr) return 1;
  out << "queue " << name << " ("
      << (listed->source == "centre" ? "the whole centre's cases from central"
                                     : "the station's cases")
      << " as of " << engine::chinaDateTimeText(listed->asOf) << ")\n";
  if (!listed->fallback.empty()) out << "not the centre's: " << listed->fallback << "\n";
  out << "number\tmatter\tapplicant\tstate\tstation\twindow\tclerk\tpromised\tdue\t"
         "supplement-by\tsupervised\tsync\n";
  for (const engine::SupervisorRow& row : listed->rows) {
    const engine::CaseSummary& s = row.row.summary;
    out << (s.officialNo.empty() ? s.provisionalNo : s.officialNo) << '\t' << s.matterName << '\t'
        << s.applicantName << '\t' << s.state << '\t' << (row.station.empty() ? "-" : row.station)
        << '\t' << s.windowCode << '\t' << s.clerkId << '\t' << s.promisedDueDate << '\t'
        << dueBadgeText(row.row.badge) << '\t'
        << (row.supplementDeadline.empty() ? "-" : row.supplementDeadline) << '\t'
        << (row.supervised ? "督办" : "-") << '\t' << s.syncState
        << (s.syncError.empty() ? "" : " (" + s.syncError + ")") << '\n';
  }
  out << listed->rows.size();
  if (listed->total >= 0) out << " of " << listed->total;
  out << " case(s) from " << listed->offset + 1 << "\n";
  return 0;
}

int counts(CtlEngine& session, std::ostream& out, std::ostream& err) {
  const auto countedAnswer =
      session.call<engine::SupervisorQueuesCounted>(engine::CountSupervisorQueues{});
  const auto* counted = answered(countedAnswer, err);
  if (counted == nullptr) return 1;
  out << "the station's cases as of " << engine::chinaDateTimeText(counted->asOf) << "\n";
  for (const engine::QueueCount& queue : counted->queues)
    out << engine::supervisorQueueName(queue.queue) << '\t' << queue.count << '\n';
  out << "by state:\n";
  for (const engine::StateCount& state : counted->states)
    out << "  " << engine::caseStateName(state.state) << '\t' << state.count << '\n';
  return 0;
}

int figures(CtlEngine& session, const Arguments& parsed, std::ostream& out, std::ostream& err) {
  engine::ComputeFigures command;
  const auto period = engine::figurePeriodFromName(valueOf(parsed, "--period", "today"));
  const auto grouping = engine::figureGroupingFromName(valueOf(parsed, "--by", "window"));
  if (!period || !grouping)
    return err << "onewindow-ctl: --period is today, week or month; --by is window, clerk or "
                  "matter\n",
           2;
  command.period = *period;
  command.grouping = *grouping;
  const auto computedAnswer = session.call<engine::FiguresComputed>(command);
  const auto* computed = answered(computedAnswer, err);
  if (computed == nullptr) return 1;
  const std::string csvFile = valueOf(parsed, "--csv");
  const std::string pdfFile = valueOf(parsed, "--pdf");
  if (csvFile.empty() && pdfFile.empty()) {
    out << engine::figuresCsv(computed->table).substr(3);  // no byte-order mark on a terminal
    return 0;
  }
  // The files are the engine's to write, as the console's exports are.
  for (const auto& [file, format] : {std::pair{csvFile, engine::ExportFigures::Format::Csv},
                                     std::pair{pdfFile, engine::ExportFigures::Format::Pdf}}) {
    if (file.empty()) continue;
    engine::ExportFigures exportCommand;
    exportCommand.period = command.period;
    exportCommand.grouping = command.grouping;
    exportCommand.format = format;
    exportCommand.file = file;
    const auto exportedAnswer = session.call<engine::FiguresExported>(exportCommand);
    if (answered(exportedAnswer, err) == nullptr) return 1;
    out << "figures written to " << file << "\n";
  }
  return 0;
}

void printFollowUps(const engine::FollowUpsListed& listed, std::ostream& out) {
  out << "rating\tcase\tmatter\tapplicant\twindow\tclerk\tlabel\trated\tdue\tstate\n";
  for (const engine::FollowUpItem& item : listed.items) {
    const engine::BadRatingItem& r = item.rating;
    out << r.ratingUuid << '\t' << r.caseNumber << '\t' << r.matterName << '\t' << r.applicantName
        << '\t' << r.windowCode << '\t' << r.clerkId << '\t' << r.label << '\t'
        << engine::chinaDayText(r.ratedAt) << '\t' << item.dueDate << '\t'
        << (r.closed() ? "closed" : dueBadgeText(item.badge)) << '\n';
    for (const engine::FollowUpEntry& entry : r.entries) {
      out << "    " << engine::chinaDateTimeText(entry.at) << ' ' << entry.supervisorId << ' '
          << entry.contact << ": " << entry.outcome
          << (entry.text.empty() ? "" : " — " + entry.text) << (entry.closes ? " [closed]" : "")
          << '\n';
    }
  }
  out << listed.items.size() << " bad rating(s); follow-up within " << listed.followUpWorkingDays
      << " working day(s)\n";
}

int caseChange(CtlEngine& session, const std::string& verb, const Arguments& parsed,
               std::ostream& out, std::ostream& err) {
  const std::string ref = valueOf(parsed, "--case");
  const std::string why = valueOf(parsed, verb == "mark" ? "--note" : "--reason");
  if (ref.empty() || why.empty())
    return err << "onewindow-ctl: supervisor " << verb << " needs --case and "
               << (verb == "mark" ? "--note" : "--reason") << "\n"
               << kSupervisorUsage,
           2;
  if (verb == "mark" || verb == "unmark") {
    const auto answer =
        verb == "mark"
            ? session.call<engine::SupervisionChanged>(engine::MarkSupervised{0, ref, why})
            : session.call<engine::SupervisionChanged>(engine::ClearSupervised{0, ref, why});
    const auto* changed = answered(answer, err);
    if (changed == nullptr) return 1;
    using Where = engine::SupervisionChanged::Where;
    out << "case " << changed->caseUuid << ": "
        << (changed->marked ? "督办: " + changed->text : "mark lifted: " + changed->text) << "\n"
        << (changed->where == Where::Centre
                ? "kept by central, which passes it to the case's station\n"
                : "at this station only: " +
                      std::string(changed->where == Where::OfflineLogin ? "logged in offline"
                                  : changed->where == Where::CentreUnreachable
                                      ? "central cannot be reached"
                                      : "central does not have the case yet") +
                      (changed->why.empty() ? "" : " (" + changed->why + ")") + "\n");
    return 0;
  }
  const auto answer = session.call<engine::CaseDetailReady>(engine::VoidQuarantined{0, ref, why});
  const auto* ready = answered(answer, err);
  if (ready == nullptr) return 1;
  const engine::CaseRecord& r = ready->detail.record;
  out << "case " << r.officialNo.value_or(r.provisionalNo.value_or(r.uuid)) << ": "
      << engine::caseStateName(r.state) << ", sync " << r.syncState
      << (ready->detail.supervision ? ", 督办: " + ready->detail.supervision->note : "") << "\n";
  return 0;
}

}  // namespace

int runSupervisor(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  if (options.arguments.empty()) return err << kSupervisorUsage, 2;
  const std::string verb = options.arguments.front();
  static const char* const kVerbs[] = {"queues",    "counts", "figures", "follow-ups",
                                       "follow-up", "mark",   "unmark",  "void"};
  if (std::find(std::begin(kVerbs), std::end(kVerbs), verb) == std::end(kVerbs)) {
    err << "onewindow-ctl: supervisor takes queues, counts, figures, follow-ups, follow-up, "
           "mark, unmark or void, not '"
        << verb << "'\n"
        << kSupervisorUsage;
    return 2;
  }
  Arguments parsed;
  const std::vector<std::string> rest(options.arguments.begin() + 1, options.arguments.end());
  if (!parse(rest, {"--all", "--close", "--centre"}, parsed, err, kSupervisorUsage)) return 2;
  CtlEngine session(options, catalogOf(parsed));
  if (const auto failure = loginFailure(session, parsed)) {
    err << "onewindow-ctl: " << *failure << "\n";
    return 1;
  }
  if (verb == "queues") return queues(session, parsed, out, err);
  if (verb == "counts") return counts(session, out, err);
  if (verb == "figures") return figures(session, parsed, out, err);
  if (verb == "follow-ups") {
    const auto listedAnswer =
        session.call<engine::FollowUpsListed>(engine::ListFollowUps{0, has(parsed, "--all")});
    const auto* listed = answered(listedAnswer, err);
    if (listed == nullptr) return 1;
    printFollowUps(*listed, out);
    return 0;
  }
  if (verb == "follow-up") {
    engine::RecordFollowUp command;
    command.ratingUuid = valueOf(parsed, "--rating");
    if (command.ratingUuid.empty())
      return err << "onewindow-ctl: supervisor follow-up needs --rating\n" << kSupervisorUsage, 2;
    command.contact = valueOf(parsed, "--contact", "phone");
    command.outcome = valueOf(parsed, "--outcome");
    command.text = valueOf(parsed, "--text");
    command.closes = has(parsed, "--close");
    const auto listedAnswer = session.call<engine::FollowUpsListed>(command);
    const auto* listed = answered(listedAnswer, err);
    if (listed == nullptr) return 1;
    printFollowUps(*listed, out);
    return 0;
  }
  return caseChange(session, verb, parsed, out, err);
}

}  // namespace onewindow::ctl
