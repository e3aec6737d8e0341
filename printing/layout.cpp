#include "printing/layout.hpp"

#include <algorithm>
#include <set>

#include <pango/pangocairo.h>

#include "printing/code128.hpp"
#include "printing/formatters.hpp"
#include "printing/qr_code.hpp"
#include "printing/text_layout.hpp"

namespace onewindow::printing {
namespace {

constexpr double kQrQuietModules = 4;
constexpr double kBarcodeQuietModules = 10;
constexpr double kBarcodeTextHeight = 3.2;

// The values a field reference can see: the row of a table, the page of the page layer, and
// the document's own fields.
struct Scope {
  const DocumentData* data = nullptr;
  const DocumentRow* row = nullptr;
  const DocumentRow* page = nullptr;
};

class Layout {
 public:
  Layout(const Template& document, const DocumentData& data) : template_(document), data_(data) {}

  LaidOutDocument run() {
    LaidOutDocument result;
    result.name = template_.name;
    result.kind = template_.kind;
    result.preprinted = template_.preprinted;
    result.sides = template_.sides;
    const std::size_t labelled = template_.copyLabels.size();
    result.copies = labelled > 0 ? 1 : template_.copies;
    for (std::size_t copy = 0; copy < std::max<std::size_t>(labelled, 1); ++copy) {
      DocumentData copyData = data_;
      copyData.set("copy.label", labelled > 0 ? template_.copyLabels[copy] : std::string());
      copyData.set("copy.number", std::to_string(copy + 1));
      copyData_ = &copyData;
      pages_.clear();
      newPage();
      flow(template_.body);
      addPageLayer();
      for (auto& page : pages_) result.pages.push_back(std::move(page));
    }
    result.missingFields.assign(missing_.begin(), missing_.end());
    return result;
  }

 private:
  const Template& template_;
  const DocumentData& data_;
  const DocumentData* copyData_ = nullptr;
  std::vector<LaidOutPage> pages_;
  double y_ = 0;  // the flow's position on the current page, from the page's top
  std::set<std::string> missing_;
  const forms::Diagnostic* where_ = nullptr;  // the item being laid out, for errors

  double top() const { return template_.marginTop; }
  double bottom() const { return template_.pageHeight - template_.marginBottom; }
  double left() const { return template_.marginLeft; }
  double bodyWidth() const {
    return template_.pageWidth - template_.marginLeft - template_.marginRight;
  }
  std::vector<DrawOp>& ops() { return pages_.back().ops; }

  void newPage() {
    LaidOutPage page;
    page.width = template_.pageWidth;
    page.height = template_.pageHeight;
    Scope scope{copyData_, nullptr, nullptr};
    for (const auto& element : template_.stock) place(element, 0, 0, scope, page.stock);
    pages_.push_back(std::move(page));
    y_ = top();
  }

  [[noreturn]] void fail(const std::string& message) const {
    forms::Diagnostic located = where_ ? *where_ : forms::Diagnostic{template_.file, 0, 0, {}};
    located.message = message;
    throw LayoutError(located.toString());
  }

  const std::string* lookUp(const Scope& scope, std::string_view path) {
    if (scope.row) {
      const auto found = scope.row->find(path);
      if (found != scope.row->end()) return &found->second;
    }
    if (scope.page) {
      const auto found = scope.page->find(path);
      if (found != scope.page->end()) return &found->second;
    }
    return scope.data->find(path);
  }

  std::string resolve(const TextTemplate& text, const Scope& scope) {
    std::string result;
    for (const auto& part : text.parts) {
      if (!part.field) {
        result += part.text;
        continue;
      }
      const std::string* value = lookUp(scope, part.text);
      if (!value) missing_.insert(part.text);
      const std::string raw = value ? *value : std::string();
      if (part.formatter.empty() || (raw.empty() && part.formatter != "default")) {
        result += raw;
        continue;
      }
      try {
        result += formatValue(part.formatter, part.argument, raw);
      } catch (const std::exception& error) {
        fail("field '" + part.text + "': " + error.what());
      }
    }
    return result;
  }

