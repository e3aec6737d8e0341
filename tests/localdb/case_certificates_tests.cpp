// Central's certificate of a case as the workstation keeps it (schema v10): recorded once with its
// audit entry, a repeat of the feed changes nothing, a reissue replaces it, and the case is not
// queued for central (the certificate is central's, not a new version of the case).
#include <catch2/catch.hpp>

#include "case_fixture.hpp"
#include "localdb/audit_log.hpp"
#include "localdb/case_certificates.hpp"

using namespace onewindow::localdb;
using onewindow::test::CaseFixture;

namespace {

std::int64_t count(Database& db, const std::string& sql) {
  Statement statement = db.prepare(sql);
  REQUIRE(statement.step());
  return statement.columnInt(0);
}

CertificateRecord licence(std::int64_t feedSeq, std::string scope) {
  return {feedSeq,
          "92440303MA5G8K2X1Q",
          "2026-12-01T03:00:00Z",
          "深圳市市场监督管理局罗湖监管局",
          "",
          {{"credit_code", "92440303MA5G8K2X1Q"}, {"business_scope", std::move(scope)}},
          "",
          ""};
}

}  // namespace

TEST_CASE("a certificate from central is kept once, replaced when reissued, and audited",
          "[localdb][certificates]") {
  CHECK(isCertificateFieldName("credit_code"));
  CHECK(isCertificateFieldName("line2"));
  CHECK_FALSE(isCertificateFieldName(""));
  CHECK_FALSE(isCertificateFieldName("2nd"));
  CHECK_FALSE(isCertificateFieldName("Credit-Code"));
  CaseFixture f;
  const std::string uuid = f.intakeComplete();
  const CaseRecord before = *f.cases.findByUuid(uuid);
  Database& db = f.store.database();
  const Actor central{"central", "2026-12-01T03:00:05Z"};
  CHECK_FALSE(certificateOf(db, before.id));

  REQUIRE(recordCertificate(db, uuid, licence(7, "零售 & <日用百货>"), central));
  const auto kept = certificateOf(db, before.id);
  REQUIRE(kept);
  CHECK(kept->number == "92440303MA5G8K2X1Q");
  CHECK(kept->issuer == "深圳市市场监督管理局罗湖监管局");
  CHECK(kept->receivedAt == "2026-12-01T03:00:05Z");
  CHECK(kept->fields == std::vector<std::pair<std::string, std::string>>{
                            {"credit_code", "92440303MA5G8K2X1Q"},
                            {"business_scope", "零售 & <日用百货>"}});  // markup kept as text

  CHECK(kept->feedSeq == 7);
  CHECK(kept->documentNo.empty());
  bindCertificateDocument(db, before.id, "W03-20261127-000001-ZZ1");
  CHECK(certificateOf(db, before.id)->documentNo == "W03-20261127-000001-ZZ1");

  // The feed repeats itself: nothing changes, nothing more in the audit log.
  const std::int64_t audited = count(db, "SELECT count(*) FROM audit_log");
  CHECK_FALSE(recordCertificate(db, uuid, licence(7, "零售 & <日用百货>"), central));
  CHECK(count(db, "SELECT count(*) FROM audit_log") == audited);

  // A reissue (a later feed entry) replaces it and is printed as a new document; both are in
  // the audit log, and the case is not queued for central.
  REQUIRE(recordCertificate(db, uuid, licence(9, "零售"), central));
  CHECK(certificateOf(db, before.id)->fields.back().second == "零售");
  CHECK(certificateOf(db, before.id)->documentNo.empty());
  // A page of the feed read again brings the first issue after the reissue: the reissue stays.
  CHECK_FALSE(recordCertificate(db, uuid, licence(7, "零售 & <日用百货>"), central));
  CHECK(certificateOf(db, before.id)->feedSeq == 9);
  CHECK(count(db, "SELECT count(*) FROM case_certificates") == 1);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'case.certificate'") == 1);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'case.certificate_reissued'") ==
        1);
  CHECK(f.cases.findByUuid(uuid)->syncState == before.syncState);
  CHECK(AuditLog::verify(db).intact());

  CHECK_THROWS_AS(
      recordCertificate(db, "00000000-0000-4000-8000-999999999999", licence(10, "x"), central),
      CaseError);
}
