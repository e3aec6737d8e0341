// onewindow-ctl export / import: carrying cases to another station by hand when the network
// is down for days (the archive format is in localdb/case_archive.hpp and
// docs/case-archive.md).

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <string>

#include "client/ctl/ctl_options.hpp"
#include "localdb/case_archive.hpp"
#include "localdb/material_store.hpp"
#include "localdb/workstation_store.hpp"

namespace onewindow::ctl {
namespace {

namespace fs = std::filesystem;

constexpr const char* kExportUsage =
    "usage: onewindow-ctl export --out FILE [--case UUID_OR_NUMBER]... [--from DATE]\n"
    "                            [--before DATE] [--include-drafts]\n"
    "  DATE is YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC); --from is inclusive, --before\n"
    "  exclusive. FILE ending in .gz or .tgz is gzip-compressed.\n";
constexpr const char* kImportUsage = "usage: onewindow-ctl import FILE\n";

std::string nowUtc() {
  const std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The audit log names who did it: from the command line that is the system account.
localdb::Actor commandLineActor() {
  std::string name = "unknown";
  if (const passwd* entry = ::getpwuid(::geteuid());
      entry != nullptr && entry->pw_name != nullptr) {
    name = entry->pw_name;
  }
  return {"os:" + name, nowUtc()};
}

bool isDigits(const std::string& text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ: both compare correctly with the stored UTC times.
bool isDateOrTime(const std::string& text) {
  const bool date = text.size() >= 10 && isDigits(text, 0, 4) && text[4] == '-' &&
                    isDigits(text, 5, 2) && text[7] == '-' && isDigits(text, 8, 2);
  if (!date) return false;
  if (text.size() == 10) return true;
  return text.size() == 20 && text[10] == 'T' && isDigits(text, 11, 2) && text[13] == ':' &&
         isDigits(text, 14, 2) && text[16] == ':' && isDigits(text, 17, 2) && text[19] == 'Z';
}

// The profile's store, which must exist: an export or import never creates an empty one.
fs::path storeFile(const CtlOptions& options) {
  const fs::path file = profileDirectory(options) / "workstation.db";
  if (!fs::exists(file)) {
    throw std::runtime_error("there is no workstation store at " + file.string() +
                             " (use --profile DIR)");
  }
  return file;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

int runExport(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  localdb::ExportSelection selection;
  std::optional<std::string> target;
  const auto& args = options.arguments;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    std::optional<std::string> given;
    if (arg == "--include-drafts") {
      selection.includeDrafts = true;
      continue;
    }
    if (arg != "--out" && arg != "--case" && arg != "--from" && arg != "--before") {
      err << "onewindow-ctl export: unexpected argument '" << arg << "'\n" << kExportUsage;
      return 2;
    }
    given = value();
    if (!given || given->empty()) {
      err << "onewindow-ctl export: " << arg << " needs a value\n" << kExportUsage;
      return 2;
    }
    if ((arg == "--from" || arg == "--before") && !isDateOrTime(*given)) {
      err << "onewindow-ctl export: " << arg << " takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not '"
          << *given << "'\n";
      return 2;
    }
    if (arg == "--out") target = *given;
    if (arg == "--case") selection.cases.push_back(*given);
    if (arg == "--from") selection.intakeFrom = *given;
    if (arg == "--before") selection.intakeBefore = *given;
  }
  if (!target) {
    err << "onewindow-ctl export: --out FILE is required\n" << kExportUsage;
    return 2;
  }
  if (fs::exists(*target)) {
    err << "onewindow-ctl export: " << *target << " already exists; choose another name\n";
    return 1;
  }

  const fs::path profile = profileDirectory(options);
  localdb::WorkstationStore store(storeFile(options));
  const localdb::MaterialStore materials(profile / "materials");
  const localdb::ExportReport report =
      localdb::exportCases(store.database(), materials, selection, *target, commandLineActor());
  out << "exported " << plural(report.cases.size(), "case", "cases") << " and "
      << plural(report.materials, "material file", "material files") << " (" << report.materialBytes
      << " bytes of material) to " << *target << " (" << report.archiveBytes << " bytes)\n";
  for (const localdb::ArchivedCase& one : report.cases) {
    out << "  " << one.provisionalNo.value_or("(draft)") << "  " << one.uuid << "  " << one.state
        << "\n";
  }
  return 0;
}

int runImport(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  if (options.arguments.size() != 1 || options.arguments[0].empty() ||
      options.arguments[0][0] == '-') {
    err << "onewindow-ctl import: give exactly one archive file\n" << kImportUsage;
    return 2;
  }
  const fs::path archive = options.arguments[0];
  if (!fs::is_regular_file(archive)) {
    err << "onewindow-ctl import: " << archive.string() << " is not a file\n";
    return 1;
  }
  // A fresh station may take in cases before anybody has worked on it.
  const fs::path profile = profileDirectory(options);
  fs::create_directories(profile);
  localdb::WorkstationStore store(profile / "workstation.db");
  localdb::MaterialStore materials(profile / "materials");
  const localdb::ImportReport report =
      localdb::importCases(store.database(), materials, archive, commandLineActor());

  out << "archive:    " << archive.string() << " (from station "
      << (report.sourceStation.empty() ? "?" : report.sourceStation) << ", exported "
      << report.exportedAt << ")\n";
  out << "imported:   " << report.imported.size() << "\n";
  for (const localdb::ArchivedCase& one : report.imported) {
    out << "  " << one.provisionalNo.value_or("(draft)") << "  " << one.uuid << "\n";
  }
  out << "skipped:    " << report.skipped.size() << " (already here)\n";
  out << "conflicts:  " << report.conflicts.size() << "\n";
  for (const localdb::ImportConflict& conflict : report.conflicts) {
    out << "  " << conflict.provisionalNo.value_or("(draft)") << "  " << conflict.uuid << ": "
        << conflict.reason << "\n";
  }
  out << "materials:  " << report.materials << " in the archive, " << report.materialsAdded
      << " new here, " << report.materialBytes << " bytes\n";
  if (!report.conflicts.empty()) {
    err << "onewindow-ctl import: " << plural(report.conflicts.size(), "case was", "cases were")
        << " not imported because of conflicts (listed above); resolve them by hand\n";
    return 1;
  }
  return 0;
}

}  // namespace onewindow::ctl
