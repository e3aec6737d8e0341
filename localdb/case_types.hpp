#pragma once
// Values that go into and come out of the case repository.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "forms/case_vocabulary.hpp"
#include "localdb/case_state.hpp"

namespace onewindow::localdb {

// Who did it and when (ISO 8601 UTC, "2026-11-27T02:15:00Z").
struct Actor {
  std::string clerkId;
  std::string at;
  std::string windowCode;  // where it was done; empty for central and the sync engine
};

struct DraftInput {
  std::string uuid;  // client-generated; the idempotency key towards central
  std::string matterCode;
  std::string matterName;
  std::string windowCode;
};

struct DraftContent {
  std::string applicantName;
  std::string applicantIdType;  // "id_card", "uscc", ...
  std::string applicantIdNumber;
  std::string formId;
  std::string formVersion;
  std::string instanceXml;  // the XForm instance
};

// The vocabulary of the window's rules (forms/case_vocabulary.hpp), stored by name.
using forms::DecisionKind;
using forms::MaterialStatus;
using forms::materialStatusName;

struct PageInput {
  std::string sha256;  // already durable in the MaterialStore
  std::uint64_t sizeBytes = 0;
  std::string mediaType = "application/octet-stream";
};

struct SlotInput {
  std::string key;
  std::string name;
  bool mandatory = true;
  MaterialStatus status = MaterialStatus::Pending;
  int originals = 0;
  int copies = 0;
  std::string eLicenceId;
  std::string note;
  std::vector<PageInput> pages;
};

struct FinalizeInput {
  std::string numberDate;  // YYYYMMDD, the local date printed in the provisional number
  std::vector<SlotInput> slots;
  std::string legalDueDate;     // YYYY-MM-DD or empty
  std::string promisedDueDate;  // YYYY-MM-DD or empty
  std::string scenarioAnswers;  // the situation the material list was tailored to (text form)
  std::string applicantPhone;   // the mobile number the form gives, so the case can be found by it
};

struct FinalizedCase {
  std::int64_t id = 0;
  std::string uuid;
  std::string provisionalNo;
  std::string intakeAt;
};

struct DecisionInput {
  DecisionKind kind = DecisionKind::Accept;
  std::string grounds;  // refusal grounds; correction notice: every problem found
  std::string legalBasis;
  std::string gapDeadline;  // YYYY-MM-DD, gap acceptance only
  bool commitmentSigned = false;
  std::string detailsXml;
};

struct CaseRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::optional<std::string> provisionalNo;
  std::optional<std::string> officialNo;
  std::string matterCode;
  std::string matterName;
  std::string applicantName;
  std::string applicantIdType;
  std::string applicantIdNumber;
  std::string clerkId;
  std::string windowCode;
  CaseState state = CaseState::Draft;
  std::string syncState;
  int revision = 0;
  std::string createdAt;
  std::string updatedAt;
  std::optional<std::string> intakeAt;
  std::optional<std::string> acceptedAt;
  std::optional<std::string> decidedAt;
  std::optional<std::string> legalDueDate;
  std::optional<std::string> promisedDueDate;
  std::string scenarioAnswers;  // as taken in (FinalizeInput::scenarioAnswers)
  std::string applicantPhone;
};

// A part of a bundle case as central routed it (一件事, central/API.md §4.7).
struct SubCaseRecord {
  std::string subNo;  // "<official number>-01"
  std::string matterCode;
  std::string matterName;
  std::string department;
  std::string state;     // "routed", later what the department did
  std::string routedAt;  // as central said (wire time)
};

struct SlotRecord {
  std::int64_t id = 0;
  std::string key;
  std::string name;
  bool mandatory = true;
  std::string status;
  int originals = 0;
  int copies = 0;
  std::vector<std::string> pageHashes;  // in page order
};

class CaseError : public std::runtime_error {
 public:
  enum class Kind { NotFound, WrongState, Invalid, Conflict };
  CaseError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace onewindow::localdb
