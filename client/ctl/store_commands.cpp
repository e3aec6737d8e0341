// onewindow-ctl fsck and gc: the local store's integrity check and material garbage
// collection, for administrators and for the crash tests.

#include <chrono>
#include <ostream>
#include <string>

#include "client/ctl/ctl_options.hpp"
#include "localdb/integrity_check.hpp"
#include "localdb/material_store.hpp"
#include "localdb/workstation_store.hpp"

namespace onewindow::ctl {
namespace {

// Unreferenced materials younger than this are kept: a draft's scanned pages have no row
// until the case is finalized.
constexpr std::chrono::hours kDefaultGrace{24 * 7};

struct OpenedProfile {
  localdb::WorkstationStore store;
  localdb::MaterialStore materials;
  explicit OpenedProfile(const std::filesystem::path& profile)
      : store(profile / "workstation.db"), materials(profile / "materials") {}
};

std::filesystem::path existingProfile(const CtlOptions& options) {
  const std::filesystem::path profile = profileDirectory(options);
  if (!std::filesystem::exists(profile / "workstation.db")) {
    throw std::runtime_error("no workstation store at " + (profile / "workstation.db").string());
  }
  return profile;
}

}  // namespace

int runFsck(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.arguments.empty()) {
    err << "onewindow-ctl: fsck takes no arguments\n";
    return 2;
  }
  OpenedProfile profile(existingProfile(options));
  const localdb::IntegrityReport report =
      localdb::checkIntegrity(profile.store.database(), profile.materials);
  out << "checked " << report.casesChecked << " cases, " << report.materialsChecked
      << " material files, " << report.auditEntries << " audit entries\n";
  for (const localdb::IntegrityProblem& problem : report.problems) {
    out << problem.area << ": " << problem.location << ": " << problem.message << "\n";
  }
  out << (report.clean()
              ? "fsck: the store is consistent\n"
              : "fsck: " + std::to_string(report.problems.size()) + " problem(s) found\n");
  return report.clean() ? 0 : 1;
}

int runGc(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  std::chrono::hours grace = kDefaultGrace;
  for (std::size_t i = 0; i < options.arguments.size(); ++i) {
    if (options.arguments[i] == "--grace-hours" && i + 1 < options.arguments.size()) {
      try {
        grace = std::chrono::hours(std::stoi(options.arguments[++i]));
      } catch (const std::exception&) {
        grace = std::chrono::hours(-1);
      }
      if (grace.count() < 1) {
        err << "onewindow-ctl: --grace-hours takes a whole number of hours of at least 1\n";
        return 2;
      }
    } else {
      err << "onewindow-ctl: gc takes only --grace-hours N, not '" << options.arguments[i] << "'\n";
      return 2;
    }
  }
  OpenedProfile profile(existingProfile(options));
  auto& db = profile.store.database();
  localdb::Statement referenced = db.prepare("SELECT 1 FROM material_files WHERE sha256 = ?1");
  const localdb::GcReport report = profile.materials.collectGarbage(
      [&referenced](const std::string& sha) {
        referenced.reset();
        referenced.bind(1, sha);
        return referenced.step();
      },
      grace, std::chrono::system_clock::now());
  out << "gc: deleted " << report.filesDeleted << " unreferenced files and " << report.tempsDeleted
      << " stale temp files (" << report.bytesFreed << " bytes); kept " << report.keptReferenced
      << " referenced and " << report.keptTooYoung + report.tempsKeptTooYoung
      << " younger than the grace period\n";
  return 0;
}

}  // namespace onewindow::ctl
