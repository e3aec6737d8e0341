#pragma once
// 好差评 ratings (central/API.md §4.8): parsed and stored idempotently on their id.

#include <chrono>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace onewindow::central {

class CentralStore;

struct Rating {
  std::string id;
  std::string caseUuid;
  std::string stage;  // acceptance | completion | visit
  std::string label;  // one of the five levels of the domain reference
  std::string scale;  // gb (1 = very satisfied) | device (5 = very satisfied)
  int level = 0;
  std::string ratedAt;
  std::vector<std::string> reasons;  // <reason> children: the ticked reasons
  std::string comment;               // <comment>: the applicant's text
};

struct RatingProblem {
  std::string message;
};

[[nodiscard]] std::variant<Rating, RatingProblem> parseRating(std::string_view body);

enum class RatingOutcome { Created, Repeated, Conflict };

RatingOutcome storeRating(CentralStore& store, const Rating& rating, std::string_view body,
                          const std::string& station, std::chrono::sys_seconds now);

}  // namespace onewindow::central
