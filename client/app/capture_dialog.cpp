#include "client/app/capture_dialog.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/imaglist.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

#include "client/app/guide_view.hpp"
#include "client/app/raster_image.hpp"
#include "client/app/request_ids.hpp"
#include "client/app/wx_string.hpp"
#include "client/engine/page_processing.hpp"

namespace onewindow::app {
namespace {

constexpr int kThumbWidth = 120, kThumbHeight = 160;
constexpr int kFilesDevice = -2;  // the device list's last entry: import files

enum CommandId {
  kTurnLeft = wxID_HIGHEST + 700,
  kTurnRight,
  kMoveBack,
  kMoveOn,
  kDelete,
  kUndo,
  kCrop,
  kInterleave,
  kDone,
  kDoneNext,
};

// The engine's thumbnail on a white tile of one size (an image list holds one size).
wxBitmap tileOf(const engine::PageRaster& raster, bool processing) {
  wxImage tile(kThumbWidth, kThumbHeight);
  tile.SetRGB(wxRect(0, 0, kThumbWidth, kThumbHeight), 0xEE, 0xEE, 0xEE);
  if (raster.valid()) {
    wxImage page = imageOf(raster);
    const double scale = std::min(static_cast<double>(kThumbWidth - 8) / raster.width,
                                  static_cast<double>(kThumbHeight - 8) / raster.height);
    const int w = std::max(1, static_cast<int>(raster.width * scale));
    const int h = std::max(1, static_cast<int>(raster.height * scale));
    page.Rescale(w, h, wxIMAGE_QUALITY_HIGH);
    tile.Paste(page, (kThumbWidth - w) / 2, (kThumbHeight - h) / 2);
  }
  if (processing) {  // a grey band says the page is still being processed
    tile.SetRGB(wxRect(0, kThumbHeight - 12, kThumbWidth, 12), 0xC8, 0xC8, 0xC8);
  }
  return wxBitmap(tile);
}

const char* sourceLabel(scan::PaperSource source) {
  switch (source) {
    case scan::PaperSource::Flatbed:
      return "Flatbed";
    case scan::PaperSource::Feeder:
      return "Feeder";
    case scan::PaperSource::FeederDuplex:
      return "Feeder, both sides";
    case scan::PaperSource::Camera:
      return "Document camera";
    case scan::PaperSource::Files:
      return "Files";
  }
  return "Flatbed";
}

}  // namespace

CaptureDialog::CaptureDialog(wxWindow* parent, engine::Engine& engine, std::string caseUuid,
                             const forms::Material& material, const std::string& language,
                             std::string preferredDevice)
    : DialogBase(parent, wxString::Format(_("Capture: %s"), wx(material.name.in(language)))),
      engine_(engine),
      caseUuid_(std::move(caseUuid)),
      slotKey_(material.key),
      policy_(material.scan),
      preferredDevice_(std::move(preferredDevice)) {
  SetName("capture-" + wx(slotKey_));
  buildControls();
  finishLayout(_("Done"));
  SetSize(FromDIP(wxSize(860, 640)));
  CentreOnParent();
  listDevices();
  requestPages();
}

CaptureDialog::~CaptureDialog() {
  // Closing the window never loses a page: they are in the store. A capture still running
  // is stopped so the device is free for the next material.
  if (captureRequest_ != 0) engine_.submit(engine::CancelCapture{captureRequest_});
  if (previewRequest_ != 0) engine_.submit(engine::StopCameraPreview{});
  if (thumbnails_ != nullptr) delete thumbnails_;
}

void CaptureDialog::buildControls() {
  auto* devices = new wxFlexGridSizer(4, FromDIP(6), FromDIP(8));
  const auto labelled = [&](const wxString& label, wxChoice* choice) {
    devices->Add(new wxStaticText(this, wxID_ANY, label), wxSizerFlags().CenterVertical());
    devices->Add(choice, wxSizerFlags(1).Expand());
  };
  device_ = new wxChoice(this, wxID_ANY);
  device_->SetName("capture-device");
  device_->Append(_("Looking for scanners…"));
  device_->SetSelection(0);
  source_ = new wxChoice(this, wxID_ANY);
  source_->SetName("capture-source");
  colour_ = new wxChoice(this, wxID_ANY);
  colour_->SetName("capture-colour");
  colour_->Append(_("Colour"));
  colour_->Append(_("Grey"));
  colour_->Append(_("Black and white"));
  colour_->SetSelection(static_cast<int>(engine::colourModeOf(policy_.colour)));
  dpi_ = new wxChoice(this, wxID_ANY);
  dpi_->SetName("capture-dpi");
  labelled(_("Device"), device_);
  labelled(_("Source"), source_);
  labelled(_("Colour"), colour_);
  labelled(_("Resolution"), dpi_);
  devices->AddGrowableCol(1, 2);
  devices->AddGrowableCol(3, 1);
  content()->Add(devices, wxSizerFlags().Expand());

  auto* captureRow = new wxBoxSizer(wxHORIZONTAL);
  captureButton_ = new wxButton(this, wxID_ANY, _("Scan (Enter)"));
  captureButton_->SetName("capture-start");
  importButton_ = new wxButton(this, wxID_ANY, _("Import files…"));
  importButton_->SetName("capture-import");
  stopButton_ = new wxButton(this, wxID_ANY, _("Stop (Esc)"));
  stopButton_->SetName("capture-stop");
  stopButton_->Disable();
  progress_ = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(160, -1)));
  status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  status_->SetName("capture-status");
  for (wxWindow* control :
       std::initializer_list<wxWindow*>{captureButton_, importButton_, stopButton_})
    captureRow->Add(control, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  captureRow->Add(progress_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
  captureRow->Add(status_, wxSizerFlags(1).CenterVertical());
  content()->Add(captureRow, wxSizerFlags().Expand().Border(wxTOP, FromDIP(8)));

  cameraView_ = new wxStaticBitmap(this, wxID_ANY, wxBitmap(FromDIP(360), FromDIP(270)));
  cameraView_->SetName("camera-preview");
  cameraView_->Hide();  // shown while a document camera is the device
  content()->Add(cameraView_, wxSizerFlags().Center().Border(wxTOP, FromDIP(8)));

  thumbnails_ = new wxImageList(kThumbWidth, kThumbHeight, false);
  pageList_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 260)),
                             wxLC_ICON | wxLC_SINGLE_SEL | wxLC_AUTOARRANGE);
  pageList_->SetName("capture-pages");
  pageList_->SetImageList(thumbnails_, wxIMAGE_LIST_NORMAL);
  content()->Add(pageList_, wxSizerFlags(1).Expand().Border(wxTOP, FromDIP(8)));

  auto* editing = new wxBoxSizer(wxHORIZONTAL);
  const auto editButton = [&](int id, const wxString& label, const char* name) {
    auto* button = new wxButton(this, id, label);
    button->SetName(name);
    editing->Add(button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  };
  editButton(kTurnLeft, _("Turn left (Ctrl+L)"), "page-turn-left");
  editButton(kTurnRight, _("Turn right (Ctrl+R)"), "page-turn-right");
  editButton(kMoveBack, _("Move back (Ctrl+←)"), "page-move-back");
  editButton(kMoveOn, _("Move on (Ctrl+→)"), "page-move-on");
  editButton(kDelete, _("Delete (Del)"), "page-delete");
  editButton(kCrop, _("Crop… (Ctrl+K)"), "page-crop");
  editButton(kUndo, _("Undo (Ctrl+Z)"), "page-undo");
  editButton(kInterleave, _("Interleave both sides"), "page-interleave");
  FindWindow(kInterleave)
      ->SetToolTip(_("After scanning the fronts and then the backs (the stack turned over): put "
                     "each back after its front"));
  content()->Add(editing, wxSizerFlags().Border(wxTOP, FromDIP(6)));

  policyLine_ =
      new wxStaticText(this, wxID_ANY, wxString::Format(_("Policy: %s"), scanPolicyText(policy_)));
  policyLine_->SetName("capture-policy");
  content()->Add(policyLine_, wxSizerFlags().Border(wxTOP, FromDIP(8)));
  result_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  result_->SetName("capture-result");
  content()->Add(result_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(2)));

  device_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { deviceChosen(); });
  captureButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { capture(); });
  importButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxFileDialog chooser(
        this, _("Import files"), wxEmptyString, wxEmptyString,
        _("Scans (*.pdf;*.jpg;*.jpeg;*.png;*.tif;*.tiff)|*.pdf;*.jpg;*.jpeg;*.png;*.tif;*.tiff"),
        wxFD_OPEN | wxFD_FILE_MUST_EXIST | wxFD_MULTIPLE);
    if (chooser.ShowModal() != wxID_OK) return;
    wxArrayString paths;
    chooser.GetPaths(paths);
    std::vector<std::filesystem::path> files;
    for (const wxString& path : paths) files.emplace_back(path.utf8_string());
    importFiles(files);
  });
  stopButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancelCapture(); });
  pageList_->Bind(wxEVT_LIST_ITEM_SELECTED,
                  [this](wxListEvent& event) { selected_ = static_cast<int>(event.GetIndex()); });
  // Each editing action answers its button and its key alike.
  const std::pair<int, std::function<void()>> actions[] = {
      {kTurnLeft, [this] { turnSelected(3); }},  {kTurnRight, [this] { turnSelected(1); }},
      {kMoveBack, [this] { moveSelected(-1); }}, {kMoveOn, [this] { moveSelected(1); }},
      {kDelete, [this] { deleteSelected(); }},   {kUndo, [this] { undo(); }},
      {kCrop, [this] { cropSelected(); }},       {kInterleave, [this] { interleaveSides(); }},
      {kDone, [this] { close(false); }},         {kDoneNext, [this] { close(true); }}};
  for (const auto& [id, action] : actions) {
    Bind(
        wxEVT_BUTTON, [action](wxCommandEvent&) { action(); }, id);
    Bind(
        wxEVT_MENU, [action](wxCommandEvent&) { action(); }, id);
  }
  wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, 'L', kTurnLeft},
                               {wxACCEL_CTRL, 'R', kTurnRight},
                               {wxACCEL_CTRL, WXK_LEFT, kMoveBack},
                               {wxACCEL_CTRL, WXK_RIGHT, kMoveOn},
                               {wxACCEL_NORMAL, WXK_DELETE, kDelete},
                               {wxACCEL_CTRL, 'Z', kUndo},
                               {wxACCEL_CTRL, 'K', kCrop},
                               {wxACCEL_CTRL, WXK_RETURN, kDone},
                               {wxACCEL_CTRL, 'N', kDoneNext}};
  SetAcceleratorTable(wxAcceleratorTable(static_cast<int>(std::size(keys)), keys));
  // Escape stops a capture first; only without one does it close the window. Enter captures
  // (the OK button is Done, reached with Ctrl+Enter, so Enter never closes by accident).
  Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
    if (event.GetKeyCode() == WXK_ESCAPE && capturing()) {
      cancelCapture();
      return;
    }
    if ((event.GetKeyCode() == WXK_RETURN || event.GetKeyCode() == WXK_NUMPAD_ENTER) &&
        event.GetModifiers() == wxMOD_NONE && dynamic_cast<wxButton*>(FindFocus()) == nullptr) {
      capture();
      return;
    }
    event.Skip();
  });
  // Cancel, Escape and the window's close button end the window as Done does: every page is
  // kept already, and the checklist must hear how many there are.
  Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { close(false); }, wxID_CANCEL);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
    if (capturing() && event.CanVeto()) {
      event.Veto();
      showMessage(_("A capture is running: stop it (Esc) or wait for it to end."));
      return;
    }
    close(false);
  });
}

