// The figures' formulas (domain reference, "Supervisor figures") over a hand-made data set whose
// expected values are worked out below from the formulas, and the CSV export.

#include <cmath>

#include <catch2/catch.hpp>

#include "client/engine/figure_charts.hpp"
#include "client/engine/figures.hpp"

using namespace onewindow;
using namespace onewindow::engine;
using forms::CivilDate;

namespace {

// 1–7 October is a holiday, 10 October a make-up workday (as in the sample catalog).
const forms::WorkingCalendar& calendar() {
  static const forms::WorkingCalendar kCalendar(
      "cn", {{CivilDate{2026, 10, 1}, CivilDate{2026, 10, 7}, {"国庆节", "National Day"}}},
      {{CivilDate{2026, 10, 10}, {"国庆节调休上班", "make-up workday"}}});
  return kCalendar;
}

// China noon of a date, as the store writes times (UTC).
std::string noon(const std::string& date) { return date + "T04:00:00Z"; }

localdb::FigureCase figureCase(const std::string& window, const std::string& clerk,
                               const std::string& matter, const std::string& intake,
                               const std::string& accepted, const std::string& decided,
                               const std::string& promised, const std::string& legal) {
  return {window,
          clerk,
          matter,
          matter == "M1" ? "营业执照" : "残疾人证",
          decided.empty() ? "accepted" : "decided",
          noon(intake),
          accepted.empty() ? "" : noon(accepted),
          decided.empty() ? "" : noon(decided),
          promised,
          legal};
}

FigureInput octoberInput() {
  FigureInput input;
  input.period = FigurePeriod::ThisMonth;
  input.grouping = FigureGrouping::Window;
  input.from = {2026, 10, 1};
  input.to = {2026, 10, 31};
  input.calendarOf = [](const std::string&, CivilDate) { return &calendar(); };
  input.cases = {
      // W01: A decided on its intake day; B decided two working days late against its promise.
      figureCase("W01", "c1", "M1", "2026-10-08", "2026-10-08", "2026-10-08", "2026-10-12",
                 "2026-10-22"),
      figureCase("W01", "c1", "M1", "2026-10-08", "2026-10-08", "2026-10-15", "2026-10-13",
                 "2026-10-22"),
      // W01: C never accepted (a correction notice), not decided.
      figureCase("W01", "c2", "M2", "2026-10-09", "", "", "", ""),
      // W02: D accepted and decided within its promise; E accepted, still running.
      figureCase("W02", "c3", "M2", "2026-10-12", "2026-10-12", "2026-10-14", "2026-10-26",
                 "2026-10-26"),
      figureCase("W02", "c3", "M2", "2026-10-13", "2026-10-13", "", "2026-10-27", "2026-10-27"),
  };
  input.ratings = {
      {"W01", "c1", "M1", "营业执照", "非常满意"},   {"W01", "c1", "M1", "营业执照", "不满意"},
      {"W02", "c3", "M2", "残疾人证", "基本满意"},   {"W02", "c3", "M2", "残疾人证", "满意"},
      {"W02", "c3", "M2", "残疾人证", "非常不满意"},
  };
  return input;
}

}  // namespace

