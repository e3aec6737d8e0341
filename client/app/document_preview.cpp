#include "client/app/document_preview.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dcclient.h>
#include <wx/filedlg.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/request_ids.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

wxString fileName(const std::filesystem::path& file) {
  return wxString::FromUTF8(reinterpret_cast<const char*>(file.u8string().c_str()));
}

// The zoom steps offered: 0 is "fit width", the others percent of the page's real size.
constexpr int kZoomSteps[] = {0, 50, 75, 100, 125, 150, 200};
constexpr double kScreenDpi = 96;  // 100 %: the page at its real size on a common screen
const wxColour kErrorColour(0xB0, 0x00, 0x20);

wxString printerRole(const std::string& printerClass) {
  if (printerClass == "stock") return _("the pre-printed stock printer");
  if (printerClass == "card") return _("the card printer");
  return _("the A4 document printer");
}

}  // namespace

wxImage documentPageImage(const engine::DocumentPage& page) {
  wxImage image(page.width, page.height, false);
  unsigned char* out = image.GetData();
  for (int y = 0; y < page.height; ++y) {
    const std::uint8_t* row = page.pixels.data() + static_cast<std::size_t>(y) * page.stride;
    for (int x = 0; x < page.width; ++x) {
      std::uint32_t word = 0;
      std::memcpy(&word, row + static_cast<std::size_t>(x) * 4, 4);
      // Premultiplied colour over white paper: c + (255 - alpha).
      const unsigned paper = 255u - (word >> 24);
      *out++ = static_cast<unsigned char>(std::min(255u, ((word >> 16) & 0xFFu) + paper));
      *out++ = static_cast<unsigned char>(std::min(255u, ((word >> 8) & 0xFFu) + paper));
      *out++ = static_cast<unsigned char>(std::min(255u, (word & 0xFFu) + paper));
    }
  }
  return image;
}

