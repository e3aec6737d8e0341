// distance() and area() over ODK geo values: a geopoint is "lat lon [alt [acc]]", a geotrace
// or geoshape is geopoints separated by ';'. As in ODK Collect (JavaRosa) the Earth is a
// sphere whose radius gives the equatorial circumference, and altitudes are ignored:
//   - distance: the sum of the great-circle distances between each point and the next
//     (haversine form, numerically steady for points metres apart);
//   - area: the polygon projected onto a plane around its first point (x scaled by the cosine
//     of each point's latitude), then the shoelace formula; good for fields and plots, not for
//     continents.

#include <charconv>
#include <cmath>
#include <numbers>
#include <string_view>
#include <vector>

#include "forms/expr_functions.hpp"
#include "forms/expr_nodes.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr::functions {
namespace {

constexpr double kEarthRadiusMetres = 6'378'100;  // JavaRosa's, to give Collect's figures
constexpr double kRadiansPerDegree = std::numbers::pi / 180;

struct LatLon {
  double latitude;
  double longitude;
};

// One geopoint; EvalError naming the function when it is not one.
LatLon parsePoint(std::string_view text, std::string_view function) {
  std::vector<double> numbers;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text::isXPathSpace(text[at])) ++at;
    const std::size_t start = at;
    while (at < text.size() && !text::isXPathSpace(text[at])) ++at;
    if (at == start) break;
    double number = 0;
    const auto [stop, error] = std::from_chars(text.data() + start, text.data() + at, number);
    if (error != std::errc{} || stop != text.data() + at || !std::isfinite(number)) {
      numbers.clear();
      break;
    }
    numbers.push_back(number);
  }
  if (numbers.size() < 2 || numbers.size() > 4 || numbers[0] < -90 || numbers[0] > 90 ||
      numbers[1] < -180 || numbers[1] > 180) {
    throw EvalError(std::string(function) + "(): '" + std::string(text) +
                    "' is not a point (latitude longitude [altitude [accuracy]])");
  }
  return LatLon{numbers[0], numbers[1]};
}

void appendPoints(std::string_view value, std::string_view function, std::vector<LatLon>& out) {
  std::size_t at = 0;
  while (at <= value.size()) {
    const std::size_t end = std::min(value.find(';', at), value.size());
    const std::string_view point = text::trimXPathSpace(value.substr(at, end - at));
    if (!point.empty()) out.push_back(parsePoint(point, function));
    at = end + 1;
  }
}

// The points of the argument: one geotrace or geoshape value, or a node-set of geopoints (in
// document order; an unanswered one is skipped).
std::vector<LatLon> pointsOf(const CallContext& call) {
  std::vector<LatLon> points;
  const Value argument = call.value(0);
  if (argument.isNodes()) {
    for (const auto& node : argument.nodes()) appendPoints(stringValue(node), call.name(), points);
  } else {
    appendPoints(argument.toString(), call.name(), points);
  }
  return points;
}

double greatCircleMetres(const LatLon& a, const LatLon& b) {
  const double phi1 = a.latitude * kRadiansPerDegree;
  const double phi2 = b.latitude * kRadiansPerDegree;
  const double halfDeltaPhi = (phi2 - phi1) / 2;
  const double halfDeltaLambda = (b.longitude - a.longitude) * kRadiansPerDegree / 2;
  const double h =
      std::sin(halfDeltaPhi) * std::sin(halfDeltaPhi) +
      std::cos(phi1) * std::cos(phi2) * std::sin(halfDeltaLambda) * std::sin(halfDeltaLambda);
  return 2 * kEarthRadiusMetres * std::asin(std::sqrt(std::min(1.0, h)));
}

}  // namespace

Value distance(const CallContext& call) {
  const auto points = pointsOf(call);
  double total = 0;
  for (std::size_t i = 1; i < points.size(); ++i)
    total += greatCircleMetres(points[i - 1], points[i]);
  return Value::ofNumber(total);
}

Value area(const CallContext& call) {
  const auto points = pointsOf(call);
  if (points.size() < 3) return Value::ofNumber(0);
  // Metres east and north of the first point; the shoelace sum over the triangles it fans.
  const double metresPerDegree = kEarthRadiusMetres * kRadiansPerDegree;
  auto project = [&](const LatLon& p) {
    return std::pair{(p.longitude - points[0].longitude) * metresPerDegree *
                         std::cos(p.latitude * kRadiansPerDegree),
                     (p.latitude - points[0].latitude) * metresPerDegree};
  };
  double twiceArea = 0;
  auto previous = project(points[1]);
  for (std::size_t i = 2; i < points.size(); ++i) {
    const auto next = project(points[i]);
    twiceArea += previous.second * next.first - previous.first * next.second;
    previous = next;
  }
  return Value::ofNumber(std::fabs(twiceArea) / 2);
}

}  // namespace onewindow::forms::expr::functions