void CaptureDialog::listDevices() {
  devicesRequest_ = nextWindowRequestId();
  engine_.submit(engine::ListScanDevices{devicesRequest_});
}

void CaptureDialog::requestPages() {
  listIsEdit_ = false;
  listRequest_ = nextWindowRequestId();
  engine_.submit(engine::ListCapturedPages{listRequest_, caseUuid_, slotKey_, kThumbHeight});
}

bool CaptureDialog::selectDevice(const std::string& deviceId) {
  for (std::size_t i = 0; i < devices_.size(); ++i) {
    if (devices_[i].device.id == deviceId) {
      device_->SetSelection(static_cast<int>(i));
      deviceChosen();
      return true;
    }
  }
  return false;
}

bool CaptureDialog::cameraChosen() const {
  const int index = device_->GetSelection();
  return index >= 0 && index < static_cast<int>(devices_.size()) &&
         devices_[static_cast<std::size_t>(index)].device.driver == "camera";
}

void CaptureDialog::startPreview() {
  previewRequest_ = nextWindowRequestId();
  engine_.submit(engine::StartCameraPreview{
      previewRequest_, devices_[static_cast<std::size_t>(device_->GetSelection())].device.id,
      FromDIP(360)});
}

void CaptureDialog::stopPreview() {
  if (previewRequest_ == 0) return;
  previewRequest_ = 0;
  engine_.submit(engine::StopCameraPreview{});
}

