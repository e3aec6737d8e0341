#include "central/ratings.hpp"

#include <array>
#include <span>

#include <pugixml.hpp>

#include "central/case_document.hpp"
#include "central/central_store.hpp"
#include "central/route_support.hpp"
#include "forms/satisfaction.hpp"
#include "forms/second_visit_rules.hpp"
#include "localdb/second_visit.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {
namespace {

bool isOneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (const std::string_view candidate : allowed) {
    if (candidate == value) return true;
  }
  return false;
}

}  // namespace

std::variant<Rating, RatingProblem> parseRating(std::string_view body) {
  pugi::xml_document document;
  if (!document.load_buffer(body.data(), body.size())) {
    return RatingProblem{"the rating is not well-formed XML"};
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "rating") {
    return RatingProblem{"the root element must be <rating>"};
  }
  Rating rating{root.attribute("id").value(),      root.attribute("case-uuid").value(),
                root.attribute("stage").value(),   root.attribute("label").value(),
                root.attribute("scale").value(),   root.attribute("level").as_int(0),
                root.attribute("rated-at").value()};
  if (!isCanonicalUuid(rating.id)) return RatingProblem{"the rating's id must be a UUID"};
  if (!isCanonicalUuid(rating.caseUuid)) return RatingProblem{"case-uuid must be a UUID"};
  if (!isOneOf(rating.stage, {"acceptance", "completion", "visit"})) {
    return RatingProblem{"stage must be acceptance, completion or visit"};
  }
  if (!isOneOf(rating.scale, {"gb", "device"})) return RatingProblem{"scale must be gb or device"};
  if (rating.level < 1 || rating.level > 5) return RatingProblem{"level must be 1 to 5"};
  const std::optional<int> gbLevel = forms::satisfactionGbLevel(rating.label);
  if (!gbLevel) return RatingProblem{"label must be one of the five satisfaction levels"};
  const int expected = rating.scale == "gb" ? *gbLevel : 6 - *gbLevel;
  if (rating.level != expected) {
    return RatingProblem{"level " + std::to_string(rating.level) + " does not match label " +
                         rating.label + " on scale " + rating.scale};
  }
  if (rating.ratedAt.empty()) return RatingProblem{"rated-at is required"};
  for (const pugi::xml_node reason : root.children("reason"))
    rating.reasons.emplace_back(reason.text().get());
  rating.comment = root.child("comment").text().get();
  // The window's rule, checked again: a bad rating says why.
  if (const auto problems = forms::checkRating(rating.label, rating.reasons, rating.comment);
      !problems.empty())
    return RatingProblem{problems.front().message};
  return rating;
}

RatingOutcome storeRating(CentralStore& store, const Rating& rating, std::string_view body,
                          const std::string& station, std::chrono::sys_seconds now) {
  const std::string bodySha256 =
      localdb::sha256Hex(std::as_bytes(std::span(body.data(), body.size())));
  return store.withDatabase([&](sql::Connection& db) {
    sql::Transaction transaction(db);
    sql::Statement existing = db.prepare("SELECT body_sha256 FROM ratings WHERE rating_id = ?1");
    existing.bind(1, rating.id);
    if (existing.step()) {
      return existing.columnText(0) == bodySha256 ? RatingOutcome::Repeated
                                                  : RatingOutcome::Conflict;
    }
    db.prepare(
          "INSERT INTO ratings (rating_id, station_id, case_uuid, stage, label, scale, level, "
          "rated_at, body_sha256, received_at, reasons, comment) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
        .bind(1, rating.id)
        .bind(2, station)
        .bind(3, rating.caseUuid)
        .bind(4, rating.stage)
        .bind(5, rating.label)
        .bind(6, rating.scale)
        .bind(7, rating.level)
        .bind(8, rating.ratedAt)
        .bind(9, bodySha256)
        .bind(10, toUnixSeconds(now))
        .bind(11, localdb::joinLines(rating.reasons))
        .bind(12, rating.comment)
        .run();
    transaction.commit();
    return RatingOutcome::Created;
  });
}

}  // namespace onewindow::central
