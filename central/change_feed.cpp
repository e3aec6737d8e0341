#include "central/change_feed.hpp"

#include <pugixml.hpp>

#include "central/route_support.hpp"
#include "central/xml_reply.hpp"
#include "localdb/case_certificates.hpp"

namespace onewindow::central {
namespace {

void bindOptional(sql::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bindNull(index);
  }
}

void setOptional(pugi::xml_node node, const char* name, const std::optional<std::string>& value) {
  if (value) node.append_attribute(name).set_value(value->c_str());
}

}  // namespace

std::int64_t appendChange(sql::Connection& db, const Change& change) {
  // The counter row stays locked until the transaction ends (schema 11): without a caller's
  // transaction this one holds the two statements together.
  std::optional<sql::Transaction> own;
  if (!db.inTransaction()) own.emplace(db);
  sql::Statement next =
      db.prepare("UPDATE change_sequence SET last_seq = last_seq + 1 RETURNING last_seq");
  if (!next.step()) throw sql::Error(sql::ErrorKind::Other, "the change feed's counter is missing");
  const std::int64_t seq = next.columnInt(0);
  sql::Statement insert = db.prepare(
      "INSERT INTO changes (station_id, case_uuid, kind, state, result, official_no, number, "
      "note, at, matter_code, department, issuer, valid_until, fields, actor, seq) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  insert.bind(1, change.station).bind(2, change.caseUuid).bind(3, change.kind);
  bindOptional(insert, 4, change.state);
  bindOptional(insert, 5, change.result);
  bindOptional(insert, 6, change.officialNo);
  bindOptional(insert, 7, change.number);
  bindOptional(insert, 8, change.note);
  insert.bind(9, toUnixSeconds(change.at));
  bindOptional(insert, 10, change.matterCode);
  bindOptional(insert, 11, change.department);
  bindOptional(insert, 12, change.issuer);
  bindOptional(insert, 13, change.validUntil);
  if (change.fields.empty()) {
    insert.bindNull(14);
  } else {
    insert.bind(14, localdb::certificateFieldsXml(change.fields));
  }
  bindOptional(insert, 15, change.actor);
  insert.bind(16, seq);
  insert.run();
  if (own) own->commit();
  return seq;
}

ChangePage readChanges(sql::Connection& db, const std::string& station, std::int64_t since,
                       int limit) {
  sql::Statement query = db.prepare(
      "SELECT seq, station_id, case_uuid, kind, state, result, official_no, number, note, at, "
      "matter_code, department, issuer, valid_until, fields, actor "
      "FROM changes WHERE station_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
  query.bind(1, station).bind(2, since).bind(3, limit);
  ChangePage page;
  page.next = since;
  while (query.step()) {
    Change change;
    change.seq = query.columnInt(0);
    change.station = query.columnText(1);
    change.caseUuid = query.columnText(2);
    change.kind = query.columnText(3);
    change.state = query.columnOptionalText(4);
    change.result = query.columnOptionalText(5);
    change.officialNo = query.columnOptionalText(6);
    change.number = query.columnOptionalText(7);
    change.note = query.columnOptionalText(8);
    change.at = fromUnixSeconds(query.columnInt(9));
    change.matterCode = query.columnOptionalText(10);
    change.department = query.columnOptionalText(11);
    change.issuer = query.columnOptionalText(12);
    change.validUntil = query.columnOptionalText(13);
    change.fields = localdb::parseCertificateFields(query.columnOptionalText(14).value_or(""));
    change.actor = query.columnOptionalText(15);
    page.next = change.seq;
    page.changes.push_back(std::move(change));
  }
  return page;
}

std::string changesXml(const ChangePage& page) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("changes");
  root.append_attribute("next").set_value(std::to_string(page.next).c_str());
  for (const Change& change : page.changes) {
    pugi::xml_node node = root.append_child("change");
    node.append_attribute("seq").set_value(std::to_string(change.seq).c_str());
    node.append_attribute("kind").set_value(change.kind.c_str());
    node.append_attribute("case-uuid").set_value(change.caseUuid.c_str());
    setOptional(node, "official-no", change.officialNo);
    setOptional(node, "state", change.state);
    setOptional(node, "result", change.result);
    setOptional(node, "number", change.number);
    setOptional(node, "matter-code", change.matterCode);
    setOptional(node, "department", change.department);
    setOptional(node, "issuer", change.issuer);
    setOptional(node, "valid-until", change.validUntil);
    setOptional(node, "by", change.actor);
    node.append_attribute("at").set_value(formatWireTime(change.at).c_str());
    if (change.note) node.text().set(change.note->c_str());
    for (const auto& [name, value] : change.fields) {
      pugi::xml_node field = node.append_child("field");
      field.append_attribute("name").set_value(name.c_str());
      field.text().set(value.c_str());
    }
  }
  return toXmlText(document);
}

}  // namespace onewindow::central