  // ---- absolutely placed elements (page layer, stock, blocks) ----

  void place(const Element& element, double ox, double oy, const Scope& scope,
             std::vector<DrawOp>& out) {
    std::visit([&](const auto& item) { placeOne(item, ox, oy, scope, out); }, element);
  }

  void placeOne(const TextElement& text, double ox, double oy, const Scope& scope,
                std::vector<DrawOp>& out) {
    TextOp op;
    op.x = ox + text.box.x;
    op.y = oy + text.box.y;
    op.width = text.box.width;
    op.style = text.style;
    op.text = resolve(text.content, scope);
    op.sizePt = fittedSize(text.style, op.text, text.box.width, text.box.height);
    if (text.border)
      out.push_back(RectOp{op.x, op.y, text.box.width,
                           text.box.height > 0
                               ? text.box.height
                               : measure(text.style, op.text, op.width, op.sizePt).height});
    if (text.box.height > 0 && !text.style.shrink) {
      // Vertically centred in its box, as a filled-in form field is.
      const double height = measure(text.style, op.text, op.width, op.sizePt).height;
      if (height < text.box.height) op.y += (text.box.height - height) / 2;
    }
    out.push_back(std::move(op));
  }

  void placeOne(const QrElement& qr, double ox, double oy, const Scope& scope,
                std::vector<DrawOp>& out) {
    const std::string value = resolve(qr.value, scope);
    if (value.empty()) fail("the QR code's value is empty");
    QrOp op;
    op.x = ox + qr.box.x;
    op.y = oy + qr.box.y;
    op.size = qr.box.width;
    try {
      const QrMatrix matrix = encodeQr(value);
      op.modules = matrix.size;
      op.dark.resize(static_cast<std::size_t>(matrix.size) * matrix.size);
      for (int y = 0; y < matrix.size; ++y)
        for (int x = 0; x < matrix.size; ++x)
          op.dark[static_cast<std::size_t>(y) * matrix.size + x] = matrix.at(x, y);
    } catch (const std::exception& error) {
      fail(std::string("the QR code cannot hold its value: ") + error.what());
    }
    const double module = op.size / (op.modules + 2 * kQrQuietModules);
    if (module < 0.25) fail("the QR code's modules would be under 0.25 mm; give it more size");
    out.push_back(std::move(op));
  }

  void placeOne(const BarcodeElement& barcode, double ox, double oy, const Scope& scope,
                std::vector<DrawOp>& out) {
    const std::string value = resolve(barcode.value, scope);
    if (value.empty()) fail("the barcode's value is empty");
    BarsOp op;
    op.x = ox + barcode.box.x;
    op.y = oy + barcode.box.y;
    op.width = barcode.box.width;
    op.height = barcode.box.height - (barcode.humanReadable ? kBarcodeTextHeight : 0);
    try {
      const Code128 code = encodeCode128(value);
      op.modules = code.modules;
      op.totalModules = code.totalModules;
    } catch (const std::exception& error) {
      fail(std::string("the barcode cannot hold its value: ") + error.what());
    }
    const double module = op.width / (op.totalModules + 2 * kBarcodeQuietModules);
    if (module < 0.19)
      fail("the barcode's bars would be under 0.19 mm for '" + value + "'; make it wider");
    out.push_back(std::move(op));
    if (barcode.humanReadable) {
      TextOp text;
      text.x = ox + barcode.box.x;
      text.y = oy + barcode.box.y + barcode.box.height - kBarcodeTextHeight;
      text.width = barcode.box.width;
      text.style.family = "Noto Sans Mono CJK SC";
      text.style.align = Align::Center;
      text.style.wrap = false;
      text.sizePt = text.style.sizePt = 7;
      text.text = value;
      out.push_back(std::move(text));
    }
  }