DocumentPreview::DocumentPreview(wxWindow* parent, engine::Engine& engine,
                                 const engine::DocumentReady& document, PrintingContext printing)
    : wxFrame(parent, wxID_ANY,
              wxString::Format(_("%s %s — preview"), wx(document.title), wx(document.documentNo)),
              wxDefaultPosition, wxDefaultSize, wxDEFAULT_FRAME_STYLE | wxFRAME_FLOAT_ON_PARENT),
      engine_(engine),
      document_(document),
      printing_(std::move(printing)) {
  SetName("document-preview");
  document_.pages.clear();  // kept as bitmaps below
  auto* panel = new wxPanel(this);
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);

  // The document and the page in view, with the zoom.
  auto* header = new wxBoxSizer(wxHORIZONTAL);
  auto* title = new wxStaticText(panel, wxID_ANY, wx(document.title));
  title->SetFont(title->GetFont().Scale(1.2).Bold());
  title->SetName("preview-title");
  header->Add(title, wxSizerFlags().CentreVertical());
  auto* number =
      new wxStaticText(panel, wxID_ANY, wxString::Format(_("No. %s"), wx(document.documentNo)));
  number->SetName("preview-number");
  header->Add(number, wxSizerFlags().CentreVertical().Border(wxLEFT, FromDIP(16)));
  header->AddStretchSpacer(1);
  pageLabel_ = new wxStaticText(panel, wxID_ANY, wxEmptyString);
  pageLabel_->SetName("preview-page");
  header->Add(pageLabel_, wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(16)));
  header->Add(new wxStaticText(panel, wxID_ANY, _("&Zoom:")),
              wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(4)));
  zoomChoice_ = new wxChoice(panel, wxID_ANY);
  zoomChoice_->SetName("preview-zoom");
  for (int step : kZoomSteps)
    zoomChoice_->Append(step == 0 ? _("Fit width") : wxString::Format("%d %%", step));
  zoomChoice_->SetSelection(0);
  header->Add(zoomChoice_, wxSizerFlags().CentreVertical());
  sizer->Add(header, wxSizerFlags().Expand().Border(wxALL, gap));

  // The pages on a grey desk.
  canvas_ = new wxScrolledWindow(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                 wxVSCROLL | wxHSCROLL | wxBORDER_THEME);
  canvas_->SetName("preview-pages");
  canvas_->SetBackgroundColour(wxColour(0x80, 0x80, 0x80));
  canvas_->SetBackgroundStyle(wxBG_STYLE_PAINT);
  canvas_->SetScrollRate(FromDIP(16), FromDIP(16));
  canvas_->SetMinSize(FromDIP(wxSize(400, 300)));
  sizer->Add(canvas_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, gap));

  // Where it prints.
  auto* printerRow = new wxBoxSizer(wxHORIZONTAL);
  printerLabel_ = new wxStaticText(panel, wxID_ANY, wxEmptyString);
  printerLabel_->SetName("preview-printer");
  printerRow->Add(printerLabel_, wxSizerFlags(1).CentreVertical());
  settingsButton_ = new wxButton(panel, wxID_ANY, _("Se&ttings..."));
  settingsButton_->SetName("preview-settings");
  printerRow->Add(settingsButton_, wxSizerFlags().CentreVertical().Border(wxLEFT, gap));
  sizer->Add(printerRow, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, gap));

  // A reprint says why.
  auto* reasonRow = new wxBoxSizer(wxHORIZONTAL);
  reasonLabel_ = new wxStaticText(panel, wxID_ANY, _("Printed before. &Reason for the reprint:"));
  reasonRow->Add(reasonLabel_, wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(4)));
  reason_ = new wxTextCtrl(panel, wxID_ANY);
  reason_->SetName("reprint-reason");
  reason_->SetHint(_("e.g. the applicant lost the first copy"));
  reasonRow->Add(reason_, wxSizerFlags(1).CentreVertical());
  sizer->Add(reasonRow, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, gap));

  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  actions->Add(new wxStaticText(panel, wxID_ANY, _("&Copies:")),
               wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(4)));
  copies_ = new wxSpinCtrl(panel, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                           wxSP_ARROW_KEYS, 1, 99, std::clamp(document.copies, 1, 99));
  copies_->SetName("preview-copies");
  actions->Add(copies_, wxSizerFlags().CentreVertical());
  actions->AddStretchSpacer(1);
  print_ = new wxButton(panel, wxID_ANY, _("&Print"));
  print_->SetName("preview-print");
  print_->SetDefault();
  actions->Add(print_, wxSizerFlags().CentreVertical().Border(wxLEFT, gap));
  save_ = new wxButton(panel, wxID_ANY, _("Save as P&DF..."));
  save_->SetName("preview-save-pdf");
  actions->Add(save_, wxSizerFlags().CentreVertical().Border(wxLEFT, gap));
  auto* close = new wxButton(panel, wxID_CLOSE, _("Close"));
  actions->Add(close, wxSizerFlags().CentreVertical().Border(wxLEFT, gap));
  sizer->Add(actions, wxSizerFlags().Expand().Border(wxALL, gap));

  status_ = new wxStaticText(panel, wxID_ANY, wxEmptyString);
  status_->SetName("preview-status");
  sizer->Add(status_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  panel->SetSizer(sizer);

  // Beside the main window, not over all of it: tall enough for a page's top half at the
  // width of the page.
  const wxRect area = parent != nullptr ? parent->GetScreenRect() : wxRect(0, 0, 1280, 800);
  const wxSize size(std::min(area.width - FromDIP(40), FromDIP(860)),
                    std::min(area.height - FromDIP(20), FromDIP(760)));
  SetSize(wxRect(area.x + area.width - size.x - FromDIP(10), area.y + FromDIP(10), size.x, size.y));
  SetMinSize(FromDIP(wxSize(560, 480)));

  subscription_ = engine_.subscribe([this](const engine::Notification& n) { onNotification(n); });
  canvas_->Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
    wxPaintDC dc(canvas_);
    canvas_->DoPrepareDC(dc);
    paintPages(dc);
  });
  canvas_->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    if (zoom_ == 0) CallAfter([this] { layOutPages(); });
  });
  zoomChoice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    setZoom(kZoomSteps[std::max(0, zoomChoice_->GetSelection())]);
  });
  settingsButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (printing_.openSettings) printing_.openSettings();
    refreshPrinter();
  });
  print_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { print(); });
  save_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { askSaveFile(); });
  close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });
  Bind(wxEVT_ACTIVATE, [this](wxActivateEvent& event) {
    event.Skip();
    if (event.GetActive()) refreshPrinter();
  });

  showReprint();
  refreshPrinter();
  showPages(document.pages, document.dpi);
  print_->SetFocus();
}

void DocumentPreview::refreshPrinter() {
  const settings::WorkstationSettings now =
      printing_.settings ? printing_.settings() : settings::WorkstationSettings{};
  printer_ = settings::printerFor(now, document_.printerClass);
  offset_ = settings::offsetOf(now, printer_);
  if (printer_.empty()) {
    printerLabel_->SetForegroundColour(kErrorColour);
    printerLabel_->SetLabel(wxString::Format(_("No printer is set as %s: choose one in Settings."),
                                             printerRole(document_.printerClass)));
  } else {
    printerLabel_->SetForegroundColour(wxNullColour);
    printerLabel_->SetLabel(wxString::Format(_("Prints on %s (%s)."), wx(printer_),
                                             printerRole(document_.printerClass)));
  }
  settingsButton_->Show(static_cast<bool>(printing_.openSettings));
  printerLabel_->GetParent()->Layout();
}

