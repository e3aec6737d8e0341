// Supervisor console figures (issue 14), printed, never pass/fail, through the engine's own
// commands on a station store of 100,000 cases of 28 matters of the sample catalog (so the due
// badges and the figures count on their working calendars), taken in at 12 windows by 36 clerks
// from January to "today", a fixed Friday 27 November 2026 at 12:00 in Shenzhen:
//  1. opening the console: the queue All, first page of 200 rows (ListSupervisorQueue, with
//     badges, 督办 marks and supplement deadlines) — goal <= 300 ms to the first rows; and,
//     beside it, the counts of all 8 queues and of the states (CountSupervisorQueues);
//  2. a filter: the queues Overdue and NearDue, and All of one matter — goal <= 50 ms each;
//  3. this month's figures (ComputeFigures, 20,000 cases taken in this month, a few thousand
//     ratings) by window, by clerk and by matter — goal <= 200 ms.
// The other queues are timed too, without a goal. The engine logs in offline as the demo
// supervisor s2001 (credentials cached as after an online login), so no server is needed and
// only the local store is measured. Each figure is the median and the 90th percentile of 30 runs.
// Usage: bench_supervisor [DIR]   (default: a fresh directory under ./bench-supervisor)

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "forms/form_session.hpp"
#include "forms/intake_rules.hpp"
#include "forms/working_calendar.hpp"
#include "forms/xform_cache.hpp"
#include "localdb/credential_cache.hpp"
#include "localdb/iso_time.hpp"
#include "localdb/workstation_store.hpp"
#include "sample_case.hpp"

using namespace onewindow;
using Clock = std::chrono::steady_clock;
using Time = std::chrono::system_clock::time_point;
using forms::CivilDate;

namespace {

constexpr int kCases = 100000;
constexpr int kThisMonthCases = 20000;  // taken in 2–27 November, the rest January–October
constexpr int kWindows = 12;            // W01..W12
constexpr int kClerksPerWindow = 3;     // c1001..c1036
constexpr int kRuns = 30;
constexpr CivilDate kToday{2026, 11, 27};  // a Friday

// Minutes after midnight in Shenzhen (UTC+8) on `day`.
Time chinaTime(CivilDate day, int minutes) {
  return Time(std::chrono::hours(day.daysSinceEpoch() * 24 - 8) + std::chrono::minutes(minutes));
}

const Time kNow = chinaTime(kToday, 12 * 60);

// The engine's "now" for every run, so the queues and the month stay the bench's.
class FixedClock final : public engine::Clock {
 public:
  [[nodiscard]] Time now() const override { return kNow; }
};

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

double p90(std::vector<double> values) {  // nearest rank
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(values.size())));
  return values[std::max<std::size_t>(rank, 1) - 1];
}

// A valid-looking 18-character ID number per applicant (as in case_desk_bench).
std::string idNumberFor(int i) {
  char text[24];
  std::snprintf(text, sizeof text, "4403%02d19%02d%02d%02d%03d%c", i % 7, 50 + i % 50, 1 + i % 12,
                1 + i % 28, i % 1000, "0123456789X"[i % 11]);
  return text;
}

// A case of `code` as the tests' sample makes it. Where the sample filler finds no answer (a
// field checked against another, such as a disability card number that starts with the ID
// number), it is given those answers; failing that the form is stored as far as it is filled.
test::SampleIntake intakeOf(const std::string& code, Time at) {
  try {
    return test::sampleIntake(code, at);
  } catch (const std::runtime_error& error) {
    static forms::XFormCache formCache;
    const auto catalog = test::sampleCatalog();
    const CivilDate date = forms::chinaDate(at);
    test::SampleIntake intake;
    intake.subject = *forms::subjectOn(*catalog, code, date);
    for (const forms::ScenarioQuestion& question : intake.subject.matter->scenarios)
      intake.scenarios[question.id] = {question.answers.front().id};
    intake.checklist = forms::intakeChecklist(*catalog, intake.subject, intake.scenarios, date);
    for (const forms::ChecklistItem& item : intake.checklist) {
      intake.slots.push_back({item.material.key, item.material.name.zh,
                              item.material.role == forms::MaterialRole::Main,
                              forms::MaterialStatus::Received});
    }
    intake.due = forms::dueDatesFor(*catalog, intake.subject, date);
    const auto definition = formCache.load(intake.subject.form()->path);
    intake.formId = definition->id;
    intake.formVersion = definition->version;
    const std::string id = test::kSampleIdNumber;
    try {
      intake.instanceXml = test::filledInstance(
          definition, at,
          {{"/data/applicant/id_number", id}, {"/data/disability/card_number", id + "42"}});
    } catch (const std::exception&) {
      std::printf("store: matter %s keeps a partly filled form (%s)\n", code.c_str(), error.what());
      intake.instanceXml = forms::FormSession(definition).instanceXml();
    }
    return intake;
  }
}

