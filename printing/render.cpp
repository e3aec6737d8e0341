#include "printing/render.hpp"

#include <cairo.h>

#include <cmath>
#include <memory>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "printing/text_layout.hpp"

namespace onewindow::printing {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

void drawText(cairo_t* cr, const TextOp& op) {
  if (op.text.empty()) return;
  PangoContext* context = drawingContext(cr);
  PangoLayout* layout = makeLayout(context, op.style, op.text, op.width, op.sizePt);
  cairo_set_source_rgb(cr, op.style.grey, op.style.grey, op.style.grey);
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  int index = 0;
  double firstTop = 0;
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(iter, &y0, &y1);
    if (index == op.firstLine) firstTop = static_cast<double>(y0) / PANGO_SCALE;
    if (index >= op.firstLine && (op.lineCount < 0 || index < op.firstLine + op.lineCount)) {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
      cairo_move_to(cr, op.x + static_cast<double>(logical.x) / PANGO_SCALE,
                    op.y + baseline - firstTop);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
    }
    ++index;
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  g_object_unref(layout);
  g_object_unref(context);
}

void drawRect(cairo_t* cr, const RectOp& op) {
  cairo_new_path(cr);
  if (op.ellipse) {
    cairo_save(cr);
    cairo_translate(cr, op.x + op.width / 2, op.y + op.height / 2);
    cairo_scale(cr, op.width / 2, op.height / 2);
    cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
    cairo_restore(cr);
  } else {
    cairo_rectangle(cr, op.x, op.y, op.width, op.height);
  }
  if (op.fillGrey >= 0) {
    cairo_set_source_rgb(cr, op.fillGrey, op.fillGrey, op.fillGrey);
    cairo_fill_preserve(cr);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, op.lineWidth);
  if (op.dashed) {
    const double dashes[] = {1.5, 1.0};
    cairo_set_dash(cr, dashes, 2, 0);
  }
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

void drawLine(cairo_t* cr, const LineOp& op) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, op.width);
  cairo_move_to(cr, op.x1, op.y1);
  cairo_line_to(cr, op.x2, op.y2);
  cairo_stroke(cr);
}

void drawQr(cairo_t* cr, const QrOp& op) {
  const double module = op.size / (op.modules + 8);
  const double x0 = op.x + 4 * module, y0 = op.y + 4 * module;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < op.modules; ++y) {
    // Runs of dark modules as one rectangle each: fewer, seamless shapes in the PDF.
    for (int x = 0; x < op.modules;) {
      if (!op.dark[static_cast<std::size_t>(y) * op.modules + x]) {
        ++x;
        continue;
      }
      int end = x;
      while (end < op.modules && op.dark[static_cast<std::size_t>(y) * op.modules + end]) ++end;
      cairo_rectangle(cr, x0 + x * module, y0 + y * module, (end - x) * module, module);
      x = end;
    }
  }
  cairo_fill(cr);
}

void drawBars(cairo_t* cr, const BarsOp& op) {
  const double module = op.width / (op.totalModules + 20);
  double x = op.x + 10 * module;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (std::size_t i = 0; i < op.modules.size(); ++i) {
    const double width = op.modules[i] * module;
    if (i % 2 == 0) cairo_rectangle(cr, x, op.y, width, op.height);
    x += width;
  }
  cairo_fill(cr);
}

void drawImage(cairo_t* cr, const ImageOp& op) {
  cairo_surface_t* image = cairo_image_surface_create_from_png(op.file.c_str());
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    const std::string reason = cairo_status_to_string(cairo_surface_status(image));
    cairo_surface_destroy(image);
    throw RenderError("cannot read the image " + op.file + ": " + reason);
  }
  const double width = cairo_image_surface_get_width(image);
  const double height = cairo_image_surface_get_height(image);
  const double scale = std::min(op.width / width, op.height / height);
  cairo_save(cr);
  cairo_translate(cr, op.x + (op.width - width * scale) / 2,
                  op.y + (op.height - height * scale) / 2);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

void drawOps(cairo_t* cr, const std::vector<DrawOp>& ops) {
  for (const auto& op : ops) {
    std::visit(
        [&](const auto& item) {
          using T = std::decay_t<decltype(item)>;
          if constexpr (std::is_same_v<T, TextOp>)
            drawText(cr, item);
          else if constexpr (std::is_same_v<T, RectOp>)
            drawRect(cr, item);
          else if constexpr (std::is_same_v<T, LineOp>)
            drawLine(cr, item);
          else if constexpr (std::is_same_v<T, QrOp>)
            drawQr(cr, item);
          else if constexpr (std::is_same_v<T, BarsOp>)
            drawBars(cr, item);
          else
            drawImage(cr, item);
        },
        op);
  }
}

