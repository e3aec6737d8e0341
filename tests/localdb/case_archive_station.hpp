#pragma once
// A workstation profile in a temp dir (store + materials) with helpers to take in cases with
// real material files, for the case archive tests (localdb and ctl).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "localdb/case_repository.hpp"
#include "localdb/material_store.hpp"
#include "localdb/workstation_store.hpp"

namespace onewindow::test {

// Deterministic content of any size.
inline std::vector<std::byte> archivePatternBytes(std::size_t size, unsigned seed) {
  std::vector<std::byte> bytes(size);
  std::uint32_t state = seed * 2654435761U + 1U;
  for (auto& b : bytes) {
    state = state * 1664525U + 1013904223U;
    b = static_cast<std::byte>(state >> 24U);
  }
  return bytes;
}

struct ArchiveStation {
  std::filesystem::path profile;
  std::string uuidPrefix;
  localdb::WorkstationStore store;
  localdb::MaterialStore materials;
  localdb::CaseRepository cases;
  int created = 0;

  ArchiveStation(const std::filesystem::path& profileDir, std::string prefix)
      : profile((std::filesystem::create_directories(profileDir), profileDir)),
        uuidPrefix(std::move(prefix)),
        store(profileDir / "workstation.db"),
        materials(profileDir / "materials"),
        cases(store.database()) {}

  static localdb::Actor clerk(const std::string& at = "2026-11-27T02:00:00Z") {
    return {"c1001", at};
  }

  localdb::Database& db() { return store.database(); }

  // Stores `size` bytes of pattern `seed`; returns the page to record.
  localdb::PageInput material(std::size_t size, unsigned seed) {
    const std::vector<std::byte> bytes = archivePatternBytes(size, seed);
    const localdb::StoredFile stored = materials.put(bytes);
    return {stored.sha256, stored.size, "image/png"};
  }

  std::string draft(const std::string& applicant, const std::string& at) {
    const std::string uuid = uuidPrefix + std::to_string(100000000000 + ++created);
    cases.createDraft({uuid, "000131128000", "居住证申领", "W03"}, clerk(at));
    cases.saveDraft(uuid,
                    {applicant, "id_card", "440305199001011234", "residence", "1",
                     "<data>\n  <name>" + applicant + "</name>\r\n</data>"},
                    clerk(at));
    return uuid;
  }

  // A case taken in at `at` with one received slot per page list.
  std::string intake(const std::string& applicant, const std::string& at,
                     const std::map<std::string, std::vector<localdb::PageInput>>& slots) {
    const std::string uuid = draft(applicant, at);
    localdb::FinalizeInput input;
    input.numberDate = "20261127";
    input.legalDueDate = "2026-12-31";
    input.promisedDueDate = "2026-12-18";
    for (const auto& [key, pages] : slots) {
      localdb::SlotInput slot;
      slot.key = key;
      slot.name = key == "id" ? "居民身份证" : key;
      slot.mandatory = key == "id";
      slot.status = localdb::MaterialStatus::Received;
      slot.originals = 1;
      slot.note = "  checked  ";
      slot.pages = pages;
      input.slots.push_back(std::move(slot));
    }
    cases.finalizeIntake(uuid, input, clerk(at));
    return uuid;
  }
};

}  // namespace onewindow::test