// A matter of the sample catalog as its cases are made: the form as a clerk fills it in, the
// material slots, how often the hall sees it.
struct MatterKind {
  forms::IntakeSubject subject;
  const forms::Matter* matter = nullptr;
  std::string scenarioText;
  test::SampleIntake intake;
  int weight = 1;
  bool allowsGaps = false;  // 容缺: gap acceptance and a secondary material to leave out
};

// The station's cases, decisions, ratings, sync rows and 督办 marks, written in one
// transaction as the engine would have left them.
class StoreFiller {
 public:
  explicit StoreFiller(localdb::Database& db)
      : catalog_(test::sampleCatalog()),
        calendar_(catalog_->calendars.front()),
        insertCase_(db.prepare(
            "INSERT INTO cases (id, uuid, provisional_no, official_no, matter_code, matter_name, "
            "applicant_name, applicant_id_type, applicant_id_number, applicant_phone, clerk_id, "
            "window_code, state, sync_state, sync_error, revision, created_at, updated_at, "
            "intake_at, accepted_at, decided_at, legal_due_date, promised_due_date, "
            "scenario_answers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'id_card', ?8, ?9, ?10, ?11, "
            "?12, ?13, ?14, 1, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)")),
        insertRevision_(db.prepare(
            "INSERT INTO case_revisions (case_id, revision, form_id, form_version, instance_xml, "
            "clerk_id, created_at) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)")),
        insertSlot_(
            db.prepare("INSERT INTO material_slots (case_id, slot_key, name, mandatory, status, "
                       "original_count, copy_count, supplied_at, supplied_by, status_before) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, 1, 1, ?6, ?7, ?8)")),
        insertDecision_(db.prepare(
            "INSERT INTO decisions (id, case_id, kind, decided_at, clerk_id, grounds, "
            "legal_basis, gap_deadline, commitment_signed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
            "?8, ?9)")),
        insertSync_(db.prepare(
            "INSERT INTO case_sync (case_id, confirmed_version, confirmed_sha256, attempts, "
            "last_error, last_error_code, last_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")),
        insertRating_(db.prepare(
            "INSERT INTO ratings (case_id, stage, label, scale, level, reasons, rated_at, synced, "
            "uuid, visit, clerk_id, window_code, comment) VALUES (?1, ?2, ?3, 'gb', ?4, ?5, ?6, "
            "1, ?7, ?8, ?9, ?10, ?11)")),
        insertMark_(
            db.prepare("INSERT INTO supervision_marks (case_id, note, marked_by, marked_at) "
                       "VALUES (?1, ?2, 's2001', ?3)")) {
    for (const forms::Matter* matter : catalog_->mattersOn(CivilDate{2026, 1, 5})) {
      MatterKind kind;
      kind.subject = *forms::subjectOn(*catalog_, matter->basicCode, CivilDate{2026, 1, 5});
      kind.matter = matter;
      kind.intake = intakeOf(matter->basicCode, chinaTime(CivilDate{2026, 1, 5}, 600));
      kind.scenarioText = forms::scenarioAnswersText(kind.intake.scenarios);
      kind.weight = 1 + static_cast<int>(matters_.size() * 7 % 5);  // some matters busier
      kind.allowsGaps = matter->flags.gapAcceptance &&
                        std::any_of(kind.intake.slots.begin(), kind.intake.slots.end(),
                                    [](const forms::CaseSlot& slot) { return !slot.main; });
      totalWeight_ += kind.weight;
      matters_.push_back(std::move(kind));
    }
  }

  [[nodiscard]] std::size_t matterCount() const { return matters_.size(); }
  [[nodiscard]] const std::string& busiestMatter() const {
    return std::max_element(
               matters_.begin(), matters_.end(),
               [](const MatterKind& a, const MatterKind& b) { return a.weight < b.weight; })
        ->matter->basicCode;
  }