  void placeOne(const ImageElement& image, double ox, double oy, const Scope&,
                std::vector<DrawOp>& out) {
    out.push_back(
        ImageOp{ox + image.box.x, oy + image.box.y, image.box.width, image.box.height, image.file});
  }

  void placeOne(const FrameElement& frame, double ox, double oy, const Scope& scope,
                std::vector<DrawOp>& out) {
    const double x = ox + frame.box.x, y = oy + frame.box.y;
    const std::string label = resolve(frame.label, scope);
    TextStyle style = template_.baseStyle;
    switch (frame.kind) {
      case FrameKind::Box: {
        out.push_back(RectOp{x, y, frame.box.width, frame.box.height, 0.25, frame.dashed});
        if (!label.empty()) {
          style.sizePt = 8;
          style.grey = 0.35;
          out.push_back(TextOp{x + 1.5, y + 1, frame.box.width - 3, style, style.sizePt, label});
        }
        break;
      }
      case FrameKind::Seal: {
        // Where the round office seal goes (Ø 42 mm is usual): a light dashed circle with its
        // caption inside, so a seal stamped over it covers it and never covers text.
        const double side = std::min(frame.box.width, frame.box.height);
        const double cx = x + (frame.box.width - side) / 2, cy = y + (frame.box.height - side) / 2;
        RectOp circle{cx, cy, side, side, 0.2, frame.dashed, true};
        out.push_back(circle);
        if (!label.empty()) {
          style.sizePt = 8;
          style.grey = 0.45;
          style.align = Align::Center;
          const double height = measure(style, label, side - 6, style.sizePt).height;
          out.push_back(
              TextOp{cx + 3, cy + (side - height) / 2, side - 6, style, style.sizePt, label});
        }
        break;
      }
      case FrameKind::Signature: {
        // "申请人签名：________  日期：" — the label, then a line to sign on to the box's end.
        style.wrap = false;
        const TextExtent extent = measure(style, label, 0, style.sizePt);
        const double baseline = y + frame.box.height;
        out.push_back(TextOp{x, baseline - extent.height, 0, style, style.sizePt, label});
        out.push_back(LineOp{x + extent.width + 1, baseline, x + frame.box.width, baseline, 0.25});
        break;
      }
    }
  }

  void placeOne(const LineElement& line, double ox, double oy, const Scope&,
                std::vector<DrawOp>& out) {
    out.push_back(LineOp{ox + line.x1, oy + line.y1, ox + line.x2, oy + line.y2, line.widthMm});
  }

  // The largest size, down to the style's minimum in half points, at which the text fits.
  static double fittedSize(const TextStyle& style, const std::string& text, double width,
                           double height) {
    if (!style.shrink) return style.sizePt;
    double size = style.sizePt;
    for (; size > style.minSizePt; size -= 0.5) {
      const TextExtent extent = measure(style, text, style.wrap ? width : 0, size);
      const bool fits = style.wrap ? (height <= 0 || extent.height <= height)
                                   : (width <= 0 || extent.width <= width);
      if (fits) return size;
    }
    return style.minSizePt;
  }

  // ---- the flow ----

  void flow(const std::vector<FlowItem>& items) {
    for (const auto& item : items) {
      where_ = &item.where;
      std::visit([&](const auto& value) { flowOne(value); }, item.item);
    }
  }

  void ensureRoom(double height) {
    if (y_ + height > bottom() + 0.01 && y_ > top() + 0.01) newPage();
  }

