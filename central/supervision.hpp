#pragma once
// The supervisor's 督办 mark (central/API.md §4.13): one per case, kept by central. Setting,
// replacing or lifting it is one transaction with a change of kind `supervision` to the case's
// own station, so the clerk there sees it; a repeat (the same note again, a lift of a case
// without a mark) changes nothing, so a retry after a lost reply is harmless.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "central/login_request.hpp"
#include "central/sql/sql.hpp"

namespace onewindow::central {

// The note and the reason of a lift: 1-500 characters (Unicode code points) once trimmed.
inline constexpr std::size_t kMaxSupervisionTextChars = 500;

enum class SupervisionAction { Mark, Lift };

struct SupervisionRequest {
  SupervisionAction action = SupervisionAction::Mark;
  std::string text;  // the mark's note, or why it is lifted; trimmed
};

// <supervision action="mark|lift">text</supervision>. Problems are 400s with the codes of
// API.md §1 (malformed_xml, wrong_document, missing_field, invalid_field).
[[nodiscard]] std::variant<SupervisionRequest, RequestProblem> parseSupervisionRequest(
    std::string_view body);

// A case's mark as central keeps it.
struct SupervisionMark {
  std::string note;
  std::string markedBy;  // the supervisor's clerk id
  std::chrono::sys_seconds markedAt{};
};

[[nodiscard]] std::optional<SupervisionMark> findSupervisionMark(sql::Connection& db,
                                                                 const std::string& caseUuid);

// What the reply of §4.13 says: the mark now, or the lift (its supervisor, time and reason).
struct SupervisionState {
  std::string caseUuid;
  bool marked = false;
  std::string by;
  std::chrono::sys_seconds at{};
  std::string text;
  // The seq of the case's latest `supervision` change (the one that says this), 0 when there
  // has been none: a station that keeps the mark at once skips the older changes of its feed.
  std::int64_t seq = 0;
};

enum class SupervisionOutcome {
  Changed,    // a mark set, its note replaced, or lifted: one change in the station's feed
  Unchanged,  // the same note again, or a lift of a case without a mark
  NoCase,     // central has no such case
};

struct SupervisionResult {
  SupervisionOutcome outcome = SupervisionOutcome::NoCase;
  SupervisionState state;
  std::string station;  // the case's own station (the one that sent version 1)
};

// One transaction of its own: the mark's row and the change, or nothing.
[[nodiscard]] SupervisionResult applySupervision(sql::Connection& db, const std::string& caseUuid,
                                                 const SupervisionRequest& request,
                                                 const std::string& supervisorId,
                                                 std::chrono::sys_seconds now);

// <supervision case-uuid=".." state="marked|lifted" by=".." at="..">text</supervision>
[[nodiscard]] std::string supervisionXml(const SupervisionState& state);

}  // namespace onewindow::central
