#include "printing/template_loader.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <pugixml.hpp>

#include "printing/data_model.hpp"
#include "printing/formatters.hpp"

namespace onewindow::printing {
namespace {

namespace fs = std::filesystem;
using forms::Diagnostic;

// Page sizes by name, portrait, in millimetres; "card" is ID-1 (ISO/IEC 7810).
const std::map<std::string, std::pair<double, double>, std::less<>> kPageSizes{
    {"A4", {210, 297}}, {"A5", {148, 210}}, {"A3", {297, 420}}, {"card", {85.6, 54}}};

class Loader {
 public:
  Loader(const std::string& file, std::string text) : source_(file, std::move(text)) {}

  TemplateLoad run() {
    TemplateLoad load;
    pugi::xml_document document;
    const auto parsed = document.load_buffer(source_.text().data(), source_.text().size(),
                                             pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
      problems_.push_back(source_.at(static_cast<std::size_t>(parsed.offset),
                                     std::string("not well-formed XML: ") + parsed.description()));
      load.problems = std::move(problems_);
      return load;
    }
    const pugi::xml_node root = document.document_element();
    if (std::string_view(root.name()) != "template") {
      problem(root, "the root element must be <template>, not <" + std::string(root.name()) + ">");
    } else {
      readTemplate(root);
    }
    load.problems = std::move(problems_);
    if (load.problems.empty()) load.result = std::move(template_);
    return load;
  }

 private:
  forms::SourceText source_;
  std::vector<Diagnostic> problems_;
  Template template_;
  const ListDoc* rowList_ = nullptr;  // inside a <table>: fields relative to its rows
  bool pageLayer_ = false;            // inside <every-page>: page.number and page.count

  void problem(pugi::xml_node node, std::string message) {
    problems_.push_back(source_.at(node, std::move(message)));
  }
  void problem(pugi::xml_node node, pugi::xml_attribute attribute, std::string message) {
    problems_.push_back(source_.at(node, attribute, std::move(message)));
  }

  // Every attribute must be one the element knows: a misspelt one would be silently ignored.
  void allowOnly(pugi::xml_node node, std::initializer_list<std::string_view> names) {
    for (const auto attribute : node.attributes()) {
      if (std::find(names.begin(), names.end(), attribute.name()) == names.end()) {
        std::string known;
        for (const auto name : names) known += (known.empty() ? "" : ", ") + std::string(name);
        problem(node, attribute,
                "<" + std::string(node.name()) + "> has no attribute '" + attribute.name() + "'" +
                    (known.empty() ? "" : " (it knows: " + known + ")"));
      }
    }
  }

  double number(pugi::xml_node node, const char* name, double fallback, double minimum = 0,
                double maximum = 10000) {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute) return fallback;
    const std::string_view text = attribute.value();
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
      problem(node, attribute,
              std::string("'") + name + "' must be a number, not '" + std::string(text) + "'");
      return fallback;
    }
    if (value < minimum || value > maximum) {
      problem(node, attribute,
              std::string("'") + name + "' must be between " + trimmed(minimum) + " and " +
                  trimmed(maximum) + ", not " + std::string(text));
      return fallback;
    }
    return value;
  }

  static std::string trimmed(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text;
  }

