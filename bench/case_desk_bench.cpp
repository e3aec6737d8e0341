// Case desk figures (issue 13), printed, never pass/fail, through the engine's own commands on
// a station store of 100,000 cases (matters of the sample catalog, so the due badges are counted
// on their working calendars):
//  1. opening the station's list: the first screen of rows (ListCases, 200 rows, with badges and
//     masked IDs) — goal <= 300 ms;
//  2. a filter (a state group and a matter, intake dates) — goal <= 50 ms;
//  3. a search by ID number as the clerk finishes typing it (FindCase) — goal <= 20 ms;
//  and, beside them, a prefix typed into the search box (ListCases with a lookup).
// The engine logs in offline (the clerk's credentials cached as after an online login), so no
// server is needed and only the local store is measured. Each figure is the median of 20 runs.
// Usage: bench_case_desk [DIR]   (default: a fresh directory under ./bench-case-desk)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "localdb/credential_cache.hpp"
#include "localdb/workstation_store.hpp"
#include "sample_case.hpp"

using namespace onewindow;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kCases = 100000;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// A valid-looking 18-character ID number per applicant (the check digit does not matter to the
// list; the search is by the stored text).
std::string idNumberFor(int i) {
  char text[24];
  std::snprintf(text, sizeof text, "4403%02d19%02d%02d%02d%03d%c", i % 7, 50 + i % 50, 1 + i % 12,
                1 + i % 28, i % 1000, "0123456789X"[i % 11]);
  return text;
}

