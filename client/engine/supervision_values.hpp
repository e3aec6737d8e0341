#pragma once
// The supervisor console's values (issue 14): the station's queues, the follow-up of bad
// ratings and the figures. Who may ask for them (supervisors), the badges, the deadlines and
// every figure's value are decided in the engine, so the console and `onewindow-ctl supervisor`
// show the same.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client/engine/case_desk_values.hpp"
#include "client/engine/supervision_config.hpp"
#include "localdb/supervision.hpp"

namespace onewindow::engine {

using SupervisionMark = localdb::SupervisionMark;
using FollowUpEntry = localdb::FollowUpEntry;
using BadRatingItem = localdb::BadRatingItem;

// The queues a supervisor watches over the station's cases.
enum class SupervisorQueue {
  All,                  // every case taken in
  SyncProblems,         // central refused it for good (quarantined), with the reason
  AwaitingSupplements,  // 容缺 gaps or a correction notice owed, with their deadline
  NearDue,              // the promised date within the near-due working days
  DueToday,
  Overdue,
  Suspended,  // the clock stands still: apart from the deadlines
  Supervised  // marked 督办 by a supervisor
};

inline constexpr SupervisorQueue kSupervisorQueues[] = {
    SupervisorQueue::All,       SupervisorQueue::SyncProblems, SupervisorQueue::AwaitingSupplements,
    SupervisorQueue::NearDue,   SupervisorQueue::DueToday,     SupervisorQueue::Overdue,
    SupervisorQueue::Suspended, SupervisorQueue::Supervised};

[[nodiscard]] const char* supervisorQueueName(SupervisorQueue queue);  // "overdue", …
[[nodiscard]] std::optional<SupervisorQueue> supervisorQueueFromName(const std::string& name);

struct QueueCount {
  SupervisorQueue queue = SupervisorQueue::All;
  std::int64_t count = 0;
};

struct StateCount {
  CaseState state = CaseState::Intake;
  std::int64_t count = 0;
};

// A supervisor queue's row: the case list's row, and the deadline of what the applicant owes.
struct SupervisorRow {
  CaseListRow row;
  std::string station;  // the station that took it in: central's rows; empty for the station's
  std::string supplementDeadline;  // YYYY-MM-DD: a 容缺 gap's or a correction notice's
  bool supervised = false;
  std::string supervisionNote;  // the 督办 note, when supervised
};

// A bad rating as a follow-up item: its deadline counted in working days from the rating.
struct FollowUpItem {
  BadRatingItem rating;
  std::string dueDate;  // YYYY-MM-DD
  DueBadge badge;       // None once closed
  // Open and due within a working day, due today or past: what the console badges first.
  bool urgent = false;
};

enum class FigurePeriod { Today, ThisWeek, ThisMonth };
enum class FigureGrouping { Window, Clerk, Matter };

[[nodiscard]] const char* figurePeriodName(FigurePeriod period);  // "today", "week", "month"
[[nodiscard]] std::optional<FigurePeriod> figurePeriodFromName(const std::string& name);
[[nodiscard]] const char* figureGroupingName(FigureGrouping grouping);  // "window", …
[[nodiscard]] std::optional<FigureGrouping> figureGroupingFromName(const std::string& name);

// One figure: its key ("accepted", "on_the_spot_rate", "overdue_rate", "speed_up_rate",
// "good_rating_rate"), the formula it was counted with (Chinese, as the supervisor reads it),
// and whether it is a rate (a share 0..1) or a count.
struct FigureDefinition {
  std::string key;
  std::string name;     // 受理件数, 即来即办率, …
  std::string formula;  // 当日办结的受理件 ÷ 受理件
  bool rate = true;
};

struct FigureValue {
  std::optional<double> value;  // nullopt: nothing to divide by
  double numerator = 0;
  double denominator = 0;
};

struct FigureRow {
  std::string group;                // window code, clerk id or matter code; empty for the total
  std::string groupName;            // the matter's name; the code for windows and clerks
  std::vector<FigureValue> values;  // in the order of the definitions
};

struct FigureDay {
  std::string date;  // YYYY-MM-DD
  std::int64_t accepted = 0;
  std::int64_t decided = 0;
  std::int64_t decidedLate = 0;
};

struct FigureTable {
  FigurePeriod period = FigurePeriod::Today;
  FigureGrouping grouping = FigureGrouping::Window;
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
  std::vector<FigureDefinition> definitions;
  FigureRow total;
  std::vector<FigureRow> rows;  // by group, in the group's order
  std::vector<FigureDay> days;  // the period day by day, for the line chart
  // What is not counted and why (e.g. waiting times without queue tickets).
  std::vector<std::string> notes;
};

}  // namespace onewindow::engine
