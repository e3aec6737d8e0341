#include "central/admin_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>

#include "central/bundle_routing.hpp"
#include "central/case_records.hpp"
#include "central/catalog_releases.hpp"
#include "central/central_store.hpp"
#include "central/change_feed.hpp"
#include "forms/civil_date.hpp"
#include "localdb/case_certificates.hpp"
#include "localdb/case_state.hpp"

namespace onewindow::central {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CommandFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AdminCommand {
  std::optional<sql::DatabaseLocation> database;            // --db FILE or postgresql://...
  std::vector<std::string> words;                           // command and its positional arguments
  std::optional<std::string> note;                          // --note
  std::optional<std::string> certificateNumber;             // --number
  std::optional<std::string> issuer;                        // --issuer
  std::optional<std::string> validUntil;                    // --valid-until
  std::vector<std::pair<std::string, std::string>> fields;  // --field NAME=VALUE
  bool help = false;
};

AdminCommand parseAdmin(const std::vector<std::string>& arguments) {
  AdminCommand command;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    std::string name = arguments[i];
    std::optional<std::string> inlineValue;
    if (const std::size_t equals = name.find('='); name.starts_with("--") && equals != name.npos) {
      inlineValue = name.substr(equals + 1);
      name.resize(equals);
    }
    auto value = [&]() -> std::string {
      if (inlineValue) return *inlineValue;
      if (i + 1 >= arguments.size()) throw UsageError("option " + name + " needs a value");
      return arguments[++i];
    };
    if (name == "--db") {
      std::string problem;
      command.database = sql::DatabaseLocation::parse(value(), problem);
      if (!command.database) throw UsageError("option --db: " + problem);
    } else if (name == "--note") {
      command.note = value();
    } else if (name == "--number") {
      command.certificateNumber = value();
    } else if (name == "--issuer") {
      command.issuer = value();
    } else if (name == "--valid-until") {
      command.validUntil = value();
    } else if (name == "--field") {
      const std::string pair = value();
      const std::size_t equals = pair.find('=');
      if (equals == std::string::npos)
        throw UsageError("--field takes NAME=VALUE, not '" + pair + "'");
      command.fields.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
    } else if (name == "--help" || name == "-h") {
      command.help = true;
    } else if (name.starts_with("--")) {
      throw UsageError("unknown option '" + name + "'");
    } else {
      command.words.push_back(arguments[i]);
    }
  }
  return command;
}

void expectWords(const AdminCommand& command, std::size_t count) {
  if (command.words.size() != count) {
    throw UsageError("admin " + command.words.front() + " takes " + std::to_string(count - 1) +
                     " argument(s)");
  }
}

CaseSummary requireCase(sql::Connection& db, const std::string& uuid) {
  std::optional<CaseSummary> found = findCase(db, uuid);
  if (!found) throw CommandFailed("central has no case " + uuid);
  return *found;
}

Change changeFor(const CaseSummary& summary, const char* kind, std::chrono::sys_seconds now) {
  Change change;
  change.station = summary.station;
  change.caseUuid = summary.uuid;
  change.kind = kind;
  change.at = now;
  return change;
}

void listAll(sql::Connection& db, std::ostream& out) {
  const std::vector<CaseSummary> cases = listCases(db);
  for (const CaseSummary& summary : cases) {
    out << summary.uuid << "  " << summary.officialNo << "  v" << summary.latestVersion << "  "
        << summary.state << "  station " << summary.station << "  updated "
        << formatWireTime(summary.updatedAt) << "\n";
    for (const SubCase& subCase : subCasesOf(db, summary.uuid)) {
      out << "    sub-case " << subCase.subNo << "  " << subCase.matterCode << " "
          << subCase.matterName << "  → " << subCase.department << "  " << subCase.state << "\n";
    }
  }
  out << cases.size() << " case(s)\n";
}

void decide(sql::Connection& db, const AdminCommand& command, std::ostream& out,
            std::chrono::sys_seconds now) {
  expectWords(command, 3);
  const std::string& result = command.words[2];
  if (result != "granted" && result != "refused") {
    throw UsageError("the decision is granted or refused, not '" + result + "'");
  }
  sql::Transaction transaction(db);
  const CaseSummary summary = requireCase(db, command.words[1]);
  const std::int64_t seq = decideCase(db, summary, result, command.note, now);
  transaction.commit();
  out << summary.uuid << " decided: " << result << " (change " << seq << ")\n";
}

