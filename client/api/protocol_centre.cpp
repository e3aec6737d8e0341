// The centre-wide case list (API.md §4.12): its request path and its reply.

#include <string_view>
#include <variant>

#include "client/api/protocol.hpp"
#include "client/api/protocol_support.hpp"

namespace onewindow::api {
namespace {

// RFC 3986 unreserved characters pass; every other byte (UTF-8 of a Chinese name, '&', '+',
// '%', ' ') is %XX, so a lookup can never add or change a parameter.
std::string percentEncoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::optional<std::int64_t> count(const std::string& text) {
  const auto value = detail::parseUnsigned(text);
  if (!value || *value > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

// One <case>; `position` (from 1) and the uuid locate it in the message.
std::variant<CentreCaseRow, std::string> readRow(const pugi::xml_node& node, std::size_t position) {
  std::string missing;
  CentreCaseRow row;
  row.uuid = detail::requiredAttribute(node, "uuid", missing);
  row.officialNo = detail::requiredAttribute(node, "official-no", missing);
  row.station = detail::requiredAttribute(node, "station", missing);
  row.window = detail::requiredAttribute(node, "window", missing);
  row.clerkId = detail::requiredAttribute(node, "clerk", missing);
  row.matterCode = detail::requiredAttribute(node, "matter-code", missing);
  row.matterName = detail::requiredAttribute(node, "matter-name", missing);
  row.applicantName = detail::requiredAttribute(node, "applicant-name", missing);
  row.state = detail::requiredAttribute(node, "state", missing);
  row.intakeAt = detail::requiredAttribute(node, "intake-at", missing);
  row.updatedAt = detail::requiredAttribute(node, "updated-at", missing);
  if (!missing.empty()) {
    return "<case> " + std::to_string(position) + " (uuid '" + row.uuid + "') has no '" + missing +
           "'";
  }
  row.provisionalNo = node.attribute("provisional-no").as_string();
  row.promisedDue = node.attribute("promised-due").as_string();
  row.legalDue = node.attribute("legal-due").as_string();
  row.supervisionNote = node.attribute("supervision-note").as_string();
  row.supervisedBy = node.attribute("supervised-by").as_string();
  row.supervisedAt = node.attribute("supervised-at").as_string();
  return row;
}

}  // namespace

std::string centreCasesPath(const CentreCaseQuery& query) {
  std::string parameters;
  const auto add = [&parameters](const char* name, const std::string& encoded) {
    if (encoded.empty()) return;
    parameters += (parameters.empty() ? "?" : "&") + std::string(name) + "=" + encoded;
  };
  std::string states;
  for (const std::string& state : query.states)
    states += (states.empty() ? "" : ",") + percentEncoded(state);
  add("states", states);
  add("matter", percentEncoded(query.matter));
  add("due_from", percentEncoded(query.dueFrom));
  add("due_to", percentEncoded(query.dueTo));
  add("lookup", percentEncoded(query.lookup));
  if (query.supervisedOnly) add("supervised", "true");
  if (query.sort == CentreCaseSort::Due) add("sort", "due");
  if (query.offset > 0) add("offset", std::to_string(query.offset));
  if (query.limit > 0) add("limit", std::to_string(query.limit));
  return "/api/v1/centre/cases" + parameters;
}

Result<CentreCasePage> parseCentreCasePage(const HttpResponse& response) {
  CentreCasePage page;
  page.etag = response.header("ETag").value_or("");
  if (response.reachedServer() && response.status == 304) {
    page.notModified = true;
    return page;
  }
  if (!response.reachedServer() || response.status != 200) return errorFrom(response);
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "centre-cases")) return *error;
  const pugi::xml_node root = document.child("centre-cases");
  std::string missing;
  const std::string total = detail::requiredAttribute(root, "total", missing);
  const std::string offset = detail::requiredAttribute(root, "offset", missing);
  page.asOf = detail::requiredAttribute(root, "as-of", missing);
  if (!missing.empty()) return malformedReply(response, "<centre-cases> has no '" + missing + "'");
  const auto totalValue = count(total);
  const auto offsetValue = count(offset);
  if (!totalValue || !offsetValue) {
    return malformedReply(response, "<centre-cases> total '" + total + "' or offset '" + offset +
                                        "' is not a whole number");
  }
  page.total = *totalValue;
  page.offset = *offsetValue;
  std::size_t position = 0;
  for (const pugi::xml_node node : root.children("case")) {
    auto row = readRow(node, ++position);
    if (auto* problem = std::get_if<std::string>(&row)) return malformedReply(response, *problem);
    page.rows.push_back(std::move(std::get<CentreCaseRow>(row)));
  }
  for (const pugi::xml_node node : root.children("state-count")) {
    const std::string state = detail::requiredAttribute(node, "state", missing);
    const std::string n = detail::requiredAttribute(node, "n", missing);
    const auto value = count(n);
    if (!missing.empty() || state.empty() || !value) {
      return malformedReply(
          response, "<state-count state='" + state + "'> has no whole number n ('" + n + "')");
    }
    page.stateCounts.push_back({state, *value});
  }
  return page;
}

std::string supervisionBody(const SupervisionRequest& request) {
  pugi::xml_document document;
  pugi::xml_node node = document.append_child("supervision");
  node.append_attribute("action").set_value(request.lift ? "lift" : "mark");
  node.text().set(request.text.c_str());
  return detail::serialise(document);
}

Result<SupervisionState> parseSupervisionState(const HttpResponse& response) {
  if (!response.reachedServer() || response.status != 200) return errorFrom(response);
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "supervision")) return *error;
  const pugi::xml_node root = document.child("supervision");
  std::string missing;
  SupervisionState state;
  state.caseUuid = detail::requiredAttribute(root, "case-uuid", missing);
  const std::string marked = detail::requiredAttribute(root, "state", missing);
  state.by = detail::requiredAttribute(root, "by", missing);
  state.at = detail::requiredAttribute(root, "at", missing);
  const std::string seq = detail::requiredAttribute(root, "seq", missing);
  if (!missing.empty()) return malformedReply(response, "<supervision> has no '" + missing + "'");
  const auto seqValue = count(seq);
  if (!seqValue) return malformedReply(response, "<supervision> seq '" + seq + "' is no number");
  state.seq = *seqValue;
  if (marked != "marked" && marked != "lifted") {
    return malformedReply(response,
                          "<supervision> state '" + marked + "' is neither marked nor lifted");
  }
  state.marked = marked == "marked";
  state.text = root.text().as_string();
  return state;
}

}  // namespace onewindow::api
