#include "printing/data_model.hpp"

#include <algorithm>
#include <array>

namespace onewindow::printing {
namespace {

constexpr std::array kDocumentFields{
    FieldDoc{"document.number", "the document's own number (文书编号)"},
    FieldDoc{"document.title", "the document's title as issued"},
    FieldDoc{"document.date", "issue date, ISO (2026-11-27)"},
    FieldDoc{"document.reprint_reason", "why a reprint was made; empty on the first print"},
    FieldDoc{"copy.label", "the label of this copy (第一联 …), empty without labels"},
    FieldDoc{"copy.number", "1-based number of this copy"},
    FieldDoc{"case.number", "the official number once bound, else the provisional one"},
    FieldDoc{"case.provisional_number", "the window's provisional number"},
    FieldDoc{"case.official_number", "central's official number; empty until bound"},
    FieldDoc{"case.intake_at", "intake time, ISO UTC"},
    FieldDoc{"case.verify_url", "the progress and verification address (QR code)"},
    FieldDoc{"case.check_code", "the short check code in the verification address"},
    FieldDoc{"case.legal_due", "legal completion date, ISO"},
    FieldDoc{"case.promised_due", "promised completion date, ISO"},
    FieldDoc{"case.promised_days", "promised limit in working days"},
    FieldDoc{"case.fee", "fee in yuan, decimal (for amount-upper)"},
    FieldDoc{"applicant.name", "applicant (person or organisation)"},
    FieldDoc{"applicant.id_type", "ID document type in words"},
    FieldDoc{"applicant.id_number", "ID number, unmasked (mask it with id-mask)"},
    FieldDoc{"applicant.phone", "contact phone"},
    FieldDoc{"applicant.address", "contact address"},
    FieldDoc{"matter.code", "implementation code of the matter"},
    FieldDoc{"matter.name", "matter name"},
    FieldDoc{"matter.department", "the department that decides the matter"},
    FieldDoc{"matter.legal_basis", "legal basis of the matter"},
    FieldDoc{"decision.kind", "accept | accept-with-gaps | correction | refuse"},
    FieldDoc{"decision.at", "decision time, ISO UTC"},
    FieldDoc{"decision.grounds", "grounds of a refusal"},
    FieldDoc{"decision.legal_basis", "legal basis of the decision"},
    FieldDoc{"decision.remedies", "remedies open to the applicant after a refusal"},
    FieldDoc{"decision.redirect", "the competent office a refused applicant is pointed to"},
    FieldDoc{"decision.gap_deadline", "deadline to supply the gaps of a 容缺 case, ISO"},
    FieldDoc{"decision.correction_deadline", "deadline to answer a correction notice, ISO"},
    FieldDoc{"decision.note", "the clerk's note"},
    FieldDoc{"clerk.id", "clerk id"},
    FieldDoc{"clerk.name", "clerk name"},
    FieldDoc{"clerk.phone", "the window's enquiry phone"},
    FieldDoc{"window.name", "window (3号窗口)"},
    FieldDoc{"window.station_id", "station id"},
    FieldDoc{"centre.name", "service centre; the seal's owner"},
    FieldDoc{"centre.address", "service centre address"},
    FieldDoc{"centre.phone", "service centre phone"},
    FieldDoc{"department.name", "the back-office department of a transfer"},
    FieldDoc{"certificate.number", "certificate number"},
    FieldDoc{"certificate.holder", "holder's name"},
    FieldDoc{"certificate.sex", "holder's sex"},
    FieldDoc{"certificate.birth_date", "holder's birth date, ISO"},
    FieldDoc{"certificate.id_number", "holder's ID number"},
    FieldDoc{"certificate.business_name", "name of the business (个体工商户名称)"},
    FieldDoc{"certificate.business_form", "form of the business (组成形式)"},
    FieldDoc{"certificate.business_scope", "business scope"},
    FieldDoc{"certificate.business_address", "place of business"},
    FieldDoc{"certificate.credit_code", "unified social credit code"},
    FieldDoc{"certificate.issued", "issue date, ISO"},
    FieldDoc{"certificate.valid_until", "end of validity, ISO; empty when unlimited"},
    FieldDoc{"certificate.issuer", "issuing body"},
    FieldDoc{"certificate.verify_url", "verification address of the certificate"},
};

constexpr std::array kMaterialFields{
    FieldDoc{"name", "material name"},
    FieldDoc{"form", "original, copy or e-licence, in words"},
    FieldDoc{"count", "number of copies or pages"},
    FieldDoc{"status", "received, gap, to supply … in words"},
    FieldDoc{"note", "note"},
};
constexpr std::array kGapFields{
    FieldDoc{"name", "missing material"},
    FieldDoc{"how", "how to supply it"},
    FieldDoc{"deadline", "by when, ISO"},
};
constexpr std::array kProblemFields{
    FieldDoc{"subject", "what the problem is about (a material, a form field)"},
    FieldDoc{"detail", "what to correct or supply"},
};
constexpr std::array kLists{
    ListDoc{"materials", "materials received at intake", kMaterialFields},
    ListDoc{"gaps", "materials allowed to follow (容缺)", kGapFields},
    ListDoc{"problems", "everything to correct, told once (一次性告知)", kProblemFields},
    ListDoc{"returned", "materials returned to the applicant", kMaterialFields},
    ListDoc{"transfer_out", "materials passed from the window to the department", kMaterialFields},
    ListDoc{"transfer_in", "materials passed back from the department to the window",
            kMaterialFields},
};
constexpr std::array kPageFields{
    FieldDoc{"page.number", "1-based page number within the copy"},
    FieldDoc{"page.count", "pages of the copy"},
};

bool inFields(std::span<const FieldDoc> fields, std::string_view path) {
  return std::any_of(fields.begin(), fields.end(),
                     [&](const FieldDoc& doc) { return doc.path == path; });
}

}  // namespace

std::span<const FieldDoc> documentFields() { return kDocumentFields; }
std::span<const ListDoc> documentLists() { return kLists; }
std::span<const FieldDoc> pageFields() { return kPageFields; }

bool isDocumentField(std::string_view path) { return inFields(kDocumentFields, path); }
bool isPageField(std::string_view path) { return inFields(kPageFields, path); }

const ListDoc* findList(std::string_view name) {
  const auto found = std::find_if(kLists.begin(), kLists.end(),
                                  [&](const ListDoc& list) { return list.name == name; });
  return found == kLists.end() ? nullptr : &*found;
}

bool isRowField(const ListDoc& list, std::string_view field) {
  return field == "row.index" || inFields(list.fields, field);
}

}  // namespace onewindow::printing
