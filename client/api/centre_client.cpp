// The supervisor's calls to central: the centre-wide case list (API.md §4.12) and the 督办 mark
// central keeps (§4.13).

#include "client/api/central_client.hpp"

namespace onewindow::api {
namespace {

// An entity tag as central sends it: quoted (maybe weak), nothing that could end the header.
bool isEntityTag(const std::string& tag) {
  const std::string_view opaque = std::string_view(tag).substr(tag.starts_with("W/") ? 2 : 0);
  if (opaque.size() < 2 || opaque.front() != '"' || opaque.back() != '"') return false;
  for (const char c : opaque.substr(1, opaque.size() - 2)) {
    if (c == '"' || static_cast<unsigned char>(c) < 0x21 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

RequestId CentralClient::centreCases(const CentreCaseQuery& query, const std::string& knownEtag,
                                     std::function<void(Result<CentreCasePage>)> done) {
  if (query.offset < 0 || query.limit < 0 || query.limit > 500) {
    done(invalidArgument("the centre's cases take an offset >= 0 and a limit of 0..500, not " +
                         std::to_string(query.offset) + " and " + std::to_string(query.limit)));
    return 0;
  }
  HttpRequest request = authorised("GET", centreCasesPath(query));
  // A tag that is not one is never sent: then central answers in full.
  if (isEntityTag(knownEtag)) request.headers.push_back("If-None-Match: " + knownEtag);
  return transport_.send(std::move(request),
                         [done = std::move(done), knownEtag](HttpResponse response) {
                           Result<CentreCasePage> page = parseCentreCasePage(response);
                           // A 304 without its ETag (a proxy dropped it) still names the
                           // known one.
                           if (page.ok() && page.value().notModified && page.value().etag.empty()) {
                             CentreCasePage same = page.value();
                             same.etag = knownEtag;
                             page = std::move(same);
                           }
                           done(std::move(page));
                         });
}

RequestId CentralClient::superviseCase(const std::string& uuid, const SupervisionRequest& what,
                                       std::function<void(Result<SupervisionState>)> done) {
  if (!isCaseUuid(uuid)) {
    done(invalidArgument("a case UUID is hex digits and dashes, not '" + uuid + "'"));
    return 0;
  }
  HttpRequest request = authorised("POST", "/api/v1/centre/cases/" + uuid + "/supervision");
  request.headers.push_back("Content-Type: application/xml; charset=utf-8");
  request.body = supervisionBody(what);
  return transport_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
    done(parseSupervisionState(response));
  });
}

}  // namespace onewindow::api