void DocumentPreview::showReprint() {
  reasonLabel_->Show(document_.printedBefore);
  reason_->Show(document_.printedBefore);
  if (wxWindow* panel = reason_->GetParent()) panel->Layout();
}

void DocumentPreview::print() {
  if (printRequest_ != 0) return;  // one print at a time; the button is disabled meanwhile
  refreshPrinter();
  if (printer_.empty()) {
    showStatus(wxString::Format(_("Not printed: no printer is set as %s. Choose one in "
                                  "Settings (Printers), then print again."),
                                printerRole(document_.printerClass)),
               true);
    settingsButton_->SetFocus();
    return;
  }
  const std::string reason = reason_->GetValue().Strip(wxString::both).utf8_string();
  if (document_.printedBefore && reason.empty()) {
    showStatus(_("This document was printed before: enter the reason for the reprint."), true);
    reason_->SetFocus();
    return;
  }
  printRequest_ = nextWindowRequestId();
  print_->Disable();
  lastFailed_ = false;
  lastJob_.reset();
  showStatus(wxString::Format(_("Sending to %s..."), wx(printer_)), false);
  engine_.submit(engine::PrintDocument{printRequest_,
                                       document_.documentNo,
                                       printer_,
                                       {},
                                       copies_->GetValue(),
                                       document_.printedBefore ? reason : "",
                                       offset_.x,
                                       offset_.y});
}

void DocumentPreview::saveTo(const std::filesystem::path& file) {
  saveRequest_ = nextWindowRequestId();
  saving_ = file;
  lastFailed_ = false;
  showStatus(wxString::Format(_("Saving as %s..."), fileName(file)), false);
  engine_.submit(engine::PrintDocument{saveRequest_, document_.documentNo, {}, file});
}

void DocumentPreview::askSaveFile() {
  wxFileDialog dialog(this, _("Save the document as PDF"), wxEmptyString,
                      wx(document_.documentNo) + ".pdf", _("PDF documents (*.pdf)|*.pdf"),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() != wxID_OK) return;
  saveTo(dialog.GetPath().utf8_string());
}

void DocumentPreview::onNotification(const engine::Notification& notification) {
  if (const auto* printed = std::get_if<engine::DocumentPrinted>(&notification)) {
    onPrinted(*printed);
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    onFailed(*failed);
  } else if (const auto* rendered = std::get_if<engine::DocumentPagesRendered>(&notification)) {
    if (rendered->requestId != renderRequest_) return;  // a later zoom asked again meanwhile
    renderRequest_ = 0;
    showPages(rendered->pages, rendered->dpi);
  }
}

void DocumentPreview::onPrinted(const engine::DocumentPrinted& printed) {
  if (printed.requestId == saveRequest_) {
    saveRequest_ = 0;
    lastSaved_ = printed.savedTo;
    showStatus(wxString::Format(_("Saved as %s."), fileName(printed.savedTo)), false);
    return;
  }
  if (printed.requestId != printRequest_) return;
  printRequest_ = 0;
  print_->Enable();
  lastJob_ = printed.jobId;
  const wxString where = wx(printed.printer);
  showStatus(printed.jobId ? wxString::Format(_("Printed on %s (job %lld)."), where,
                                              static_cast<long long>(*printed.jobId))
                           : wxString::Format(_("Printed on %s."), where),
             false);
  // From now on another print is a reprint: it says 补打 and needs a reason.
  document_.printedBefore = true;
  reason_->ChangeValue(wxEmptyString);
  showReprint();
  renderRequest_ = nextWindowRequestId();
  engine_.submit(engine::RenderDocumentPages{renderRequest_, document_.documentNo, renderedDpi_});
}

void DocumentPreview::onFailed(const engine::CommandFailed& failed) {
  const bool ofPrint = failed.requestId == printRequest_ && printRequest_ != 0;
  const bool ofSave = failed.requestId == saveRequest_ && saveRequest_ != 0;
  if (failed.requestId == renderRequest_ && renderRequest_ != 0) {
    renderRequest_ = 0;  // the pages shown stay, scaled
    return;
  }
  if (!ofPrint && !ofSave) return;
  lastFailed_ = true;
  const wxString why = failed.failure == engine::CommandFailure::PrintFailed
                           ? printErrorText(failed.code, failed.message)
                           : wx(failed.message);
  if (ofPrint) {
    printRequest_ = 0;
    print_->Enable();
    showStatus(wxString::Format(_("Not printed on %s: %s"), wx(printer_), why), true);
  } else {
    saveRequest_ = 0;
    showStatus(wxString::Format(_("Not saved as %s: %s"), fileName(saving_), why), true);
  }
}

void DocumentPreview::showStatus(const wxString& text, bool error) {
  status_->SetForegroundColour(error ? kErrorColour : wxNullColour);
  status_->SetLabel(text);
  status_->Wrap(status_->GetParent()->GetClientSize().GetWidth() - FromDIP(16));
  status_->GetParent()->Layout();
}

