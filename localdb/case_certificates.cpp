#include "localdb/case_certificates.hpp"

#include <sstream>

#include <pugixml.hpp>

#include "localdb/audit_log.hpp"
#include "localdb/case_repository.hpp"

namespace onewindow::localdb {
namespace {

bool sameCertificate(const CertificateRecord& a, const CertificateRecord& b) {
  return a.number == b.number && a.issuedAt == b.issuedAt && a.issuer == b.issuer &&
         a.validUntil == b.validUntil && a.fields == b.fields;
}

}  // namespace

std::string certificateFieldsXml(const CertificateFields& fields) {
  if (fields.empty()) return {};
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("fields");
  for (const auto& [name, value] : fields) {
    pugi::xml_node field = root.append_child("field");
    field.append_attribute("name").set_value(name.c_str());
    field.text().set(value.c_str());
  }
  std::ostringstream out;
  document.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

CertificateFields parseCertificateFields(const std::string& xml) {
  CertificateFields fields;
  pugi::xml_document document;
  if (xml.empty() || !document.load_string(xml.c_str())) return fields;
  for (const pugi::xml_node field : document.child("fields").children("field"))
    fields.emplace_back(field.attribute("name").value(), field.text().get());
  return fields;
}

bool recordCertificate(Database& db, const std::string& caseUuid,
                       const CertificateRecord& certificate, const Actor& actor) {
  Transaction transaction(db);
  const std::optional<CaseRecord> record = CaseRepository(db).findByUuid(caseUuid);
  if (!record) throw CaseError(CaseError::Kind::NotFound, "no case " + caseUuid);
  const std::optional<CertificateRecord> known = certificateOf(db, record->id);
  if (known && sameCertificate(*known, certificate)) return false;
  db.prepare(
        "INSERT INTO case_certificates (case_id, number, issued_at, issuer, valid_until, fields, "
        "received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (case_id) DO UPDATE SET "
        "number = excluded.number, issued_at = excluded.issued_at, issuer = excluded.issuer, "
        "valid_until = excluded.valid_until, fields = excluded.fields, "
        "received_at = excluded.received_at")
      .bind(1, record->id)
      .bind(2, certificate.number)
      .bind(3, certificate.issuedAt)
      .bind(4, certificate.issuer)
      .bind(5, certificate.validUntil)
      .bind(6, certificateFieldsXml(certificate.fields))
      .bind(7, certificate.receivedAt.empty() ? actor.at : certificate.receivedAt)
      .run();
  AuditLog::append(
      db,
      {actor.at, actor.clerkId, known ? "case.certificate_reissued" : "case.certificate", caseUuid,
       certificate.number + (certificate.issuer.empty() ? "" : " " + certificate.issuer) +
           " issued " + certificate.issuedAt,
       actor.windowCode});
  transaction.commit();
  return true;
}

std::optional<CertificateRecord> certificateOf(Database& db, std::int64_t caseId) {
  Statement query = db.prepare(
      "SELECT number, issued_at, issuer, valid_until, fields, received_at FROM case_certificates "
      "WHERE case_id = ?1");
  query.bind(1, caseId);
  if (!query.step()) return std::nullopt;
  return CertificateRecord{query.columnText(0),
                           query.columnText(1),
                           query.columnText(2),
                           query.columnText(3),
                           parseCertificateFields(query.columnText(4)),
                           query.columnText(5)};
}

}  // namespace onewindow::localdb
