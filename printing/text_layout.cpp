#include "printing/text_layout.hpp"

#include <pango/pangocairo.h>

namespace onewindow::printing {
namespace {

constexpr double kMmPerPoint = 25.4 / 72.0;

void setUpContext(PangoContext* context) {
  // Unrounded positions: the user unit is a millimetre, so rounding to whole units would
  // move every glyph by up to half a millimetre. No hinting, so measuring and drawing at any
  // resolution break lines at the same places.
  pango_context_set_round_glyph_positions(context, FALSE);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  pango_context_set_language(context, pango_language_from_string("zh-cn"));
}

struct ThreadContext {
  PangoFontMap* fontMap = nullptr;
  PangoContext* context = nullptr;
  ThreadContext() {
    fontMap = pango_cairo_font_map_new();
    context = pango_font_map_create_context(fontMap);
    setUpContext(context);
  }
  ~ThreadContext() {
    g_object_unref(context);
    g_object_unref(fontMap);
  }
};

}  // namespace

PangoContext* measuringContext() {
  thread_local ThreadContext context;
  return context.context;
}

PangoContext* drawingContext(cairo_t* cr) {
  PangoContext* context = pango_cairo_create_context(cr);
  setUpContext(context);
  return context;
}

PangoLayout* makeLayout(PangoContext* context, const TextStyle& style, const std::string& text,
                        double widthMm, double sizePt) {
  PangoLayout* layout = pango_layout_new(context);
  PangoFontDescription* font = pango_font_description_from_string(style.family.c_str());
  pango_font_description_set_absolute_size(font, sizePt * kMmPerPoint * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  if (widthMm > 0 && style.wrap) {
    pango_layout_set_width(layout, static_cast<int>(widthMm * PANGO_SCALE));
    // Chinese breaks between any two characters; words of Latin text stay whole where they can.
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  } else if (widthMm > 0) {
    pango_layout_set_width(layout, static_cast<int>(widthMm * PANGO_SCALE));
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
  }
  switch (style.align) {
    case Align::Left:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      break;
    case Align::Center:
      pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
      break;
    case Align::Right:
      pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
      break;
    case Align::Justify:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      pango_layout_set_justify(layout, TRUE);
      break;
  }
  if (style.lineSpacing != 1.0)
    pango_layout_set_line_spacing(layout, static_cast<float>(style.lineSpacing));
  pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
  return layout;
}

TextExtent measure(const TextStyle& style, const std::string& text, double widthMm, double sizePt) {
  PangoLayout* layout = makeLayout(measuringContext(), style, text, widthMm, sizePt);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  TextExtent extent{static_cast<double>(logical.width) / PANGO_SCALE,
                    static_cast<double>(logical.height) / PANGO_SCALE,
                    pango_layout_get_line_count(layout)};
  g_object_unref(layout);
  return extent;
}

std::vector<double> lineTops(PangoLayout* layout) {
  std::vector<double> tops;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  int y0 = 0, y1 = 0;
  do {
    pango_layout_iter_get_line_yrange(iter, &y0, &y1);
    tops.push_back(static_cast<double>(y0) / PANGO_SCALE);
  } while (pango_layout_iter_next_line(iter));
  tops.push_back(static_cast<double>(y1) / PANGO_SCALE);
  pango_layout_iter_free(iter);
  return tops;
}

}  // namespace onewindow::printing
