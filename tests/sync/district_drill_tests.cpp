// The district drill (issue 15): a district's stations all come back from an outage at once.
// Everything is real and started by the test (DESIGN.md §11): a PostgreSQL 15 cluster, two
// onewindow-central processes sharing its database and one data directory, Debian's nginx in
// front of them with the shipped site file (TLS, request buffering, retries), and S stations,
// each the real workstation engine in a process of its own (district_station.cpp) on a profile
// whose outbox holds C finalized cases with scanned materials. All stations start draining at
// the same moment; while they do, one central process is killed with SIGKILL and started again
// on the same port, nginx sending everything to the other one meanwhile.
//
// What must hold afterwards: every case is at central exactly once (one row, one version, the
// station that sent it), every station's store says each of its cases is confirmed with the
// official number central gave it, official numbers are gapless per implementing code and day
// (1..n, as the per-day row lock promises), and each station's change feed is complete: one
// official-number change per case, for that station, with the same number; the station's
// cursor reached the last of its changes; and the seqs of the whole feed are 1..N (the locked
// counter row, schema 11, rolls back with a failed transaction, so no seq is lost and none is
// visible before a lower one).
//
// Counts: ONEWINDOW_DISTRICT_STATIONS (10) and ONEWINDOW_DISTRICT_CASES (8) per station for CI;
// `./x drill district` runs 50 x 40.

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "localdb/iso_time.hpp"
#include "localdb/material_store.hpp"
#include "nginx_instance.hpp"
#include "postgres_cluster.hpp"
#include "sample_store.hpp"
#include "server_child.hpp"
#include "sync_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Station {
  std::filesystem::path profile;
  std::string stationId;
  std::vector<std::string> uuids;
  pid_t pid = -1;
};

// psql's unaligned output: one row per line, columns split at '|'.
std::vector<std::vector<std::string>> rows(const std::string& text) {
  std::vector<std::vector<std::string>> result;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::vector<std::string> columns;
    std::size_t start = 0;
    while (true) {
      const std::size_t bar = line.find('|', start);
      columns.push_back(line.substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    result.push_back(std::move(columns));
  }
  return result;
}

// The station's outbox, written as the engine writes a finalized case (sample_store.hpp): the
// sample matter, its form filled in, each material slot with one freshly "scanned" page.
Station fillOutbox(const std::filesystem::path& profile, int stationIndex, int caseCount,
                   std::mt19937& random) {
  Station station;
  station.profile = profile;
  std::filesystem::create_directories(profile);
  localdb::WorkstationStore store(profile / "workstation.db");
  localdb::MaterialStore materials(profile / "materials");
  localdb::CaseRepository cases(store.database());
  const auto now = std::chrono::system_clock::now();
  const localdb::Actor clerk{"c1001", localdb::isoUtc(now)};
  station.stationId = store.stationId(clerk.at);
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, now);
  for (int i = 0; i < caseCount; ++i) {
    char uuid[48];
    std::snprintf(uuid, sizeof uuid, "d1570000-%04x-4000-8000-%012x",
                  static_cast<unsigned>(stationIndex) & 0xffffU, static_cast<unsigned>(i));
    std::vector<std::vector<localdb::PageInput>> pages;
    for (std::size_t slot = 0; slot < intake.slots.size(); ++slot) {
      std::string bytes(1000 + random() % 4000, '\0');
      for (char& c : bytes) c = static_cast<char>(random());
      const auto stored = materials.put(std::as_bytes(std::span(bytes.data(), bytes.size())));
      pages.push_back({{stored.sha256, stored.size, "image/png"}});
    }
    test::storeSampleCase(cases, intake, uuid, "申请人" + std::to_string(i), clerk, pages);
    station.uuids.emplace_back(uuid);
  }
  return station;
}

