#include "central/case_document.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <pugixml.hpp>

#include "localdb/case_state.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {
namespace {

constexpr std::array kRequiredAttributes{"uuid",        "version",  "provisional-no",
                                         "window",      "clerk-id", "matter-code",
                                         "matter-name", "state",    "intake-at"};

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool isBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

CaseProblem problem(std::string message) { return CaseProblem{std::move(message)}; }

}  // namespace

bool isCanonicalUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !isHex(text[i])) return false;
  }
  return true;
}

std::variant<CaseDocument, CaseProblem> parseCaseDocument(std::string_view body,
                                                          std::string_view uuid, int version) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return problem(std::string("the case is not well-formed XML: ") + parsed.description() +
                   " at byte offset " + std::to_string(parsed.offset));
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "case") return problem("the root element must be <case>");
  for (const char* name : kRequiredAttributes) {
    if (isBlank(root.attribute(name).value())) {
      return problem(std::string("<case> needs a non-empty '") + name + "' attribute");
    }
  }

  CaseDocument result;
  result.uuid = root.attribute("uuid").value();
  if (result.uuid != uuid) {
    return problem("the case's uuid '" + result.uuid + "' is not the one in the path");
  }
  const std::string_view versionText = root.attribute("version").value();
  const auto [end, error] =
      std::from_chars(versionText.data(), versionText.data() + versionText.size(), result.version);
  if (error != std::errc() || end != versionText.data() + versionText.size() ||
      result.version != version) {
    return problem("the case's version '" + std::string(versionText) +
                   "' is not the one in the query (" + std::to_string(version) + ")");
  }
  result.state = root.attribute("state").value();
  const std::optional<localdb::CaseState> state = localdb::caseStateFromName(result.state);
  if (!state || *state == localdb::CaseState::Draft) {
    return problem("'" + result.state + "' is not a state a submitted case can be in");
  }
  result.matterCode = root.attribute("matter-code").value();
  if (const pugi::xml_node form = root.child("form")) {
    result.formId = form.attribute("id").value();
    result.formInstanceXml = form.text().get();
  }

  const pugi::xml_node applicant = root.child("applicant");
  if (!applicant || isBlank(applicant.attribute("name").value())) {
    return problem("the case needs an <applicant> with a non-empty name");
  }

  for (const pugi::xml_node slot : root.child("materials").children("slot")) {
    for (const pugi::xml_node page : slot.children("page")) {
      std::string sha256 = page.attribute("sha256").value();
      if (!localdb::isSha256Hex(sha256)) {
        return problem("a <page> of slot '" + std::string(slot.attribute("key").value()) +
                       "' has no valid sha256 (64 lowercase hex digits)");
      }
      if (std::find(result.pageSha256s.begin(), result.pageSha256s.end(), sha256) ==
          result.pageSha256s.end()) {
        result.pageSha256s.push_back(std::move(sha256));
      }
    }
  }
  return result;
}

}  // namespace onewindow::central
