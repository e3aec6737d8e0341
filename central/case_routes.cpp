#include "central/case_routes.hpp"

#include <httplib.h>

#include <charconv>

#include "central/api_error_codes.hpp"
#include "central/auto_approval.hpp"
#include "central/bundle_routing.hpp"
#include "central/case_document.hpp"
#include "central/case_records.hpp"
#include "central/case_rules.hpp"
#include "central/current_catalog.hpp"
#include "central/fault_injection.hpp"
#include "central/route_support.hpp"
#include "central/server_log.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

std::string pathUuid(const httplib::Request& request) {
  return request.matches.size() > 1 ? std::string(request.matches[1]) : std::string();
}

std::optional<int> versionParameter(const httplib::Request& request) {
  const std::string text = request.get_param_value("version");
  int version = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || version < 1) {
    return std::nullopt;
  }
  return version;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    if (!text.empty()) text += '\n';
    text += line;
  }
  return text;
}

// 秒批: decided right after the first submission is stored; the station learns it from the
// change feed like any decision. The reply does not wait for it to be told.
void applyAutoApproval(RouteContext& context, const CaseDocument& document) {
  if (context.autoApproval == nullptr || document.state != "accepted") return;
  const std::chrono::sys_seconds now = context.clock();
  context.store.withDatabase([&](sql::Connection& db) {
    const std::optional<AutoDecision> decision =
        context.autoApproval->decide(db, document.matterCode, document.formInstanceXml, now);
    if (!decision) return;
    sql::Transaction transaction(db);
    const std::optional<CaseSummary> summary = findCase(db, document.uuid);
    if (!summary || summary->state == "decided") return;
    decideCase(db, *summary, "granted", decision->note, now);
    transaction.commit();
    logLine("case " + document.uuid + " approved by 秒批 rule " + decision->ruleId);
  });
}

// 一件事: an accepted bundle case is split into its departments' sub-cases once, whichever
// version first carries an accepted state (a corrected case is accepted later).
void applyBundleRouting(RouteContext& context, const CaseDocument& document) {
  if (context.bundleRouting == nullptr) return;
  if (document.state != "accepted" && document.state != "accepted_with_gaps") return;
  const std::chrono::sys_seconds now = context.clock();
  context.store.withDatabase([&](sql::Connection& db) {
    context.bundleRouting->route(db, document.uuid, document.matterCode, now);
  });
}

void handlePut(RouteContext& context, const httplib::Request& request,
               httplib::Response& response) {
  const std::optional<std::string> station = authenticateStation(context, request, response);
  if (!station) return;
  if (request.body.size() > context.limits.maxCaseBytes) {
    replyError(response, 413, error_code::kPayloadTooLarge,
               "a case may have at most " + std::to_string(context.limits.maxCaseBytes) +
                   " bytes (max-case-bytes)");
    return;
  }
  const std::string uuid = pathUuid(request);
  if (!isCanonicalUuid(uuid)) {
    replyError(response, 422, error_code::kCaseInvalid,
               "the case UUID in the path must be 8-4-4-4-12 lowercase hex digits");
    return;
  }
  const std::optional<int> version = versionParameter(request);
  if (!version) {
    replyError(response, 422, error_code::kCaseInvalid,
               "the query needs version=N with N a whole number >= 1");
    return;
  }
  auto parsed = parseCaseDocument(request.body, uuid, *version);
  if (const auto* problem = std::get_if<CaseProblem>(&parsed)) {
    replyError(response, 422, error_code::kCaseInvalid, problem->message);
    return;
  }
  const CaseDocument& document = std::get<CaseDocument>(parsed);
  // The rules are checked outside the database lock: a form's answers take a while.
  std::vector<forms::RuleProblem> broken;
  if (context.catalog != nullptr) {
    const auto catalog = context.store.withDatabase(
        [&](sql::Connection& db) { return context.catalog->inEffect(db); });
    broken = checkSubmittedCase(catalog.get(), context.catalog->forms(), document);
  }
  const SubmitResult result =
      submitCase(context.store, document, request.body, *station, context.implementingCode,
                 context.clock(), !broken.empty());
  switch (result.outcome) {
    case SubmitOutcome::Created:
      logLine("case " + uuid + " version " + std::to_string(*version) + " from station " +
              *station + ": " + result.receipt.officialNo);
      applyBundleRouting(context, document);
      if (*version == 1) applyAutoApproval(context, document);
      response.set_header("Location", "/api/v1/cases/" + uuid);
      replyXml(response, 201, receiptXml(result.receipt));
      return;
    case SubmitOutcome::Repeated:
      replyXml(response, 200, receiptXml(result.receipt));
      return;
    case SubmitOutcome::Conflict:
      replyError(response, 409, error_code::kCaseConflict,
                 "version " + std::to_string(*version) +
                     " of this case was received before with a different body (body-sha256 " +
                     result.receipt.bodySha256 + ")");
      return;
    case SubmitOutcome::BrokenRules:
      logLine("case " + uuid + " version " + std::to_string(*version) + " from station " +
              *station + " refused: " + forms::describeProblems(broken));
      replyXml(response, 422,
               errorBody(error_code::kCaseRuleViolation, forms::describeProblems(broken),
                         problemsXml(broken)));
      return;
    case SubmitOutcome::VersionGap:
      replyError(response, 409, error_code::kCaseVersionGap,
                 result.latest ? "version " + std::to_string(*version) +
                                     " is not the next one; central's latest is: " +
                                     receiptXml(*result.latest)
                               : "central has no version of this case yet; send version 1");
      return;
    case SubmitOutcome::MissingMaterials:
      replyError(response, 422, error_code::kCaseMissingMaterials, joinLines(result.missing));
      return;
  }
}

void handleGet(RouteContext& context, const httplib::Request& request,
               httplib::Response& response) {
  if (!authenticateStation(context, request, response)) return;
  const std::string uuid = pathUuid(request);
  const std::optional<CaseReceipt> receipt =
      isCanonicalUuid(uuid) ? latestReceipt(context.store, uuid) : std::nullopt;
  if (!receipt) {
    replyError(response, 404, error_code::kCaseNotFound, "central has no case " + uuid);
    return;
  }
  replyXml(response, 200, receiptXml(*receipt));
}

}  // namespace

void installCaseRoutes(httplib::Server& server, RouteContext& context) {
  server.Put(kCasesPattern,
             withFaults(context.faults, "cases.put",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          handlePut(context, request, response);
                        }));
  server.Get(kCasesPattern,
             withFaults(context.faults, "cases.get",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          handleGet(context, request, response);
                        }));
}

}  // namespace onewindow::central
