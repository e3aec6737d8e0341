#include "client/app/crop_dialog.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/image.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/raster_image.hpp"

namespace onewindow::app {
namespace {

wxBitmap bitmapOf(const engine::PageRaster& raster) {
  const wxImage image = imageOf(raster);
  return image.IsOk() ? wxBitmap(image) : wxBitmap(1, 1);
}

}  // namespace

CropDialog::CropDialog(wxWindow* parent, const engine::CapturedPageRendered& rendered)
    : DialogBase(parent, _("Crop the page")),
      pageId_(rendered.pageId),
      preview_(bitmapOf(rendered.preview)),
      pageWidth_(rendered.width),
      pageHeight_(rendered.height) {
  SetName("crop-page");
  if (rendered.preview.width > 0)
    scale_ = static_cast<double>(rendered.width) / rendered.preview.width;
  if (rendered.crop) {
    selection_ = wxRect(static_cast<int>(rendered.crop->x / scale_),
                        static_cast<int>(rendered.crop->y / scale_),
                        static_cast<int>(rendered.crop->width / scale_),
                        static_cast<int>(rendered.crop->height / scale_));
  }
  content()->Add(new wxStaticText(this, wxID_ANY, _("Drag over the part of the page to keep.")),
                 wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  canvas_ = new wxPanel(this, wxID_ANY, wxDefaultPosition, preview_.GetSize());
  canvas_->SetName("crop-canvas");
  canvas_->SetBackgroundStyle(wxBG_STYLE_PAINT);
  canvas_->SetCursor(wxCursor(wxCURSOR_CROSS));
  content()->Add(canvas_, wxSizerFlags().Center());
  auto* whole = new wxButton(this, wxID_ANY, _("Whole page"));
  whole->SetName("crop-whole");
  content()->Add(whole, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  finishLayout(_("Crop"));

  canvas_->Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
  canvas_->Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& event) {
    dragFrom_ = event.GetPosition();
    selection_.reset();
    canvas_->CaptureMouse();
  });
  canvas_->Bind(wxEVT_MOTION, [this](wxMouseEvent& event) {
    if (!event.Dragging() || !canvas_->HasCapture()) return;
    const wxPoint to = event.GetPosition();
    select(std::min(dragFrom_.x, to.x), std::min(dragFrom_.y, to.y), std::abs(to.x - dragFrom_.x),
           std::abs(to.y - dragFrom_.y));
  });
  canvas_->Bind(wxEVT_LEFT_UP, [this](wxMouseEvent&) {
    if (canvas_->HasCapture()) canvas_->ReleaseMouse();
  });
  canvas_->Bind(wxEVT_MOUSE_CAPTURE_LOST, [](wxMouseCaptureLostEvent&) {});
  whole->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { selectWholePage(); });
}

void CropDialog::select(int x, int y, int width, int height) {
  const wxRect bounds(wxPoint(0, 0), preview_.GetSize());
  const wxRect chosen = wxRect(x, y, width, height).Intersect(bounds);
  selection_ = chosen.IsEmpty() ? std::nullopt : std::optional<wxRect>(chosen);
  canvas_->Refresh();
}

void CropDialog::selectWholePage() {
  selection_.reset();
  canvas_->Refresh();
}

std::optional<engine::PixelCrop> CropDialog::crop() const {
  if (!selection_) return std::nullopt;
  const auto toPage = [this](int value, int limit) {
    return std::clamp(static_cast<int>(value * scale_ + 0.5), 0, limit);
  };
  engine::PixelCrop crop;
  crop.x = toPage(selection_->x, pageWidth_ - 1);
  crop.y = toPage(selection_->y, pageHeight_ - 1);
  crop.width = std::max(1, toPage(selection_->GetRight() + 1, pageWidth_) - crop.x);
  crop.height = std::max(1, toPage(selection_->GetBottom() + 1, pageHeight_) - crop.y);
  if (crop.x == 0 && crop.y == 0 && crop.width == pageWidth_ && crop.height == pageHeight_)
    return std::nullopt;  // all of it is no crop
  return crop;
}

bool CropDialog::acceptInput() {
  if (selection_ && (selection_->width < 8 || selection_->height < 8)) {
    showMessage(_("The part to keep is too small: drag over the document."));
    return false;
  }
  if (onAccepted_) onAccepted_(crop());
  return true;
}

void CropDialog::paint() {
  wxAutoBufferedPaintDC dc(canvas_);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  dc.DrawBitmap(preview_, 0, 0);
  if (!selection_) return;
  // What is cut away is greyed; the part kept has a red frame.
  dc.SetPen(*wxTRANSPARENT_PEN);
  dc.SetBrush(wxBrush(wxColour(0, 0, 0, 90)));
  const wxSize size = preview_.GetSize();
  const wxRect& s = *selection_;
  dc.DrawRectangle(0, 0, size.x, s.y);
  dc.DrawRectangle(0, s.GetBottom() + 1, size.x, size.y - s.GetBottom() - 1);
  dc.DrawRectangle(0, s.y, s.x, s.height);
  dc.DrawRectangle(s.GetRight() + 1, s.y, size.x - s.GetRight() - 1, s.height);
  dc.SetPen(wxPen(wxColour(0xD0, 0x10, 0x10), 2));
  dc.SetBrush(*wxTRANSPARENT_BRUSH);
  dc.DrawRectangle(s);
}

}  // namespace onewindow::app
