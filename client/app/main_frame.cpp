#include "client/app/main_frame.hpp"

#include <wx/display.h>
#include <wx/infobar.h>
#include <wx/log.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/stockitem.h>
#include <wx/textctrl.h>

#include "client/app/case_text.hpp"
#include "client/app/cases_page.hpp"
#include "client/app/catalog_pane.hpp"
#include "client/app/document_preview.hpp"
#include "client/app/intake_page.hpp"
#include "client/app/supervision_page.hpp"
#include "client/app/sync_page.hpp"
#include "client/app/verdict_text.hpp"

namespace onewindow::app {
namespace {

wxString pageTitle(Page page) {
  switch (page) {
    case Page::Intake:
      return _("Intake");
    case Page::Queue:
      return _("Cases");
    case Page::Sync:
      return _("Sync");
    case Page::Supervisor:
      return _("Supervisor");
  }
  return {};
}

wxString roleLabel(engine::Role role) {
  return role == engine::Role::Supervisor ? _("supervisor") : _("clerk");
}

// Room for the catalog, the form and the checklist side by side, within the screen.
wxSize initialSize() {
  const wxRect screen = wxDisplay(0u).GetClientArea();
  return {std::min(1680, screen.GetWidth() * 95 / 100),
          std::min(1000, screen.GetHeight() * 95 / 100)};
}

}  // namespace

MainFrame::MainFrame(engine::Engine& engine, const engine::ClerkSession& session,
                     MainFrameActions actions)
    : wxFrame(nullptr, wxID_ANY, _("OneWindow"), wxDefaultPosition, initialSize()),
      engine_(engine),
      session_(session),
      actions_(std::move(actions)) {
  SetTitle(wxString::Format(_("OneWindow - window %s"), wxString::FromUTF8(session_.windowCode)));
  news_ = new wxInfoBar(this);
  // GTK's own close button takes its label from GTK's translations, which follow the system
  // locale rather than the clerk's language: ours comes from wx's (Chinese with the UI).
  news_->AddButton(wxID_CLOSE, wxGetStockLabel(wxID_CLOSE, wxSTOCK_NOFLAGS));
  auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                        wxSP_LIVE_UPDATE | wxSP_3DSASH);
  catalogSplit_ = splitter;
  auto* layout = new wxBoxSizer(wxVERTICAL);
  layout->Add(news_, wxSizerFlags().Expand());
  layout->Add(splitter, wxSizerFlags(1).Expand());
  SetSizer(layout);
  catalog_ = new CatalogPane(splitter);
  pages_ = new wxNotebook(splitter, wxID_ANY);
  pages_->SetName("work-area");

  clock_ = [] { return std::chrono::system_clock::now(); };
  intake_ = new IntakePage(pages_, engine_);
  intake_->setPrinting({actions_.settings, actions_.openSettings});
  pages_->AddPage(intake_, pageTitle(Page::Intake));
  pageOrder_.push_back(Page::Intake);
  casesPage_ = new CasesPage(pages_, engine_, {actions_.settings, actions_.openSettings});
  pages_->AddPage(casesPage_, pageTitle(Page::Queue));
  pageOrder_.push_back(Page::Queue);
  syncPage_ = new SyncPage(pages_, engine_);
  pages_->AddPage(syncPage_, pageTitle(Page::Sync));
  pageOrder_.push_back(Page::Sync);
  if (session_.role == engine::Role::Supervisor) {
    supervision_ = new SupervisionPage(pages_, engine_, {actions_.settings, actions_.openSettings});
    pages_->AddPage(supervision_, pageTitle(Page::Supervisor));
    pageOrder_.push_back(Page::Supervisor);
  }

  splitter->SetMinimumPaneSize(FromDIP(200));
  catalogWidth_ = FromDIP(380);
  splitter->SplitVertically(catalog_, pages_, catalogWidth_);
  intake_->onCaseView([this](bool showing) { showCatalog(!showing); });
  pages_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
    event.Skip();
    if (event.GetEventObject() != pages_) return;  // the console's own tabs bubble up here
    const int page = event.GetSelection();
    const bool console = supervision_ != nullptr && page == pageIndex(Page::Supervisor);
    if (console) supervision_->refresh();
    // The case lists want the whole width; the catalog comes back with the Intake page.
    if (page == pageIndex(Page::Queue) || console) {
      if (catalogShown()) {
        catalogBeforeCases_ = true;
        showCatalog(false);
      }
    } else if (page == pageIndex(Page::Intake) && catalogBeforeCases_) {
      catalogBeforeCases_ = false;
      showCatalog(true);
    }
  });
  catalog_->onChoose([this](const CatalogChoice& choice, bool open) {
    intake_->showChoice(choice, open);
    if (open) showPage(Page::Intake);
  });

  buildMenus();
  buildStatusBar();

  const engine::StatusSnapshot status = engine_.status();
  showConnectivity(status.connectivity, status.connectivitySince);
  showPending(status.pendingSync, status.quarantined);
  subscription_ = engine_.subscribe([this](const engine::Notification& n) { onNotification(n); });
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
    subscription_.reset();  // no notification reaches a closing window
    event.Skip();
  });
  catalog_->focusSearch();
  dayTimer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { followDay(); });
  dayTimer_.Start(30 * 1000);
}