  void flowOne(const FlowText& text) {
    y_ += text.spaceBefore;
    const std::string value = resolve(text.content, Scope{copyData_, nullptr, nullptr});
    if (value.empty()) return;
    const double width = bodyWidth() - text.indent;
    PangoLayout* layout =
        makeLayout(measuringContext(), text.style, value, width, text.style.sizePt);
    const std::vector<double> tops = lineTops(layout);
    g_object_unref(layout);
    const int lines = static_cast<int>(tops.size()) - 1;
    int first = 0;
    while (first < lines) {
      // As many lines as fit here; a page break comes between lines, never inside one.
      int last = first;
      while (last < lines && y_ + (tops[last + 1] - tops[first]) <= bottom() + 0.01) ++last;
      if (last == first) {
        if (y_ > top() + 0.01) {
          newPage();
          continue;
        }
        last = first + 1;  // a line taller than the page body: drawn, clipped by the page
      }
      ops().push_back(TextOp{left() + text.indent, y_, width, text.style, text.style.sizePt, value,
                             first, last - first});
      y_ += tops[last] - tops[first];
      first = last;
      if (first < lines) newPage();
    }
    y_ += text.spaceAfter;
  }

  void flowOne(const FlowFields& fields) {
    const double columnWidth = bodyWidth() / fields.columns;
    const Scope scope{copyData_, nullptr, nullptr};
    TextStyle labelStyle = fields.style;
    labelStyle.family = "Noto Sans CJK SC";
    // The fields printed: an optional one without a value is left out, not printed blank.
    std::vector<std::pair<const FlowField*, std::string>> shown;
    for (const FlowField& field : fields.fields) {
      std::string value = resolve(field.value, scope);
      if (field.optional && value.empty()) continue;
      shown.emplace_back(&field, std::move(value));
    }
    const auto columns = static_cast<std::size_t>(fields.columns);
    for (std::size_t start = 0; start < shown.size(); start += columns) {
      std::vector<TextOp> row;
      double height = 0;
      for (std::size_t column = 0; column < columns && start + column < shown.size(); ++column) {
        const auto& [field, value] = shown[start + column];
        const double x = left() + static_cast<double>(column) * columnWidth;
        TextOp label{x, 0, fields.labelWidth, labelStyle, labelStyle.sizePt, field->label + "："};
        TextOp text{x + fields.labelWidth, 0,    columnWidth - fields.labelWidth - 2, fields.style,
                    fields.style.sizePt,   value};
        height =
            std::max({height, measure(label.style, label.text, label.width, label.sizePt).height,
                      measure(text.style, text.text, text.width, text.sizePt).height});
        row.push_back(std::move(label));
        row.push_back(std::move(text));
      }
      ensureRoom(height);
      for (auto& op : row) {
        op.y = y_;
        ops().push_back(std::move(op));
      }
      y_ += height + 0.8;
    }
    y_ += fields.spaceAfter;
  }

  struct Cell {
    TextOp op;
    double height = 0;
  };

  std::vector<Cell> tableRow(const FlowTable& table, const std::vector<std::string>& texts,
                             const TextStyle& style, const std::vector<Align>& aligns,
                             double& rowHeight) {
    std::vector<Cell> cells;
    double x = left();
    rowHeight = 0;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      TextStyle cellStyle = style;
      cellStyle.align = aligns[i];
      const double width = table.columns[i].width - 2 * table.padding;
      Cell cell{TextOp{x + table.padding, 0, width, cellStyle, cellStyle.sizePt, texts[i]}, 0};
      cell.height = measure(cellStyle, texts[i], width, cellStyle.sizePt).height;
      rowHeight = std::max(rowHeight, cell.height + 2 * table.padding);
      cells.push_back(std::move(cell));
      x += table.columns[i].width;
    }
    return cells;
  }

  void drawRow(const FlowTable& table, std::vector<Cell> cells, double rowHeight,
               double headerGrey) {
    double x = left();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const double width = table.columns[i].width;
      ops().push_back(RectOp{x, y_, width, rowHeight, 0.2, false, false, headerGrey});
      cells[i].op.y = y_ + (rowHeight - cells[i].height) / 2;
      ops().push_back(std::move(cells[i].op));
      x += width;
    }
    y_ += rowHeight;
  }

