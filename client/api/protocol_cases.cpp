// Cases, the change feed and ratings (API.md §4.5–4.8).

#include "client/api/protocol.hpp"
#include "client/api/protocol_support.hpp"

namespace onewindow::api {
namespace {

std::optional<std::int64_t> positive(const std::string& text) {
  const auto value = detail::parseUnsigned(text);
  if (!value || *value == 0 || *value > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

}  // namespace

Result<CaseReceipt> parseCaseReceipt(const HttpResponse& response) {
  if (!response.reachedServer() || (response.status != 200 && response.status != 201)) {
    return errorFrom(response);
  }
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "case-receipt")) return *error;
  const pugi::xml_node node = document.child("case-receipt");
  std::string missing;
  CaseReceipt receipt;
  receipt.uuid = detail::requiredAttribute(node, "uuid", missing);
  const std::string version = detail::requiredAttribute(node, "version", missing);
  receipt.officialNo = detail::requiredAttribute(node, "official-no", missing);
  receipt.receivedAt = detail::requiredAttribute(node, "received-at", missing);
  receipt.state = detail::requiredAttribute(node, "state", missing);
  receipt.bodySha256 = detail::requiredAttribute(node, "body-sha256", missing);
  if (!missing.empty()) return malformedReply(response, "<case-receipt> has no '" + missing + "'");
  const auto parsedVersion = positive(version);
  if (!parsedVersion) return malformedReply(response, "case-receipt version '" + version + "'");
  receipt.version = *parsedVersion;
  receipt.created = response.status == 201;
  return receipt;
}

Result<ChangePage> parseChangePage(const HttpResponse& response) {
  if (!response.reachedServer() || response.status != 200) return errorFrom(response);
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "changes")) return *error;
  const pugi::xml_node root = document.child("changes");
  std::string missing;
  ChangePage page;
  page.next = detail::requiredAttribute(root, "next", missing);
  if (!missing.empty() || page.next.empty()) {
    return malformedReply(response, "<changes> has no 'next' cursor");
  }
  for (const pugi::xml_node node : root.children("change")) {
    Change change;
    const std::string seq = detail::requiredAttribute(node, "seq", missing);
    change.kind = detail::requiredAttribute(node, "kind", missing);
    change.caseUuid = detail::requiredAttribute(node, "case-uuid", missing);
    change.at = detail::requiredAttribute(node, "at", missing);
    if (!missing.empty()) return malformedReply(response, "a <change> has no '" + missing + "'");
    const auto parsedSeq = positive(seq);
    if (!parsedSeq) return malformedReply(response, "a <change> has seq '" + seq + "'");
    change.seq = *parsedSeq;
    change.officialNo = node.attribute("official-no").as_string();
    change.state = node.attribute("state").as_string();
    change.result = node.attribute("result").as_string();
    change.number = node.attribute("number").as_string();
    change.matterCode = node.attribute("matter-code").as_string();
    change.department = node.attribute("department").as_string();
    change.text = node.text().as_string();
    change.issuer = node.attribute("issuer").as_string();
    change.validUntil = node.attribute("valid-until").as_string();
    change.by = node.attribute("by").as_string();
    // Passed on as sent: an entry whose data cannot be printed is skipped by the sync engine,
    // which must not stop reading the feed for the entries after it.
    for (const pugi::xml_node field : node.children("field"))
      change.fields.emplace_back(field.attribute("name").as_string(), field.text().as_string());
    page.changes.push_back(std::move(change));
  }
  return page;
}

Result<Stored> parseStored(const HttpResponse& response) {
  if (!response.reachedServer()) return errorFrom(response);
  if (response.status == 201) return Stored::Created;
  if (response.status == 200) return Stored::AlreadyThere;
  return errorFrom(response);
}

std::string ratingBody(const Rating& rating) {
  pugi::xml_document document;
  pugi::xml_node node = document.append_child("rating");
  node.append_attribute("id").set_value(rating.id.c_str());
  node.append_attribute("case-uuid").set_value(rating.caseUuid.c_str());
  node.append_attribute("stage").set_value(rating.stage.c_str());
  node.append_attribute("label").set_value(rating.label.c_str());
  node.append_attribute("scale").set_value(rating.scale.c_str());
  node.append_attribute("level").set_value(rating.level);
  node.append_attribute("rated-at").set_value(rating.ratedAt.c_str());
  for (const std::string& reason : rating.reasons)
    node.append_child("reason").text().set(reason.c_str());
  if (!rating.comment.empty()) node.append_child("comment").text().set(rating.comment.c_str());
  return detail::serialise(document);
}

}  // namespace onewindow::api
