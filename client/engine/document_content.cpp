#include "client/engine/document_content.hpp"

#include <map>
#include <span>

#include <pugixml.hpp>

#include "forms/intake_rules.hpp"
#include "localdb/iso_time.hpp"
#include "localdb/sha256.hpp"
#include "localdb/verification_code.hpp"

namespace onewindow::engine {
namespace {

std::string idTypeText(const std::string& type) {
  static const std::map<std::string, std::string, std::less<>> kTypes{
      {"id_card", "居民身份证"},
      {"uscc", "统一社会信用代码"},
      {"passport", "护照"},
      {"hk_macau_permit", "港澳居民来往内地通行证"},
      {"taiwan_permit", "台湾居民来往大陆通行证"},
      {"residence_permit", "居住证"}};
  const auto found = kTypes.find(type);
  return found == kTypes.end() ? type : found->second;
}

// How a material was handed over, in the words of the receipt's column.
std::string formText(const localdb::SlotSnapshot& slot) {
  if (slot.status == "elicence") return "电子证照";
  if (slot.originals > 0 && slot.copies > 0) return "原件、复印件";
  if (slot.copies > 0) return "复印件";
  return "原件";
}

std::string countText(const localdb::SlotSnapshot& slot) {
  const int count = slot.originals + slot.copies;
  if (count > 0) return std::to_string(count);
  return slot.pages.empty() ? "1" : std::to_string(slot.pages.size());
}

std::string windowName(const std::string& code) {
  return code.empty() ? std::string("窗口") : code + " 窗口";
}

void addMaterials(printing::DocumentData& data, const localdb::CaseSnapshot& snapshot) {
  auto& received = data.list("materials");
  auto& returned = data.list("returned");
  for (const auto& slot : snapshot.slots) {
    if (slot.status != "received" && slot.status != "elicence") continue;
    printing::DocumentRow row{{"name", slot.name},
                              {"form", formText(slot)},
                              {"count", countText(slot)},
                              {"status", slot.status == "elicence" ? "电子证照" : "已收"},
                              {"note", ""}};
    received.push_back(row);
    if (slot.originals > 0) {
      row["form"] = "原件";
      row["count"] = std::to_string(slot.originals);
      returned.push_back(std::move(row));
    }
  }
  data.list("transfer_out") = received;
  data.list("transfer_in");
}

// The notice's details as the engine wrote them with the decision (decision_details.cpp).
void addDecision(printing::DocumentData& data, const localdb::DecisionSnapshot& decision,
                 const std::string& window) {
  data.set("decision.kind", decision.kind == "accept_with_gaps"    ? "accept-with-gaps"
                            : decision.kind == "correction_notice" ? "correction"
                                                                   : decision.kind);
  data.set("decision.at", decision.decidedAt);
  data.set("decision.grounds", decision.grounds);
  data.set("decision.legal_basis", decision.legalBasis);
  data.set("decision.gap_deadline", decision.gapDeadline);
  pugi::xml_document details;
  details.load_string(decision.detailsXml.c_str());
  const pugi::xml_node root = details.document_element();
  auto& gaps = data.list("gaps");
  auto& problems = data.list("problems");
  for (const pugi::xml_node item : root.children()) {
    const std::string_view name = item.name();
    if (name == "material" && std::string_view(root.name()) == "gap-acceptance") {
      gaps.push_back({{"name", item.attribute("name").value()},
                      {"how", "携原件到" + window + "补交"},
                      {"deadline", decision.gapDeadline}});
    } else if (name == "material") {
      problems.push_back(
          {{"subject", item.attribute("name").value()}, {"detail", "未提交该材料，请补交。"}});
    } else if (name == "form-problem") {
      const std::string label = item.attribute("label").value();
      problems.push_back({{"subject", label.empty() ? item.attribute("path").value() : label},
                          {"detail", item.text().get()}});
    } else if (name == "other") {
      problems.push_back({{"subject", "其他"}, {"detail", item.text().get()}});
    } else if (name == "remedies") {
      data.set("decision.remedies", item.text().get());
    }
  }
  data.set("decision.redirect", "");
  data.set("decision.note", "");
}

// GB 11643: an 18-digit ID number carries the date of birth (digits 7–14) and the sex (the 17th
// digit: odd for a man).
void addHolderFromIdNumber(printing::DocumentData& data, const std::string& idNumber) {
  if (idNumber.size() != 18) return;
  const std::string birth = idNumber.substr(6, 8);
  if (const auto date = forms::CivilDate::parseCompact(birth))
    data.set("certificate.birth_date", date->iso());
  const char sexDigit = idNumber[16];
  if (sexDigit >= '0' && sexDigit <= '9')
    data.set("certificate.sex", (sexDigit - '0') % 2 == 1 ? "男" : "女");
}

// The certificate as central issued it; the holder is the applicant unless central names
// someone else, and central's own fields come last so they win.
// Only what is known is set: a datum the template prints and nobody gave stays missing, and the
// engine refuses to print the certificate (engine_documents.cpp) instead of leaving a blank.
void addCertificate(printing::DocumentData& data, const localdb::CertificateRecord& certificate,
                    const localdb::CaseRecord& record, const std::string& verifyUrl) {
  const auto setKnown = [&](const std::string& name, const std::string& value) {
    if (!value.empty()) data.set("certificate." + name, value);
  };
  setKnown("number", certificate.number);
  setKnown("holder", record.applicantName);
  setKnown("id_number", record.applicantIdNumber);
  if (record.applicantIdType == "id_card") addHolderFromIdNumber(data, record.applicantIdNumber);
  if (const auto issuedAt = localdb::parseIsoUtc(certificate.issuedAt))
    setKnown("issued", forms::chinaDate(*issuedAt).iso());
  setKnown("valid_until", certificate.validUntil);
  setKnown("issuer", certificate.issuer);
  setKnown("verify_url", verifyUrl);
  for (const auto& [name, value] : certificate.fields) setKnown(name, value);
}

}  // namespace

printing::DocumentData documentData(const DocumentContext& context) {
  const localdb::CaseSnapshot& snapshot = *context.snapshot;
  const localdb::CaseRecord& record = snapshot.record;
  printing::DocumentData data;
  const std::string provisional = record.provisionalNo.value_or("");
  const std::string official = record.officialNo.value_or("");
  const std::string number = official.empty() ? provisional : official;
  data.set("document.number", context.documentNo);
  data.set("document.title", context.title);
  data.set("document.date", context.issued.iso());
  data.set("document.reprint_reason", context.reprintReason);
  data.set("case.number", number);
  data.set("case.provisional_number", provisional);
  data.set("case.official_number", official);
  data.set("case.intake_at", record.intakeAt.value_or(""));
  data.set("case.check_code", verificationCode(record.uuid));
  data.set("case.verify_url", verificationUrl(context.station.verifyBaseUrl, number, record.uuid));
  data.set("case.legal_due", record.legalDueDate.value_or(""));
  data.set("case.promised_due", record.promisedDueDate.value_or(""));
  data.set("case.fee", "");
  data.set("applicant.name", record.applicantName);
  data.set("applicant.id_type", idTypeText(record.applicantIdType));
  data.set("applicant.id_number", record.applicantIdNumber);
  data.set("applicant.phone", "");
  data.set("applicant.address", "");
  data.set("matter.code", record.matterCode);
  data.set("matter.name", record.matterName);
  data.set("matter.department", "");
  data.set("matter.legal_basis", "");
  data.set("case.promised_days", "");
  const auto intakeAt = localdb::parseIsoUtc(record.intakeAt.value_or(""));
  if (context.catalog && intakeAt) {
    const forms::CivilDate intakeDate = forms::chinaDate(*intakeAt);
    if (const auto subject = forms::subjectOn(*context.catalog, record.matterCode, intakeDate)) {
      data.set("matter.legal_basis", forms::legalBasisOf(*context.catalog, *subject, intakeDate));
      if (subject->matter)
        data.set("case.promised_days", std::to_string(subject->matter->limits.promised.days));
      const forms::CivilDate deadline = forms::correctionNoticeDeadline(
          forms::windowCalendar(*context.catalog, *subject, intakeDate), intakeDate);
      data.set("decision.correction_deadline", deadline.iso());
    }
  }
  const std::string window = windowName(record.windowCode);
  data.set("clerk.id", context.clerkId);
  data.set("clerk.name", context.clerkName.empty() ? context.clerkId : context.clerkName);
  data.set("clerk.phone", context.station.windowPhone);
  data.set("window.name", window);
  data.set("window.station_id", "");
  data.set("centre.name", context.station.centreName);
  data.set("centre.address", context.station.centreAddress);
  data.set("centre.phone", context.station.centrePhone);
  data.set("department.name", "");
  addMaterials(data, snapshot);
  data.list("gaps");
  data.list("problems");
  if (!snapshot.decisions.empty()) addDecision(data, snapshot.decisions.back(), window);
  if (context.certificate)
    addCertificate(data, *context.certificate, record, data.valueOr("case.verify_url"));
  return data;
}

std::string noticeKindFor(const std::string& decisionKind) {
  if (decisionKind == "accept") return "acceptance-notice";
  if (decisionKind == "accept_with_gaps") return "gap-acceptance-notice";
  if (decisionKind == "correction_notice") return "correction-notice";
  if (decisionKind == "refuse") return "refusal-notice";
  return {};
}

namespace {

const std::map<std::string, std::string, std::less<>>& windowDocumentCodes() {
  static const std::map<std::string, std::string, std::less<>> kCodes{
      {"acceptance-notice", "SL"},     {"material-receipt", "JS"}, {"correction-notice", "GZ"},
      {"gap-acceptance-notice", "RQ"}, {"refusal-notice", "BY"},   {"transfer-slip", "ZY"},
      {"completion-notice", "BJ"}};
  return kCodes;
}

}  // namespace

bool isWindowDocument(const std::string& kind) { return windowDocumentCodes().contains(kind); }

std::string documentCode(const std::string& kind) {
  const auto found = windowDocumentCodes().find(kind);
  return found == windowDocumentCodes().end() ? std::string("ZZ") : found->second;
}

std::string verificationCode(const std::string& caseUuid) {
  return localdb::caseVerificationCode(caseUuid);
}

std::string verificationUrl(const std::string& base, const std::string& caseNumber,
                            const std::string& caseUuid) {
  std::string root = base;
  while (!root.empty() && root.back() == '/') root.pop_back();
  return root + "/v/" + caseNumber + "?c=" + verificationCode(caseUuid);
}

}  // namespace onewindow::engine
