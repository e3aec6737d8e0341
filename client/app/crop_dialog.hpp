#pragma once
// Cropping one captured page by hand (issue 12's page editor): the page as the engine turned it,
// not yet cropped; the clerk drags the part to keep. The crop goes back in the page's own
// pixels, so the engine cuts the full-resolution page, not the preview.

#include <functional>
#include <optional>

#include "client/app/dialog_base.hpp"
#include "client/engine/engine.hpp"

class wxPanel;

namespace onewindow::app {

class CropDialog final : public DialogBase {
 public:
  // `rendered`: the engine's CapturedPageRendered for the page.
  CropDialog(wxWindow* parent, const engine::CapturedPageRendered& rendered);

  // Told with the crop when the clerk accepts (none: the whole page).
  void onAccepted(std::function<void(std::optional<engine::PixelCrop>)> handler) {
    onAccepted_ = std::move(handler);
  }
  // The selection as a drag would make it, in preview pixels (for tests and the keyboard).
  void select(int x, int y, int width, int height);
  void selectWholePage();
  [[nodiscard]] std::optional<engine::PixelCrop> crop() const;
  [[nodiscard]] std::int64_t pageId() const { return pageId_; }

 private:
  bool acceptInput() override;
  void paint();

  std::int64_t pageId_ = 0;
  wxBitmap preview_;
  double scale_ = 1;  // page pixels per preview pixel
  int pageWidth_ = 0, pageHeight_ = 0;
  std::optional<wxRect> selection_;  // preview pixels
  wxPoint dragFrom_;
  wxPanel* canvas_ = nullptr;
  std::function<void(std::optional<engine::PixelCrop>)> onAccepted_;
};

}  // namespace onewindow::app
