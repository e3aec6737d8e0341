#pragma once
// The one layout engine (DESIGN.md §10): a loaded template and a document's data become pages
// of drawing operations in millimetres. Every renderer draws these operations, so the archived
// PDF, the preview and the printed page are the same layout.
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "printing/document_data.hpp"
#include "printing/template_model.hpp"

namespace onewindow::printing {

struct TextOp {
  double x = 0, y = 0, width = 0;  // width ≤ 0: one unwrapped line
  TextStyle style;
  double sizePt = 0;  // after shrink-to-fit
  std::string text;
  int firstLine = 0, lineCount = -1;  // a paragraph split over pages draws a range of lines
};
struct RectOp {
  double x = 0, y = 0, width = 0, height = 0;
  double lineWidth = 0.25;
  bool dashed = false, ellipse = false;
  double fillGrey = -1;  // < 0: no fill
};
struct LineOp {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0, width = 0.25;
};
struct QrOp {
  double x = 0, y = 0, size = 0;  // the quiet zone is inside size
  int modules = 0;
  std::vector<bool> dark;  // modules × modules, row by row
};
struct BarsOp {
  double x = 0, y = 0, width = 0, height = 0;  // the quiet zone is inside width
  std::vector<int> modules;                    // bar, space, bar … widths in modules
  int totalModules = 0;
};
struct ImageOp {
  double x = 0, y = 0, width = 0, height = 0;
  std::string file;
};
using DrawOp = std::variant<TextOp, RectOp, LineOp, QrOp, BarsOp, ImageOp>;

struct LaidOutPage {
  double width = 0, height = 0;
  std::vector<DrawOp> stock;  // the pre-printed layer (套打): previews and archives only
  std::vector<DrawOp> ops;
};

struct LaidOutDocument {
  std::string name, kind;
  bool preprinted = false;
  int copies = 1;  // copies to ask the printer for (labelled copies are pages already)
  std::string sides = "one-sided";  // the template's IPP sides
  std::vector<LaidOutPage> pages;
  std::vector<std::string> missingFields;  // named by the template, absent from the data
};

// A value the template cannot use (a date that is not a date for the date formatter, a QR
// payload too long): the message names the template's file:line:column and the field.
class LayoutError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

LaidOutDocument layOut(const Template& document, const DocumentData& data);

}  // namespace onewindow::printing
