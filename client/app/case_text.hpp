#pragma once
// A case's state, due badge and second-visit actions in the clerk's words.

#include <wx/string.h>

#include "client/engine/case_desk_values.hpp"

namespace onewindow::app {

[[nodiscard]] wxString caseStateLabel(engine::CaseState state);
[[nodiscard]] wxString caseStateLabel(const std::string& stateName);
// "3 个工作日", "今日到期", "已超期 2 个工作日", "已中止"; empty when nothing runs.
[[nodiscard]] wxString dueBadgeLabel(const engine::DueBadge& badge);
[[nodiscard]] wxString deskActionLabel(engine::DeskAction action);
// What an audit entry of the case's timeline did ("case.supply" → 补交材料); the name itself
// for one this list does not know.
[[nodiscard]] wxString timelineActionLabel(const std::string& action);
// "2026-11-27 10:15" in Shenzhen time from the store's UTC text.
[[nodiscard]] wxString localTimeText(const std::string& isoUtc);

}  // namespace onewindow::app