void CaptureDialog::deviceChosen() {
  source_->Clear();
  dpi_->Clear();
  // A document camera shows its live picture; the Scan button takes the still.
  stopPreview();
  cameraView_->Show(cameraChosen());
  if (cameraChosen()) startPreview();
  Layout();
  const int index = device_->GetSelection();
  if (index < 0 || index >= static_cast<int>(devices_.size())) return;
  const engine::ScanCapabilities& caps = devices_[static_cast<std::size_t>(index)].capabilities;
  for (const scan::PaperSource source : caps.sources) source_->Append(sourceLabel(source));
  if (!caps.sources.empty()) source_->SetSelection(0);
  // The resolutions a clerk needs, snapped to what the device does; the policy's preselected.
  std::vector<int> offered;
  for (const int wanted : {150, 200, 300, 400, 600}) {
    const int snapped = caps.resolutions.snap(wanted);
    if (std::find(offered.begin(), offered.end(), snapped) == offered.end())
      offered.push_back(snapped);
  }
  const int preferred = caps.resolutions.snap(policy_.dpi);
  for (const int dpi : offered) {
    dpi_->Append(wxString::Format("%d dpi", dpi),
                 reinterpret_cast<void*>(static_cast<intptr_t>(dpi)));
    if (dpi == preferred) dpi_->SetSelection(static_cast<int>(dpi_->GetCount()) - 1);
  }
  captureButton_->Enable(!capturing());
}

