#include "client/engine/figures.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>

#include "forms/satisfaction.hpp"
#include "localdb/iso_time.hpp"

namespace onewindow::engine {
namespace {

enum Figure { kAccepted, kOnTheSpot, kOverdue, kSpeedUp, kGoodRating, kFigureCount };

std::optional<forms::CivilDate> chinaDay(const std::string& isoUtc) {
  if (isoUtc.empty()) return std::nullopt;
  const auto when = localdb::parseIsoUtc(isoUtc);
  if (!when) return std::nullopt;
  return forms::chinaDate(*when);
}

bool isAccepted(const localdb::FigureCase& c) { return !c.acceptedAt.empty(); }

// Sums of one group, figure by figure.
struct Tally {
  std::array<double, kFigureCount> numerator{};
  std::array<double, kFigureCount> denominator{};
};

// What one case adds to a period's figures. Each figure counts on its own day: the acceptance
// figures on the intake day, the decision figures (overdue, speed-up) on the decision day, so a
// case taken in last month and decided this week counts in this week's overdue rate.
struct CaseFacts {
  std::optional<forms::CivilDate> intakeDay;   // set when taken in within the period
  std::optional<forms::CivilDate> decidedDay;  // set when decided within the period
  bool accepted = false;
  bool decided = false;
  bool onTheSpot = false;
  bool late = false;
  std::optional<double> speedUp;  // (legal − actual) ÷ legal, for a decided case with a limit
};

CaseFacts factsOf(const localdb::FigureCase& c, const FigureInput& input) {
  CaseFacts facts;
  const auto intake = chinaDay(c.intakeAt);
  const auto decided = chinaDay(c.decidedAt);
  const auto inPeriod = [&](const std::optional<forms::CivilDate>& day) {
    return day && input.from <= *day && *day <= input.to;
  };
  if (inPeriod(intake)) {
    facts.intakeDay = intake;
    facts.accepted = isAccepted(c);
    facts.onTheSpot = facts.accepted && decided && *decided == *intake;
  }
  if (!inPeriod(decided) || !intake) return facts;
  facts.decidedDay = decided;
  facts.decided = true;
  const std::string& dueText =
      input.formulas.overdueAgainstLegalLimit ? c.legalDueDate : c.promisedDueDate;
  if (const auto due = forms::CivilDate::parseIso(dueText)) facts.late = *decided > *due;
  const auto legalDue = forms::CivilDate::parseIso(c.legalDueDate);
  const forms::WorkingCalendar* calendar =
      input.calendarOf ? input.calendarOf(c.matterCode, *intake) : nullptr;
  if (legalDue && calendar != nullptr) {
    const int legal = calendar->workingDaysBetween(*intake, *legalDue);
    if (legal > 0) {
      const int actual = calendar->workingDaysBetween(*intake, *decided);
      facts.speedUp = static_cast<double>(legal - actual) / legal;
    }
  }
  return facts;
}

void addCase(Tally& tally, const CaseFacts& facts) {
  if (facts.accepted) {
    tally.numerator[kAccepted] += 1;
    tally.denominator[kOnTheSpot] += 1;
    if (facts.onTheSpot) tally.numerator[kOnTheSpot] += 1;
  }
  if (facts.decided) {
    tally.denominator[kOverdue] += 1;
    if (facts.late) tally.numerator[kOverdue] += 1;
  }
  if (facts.speedUp) {
    tally.numerator[kSpeedUp] += *facts.speedUp;
    tally.denominator[kSpeedUp] += 1;
  }
}

void addRating(Tally& tally, const localdb::FigureRating& rating, int floorLevel) {
  const auto level = forms::satisfactionGbLevel(rating.label);
  if (!level) return;
  tally.denominator[kGoodRating] += 1;
  if (*level <= floorLevel) tally.numerator[kGoodRating] += 1;  // GB: 1 is the best
}

FigureRow rowOf(const Tally& tally) {
  FigureRow row;
  for (int i = 0; i < kFigureCount; ++i) {
    FigureValue value;
    value.numerator = tally.numerator[i];
    value.denominator = tally.denominator[i];
    if (i == kAccepted) {
      value.value = tally.numerator[i];
      value.denominator = 0;
    } else if (tally.denominator[i] > 0) {
      value.value = tally.numerator[i] / tally.denominator[i];
    }
    row.values.push_back(value);
  }
  return row;
}

template <typename Row>
std::pair<std::string, std::string> groupOf(const Row& row, FigureGrouping grouping) {
  switch (grouping) {
    case FigureGrouping::Window:
      return {row.windowCode, row.windowCode};
    case FigureGrouping::Clerk:
      return {row.clerkId, row.clerkId};
    case FigureGrouping::Matter:
      return {row.matterCode, row.matterName};
  }
  return {};
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string number(double value, const char* format) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

const char* groupHeading(FigureGrouping grouping) {
  switch (grouping) {
    case FigureGrouping::Window:
      return "窗口";
    case FigureGrouping::Clerk:
      return "工作人员";
    case FigureGrouping::Matter:
      return "事项";
  }
  return "";
}

}  // namespace

std::pair<forms::CivilDate, forms::CivilDate> figurePeriodDays(FigurePeriod period,
                                                               forms::CivilDate today) {
  switch (period) {
    case FigurePeriod::Today:
      return {today, today};
    case FigurePeriod::ThisWeek: {
      const forms::CivilDate monday = today.plusDays(1 - today.isoWeekday());
      return {monday, monday.plusDays(6)};
    }
    case FigurePeriod::ThisMonth: {
      const forms::CivilDate first{today.year, today.month, 1};
      const forms::CivilDate next = today.month == 12
                                        ? forms::CivilDate{today.year + 1, 1, 1}
                                        : forms::CivilDate{today.year, today.month + 1, 1};
      return {first, next.plusDays(-1)};
    }
  }
  return {today, today};
}

std::vector<FigureDefinition> figureDefinitions(const FigureFormulas& formulas) {
  return {
      {"accepted", "受理件数", "受理（含容缺受理）的办件数", false},
      {"on_the_spot_rate", "即来即办率", "收件当日办结的受理件 ÷ 受理件", true},
      {"overdue_rate", "超期率",
       formulas.overdueAgainstLegalLimit ? "办结日晚于法定期限的办件 ÷ 办结件"
                                         : "办结日晚于承诺期限的办件 ÷ 办结件",
       true},
      {"speed_up_rate", "提速率", "Σ(法定工作日 − 实际工作日) ÷ 法定工作日，按办结件平均", true},
      {"good_rating_rate", "好评率", "评价为“" + formulas.goodRatingFloor + "”及以上 ÷ 评价数",
       true},
  };
}

FigureTable computeFigures(const FigureInput& input) {
  FigureTable table;
  table.period = input.period;
  table.grouping = input.grouping;
  table.from = input.from.iso();
  table.to = input.to.iso();
  table.definitions = figureDefinitions(input.formulas);
  const int floorLevel = forms::satisfactionGbLevel(input.formulas.goodRatingFloor).value_or(3);

  Tally total;
  std::map<std::string, std::pair<std::string, Tally>> groups;  // code → (name, tally)
  std::map<std::int64_t, FigureDay> days;
  for (forms::CivilDate day = input.from; day <= input.to; day = day.plusDays(1))
    days[day.daysSinceEpoch()].date = day.iso();

  for (const localdb::FigureCase& c : input.cases) {
    const CaseFacts facts = factsOf(c, input);
    addCase(total, facts);
    const auto [code, name] = groupOf(c, input.grouping);
    auto& group = groups[code];
    group.first = name;
    addCase(group.second, facts);
    if (facts.accepted) ++days[facts.intakeDay->daysSinceEpoch()].accepted;
    if (facts.decided) {
      FigureDay& day = days[facts.decidedDay->daysSinceEpoch()];
      ++day.decided;
      if (facts.late) ++day.decidedLate;
    }
  }
  for (const localdb::FigureRating& rating : input.ratings) {
    addRating(total, rating, floorLevel);
    const auto [code, name] = groupOf(rating, input.grouping);
    auto& group = groups[code];
    if (group.first.empty()) group.first = name;
    addRating(group.second, rating, floorLevel);
  }
  table.total = rowOf(total);
  for (const auto& [code, group] : groups) {
    FigureRow row = rowOf(group.second);
    row.group = code;
    row.groupName = group.first.empty() ? code : group.first;
    table.rows.push_back(std::move(row));
  }
  for (auto& [day, figures] : days) table.days.push_back(figures);
  table.notes.push_back("本站未接入排队叫号系统：平均等候时长、平均办理时长无取号数据，不计算。");
  return table;
}

std::string figuresCsv(const FigureTable& table) {
  std::string csv = "\xEF\xBB\xBF";  // the byte-order mark
  csv += std::string("统计期间,") + table.from + " 至 " + table.to + "\r\n";
  csv += groupHeading(table.grouping);
  for (const FigureDefinition& definition : table.definitions) {
    csv += "," + csvField(definition.name);
    if (definition.rate)
      csv += "," + csvField(definition.name + "分子") + "," + csvField(definition.name + "分母");
  }
  csv += "\r\n";
  const auto appendRow = [&](const std::string& name, const FigureRow& row) {
    csv += csvField(name);
    for (std::size_t i = 0; i < table.definitions.size(); ++i) {
      const FigureValue& value = row.values[i];
      if (!table.definitions[i].rate) {
        csv += "," + number(value.value.value_or(0), "%.0f");
        continue;
      }
      csv += "," + (value.value ? number(*value.value * 100, "%.1f") + "%" : std::string());
      const bool whole = table.definitions[i].key != "speed_up_rate";
      csv += "," + number(value.numerator, whole ? "%.0f" : "%.2f") + "," +
             number(value.denominator, "%.0f");
    }
    csv += "\r\n";
  };
  for (const FigureRow& row : table.rows)
    appendRow(row.group == row.groupName ? row.group : row.group + " " + row.groupName, row);
  appendRow("合计", table.total);
  csv += "\r\n指标,公式\r\n";
  for (const FigureDefinition& definition : table.definitions)
    csv += csvField(definition.name) + "," + csvField(definition.formula) + "\r\n";
  for (const std::string& note : table.notes) csv += csvField(note) + "\r\n";
  return csv;
}

}  // namespace onewindow::engine