wxString DocumentPreview::statusText() const { return status_->GetLabel(); }
wxString DocumentPreview::printerText() const { return printerLabel_->GetLabel(); }
wxString DocumentPreview::pageText() const { return pageLabel_->GetLabel(); }

void DocumentPreview::setZoom(int percent) {
  zoom_ = percent;
  const auto step = std::find(std::begin(kZoomSteps), std::end(kZoomSteps), percent);
  if (step != std::end(kZoomSteps))
    zoomChoice_->SetSelection(static_cast<int>(step - std::begin(kZoomSteps)));
  layOutPages();
}

double DocumentPreview::wantedDpi() const {
  if (zoom_ > 0) return kScreenDpi * zoom_ / 100.0;
  if (pages_.empty() || renderedDpi_ <= 0) return kScreenDpi;
  const double widthInches = pages_.front().GetWidth() / renderedDpi_;
  const int available = canvas_->GetClientSize().GetWidth() - 2 * FromDIP(16) -
                        wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, canvas_);
  return std::clamp(available / widthInches, 24.0, 300.0);
}

void DocumentPreview::showPages(const std::vector<engine::DocumentPage>& pages, double dpi) {
  if (pages.empty()) return;
  pages_.clear();
  for (const engine::DocumentPage& page : pages) pages_.emplace_back(documentPageImage(page));
  renderedDpi_ = dpi;
  layOutPages();
}

void DocumentPreview::layOutPages() {
  if (pages_.empty()) {
    updatePageLabel();
    return;
  }
  const double wanted = wantedDpi();
  // Sharp pages at the new size: the engine renders them again; until then they are scaled.
  if (std::fabs(wanted - renderedDpi_) > renderedDpi_ * 0.04 && renderRequest_ == 0) {
    renderRequest_ = nextWindowRequestId();
    engine_.submit(engine::RenderDocumentPages{renderRequest_, document_.documentNo, wanted});
  }
  const double scale = wanted / renderedDpi_;
  const int margin = FromDIP(16);
  int width = 0, y = margin;
  pageTops_.clear();
  for (const wxBitmap& page : pages_) {
    pageTops_.push_back(y);
    y += static_cast<int>(std::lround(page.GetHeight() * scale)) + margin;
    width = std::max(width, static_cast<int>(std::lround(page.GetWidth() * scale)));
  }
  shown_.clear();
  if (std::fabs(scale - 1.0) >= 0.01) {
    for (const wxBitmap& page : pages_) {
      const int w = static_cast<int>(std::lround(page.GetWidth() * scale));
      const int h = static_cast<int>(std::lround(page.GetHeight() * scale));
      shown_.emplace_back(page.ConvertToImage().Scale(w, h, wxIMAGE_QUALITY_BILINEAR));
    }
  }
  canvas_->SetVirtualSize(width + 2 * margin, y);
  canvas_->Refresh();
  updatePageLabel();
}

void DocumentPreview::paintPages(wxDC& dc) {
  dc.SetBackground(wxBrush(canvas_->GetBackgroundColour()));
  dc.Clear();
  if (pages_.empty() || renderedDpi_ <= 0) return;
  const std::vector<wxBitmap>& shown = shown_.empty() ? pages_ : shown_;
  const int width = std::max(canvas_->GetVirtualSize().GetWidth(), canvas_->GetClientSize().x);
  for (std::size_t i = 0; i < shown.size() && i < pageTops_.size(); ++i) {
    const wxBitmap& page = shown[i];
    const int x = std::max(FromDIP(16), (width - page.GetWidth()) / 2);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(wxColour(0x50, 0x50, 0x50)));
    dc.DrawRectangle(x + FromDIP(3), pageTops_[i] + FromDIP(3), page.GetWidth(),
                     page.GetHeight());  // the page's shadow
    dc.DrawBitmap(page, x, pageTops_[i]);
  }
  updatePageLabel();
}

void DocumentPreview::updatePageLabel() {
  const int count = std::max(document_.pageCount, static_cast<int>(pages_.size()));
  int current = 1;
  if (!pageTops_.empty()) {
    int unitX = 1, unitY = 1;
    canvas_->GetScrollPixelsPerUnit(&unitX, &unitY);
    const int middle = canvas_->GetViewStart().y * unitY + canvas_->GetClientSize().GetHeight() / 3;
    for (std::size_t i = 0; i < pageTops_.size(); ++i)
      if (pageTops_[i] <= middle) current = static_cast<int>(i) + 1;
  }
  const wxString text = wxString::Format(_("Page %d of %d"), current, std::max(count, 1));
  if (pageLabel_->GetLabel() != text) {
    pageLabel_->SetLabel(text);
    pageLabel_->GetParent()->Layout();
  }
}

}  // namespace onewindow::app