// What the station's own store says: cases still to send, and its change-feed cursor.
std::pair<std::int64_t, std::int64_t> stationProgress(const Station& station) {
  localdb::Database db(station.profile / "workstation.db", localdb::OpenMode::ReadOnly);
  auto pending = db.prepare(
      "SELECT count(*) FROM cases WHERE sync_state IN ('queued', 'sending', 'sent_unconfirmed')");
  REQUIRE(pending.step());
  auto cursor = db.prepare("SELECT cursor FROM sync_cursor WHERE id = 1");
  const std::int64_t at = cursor.step() ? std::stoll(cursor.columnText(0)) : 0;
  return {pending.columnInt(0), at};
}

std::int64_t number(const std::string& text) { return std::stoll(text); }

}  // namespace

TEST_CASE(
    "district drill: stations drain at once through nginx to two central processes on "
    "PostgreSQL, one killed mid-drain, every case exactly once with gapless numbers",
    "[sync][district]") {
  const int stationCount = test::countFromEnvironment("ONEWINDOW_DISTRICT_STATIONS", 10);
  const int caseCount = test::countFromEnvironment("ONEWINDOW_DISTRICT_CASES", 8);
  const std::int64_t total = static_cast<std::int64_t>(stationCount) * caseCount;
  const auto drillStarted = SteadyClock::now();

  test::TempDir dir;
  test::PostgresCluster cluster;
  test::CentralOptions options;
  options.database = cluster.createDatabase("district");
  const std::filesystem::path shared = dir / "central-data";  // materials, catalog files
  std::filesystem::create_directories(shared);
  options.extraArguments = {"--data-dir", shared.string()};
  std::filesystem::create_directories(dir / "central-1");
  std::filesystem::create_directories(dir / "central-2");
  test::CentralProcess first(dir / "central-1" / "central.db", options);
  test::CentralProcess second(dir / "central-2" / "central.db", options);
  // One after the other: the second finds the demo clerks and the catalog release in place.
  first.start();
  second.start();
  test::NginxInstance nginx(test::NginxOptions{{first.port(), second.port()}});
  const auto query = [&](const std::string& sql) { return rows(cluster.psql("district", sql)); };

  // The outage: every station took its cases in while central was away.
  std::mt19937 random(15);
  std::vector<Station> stations;
  for (int s = 0; s < stationCount; ++s) {
    char name[32];
    std::snprintf(name, sizeof name, "station-%03d", s);
    stations.push_back(fillOutbox(dir / name, s, caseCount, random));
  }
  const auto outboxesFilled = SteadyClock::now();

  // The outage ends: every station starts at once.
  for (Station& station : stations) {
    test::ServerChildOptions child;
    child.argv = {ONEWINDOW_DISTRICT_STATION, station.profile.string(), nginx.httpsUrl(),
                  nginx.caCertificate().string()};
    child.outputFile = station.profile / "station.log";
    station.pid = test::spawnServerChild(child);
  }
  const auto drainStarted = SteadyClock::now();
  const auto stationLogs = [&] {
    std::string text;
    for (const Station& station : stations) {
      text += "--- " + station.profile.filename().string() + "\n" +
              test::fileTail(station.profile / "station.log", 800);
    }
    return text;
  };
  const auto centralCases = [&] { return number(query("SELECT count(*) FROM cases")[0][0]); };

  // Mid-drain, once a quarter of the cases are in, the first central process dies without
  // warning; it comes back on the same port once the survivor alone has taken a further eighth
  // (or three seconds have passed), and nginx finds it again by itself.
  // The waits below are guards against a hang, never a speed requirement: on a loaded machine
  // they only make the drill wait longer.
  const auto hangGuard = drainStarted + 20min;
  std::int64_t casesAtKill = 0;
  while ((casesAtKill = centralCases()) < std::max<std::int64_t>(1, total / 4)) {
    REQUIRE(SteadyClock::now() < hangGuard);
    std::this_thread::sleep_for(20ms);
  }
  const int killedPort = first.port();
  first.crash();
  const auto killedAt = SteadyClock::now();
  CHECK(first.lastExitCode() == 128 + SIGKILL);
  CHECK(casesAtKill < total);  // the kill came while cases were still arriving
  std::int64_t casesAtRestart = casesAtKill;
  while ((casesAtRestart = centralCases()) < std::min(total, casesAtKill + total / 8) &&
         SteadyClock::now() < killedAt + 3s) {
    std::this_thread::sleep_for(20ms);
  }
  first.start(killedPort);
  const auto restartedAt = SteadyClock::now();

  // Converged: central has every case, every station's outbox is empty, and every station's
  // feed cursor has reached the last change central holds for it.
  while (true) {
    for (const Station& station : stations) {
      if (!test::childRunning(station.pid))
        FAIL(station.profile.filename().string() << " ended early\n" << stationLogs());
    }
    if (SteadyClock::now() >= hangGuard)
      FAIL("no convergence within 20 minutes\n" << stationLogs());
    std::map<std::string, std::int64_t> lastSeq;
    for (const auto& row : query("SELECT station_id, max(seq) FROM changes GROUP BY station_id"))
      lastSeq[row[0]] = number(row[1]);
    bool done = centralCases() == total;
    for (const Station& station : stations) {
      if (!done) break;
      const auto [pending, cursor] = stationProgress(station);
      done = pending == 0 && lastSeq.count(station.stationId) == 1 &&
             cursor == lastSeq[station.stationId];
    }
    if (done) break;
    std::this_thread::sleep_for(500ms);
  }
  const auto converged = SteadyClock::now();
  for (Station& station : stations) (void)test::stopServerChild(station.pid, SIGTERM, 5s);
  second.stop();
  first.stop();
  const auto stopped = SteadyClock::now();

  // Central: S x C cases, each uuid once, from the station that made it, one version each.
  std::map<std::string, std::pair<std::string, std::string>> atCentral;  // uuid: station, number
  for (const auto& row :
       query("SELECT case_uuid, station_id, latest_version, official_no FROM cases")) {
    INFO(row[0]);
    CHECK(row[2] == "1");
    CHECK(atCentral.emplace(row[0], std::make_pair(row[1], row[3])).second);
  }
  CHECK(static_cast<std::int64_t>(atCentral.size()) == total);
  CHECK(number(query("SELECT count(*) FROM case_versions")[0][0]) == total);
  CHECK(number(query("SELECT count(DISTINCT official_no) FROM cases")[0][0]) == total);
  // Every material arrived whole (central checked each hash on receipt).
  CHECK(number(query("SELECT count(*) FROM materials WHERE complete = 1")[0][0]) ==
        total * static_cast<std::int64_t>(test::sampleIntake().slots.size()));

  // Official numbers: per implementing code and day (the first 39 characters), exactly 1..n,
  // and the day's counter row stopped at n.
  const auto days = query(
      "SELECT substr(official_no, 1, 39), count(*), count(DISTINCT official_no), "
      "min(substr(official_no, 40)::int), max(substr(official_no, 40)::int) FROM cases GROUP BY 1");
  REQUIRE_FALSE(days.empty());
  std::int64_t numbered = 0;
  for (const auto& day : days) {
    INFO(day[0]);
    CHECK(day[2] == day[1]);
    CHECK(day[3] == "1");
    CHECK(day[4] == day[1]);
    const auto counter = query(
        "SELECT last_sequence FROM official_sequences WHERE "
        "implementing_code = '" +
        day[0].substr(0, 31) + "' AND day = '" + day[0].substr(31) + "'");
    REQUIRE(counter.size() == 1);
    CHECK(counter[0][0] == day[1]);
    numbered += number(day[1]);
  }
  CHECK(numbered == total);

  // The change feed: seqs 1..N with none missing, and per case exactly one official-number
  // change, for the station that sent it, carrying the number central gave.
  const auto changes =
      query("SELECT seq, station_id, case_uuid, kind, official_no FROM changes ORDER BY seq");
  std::map<std::string, int> officialNumberChanges;
  std::int64_t expectedSeq = 1;
  for (const auto& change : changes) {
    INFO("seq " << change[0] << " " << change[3] << " " << change[2]);
    CHECK(number(change[0]) == expectedSeq++);
    if (change[3] != "official-number") continue;
    ++officialNumberChanges[change[2]];
    const auto found = atCentral.find(change[2]);
    REQUIRE(found != atCentral.end());
    CHECK(change[1] == found->second.first);
    CHECK(change[4] == found->second.second);
  }
  CHECK(static_cast<std::int64_t>(officialNumberChanges.size()) == total);
  for (const auto& [uuid, count] : officialNumberChanges) {
    INFO(uuid);
    CHECK(count == 1);
  }

  // Every station: each of its cases confirmed with central's number, its cursor at the end of
  // its part of the feed (checked above while converging, again here after the stop).
  std::map<std::string, std::int64_t> lastSeq;
  for (const auto& row : query("SELECT station_id, max(seq) FROM changes GROUP BY station_id"))
    lastSeq[row[0]] = number(row[1]);
  for (const Station& station : stations) {
    INFO(station.profile.filename().string() << " " << station.stationId);
    CHECK(stationProgress(station).second == lastSeq[station.stationId]);
    localdb::WorkstationStore store(station.profile / "workstation.db");
    localdb::CaseRepository cases(store.database());
    for (const std::string& uuid : station.uuids) {
      INFO(uuid);
      const auto record = cases.findByUuid(uuid);
      REQUIRE(record.has_value());
      CHECK(record->syncState == "confirmed");
      REQUIRE(record->officialNo.has_value());
      const auto central = atCentral.find(uuid);
      REQUIRE(central != atCentral.end());
      CHECK(central->second.first == station.stationId);
      CHECK(*record->officialNo == central->second.second);
    }
  }

  // What nginx saw: requests per central process that answered them, and those it sent to the
  // other process after the first failed (the kill), or answered 503 itself.
  std::map<std::string, int> byUpstream;
  int retried = 0;
  int unavailable = 0;
  std::istringstream lines(nginx.accessLogText());
  for (std::string line; std::getline(lines, line);) {
    const std::size_t up = line.find(" up=");
    const std::size_t end = line.find(" ups=");
    if (up != std::string::npos && end != std::string::npos && end > up) {
      const std::string addresses = line.substr(up + 4, end - up - 4);
      if (addresses.find(',') != std::string::npos) ++retried;
      ++byUpstream[addresses.substr(addresses.rfind(' ') + 1)];
    }
    if (line.find("\" 503 ") != std::string::npos) ++unavailable;
  }
  const auto secondsBetween = [](SteadyClock::time_point from, SteadyClock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
  };
  std::printf(
      "district drill: %d stations x %d cases = %lld; PostgreSQL, central, nginx and outboxes "
      "ready in %.1f s; drained and feeds read in %.1f s; central on port %d killed (SIGKILL) at "
      "%lld cases, restarted %.1f s later at %lld cases; nginx: %d requests sent again to the "
      "other process, %d answered 503; stations and central stopped in %.1f s, checks %.1f s; "
      "requests answered per process:",
      stationCount, caseCount, static_cast<long long>(total),
      secondsBetween(drillStarted, outboxesFilled), secondsBetween(drainStarted, converged),
      killedPort, static_cast<long long>(casesAtKill), secondsBetween(killedAt, restartedAt),
      static_cast<long long>(casesAtRestart), retried, unavailable,
      secondsBetween(converged, stopped), secondsBetween(stopped, SteadyClock::now()));
  for (const auto& [upstream, count] : byUpstream) std::printf(" %s %d", upstream.c_str(), count);
  std::printf("\n");
}
