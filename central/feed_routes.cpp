#include "central/feed_routes.hpp"

#include <httplib.h>

#include <charconv>

#include <pugixml.hpp>

#include "central/api_error_codes.hpp"
#include "central/change_feed.hpp"
#include "central/fault_injection.hpp"
#include "central/ratings.hpp"
#include "central/route_support.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

// A query parameter as a whole number in [low, high]; `fallback` when absent.
std::optional<std::int64_t> numberParameter(const httplib::Request& request, const char* name,
                                            std::int64_t fallback, std::int64_t low,
                                            std::int64_t high) {
  if (!request.has_param(name)) return fallback;
  const std::string text = request.get_param_value(name);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low ||
      value > high) {
    return std::nullopt;
  }
  return value;
}

std::string limitsXml(const ServerLimits& limits) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("limits");
  root.append_attribute("max-request-bytes")
      .set_value(std::to_string(limits.maxRequestBytes).c_str());
  root.append_attribute("max-material-bytes")
      .set_value(std::to_string(limits.maxMaterialBytes).c_str());
  root.append_attribute("chunk-bytes").set_value(std::to_string(limits.chunkBytes).c_str());
  root.append_attribute("max-case-bytes").set_value(std::to_string(limits.maxCaseBytes).c_str());
  return toXmlText(document);
}

void handleChanges(RouteContext& context, const httplib::Request& request,
                   httplib::Response& response) {
  const std::optional<std::string> station = authenticateStation(context, request, response);
  if (!station) return;
  const auto since = numberParameter(request, "since", 0, 0, INT64_MAX);
  const auto limit = numberParameter(request, "limit", kDefaultChangeLimit, 1, kMaxChangeLimit);
  if (!since || !limit) {
    replyError(response, 400, error_code::kInvalidField,
               "since must be a cursor (a whole number >= 0) and limit a number from 1 to " +
                   std::to_string(kMaxChangeLimit));
    return;
  }
  const ChangePage page = context.store.withDatabase([&](sql::Connection& db) {
    return readChanges(db, *station, *since, static_cast<int>(*limit));
  });
  replyXml(response, 200, changesXml(page));
}

void handleRating(RouteContext& context, const httplib::Request& request,
                  httplib::Response& response) {
  const std::optional<std::string> station = authenticateStation(context, request, response);
  if (!station) return;
  if (!bodyWithinLimit(context, request, response)) return;
  auto parsed = parseRating(request.body);
  if (const auto* problem = std::get_if<RatingProblem>(&parsed)) {
    replyError(response, 422, error_code::kRatingInvalid, problem->message);
    return;
  }
  const Rating& rating = std::get<Rating>(parsed);
  switch (storeRating(context.store, rating, request.body, *station, context.clock())) {
    case RatingOutcome::Created:
      response.status = 201;
      return;
    case RatingOutcome::Repeated:
      response.status = 200;
      return;
    case RatingOutcome::Conflict:
      replyError(response, 409, error_code::kRatingConflict,
                 "rating " + rating.id + " was received before with different content");
      return;
  }
}

}  // namespace

void installFeedRoutes(httplib::Server& server, RouteContext& context) {
  server.Get(kLimitsPath,
             withFaults(context.faults, "limits",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          if (!authenticateStation(context, request, response)) return;
                          replyXml(response, 200, limitsXml(context.limits));
                        }));
  server.Get(kChangesPath,
             withFaults(context.faults, "changes",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          handleChanges(context, request, response);
                        }));
  server.Post(kRatingsPath,
              withFaults(context.faults, "ratings.post",
                         [&context](const httplib::Request& request, httplib::Response& response) {
                           handleRating(context, request, response);
                         }));
}

}  // namespace onewindow::central