void fillStore(const std::filesystem::path& profile) {
  localdb::WorkstationStore store(profile / "workstation.db");
  localdb::Database& db = store.database();
  db.execute("PRAGMA synchronous = OFF");  // only for loading the bench data quickly
  localdb::Transaction load(db);
  localdb::Statement insert = db.prepare(
      "INSERT INTO cases (uuid, provisional_no, official_no, matter_code, matter_name, "
      "applicant_name, applicant_id_type, applicant_id_number, applicant_phone, clerk_id, "
      "window_code, state, sync_state, revision, created_at, updated_at, intake_at, "
      "promised_due_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'id_card', ?7, ?8, ?9, ?10, ?11, "
      "'confirmed', 1, ?12, ?12, ?12, ?13)");
  const char* matters[][2] = {{test::kSampleMatter, "个体工商户设立登记"},
                              {test::kSeniorCard, "敬老优待证办理"},
                              {"440300070003", "残疾人证办理"}};
  const char* states[] = {"intake",      "accepted", "accepted_with_gaps", "awaiting_correction",
                          "in_progress", "finished", "collected",          "refused"};
  for (int i = 0; i < kCases; ++i) {
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "6c1d0000-0000-4000-8000-%012d", i);
    char when[32];
    std::snprintf(when, sizeof when, "2026-%02d-%02dT%02d:%02d:00Z", 1 + i % 11, 1 + i % 28, i % 24,
                  i % 60);
    char due[16];
    std::snprintf(due, sizeof due, "2026-%02d-%02d", 1 + (i / 7) % 12, 1 + (i * 13) % 28);
    char number[40];
    std::snprintf(number, sizeof number, "W%02d-2026%02d%02d-%06d", 1 + i % 12, 1 + i % 11,
                  1 + i % 28, i + 1);
    char phone[16];
    std::snprintf(phone, sizeof phone, "139%08d", i);
    insert.reset();
    insert.bind(1, std::string(uuid))
        .bind(2, std::string(number))
        .bind(4, std::string(matters[i % 3][0]))
        .bind(5, std::string(matters[i % 3][1]))
        .bind(6, "申请人" + std::to_string(i))
        .bind(7, idNumberFor(i))
        .bind(8, std::string(phone))
        .bind(9, "c" + std::to_string(1000 + i % 40))
        .bind(10, std::string(i % 12 == 2 ? "W03" : "W01"))
        .bind(11, std::string(states[i % 8]))
        .bind(12, std::string(when))
        .bind(13, std::string(due));
    if (i % 2 == 0) {
      insert.bind(3, "11440300MB2C91234X4000131128000" + std::string(number + 4, 8) +
                         std::to_string(1000 + i % 9000));
    } else {
      insert.bindNull(3);
    }
    insert.run();
  }
  load.commit();
  db.execute("ANALYZE");
  localdb::CredentialCache(db).remember({"c1001", "张敏", "clerk"}, "demo1001",
                                        std::chrono::system_clock::now());
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir =
      argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::path("bench-case-desk");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "profile");
  const auto loadStart = Clock::now();
  fillStore(dir / "profile");
  std::printf("store: %d cases loaded in %.1f s\n", kCases, ms(Clock::now() - loadStart) / 1000);

  engine::EngineConfig config;
  config.profileDir = dir / "profile";
  config.centralUrl = "http://127.0.0.1:9";  // nothing listens: an offline login
  config.catalogFile = test::sampleCatalogFile();
  config.watchConnectivity = false;
  config.warmUpDocuments = false;
  auto invoker = std::make_shared<engine::QueueInvoker>();
  engine::Engine engine(config, invoker);
  std::vector<engine::Notification> received;
  auto subscription =
      engine.subscribe([&](const engine::Notification& n) { received.push_back(n); });
  bool loggedIn = false;
  engine.submit(engine::Login{"c1001", "demo1001", "W03"});
  invoker->runUntil(
      [&] {
        for (const auto& n : received)
          if (const auto* login = std::get_if<engine::LoginFinished>(&n)) loggedIn = login->ok();
        return loggedIn;
      },
      std::chrono::seconds(30));
  if (!loggedIn) {
    std::fprintf(stderr, "bench_case_desk: the offline login failed\n");
    return 1;
  }

  std::uint64_t request = 0;
  // Submits and waits for the answer on this thread (the UI thread's place); returns ms.
  auto timed = [&](auto command, std::int64_t* rows = nullptr) {
    command.requestId = ++request;
    const std::uint64_t id = command.requestId;
    received.clear();
    const auto start = Clock::now();
    engine.submit(command);
    invoker->runUntil(
        [&] {
          for (const auto& n : received) {
            if (const auto* listed = std::get_if<engine::CasesListed>(&n);
                listed && listed->requestId == id) {
              if (rows) *rows = static_cast<std::int64_t>(listed->rows.size());
              return true;
            }
            if (const auto* detail = std::get_if<engine::CaseDetailReady>(&n);
                detail && detail->requestId == id) {
              if (rows) *rows = 1;
              return true;
            }
            if (const auto* failed = std::get_if<engine::CommandFailed>(&n);
                failed && failed->requestId == id) {
              std::fprintf(stderr, "refused: %s\n", failed->message.c_str());
              return true;
            }
          }
          return false;
        },
        std::chrono::seconds(30));
    return ms(Clock::now() - start);
  };
  auto report = [&](const char* what, auto make, const char* goal) {
    std::vector<double> runs;
    std::int64_t rows = 0;
    for (int run = 0; run < 20; ++run) runs.push_back(timed(make(run), &rows));
    std::printf("%-66s median %7.2f ms  max %7.2f ms  (%lld rows; goal %s)\n", what, median(runs),
                *std::max_element(runs.begin(), runs.end()), static_cast<long long>(rows), goal);
  };

  std::printf("first open (cold caches): %.2f ms\n",
              timed(engine::ListCases{0, {engine::CaseScope::Station}, 0, 200}));
  report(
      "station list, first screen of 200 rows (newest first)",
      [](int) {
        return engine::ListCases{0, {engine::CaseScope::Station}, 0, 200};
      },
      "<= 300 ms");
  report(
      "filter: running cases of one matter taken in during June",
      [](int) {
        engine::CaseListQuery query;
        query.scope = engine::CaseScope::Station;
        query.states = {engine::CaseState::Intake, engine::CaseState::Accepted,
                        engine::CaseState::AcceptedWithGaps, engine::CaseState::InProgress};
        query.matterCode = test::kSeniorCard;
        query.intakeFrom = "2026-06-01";
        query.intakeTo = "2026-06-30";
        return engine::ListCases{0, query, 0, 200};
      },
      "<= 50 ms");
  report(
      "filter: this window's cases by promised date",
      [](int) {
        engine::CaseListQuery query;
        query.sort = engine::CaseSort::PromisedDueDate;
        query.descending = false;
        return engine::ListCases{0, query, 0, 200};
      },
      "<= 50 ms");
  report(
      "search by ID number (FindCase, the whole number typed)",
      [](int run) {
        return engine::FindCase{0, idNumberFor(run * 4999 + 17)};
      },
      "<= 20 ms");
  report(
      "search as one types: the first 10 characters of an ID number",
      [](int run) {
        engine::CaseListQuery query;
        query.scope = engine::CaseScope::Station;
        query.lookup = idNumberFor(run * 4999 + 17).substr(0, 10);
        return engine::ListCases{0, query, 0, 200};
      },
      "<= 50 ms");
  report(
      "search by mobile number (FindCase)",
      [](int run) {
        char phone[16];
        std::snprintf(phone, sizeof phone, "139%08d", run * 4999 + 17);
        return engine::FindCase{0, phone};
      },
      "<= 20 ms");
  report(
      "a page deep in the list (rows 99,800-100,000)",
      [](int) {
        return engine::ListCases{0, {engine::CaseScope::Station}, 99800, 200};
      },
      "-");
  return 0;
}