// A light diagonal word across the page, over the text but never hiding it.
void drawWatermark(cairo_t* cr, const LaidOutPage& page, const std::string& text) {
  TextStyle style;
  style.family = "Noto Sans CJK SC";
  style.bold = true;
  style.wrap = false;
  const double size = std::min(page.width, page.height) * 0.45 / 25.4 * 72 / 2;
  PangoContext* context = drawingContext(cr);
  PangoLayout* layout = makeLayout(context, style, text, 0, size);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  cairo_save(cr);
  cairo_translate(cr, page.width / 2, page.height / 2);
  cairo_rotate(cr, -M_PI / 6);
  cairo_move_to(cr, -static_cast<double>(logical.width) / PANGO_SCALE / 2,
                -static_cast<double>(logical.height) / PANGO_SCALE / 2);
  cairo_set_source_rgba(cr, 0.55, 0.55, 0.55, 0.28);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
  g_object_unref(layout);
  g_object_unref(context);
}

void drawPage(cairo_t* cr, const LaidOutPage& page, const RenderOptions& options) {
  if (options.includeStock) drawOps(cr, page.stock);
  cairo_save(cr);
  cairo_translate(cr, options.offsetX, options.offsetY);
  drawOps(cr, page.ops);
  cairo_restore(cr);
  if (!options.watermark.empty()) drawWatermark(cr, page, options.watermark);
}

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw RenderError(std::string(what) + ": " + cairo_status_to_string(status));
}

}  // namespace

std::string renderPdf(const LaidOutDocument& document, const RenderOptions& options) {
  if (document.pages.empty()) throw RenderError("the document has no pages");
  std::string bytes;
  const LaidOutPage& first = document.pages.front();
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      appendToString, &bytes, first.width * kPointsPerMm, first.height * kPointsPerMm);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                 options.creationDate.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE,
                                 options.creationDate.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "OneWindow");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 (options.title.empty() ? document.name : options.title).c_str());
  cairo_t* cr = cairo_create(surface);
  try {
    for (const auto& page : document.pages) {
      cairo_pdf_surface_set_size(surface, page.width * kPointsPerMm, page.height * kPointsPerMm);
      cairo_save(cr);
      cairo_scale(cr, kPointsPerMm, kPointsPerMm);
      drawPage(cr, page, options);
      cairo_restore(cr);
      cairo_show_page(cr);
    }
  } catch (...) {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    throw;
  }
  check(cairo_status(cr), "drawing the PDF");
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  check(status, "writing the PDF");
  return bytes;
}

namespace {

cairo_surface_t* rasterise(const LaidOutDocument& document, std::size_t index, double dpi,
                           const RenderOptions& options) {
  if (index >= document.pages.size()) throw RenderError("no page " + std::to_string(index + 1));
  const LaidOutPage& page = document.pages[index];
  const double scale = dpi / 25.4;
  cairo_surface_t* surface = cairo_image_surface_create(
      CAIRO_FORMAT_ARGB32, static_cast<int>(std::lround(page.width * scale)),
      static_cast<int>(std::lround(page.height * scale)));
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  try {
    drawPage(cr, page, options);
  } catch (...) {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    throw;
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return surface;
}

}  // namespace

RasterPage renderPage(const LaidOutDocument& document, std::size_t page, double dpi,
                      const RenderOptions& options) {
  cairo_surface_t* surface = rasterise(document, page, dpi, options);
  RasterPage raster;
  raster.width = cairo_image_surface_get_width(surface);
  raster.height = cairo_image_surface_get_height(surface);
  raster.stride = cairo_image_surface_get_stride(surface);
  const auto* data = cairo_image_surface_get_data(surface);
  raster.pixels.assign(data, data + static_cast<std::size_t>(raster.stride) * raster.height);
  cairo_surface_destroy(surface);
  return raster;
}

void writePagePng(const LaidOutDocument& document, std::size_t page, double dpi,
                  const std::string& path, const RenderOptions& options) {
  cairo_surface_t* surface = rasterise(document, page, dpi, options);
  const cairo_status_t status = cairo_surface_write_to_png(surface, path.c_str());
  cairo_surface_destroy(surface);
  check(status, ("writing " + path).c_str());
}

}  // namespace onewindow::printing