engine::ScanSettings CaptureDialog::settingsChosen() const {
  engine::ScanSettings settings;
  const int index = device_->GetSelection();
  if (index >= 0 && index < static_cast<int>(devices_.size())) {
    const auto& sources = devices_[static_cast<std::size_t>(index)].capabilities.sources;
    const int source = source_->GetSelection();
    if (source >= 0 && source < static_cast<int>(sources.size()))
      settings.source = sources[static_cast<std::size_t>(source)];
  }
  settings.mode = static_cast<scan::ColourMode>(std::max(0, colour_->GetSelection()));
  if (dpi_->GetSelection() >= 0)
    settings.dpi =
        static_cast<int>(reinterpret_cast<intptr_t>(dpi_->GetClientData(dpi_->GetSelection())));
  else
    settings.dpi = policy_.dpi;
  return settings;
}

void CaptureDialog::setCapturing(std::uint64_t request) {
  captureRequest_ = request;
  captureButton_->Enable(request == 0 && !devices_.empty());
  importButton_->Enable(request == 0);
  stopButton_->Enable(request != 0);
  if (request == 0) progress_->SetValue(0);
}

void CaptureDialog::capture() {
  if (capturing()) return;
  const int index = device_->GetSelection();
  if (index < 0 || index >= static_cast<int>(devices_.size())) {
    showMessage(
        _("No scanner is connected. Import the files instead, or connect a scanner and open this "
          "window again."));
    return;
  }
  clearMessage();
  previewRequest_ = 0;  // the engine gives the camera to the capture; frames still coming are old
  const std::uint64_t request = nextWindowRequestId();
  setCapturing(request);
  setStatus(_("Scanning…"));
  engine_.submit(engine::StartCapture{request,
                                      caseUuid_,
                                      slotKey_,
                                      devices_[static_cast<std::size_t>(index)].device.id,
                                      settingsChosen(),
                                      {}});
}