  void fill() {
    // The hall's working days: January to October for the older cases, November up to today.
    std::vector<CivilDate> older;
    std::vector<CivilDate> thisMonth;
    for (CivilDate day{2026, 1, 5}; day <= kToday; day = day.plusDays(1)) {
      if (!calendar_.isWorkingDay(day)) continue;
      (day.month == kToday.month ? thisMonth : older).push_back(day);
    }
    const int olderCases = kCases - kThisMonthCases;
    int id = 0;
    auto fillDays = [&](const std::vector<CivilDate>& days, int cases) {
      for (std::size_t d = 0; d < days.size(); ++d) {
        const int first = static_cast<int>(static_cast<long long>(cases) * d / days.size());
        const int last = static_cast<int>(static_cast<long long>(cases) * (d + 1) / days.size());
        // 9:00–17:30; today only the morning so far.
        const int span = days[d] == kToday ? 175 : 510;
        for (int k = first; k < last; ++k)
          addCase(++id, days[d], 9 * 60 + (k - first) * span / (last - first));
      }
    };
    fillDays(older, olderCases);
    fillDays(thisMonth, kThisMonthCases);
  }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(random_); }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  static std::string iso(Time t) { return localdb::isoUtc(t); }

  const MatterKind& pickMatter() {
    int r = pick(totalWeight_);
    for (const MatterKind& kind : matters_) {
      if (r < kind.weight) return kind;
      r -= kind.weight;
    }
    return matters_.back();
  }

  forms::DueDates dueOf(const MatterKind& kind, CivilDate day) {
    const auto key = std::make_pair(kind.matter->basicCode, day.daysSinceEpoch());
    const auto known = dues_.find(key);
    if (known != dues_.end()) return known->second;
    return dues_[key] = forms::dueDatesFor(*catalog_, kind.subject, day);
  }

  CivilDate nextWorkingDay(CivilDate day) const {
    while (!calendar_.isWorkingDay(day)) day = day.plusDays(1);
    return day;
  }

  void addCase(int id, CivilDate day, int minute) {
    const MatterKind& kind = pickMatter();
    const int window = pick(kWindows);
    char windowCode[16];
    std::snprintf(windowCode, sizeof windowCode, "W%02d", window + 1);
    const std::string clerk =
        "c" + std::to_string(1001 + window * kClerksPerWindow + pick(kClerksPerWindow));
    const Time intakeAt = chinaTime(day, minute) + std::chrono::seconds(pick(60));
    const forms::DueDates due = dueOf(kind, day);
    const Time windowAt = intakeAt + std::chrono::minutes(5 + pick(20));
    const bool recent = calendar_.workingDaysBetween(day, kToday) <= 5;

    std::string state;
    std::optional<Time> acceptedAt;
    std::optional<Time> decidedAt;
    std::string decision;  // the window's: accept, accept_with_gaps, correction_notice, refuse
    std::optional<CivilDate> gapDeadline;
    bool gapOpen = false;
    if (windowAt > kNow) {
      state = "intake";
    } else {
      const double r = uniform();
      decision = r < 0.02                      ? "refuse"
                 : r < 0.05 && recent          ? "correction_notice"
                 : r < 0.15 && kind.allowsGaps ? "accept_with_gaps"
                                               : "accept";
      if (decision == "refuse") {
        state = "refused";
      } else if (decision == "correction_notice") {
        state = "awaiting_correction";
      } else {
        acceptedAt = windowAt;
        if (decision == "accept_with_gaps") {
          gapDeadline = std::min(due.promised, calendar_.addWorkingDays(day, 5));
          if (*gapDeadline <= day) gapDeadline = calendar_.addWorkingDays(day, 1);
          // Open while its deadline runs, and a few the applicant let pass.
          gapOpen = *gapDeadline >= kToday ? uniform() < 0.9 : uniform() < 0.08;
        }
        if (gapOpen) {
          state = "accepted_with_gaps";
        } else {
          const bool immediate = due.promised <= day;
          if (immediate || uniform() < 0.12) {  // 即来即办: decided on the day of intake
            decidedAt = windowAt + std::chrono::minutes(10 + pick(80));
          } else if (!recent && uniform() < 0.04) {
            // Stuck at the department: no decision yet, long overdue.
          } else {
            CivilDate decisionDay;
            if (uniform() < 0.12) {  // late
              decisionDay = nextWorkingDay(due.promised.plusDays(1 + pick(10)));
            } else {  // in time, mostly in the last two thirds of the time allowed
              const auto days = due.promised.daysSinceEpoch() - day.daysSinceEpoch();
              decisionDay = nextWorkingDay(std::max(
                  day.plusDays(1),
                  due.promised.plusDays(-pick(std::max(1, static_cast<int>(days * 2 / 3))))));
            }
            decidedAt = chinaTime(decisionDay, 9 * 60 + 30 + pick(450));
          }
          if (decidedAt && *decidedAt <= kNow) {
            const CivilDate decided = forms::chinaDate(*decidedAt);
            const double s = uniform();
            state = calendar_.workingDaysBetween(decided, kToday) <= 2 ? "decided"
                    : s < 0.55                                         ? "collected"
                    : s < 0.9                                          ? "finished"
                                                                       : "awaiting_pickup";
          } else {
            decidedAt.reset();
            const double s = uniform();
            state = s < 0.04 ? "suspended" : day == kToday || s < 0.2 ? "accepted" : "in_progress";
          }
        }
      }
    }

    // Central refused a few of the last days' cases for good, before it numbered them.
    const bool quarantined = recent && !decidedAt && id % 17 == 7;
    char uuid[64];
    std::snprintf(uuid, sizeof uuid, "5b0e0000-0000-4000-8000-%012d", id);
    char number[64];
    std::snprintf(number, sizeof number, "%s-%s-%06d", windowCode, day.compact().c_str(), id);
    char phone[24];
    std::snprintf(phone, sizeof phone, "139%08d", id);
    const Time updatedAt =
        std::max({intakeAt, windowAt <= kNow ? windowAt : intakeAt, decidedAt.value_or(intakeAt)});
    insertCase_.reset();
    insertCase_.bind(1, id)
        .bind(2, std::string(uuid))
        .bind(3, std::string(number))
        .bind(5, kind.matter->basicCode)
        .bind(6, kind.matter->name.zh)
        .bind(7, "申请人" + std::to_string(id))
        .bind(8, idNumberFor(id))
        .bind(9, std::string(phone))
        .bind(10, clerk)
        .bind(11, std::string(windowCode))
        .bind(12, state)
        .bind(13, quarantined ? "quarantined" : "confirmed")
        .bind(15, iso(intakeAt - std::chrono::minutes(3)))
        .bind(16, iso(updatedAt))
        .bind(17, iso(intakeAt))
        .bind(21, due.promised.iso())
        .bind(22, kind.scenarioText);
    if (quarantined) {
      insertCase_.bindNull(4).bind(14, "central refused the case: the form fails a rule");
    } else {
      insertCase_.bind(4, kind.matter->implementationCode + day.compact() + std::to_string(id))
          .bindNull(14);
    }
    if (acceptedAt) {
      insertCase_.bind(18, iso(*acceptedAt));
    } else {
      insertCase_.bindNull(18);
    }
    if (decidedAt) {
      insertCase_.bind(19, iso(*decidedAt));
    } else {
      insertCase_.bindNull(19);
    }
    if (due.legal) {
      insertCase_.bind(20, due.legal->iso());
    } else {
      insertCase_.bindNull(20);
    }
    insertCase_.run();

    // The form as taken in, and the material slots (a gap left open until it is supplied).
    insertRevision_.reset();
    insertRevision_.bind(1, id)
        .bind(2, kind.intake.formId)
        .bind(3, kind.intake.formVersion)
        .bind(4, kind.intake.instanceXml)
        .bind(5, clerk)
        .bind(6, iso(intakeAt))
        .run();
    bool gapMarked = false;
    for (const forms::CaseSlot& slot : kind.intake.slots) {
      const bool gap = gapDeadline && !slot.main && !gapMarked;
      gapMarked = gapMarked || gap;
      insertSlot_.reset();
      insertSlot_.bind(1, id)
          .bind(2, slot.key)
          .bind(3, slot.name)
          .bind(4, slot.main ? 1 : 0)
          .bind(5, gap && gapOpen ? "gap" : "received");
      if (gap && !gapOpen) {
        insertSlot_.bind(6, iso(std::min(kNow, windowAt + std::chrono::hours(48))))
            .bind(7, clerk)
            .bind(8, "gap");
      } else {
        insertSlot_.bindNull(6).bindNull(7).bindNull(8);
      }
      insertSlot_.run();
    }

    std::int64_t decisionId = 0;
    if (!decision.empty()) {
      decisionId = ++decisions_;
      insertDecision_.reset();
      insertDecision_.bind(1, decisionId)
          .bind(2, id)
          .bind(3, decision)
          .bind(4, iso(windowAt))
          .bind(5, clerk)
          .bind(6, decision == "refuse" ? "不符合受理条件" : "")
          .bind(7, decision == "refuse" ? "《行政许可法》第三十二条" : "")
          .bind(9, decision == "accept_with_gaps" ? 1 : 0);
      if (gapDeadline) {
        insertDecision_.bind(8, gapDeadline->iso());
      } else {
        insertDecision_.bindNull(8);
      }
      insertDecision_.run();
      if (gapDeadline && !gapOpen) {  // the gap supplied: fully accepted, a decision of its own
        insertDecision_.reset();
        insertDecision_.bind(1, ++decisions_)
            .bind(2, id)
            .bind(3, "accept")
            .bind(4, iso(std::min(kNow, windowAt + std::chrono::hours(48))))
            .bind(5, clerk)
            .bind(6, "容缺材料已补齐")
            .bind(7, "")
            .bindNull(8)
            .bind(9, 0)
            .run();
      }
    }

    insertSync_.reset();
    insertSync_.bind(1, id);
    if (quarantined) {
      insertSync_.bind(2, 0)
          .bind(3, "")
          .bind(4, 1)
          .bind(5, "the form fails the rule /data/applicant/phone")
          .bind(6, "case.rules_broken")
          .bind(7, iso(windowAt));
    } else {
      insertSync_.bind(2, 1)
          .bind(3, std::string(64, "0123456789abcdef"[id % 16]))
          .bind(4, 0)
          .bind(5, "")
          .bind(6, "")
          .bindNull(7);
    }
    insertSync_.run();

    // 好差评: about one visit in six at the window is rated, and some hand-overs.
    if (decisionId != 0 && uniform() < 0.16)
      addRating(id, "acceptance", "decision", decisionId, windowAt + std::chrono::minutes(1), clerk,
                windowCode);
    if (state == "collected" && uniform() < 0.1) {
      const Time handover = std::min(kNow, *decidedAt + std::chrono::hours(24 + pick(96)));
      addRating(id, "completion", "handover", id, handover, clerk, windowCode);
    }
    // 督办: a few of the long-overdue running cases.
    if ((state == "in_progress" || state == "accepted") && due.promised < kToday.plusDays(-20) &&
        uniform() < 0.05) {
      insertMark_.reset();
      insertMark_.bind(1, id)
          .bind(2, "超期未办结，请说明原因并加快办理")
          .bind(3, iso(kNow - std::chrono::hours(24 * (1 + pick(10)))))
          .run();
    }
  }

  void addRating(int caseId, const char* stage, const char* visit, std::int64_t visitId, Time at,
                 const std::string& clerk, const char* window) {
    static const char* kLabels[] = {"非常满意", "满意", "基本满意", "不满意", "非常不满意"};
    const double r = uniform();
    const int level = r < 0.62 ? 1 : r < 0.86 ? 2 : r < 0.95 ? 3 : r < 0.99 ? 4 : 5;
    char uuid[64];
    std::snprintf(uuid, sizeof uuid, "7a2e0000-0000-4000-8000-%012lld",
                  static_cast<long long>(++ratings_));
    insertRating_.reset();
    insertRating_.bind(1, caseId)
        .bind(2, stage)
        .bind(3, kLabels[level - 1])
        .bind(4, level)
        .bind(5, level >= 4 ? "等候时间长\n办事指南不清楚" : "")
        .bind(6, iso(at))
        .bind(7, std::string(uuid))
        .bind(8, std::string(visit) + ":" + std::to_string(visitId))
        .bind(9, clerk)
        .bind(10, window)
        .bind(11, level >= 4 ? "跑了两次才办成" : "")
        .run();
  }

  std::shared_ptr<const forms::Catalog> catalog_;
  const forms::WorkingCalendar& calendar_;
  std::vector<MatterKind> matters_;
  int totalWeight_ = 0;
  std::map<std::pair<std::string, std::int64_t>, forms::DueDates> dues_;
  std::mt19937_64 random_{20261127};
  std::int64_t decisions_ = 0;
  std::int64_t ratings_ = 0;
  localdb::Statement insertCase_;
  localdb::Statement insertRevision_;
  localdb::Statement insertSlot_;
  localdb::Statement insertDecision_;
  localdb::Statement insertSync_;
  localdb::Statement insertRating_;
  localdb::Statement insertMark_;
};

