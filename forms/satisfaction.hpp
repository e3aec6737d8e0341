#pragma once
// 好差评: the five satisfaction levels of the domain reference, by label. The standard (GB)
// numbers them 1 = 非常满意, the rating devices 5 = 非常满意; the label is what is stored and
// the numbers are made at the edges. Shared by the window's rules and central's checks.

#include <array>
#include <optional>
#include <string_view>

namespace onewindow::forms {

inline constexpr std::array<std::string_view, 5> kSatisfactionLabels{"非常满意", "满意", "基本满意",
                                                                     "不满意", "非常不满意"};

// 1 (非常满意) to 5 (非常不满意) on the GB scale; nullopt for another label.
[[nodiscard]] constexpr std::optional<int> satisfactionGbLevel(std::string_view label) {
  for (std::size_t i = 0; i < kSatisfactionLabels.size(); ++i) {
    if (kSatisfactionLabels[i] == label) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

// A bad rating (the two lowest levels) needs reasons and becomes a follow-up work order.
[[nodiscard]] constexpr bool isBadSatisfaction(std::string_view label) {
  const auto level = satisfactionGbLevel(label);
  return level && *level >= 4;
}

}  // namespace onewindow::forms