void CaptureDialog::importFiles(const std::vector<std::filesystem::path>& files) {
  if (capturing() || files.empty()) return;
  clearMessage();
  const std::uint64_t request = nextWindowRequestId();
  setCapturing(request);
  setStatus(_("Importing…"));
  engine::ScanSettings settings;
  settings.source = scan::PaperSource::Files;
  settings.dpi = policy_.dpi;
  engine_.submit(engine::StartCapture{request, caseUuid_, slotKey_, "files", settings, files});
}

void CaptureDialog::cancelCapture() {
  if (!capturing()) return;
  setStatus(_("Stopping…"));
  engine_.submit(engine::CancelCapture{captureRequest_});
}

std::vector<engine::PageArrangement> CaptureDialog::arrangement() const {
  std::vector<engine::PageArrangement> pages;
  for (const engine::CapturedPageView& page : pages_)
    pages.push_back({page.pageId, page.quarterTurns, page.crop});
  return pages;
}

void CaptureDialog::arrange(std::vector<engine::PageArrangement> pages) {
  undo_.push_back(arrangement());
  listIsEdit_ = true;
  listRequest_ = nextWindowRequestId();
  engine_.submit(engine::ArrangeCapturedPages{listRequest_, caseUuid_, slotKey_, std::move(pages),
                                              kThumbHeight});
}

void CaptureDialog::selectPage(int index) {
  if (index < 0 || index >= pageList_->GetItemCount()) return;
  selected_ = index;
  pageList_->SetItemState(index, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  pageList_->EnsureVisible(index);
}

void CaptureDialog::turnSelected(int quarterTurns) {
  if (selected_ < 0 || selected_ >= static_cast<int>(pages_.size()) || busy()) return;
  auto pages = arrangement();
  auto& page = pages[static_cast<std::size_t>(selected_)];
  page.quarterTurns = (page.quarterTurns + quarterTurns) % 4;
  page.crop.reset();  // a crop was drawn on the page as it was turned before
  arrange(std::move(pages));
}

void CaptureDialog::moveSelected(int by) {
  const int to = selected_ + by;
  if (selected_ < 0 || to < 0 || to >= static_cast<int>(pages_.size()) || busy()) return;
  auto pages = arrangement();
  std::swap(pages[static_cast<std::size_t>(selected_)], pages[static_cast<std::size_t>(to)]);
  selected_ = to;
  arrange(std::move(pages));
}

void CaptureDialog::deleteSelected() {
  if (selected_ < 0 || selected_ >= static_cast<int>(pages_.size()) || busy()) return;
  auto pages = arrangement();
  pages.erase(pages.begin() + selected_);
  selected_ = std::min(selected_, static_cast<int>(pages.size()) - 1);
  arrange(std::move(pages));
}

void CaptureDialog::undo() {
  if (undo_.empty() || busy()) return;
  std::vector<engine::PageArrangement> previous = std::move(undo_.back());
  undo_.pop_back();
  listIsEdit_ = false;  // an undo that fails leaves nothing more to take back
  listRequest_ = nextWindowRequestId();
  engine_.submit(engine::ArrangeCapturedPages{listRequest_, caseUuid_, slotKey_,
                                              std::move(previous), kThumbHeight});
}

void CaptureDialog::cropSelected() {
  if (selected_ < 0 || selected_ >= static_cast<int>(pages_.size()) || busy()) return;
  renderRequest_ = nextWindowRequestId();
  engine_.submit(engine::RenderCapturedPage{renderRequest_, caseUuid_, slotKey_,
                                            pages_[static_cast<std::size_t>(selected_)].pageId,
                                            FromDIP(560)});
}

void CaptureDialog::interleaveSides() {
  if (pages_.size() < 2 || busy()) return;
  undo_.push_back(arrangement());
  listIsEdit_ = true;
  listRequest_ = nextWindowRequestId();
  engine::ArrangeCapturedPages command{listRequest_, caseUuid_, slotKey_, {}, kThumbHeight};
  command.interleaveDuplex = true;
  engine_.submit(std::move(command));
}

void CaptureDialog::setStatus(const wxString& text) { status_->SetLabel(text); }

wxString CaptureDialog::statusText() const { return status_->GetLabel(); }

wxString CaptureDialog::resultText() const { return result_->GetLabel(); }

void CaptureDialog::showPages() {
  pageList_->Freeze();
  pageList_->DeleteAllItems();
  thumbnails_->RemoveAll();
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    const engine::CapturedPageView& page = pages_[i];
    const int image = thumbnails_->Add(tileOf(page.thumbnail, !page.output));
    wxString label = wxString::Format(_("Page %d"), static_cast<int>(i) + 1);
    if (!page.problem.empty()) {
      label += " · " + _("processing failed");
    } else if (page.output) {
      label += " · " + bytesText(page.output->sizeBytes);
      if (page.output->blank) label += " · " + _("blank?");
      if (!page.output->withinLimit) label += " · " + _("too large");
    } else {
      label += " · " + _("processing");
    }
    pageList_->InsertItem(static_cast<long>(i), label, image);
  }
  pageList_->Thaw();
  if (!pages_.empty()) selectPage(std::clamp(selected_, 0, static_cast<int>(pages_.size()) - 1));
}

