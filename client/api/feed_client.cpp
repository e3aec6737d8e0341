// The change feed and ratings (API.md §4.7–4.8).

#include "client/api/central_client.hpp"

namespace onewindow::api {
namespace {

// The cursor is opaque, but it goes into a query string: only URL-safe characters pass.
bool isCursor(const std::string& cursor) {
  if (cursor.empty() || cursor.size() > 128) return false;
  for (char c : cursor) {
    const bool allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                         (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_' || c == '~';
    if (!allowed) return false;
  }
  return true;
}

}  // namespace

RequestId CentralClient::changes(const std::string& cursor, int limit,
                                 std::function<void(Result<ChangePage>)> done) {
  const std::string since = cursor.empty() ? "0" : cursor;  // no cursor yet: from the start
  if (!isCursor(since) || limit < 0 || limit > 1000) {
    done(invalidArgument("the change feed needs a cursor and a limit of 0..1000, not '" + since +
                         "' and " + std::to_string(limit)));
    return 0;
  }
  std::string path = "/api/v1/changes?since=" + since;
  if (limit > 0) path += "&limit=" + std::to_string(limit);
  return transport_.send(authorised("GET", path), [done = std::move(done)](HttpResponse response) {
    done(parseChangePage(response));
  });
}

RequestId CentralClient::postRating(const Rating& rating,
                                    std::function<void(Result<Stored>)> done) {
  HttpRequest request = authorised("POST", "/api/v1/ratings");
  request.headers.push_back("Content-Type: application/xml; charset=utf-8");
  request.body = ratingBody(rating);
  return transport_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
    done(parseStored(response));
  });
}

}  // namespace onewindow::api
