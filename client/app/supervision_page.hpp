#pragma once
// The supervisor console (issue 14), the main window's page for a supervisor's login only: the
// queues, the follow-up of bad ratings and the figures. The engine refuses every command of it
// for a clerk, so the page is a view of the engine's verdicts, not a gate.

#include <string>

#include <wx/panel.h>

#include "client/engine/engine.hpp"

class wxNotebook;

namespace onewindow::app {

class FiguresPanel;
class FollowUpPanel;
class SupervisorQueuePanel;
struct PrintingContext;

class SupervisionPage final : public wxPanel {
 public:
  SupervisionPage(wxWindow* parent, engine::Engine& engine, const PrintingContext& printing);

  void onNotification(const engine::Notification& notification);
  void refresh();  // the tab shown, as of now

  enum class Tab { Queues, FollowUps, Figures };
  void showTab(Tab tab);

  [[nodiscard]] SupervisorQueuePanel* queues() const { return queues_; }
  [[nodiscard]] FollowUpPanel* followUps() const { return followUps_; }
  [[nodiscard]] FiguresPanel* figures() const { return figures_; }

 private:
  wxNotebook* tabs_ = nullptr;
  SupervisorQueuePanel* queues_ = nullptr;
  FollowUpPanel* followUps_ = nullptr;
  FiguresPanel* figures_ = nullptr;
};

}  // namespace onewindow::app
