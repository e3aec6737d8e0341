#pragma once
// The workstation's main window: catalog pane on the left, the work area with the pages
// Intake / Queue / Sync / Supervisor (Supervisor only for the supervisor role), and a status
// bar with central connectivity, pending-sync count, clerk and window.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <wx/frame.h>
#include <wx/timer.h>

#include "client/app/document_preview.hpp"
#include "client/app/matter_catalog_source.hpp"
#include "client/engine/engine.hpp"

class wxNotebook;
class wxSplitterWindow;
class wxStaticText;
class wxInfoBar;

namespace onewindow::app {

class CatalogPane;
class IntakePage;
class SupervisionPage;
class SyncPage;
class CasesPage;

enum class Page { Intake, Queue, Sync, Supervisor };

// Menu commands; every one has a keyboard accelerator.
enum MenuCommand : int {
  kIdSettings = wxID_HIGHEST + 1,
  kIdLogout,
  kIdFindMatter,
  kIdShowCatalog,
  kIdPageIntake,
  kIdPageQueue,
  kIdFindCase,
  kIdPageSync,
  kIdPageSupervisor,
  kIdRefresh,
  kIdSaveDraft,
};

enum StatusField { kConnectivityField = 0, kPendingField, kClerkField, kWindowField, kFieldCount };

struct MainFrameActions {
  std::function<void()> openSettings;
  std::function<void()> logout;
  std::function<void()> quit;
  // The settings as they are now (the printers of the document previews).
  std::function<settings::WorkstationSettings()> settings;
};

class MainFrame final : public wxFrame {
 public:
  MainFrame(engine::Engine& engine, const engine::ClerkSession& session, MainFrameActions actions);

  [[nodiscard]] bool hasPage(Page page) const;
  void showPage(Page page);
  [[nodiscard]] wxNotebook* pages() const { return pages_; }
  [[nodiscard]] CatalogPane* catalog() const { return catalog_; }
  // The catalog pane beside the pages. Folded away while a case is open in the Intake page
  // (the form and the checklist need the width); Ctrl+F and View > Catalog bring it back.
  void showCatalog(bool shown);
  [[nodiscard]] bool catalogShown() const;
  [[nodiscard]] IntakePage* intakePage() const { return intake_; }

  // The catalog the pane searches; a newer release may be swapped in at any time (a case
  // being taken in keeps the catalog it started with).
  void setCatalog(std::shared_ptr<const forms::Catalog> catalog);
  void showCatalogFailure(const engine::CatalogLoaded& load);
  void showNoCatalog();
  // Catalog texts in "zh" or "en", following the UI language.
  void setCatalogLanguage(const std::string& language);
  // The clock of the window: "today" for the catalog's effective dates and the due dates,
  // and the forms' today()/now(). The system clock unless a test fixes it.
  void setClock(std::function<std::chrono::system_clock::time_point()> clock);
  // Asked every half minute: after midnight the catalog offers the new day's matters.
  void followDay();
  [[nodiscard]] const engine::ClerkSession& session() const { return session_; }
  [[nodiscard]] SyncPage* syncPage() const { return syncPage_; }
  // The supervisor console; nullptr for a clerk's login.
  [[nodiscard]] SupervisionPage* supervisionPage() const { return supervision_; }
  [[nodiscard]] CasesPage* casesPage() const { return casesPage_; }
  [[nodiscard]] const wxString& lastNews() const { return lastNews_; }

 private:
  void buildMenus();
  void buildStatusBar();
  void onNotification(const engine::Notification& notification);
  // Why central is offline is on the Sync page and in the log; the status bar says since when.
  void showConnectivity(engine::Connectivity state, std::chrono::system_clock::time_point since);
  void showPending(int pending, int quarantined);
  void showNews(const engine::CaseSyncNews& news);
  [[nodiscard]] int pageIndex(Page page) const;

  engine::Engine& engine_;
  engine::ClerkSession session_;
  MainFrameActions actions_;
  engine::Subscription subscription_;
  CatalogPane* catalog_ = nullptr;
  wxSplitterWindow* catalogSplit_ = nullptr;
  wxTimer dayTimer_;
  int catalogWidth_ = 0;  // the sash position to come back to
  IntakePage* intake_ = nullptr;
  std::string catalogLanguage_ = "zh";
  std::function<std::chrono::system_clock::time_point()> clock_;
  wxNotebook* pages_ = nullptr;
  SyncPage* syncPage_ = nullptr;
  SupervisionPage* supervision_ = nullptr;
  CasesPage* casesPage_ = nullptr;
  bool catalogBeforeCases_ = false;  // shown when the Cases page hid it
  wxInfoBar* news_ = nullptr;        // official numbers, decisions and refusals as they arrive
  wxString lastNews_;
  std::vector<Page> pageOrder_;  // notebook index → page
};

}  // namespace onewindow::app
