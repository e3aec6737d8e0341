#pragma once
// The words a case is recorded in at the window, shared by the rules (forms/intake_rules.hpp),
// the local store, the engine, the front ends and central: what was recorded for a material,
// and which decision was taken. Header-only, so the local store uses them without linking the
// forms library. The names are what the store and the wire carry.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace onewindow::forms {

enum class MaterialStatus { Pending, Received, ELicence, Gap, Missing };

enum class DecisionKind { Accept, AcceptWithGaps, CorrectionNotice, Refuse };

namespace vocabulary_detail {

inline constexpr std::array kMaterialStatusNames{
    std::pair{MaterialStatus::Pending, std::string_view("pending")},
    std::pair{MaterialStatus::Received, std::string_view("received")},
    std::pair{MaterialStatus::ELicence, std::string_view("elicence")},
    std::pair{MaterialStatus::Gap, std::string_view("gap")},
    std::pair{MaterialStatus::Missing, std::string_view("missing")}};

inline constexpr std::array kDecisionKindNames{
    std::pair{DecisionKind::Accept, std::string_view("accept")},
    std::pair{DecisionKind::AcceptWithGaps, std::string_view("accept_with_gaps")},
    std::pair{DecisionKind::CorrectionNotice, std::string_view("correction_notice")},
    std::pair{DecisionKind::Refuse, std::string_view("refuse")}};

template <typename Table, typename Value>
constexpr std::string_view nameIn(const Table& table, Value value) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  return {};
}

template <typename Value, typename Table>
constexpr std::optional<Value> valueIn(const Table& table, std::string_view name) {
  for (const auto& [entry, entryName] : table) {
    if (entryName == name) return entry;
  }
  return std::nullopt;
}

}  // namespace vocabulary_detail

// "pending", "received", "elicence", "gap", "missing".
[[nodiscard]] constexpr std::string_view materialStatusName(MaterialStatus status) {
  return vocabulary_detail::nameIn(vocabulary_detail::kMaterialStatusNames, status);
}
[[nodiscard]] constexpr std::optional<MaterialStatus> materialStatusFromName(
    std::string_view name) {
  return vocabulary_detail::valueIn<MaterialStatus>(vocabulary_detail::kMaterialStatusNames, name);
}
// Received, or replaced by an e-licence: nothing more is owed for it.
[[nodiscard]] constexpr bool isSupplied(MaterialStatus status) {
  return status == MaterialStatus::Received || status == MaterialStatus::ELicence;
}

// "accept", "accept_with_gaps", "correction_notice", "refuse".
[[nodiscard]] constexpr std::string_view decisionKindName(DecisionKind kind) {
  return vocabulary_detail::nameIn(vocabulary_detail::kDecisionKindNames, kind);
}
[[nodiscard]] constexpr std::optional<DecisionKind> decisionKindFromName(std::string_view name) {
  return vocabulary_detail::valueIn<DecisionKind>(vocabulary_detail::kDecisionKindNames, name);
}

}  // namespace onewindow::forms
