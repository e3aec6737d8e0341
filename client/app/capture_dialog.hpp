#pragma once
// Capturing a material (DESIGN.md §9, issue 12): the clerk picks a scanner, document camera,
// watched folder or files, captures pages into the material slot chosen on the intake
// checklist and puts them right — turn, move, delete, undo — while the applicant waits. Every
// page is kept by the engine the moment it arrives; this window only shows and asks. The
// policy of the material (dpi, colour, format, size per page and in all) and how the pages meet
// it stay in sight, and a jam or an empty feeder says what to do and which pages were kept.
//
// Keyboard first: Enter captures, Ctrl+L / Ctrl+R turn the selected page, Ctrl+Left /
// Ctrl+Right move it, Delete removes it, Ctrl+Z undoes, Escape stops a capture (else closes),
// Ctrl+Enter is Done, Ctrl+N is Done and on to the next material.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <wx/weakref.h>

#include "client/app/crop_dialog.hpp"
#include "client/app/dialog_base.hpp"
#include "client/engine/engine.hpp"
#include "forms/catalog.hpp"

class wxButton;
class wxChoice;
class wxGauge;
class wxListCtrl;
class wxImageList;
class wxStaticBitmap;
class wxStaticText;

namespace onewindow::app {

class CaptureDialog final : public DialogBase {
 public:
  // `preferredDevice`: the station's scanner from Settings, selected when it is listed.
  CaptureDialog(wxWindow* parent, engine::Engine& engine, std::string caseUuid,
                const forms::Material& material, const std::string& language,
                std::string preferredDevice = {});
  ~CaptureDialog() override;

  // Forwarded by the intake page for every engine notification.
  void onNotification(const engine::Notification& notification);
  // Told when the dialog closes (Done or Cancel): the pages now in the slot, and whether the
  // clerk asked for the next material (Ctrl+N).
  void onClosed(std::function<void(int pages, bool next)> handler) {
    onClosed_ = std::move(handler);
  }

  // What the buttons and keys do, for the keyboard handlers and the tests alike.
  bool selectDevice(const std::string& deviceId);
  void capture();
  void importFiles(const std::vector<std::filesystem::path>& files);
  void cancelCapture();
  void selectPage(int index);
  void turnSelected(int quarterTurns);
  void moveSelected(int by);
  void deleteSelected();
  void undo();
  // Opens the crop window for the selected page (once the engine has rendered it).
  void cropSelected();
  // After the fronts and then the backs went through the feeder: each back after its front.
  void interleaveSides();

  [[nodiscard]] const std::string& slotKey() const { return slotKey_; }
  [[nodiscard]] bool devicesListed() const { return devicesListed_; }
  [[nodiscard]] bool capturing() const { return captureRequest_ != 0; }
  // True while an edit or listing is on its way to the engine and back.
  [[nodiscard]] bool busy() const { return listRequest_ != 0 || capturing(); }
  [[nodiscard]] const std::vector<engine::CapturedPageView>& pages() const { return pages_; }
  [[nodiscard]] const engine::MaterialOutputSummary& summary() const { return summary_; }
  [[nodiscard]] wxString statusText() const;
  [[nodiscard]] wxString resultText() const;
  [[nodiscard]] wxString errorText() const { return message(); }
  [[nodiscard]] wxListCtrl* pageList() const { return pageList_; }
  [[nodiscard]] CropDialog* cropWindow() const { return crop_.get(); }

 private:
  bool acceptInput() override;
  void buildControls();
  void listDevices();
  void deviceChosen();
  void startPreview();
  void stopPreview();
  [[nodiscard]] bool cameraChosen() const;
  void requestPages();
  void arrange(std::vector<engine::PageArrangement> pages);
  [[nodiscard]] std::vector<engine::PageArrangement> arrangement() const;
  void showPages();
  void showSummary();
  void setStatus(const wxString& text);
  void setCapturing(std::uint64_t request);
  void close(bool next);
  [[nodiscard]] engine::ScanSettings settingsChosen() const;

  engine::Engine& engine_;
  std::string caseUuid_;
  std::string slotKey_;
  forms::ScanPolicy policy_;
  std::vector<engine::ScanDeviceEntry> devices_;
  bool devicesListed_ = false;
  std::vector<engine::CapturedPageView> pages_;
  engine::MaterialOutputSummary summary_;
  // The arrangements before each edit: Ctrl+Z sends the last one again.
  std::vector<std::vector<engine::PageArrangement>> undo_;
  int selected_ = -1;
  bool summaryStale_ = false;
  bool listIsEdit_ = false;  // the listing on its way answers an edit (undo takes it back)  //
                             // pages were processed after the listing on its way was made
  std::uint64_t devicesRequest_ = 0;
  std::uint64_t captureRequest_ = 0;
  std::uint64_t listRequest_ = 0;
  std::uint64_t renderRequest_ = 0;
  std::uint64_t previewRequest_ = 0;  // the camera preview running, if any
  std::string preferredDevice_;
  wxWeakRef<CropDialog> crop_;
  std::function<void(int, bool)> onClosed_;

  wxChoice* device_ = nullptr;
  wxChoice* source_ = nullptr;
  wxChoice* colour_ = nullptr;
  wxChoice* dpi_ = nullptr;
  wxButton* captureButton_ = nullptr;
  wxButton* importButton_ = nullptr;
  wxButton* stopButton_ = nullptr;
  wxGauge* progress_ = nullptr;
  wxStaticText* status_ = nullptr;
  wxStaticBitmap* cameraView_ = nullptr;  // the document camera's live picture
  wxListCtrl* pageList_ = nullptr;
  wxImageList* thumbnails_ = nullptr;
  wxStaticText* policyLine_ = nullptr;
  wxStaticText* result_ = nullptr;
};

}  // namespace onewindow::app