  bool flag(pugi::xml_node node, const char* name, bool fallback) {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute) return fallback;
    const std::string_view text = attribute.value();
    if (text == "true") return true;
    if (text == "false") return false;
    problem(node, attribute,
            std::string("'") + name + "' must be true or false, not '" + std::string(text) + "'");
    return fallback;
  }

  Align align(pugi::xml_node node, Align fallback) {
    const pugi::xml_attribute attribute = node.attribute("align");
    if (!attribute) return fallback;
    const std::string_view text = attribute.value();
    if (text == "left") return Align::Left;
    if (text == "center") return Align::Center;
    if (text == "right") return Align::Right;
    if (text == "justify") return Align::Justify;
    problem(node, attribute,
            "'align' must be left, center, right or justify, not '" + std::string(text) + "'");
    return fallback;
  }

  TextStyle style(pugi::xml_node node, TextStyle style) {
    if (const auto family = node.attribute("family")) style.family = family.value();
    style.sizePt = number(node, "size", style.sizePt, 3, 200);
    style.bold = flag(node, "bold", style.bold);
    style.align = align(node, style.align);
    style.lineSpacing = number(node, "line-spacing", style.lineSpacing, 0.8, 4);
    style.wrap = flag(node, "wrap", style.wrap);
    style.shrink = flag(node, "shrink", style.shrink);
    style.minSizePt = number(node, "min-size", style.minSizePt, 3, 200);
    style.grey = number(node, "grey", style.grey, 0, 1);
    return style;
  }

  // The text of an element: whitespace that only indents the XML (a line break and what
  // follows it) is dropped, because Chinese runs on without spaces; <br/> breaks a line.
  std::string elementText(pugi::xml_node node) {
    std::string text;
    for (const auto child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        const std::string_view value = child.value();
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (value[i] == '\n' || value[i] == '\r') {
            while (i + 1 < value.size() && (value[i + 1] == ' ' || value[i + 1] == '\t' ||
                                            value[i + 1] == '\n' || value[i + 1] == '\r'))
              ++i;
            continue;
          }
          text += value[i];
        }
      } else if (child.type() == pugi::node_element && std::string_view(child.name()) == "br") {
        text += '\n';
      } else if (child.type() == pugi::node_element) {
        problem(child, "<" + std::string(child.name()) +
                           "> cannot be inside text; only <br/> can (fields are written {path})");
      }
    }
    return text;
  }

  bool fieldKnown(std::string_view path) const {
    if (rowList_ && isRowField(*rowList_, path)) return true;
    if (pageLayer_ && isPageField(path)) return true;
    return isDocumentField(path);
  }

  static bool formatterKnown(std::string_view name) {
    for (const auto& known : knownFormatters()) {
      if (std::string_view(known) == name) return true;
    }
    return false;
  }

  // "{applicant.id_number|id-mask}" → parts; {{ and }} are literal braces.
  TextTemplate textTemplate(pugi::xml_node node, const std::string& text) {
    TextTemplate result;
    std::string literal;
    const auto flush = [&] {
      if (!literal.empty()) result.parts.push_back(TextPart{false, std::move(literal), {}, {}});
      literal.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
        literal += text[i];
        ++i;
        continue;
      }
      if (text[i] == '}') {
        problem(node, "a '}' without its '{' in \"" + text + "\" (write }} for a brace)");
        continue;
      }
      if (text[i] != '{') {
        literal += text[i];
        continue;
      }
      const auto close = text.find('}', i);
      if (close == std::string::npos) {
        problem(node, "a '{' without its '}' in \"" + text + "\" (write {{ for a brace)");
        break;
      }
      flush();
      result.parts.push_back(field(node, text.substr(i + 1, close - i - 1)));
      i = close;
    }
    flush();
    return result;
  }

  TextPart field(pugi::xml_node node, const std::string& reference) {
    TextPart part{true, reference, {}, {}};
    const auto bar = reference.find('|');
    if (bar != std::string::npos) {
      part.text = reference.substr(0, bar);
      const std::string formatting = reference.substr(bar + 1);
      const auto colon = formatting.find(':');
      part.formatter = formatting.substr(0, colon);
      if (colon != std::string::npos) part.argument = formatting.substr(colon + 1);
      if (!formatterKnown(part.formatter)) {
        std::string known;
        for (const auto& name : knownFormatters())
          known += (known.empty() ? "" : ", ") + std::string(name);
        problem(node, "unknown formatter '" + part.formatter + "' in {" + reference +
                          "} (known: " + known + ")");
      }
    }
    if (!fieldKnown(part.text)) {
      std::string where = rowList_ ? " (in a row of '" + std::string(rowList_->name) + "')" : "";
      if (!pageLayer_ && isPageField(part.text)) where = " (page fields are for <every-page>)";
      problem(node, "unknown field '" + part.text + "'" + where +
                        "; the fields are listed in printing/README.md");
    }
    return part;
  }

  Box box(pugi::xml_node node, const Box& within, bool heightRequired, bool widthRequired = true) {
    Box box;
    box.x = number(node, "x", 0, 0, 1000);
    box.y = number(node, "y", 0, 0, 1000);
    box.width = number(node, "width", 0, 0, 1000);
    box.height = number(node, "height", 0, 0, 1000);
    if (widthRequired && box.width <= 0)
      problem(node, "<" + std::string(node.name()) + "> needs a width in millimetres");
    if (heightRequired && box.height <= 0)
      problem(node, "<" + std::string(node.name()) + "> needs a height in millimetres");
    if (box.x + box.width > within.width + 0.01 || box.y + box.height > within.height + 0.01) {
      problem(node, "<" + std::string(node.name()) + "> at " + trimmed(box.x) + "," +
                        trimmed(box.y) + " size " + trimmed(box.width) + "×" + trimmed(box.height) +
                        " mm runs outside its area of " + trimmed(within.width) + "×" +
                        trimmed(within.height) + " mm");
    }
    return box;
  }

  std::optional<Element> element(pugi::xml_node node, const Box& within) {
    const std::string_view name = node.name();
    if (name == "text") {
      allowOnly(node, {"x", "y", "width", "height", "border", "family", "size", "bold", "align",
                       "line-spacing", "wrap", "shrink", "min-size", "grey"});
      TextElement text;
      text.box = box(node, within, false);
      text.style = style(node, template_.baseStyle);
      text.border = flag(node, "border", false);
      text.content = textTemplate(node, elementText(node));
      if (text.style.shrink && text.style.wrap && text.box.height <= 0)
        problem(node, "a wrapping <text> with shrink=\"true\" needs a height to shrink into");
      return text;
    }
    if (name == "qr") {
      allowOnly(node, {"x", "y", "size"});
      QrElement qr;
      qr.box.x = number(node, "x", 0, 0, 1000);
      qr.box.y = number(node, "y", 0, 0, 1000);
      qr.box.width = qr.box.height = number(node, "size", 0, 0, 1000);
      if (qr.box.width < 10) problem(node, "<qr> needs a size of at least 10 mm to scan");
      (void)box(node, within, false, false);
      if (qr.box.x + qr.box.width > within.width + 0.01 ||
          qr.box.y + qr.box.height > within.height + 0.01)
        problem(node, "<qr> runs outside its area");
      qr.value = textTemplate(node, elementText(node));
      if (qr.value.empty()) problem(node, "<qr> needs a value, e.g. {case.verify_url}");
      return qr;
    }
    if (name == "barcode") {
      allowOnly(node, {"x", "y", "width", "height", "human-readable"});
      BarcodeElement barcode;
      barcode.box = box(node, within, true);
      barcode.humanReadable = flag(node, "human-readable", true);
      barcode.value = textTemplate(node, elementText(node));
      if (barcode.value.empty()) problem(node, "<barcode> needs a value, e.g. {case.number}");
      return barcode;
    }
    if (name == "image") {
      allowOnly(node, {"x", "y", "width", "height", "src"});
      ImageElement image;
      image.box = box(node, within, true);
      const auto src = node.attribute("src");
      if (!src || !*src.value()) {
        problem(node, "<image> needs src, a PNG file beside the template");
      } else {
        const fs::path path = fs::path(template_.directory) / src.value();
        if (path.extension() != ".png") problem(node, src, "<image> takes PNG files only");
        std::error_code error;
        if (!fs::is_regular_file(path, error))
          problem(node, src, "no such image file: " + path.string());
        image.file = path.string();
      }
      return image;
    }
    if (name == "box" || name == "seal" || name == "signature") {
      allowOnly(node, {"x", "y", "width", "height", "dashed"});
      FrameElement frame;
      frame.kind = name == "seal"        ? FrameKind::Seal
                   : name == "signature" ? FrameKind::Signature
                                         : FrameKind::Box;
      frame.box = box(node, within, true);
      frame.dashed = flag(node, "dashed", frame.kind == FrameKind::Seal);
      frame.label = textTemplate(node, elementText(node));
      return frame;
    }
    if (name == "line") {
      allowOnly(node, {"x1", "y1", "x2", "y2", "width"});
      LineElement line;
      line.x1 = number(node, "x1", 0, 0, within.width + 0.01);
      line.y1 = number(node, "y1", 0, 0, within.height + 0.01);
      line.x2 = number(node, "x2", 0, 0, within.width + 0.01);
      line.y2 = number(node, "y2", 0, 0, within.height + 0.01);
      line.widthMm = number(node, "width", 0.25, 0.05, 5);
      return line;
    }
    problem(node, "<" + std::string(name) +
                      "> is not an element of a page (text, qr, barcode, image, box, seal, "
                      "signature, line)");
    return std::nullopt;
  }

  std::vector<Element> elements(pugi::xml_node parent, const Box& within) {
    std::vector<Element> result;
    for (const auto child : parent.children()) {
      if (child.type() != pugi::node_element) continue;
      if (auto made = element(child, within)) result.push_back(std::move(*made));
    }
    return result;
  }

  Box bodyArea() const {
    return Box{0, 0, template_.pageWidth - template_.marginLeft - template_.marginRight,
               template_.pageHeight - template_.marginTop - template_.marginBottom};
  }

  Condition condition(pugi::xml_node node) {
    allowOnly(node, {"field", "list", "equals", "not-equals", "empty"});
    Condition condition;
    condition.field = node.attribute("field").value();
    condition.list = node.attribute("list").value();
    if (condition.field.empty() == condition.list.empty()) {
      problem(node, "<if> tests either a field or a list");
    } else if (!condition.field.empty() && !fieldKnown(condition.field)) {
      problem(node, node.attribute("field"), "unknown field '" + condition.field + "'");
    } else if (!condition.list.empty() && !findList(condition.list)) {
      problem(node, node.attribute("list"), "unknown list '" + condition.list + "'");
    }
    if (const auto equals = node.attribute("equals")) condition.equals = equals.value();
    if (const auto notEquals = node.attribute("not-equals"))
      condition.notEquals = notEquals.value();
    if (node.attribute("empty")) condition.empty = flag(node, "empty", false);
    const int tests =
        (condition.equals ? 1 : 0) + (condition.notEquals ? 1 : 0) + (condition.empty ? 1 : 0);
    if (tests != 1) problem(node, "<if> needs exactly one of equals, not-equals or empty");
    if (!condition.list.empty() && !condition.empty)
      problem(node, "a list is tested with empty=\"true\" or empty=\"false\"");
    return condition;
  }

  std::vector<FlowItem> flow(pugi::xml_node parent) {
    std::vector<FlowItem> items;
    for (const auto child : parent.children()) {
      if (child.type() != pugi::node_element) continue;
      if (auto item = flowItem(child)) items.push_back(std::move(*item));
    }
    return items;
  }

  std::optional<FlowItem> flowItem(pugi::xml_node node) {
    FlowItem item;
    item.where = source_.at(node, "");
    const std::string_view name = node.name();
    if (name == "p" || name == "title") {
      allowOnly(node, {"family", "size", "bold", "align", "line-spacing", "wrap", "shrink",
                       "min-size", "grey", "space-before", "space-after", "indent"});
      TextStyle base = template_.baseStyle;
      if (name == "title") {
        base.family = "Noto Sans CJK SC";
        base.sizePt = 20;
        base.bold = true;
        base.align = Align::Center;
      }
      FlowText text;
      text.style = style(node, base);
      text.spaceBefore = number(node, "space-before", 0, 0, 200);
      text.spaceAfter = number(node, "space-after", name == "title" ? 5 : 1.5, 0, 200);
      text.indent = number(node, "indent", 0, 0, 100);
      text.content = textTemplate(node, elementText(node));
      item.item = std::move(text);
      return item;
    }
    if (name == "fields") {
      allowOnly(node, {"family", "size", "bold", "label-width", "columns", "space-after"});
      FlowFields fields;
      fields.style = style(node, template_.baseStyle);
      fields.labelWidth = number(node, "label-width", 25, 5, 150);
      fields.columns = static_cast<int>(number(node, "columns", 1, 1, 3));
      fields.spaceAfter = number(node, "space-after", 2, 0, 200);
      for (const auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::string_view(child.name()) != "field") {
          problem(child, "<fields> holds <field label=\"…\"> elements only");
          continue;
        }
        allowOnly(child, {"label", "optional"});
        fields.fields.push_back(FlowField{child.attribute("label").value(),
                                          textTemplate(child, elementText(child)),
                                          flag(child, "optional", false)});
      }
      const double columnWidth = bodyArea().width / fields.columns;
      if (fields.labelWidth >= columnWidth - 10)
        problem(node, "label-width leaves less than 10 mm for the values");
      item.item = std::move(fields);
      return item;
    }
    if (name == "table") return table(node, std::move(item));
    if (name == "block") {
      allowOnly(node, {"height", "space-after"});
      FlowBlock block;
      block.height = number(node, "height", 0, 0, 1000);
      block.spaceAfter = number(node, "space-after", 0, 0, 200);
      if (block.height <= 0) problem(node, "<block> needs a height in millimetres");
      if (block.height > bodyArea().height)
        problem(node,
                "<block> is taller than the page's body (" + trimmed(bodyArea().height) + " mm)");
      block.elements = elements(node, Box{0, 0, bodyArea().width, block.height});
      item.item = std::move(block);
      return item;
    }
    if (name == "if") {
      FlowIf branch;
      branch.condition = condition(node);
      pugi::xml_node otherwise;
      for (const auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::string_view(child.name()) == "else") {
          if (otherwise) problem(child, "<if> has one <else>");
          otherwise = child;
          continue;
        }
        if (auto inner = flowItem(child)) branch.then.push_back(std::move(*inner));
      }
      if (otherwise) {
        allowOnly(otherwise, {});
        branch.otherwise = flow(otherwise);
      }
      item.item = std::move(branch);
      return item;
    }
    if (name == "space") {
      allowOnly(node, {"height"});
      item.item = FlowSpace{number(node, "height", 0, 0, 300)};
      return item;
    }
    if (name == "page-break") {
      allowOnly(node, {});
      item.item = FlowPageBreak{};
      return item;
    }
    problem(node, "<" + std::string(name) +
                      "> is not an element of the body (title, p, fields, table, block, if, "
                      "space, page-break)");
    return std::nullopt;
  }

  std::optional<FlowItem> table(pugi::xml_node node, FlowItem item) {
    allowOnly(node,
              {"list", "family", "size", "bold", "padding", "empty", "space-after", "header-size"});
    FlowTable table;
    table.list = node.attribute("list").value();
    const ListDoc* list = findList(table.list);
    if (!list) {
      std::string known;
      for (const auto& doc : documentLists())
        known += (known.empty() ? "" : ", ") + std::string(doc.name);
      problem(node, "<table> needs list, one of: " + known);
    }
    table.style = style(node, template_.baseStyle);
    table.headerStyle = table.style;
    table.headerStyle.bold = true;
    table.headerStyle.align = Align::Center;
    table.headerStyle.family = "Noto Sans CJK SC";
    table.headerStyle.sizePt = number(node, "header-size", table.style.sizePt, 3, 200);
    table.padding = number(node, "padding", 1.2, 0, 10);
    table.spaceAfter = number(node, "space-after", 3, 0, 200);
    table.emptyText = node.attribute("empty").value();
    const ListDoc* outer = rowList_;
    rowList_ = list;
    double fixed = 0;
    int flexible = 0;
    for (const auto child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      if (std::string_view(child.name()) != "column") {
        problem(child, "<table> holds <column title=\"…\" width=\"…\"> elements only");
        continue;
      }
      allowOnly(child, {"title", "width", "align"});
      TableColumn column;
      column.title = child.attribute("title").value();
      column.width = number(child, "width", 0, 0, 1000);
      column.align = align(child, Align::Left);
      column.value = textTemplate(child, elementText(child));
      fixed += column.width;
      if (column.width <= 0) ++flexible;
      table.columns.push_back(std::move(column));
    }
    rowList_ = outer;
    if (table.columns.empty()) problem(node, "<table> needs at least one <column>");
    const double width = bodyArea().width;
    if (fixed > width + 0.01 || (flexible > 0 && fixed > width - 10 * flexible))
      problem(node, "the columns (" + trimmed(fixed) + " mm) do not fit the body width (" +
                        trimmed(width) + " mm)");
    for (auto& column : table.columns) {
      if (column.width <= 0) column.width = (width - fixed) / flexible;
    }
    item.item = std::move(table);
    return item;
  }

  void readPage(pugi::xml_node root) {
    const pugi::xml_attribute page = root.attribute("page");
    if (page) {
      const auto found = kPageSizes.find(std::string_view(page.value()));
      if (found == kPageSizes.end()) {
        problem(root, page,
                "unknown page '" + std::string(page.value()) +
                    "' (A3, A4, A5, card, or give width and height)");
      } else {
        template_.pageWidth = found->second.first;
        template_.pageHeight = found->second.second;
        if (found->first == "card")
          template_.marginTop = template_.marginRight = template_.marginBottom =
              template_.marginLeft = 3;
      }
    }
    template_.pageWidth = number(root, "width", template_.pageWidth, 20, 1000);
    template_.pageHeight = number(root, "height", template_.pageHeight, 20, 1000);
    if (std::string_view(root.attribute("orientation").value()) == "landscape")
      std::swap(template_.pageWidth, template_.pageHeight);
    else if (root.attribute("orientation") &&
             std::string_view(root.attribute("orientation").value()) != "portrait")
      problem(root, root.attribute("orientation"), "orientation is portrait or landscape");
  }

  void readMargins(pugi::xml_node node) {
    allowOnly(node, {"top", "right", "bottom", "left"});
    template_.marginTop = number(node, "top", template_.marginTop, 0, 100);
    template_.marginRight = number(node, "right", template_.marginRight, 0, 100);
    template_.marginBottom = number(node, "bottom", template_.marginBottom, 0, 100);
    template_.marginLeft = number(node, "left", template_.marginLeft, 0, 100);
    if (bodyArea().width < 20 || bodyArea().height < 20)
      problem(node, "the margins leave less than 20 × 20 mm for the body");
  }

  void readTemplate(pugi::xml_node root) {
    allowOnly(root, {"name", "kind", "page", "width", "height", "orientation", "copies",
                     "copy-labels", "preprinted", "sides", "family", "size", "line-spacing"});
    template_.file = source_.file();
    template_.directory = fs::path(source_.file()).parent_path().string();
    template_.name = root.attribute("name").value();
    template_.kind = root.attribute("kind").value();
    if (template_.name.empty()) problem(root, "<template> needs a name (the document's title)");
    if (template_.kind.empty()) problem(root, "<template> needs a kind, e.g. acceptance-notice");
    readPage(root);
    template_.copies = static_cast<int>(number(root, "copies", 1, 1, 10));
    const std::string labels = root.attribute("copy-labels").value();
    for (std::size_t start = 0; !labels.empty() && start <= labels.size();) {
      const auto bar = labels.find('|', start);
      template_.copyLabels.push_back(labels.substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    template_.preprinted = flag(root, "preprinted", false);
    if (const auto sides = root.attribute("sides")) {
      const std::string_view value = sides.value();
      if (value == "one-sided" || value == "two-sided-long-edge" || value == "two-sided-short-edge")
        template_.sides = value;
      else
        problem(root, sides, "sides is one-sided, two-sided-long-edge or two-sided-short-edge");
    }
    template_.baseStyle = style(root, TextStyle{});
    std::set<std::string_view> seen;
    for (const auto child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (!seen.insert(name).second)
        problem(child, "<template> has one <" + std::string(name) + ">");
      if (name == "margins") {
        readMargins(child);
      } else if (name == "stock") {
        allowOnly(child, {});
        template_.stock = elements(child, Box{0, 0, template_.pageWidth, template_.pageHeight});
      } else if (name == "every-page") {
        allowOnly(child, {});
        pageLayer_ = true;
        template_.everyPage = elements(child, Box{0, 0, template_.pageWidth, template_.pageHeight});
        pageLayer_ = false;
      } else if (name == "body") {
        allowOnly(child, {});
        template_.body = flow(child);
      } else {
        problem(child, "<template> holds margins, stock, every-page and body, not <" +
                           std::string(name) + ">");
      }
    }
    if (!template_.stock.empty() && !template_.preprinted)
      problem(root, "<stock> is only for preprinted=\"true\" templates (套打)");
  }
};

}  // namespace

