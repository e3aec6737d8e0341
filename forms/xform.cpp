#include "forms/xform.hpp"

#include "forms/form_graph.hpp"

namespace onewindow::forms {

std::string_view dataTypeName(DataType type) {
  switch (type) {
    case DataType::String:
      return "string";
    case DataType::Int:
      return "int";
    case DataType::Decimal:
      return "decimal";
    case DataType::Date:
      return "date";
    case DataType::Time:
      return "time";
    case DataType::DateTime:
      return "dateTime";
    case DataType::Select1:
      return "select1";
    case DataType::Select:
      return "select";
    case DataType::Binary:
      return "binary";
    case DataType::Barcode:
      return "barcode";
    case DataType::Geopoint:
      return "geopoint";
    case DataType::Geotrace:
      return "geotrace";
    case DataType::Geoshape:
      return "geoshape";
    case DataType::Rank:
      return "odk:rank";
    case DataType::Boolean:
      return "boolean";
  }
  return "string";
}

std::string_view controlKindName(ControlKind kind) {
  switch (kind) {
    case ControlKind::Input:
      return "input";
    case ControlKind::Select1:
      return "select1";
    case ControlKind::Select:
      return "select";
    case ControlKind::Upload:
      return "upload";
    case ControlKind::Group:
      return "group";
    case ControlKind::Repeat:
      return "repeat";
    case ControlKind::Range:
      return "range";
    case ControlKind::Rank:
      return "odk:rank";
    case ControlKind::Trigger:
      return "trigger";
  }
  return "input";
}

XFormDefinition::XFormDefinition() : primary_(std::make_unique<pugi::xml_document>()) {}
XFormDefinition::~XFormDefinition() = default;
XFormDefinition::XFormDefinition(XFormDefinition&&) noexcept = default;
XFormDefinition& XFormDefinition::operator=(XFormDefinition&&) noexcept = default;

pugi::xml_node XFormDefinition::repeatTemplate(std::string_view repeatPath) const {
  const auto found = repeatTemplates_.find(repeatPath);
  return found == repeatTemplates_.end() ? pugi::xml_node{} : found->second;
}

const pugi::xml_document* XFormDefinition::secondaryInstance(std::string_view instanceId) const {
  const auto found = secondary_.find(instanceId);
  return found == secondary_.end() ? nullptr : found->second.get();
}

std::vector<std::string> XFormDefinition::secondaryInstanceIds() const {
  std::vector<std::string> ids;
  for (const auto& entry : secondary_) ids.push_back(entry.first);
  return ids;
}

int XFormDefinition::nodeIndex(std::string_view genericPath) const {
  const auto found = nodeIndex_.find(genericPath);
  return found == nodeIndex_.end() ? -1 : found->second;
}

const Bind* XFormDefinition::bindFor(std::string_view genericPath) const {
  const int index = nodeIndex(genericPath);
  if (index < 0) return nullptr;
  const int bind = nodes[static_cast<std::size_t>(index)].bind;
  return bind < 0 ? nullptr : &binds[static_cast<std::size_t>(bind)];
}

const RichText* XFormDefinition::text(const TextRef& ref, std::string_view language) const {
  if (ref.itextId.empty()) return &ref.inlineText;
  const auto entry = itext.find(ref.itextId);
  if (entry == itext.end()) return nullptr;
  const auto& byLanguage = entry->second;
  if (const auto found = byLanguage.find(language); found != byLanguage.end()) {
    return &found->second;
  }
  if (const auto found = byLanguage.find(defaultLanguage); found != byLanguage.end()) {
    return &found->second;
  }
  return byLanguage.empty() ? nullptr : &byLanguage.begin()->second;
}

}  // namespace onewindow::forms
