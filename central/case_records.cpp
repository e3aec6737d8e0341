#include "central/case_records.hpp"

#include <span>

#include <pugixml.hpp>

#include "central/case_listing.hpp"
#include "central/central_store.hpp"
#include "central/change_feed.hpp"
#include "central/official_number.hpp"
#include "central/route_support.hpp"
#include "central/xml_reply.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {
namespace {

std::optional<CaseReceipt> receiptOf(sql::Connection& db, const std::string& uuid,
                                     std::optional<int> version) {
  sql::Statement query = db.prepare(
      "SELECT v.version, c.official_no, v.received_at, v.state, v.body_sha256 "
      "FROM case_versions v JOIN cases c ON c.case_uuid = v.case_uuid "
      "WHERE v.case_uuid = ?1 AND v.version = coalesce(?2, c.latest_version)");
  query.bind(1, uuid);
  if (version) {
    query.bind(2, *version);
  } else {
    query.bindNull(2);
  }
  if (!query.step()) return std::nullopt;
  return CaseReceipt{uuid,
                     static_cast<int>(query.columnInt(0)),
                     query.columnText(1),
                     fromUnixSeconds(query.columnInt(2)),
                     query.columnText(3),
                     query.columnText(4)};
}

std::vector<std::string> missingMaterials(sql::Connection& db,
                                          const std::vector<std::string>& pages) {
  std::vector<std::string> missing;
  sql::Statement query = db.prepare("SELECT 1 FROM materials WHERE sha256 = ?1 AND complete = 1");
  for (const std::string& sha256 : pages) {
    query.reset();
    query.bind(1, sha256);
    if (!query.step()) missing.push_back(sha256);
  }
  return missing;
}

// The issued documents a version names (API.md §4.5.2), kept beside its body.
void storeDocuments(sql::Connection& db, const CaseDocument& document) {
  sql::Statement insert = db.prepare(
      "INSERT INTO case_documents (case_uuid, version, position, kind, number, issued_at, "
      "sha256, size, reprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  int position = 0;
  for (const CaseIssuedDocument& issued : document.documents) {
    insert.reset();
    insert.bind(1, document.uuid)
        .bind(2, document.version)
        .bind(3, ++position)
        .bind(4, issued.kind)
        .bind(5, issued.number)
        .bind(6, toUnixSeconds(issued.issuedAt))
        .bind(7, issued.sha256)
        .bind(8, static_cast<std::int64_t>(issued.size))
        .bind(9, issued.reprint ? 1 : 0)
        .run();
  }
}

std::string hashOf(std::string_view body) {
  return localdb::sha256Hex(std::as_bytes(std::span(body.data(), body.size())));
}

}  // namespace

std::string receiptXml(const CaseReceipt& receipt) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("case-receipt");
  root.append_attribute("uuid").set_value(receipt.uuid.c_str());
  root.append_attribute("version").set_value(receipt.version);
  root.append_attribute("official-no").set_value(receipt.officialNo.c_str());
  root.append_attribute("received-at").set_value(formatWireTime(receipt.receivedAt).c_str());
  root.append_attribute("state").set_value(receipt.state.c_str());
  root.append_attribute("body-sha256").set_value(receipt.bodySha256.c_str());
  return toXmlText(document);
}

