#include "central/supervision_routes.hpp"

#include <httplib.h>

#include "central/api_error_codes.hpp"
#include "central/case_document.hpp"
#include "central/fault_injection.hpp"
#include "central/route_support.hpp"
#include "central/server_log.hpp"
#include "central/supervision.hpp"

namespace onewindow::central {
namespace {

// Order of checks as for the centre's cases (§4.12): the token, the station, the role — a clerk
// learns nothing about the case or the body — then the path's UUID, the body, the case.
void handleSupervision(RouteContext& context, const httplib::Request& request,
                       httplib::Response& response) {
  const std::optional<StationSession> caller =
      authenticateStationSession(context, request, response);
  if (!caller) return;
  const std::string& supervisor = caller->session.clerkId;
  if (caller->session.role != "supervisor") {
    replyError(response, 403, error_code::kNotSupervisor,
               "a 督办 mark is set and lifted by supervisors; clerk " + supervisor + " is not one");
    return;
  }
  const std::string uuid = request.matches.size() > 1 ? std::string(request.matches[1]) : "";
  if (!isCanonicalUuid(uuid)) {
    replyError(response, 400, error_code::kInvalidField,
               "the case UUID in the path must be 8-4-4-4-12 lowercase hex digits");
    return;
  }
  if (!bodyWithinLimit(context, request, response)) return;
  auto parsed = parseSupervisionRequest(request.body);
  if (const auto* problem = std::get_if<RequestProblem>(&parsed)) {
    replyError(response, problem->httpStatus, problem->code, problem->message);
    return;
  }
  const SupervisionRequest& wanted = std::get<SupervisionRequest>(parsed);
  const SupervisionResult result = context.store.withDatabase([&](sql::Connection& db) {
    return applySupervision(db, uuid, wanted, supervisor, context.clock());
  });
  const bool mark = wanted.action == SupervisionAction::Mark;
  switch (result.outcome) {
    case SupervisionOutcome::NoCase:
      replyError(response, 404, error_code::kCaseNotFound, "central has no case " + uuid);
      return;
    case SupervisionOutcome::Changed:
      logLine("case " + uuid + (mark ? " marked 督办" : " 督办 lifted") + " by supervisor " +
              supervisor + " at station " + caller->station + " (change " +
              std::to_string(result.state.seq) + " to station " + result.station + ")");
      break;
    case SupervisionOutcome::Unchanged:
      logLine("case " + uuid + (mark ? ": the 督办 mark" : ": no 督办 mark to lift") +
              " by supervisor " + supervisor + " at station " + caller->station +
              (mark ? " is the case's mark already" : "") + "; nothing changed");
      break;
  }
  replyXml(response, 200, supervisionXml(result.state));
}

}  // namespace

void installSupervisionRoutes(httplib::Server& server, RouteContext& context) {
  server.Post(kSupervisionPattern,
              withFaults(context.faults, "centre.supervision",
                         [&context](const httplib::Request& request, httplib::Response& response) {
                           handleSupervision(context, request, response);
                         }));
}

}  // namespace onewindow::central
