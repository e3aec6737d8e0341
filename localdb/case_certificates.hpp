#pragma once
// The certificate central issued for a case (its change feed, central/API.md §4.7), kept so the
// window prints it at pick-up on the matter's template, offline too. One per case: a reissue
// replaces it, and the audit log keeps each one received.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct CertificateRecord {
  std::int64_t feedSeq = 0;  // the change feed entry it came with: an older one never replaces it
  std::string number;
  std::string issuedAt;    // ISO 8601 UTC, central's time of issue
  std::string issuer;      // the issuing body; empty when central did not say
  std::string validUntil;  // YYYY-MM-DD; empty when it does not expire
  // The matter's own data for its template ({certificate.NAME}), in central's order.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string receivedAt;
  std::string documentNo;  // the document printed from it; empty until then
};

using CertificateFields = std::vector<std::pair<std::string, std::string>>;
// A field's name is what follows "certificate." in a template's {certificate.NAME}: a lower-case
// letter, then lower-case letters, digits and '_' (central/API.md §4.7).
[[nodiscard]] bool isCertificateFieldName(std::string_view name);
// The fields as they are stored (here and at central): <fields><field name="…">value</field>…
// </fields>; empty text for none. Markup in a value stays text.
[[nodiscard]] std::string certificateFieldsXml(const CertificateFields& fields);
[[nodiscard]] CertificateFields parseCertificateFields(const std::string& xml);

// Records (or replaces) the certificate of the case, with its audit entry, in one transaction.
// False when the feed entry is not newer than the one recorded (the feed may repeat a page).
// Throws CaseError(NotFound) for a case the station does not have.
bool recordCertificate(Database& db, const std::string& caseUuid,
                       const CertificateRecord& certificate, const Actor& actor);

[[nodiscard]] std::optional<CertificateRecord> certificateOf(Database& db, std::int64_t caseId);

// The document printed from the case's certificate as it stands (IssueDocument's archive).
void bindCertificateDocument(Database& db, std::int64_t caseId, const std::string& documentNo);

}  // namespace onewindow::localdb
