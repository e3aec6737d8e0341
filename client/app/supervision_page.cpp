#include "client/app/supervision_page.hpp"

#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/figures_panel.hpp"
#include "client/app/follow_up_panel.hpp"
#include "client/app/supervisor_queue_panel.hpp"

namespace onewindow::app {

SupervisionPage::SupervisionPage(wxWindow* parent, engine::Engine& engine,
                                 const PrintingContext& printing)
    : wxPanel(parent) {
  SetName("supervision-page");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  // The font first, then the text: the label is measured in the font it is drawn in.
  auto* title = new wxStaticText(this, wxID_ANY, wxEmptyString);
  title->SetFont(title->GetFont().Scale(1.25).Bold());
  title->SetLabel(_("Supervision"));
  // Measured by wx in the heading's font: GTK's own size of a label on a page not shown yet can
  // be that of the normal font, which cut the heading to its first character.
  title->SetMinSize(title->GetTextExtent(title->GetLabel()) + wxSize(FromDIP(4), FromDIP(4)));
  sizer->Add(title, wxSizerFlags().Border(wxALL, FromDIP(10)));
  tabs_ = new wxNotebook(this, wxID_ANY);
  tabs_->SetName("supervision-tabs");
  queues_ = new SupervisorQueuePanel(tabs_, engine, printing);
  followUps_ = new FollowUpPanel(tabs_, engine);
  figures_ = new FiguresPanel(tabs_, engine);
  tabs_->AddPage(queues_, _("Queues"));
  tabs_->AddPage(followUps_, _("Rating follow-up"));
  tabs_->AddPage(figures_, _("Figures"));
  sizer->Add(tabs_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10)));
  SetSizer(sizer);
  tabs_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
    event.Skip();
    if (event.GetEventObject() == tabs_) refresh();
  });
}

void SupervisionPage::showTab(Tab tab) {
  tabs_->ChangeSelection(static_cast<std::size_t>(tab));
  refresh();
}

void SupervisionPage::refresh() {
  switch (static_cast<Tab>(tabs_->GetSelection())) {
    case Tab::Queues:
      queues_->refresh();
      break;
    case Tab::FollowUps:
      followUps_->refresh();
      break;
    case Tab::Figures:
      figures_->refresh();
      break;
  }
}

void SupervisionPage::onNotification(const engine::Notification& notification) {
  queues_->onNotification(notification);
  followUps_->onNotification(notification);
  figures_->onNotification(notification);
}

}  // namespace onewindow::app
