#include "client/engine/decision_details.hpp"

#include <sstream>

#include <pugixml.hpp>

namespace onewindow::engine {
namespace {

void appendMaterial(pugi::xml_node parent, const forms::CaseSlot& slot) {
  pugi::xml_node item = parent.append_child("material");
  item.append_attribute("key") = slot.key.c_str();
  item.append_attribute("name") = slot.name.c_str();
  item.append_attribute("status") = std::string(forms::materialStatusName(slot.status)).c_str();
}

}  // namespace

const std::string& refusalRemediesText() {
  static const std::string text =
      "申请人如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
      "或者在六个月内依法向人民法院提起行政诉讼。";
  return text;
}

std::string decisionDetailsXml(const forms::DecisionRequest& request,
                               const std::vector<forms::CaseSlot>& slots,
                               const std::vector<forms::Problem>& formProblems) {
  pugi::xml_document details;
  switch (request.kind) {
    case forms::DecisionKind::Accept:
      details.append_child("acceptance");
      break;
    case forms::DecisionKind::AcceptWithGaps: {
      pugi::xml_node root = details.append_child("gap-acceptance");
      if (request.gapDeadline)
        root.append_attribute("deadline") = request.gapDeadline->iso().c_str();
      for (const forms::CaseSlot& slot : forms::materialsToSupply(slots))
        appendMaterial(root, slot);
      break;
    }
    case forms::DecisionKind::CorrectionNotice: {
      // Everything at once (行政许可法 §32): every problem of the form, every material not
      // supplied, and what else the clerk found.
      pugi::xml_node root = details.append_child("correction-notice");
      for (const forms::Problem& problem : formProblems) {
        pugi::xml_node item = root.append_child("form-problem");
        item.append_attribute("path") = problem.path.c_str();
        item.append_attribute("label") = problem.label.c_str();
        item.text().set(problem.message.c_str());
      }
      for (const forms::CaseSlot& slot : forms::materialsToSupply(slots))
        appendMaterial(root, slot);
      if (!request.grounds.empty()) root.append_child("other").text().set(request.grounds.c_str());
      break;
    }
    case forms::DecisionKind::Refuse:
      details.append_child("refusal")
          .append_child("remedies")
          .text()
          .set(refusalRemediesText().c_str());
      break;
  }
  std::ostringstream out;
  details.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

}  // namespace onewindow::engine
