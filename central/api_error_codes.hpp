#pragma once
// The stable machine codes of <error code="..."> bodies. Clients branch on these, so a code is
// never renamed or reused; central/API.md lists each with its HTTP status.

#include <string_view>

namespace onewindow::central::error_code {

inline constexpr std::string_view kMalformedXml = "request.malformed_xml";
inline constexpr std::string_view kWrongDocument = "request.wrong_document";
inline constexpr std::string_view kMissingField = "request.missing_field";
inline constexpr std::string_view kInvalidField = "request.invalid_field";
inline constexpr std::string_view kBadRequest = "request.bad_request";
inline constexpr std::string_view kNotFound = "request.not_found";
inline constexpr std::string_view kMethodNotAllowed = "request.method_not_allowed";
inline constexpr std::string_view kPayloadTooLarge = "request.payload_too_large";
inline constexpr std::string_view kRequestTimeout = "request.timeout";
inline constexpr std::string_view kHeaderTooLarge = "request.header_too_large";
inline constexpr std::string_view kInvalidCredentials = "auth.invalid_credentials";
inline constexpr std::string_view kInvalidToken = "auth.invalid_token";
inline constexpr std::string_view kClerkInactive = "auth.clerk_inactive";
inline constexpr std::string_view kClerkLocked = "auth.clerk_locked";
inline constexpr std::string_view kTooManyAttempts = "auth.too_many_attempts";
inline constexpr std::string_view kNotSupervisor = "session.not_supervisor";
inline constexpr std::string_view kInternalError = "server.internal_error";
inline constexpr std::string_view kMissingStation = "request.missing_station";
inline constexpr std::string_view kMaterialBadName = "material.bad_name";
inline constexpr std::string_view kMaterialTooLarge = "material.too_large";
inline constexpr std::string_view kMaterialHashMismatch = "material.hash_mismatch";
inline constexpr std::string_view kMaterialOffsetMismatch = "material.offset_mismatch";
inline constexpr std::string_view kCaseInvalid = "case.invalid";
inline constexpr std::string_view kCaseRuleViolation = "case.rule_violation";
inline constexpr std::string_view kCaseConflict = "case.conflict";
inline constexpr std::string_view kCaseVersionGap = "case.version_gap";
inline constexpr std::string_view kCaseMissingMaterials = "case.missing_materials";
inline constexpr std::string_view kCaseNotFound = "case.not_found";
inline constexpr std::string_view kRatingInvalid = "rating.invalid";
inline constexpr std::string_view kRatingConflict = "rating.conflict";
inline constexpr std::string_view kServiceUnavailable = "server.unavailable";
inline constexpr std::string_view kCatalogNone = "catalog.none";
inline constexpr std::string_view kCatalogFileNotFound = "catalog.file_not_found";

}  // namespace onewindow::central::error_code
