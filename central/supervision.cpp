#include "central/supervision.hpp"

#include <pugixml.hpp>

#include "central/api_error_codes.hpp"
#include "central/case_records.hpp"
#include "central/change_feed.hpp"
#include "central/route_support.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

RequestProblem problem(std::string_view code, std::string message) {
  return RequestProblem{400, std::string(code), std::move(message)};
}

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// Code points of well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF); nothing
// when the bytes are not UTF-8: the text goes on to a station's feed, which must stay readable.
std::optional<std::size_t> utf8CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    char32_t value = lead;
    if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      value = lead & 0x07U;
    } else if (lead >= 0xE0) {
      length = 3;
      value = lead & 0x0FU;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      value = lead & 0x1FU;
    } else if (lead >= 0x80) {
      return std::nullopt;
    }
    if (lead > 0xF4 || i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) return std::nullopt;
      value = (value << 6U) | (next & 0x3FU);
    }
    if ((length == 3 && (value < 0x800 || (value >= 0xD800 && value <= 0xDFFF))) ||
        (length == 4 && (value < 0x10000 || value > 0x10FFFF)))
      return std::nullopt;
    i += length;
  }
  return count;
}

}  // namespace

std::variant<SupervisionRequest, RequestProblem> parseSupervisionRequest(std::string_view body) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return problem(error_code::kMalformedXml, std::string("the request body is not well-formed "
                                                          "XML: ") +
                                                  parsed.description() + " at byte offset " +
                                                  std::to_string(parsed.offset));
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "supervision") {
    const std::string found = root ? std::string("<") + root.name() + ">" : "an empty document";
    return problem(error_code::kWrongDocument, "expected a <supervision> document, got " + found);
  }
  SupervisionRequest request;
  const std::string_view action = trimmed(root.attribute("action").value());
  if (action.empty()) {
    return problem(error_code::kMissingField,
                   "<supervision> needs an 'action' attribute: mark or lift");
  }
  if (action == "lift") {
    request.action = SupervisionAction::Lift;
  } else if (action != "mark") {
    const std::string got = action.size() <= 32 ? "'" + std::string(action) + "'"
                                                : std::to_string(action.size()) + " bytes";
    return problem(error_code::kInvalidField,
                   "the 'action' of <supervision> must be mark or lift, got " + got);
  }
  const char* field = request.action == SupervisionAction::Mark
                          ? "the note (the text of <supervision action=\"mark\">)"
                          : "the reason (the text of <supervision action=\"lift\">)";
  std::string text;
  for (const pugi::xml_node child : root.children()) {
    if (child.type() == pugi::node_element) {
      return problem(error_code::kInvalidField,
                     std::string(field) + " must be plain text, without elements");
    }
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      text += child.value();
  }
  request.text = trimmed(text);
  if (request.text.empty()) {
    return problem(error_code::kMissingField, std::string(field) + " is empty; it is required");
  }
  const std::optional<std::size_t> characters = utf8CodePoints(request.text);
  if (!characters) {
    return problem(error_code::kInvalidField, std::string(field) + " is not UTF-8");
  }
  if (*characters > kMaxSupervisionTextChars) {
    return problem(error_code::kInvalidField, std::string(field) + " may have at most " +
                                                  std::to_string(kMaxSupervisionTextChars) +
                                                  " characters, got " +
                                                  std::to_string(*characters));
  }
  return request;
}

std::optional<SupervisionMark> findSupervisionMark(sql::Connection& db,
                                                   const std::string& caseUuid) {
  sql::Statement query =
      db.prepare("SELECT note, marked_by, marked_at FROM supervision_marks WHERE case_uuid = ?1");
  query.bind(1, caseUuid);
  if (!query.step()) return std::nullopt;
  return SupervisionMark{query.columnText(0), query.columnText(1),
                         fromUnixSeconds(query.columnInt(2))};
}

namespace {

std::int64_t latestSupervisionSeq(sql::Connection& db, const std::string& caseUuid) {
  sql::Statement query = db.prepare(
      "SELECT coalesce(max(seq), 0) FROM changes WHERE case_uuid = ?1 AND kind = 'supervision'");
  query.bind(1, caseUuid);
  return query.step() ? query.columnInt(0) : 0;
}

}  // namespace

SupervisionResult applySupervision(sql::Connection& db, const std::string& caseUuid,
                                   const SupervisionRequest& request,
                                   const std::string& supervisorId, std::chrono::sys_seconds now) {
  SupervisionResult result;
  sql::Transaction transaction(db);
  const std::optional<CaseSummary> summary = findCase(db, caseUuid);
  if (!summary) return result;
  result.station = summary->station;
  const std::optional<SupervisionMark> current = findSupervisionMark(db, caseUuid);
  const bool mark = request.action == SupervisionAction::Mark;
  // A repeat answers with what central holds: the mark as first set (its supervisor and time),
  // or, with no mark to lift, this request's supervisor and time.
  if (mark && current && current->note == request.text) {
    result.outcome = SupervisionOutcome::Unchanged;
    result.state = {caseUuid,          true,          current->markedBy,
                    current->markedAt, current->note, latestSupervisionSeq(db, caseUuid)};
    return result;
  }
  if (!mark && !current) {
    result.outcome = SupervisionOutcome::Unchanged;
    result.state = {caseUuid, false,        supervisorId,
                    now,      request.text, latestSupervisionSeq(db, caseUuid)};
    return result;
  }
  if (mark) {
    db.prepare(
          "INSERT INTO supervision_marks (case_uuid, note, marked_by, marked_at) "
          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (case_uuid) DO UPDATE SET note = excluded.note, "
          "marked_by = excluded.marked_by, marked_at = excluded.marked_at")
        .bind(1, caseUuid)
        .bind(2, request.text)
        .bind(3, supervisorId)
        .bind(4, toUnixSeconds(now))
        .run();
  } else {
    db.prepare("DELETE FROM supervision_marks WHERE case_uuid = ?1").bind(1, caseUuid).run();
  }
  Change change;
  change.station = summary->station;
  change.caseUuid = caseUuid;
  change.kind = "supervision";
  change.state = mark ? "marked" : "lifted";
  change.note = request.text;
  change.actor = supervisorId;
  change.at = now;
  // The change's seq also moves the version of central's cases, so the ETag of §4.12 changes.
  const std::int64_t seq = appendChange(db, change);
  transaction.commit();
  result.outcome = SupervisionOutcome::Changed;
  result.state = {caseUuid, mark, supervisorId, now, request.text, seq};
  return result;
}

std::string supervisionXml(const SupervisionState& state) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("supervision");
  root.append_attribute("case-uuid").set_value(state.caseUuid.c_str());
  root.append_attribute("state").set_value(state.marked ? "marked" : "lifted");
  root.append_attribute("by").set_value(state.by.c_str());
  root.append_attribute("at").set_value(formatWireTime(state.at).c_str());
  root.append_attribute("seq").set_value(std::to_string(state.seq).c_str());
  root.text().set(state.text.c_str());
  return toXmlText(document);
}

}  // namespace onewindow::central
