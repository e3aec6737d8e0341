#pragma once
// A workstation store in a temp dir with helpers to make cases in each state.

#include <string>

#include "localdb/case_repository.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

namespace onewindow::test {

struct CaseFixture {
  TempDir dir;
  localdb::WorkstationStore store{dir / "workstation.db"};
  localdb::CaseRepository cases{store.database()};
  int created = 0;

  static localdb::Actor clerk(const std::string& at = "2026-11-27T02:00:00Z") { return {"c1001", at}; }

  static localdb::SlotInput slot(const std::string& key, bool mandatory, localdb::MaterialStatus status,
                                 const std::string& sha = std::string(64, 'a')) {
    localdb::SlotInput s;
    s.key = key;
    s.name = key == "id" ? "居民身份证" : key;
    s.mandatory = mandatory;
    s.status = status;
    s.originals = status == localdb::MaterialStatus::Received ? 1 : 0;
    if (status == localdb::MaterialStatus::Received) s.pages.push_back({sha, 1234, "image/png"});
    return s;
  }

  std::string draft(const std::string& applicant = "张三", const std::string& matter = "000131128000") {
    const std::string uuid = "00000000-0000-4000-8000-" + std::to_string(100000000000 + ++created);
    cases.createDraft({uuid, matter, "居住证申领", "W03"}, clerk());
    cases.saveDraft(uuid, {applicant, "id_card", "440305199001011234", "residence", "1", "<data/>"}, clerk());
    return uuid;
  }

  // A case taken in with the given slots.
  std::string intake(std::vector<localdb::SlotInput> slots, const std::string& promised = "2026-12-18",
                     const std::string& applicant = "张三", const std::string& at = "2026-11-27T02:05:00Z") {
    const std::string uuid = draft(applicant);
    cases.finalizeIntake(uuid, {"20261127", std::move(slots), "2026-12-31", promised}, clerk(at));
    return uuid;
  }

  std::string intakeComplete() {
    return intake({slot("id", true, localdb::MaterialStatus::Received),
                   slot("photo", false, localdb::MaterialStatus::Received, std::string(64, 'b'))});
  }
};

}  // namespace onewindow::test