SubmitResult submitCase(CentralStore& store, const CaseDocument& document, std::string_view body,
                        const std::string& station, std::string_view implementingCode,
                        std::chrono::sys_seconds now, bool rulesBroken) {
  const std::string bodySha256 = hashOf(body);
  // Read from the body as the backfill reads old rows, and outside the database lock.
  const std::optional<CaseListing> listing = readCaseListing(body);
  return store.withDatabase([&](sql::Connection& db) {
    sql::Transaction transaction(db);
    SubmitResult result;
    if (std::optional<CaseReceipt> existing = receiptOf(db, document.uuid, document.version)) {
      result.outcome =
          existing->bodySha256 == bodySha256 ? SubmitOutcome::Repeated : SubmitOutcome::Conflict;
      result.receipt = std::move(*existing);
      return result;
    }
    if (rulesBroken) {
      result.outcome = SubmitOutcome::BrokenRules;
      return result;
    }
    const std::optional<CaseSummary> current = findCase(db, document.uuid);
    const int expected = current ? current->latestVersion + 1 : 1;
    if (document.version != expected) {
      result.outcome = SubmitOutcome::VersionGap;
      result.latest = receiptOf(db, document.uuid, std::nullopt);
      return result;
    }
    result.missing = missingMaterials(db, materialSha256s(document));
    if (!result.missing.empty()) {
      result.outcome = SubmitOutcome::MissingMaterials;
      return result;
    }

    const std::string text(body);
    std::string officialNo;
    if (current) {
      officialNo = current->officialNo;
      db.prepare(
            "UPDATE cases SET latest_version = ?2, state = ?3, body = ?4, updated_at = ?5, "
            "provisional_no = ?6 WHERE case_uuid = ?1")
          .bind(1, document.uuid)
          .bind(2, document.version)
          .bind(3, document.state)
          .bind(4, text)
          .bind(5, toUnixSeconds(now))
          .bind(6, document.provisionalNo)
          .run();
    } else {
      officialNo = allocateOfficialNumber(db, implementingCode, now);
      db.prepare(
            "INSERT INTO cases (case_uuid, station_id, latest_version, official_no, state, body, "
            "created_at, updated_at, provisional_no) VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?6, ?7)")
          .bind(1, document.uuid)
          .bind(2, station)
          .bind(3, officialNo)
          .bind(4, document.state)
          .bind(5, text)
          .bind(6, toUnixSeconds(now))
          .bind(7, document.provisionalNo)
          .run();
      Change change;
      change.station = station;
      change.caseUuid = document.uuid;
      change.kind = "official-number";
      change.officialNo = officialNo;
      change.at = now;
      appendChange(db, change);
    }
    db.prepare(
          "INSERT INTO case_versions (case_uuid, version, body_sha256, body, state, station_id, "
          "received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, document.uuid)
        .bind(2, document.version)
        .bind(3, bodySha256)
        .bind(4, text)
        .bind(5, document.state)
        .bind(6, station)
        .bind(7, toUnixSeconds(now))
        .run();
    if (listing) storeCaseListing(db, document.uuid, *listing);
    storeDocuments(db, document);
    transaction.commit();
    result.outcome = SubmitOutcome::Created;
    result.receipt =
        CaseReceipt{document.uuid, document.version, officialNo, now, document.state, bodySha256};
    return result;
  });
}

std::optional<CaseReceipt> latestReceipt(CentralStore& store, const std::string& uuid) {
  return store.withDatabase([&](sql::Connection& db) { return receiptOf(db, uuid, std::nullopt); });
}

std::optional<CaseSummary> findCase(sql::Connection& db, const std::string& uuid) {
  sql::Statement query = db.prepare(
      "SELECT case_uuid, station_id, latest_version, official_no, state, updated_at "
      "FROM cases WHERE case_uuid = ?1");
  query.bind(1, uuid);
  if (!query.step()) return std::nullopt;
  return CaseSummary{query.columnText(0), query.columnText(1), static_cast<int>(query.columnInt(2)),
                     query.columnText(3), query.columnText(4), fromUnixSeconds(query.columnInt(5))};
}

std::vector<CaseSummary> listCases(sql::Connection& db) {
  sql::Statement query = db.prepare(
      "SELECT case_uuid, station_id, latest_version, official_no, state, updated_at "
      "FROM cases ORDER BY created_at, official_no");
  std::vector<CaseSummary> cases;
  while (query.step()) {
    cases.push_back(CaseSummary{query.columnText(0), query.columnText(1),
                                static_cast<int>(query.columnInt(2)), query.columnText(3),
                                query.columnText(4), fromUnixSeconds(query.columnInt(5))});
  }
  return cases;
}

std::int64_t decideCase(sql::Connection& db, const CaseSummary& summary, const std::string& result,
                        std::optional<std::string> note, std::chrono::sys_seconds now) {
  Change change;
  change.station = summary.station;
  change.caseUuid = summary.uuid;
  change.at = now;
  if (summary.state != "in_progress") {
    change.kind = "status";
    change.state = "in_progress";
    appendChange(db, change);
  }
  change.kind = "decision";
  change.state = "decided";
  change.result = result;
  change.note = std::move(note);
  const std::int64_t seq = appendChange(db, change);
  setCaseState(db, summary.uuid, "decided", now);
  return seq;
}

void setCaseState(sql::Connection& db, const std::string& uuid, const std::string& state,
                  std::chrono::sys_seconds now) {
  db.prepare("UPDATE cases SET state = ?2, updated_at = ?3 WHERE case_uuid = ?1")
      .bind(1, uuid)
      .bind(2, state)
      .bind(3, toUnixSeconds(now))
      .run();
}

}  // namespace onewindow::central
