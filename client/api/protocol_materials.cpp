// Limits and materials (API.md §4.2–4.4).

#include "client/api/protocol.hpp"
#include "client/api/protocol_support.hpp"

namespace onewindow::api {

Result<Limits> parseLimits(const HttpResponse& response) {
  if (!response.reachedServer() || response.status != 200) return errorFrom(response);
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "limits")) return *error;
  const pugi::xml_node node = document.child("limits");
  Limits limits;
  const std::pair<const char*, std::uint64_t*> fields[] = {
      {"max-request-bytes", &limits.maxRequestBytes},
      {"max-material-bytes", &limits.maxMaterialBytes},
      {"chunk-bytes", &limits.chunkBytes},
      {"max-case-bytes", &limits.maxCaseBytes},
  };
  for (const auto& [name, target] : fields) {
    const auto value = detail::parseUnsigned(node.attribute(name).as_string());
    if (!value || *value == 0) {
      return malformedReply(response,
                            std::string("<limits> needs a positive number in '") + name + "'");
    }
    *target = *value;
  }
  return limits;
}

Result<MaterialStatus> parseMaterialStatus(const HttpResponse& response) {
  if (!response.reachedServer()) return errorFrom(response);
  MaterialStatus status;
  if (response.status == 200) {
    const auto length = response.header("Content-Length");
    const auto size = length ? detail::parseUnsigned(*length) : std::nullopt;
    if (!size) return malformedReply(response, "HEAD 200 without a Content-Length");
    status.present = true;
    status.size = *size;
    return status;
  }
  if (response.status == 404) {
    // A 404 without Upload-Offset is not "absent" but "no such endpoint" (HEAD has no body to
    // tell): a server that does not implement §4.3.
    const auto offset = response.header("Upload-Offset");
    const auto value = offset ? detail::parseUnsigned(*offset) : std::nullopt;
    if (!value) return malformedReply(response, "HEAD 404 without an Upload-Offset");
    status.uploadOffset = *value;
    return status;
  }
  return errorFrom(response);
}

}  // namespace onewindow::api
