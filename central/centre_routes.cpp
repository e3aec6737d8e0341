#include "central/centre_routes.hpp"

#include <httplib.h>

#include "central/api_error_codes.hpp"
#include "central/centre_cases.hpp"
#include "central/fault_injection.hpp"
#include "central/route_support.hpp"

namespace onewindow::central {
namespace {

// Order of checks: the token (401/403 auth.*), the station (400), the role (403), then the
// parameters (400) — nothing about the centre's cases is told to a clerk, not even which
// parameters would be wrong.
void handleCentreCases(RouteContext& context, const httplib::Request& request,
                       httplib::Response& response) {
  const std::optional<StationSession> caller =
      authenticateStationSession(context, request, response);
  if (!caller) return;
  if (caller->session.role != "supervisor") {
    replyError(
        response, 403, error_code::kNotSupervisor,
        "the centre's cases are for supervisors; clerk " + caller->session.clerkId + " is not one");
    return;
  }
  auto parsed = parseCentreCaseQuery(request.params);
  if (const auto* problem = std::get_if<CentreQueryProblem>(&parsed)) {
    replyError(response, 400, error_code::kInvalidField, problem->message);
    return;
  }
  const CentreCaseQuery& query = std::get<CentreCaseQuery>(parsed);
  // Applicants' names: no shared cache keeps it, and the console asks again every time.
  response.set_header("Cache-Control", "private, no-cache");
  // A console polls: an unchanged centre costs two MAX() lookups, not the page and the counts.
  const std::string current = centreCasesEtag(
      context.store.withDatabase([](sql::Connection& db) { return centreCasesVersion(db); }),
      query);
  if (matchesIfNoneMatch(request, current)) {
    response.set_header("ETag", current);
    response.status = 304;
    return;
  }
  const CentreCasePage page = context.store.withDatabase(
      [&](sql::Connection& db) { return readCentreCases(db, query, context.clock()); });
  // The tag of what was read, which a change since the lookup above may have moved on.
  response.set_header("ETag", centreCasesEtag(page.version, query));
  replyXml(response, 200, centreCasesXml(page));
}

}  // namespace

void installCentreRoutes(httplib::Server& server, RouteContext& context) {
  server.Get(kCentreCasesPath,
             withFaults(context.faults, "centre.cases",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          handleCentreCases(context, request, response);
                        }));
}

}  // namespace onewindow::central
