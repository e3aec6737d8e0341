#include "central/xml_reply.hpp"

#include <sstream>

#include <pugixml.hpp>

namespace onewindow::central {

std::string toXmlText(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return R"(<?xml version="1.0" encoding="UTF-8"?>)" + out.str();
}

std::string errorBody(std::string_view code, std::string_view message) {
  pugi::xml_document document;
  pugi::xml_node error = document.append_child("error");
  error.append_attribute("code").set_value(std::string(code).c_str());
  error.append_child("message").text().set(std::string(message).c_str());
  return toXmlText(document);
}

std::string errorBody(std::string_view code, std::string_view message, std::string_view detailXml) {
  pugi::xml_document document;
  pugi::xml_node error = document.append_child("error");
  error.append_attribute("code").set_value(std::string(code).c_str());
  error.append_child("message").text().set(std::string(message).c_str());
  pugi::xml_document detail;
  if (detail.load_buffer(detailXml.data(), detailXml.size()))
    error.append_copy(detail.document_element());
  return toXmlText(document);
}

}  // namespace onewindow::central