// Fills the store; returns the busiest matter's code (the matter filter's).
std::string fillStore(const std::filesystem::path& profile) {
  localdb::WorkstationStore store(profile / "workstation.db");
  localdb::Database& db = store.database();
  // Only for loading the bench data quickly: the store's own settings are back when it reopens.
  db.execute("PRAGMA synchronous = OFF");
  db.execute("PRAGMA cache_size = -524288");
  std::string busiest;
  {
    localdb::Transaction load(db);
    StoreFiller filler(db);
    filler.fill();
    busiest = filler.busiestMatter();
    std::printf("store: %zu matters of the sample catalog, %d windows, %d clerks\n",
                filler.matterCount(), kWindows, kWindows * kClerksPerWindow);
    load.commit();
  }
  db.execute("ANALYZE");
  // As after an online login of the demo supervisor at this station.
  localdb::CredentialCache(db).remember({"s2001", "李强", "supervisor"}, "demo2001", kNow);
  return busiest;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir =
      argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::path("bench-supervisor");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "profile");
  const auto loadStart = Clock::now();
  const std::string matter = fillStore(dir / "profile");
  std::printf(
      "store: %d cases (%d this month) loaded in %.1f s, %.0f MB; today %s 12:00 CST\n", kCases,
      kThisMonthCases, ms(Clock::now() - loadStart) / 1000,
      static_cast<double>(std::filesystem::file_size(dir / "profile" / "workstation.db")) / 1e6,
      kToday.iso().c_str());

  engine::EngineConfig config;
  config.profileDir = dir / "profile";
  config.centralUrl = "http://127.0.0.1:9";  // nothing listens: an offline login
  config.catalogFile = test::sampleCatalogFile();
  config.watchConnectivity = false;
  config.warmUpDocuments = false;
  auto invoker = std::make_shared<engine::QueueInvoker>();
  engine::Engine engine(config, invoker, std::make_shared<FixedClock>());
  std::vector<engine::Notification> received;
  auto subscription =
      engine.subscribe([&](const engine::Notification& n) { received.push_back(n); });
  std::optional<engine::LoginFinished> login;
  engine.submit(engine::Login{"s2001", "demo2001", "W01"});
  invoker->runUntil(
      [&] {
        for (const auto& n : received)
          if (const auto* finished = std::get_if<engine::LoginFinished>(&n)) login = *finished;
        return login.has_value();
      },
      std::chrono::seconds(30));
  if (!login || !login->ok()) {
    std::fprintf(stderr, "bench_supervisor: the offline login of s2001 failed\n");
    return 1;
  }

  std::uint64_t request = 0;
  bool refused = false;
  // Submits and waits for the answer on this thread (the UI thread's place); returns ms and
  // keeps the answer.
  auto timed = [&](auto command, auto& answer) {
    using Answer = std::remove_reference_t<decltype(answer)>;
    command.requestId = ++request;
    const std::uint64_t id = command.requestId;
    received.clear();
    bool answered = false;
    const auto start = Clock::now();
    engine.submit(command);
    invoker->runUntil(
        [&] {
          for (auto& n : received) {
            if (auto* got = std::get_if<Answer>(&n); got && got->requestId == id) {
              answer = std::move(*got);
              return answered = true;
            }
            if (const auto* failed = std::get_if<engine::CommandFailed>(&n);
                failed && failed->requestId == id) {
              std::fprintf(stderr, "refused: %s\n", failed->message.c_str());
              refused = true;
              return true;
            }
          }
          return false;
        },
        std::chrono::seconds(60));
    const double took = ms(Clock::now() - start);
    if (!answered) refused = true;
    return took;
  };
  auto report = [&](const char* what, auto command, auto& answer, const char* goal, auto describe) {
    std::vector<double> runs;
    for (int run = 0; run < kRuns; ++run) runs.push_back(timed(command, answer));
    std::printf("%-58s median %7.2f ms  p90 %7.2f ms  (%s; goal %s)\n", what, median(runs),
                p90(runs), describe(answer).c_str(), goal);
  };
  auto rowsOf = [](const engine::SupervisorQueueListed& listed) {
    return std::to_string(listed.rows.size()) + " rows of " + std::to_string(listed.total);
  };
  auto queue = [](engine::SupervisorQueue which, const std::string& matterCode = {}) {
    engine::ListSupervisorQueue command;
    command.queue = which;
    command.matterCode = matterCode;
    command.offset = 0;
    command.limit = 200;
    return command;
  };

  engine::SupervisorQueueListed listed;
  std::printf("first open, queue All (cold caches): %.2f ms\n",
              timed(queue(engine::SupervisorQueue::All), listed));

  engine::SupervisorQueuesCounted counted;
  report("counts of the 8 queues and by state (CountSupervisorQueues)",
         engine::CountSupervisorQueues{}, counted, "-",
         [](const engine::SupervisorQueuesCounted&) { return std::string("printed below"); });
  std::printf("  queues:");
  for (const engine::QueueCount& count : counted.queues)
    std::printf(" %s %lld", engine::supervisorQueueName(count.queue),
                static_cast<long long>(count.count));
  std::printf("\n  states:");
  for (const engine::StateCount& count : counted.states)
    std::printf(" %s %lld", std::string(localdb::caseStateName(count.state)).c_str(),
                static_cast<long long>(count.count));
  std::printf("\n");

  report("queue All, first page of 200 rows (newest first)", queue(engine::SupervisorQueue::All),
         listed, "<= 300 ms", rowsOf);
  report("filter: queue Overdue, first 200 rows", queue(engine::SupervisorQueue::Overdue), listed,
         "<= 50 ms", rowsOf);
  report("filter: queue NearDue, first 200 rows", queue(engine::SupervisorQueue::NearDue), listed,
         "<= 50 ms", rowsOf);
  const std::string allOfMatter = "filter: queue All of matter " + matter + ", first 200 rows";
  report(allOfMatter.c_str(), queue(engine::SupervisorQueue::All, matter), listed, "<= 50 ms",
         rowsOf);
  report("queue DueToday, first 200 rows", queue(engine::SupervisorQueue::DueToday), listed, "-",
         rowsOf);
  report("queue AwaitingSupplements, first 200 rows (with deadlines)",
         queue(engine::SupervisorQueue::AwaitingSupplements), listed, "-", rowsOf);
  report("queue Suspended, first 200 rows", queue(engine::SupervisorQueue::Suspended), listed, "-",
         rowsOf);
  report("queue SyncProblems, first 200 rows", queue(engine::SupervisorQueue::SyncProblems), listed,
         "-", rowsOf);
  report("queue Supervised, first 200 rows", queue(engine::SupervisorQueue::Supervised), listed,
         "-", rowsOf);

  engine::FiguresComputed figures;
  auto figuresOf = [](const engine::FiguresComputed& computed) {
    const engine::FigureTable& table = computed.table;
    char text[200];
    std::snprintf(text, sizeof text,
                  "%zu groups, %s..%s: %.0f accepted, %.0f decided (%.0f late), %.0f on the spot, "
                  "%.0f ratings",
                  table.rows.size(), table.from.c_str(), table.to.c_str(),
                  table.total.values.at(0).numerator, table.total.values.at(2).denominator,
                  table.total.values.at(2).numerator, table.total.values.at(1).numerator,
                  table.total.values.at(4).denominator);
    return std::string(text);
  };
  for (const auto grouping : {engine::FigureGrouping::Window, engine::FigureGrouping::Clerk,
                              engine::FigureGrouping::Matter}) {
    engine::ComputeFigures command;
    command.period = engine::FigurePeriod::ThisMonth;
    command.grouping = grouping;
    const std::string what =
        std::string("figures this month by ") + engine::figureGroupingName(grouping);
    report(what.c_str(), command, figures, "<= 200 ms", figuresOf);
  }
  if (refused) {
    std::fprintf(stderr, "bench_supervisor: a command was refused or not answered\n");
    return 1;
  }
  return 0;
}
