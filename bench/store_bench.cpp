// Local store figures (issue 3), printed, never pass/fail:
//  1. finalize latency (draft + 3 pages already stored → finalize commit) p50/p99, next to a
//     raw SQLite single-row commit with synchronous=FULL on the same disk, in the same run;
//  2. a filtered, sorted queue query over 100,000 cases;
//  3. fsck over 10,000 cases with their material files.
// Usage: bench_store [DIR]   (default: a fresh directory under ./bench-store; same disk as DIR)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "localdb/case_queries.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/integrity_check.hpp"
#include "localdb/material_store.hpp"
#include "localdb/workstation_store.hpp"

using namespace onewindow::localdb;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

// A raw SQLite table in WAL with synchronous=FULL: one single-row commit at a time.
class RawTable {
 public:
  explicit RawTable(const std::filesystem::path& file) {
    sqlite3_open(file.c_str(), &db_);
    sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (v TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db_, "INSERT INTO t VALUES (?1)", -1, &insert_, nullptr);
  }
  ~RawTable() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  RawTable(const RawTable&) = delete;
  RawTable& operator=(const RawTable&) = delete;

  double commit() {
    const auto start = Clock::now();
    sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(insert_, 1, "a row", -1, SQLITE_STATIC);
    sqlite3_step(insert_);
    sqlite3_reset(insert_);
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    return ms(Clock::now() - start);
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

std::vector<SlotInput> threePages(MaterialStore& materials, std::mt19937& random) {
  std::vector<SlotInput> slots;
  for (int s = 0; s < 3; ++s) {
    std::string bytes(2048, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    const StoredFile stored = materials.put(std::as_bytes(std::span(bytes.data(), bytes.size())));
    slots.push_back({"slot" + std::to_string(s),
                     "材料",
                     true,
                     MaterialStatus::Received,
                     1,
                     0,
                     "",
                     "",
                     {{stored.sha256, stored.size, "image/png"}}});
  }
  return slots;
}

std::string uuidFor(int i) {
  char text[40];
  std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", i);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path base =
      argc > 1 ? argv[1] : std::filesystem::current_path() / "bench-store";
  std::filesystem::remove_all(base);
  for (const char* part : {"finalize", "queries", "fsck"})
    std::filesystem::create_directories(base / part);
  std::mt19937 random(42);
  const Actor clerk{"c1001", "2026-11-27T02:00:00Z"};

  // 1. Finalize latency vs a raw commit, same disk, same run: first the raw commits in a loop
  // of their own, then the finalizes (the comparison the goal names); then the two alternated,
  // one raw commit beside each finalize, so the disk's state weighs on both alike.
  constexpr int kSamples = 300;
  auto finalizeRun = [&](const std::filesystem::path& dir, RawTable* beside,
                         std::vector<double>& raw) {
    std::vector<double> finalize;
    WorkstationStore store(dir / "workstation.db");
    MaterialStore materials(dir / "materials");
    CaseRepository cases(store.database());
    for (int i = 0; i < kSamples; ++i) {
      const std::string uuid = uuidFor(i);
      cases.createDraft({uuid, "000131128000", "个体工商户设立登记", "W03"}, clerk);
      cases.saveDraft(uuid, {"申请人", "id_card", "440305199001011234", "f", "1", "<data/>"},
                      clerk);
      auto slots = threePages(materials, random);
      if (beside != nullptr) raw.push_back(beside->commit());
      const auto start = Clock::now();
      cases.finalizeIntake(uuid, {"20261127", std::move(slots), "", "2026-12-31", ""}, clerk);
      finalize.push_back(ms(Clock::now() - start));
    }
    return finalize;
  };
  std::vector<double> raw;
  {
    RawTable table(base / "raw.db");
    for (int i = 0; i < kSamples; ++i) raw.push_back(table.commit());
  }
  std::vector<double> unused;
  const std::vector<double> finalize = finalizeRun(base / "finalize", nullptr, unused);
  std::printf("finalize (3 pages, one transaction, synchronous=FULL): p50 %.2f ms  p99 %.2f ms\n",
              percentile(finalize, 0.5), percentile(finalize, 0.99));
  std::printf("raw SQLite single-row commit (synchronous=FULL):      p50 %.2f ms  p99 %.2f ms\n",
              percentile(raw, 0.5), percentile(raw, 0.99));
  std::printf("  finalize p99 / raw p99 = %.2f (goal <= 2)\n",
              percentile(finalize, 0.99) / percentile(raw, 0.99));
  std::filesystem::create_directories(base / "alternated");
  std::vector<double> rawBeside;
  std::vector<double> finalizeBeside;
  {
    RawTable table(base / "alternated" / "raw.db");
    finalizeBeside = finalizeRun(base / "alternated", &table, rawBeside);
  }
  std::printf(
      "alternated, one raw commit beside each finalize: finalize p99 %.2f ms, raw p99 %.2f ms, "
      "ratio %.2f\n",
      percentile(finalizeBeside, 0.99), percentile(rawBeside, 0.99),
      percentile(finalizeBeside, 0.99) / percentile(rawBeside, 0.99));

  // 2. 100,000 cases, filtered and sorted.
  {
    WorkstationStore store(base / "queries" / "workstation.db");
    auto& db = store.database();
    db.execute("PRAGMA synchronous = OFF");  // only for loading the bench data quickly
    Transaction load(db);
    Statement insert = db.prepare(
        "INSERT INTO cases (uuid, provisional_no, matter_code, matter_name, applicant_name, "
        "clerk_id, window_code, "
        "state, sync_state, revision, created_at, updated_at, intake_at, promised_due_date) "
        "VALUES (?1, ?2, ?3, 'matter', '申请人', ?4, 'W03', ?5, 'confirmed', 1, ?6, ?6, ?6, ?7)");
    const char* states[] = {"intake",      "accepted", "accepted_with_gaps", "awaiting_correction",
                            "in_progress", "finished"};
    for (int i = 0; i < 100000; ++i) {
      char when[32];
      std::snprintf(when, sizeof when, "2026-%02d-%02dT%02d:%02d:00Z", 1 + i % 11, 1 + i % 28,
                    i % 24, i % 60);
      char due[16];
      std::snprintf(due, sizeof due, "2026-%02d-%02d", 1 + (i / 7) % 12, 1 + (i * 13) % 28);
      insert.reset();
      insert.bind(1, uuidFor(i))
          .bind(2, "W03-2026-" + std::to_string(i))
          .bind(3, "M" + std::to_string(i % 560))
          .bind(4, "c" + std::to_string(1000 + i % 40))
          .bind(5, states[i % 6])
          .bind(6, when)
          .bind(7, due);
      insert.run();
    }
    load.commit();
    db.execute("ANALYZE");
    CaseQueries queries(db);
    struct Named {
      const char* name;
      CaseFilter filter;
    };
    std::vector<Named> filters;
    CaseFilter byState;
    byState.states = {CaseState::Accepted, CaseState::AcceptedWithGaps};
    byState.intakeFrom = "2026-06-01T00:00:00Z";
    filters.push_back({"state in (accepted, gaps) since June, newest first, 200 rows", byState});
    CaseFilter byClerk;
    byClerk.clerkId = "c1007";
    byClerk.sort = CaseSort::PromisedDueDate;
    byClerk.descending = false;
    filters.push_back({"one clerk's cases by promised date, 200 rows", byClerk});
    CaseFilter overdue;
    overdue.dueOnOrBefore = "2026-03-01";
    overdue.states = {CaseState::InProgress};
    overdue.sort = CaseSort::PromisedDueDate;
    filters.push_back({"in progress and due by 1 March, by due date", overdue});
    CaseFilter matter;
    matter.matterCode = "M17";
    filters.push_back({"one matter, newest first", matter});
    for (const Named& named : filters) {
      std::vector<double> times;
      for (int r = 0; r < 20; ++r) {
        const auto start = Clock::now();
        const auto rows = queries.find(named.filter);
        times.push_back(ms(Clock::now() - start));
        if (rows.empty()) std::printf("  (%s: no rows)\n", named.name);
      }
      std::printf("query over 100,000 cases: %-62s median %.2f ms  max %.2f ms (goal <= 50)\n",
                  named.name, percentile(times, 0.5), percentile(times, 1.0));
    }
  }

  // 3. fsck over 10,000 cases with 3 material files each.
  {
    WorkstationStore store(base / "fsck" / "workstation.db");
    MaterialStore materials(base / "fsck" / "materials");
    CaseRepository cases(store.database());
    store.database().execute("PRAGMA synchronous = OFF");
    for (int i = 0; i < 10000; ++i) {
      const std::string uuid = uuidFor(i);
      cases.createDraft({uuid, "m", "matter", "W03"}, clerk);
      cases.finalizeIntake(uuid, {"20261127", threePages(materials, random), "", ""}, clerk);
    }
    const auto start = Clock::now();
    const IntegrityReport report = checkIntegrity(store.database(), materials);
    std::printf(
        "fsck over %lld cases, %lld material files (2 KiB each), %lld audit entries: %.0f ms, %s\n",
        static_cast<long long>(report.casesChecked),
        static_cast<long long>(report.materialsChecked),
        static_cast<long long>(report.auditEntries), ms(Clock::now() - start),
        report.clean() ? "clean" : "PROBLEMS");
  }
  std::filesystem::remove_all(base);
  return 0;
}