void MainFrame::followDay() { catalog_->followDate(forms::chinaDate(clock_())); }

void MainFrame::buildMenus() {
  auto* file = new wxMenu;
  file->Append(kIdSaveDraft, _("Save &draft\tCtrl+S"), _("Save the case being taken in now"));
  file->AppendSeparator();
  file->Append(kIdSettings, _("&Settings...\tCtrl+,"), _("Central URL, window, devices, language"));
  file->Append(kIdLogout, _("&Log out\tCtrl+Shift+L"), _("Hand the window to another clerk"));
  file->AppendSeparator();
  file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));

  auto* view = new wxMenu;
  view->Append(kIdFindMatter, _("&Find matter\tCtrl+F"));
  view->AppendCheckItem(kIdShowCatalog, _("&Catalog\tF9"),
                        _("Show or hide the matter catalog beside the pages"));
  view->AppendSeparator();
  view->Append(kIdPageIntake, _("&Intake\tCtrl+1"));
  view->Append(kIdPageQueue, _("&Cases\tCtrl+2"));
  view->Append(kIdFindCase, _("Find &case\tF3"), _("Type or scan a case's number, ID or notice"));
  view->Append(kIdPageSync, _("S&ync\tCtrl+3"));
  if (hasPage(Page::Supervisor)) view->Append(kIdPageSupervisor, _("Su&pervisor\tCtrl+4"));
  view->AppendSeparator();
  view->Append(kIdRefresh, _("&Refresh status\tF5"));

  auto* help = new wxMenu;
  help->Append(wxID_ABOUT, _("&About OneWindow\tF1"));

  auto* bar = new wxMenuBar;
  bar->Append(file, _("&File"));
  bar->Append(view, _("&View"));
  bar->Append(help, _("&Help"));
  SetMenuBar(bar);

  auto call = [](const std::function<void()>& action) {
    return [action](wxCommandEvent&) {
      if (action) action();
    };
  };
  Bind(wxEVT_MENU, call(actions_.openSettings), kIdSettings);
  Bind(wxEVT_MENU, call(actions_.logout), kIdLogout);
  Bind(wxEVT_MENU, call(actions_.quit), wxID_EXIT);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        showCatalog(true);
        catalog_->focusSearch();
      },
      kIdFindMatter);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { showCatalog(!catalogShown()); }, kIdShowCatalog);
  Bind(
      wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Check(catalogShown()); },
      kIdShowCatalog);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { intake_->saveNow(); }, kIdSaveDraft);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { showPage(Page::Intake); }, kIdPageIntake);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { showPage(Page::Queue); }, kIdPageQueue);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { showPage(Page::Sync); }, kIdPageSync);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        showPage(Page::Queue);
        casesPage_->searchBox()->SetFocus();
      },
      kIdFindCase);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { showPage(Page::Supervisor); }, kIdPageSupervisor);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { engine_.submit(engine::RefreshStatus{}); }, kIdRefresh);
}

void MainFrame::buildStatusBar() {
  CreateStatusBar(kFieldCount);
  const int widths[kFieldCount] = {-3, -2, -3, -1};
  SetStatusWidths(kFieldCount, widths);
  SetStatusText(wxString::Format(_("Clerk: %s (%s, %s)"), wxString::FromUTF8(session_.clerkName),
                                 wxString::FromUTF8(session_.clerkId), roleLabel(session_.role)),
                kClerkField);
  SetStatusText(wxString::Format(_("Window: %s"), wxString::FromUTF8(session_.windowCode)),
                kWindowField);
}

bool MainFrame::catalogShown() const { return catalogSplit_->IsSplit(); }

void MainFrame::showCatalog(bool shown) {
  if (shown == catalogShown()) return;
  if (shown) {
    catalogSplit_->SplitVertically(catalog_, pages_, catalogWidth_);
  } else {
    catalogWidth_ = catalogSplit_->GetSashPosition();
    catalogSplit_->Unsplit(catalog_);
  }
}

bool MainFrame::hasPage(Page page) const { return pageIndex(page) >= 0; }

int MainFrame::pageIndex(Page page) const {
  for (std::size_t i = 0; i < pageOrder_.size(); ++i) {
    if (pageOrder_[i] == page) return static_cast<int>(i);
  }
  return -1;
}

void MainFrame::showPage(Page page) {
  if (const int index = pageIndex(page); index >= 0)
    pages_->SetSelection(static_cast<size_t>(index));
}

