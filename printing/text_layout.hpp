#pragma once
// Pango text in millimetres, the same for measuring and for drawing: one layout function makes
// every PangoLayout, glyph positions unrounded and hinting off, so the lines measured while
// laying out are the lines a PDF, a preview bitmap or a printer page draws.
#include <string>

#include "printing/template_model.hpp"

typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;
typedef struct _cairo cairo_t;

namespace onewindow::printing {

// A context for measuring only (no surface); one per thread, kept for the thread's life.
PangoContext* measuringContext();
// A context for drawing on `cr`, set up like the measuring one.
PangoContext* drawingContext(cairo_t* cr);  // caller unrefs (g_object_unref)

// widthMm ≤ 0: no width, one line per paragraph. The caller unrefs the layout.
PangoLayout* makeLayout(PangoContext* context, const TextStyle& style, const std::string& text,
                        double widthMm, double sizePt);

struct TextExtent {
  double width = 0, height = 0;  // millimetres, logical extents
  int lines = 0;
};
TextExtent measure(const TextStyle& style, const std::string& text, double widthMm, double sizePt);

// Top of each line and the end of the last (lineTops.size() == lines + 1), in millimetres.
std::vector<double> lineTops(PangoLayout* layout);

}  // namespace onewindow::printing
