#pragma once
// One case's whole story at the window — numbers, state and due badge, the materials with their
// pages and what is owed, the form's answers read-only, the timeline from the audit log, the
// issued documents, central's numbers, sub-cases, sync history and ratings — and the second
// visit's actions, each enabled as the engine decided (its reason as the tooltip when not).

#include <map>
#include <memory>
#include <set>
#include <string>

#include <wx/dialog.h>

#include "client/app/document_preview.hpp"
#include "client/engine/engine.hpp"

class wxButton;
class wxListView;
class wxNotebook;
class wxStaticText;

namespace onewindow::app {

class CaptureDialog;
class RatingDialog;
class SecondVisitDialog;
class HandoverDialog;

class CaseDetailDialog final : public wxDialog {
 public:
  CaseDetailDialog(wxWindow* parent, engine::Engine& engine, PrintingContext printing);
  ~CaseDetailDialog() override;

  void show(const engine::CaseDetail& detail);
  void setCatalog(std::shared_ptr<const forms::Catalog> catalog) { catalog_ = std::move(catalog); }
  // Forwarded by the case list for every engine notification.
  void onNotification(const engine::Notification& notification);

  // What the buttons do, for the tests alike.
  void runAction(engine::DeskAction action);
  void supplyFiles(const std::string& slotKey, const std::vector<std::filesystem::path>& files);
  void scanInto(const std::string& slotKey);
  void openDocument(const std::string& kind);
  void printResult();  // the result notice, for the hand-over

  [[nodiscard]] const engine::CaseDetail& detail() const { return detail_; }
  [[nodiscard]] wxButton* actionButton(engine::DeskAction action) const;
  // Supplying an owed material: scan it, or attach its files (enabled as the engine allows).
  [[nodiscard]] wxButton* scanButton() const { return scan_; }
  [[nodiscard]] wxButton* attachButton() const { return attach_; }
  [[nodiscard]] SecondVisitDialog* actionDialog() const { return action_; }
  [[nodiscard]] RatingDialog* ratingDialog() const;
  [[nodiscard]] HandoverDialog* handoverDialog() const;
  [[nodiscard]] DocumentPreview* preview() const { return preview_; }
  [[nodiscard]] CaptureDialog* capture() const { return capture_; }
  [[nodiscard]] wxString headerText() const;
  [[nodiscard]] wxString supervisionText() const;  // the 督办 note; empty without one
  [[nodiscard]] wxString messageText() const;
  [[nodiscard]] wxListView* materialList() const { return materials_; }
  [[nodiscard]] wxListView* timelineList() const { return timeline_; }
  [[nodiscard]] wxListView* answerList() const { return answers_; }
  [[nodiscard]] bool busy() const { return actionRequest_ != 0 || !supplyStores_.empty(); }
  void setLanguage(const std::string& language) { language_ = language; }

 private:
  void send(engine::Command command);
  void openActionDialog(SecondVisitDialog* dialog);
  void showMessage(const wxString& text, bool error);
  void fillMaterials();
  void fillAnswers();
  void fillTimeline();
  void fillDocuments();
  void fillSync();
  void askRating();
  [[nodiscard]] bool allowed(engine::DeskAction action) const;
  [[nodiscard]] std::optional<forms::Material> materialOf(const std::string& slotKey) const;
  [[nodiscard]] std::string selectedSlot() const;

  engine::Engine& engine_;
  PrintingContext printing_;
  std::shared_ptr<const forms::Catalog> catalog_;
  engine::CaseDetail detail_;
  wxStaticText* header_ = nullptr;
  wxStaticText* supervision_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxNotebook* tabs_ = nullptr;
  wxListView* materials_ = nullptr;
  wxListView* answers_ = nullptr;
  wxListView* timeline_ = nullptr;
  wxListView* documents_ = nullptr;
  wxStaticText* sync_ = nullptr;
  std::map<engine::DeskAction, wxButton*> buttons_;
  wxButton* scan_ = nullptr;
  wxButton* attach_ = nullptr;
  wxButton* openDocument_ = nullptr;
  SecondVisitDialog* action_ = nullptr;
  DocumentPreview* preview_ = nullptr;
  CaptureDialog* capture_ = nullptr;
  std::string language_ = "zh";  // of the catalog's texts in the capture window
  std::uint64_t actionRequest_ = 0;
  std::uint64_t documentRequest_ = 0;
  std::uint64_t showRequest_ = 0;
  bool documentForHandover_ = false;
  // Files attached for a supply: stored one by one, then supplied together.
  engine::SupplyMaterial supply_;
  std::set<std::uint64_t> supplyStores_;  // StoreMaterial requests still to answer
};

}  // namespace onewindow::app
