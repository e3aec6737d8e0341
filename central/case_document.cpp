#include "central/case_document.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <pugixml.hpp>

#include "central/wire_time.hpp"
#include "localdb/case_state.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {
namespace {

constexpr std::array kRequiredAttributes{"uuid",        "version",  "provisional-no",
                                         "window",      "clerk-id", "matter-code",
                                         "matter-name", "state",    "intake-at"};

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool isBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

CaseProblem problem(std::string message) { return CaseProblem{std::move(message)}; }

// An optional YYYYMMDD date attribute: absent is fine, anything else but a date is not.
bool readDate(pugi::xml_node node, const char* name, std::optional<forms::CivilDate>& out) {
  const pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) return true;
  out = forms::CivilDate::parseCompact(attribute.value());
  return out.has_value();
}

// One <document> of <documents> (API.md §4.5.2); `position` counts from 1 for the message.
std::variant<CaseIssuedDocument, CaseProblem> readIssuedDocument(pugi::xml_node node,
                                                                 std::size_t position) {
  CaseIssuedDocument document;
  document.number = node.attribute("number").value();
  const std::string which =
      "<document> " + std::to_string(position) + " (number '" + document.number + "')";
  document.kind = node.attribute("kind").value();
  if (isBlank(document.kind)) return problem(which + " needs a non-empty 'kind'");
  const auto issuedAt = parseWireTime(node.attribute("issued-at").value());
  if (!issuedAt) return problem(which + " has no valid 'issued-at' (a time YYYYMMDDThhmmss, UTC)");
  document.issuedAt = *issuedAt;
  document.sha256 = node.attribute("sha256").value();
  if (!localdb::isSha256Hex(document.sha256))
    return problem(which + " has no valid sha256 (64 lowercase hex digits)");
  const std::string_view sizeText = node.attribute("size").value();
  const auto [end, error] =
      std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), document.size);
  if (error != std::errc() || end != sizeText.data() + sizeText.size() || document.size == 0)
    return problem(which + " has no valid 'size' (a whole number of bytes > 0)");
  const pugi::xml_attribute reprint = node.attribute("reprint");
  const std::string_view reprintText = reprint.value();
  if (reprint && reprintText != "true" && reprintText != "false")
    return problem(which + " has 'reprint' '" + std::string(reprintText) +
                   "', which is neither true nor false");
  document.reprint = reprintText == "true";
  return document;
}

}  // namespace

std::vector<std::string> materialSha256s(const CaseDocument& document) {
  std::vector<std::string> all = document.pageSha256s;
  for (const CaseIssuedDocument& issued : document.documents) {
    if (std::find(all.begin(), all.end(), issued.sha256) == all.end()) all.push_back(issued.sha256);
  }
  return all;
}

bool isCanonicalUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !isHex(text[i])) return false;
  }
  return true;
}