void CaptureDialog::showSummary() {
  wxString text = wxString::Format(wxPLURAL("%d page", "%d pages", summary_.pages), summary_.pages);
  text += " · " + bytesText(summary_.bytes);
  if (summary_.processed < summary_.pages) {
    text += " · " + _("processing…");
    result_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  } else if (summary_.withinLimit && summary_.blankPages == 0) {
    text += " · " + _("meets the policy");
    result_->SetForegroundColour(wxColour(0x1B, 0x5E, 0x20));
  } else {
    result_->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
  }
  for (const std::string& warning : summary_.warnings) text += "\n" + wx(warning);
  result_->SetLabel(text);
  Layout();
}

void CaptureDialog::onNotification(const engine::Notification& notification) {
  if (const auto* listed = std::get_if<engine::ScanDevicesListed>(&notification)) {
    if (listed->requestId != devicesRequest_) return;
    devicesListed_ = true;
    devices_ = listed->devices;
    device_->Clear();
    for (const engine::ScanDeviceEntry& entry : devices_) device_->Append(wx(entry.device.label()));
    if (devices_.empty()) {
      device_->Append(_("No scanner found"));
      setStatus(_("No scanner found: import files instead."));
    }
    device_->SetSelection(0);
    for (std::size_t i = 0; i < devices_.size(); ++i) {
      if (devices_[i].device.id == preferredDevice_) device_->SetSelection(static_cast<int>(i));
    }
    deviceChosen();
    for (const std::string& problem : listed->problems) showMessage(wx(problem));
    captureButton_->Enable(!devices_.empty() && !capturing());
  } else if (const auto* progress = std::get_if<engine::CaptureProgress>(&notification)) {
    if (progress->requestId != captureRequest_) return;
    if (progress->fraction < 0) {
      progress_->Pulse();
      setStatus(wxString::Format(_("Page %d…"), progress->pageIndex + 1));
    } else {
      progress_->SetValue(static_cast<int>(progress->fraction * 1000));
    }
  } else if (const auto* frame = std::get_if<engine::CameraFrame>(&notification)) {
    if (frame->requestId != previewRequest_ || !frame->frame.valid()) return;
    cameraView_->SetBitmap(wxBitmap(imageOf(frame->frame)));
  } else if (const auto* previewEnded = std::get_if<engine::CameraPreviewEnded>(&notification)) {
    if (previewEnded->requestId != previewRequest_) return;
    previewRequest_ = 0;
    showMessage(wx(previewEnded->message));
  } else if (const auto* stored = std::get_if<engine::CapturedPageStored>(&notification)) {
    if (stored->caseUuid != caseUuid_ || stored->slotKey != slotKey_) return;
    engine::CapturedPageView page;
    page.pageId = stored->pageId;
    page.position = stored->position;
    pages_.push_back(page);
    // An undo goes back to an earlier order of the pages there were; pages captured since stay.
    for (auto& snapshot : undo_) snapshot.push_back({stored->pageId});
    selected_ = static_cast<int>(pages_.size()) - 1;
    summary_.pages = static_cast<int>(pages_.size());
    showPages();
    showSummary();
    setStatus(wxString::Format(_("Page %d kept."), static_cast<int>(pages_.size())));
  } else if (const auto* processed = std::get_if<engine::CapturedPageProcessed>(&notification)) {
    if (processed->caseUuid != caseUuid_ || processed->slotKey != slotKey_) return;
    const auto found = std::find_if(pages_.begin(), pages_.end(), [&](const auto& page) {
      return page.pageId == processed->page.pageId;
    });
    if (found == pages_.end()) return;
    const int position = found->position;
    *found = processed->page;
    found->position = position;
    showPages();
    if (!processed->page.problem.empty())
      showMessage(
          wxString::Format(_("A page could not be processed: %s"), wx(processed->page.problem)));
    // The summary is the engine's: ask again once nothing is left to process (after the
    // listing on its way, if there is one: it may have been made before this page was done).
    if (std::all_of(pages_.begin(), pages_.end(), [](const auto& page) { return page.output; })) {
      if (busy())
        summaryStale_ = true;
      else
        requestPages();
    }
  } else if (const auto* ended = std::get_if<engine::CaptureEnded>(&notification)) {
    if (ended->requestId != captureRequest_) return;
    setCapturing(0);
    if (cameraChosen()) startPreview();  // the still took the camera from the preview
    summaryStale_ = false;  // the listing asked for below comes after every page stored
    if (ended->error) {
      showMessage(wx(ended->message));
      setStatus(_("Stopped."));
    } else {
      setStatus(ended->cancelled ? _("Stopped.") + " " + wx(ended->message) : wx(ended->message));
    }
    requestPages();
  } else if (const auto* pages = std::get_if<engine::CapturedPagesListed>(&notification)) {
    if (pages->requestId != listRequest_) return;
    listRequest_ = 0;
    pages_ = pages->pages;
    summary_ = pages->summary;
    showPages();
    showSummary();
    if (summaryStale_ && !capturing()) {
      summaryStale_ = false;
      requestPages();
    }
  } else if (const auto* rendered = std::get_if<engine::CapturedPageRendered>(&notification)) {
    if (rendered->requestId != renderRequest_) return;
    renderRequest_ = 0;
    if (crop_) crop_->Destroy();
    crop_ = new CropDialog(this, *rendered);
    crop_->onAccepted([this, pageId = rendered->pageId,
                       turns = rendered->quarterTurns](std::optional<engine::PixelCrop> crop) {
      const auto shown = std::find_if(pages_.begin(), pages_.end(),
                                      [&](const auto& each) { return each.pageId == pageId; });
      if (shown == pages_.end() || shown->quarterTurns != turns) {
        showMessage(_("The page was turned or removed meanwhile: crop it again."));
        return;
      }
      if (busy()) {
        showMessage(_("Wait until the pages are in place, then crop again."));
        return;
      }
      auto arranged = arrangement();
      for (engine::PageArrangement& page : arranged) {
        if (page.pageId == pageId) page.crop = crop;
      }
      arrange(std::move(arranged));
    });
    crop_->Show();
    crop_->Raise();
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    if (failed->requestId == renderRequest_) {
      renderRequest_ = 0;
      showMessage(wx(failed->message));
      return;
    }
    if (failed->requestId == captureRequest_) {
      setCapturing(0);
      showMessage(wx(failed->message));
    } else if (failed->requestId == listRequest_) {
      listRequest_ = 0;
      if (listIsEdit_ && !undo_.empty()) undo_.pop_back();  // the edit did not happen
      showMessage(wx(failed->message));
    }
  }
}

bool CaptureDialog::acceptInput() {
  if (capturing()) {
    showMessage(_("A capture is running: stop it (Esc) or wait for it to end."));
    return false;
  }
  if (onClosed_) onClosed_(static_cast<int>(pages_.size()), false);
  return true;
}

void CaptureDialog::close(bool next) {
  if (capturing()) {
    showMessage(_("A capture is running: stop it (Esc) or wait for it to end."));
    return;
  }
  if (onClosed_) onClosed_(static_cast<int>(pages_.size()), next);
  closeAccepted();
}

}  // namespace onewindow::app