  void flowOne(const FlowTable& table) {
    std::vector<std::string> titles;
    std::vector<Align> headerAligns(table.columns.size(), Align::Center), aligns;
    for (const auto& column : table.columns) {
      titles.push_back(column.title);
      aligns.push_back(column.align);
    }
    double headerHeight = 0;
    const auto header = tableRow(table, titles, table.headerStyle, headerAligns, headerHeight);
    const auto* rows = copyData_->findList(table.list);
    if (!rows) missing_.insert(table.list);
    std::vector<std::vector<Cell>> bodyRows;
    std::vector<double> heights;
    const std::size_t count = rows ? rows->size() : 0;
    for (std::size_t index = 0; index < count; ++index) {
      DocumentRow row = (*rows)[index];
      row.insert_or_assign("row.index", std::to_string(index + 1));
      std::vector<std::string> texts;
      for (const auto& column : table.columns)
        texts.push_back(resolve(column.value, Scope{copyData_, &row, nullptr}));
      double height = 0;
      bodyRows.push_back(tableRow(table, texts, table.style, aligns, height));
      heights.push_back(height);
    }
    // The header never stands alone at a page's foot: it goes with the first row.
    ensureRoom(headerHeight + (heights.empty() ? 0 : heights.front()));
    drawRow(table, header, headerHeight, 0.92);
    if (count == 0 && !table.emptyText.empty()) {
      const double width = bodyWidth() - 2 * table.padding;
      TextStyle style = table.style;
      style.align = Align::Center;
      const double height = measure(style, table.emptyText, width, style.sizePt).height;
      ops().push_back(RectOp{left(), y_, bodyWidth(), height + 2 * table.padding, 0.2});
      ops().push_back(TextOp{left() + table.padding, y_ + table.padding, width, style, style.sizePt,
                             table.emptyText});
      y_ += height + 2 * table.padding;
    }
    for (std::size_t index = 0; index < bodyRows.size(); ++index) {
      if (y_ + heights[index] > bottom() + 0.01) {
        newPage();
        drawRow(table, header, headerHeight, 0.92);  // the header again on every page
      }
      drawRow(table, std::move(bodyRows[index]), heights[index], -1);
    }
    y_ += table.spaceAfter;
  }

  void flowOne(const FlowBlock& block) {
    ensureRoom(block.height);
    const Scope scope{copyData_, nullptr, nullptr};
    for (const auto& element : block.elements) place(element, left(), y_, scope, ops());
    y_ += block.height + block.spaceAfter;
  }

  bool holds(const Condition& condition) {
    if (!condition.list.empty()) {
      const auto* rows = copyData_->findList(condition.list);
      const bool empty = !rows || rows->empty();
      return empty == condition.empty.value_or(false);
    }
    const std::string* value = copyData_->find(condition.field);
    const std::string text = value ? *value : std::string();
    if (condition.equals) return text == *condition.equals;
    if (condition.notEquals) return text != *condition.notEquals;
    return text.empty() == condition.empty.value_or(false);
  }

  void flowOne(const FlowIf& branch) {
    const forms::Diagnostic* outer = where_;
    flow(holds(branch.condition) ? branch.then : branch.otherwise);
    where_ = outer;
  }

  void flowOne(const FlowSpace& space) {
    y_ += space.height;
    if (y_ > bottom()) newPage();
  }

  void flowOne(const FlowPageBreak&) { newPage(); }

  // The page layer, once the copy's page count is known.
  void addPageLayer() {
    where_ = nullptr;
    const std::string count = std::to_string(pages_.size());
    for (std::size_t index = 0; index < pages_.size(); ++index) {
      const DocumentRow page{{"page.number", std::to_string(index + 1)}, {"page.count", count}};
      const Scope scope{copyData_, nullptr, &page};
      for (const auto& element : template_.everyPage)
        place(element, 0, 0, scope, pages_[index].ops);
    }
  }
};

}  // namespace

LaidOutDocument layOut(const Template& document, const DocumentData& data) {
  return Layout(document, data).run();
}

}  // namespace onewindow::printing
