#pragma once
// A document template as loaded (printing/README.md, "Template format"). Lengths are in
// millimetres from the page's top-left corner, font sizes in points. The loader has checked
// everything a layout needs, so laying out a loaded template fails only on its data.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "forms/diagnostics.hpp"

namespace onewindow::printing {

enum class Align { Left, Center, Right, Justify };

struct TextStyle {
  std::string family = "Noto Serif CJK SC";
  double sizePt = 10.5;
  bool bold = false;
  Align align = Align::Left;
  double lineSpacing = 1.0;  // multiple of the font's natural line height (≈1.45 em for Noto CJK)
  bool wrap = true;          // false: one line; with shrink, the size falls until it fits
  bool shrink = false;       // shrink-to-fit inside the element's box
  double minSizePt = 6;
  double grey = 0;  // 0 black … 1 white
};

// Text with fields: literal runs and {path|formatter:argument} references, parsed at load.
struct TextPart {
  bool field = false;
  std::string text;  // the literal, or the field's path
  std::string formatter;
  std::string argument;
};
struct TextTemplate {
  std::vector<TextPart> parts;
  [[nodiscard]] bool empty() const { return parts.empty(); }
};

// Where an element sits: absolute on the page, or relative to the block that holds it.
struct Box {
  double x = 0, y = 0, width = 0, height = 0;
};

struct TextElement {
  Box box;  // height 0: as tall as the text
  TextStyle style;
  TextTemplate content;
  bool border = false;
};
struct QrElement {
  Box box;  // square: width is the side, the quiet zone included
  TextTemplate value;
};
struct BarcodeElement {
  Box box;
  TextTemplate value;
  bool humanReadable = true;
};
struct ImageElement {
  Box box;
  std::string file;  // resolved against the template's directory at load
};
enum class FrameKind { Box, Seal, Signature };
struct FrameElement {
  Box box;
  FrameKind kind = FrameKind::Box;
  TextTemplate label;
  bool dashed = false;
};
struct LineElement {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0, widthMm = 0.25;
};
using Element =
    std::variant<TextElement, QrElement, BarcodeElement, ImageElement, FrameElement, LineElement>;

// A condition on the data: a field equal / not equal to a text, or a field or list (not) empty.
struct Condition {
  std::string field;  // or
  std::string list;
  std::optional<std::string> equals, notEquals;
  std::optional<bool> empty;
};

struct FlowItem;

struct FlowText {
  TextStyle style;
  TextTemplate content;
  double spaceBefore = 0, spaceAfter = 1.5, indent = 0;
};
struct FlowField {
  std::string label;
  TextTemplate value;
  bool optional = false;  // left out, not printed blank, when its value is empty
};
// "标签：值" pairs in one or more columns, the common heading block of a notice.
struct FlowFields {
  TextStyle style;
  double labelWidth = 25;
  int columns = 1;
  std::vector<FlowField> fields;
  double spaceAfter = 2;
};
struct TableColumn {
  std::string title;
  double width = 0;  // 0: what is left of the body width, shared by such columns
  Align align = Align::Left;
  TextTemplate value;  // fields relative to the row; {row.index} is 1-based
};
struct FlowTable {
  std::string list;
  TextStyle style, headerStyle;
  std::vector<TableColumn> columns;
  std::string emptyText;  // one spanning row when the list is empty
  double padding = 1.2;
  double spaceAfter = 3;
};
// Absolutely placed elements in a band of the flow (seal and signature areas, a QR corner).
struct FlowBlock {
  double height = 0;
  std::vector<Element> elements;
  double spaceAfter = 0;
};
struct FlowIf {
  Condition condition;
  std::vector<FlowItem> then, otherwise;
};
struct FlowSpace {
  double height = 0;
};
struct FlowPageBreak {};

struct FlowItem {
  forms::Diagnostic where;  // for errors found while laying out this item's data
  std::variant<FlowText, FlowFields, FlowTable, FlowBlock, FlowIf, FlowSpace, FlowPageBreak> item;
};

struct Template {
  std::string file, directory;
  std::string name;  // 受理通知书
  std::string kind;  // acceptance-notice
  double pageWidth = 210, pageHeight = 297;
  double marginTop = 20, marginRight = 18, marginBottom = 20, marginLeft = 18;
  int copies = 1;                       // printed copies when there are no labels
  std::vector<std::string> copyLabels;  // 第一联…: each labelled copy is its own set of pages
  bool preprinted = false;              // 套打: the stock layer is on the paper already
  // IPP "sides" the printer is asked for: one-sided, two-sided-long-edge (pages turned like a
  // portrait book's), two-sided-short-edge (a landscape card turned over left to right).
  std::string sides = "one-sided";
  TextStyle baseStyle;
  std::vector<FlowItem> body;
  std::vector<Element> everyPage;  // page layer: {page.number}, {page.count}, {copy.label}
  std::vector<Element> stock;      // drawn in previews and archives, never on pre-printed stock
};

}  // namespace onewindow::printing
