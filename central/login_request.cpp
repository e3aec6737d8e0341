#include "central/login_request.hpp"

#include <pugixml.hpp>

#include "central/api_error_codes.hpp"

namespace onewindow::central {
namespace {

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

RequestProblem missingField(const char* name) {
  return RequestProblem{400, std::string(error_code::kMissingField),
                        std::string("<login> needs a non-empty <") + name + "> element"};
}

}  // namespace

bool isValidWindowCode(std::string_view code) {
  if (code.empty() || code.size() > 16) return false;
  for (const char c : code) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::variant<LoginRequest, RequestProblem> parseLoginRequest(std::string_view body) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return RequestProblem{400, std::string(error_code::kMalformedXml),
                          std::string("the request body is not well-formed XML: ") +
                              parsed.description() + " at byte offset " +
                              std::to_string(parsed.offset)};
  }
  const pugi::xml_node login = document.document_element();
  if (std::string_view(login.name()) != "login") {
    const std::string found = login ? std::string("<") + login.name() + ">" : "an empty document";
    return RequestProblem{400, std::string(error_code::kWrongDocument),
                          "expected a <login> document, got " + found};
  }

  LoginRequest request;
  // Ids and window codes are typed or pasted by people: stray spaces are not part of them.
  // A password is taken exactly as sent.
  request.clerkId = trimmed(login.child("clerk-id").text().get());
  request.password = login.child("password").text().get();
  request.windowCode = trimmed(login.child("window").text().get());
  if (request.clerkId.empty()) return missingField("clerk-id");
  if (request.password.empty()) return missingField("password");
  if (request.windowCode.empty()) return missingField("window");
  if (!isValidWindowCode(request.windowCode)) {
    // Echo short values only: the message must stay readable whatever was sent.
    const std::string got = request.windowCode.size() <= 32
                                ? "'" + request.windowCode + "'"
                                : std::to_string(request.windowCode.size()) + " bytes";
    return RequestProblem{400, std::string(error_code::kInvalidField),
                          "<window> must be 1 to 16 letters, digits or '-', got " + got};
  }
  return request;
}

}  // namespace onewindow::central