TEST_CASE("the figures follow the domain formulas by window, with the total", "[engine][figures]") {
  const FigureTable table = computeFigures(octoberInput());
  REQUIRE(table.rows.size() == 2);
  const FigureRow& w01 = table.rows[0];
  const FigureRow& w02 = table.rows[1];
  CHECK(w01.group == "W01");
  CHECK(w02.group == "W02");
  enum { kAccepted, kOnTheSpot, kOverdue, kSpeedUp, kGood };

  // Accepted: W01 A, B; W02 D, E.
  CHECK(w01.values[kAccepted].value == 2);
  CHECK(w02.values[kAccepted].value == 2);
  CHECK(table.total.values[kAccepted].value == 4);
  // On the spot: decided on the intake day ÷ accepted. W01: A of A, B = 1/2; W02: 0/2.
  CHECK(*w01.values[kOnTheSpot].value == Approx(1.0 / 2));
  CHECK(*w02.values[kOnTheSpot].value == Approx(0.0));
  CHECK(*table.total.values[kOnTheSpot].value == Approx(1.0 / 4));
  // Overdue: decided after the promised date ÷ decided. W01: B (15th > 13th) of A, B; W02: 0/1.
  CHECK(*w01.values[kOverdue].value == Approx(1.0 / 2));
  CHECK(*w02.values[kOverdue].value == Approx(0.0));
  CHECK(*table.total.values[kOverdue].value == Approx(1.0 / 3));
  // Speed-up: mean of (legal − actual) ÷ legal in working days from intake.
  //   A: 8 Oct → legal 22 Oct = 9, 10, 12..16, 19..22 = 11 working days; actual 0 → 11/11 = 1.
  //   B: legal 11; actual 8 → 15 Oct = 9, 10, 12, 13, 14, 15 = 6 → 5/11.
  //   D: 12 Oct → legal 26 Oct = 13..16, 19..23, 26 = 10; actual 12 → 14 = 2 → 8/10.
  const double a = 1.0, b = 5.0 / 11, d = 8.0 / 10;
  CHECK(*w01.values[kSpeedUp].value == Approx((a + b) / 2));
  CHECK(*w02.values[kSpeedUp].value == Approx(d));
  CHECK(*table.total.values[kSpeedUp].value == Approx((a + b + d) / 3));
  // Good ratings: 基本满意 and above ÷ ratings. W01 1/2, W02 2/3, total 3/5.
  CHECK(*w01.values[kGood].value == Approx(1.0 / 2));
  CHECK(*w02.values[kGood].value == Approx(2.0 / 3));
  CHECK(*table.total.values[kGood].value == Approx(3.0 / 5));
  CHECK(table.total.values[kGood].numerator == 3);
  CHECK(table.total.values[kGood].denominator == 5);

  // Day by day for the line chart: 31 days; the 8th with two accepted and A decided; B is
  // decided, late, on its own day, the 15th.
  REQUIRE(table.days.size() == 31);
  CHECK(table.days[7].date == "2026-10-08");
  CHECK(table.days[7].accepted == 2);
  CHECK(table.days[7].decided == 1);
  CHECK(table.days[7].decidedLate == 0);
  CHECK(table.days[14].date == "2026-10-15");
  CHECK(table.days[14].decided == 1);
  CHECK(table.days[14].decidedLate == 1);
  for (const FigureDefinition& definition : table.definitions)
    CHECK_FALSE(definition.formula.empty());
}

TEST_CASE("a case counts in the period of each of its days: taken in before, decided within",
          "[engine][figures]") {
  FigureInput input = octoberInput();
  input.ratings.clear();
  // Taken in on 28 September, decided on 9 October, a day after its promised date: October's
  // overdue and speed-up figures count it, October's acceptances do not.
  input.cases = {figureCase("W01", "c1", "M1", "2026-09-28", "2026-09-28", "2026-10-09",
                            "2026-10-08", "2026-10-20")};
  const FigureTable october = computeFigures(input);
  CHECK(october.total.values[0].value == 0);             // accepted in October
  CHECK_FALSE(october.total.values[1].value);            // nothing accepted to be on the spot
  CHECK(*october.total.values[2].value == Approx(1.0));  // one decided, late
  // 28 Sep → legal 20 Oct: 29, 30 Sep, 8, 9, 10 (make-up), 12..16, 19, 20 = 12; actual to 9 Oct
  // = 4.
  CHECK(*october.total.values[3].value == Approx((12.0 - 4) / 12));
  CHECK(october.days[8].decidedLate == 1);
  // September counts its acceptance and not the decision.
  input.from = {2026, 9, 1};
  input.to = {2026, 9, 30};
  const FigureTable september = computeFigures(input);
  CHECK(september.total.values[0].value == 1);
  CHECK_FALSE(september.total.values[2].value);
}

TEST_CASE("the formulas are configurable and each figure states the one it used",
          "[engine][figures]") {
  FigureInput input = octoberInput();
  input.grouping = FigureGrouping::Matter;
  input.formulas.goodRatingFloor = "满意";
  input.formulas.overdueAgainstLegalLimit = true;
  const FigureTable table = computeFigures(input);
  CHECK_THAT(table.definitions[4].formula, Catch::Contains("“满意”及以上"));
  CHECK_THAT(table.definitions[2].formula, Catch::Contains("法定期限"));
  // 满意 and above: 非常满意, 满意 = 2 of 5; against the legal date nothing is late.
  CHECK(*table.total.values[4].value == Approx(2.0 / 5));
  CHECK(*table.total.values[2].value == Approx(0.0));
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].group == "M1");
  CHECK(table.rows[0].groupName == "营业执照");
}

