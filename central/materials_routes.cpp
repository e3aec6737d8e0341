#include "central/materials_routes.hpp"

#include <httplib.h>

#include <charconv>
#include <optional>
#include <string>

#include "central/api_error_codes.hpp"
#include "central/fault_injection.hpp"
#include "central/material_uploads.hpp"
#include "central/route_support.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {
namespace {

std::optional<std::uint64_t> unsignedHeader(const httplib::Request& request, const char* name) {
  if (!request.has_header(name)) return std::nullopt;
  const std::string text = request.get_header_value(name);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// The {sha256} of the path, or nothing after a 400 material.bad_name.
std::optional<std::string> materialName(const httplib::Request& request,
                                        httplib::Response& response) {
  std::string name = request.matches.size() > 1 ? std::string(request.matches[1]) : "";
  if (!localdb::isSha256Hex(name)) {
    replyError(response, 400, error_code::kMaterialBadName,
               "a material is named by 64 lowercase hex digits (its SHA-256)");
    return std::nullopt;
  }
  return name;
}

// Reads the rest of a body that is refused, and throws it away. httplib 0.11 keeps a
// connection open even when a handler sets "Connection: close", so an unread body would be
// parsed as the next request on it.
void discardBody(const httplib::ContentReader& reader) {
  reader([](const char*, std::size_t) { return true; });
}

BodyReader readerOf(const httplib::ContentReader& reader) {
  return [&reader](const BodyReceiver& receive) {
    return reader(
        [&receive](const char* data, std::size_t length) { return receive(data, length); });
  };
}

void replyTooLarge(const RouteContext& context, httplib::Response& response) {
  replyError(response, 413, error_code::kMaterialTooLarge,
             "a material may have at most " + std::to_string(context.limits.maxMaterialBytes) +
                 " bytes (max-material-bytes)");
}

void replyUploadResult(const RouteContext& context, const UploadResult& result,
                       httplib::Response& response) {
  switch (result.outcome) {
    case UploadOutcome::Stored:
      response.status = 201;
      break;
    case UploadOutcome::AlreadyPresent:
      response.status = 200;
      break;
    case UploadOutcome::ChunkKept:
      response.set_header("Upload-Offset", std::to_string(result.offset));
      response.status = 204;
      break;
    case UploadOutcome::HashMismatch:
      replyError(response, 422, error_code::kMaterialHashMismatch,
                 "the bytes received do not hash to the material's name; nothing was kept, "
                 "send it again from offset 0");
      break;
    case UploadOutcome::TooLarge:
      replyTooLarge(context, response);
      break;
    case UploadOutcome::ChunkTooLarge:
      replyError(response, 413, error_code::kPayloadTooLarge,
                 "a chunk may have at most " + std::to_string(context.limits.chunkBytes) +
                     " bytes (chunk-bytes)");
      break;
    case UploadOutcome::PastEnd:
      replyError(response, 400, error_code::kInvalidField, "the chunk runs past Upload-Length");
      break;
    case UploadOutcome::OffsetMismatch:
      response.set_header("Upload-Offset", std::to_string(result.offset));
      replyError(response, 409, error_code::kMaterialOffsetMismatch,
                 "the upload continues at offset " + std::to_string(result.offset));
      break;
    case UploadOutcome::ReadFailed:
      replyError(response, 400, error_code::kBadRequest,
                 "the request body broke off before its end");
      break;
  }
}

void handleHead(RouteContext& context, const httplib::Request& request,
                httplib::Response& response) {
  if (request.method != "HEAD") {
    response.set_header("Allow", "HEAD, PUT, PATCH");
    replyError(response, 405, error_code::kMethodNotAllowed,
               "GET is not allowed on a material (allowed: HEAD, PUT, PATCH)");
    return;
  }
  if (!authenticateStation(context, request, response)) return;
  const std::optional<std::string> sha256 = materialName(request, response);
  if (!sha256) return;
  const MaterialPresence presence = context.materials.presence(*sha256);
  if (presence.complete) {
    // A content provider is how httplib sends a Content-Length without a body for HEAD.
    response.status = 200;
    response.set_content_provider(
        static_cast<std::size_t>(presence.size), "application/octet-stream",
        [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  response.set_header("Upload-Offset", std::to_string(presence.uploadOffset));
  replyError(response, 404, error_code::kNotFound, "central does not hold this material");
}

void handlePut(RouteContext& context, const httplib::Request& request, httplib::Response& response,
               const httplib::ContentReader& reader) {
  const auto refuse = [&reader]() { discardBody(reader); };
  if (!authenticateStation(context, request, response)) return refuse();
  const std::optional<std::string> sha256 = materialName(request, response);
  if (!sha256) return refuse();
  if (const auto length = unsignedHeader(request, "Content-Length");
      length && *length > context.limits.maxMaterialBytes) {
    // httplib itself skips a body over its payload limit (set to max-material-bytes).
    replyTooLarge(context, response);
    return refuse();
  }
  const UploadResult result =
      context.materials.putWhole(*sha256, readerOf(reader), context.clock());
  replyUploadResult(context, result, response);
}

void handlePatch(RouteContext& context, const httplib::Request& request,
                 httplib::Response& response, const httplib::ContentReader& reader) {
  const auto refuse = [&reader]() { discardBody(reader); };
  if (!authenticateStation(context, request, response)) return refuse();
  const std::optional<std::string> sha256 = materialName(request, response);
  if (!sha256) return refuse();
  const std::optional<std::uint64_t> offset = unsignedHeader(request, "Upload-Offset");
  const std::optional<std::uint64_t> total = unsignedHeader(request, "Upload-Length");
  if (!offset || !total) {
    replyError(response, 400, error_code::kMissingField,
               "a chunk needs the headers Upload-Offset and Upload-Length (decimal byte counts)");
    return refuse();
  }
  if (*total > context.limits.maxMaterialBytes) {
    replyTooLarge(context, response);
    return refuse();
  }
  if (const auto length = unsignedHeader(request, "Content-Length");
      length && *length > context.limits.chunkBytes) {
    replyUploadResult(context, {UploadOutcome::ChunkTooLarge}, response);
    return refuse();
  }
  const UploadResult result =
      context.materials.appendChunk(*sha256, *offset, *total, readerOf(reader), context.clock());
  replyUploadResult(context, result, response);
  // Refused before reading: the body is still on the connection.
  if (result.outcome == UploadOutcome::OffsetMismatch) refuse();
}

}  // namespace

void installMaterialRoutes(httplib::Server& server, RouteContext& context) {
  // httplib sends HEAD to the GET handlers.
  server.Get(kMaterialsPattern,
             withFaults(context.faults, "materials.head",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          handleHead(context, request, response);
                        }));
  server.Put(kMaterialsPattern,
             withFaults(context.faults, "materials.put",
                        [&context](const httplib::Request& request, httplib::Response& response,
                                   const httplib::ContentReader& reader) {
                          handlePut(context, request, response, reader);
                        }));
  server.Patch(kMaterialsPattern,
               withFaults(context.faults, "materials.patch",
                          [&context](const httplib::Request& request, httplib::Response& response,
                                     const httplib::ContentReader& reader) {
                            handlePatch(context, request, response, reader);
                          }));
}

}  // namespace onewindow::central