void issueCertificate(sql::Connection& db, const AdminCommand& command, std::ostream& out,
                      std::chrono::sys_seconds now) {
  expectWords(command, 2);
  if (!command.certificateNumber || command.certificateNumber->empty()) {
    throw UsageError("issue-certificate needs --number TEXT");
  }
  if (command.validUntil && !forms::CivilDate::parseIso(*command.validUntil))
    throw UsageError("--valid-until takes a date YYYY-MM-DD, not '" + *command.validUntil + "'");
  for (auto field = command.fields.begin(); field != command.fields.end(); ++field) {
    const std::string& name = field->first;
    if (std::any_of(command.fields.begin(), field, [&](const auto& f) { return f.first == name; }))
      throw UsageError("--field " + name + " is given twice");
    if (!localdb::isCertificateFieldName(name))
      throw UsageError("--field name '" + name +
                       "' is not a template field name (a lower-case letter, then lower-case "
                       "letters, digits or '_')");
  }
  sql::Transaction transaction(db);
  const CaseSummary summary = requireCase(db, command.words[1]);
  Change certificate = changeFor(summary, "certificate", now);
  certificate.number = command.certificateNumber;
  certificate.issuer = command.issuer;
  certificate.validUntil = command.validUntil;
  certificate.fields = command.fields;
  const std::int64_t seq = appendChange(db, certificate);
  transaction.commit();
  out << summary.uuid << " certificate " << *command.certificateNumber << " (change " << seq
      << ")\n";
}

void setState(sql::Connection& db, const AdminCommand& command, std::ostream& out,
              std::chrono::sys_seconds now) {
  expectWords(command, 3);
  const std::string& state = command.words[2];
  if (!localdb::caseStateFromName(state)) {
    throw UsageError("'" + state + "' is not a case state (DESIGN.md §4)");
  }
  sql::Transaction transaction(db);
  const CaseSummary summary = requireCase(db, command.words[1]);
  Change status = changeFor(summary, "status", now);
  status.state = state;
  const std::int64_t seq = appendChange(db, status);
  setCaseState(db, summary.uuid, state, now);
  transaction.commit();
  out << summary.uuid << " state " << state << " (change " << seq << ")\n";
}

}  // namespace

std::string adminUsageText() {
  return "Usage: onewindow-central admin --db FILE|URL COMMAND ...\n"
         "\n"
         "Commands (the back office; changes reach workstations through the change feed):\n"
         "  cases                                    list the cases central holds\n"
         "  decide UUID granted|refused [--note TEXT]\n"
         "                                           decide a case (status in_progress first)\n"
         "  issue-certificate UUID --number TEXT [--issuer TEXT] [--valid-until YYYY-MM-DD]\n"
         "                    [--field NAME=VALUE]...\n"
         "                                           send a case's certificate: its number, who\n"
         "                                           issued it, its validity and the matter's own\n"
         "                                           data for its template ({certificate.NAME})\n"
         "  set-state UUID STATE                     set any case state (DESIGN.md §4)\n"
         "  publish-catalog DIR                      check the catalog in DIR and make it the\n"
         "                                           release workstations fetch\n";
}

int runAdminCommand(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                    const Clock& clock) {
  try {
    const AdminCommand command = parseAdmin(arguments);
    if (command.help) {
      out << adminUsageText();
      return 0;
    }
    if (!command.database) throw UsageError("admin needs --db FILE or --db postgresql://...");
    if (command.words.empty()) throw UsageError("admin needs a command");
    const std::string& verb = command.words.front();
    if (verb != "cases" && verb != "decide" && verb != "issue-certificate" && verb != "set-state" &&
        verb != "publish-catalog") {
      throw UsageError("unknown admin command '" + verb + "'");
    }
    if (command.database->engine == sql::Engine::Sqlite &&
        !std::filesystem::exists(command.database->file)) {
      throw CommandFailed("no database at " + command.database->file.string());
    }
    CentralStore store(*command.database, 1);
    const std::chrono::sys_seconds now = clock();
    store.withDatabase([&](sql::Connection& db) {
      if (verb == "cases") {
        expectWords(command, 1);
        listAll(db, out);
      } else if (verb == "decide") {
        decide(db, command, out, now);
      } else if (verb == "publish-catalog") {
        expectWords(command, 2);
        CatalogManifest manifest;
        std::vector<std::string> notes;
        const PublishOutcome outcome = publishCatalog(db, command.words[1], now, &manifest, &notes);
        for (const std::string& note : notes) out << "note: " << note << "\n";
        out << "catalog release " << manifest.release << " (" << manifest.files.size() << " files) "
            << (outcome == PublishOutcome::Published ? "published" : "was already published")
            << "\n";
      } else if (verb == "issue-certificate") {
        issueCertificate(db, command, out, now);
      } else {
        setState(db, command, out, now);
      }
    });
    return 0;
  } catch (const UsageError& error) {
    err << "onewindow-central admin: " << error.what() << "\n\n" << adminUsageText();
    return kExitUsage;
  } catch (const std::exception& error) {
    err << "onewindow-central admin: " << error.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace onewindow::central