std::variant<CaseDocument, CaseProblem> parseCaseDocument(std::string_view body,
                                                          std::string_view uuid, int version) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return problem(std::string("the case is not well-formed XML: ") + parsed.description() +
                   " at byte offset " + std::to_string(parsed.offset));
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "case") return problem("the root element must be <case>");
  for (const char* name : kRequiredAttributes) {
    if (isBlank(root.attribute(name).value())) {
      return problem(std::string("<case> needs a non-empty '") + name + "' attribute");
    }
  }

  CaseDocument result;
  result.uuid = root.attribute("uuid").value();
  if (result.uuid != uuid) {
    return problem("the case's uuid '" + result.uuid + "' is not the one in the path");
  }
  const std::string_view versionText = root.attribute("version").value();
  const auto [end, error] =
      std::from_chars(versionText.data(), versionText.data() + versionText.size(), result.version);
  if (error != std::errc() || end != versionText.data() + versionText.size() ||
      result.version != version) {
    return problem("the case's version '" + std::string(versionText) +
                   "' is not the one in the query (" + std::to_string(version) + ")");
  }
  result.state = root.attribute("state").value();
  const std::optional<localdb::CaseState> state = localdb::caseStateFromName(result.state);
  if (!state || *state == localdb::CaseState::Draft) {
    return problem("'" + result.state + "' is not a state a submitted case can be in");
  }
  result.matterCode = root.attribute("matter-code").value();
  result.matterName = root.attribute("matter-name").value();
  result.provisionalNo = root.attribute("provisional-no").value();
  const auto intakeAt = parseWireTime(root.attribute("intake-at").value());
  if (!intakeAt) return problem("'intake-at' must be a time YYYYMMDDThhmmss (UTC)");
  result.intakeAt = *intakeAt;
  if (!readDate(root, "promised-due", result.promisedDue))
    return problem("'promised-due' must be a date YYYYMMDD");
  if (!readDate(root, "legal-due", result.legalDue))
    return problem("'legal-due' must be a date YYYYMMDD");
  if (const pugi::xml_node form = root.child("form")) {
    result.formId = form.attribute("id").value();
    result.formVersion = form.attribute("version").value();
    result.formInstanceXml = form.text().get();
    if (form.attribute("revised-at")) {
      result.formRevisedAt = parseWireTime(form.attribute("revised-at").value());
      result.formRevisedAfter = form.attribute("revised-after").as_int(-1);
      if (!result.formRevisedAt || result.formRevisedAfter < 0) {
        return problem(
            "the form's 'revised-at' must be a time and 'revised-after' the number of "
            "decisions before the revision");
      }
    }
  }

  const pugi::xml_node applicant = root.child("applicant");
  if (!applicant || isBlank(applicant.attribute("name").value())) {
    return problem("the case needs an <applicant> with a non-empty name");
  }
  result.applicantName = applicant.attribute("name").value();
  result.applicantIdType = applicant.attribute("id-type").value();
  result.applicantIdNumber = applicant.attribute("id-number").value();
  for (const pugi::xml_node answer : root.child("scenario").children("answer")) {
    result.scenario.emplace_back(answer.attribute("question").value(),
                                 answer.attribute("value").value());
  }

  for (const pugi::xml_node slot : root.child("materials").children("slot")) {
    CaseSlotEntry entry;
    entry.key = slot.attribute("key").value();
    entry.name = slot.attribute("name").value();
    entry.mandatory = std::string_view(slot.attribute("mandatory").value()) == "true";
    const auto status = forms::materialStatusFromName(slot.attribute("status").value());
    if (!status) {
      return problem("slot '" + entry.key + "' has status '" + slot.attribute("status").value() +
                     "', which is not one of pending, received, elicence, gap, missing");
    }
    entry.status = *status;
    for (const pugi::xml_node page : slot.children("page")) {
      ++entry.pages;
      std::string sha256 = page.attribute("sha256").value();
      if (!localdb::isSha256Hex(sha256)) {
        return problem("a <page> of slot '" + std::string(slot.attribute("key").value()) +
                       "' has no valid sha256 (64 lowercase hex digits)");
      }
      if (std::find(result.pageSha256s.begin(), result.pageSha256s.end(), sha256) ==
          result.pageSha256s.end()) {
        result.pageSha256s.push_back(std::move(sha256));
      }
    }
    if (slot.attribute("supplied-at")) {
      entry.suppliedAt = parseWireTime(slot.attribute("supplied-at").value());
      const auto was = forms::materialStatusFromName(slot.attribute("was").value());
      const int after = slot.attribute("supplied-after").as_int(-1);
      if (!entry.suppliedAt || !was || forms::isSupplied(*was) || after < 1) {
        return problem("slot '" + entry.key +
                       "' needs 'supplied-at' as a time, 'was' as pending, gap or missing, and "
                       "'supplied-after' as the number of decisions before it (1 or more)");
      }
      entry.suppliedFrom = *was;
      entry.suppliedAfter = after;
    }
    result.slots.push_back(std::move(entry));
  }

  for (const pugi::xml_node node : root.child("decisions").children("decision")) {
    CaseDecisionEntry decision;
    const auto kind = forms::decisionKindFromName(node.attribute("kind").value());
    if (!kind) {
      return problem(std::string("a decision's kind '") + node.attribute("kind").value() +
                     "' is not one of accept, accept_with_gaps, correction_notice, refuse");
    }
    decision.kind = *kind;
    const auto decidedAt = parseWireTime(node.attribute("decided-at").value());
    if (!decidedAt) return problem("a decision's 'decided-at' must be a time YYYYMMDDThhmmss");
    decision.decidedAt = *decidedAt;
    decision.grounds = node.attribute("grounds").value();
    if (!readDate(node, "gap-deadline", decision.gapDeadline))
      return problem("a decision's 'gap-deadline' must be a date YYYYMMDD");
    decision.commitmentSigned =
        std::string_view(node.attribute("commitment-signed").value()) == "true";
    result.decisions.push_back(std::move(decision));
  }

  std::size_t position = 0;
  for (const pugi::xml_node node : root.child("documents").children("document")) {
    auto issued = readIssuedDocument(node, ++position);
    if (auto* bad = std::get_if<CaseProblem>(&issued)) return std::move(*bad);
    result.documents.push_back(std::move(std::get<CaseIssuedDocument>(issued)));
  }
  for (const pugi::xml_node node : root.child("events").children("event")) {
    CaseEventEntry event;
    event.kind = node.attribute("kind").value();
    if (event.kind != "withdrawal" && event.kind != "void" && event.kind != "handover" &&
        event.kind != "posting") {
      return problem("an event's kind '" + event.kind +
                     "' is not withdrawal, void, handover or posting");
    }
    const auto at = parseWireTime(node.attribute("at").value());
    if (!at) return problem("an event's 'at' must be a time YYYYMMDDThhmmss");
    event.at = *at;
    event.clerkId = node.attribute("clerk-id").value();
    event.reason = node.attribute("reason").value();
    event.collectorName = node.attribute("collector-name").value();
    event.collectorIdType = node.attribute("collector-id-type").value();
    event.collectorIdNumber = node.attribute("collector-id-number").value();
    event.authorised = std::string_view(node.attribute("authorised").value()) == "true";
    event.idChecked = std::string_view(node.attribute("id-checked").value()) == "true";
    for (const pugi::xml_node handed : node.children("document"))
      event.documents.emplace_back(handed.attribute("number").value());
    event.carrier = node.attribute("carrier").value();
    event.trackingNo = node.attribute("tracking-no").value();
    result.events.push_back(std::move(event));
  }
  return result;
}

}  // namespace onewindow::central
