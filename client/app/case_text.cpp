#include "client/app/case_text.hpp"

#include <wx/datetime.h>
#include <wx/intl.h>

#include "client/app/wx_string.hpp"
#include "client/engine/time_text.hpp"

namespace onewindow::app {

wxString caseStateLabel(engine::CaseState state) {
  using S = engine::CaseState;
  switch (state) {
    case S::Draft:
      return _("draft");
    case S::Intake:
      return _("taken in");
    case S::Accepted:
      return _("accepted");
    case S::AcceptedWithGaps:
      return _("accepted, materials owed");
    case S::AwaitingCorrection:
      return _("awaiting correction");
    case S::Refused:
      return _("refused");
    case S::InProgress:
      return _("in progress");
    case S::Suspended:
      return _("suspended");
    case S::Decided:
      return _("decided");
    case S::Finished:
      return _("finished, ready for pick-up");
    case S::AwaitingPickup:
      return _("ready for pick-up");
    case S::Collected:
      return _("collected");
    case S::Posted:
      return _("posted");
    case S::Withdrawn:
      return _("withdrawn");
    case S::Void:
      return _("void");
  }
  return {};
}

wxString caseStateLabel(const std::string& stateName) {
  const auto state = engine::caseStateFromName(stateName);
  return state ? caseStateLabel(*state) : wx(stateName);
}

wxString dueBadgeLabel(const engine::DueBadge& badge) {
  switch (badge.kind) {
    case engine::DueBadgeKind::None:
      return {};
    case engine::DueBadgeKind::WorkingDaysLeft:
      return wxString::Format(_("%d working day(s)"), badge.workingDays);
    case engine::DueBadgeKind::DueToday:
      return _("due today");
    case engine::DueBadgeKind::Overdue:
      return badge.workingDays > 0
                 ? wxString::Format(_("overdue by %d working day(s)"), badge.workingDays)
                 : _("overdue");
    case engine::DueBadgeKind::Suspended:
      return _("suspended");
  }
  return {};
}

wxString deskActionLabel(engine::DeskAction action) {
  switch (action) {
    case engine::DeskAction::Supply:
      return _("Supply material");
    case engine::DeskAction::AnswerCorrection:
      return _("Answer the correction notice");
    case engine::DeskAction::VoidOverdue:
      return _("Void (deadline passed)");
    case engine::DeskAction::Withdraw:
      return _("Withdraw");
    case engine::DeskAction::HandOver:
      return _("Hand over the result");
    case engine::DeskAction::Post:
      return _("Post the result");
    case engine::DeskAction::Rate:
      return _("Rating");
  }
  return {};
}

wxString timelineActionLabel(const std::string& action) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"case.draft", wxTRANSLATE("draft started")},
      {"case.intake", wxTRANSLATE("taken in")},
      {"case.decision", wxTRANSLATE("decision")},
      {"case.supply", wxTRANSLATE("material supplied")},
      {"case.withdrawal", wxTRANSLATE("withdrawn")},
      {"case.void", wxTRANSLATE("voided")},
      {"case.handover", wxTRANSLATE("result handed over")},
      {"case.posting", wxTRANSLATE("result posted")},
      {"case.rating", wxTRANSLATE("rating")},
      {"case.state", wxTRANSLATE("state from central")},
      {"case.official_number", wxTRANSLATE("official number bound")},
      {"case.revision", wxTRANSLATE("form corrected")},
      {"case.sub_case", wxTRANSLATE("part routed")},
      {"case.quarantine", wxTRANSLATE("refused by central")},
      {"case.export", wxTRANSLATE("exported")},
      {"case.import", wxTRANSLATE("imported")},
      {"document.issue", wxTRANSLATE("document issued")},
      {"document.print", wxTRANSLATE("document printed")},
      {"document.reprint", wxTRANSLATE("document reprinted")},
      {"material.capture", wxTRANSLATE("page scanned")},
      {"material.arrange", wxTRANSLATE("pages arranged")},
  };
  for (const auto& [name, label] : kLabels)
    if (action == name) return wxGetTranslation(label);
  return wx(action);
}

wxString localTimeText(const std::string& isoUtc) { return wx(engine::chinaDateTimeText(isoUtc)); }

}  // namespace onewindow::app
