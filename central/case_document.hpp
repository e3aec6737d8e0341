#pragma once
// Reading the body of PUT /api/v1/cases/{uuid}?version=n (central/API.md §4.5) and checking
// the rules a case must keep. Kept apart from HTTP and the database, so every way a case can
// be wrong is tested without a server.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace onewindow::central {

struct CaseDocument {
  std::string uuid;
  int version = 0;
  std::string state;
  std::string matterCode;
  std::string formId;
  std::string formInstanceXml;           // the intake form's instance, as the window filled it in
  std::vector<std::string> pageSha256s;  // in document order, each once
};

struct CaseProblem {
  std::string message;  // for <message> of 422 case.invalid
};

// True for a canonical UUID: 8-4-4-4-12 lowercase hex digits.
[[nodiscard]] bool isCanonicalUuid(std::string_view text);

// `uuid` and `version` come from the path and query; the body must agree with them.
[[nodiscard]] std::variant<CaseDocument, CaseProblem> parseCaseDocument(std::string_view body,
                                                                        std::string_view uuid,
                                                                        int version);

}  // namespace onewindow::central
