#pragma once
// The preview of an issued document (DESIGN.md §10): a modeless window beside the main window,
// so the clerk keeps working while a print is in flight. It shows the pages the engine
// rasterised (DocumentReady), scrolls and zooms them (fit width, 50–200 %, the engine renders
// the pages again at the new resolution), and prints on the station's printer for the
// document's class (plain paper, pre-printed stock, cards) — never on a default printer: with
// none set, Print says so and offers Settings. A document printed before needs the reason of
// the reprint. Save as PDF writes the archived document to a file. Results arrive later as
// notifications; the status line says where the print is.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <wx/bitmap.h>
#include <wx/frame.h>
#include <wx/image.h>

#include "client/engine/engine.hpp"
#include "client/settings/settings.hpp"

class wxButton;
class wxChoice;
class wxScrolledWindow;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

// What the preview needs of the workstation: its settings as they are now (read again before
// each print) and the way to the Settings dialog.
struct PrintingContext {
  std::function<settings::WorkstationSettings()> settings;
  std::function<void()> openSettings;
};

// A page of the engine (cairo ARGB32, premultiplied) as an opaque image on white paper.
[[nodiscard]] wxImage documentPageImage(const engine::DocumentPage& page);

class DocumentPreview final : public wxFrame {
 public:
  DocumentPreview(wxWindow* parent, engine::Engine& engine, const engine::DocumentReady& document,
                  PrintingContext printing);

  // The Print button: to the printer of the document's class, with the copies and reason typed.
  void print();
  // Save as PDF without the file dialog (the button asks for the file first).
  void saveTo(const std::filesystem::path& file);
  // 0: fit the page width to the window; else a percentage of the page's real size.
  void setZoom(int percent);
  // The printer name shown (from the settings now); empty when none is set.
  void refreshPrinter();

  [[nodiscard]] const std::string& documentNo() const { return document_.documentNo; }
  [[nodiscard]] const std::string& printerClass() const { return document_.printerClass; }
  [[nodiscard]] wxButton* printButton() const { return print_; }
  [[nodiscard]] wxButton* saveButton() const { return save_; }
  [[nodiscard]] wxSpinCtrl* copiesField() const { return copies_; }
  [[nodiscard]] wxTextCtrl* reprintReasonField() const { return reason_; }
  [[nodiscard]] wxString statusText() const;
  [[nodiscard]] wxString printerText() const;
  [[nodiscard]] wxString pageText() const;
  [[nodiscard]] const std::string& printer() const { return printer_; }
  [[nodiscard]] bool printing() const { return printRequest_ != 0; }
  [[nodiscard]] bool saving() const { return saveRequest_ != 0; }
  [[nodiscard]] double shownDpi() const { return renderedDpi_; }
  [[nodiscard]] int pageCount() const { return static_cast<int>(pages_.size()); }
  // Set once a print or a save has finished (a file saved: savedTo).
  [[nodiscard]] const std::filesystem::path& lastSaved() const { return lastSaved_; }
  [[nodiscard]] std::optional<std::int64_t> lastJob() const { return lastJob_; }
  [[nodiscard]] bool lastFailed() const { return lastFailed_; }

 private:
  void onNotification(const engine::Notification& notification);
  void onPrinted(const engine::DocumentPrinted& printed);
  void onFailed(const engine::CommandFailed& failed);
  void showPages(const std::vector<engine::DocumentPage>& pages, double dpi);
  void showStatus(const wxString& text, bool error);
  void showReprint();
  void askSaveFile();
  void layOutPages();
  void paintPages(wxDC& dc);
  void updatePageLabel();
  [[nodiscard]] double wantedDpi() const;

  engine::Engine& engine_;
  engine::DocumentReady document_;
  PrintingContext printing_;
  engine::Subscription subscription_;
  std::string printer_;
  settings::PrinterOffset offset_;
  int zoom_ = 0;  // 0: fit width
  double renderedDpi_ = 0;
  std::vector<wxBitmap> pages_;  // as the engine rendered them, at renderedDpi_
  std::vector<wxBitmap> shown_;  // scaled to the zoom until the engine renders them again
  std::vector<int> pageTops_;    // in the scrolled area, at the shown scale
  std::uint64_t printRequest_ = 0;
  std::uint64_t saveRequest_ = 0;
  std::uint64_t renderRequest_ = 0;
  std::filesystem::path saving_;
  std::filesystem::path lastSaved_;
  std::optional<std::int64_t> lastJob_;
  bool lastFailed_ = false;

  wxScrolledWindow* canvas_ = nullptr;
  wxStaticText* pageLabel_ = nullptr;
  wxChoice* zoomChoice_ = nullptr;
  wxStaticText* printerLabel_ = nullptr;
  wxButton* settingsButton_ = nullptr;
  wxSpinCtrl* copies_ = nullptr;
  wxStaticText* reasonLabel_ = nullptr;
  wxTextCtrl* reason_ = nullptr;
  wxButton* print_ = nullptr;
  wxButton* save_ = nullptr;
  wxStaticText* status_ = nullptr;
};

}  // namespace onewindow::app
