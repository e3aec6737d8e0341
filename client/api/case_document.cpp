#include "client/api/case_document.hpp"

#include <chrono>
#include <cstdio>
#include <sstream>

#include <pugixml.hpp>

namespace onewindow::api {
namespace {

// Reads `count` decimal digits at `position`; false when any is not a digit.
bool digits(std::string_view text, std::size_t position, std::size_t count, int& value) {
  if (position + count > text.size()) return false;
  value = 0;
  for (std::size_t i = position; i < position + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool allDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool validDate(int year, int month, int day) {
  return std::chrono::year_month_day(std::chrono::year(year),
                                     std::chrono::month(static_cast<unsigned>(month)),
                                     std::chrono::day(static_cast<unsigned>(day)))
      .ok();
}

std::string formatWire(std::chrono::sys_seconds time) {
  const auto days = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date(days);
  const std::chrono::hh_mm_ss clock(time - days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02d%02d%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

std::string timeOrAsIs(const std::string& value) {
  if (value.empty()) return value;
  return wireTimeFromIso(value).value_or(value);
}

std::string dateOrAsIs(const std::string& value) {
  if (value.empty()) return value;
  if (auto date = wireDateFromIso(value)) return *date;
  return wireTimeFromIso(value).value_or(value);
}

void setOptional(pugi::xml_node node, const char* name, const std::string& value) {
  if (!value.empty()) node.append_attribute(name).set_value(value.c_str());
}

void set(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name).set_value(value.c_str());
}

}  // namespace

std::optional<std::string> isoFromWireTime(std::string_view wire) {
  const std::optional<std::string> compact = wireTimeFromIso(wire);
  if (!compact) return std::nullopt;
  const std::string& w = *compact;
  return w.substr(0, 4) + "-" + w.substr(4, 2) + "-" + w.substr(6, 2) + "T" + w.substr(9, 2) + ":" +
         w.substr(11, 2) + ":" + w.substr(13, 2) + "Z";
}

std::optional<std::string> wireTimeFromIso(std::string_view iso) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (iso.size() == 15 && iso[8] == 'T' && allDigits(iso.substr(0, 8)) &&
      allDigits(iso.substr(9))) {
    digits(iso, 0, 4, year);
    digits(iso, 4, 2, month);
    digits(iso, 6, 2, day);
    digits(iso, 9, 2, hour);
    digits(iso, 11, 2, minute);
    digits(iso, 13, 2, second);
    if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
      return std::nullopt;
    }
    return std::string(iso);
  }
  if (iso.size() < 19 || iso[4] != '-' || iso[7] != '-' || (iso[10] != 'T' && iso[10] != ' ') ||
      iso[13] != ':' || iso[16] != ':') {
    return std::nullopt;
  }
  if (!digits(iso, 0, 4, year) || !digits(iso, 5, 2, month) || !digits(iso, 8, 2, day) ||
      !digits(iso, 11, 2, hour) || !digits(iso, 14, 2, minute) || !digits(iso, 17, 2, second)) {
    return std::nullopt;
  }
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  std::string_view rest = iso.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    std::size_t end = 1;
    while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9') ++end;
    if (end == 1) return std::nullopt;
    rest.remove_prefix(end);
  }
  int offsetMinutes = 0;
  if (rest == "Z" || rest.empty()) {
    offsetMinutes = 0;
  } else if ((rest.front() == '+' || rest.front() == '-') &&
             (rest.size() == 6 || rest.size() == 5)) {
    int offsetHours = 0, offsetMins = 0;
    const std::size_t minutesAt = rest.size() == 6 ? 4 : 3;
    if (!digits(rest, 1, 2, offsetHours) || (rest.size() == 6 && rest[3] != ':') ||
        !digits(rest, minutesAt, 2, offsetMins) || offsetHours > 23 || offsetMins > 59) {
      return std::nullopt;
    }
    offsetMinutes = (offsetHours * 60 + offsetMins) * (rest.front() == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const std::chrono::sys_days date = std::chrono::year_month_day(
      std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
      std::chrono::day(static_cast<unsigned>(day)));
  const std::chrono::sys_seconds local =
      date + std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second);
  return formatWire(local - std::chrono::minutes(offsetMinutes));
}

std::optional<std::string> wireDateFromIso(std::string_view iso) {
  int year = 0, month = 0, day = 0;
  if (iso.size() == 8 && digits(iso, 0, 4, year) && digits(iso, 4, 2, month) &&
      digits(iso, 6, 2, day)) {
    if (!validDate(year, month, day)) return std::nullopt;
    return std::string(iso);
  }
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(iso, 0, 4, year) ||
      !digits(iso, 5, 2, month) || !digits(iso, 8, 2, day) || !validDate(year, month, day)) {
    return std::nullopt;
  }
  return std::string(iso.substr(0, 4)) + std::string(iso.substr(5, 2)) +
         std::string(iso.substr(8, 2));
}

std::string toXml(const CaseDocument& document) {
  pugi::xml_document xml;
  pugi::xml_node declaration = xml.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");

  pugi::xml_node root = xml.append_child("case");
  set(root, "uuid", document.uuid);
  set(root, "version", std::to_string(document.version));
  set(root, "provisional-no", document.provisionalNo);
  set(root, "window", document.window);
  set(root, "clerk-id", document.clerkId);
  set(root, "matter-code", document.matterCode);
  set(root, "matter-name", document.matterName);
  set(root, "state", document.state);
  set(root, "intake-at", timeOrAsIs(document.intakeAt));
  setOptional(root, "accepted-at", timeOrAsIs(document.acceptedAt));
  setOptional(root, "promised-due", dateOrAsIs(document.promisedDue));
  setOptional(root, "legal-due", dateOrAsIs(document.legalDue));

  pugi::xml_node applicant = root.append_child("applicant");
  set(applicant, "name", document.applicant.name);
  set(applicant, "id-type", document.applicant.idType);
  set(applicant, "id-number", document.applicant.idNumber);

  if (!document.scenario.empty()) {
    pugi::xml_node scenario = root.append_child("scenario");
    for (const CaseScenarioAnswer& chosen : document.scenario) {
      pugi::xml_node node = scenario.append_child("answer");
      set(node, "question", chosen.question);
      set(node, "value", chosen.answer);
    }
  }

  if (!document.form.id.empty()) {
    pugi::xml_node form = root.append_child("form");
    set(form, "id", document.form.id);
    set(form, "version", document.form.version);
    if (!document.form.revisedAt.empty()) {
      set(form, "revised-at", timeOrAsIs(document.form.revisedAt));
      set(form, "revised-after", std::to_string(document.form.revisedAfter));
    }
    // pugixml splits a "]]>" inside the instance into two CDATA sections, so any text is safe.
    form.append_child(pugi::node_cdata).set_value(document.form.instanceXml.c_str());
  }

  pugi::xml_node materials = root.append_child("materials");
  for (const CaseSlot& slot : document.slots) {
    pugi::xml_node node = materials.append_child("slot");
    set(node, "key", slot.key);
    set(node, "name", slot.name);
    set(node, "mandatory", slot.mandatory ? "true" : "false");
    set(node, "status", slot.status);
    set(node, "originals", std::to_string(slot.originals));
    set(node, "copies", std::to_string(slot.copies));
    if (!slot.suppliedAt.empty()) {
      set(node, "supplied-at", timeOrAsIs(slot.suppliedAt));
      set(node, "was", slot.was);
      set(node, "supplied-after", std::to_string(slot.suppliedAfter));
    }
    for (const CasePage& page : slot.pages) {
      pugi::xml_node pageNode = node.append_child("page");
      set(pageNode, "sha256", page.sha256);
      set(pageNode, "size", std::to_string(page.size));
    }
  }

  pugi::xml_node decisions = root.append_child("decisions");
  for (const CaseDecision& decision : document.decisions) {
    pugi::xml_node node = decisions.append_child("decision");
    set(node, "kind", decision.kind);
    set(node, "decided-at", timeOrAsIs(decision.decidedAt));
    set(node, "clerk-id", decision.clerkId);
    setOptional(node, "grounds", decision.grounds);
    setOptional(node, "legal-basis", decision.legalBasis);
    setOptional(node, "gap-deadline", dateOrAsIs(decision.gapDeadline));
    if (decision.commitmentSigned) set(node, "commitment-signed", "true");
  }

  // Left out when empty, so the body of a case without documents is what it was before.
  if (!document.documents.empty()) {
    pugi::xml_node documents = root.append_child("documents");
    for (const CaseIssuedDocument& issued : document.documents) {
      pugi::xml_node node = documents.append_child("document");
      set(node, "kind", issued.kind);
      set(node, "number", issued.number);
      set(node, "issued-at", timeOrAsIs(issued.issuedAt));
      set(node, "sha256", issued.sha256);
      set(node, "size", std::to_string(issued.size));
      set(node, "reprint", issued.reprint ? "true" : "false");
    }
  }

  if (!document.events.empty()) {
    pugi::xml_node events = root.append_child("events");
    for (const CaseEvent& event : document.events) {
      pugi::xml_node node = events.append_child("event");
      set(node, "kind", event.kind);
      set(node, "at", timeOrAsIs(event.at));
      set(node, "clerk-id", event.clerkId);
      setOptional(node, "reason", event.reason);
      setOptional(node, "collector-name", event.collectorName);
      setOptional(node, "collector-id-type", event.collectorIdType);
      setOptional(node, "collector-id-number", event.collectorIdNumber);
      if (event.kind == "handover") {
        set(node, "authorised", event.authorised ? "true" : "false");
        set(node, "id-checked", event.idChecked ? "true" : "false");
      }
      setOptional(node, "carrier", event.carrier);
      setOptional(node, "tracking-no", event.trackingNo);
      for (const std::string& number : event.documents)
        set(node.append_child("document"), "number", number);
    }
  }

  std::ostringstream out;
  xml.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

}  // namespace onewindow::api