void MainFrame::setCatalog(std::shared_ptr<const forms::Catalog> catalog) {
  casesPage_->setCatalog(catalog);
  catalog_->setCatalog(std::move(catalog), forms::chinaDate(clock_()), catalogLanguage_);
}

void MainFrame::showCatalogFailure(const engine::CatalogLoaded& load) {
  catalog_->showLoadFailure(load);
  for (const forms::Diagnostic& problem : load.problems)
    wxLogWarning("catalog not loaded: %s", wxString::FromUTF8(problem.toString()));
}

void MainFrame::showNoCatalog() { catalog_->showNoCatalog(); }

void MainFrame::setCatalogLanguage(const std::string& language) {
  catalogLanguage_ = language;
  intake_->setLanguage(language);
  casesPage_->setLanguage(language);
}

void MainFrame::setClock(std::function<std::chrono::system_clock::time_point()> clock) {
  clock_ = clock;
  intake_->setClock(std::move(clock));
}

void MainFrame::onNotification(const engine::Notification& notification) {
  syncPage_->onNotification(notification);
  if (supervision_ != nullptr) supervision_->onNotification(notification);
  intake_->onNotification(notification);
  casesPage_->onNotification(notification);
  if (const auto* change = std::get_if<engine::ConnectivityChanged>(&notification)) {
    showConnectivity(change->state, change->since);
  } else if (const auto* pending = std::get_if<engine::PendingCountChanged>(&notification)) {
    showPending(pending->pending, pending->quarantined);
  } else if (const auto* news = std::get_if<engine::CaseSyncNews>(&notification)) {
    showNews(*news);
  } else if (const auto* error = std::get_if<engine::EngineError>(&notification)) {
    wxLogError("%s", wxString::FromUTF8(error->message));
    SetStatusText(wxString::FromUTF8(error->message), kConnectivityField);
  }
}

void MainFrame::showConnectivity(engine::Connectivity state,
                                 std::chrono::system_clock::time_point since) {
  wxString text;
  switch (state) {
    case engine::Connectivity::Unknown:
      text = _("Central: checking...");
      break;
    case engine::Connectivity::Online:
      text = _("Central: online");
      break;
    case engine::Connectivity::Offline: {
      const wxDateTime when(std::chrono::system_clock::to_time_t(since));
      text = wxString::Format(_("Central: offline since %s"), when.Format("%H:%M"));
      break;
    }
  }
  SetStatusText(text, kConnectivityField);
}

void MainFrame::showPending(int pending, int quarantined) {
  wxString text = wxString::Format(_("Pending sync: %d"), pending);
  if (quarantined > 0) text += " " + wxString::Format(_("(%d refused)"), quarantined);
  SetStatusText(text, kPendingField);
}

void MainFrame::showNews(const engine::CaseSyncNews& news) {
  const wxString number = wxString::FromUTF8(news.provisionalNo);
  wxString text;
  switch (news.kind) {
    case engine::CaseSyncNews::Kind::Confirmed:
      if (news.officialNo.empty()) return;
      text = wxString::Format(_("Case %s has its official number %s."), number,
                              wxString::FromUTF8(news.officialNo));
      break;
    case engine::CaseSyncNews::Kind::Quarantined: {
      // Said by its code in the clerk's language; central's own text is on the Sync page.
      wxString reason = syncErrorText(news.code, "");
      if (reason.empty()) reason = wxString::FromUTF8(news.detail);
      text = wxString::Format(_("Central refused case %s: %s"), number, reason);
      break;
    }
    case engine::CaseSyncNews::Kind::StateChanged:
      text = wxString::Format(_("Case %s is now %s."), number, caseStateLabel(news.detail));
      break;
    case engine::CaseSyncNews::Kind::SubCaseRouted:
      if (!news.subCase) return;
      text = wxString::Format(_("Case %s: part %s (%s) was sent to %s."), number,
                              wxString::FromUTF8(news.subCase->subNo),
                              wxString::FromUTF8(news.subCase->matterName),
                              wxString::FromUTF8(news.subCase->department));
      break;
    case engine::CaseSyncNews::Kind::CertificateIssued:
      text = wxString::Format(_("Case %s: central issued certificate %s; print it at pick-up."),
                              number, wxString::FromUTF8(news.detail));
      break;
    case engine::CaseSyncNews::Kind::Supervised:
      text =
          news.detail.empty()
              ? wxString::Format(_("Case %s: the supervisor lifted its supervision mark."), number)
              : wxString::Format(_("Case %s is under supervision (督办): %s"), number,
                                 wxString::FromUTF8(news.detail));
      break;
  }
  news_->ShowMessage(
      text, news.kind == engine::CaseSyncNews::Kind::Quarantined ||
                    (news.kind == engine::CaseSyncNews::Kind::Supervised && !news.detail.empty())
                ? wxICON_WARNING
                : wxICON_INFORMATION);
  lastNews_ = text;
}

}  // namespace onewindow::app