TemplateLoad loadTemplateText(const std::string& file, std::string text) {
  return Loader(file, std::move(text)).run();
}

TemplateLoad loadTemplateFile(const std::string& path) {
  try {
    return loadTemplateText(path, forms::readSourceFile(path));
  } catch (const forms::LoadError& error) {
    return TemplateLoad{std::nullopt, error.diagnostics()};
  }
}

Template loadTemplate(const std::string& path) {
  TemplateLoad load = loadTemplateFile(path);
  if (!load.result) throw forms::LoadError(std::move(load.problems));
  return std::move(*load.result);
}

TemplateSetLoad loadTemplateDirectory(const std::string& directory) {
  TemplateSetLoad set;
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (entry.path().extension() == ".xml") files.push_back(entry.path());
  }
  if (error) {
    set.problems.push_back(
        Diagnostic{directory, 0, 0, "cannot read the directory: " + error.message()});
    return set;
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> kinds;
  for (const auto& file : files) {
    TemplateLoad load = loadTemplateFile(file.string());
    set.problems.insert(set.problems.end(), load.problems.begin(), load.problems.end());
    if (!load.result) continue;
    if (!kinds.insert(load.result->kind).second)
      set.problems.push_back(
          Diagnostic{file.string(), 0, 0, "a second template of kind '" + load.result->kind + "'"});
    set.templates.push_back(std::move(*load.result));
  }
  return set;
}

}  // namespace onewindow::printing
