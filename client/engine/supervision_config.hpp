#pragma once
// How the supervisor console counts, from the workstation's settings (plain values: the
// settings library includes this without the store's headers).

#include <string>

namespace onewindow::engine {

// How the figures are counted where local definitions vary (domain reference, "Supervisor
// figures"): the workstation's settings choose, each figure states its formula.
struct FigureFormulas {
  std::string goodRatingFloor = "基本满意";  // ratings at or above it are good
  bool overdueAgainstLegalLimit = false;     // late against the legal date, not the promised one
};

struct SupervisionConfig {
  int nearDueWorkingDays = 3;   // "near due": the promised date within this many working days
  int followUpWorkingDays = 5;  // a bad rating is followed up within this many (5 or 15)
  FigureFormulas formulas;
};

}  // namespace onewindow::engine
