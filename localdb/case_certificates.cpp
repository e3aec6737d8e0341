#include "localdb/case_certificates.hpp"

#include <algorithm>
#include <sstream>

#include <pugixml.hpp>

#include "localdb/audit_log.hpp"
#include "localdb/case_repository.hpp"

namespace onewindow::localdb {

bool isCertificateFieldName(std::string_view name) {
  if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

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
  if (known && certificate.feedSeq <= known->feedSeq) return false;
  db.prepare(
        "INSERT INTO case_certificates (case_id, number, issued_at, issuer, valid_until, fields, "
        "received_at, feed_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (case_id) DO "
        "UPDATE SET number = excluded.number, issued_at = excluded.issued_at, "
        "issuer = excluded.issuer, valid_until = excluded.valid_until, fields = excluded.fields, "
        "received_at = excluded.received_at, feed_seq = excluded.feed_seq, document_no = NULL")
      .bind(1, record->id)
      .bind(2, certificate.number)
      .bind(3, certificate.issuedAt)
      .bind(4, certificate.issuer)
      .bind(5, certificate.validUntil)
      .bind(6, certificateFieldsXml(certificate.fields))
      .bind(7, certificate.receivedAt.empty() ? actor.at : certificate.receivedAt)
      .bind(8, certificate.feedSeq)
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
      "SELECT feed_seq, number, issued_at, issuer, valid_until, fields, received_at, "
      "coalesce(document_no, '') FROM case_certificates WHERE case_id = ?1");
  query.bind(1, caseId);
  if (!query.step()) return std::nullopt;
  return CertificateRecord{query.columnInt(0),  query.columnText(1),
                           query.columnText(2), query.columnText(3),
                           query.columnText(4), parseCertificateFields(query.columnText(5)),
                           query.columnText(6), query.columnText(7)};
}

void bindCertificateDocument(Database& db, std::int64_t caseId, const std::string& documentNo) {
  db.prepare("UPDATE case_certificates SET document_no = ?2 WHERE case_id = ?1")
      .bind(1, caseId)
      .bind(2, documentNo)
      .run();
}

}  // namespace onewindow::localdb