TEST_CASE("the figures' CSV opens in a spreadsheet with Chinese headers and one row a group",
          "[engine][figures]") {
  const std::string csv = figuresCsv(computeFigures(octoberInput()));
  REQUIRE(csv.compare(0, 3, "\xEF\xBB\xBF") == 0);
  std::vector<std::string> lines;
  for (std::size_t at = 3; at < csv.size();) {
    const std::size_t end = csv.find("\r\n", at);
    REQUIRE(end != std::string::npos);  // every line ends with CRLF
    lines.push_back(csv.substr(at, end - at));
    at = end + 2;
  }
  REQUIRE(lines.size() >= 5);
  CHECK(lines[0] == "统计期间,2026-10-01 至 2026-10-31");
  CHECK(lines[1] ==
        "窗口,受理件数,即来即办率,即来即办率分子,即来即办率分母,超期率,超期率分子,超期率分母,"
        "提速率,提速率分子,提速率分母,好评率,好评率分子,好评率分母");
  CHECK(lines[2] == "W01,2,50.0%,1,2,50.0%,1,2,72.7%,1.45,2,50.0%,1,2");
  CHECK(lines[3] == "W02,2,0.0%,0,2,0.0%,0,1,80.0%,0.80,1,66.7%,2,3");
  CHECK(lines[4] == "合计,4,25.0%,1,4,33.3%,1,3,75.2%,2.25,3,60.0%,3,5");
  CHECK_THAT(csv, Catch::Contains("好评率,评价为“基本满意”及以上 ÷ 评价数"));
}

TEST_CASE("a period's days: today, the week from Monday, the month", "[engine][figures]") {
  const CivilDate wednesday{2026, 12, 2};
  CHECK(figurePeriodDays(FigurePeriod::Today, wednesday).first == wednesday);
  const auto week = figurePeriodDays(FigurePeriod::ThisWeek, wednesday);
  CHECK(week.first == CivilDate{2026, 11, 30});
  CHECK(week.second == CivilDate{2026, 12, 6});
  const auto month = figurePeriodDays(FigurePeriod::ThisMonth, wednesday);
  CHECK(month.first == CivilDate{2026, 12, 1});
  CHECK(month.second == CivilDate{2026, 12, 31});
}

TEST_CASE("a count chart's ticks are whole numbers and its top holds the largest bar",
          "[engine][figures]") {
  for (const double largest : {0.0, 1.0, 3.0, 5.0, 7.0, 10.0, 37.0, 50.0, 999.0, 1234.0}) {
    FigureTable table;
    table.definitions = figureDefinitions({});
    FigureRow row;
    row.group = row.groupName = "W01";
    row.values.resize(table.definitions.size());
    row.values[0].value = largest;
    table.rows.push_back(row);
    const BarChart chart = barChartOf(table, 0);
    INFO("largest " << largest);
    REQUIRE(chart.ticks.size() == 5);
    CHECK(chart.bars[0].share <= 1.0);
    const double top = std::stod(chart.ticks.back().text);
    CHECK(top >= largest);
    for (const ChartTick& tick : chart.ticks) {
      const double value = std::stod(tick.text);
      CHECK(value == std::floor(value));
      CHECK(value == Approx(top * tick.share));  // the label says where the tick is drawn
    }
  }
}

TEST_CASE("a chart of many groups shows the largest it can label, and says so",
          "[engine][figures]") {
  FigureTable table;
  table.definitions = figureDefinitions({});
  for (int i = 0; i < 36; ++i) {
    FigureRow row;
    row.group = row.groupName = "c" + std::to_string(1001 + i);
    row.values.resize(table.definitions.size());
    row.values[0].value = i;  // c1036 took in the most
    table.rows.push_back(row);
  }
  const BarChart chart = barChartOf(table, 0);
  REQUIRE(chart.bars.size() == kMostBars);
  CHECK(chart.bars.front().label == "c1036");
  CHECK(chart.bars.back().label == "c" + std::to_string(1036 - kMostBars + 1));
  CHECK_THAT(chart.title, Catch::Contains("前 15 名（共 36）"));
}
