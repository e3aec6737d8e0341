// The XForms loader: reads an XLSForm-produced XForm into an XFormDefinition, checking every
// construct against the subset of forms/README.md and reporting everything outside it, located.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <regex>
#include <set>
#include <tuple>
#include <unordered_map>

#include "forms/external_instance.hpp"
#include "forms/form_graph.hpp"
#include "forms/xform.hpp"
#include "forms/xform_xml.hpp"

namespace onewindow::forms {
namespace {

using xmlns::QName;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool isBlank(std::string_view text) { return trim(text).empty(); }

// Messages built from several pieces, without a temporary per '+'.
template <typename... Parts>
std::string join(const Parts&... parts) {
  std::string out;
  (out.append(parts), ...);
  return out;
}

// A path of element names only: "/data/members/name". What binds, refs and nodesets must be.
bool isSimpleAbsolutePath(std::string_view path) {
  if (path.size() < 2 || path[0] != '/') return false;
  bool stepStart = true;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const auto c = static_cast<unsigned char>(path[i]);
    if (c == '/') {
      if (stepStart) return false;
      stepStart = true;
      continue;
    }
    const bool nameChar =
        std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80;
    if (!nameChar) return false;
    if (stepStart && (std::isdigit(c) || c == '-' || c == '.')) return false;
    stepStart = false;
  }
  return !stepStart;
}

// jr:itext('id') → id.
std::optional<std::string> itextLiteral(std::string_view text) {
  static const std::regex kPattern(R"re(^\s*jr:itext\(\s*(?:'([^']*)'|"([^"]*)")\s*\)\s*$)re");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(text.begin(), text.end(), match, kPattern)) return std::nullopt;
  return match[1].matched ? match[1].str() : match[2].str();
}

// jr:itext(expression) → expression (used by itemset labels: jr:itext(itextId)).
std::optional<std::string> itextArgument(std::string_view text) {
  static const std::regex kPattern(R"re(^\s*jr:itext\((.*)\)\s*$)re");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(text.begin(), text.end(), match, kPattern)) return std::nullopt;
  return match[1].str();
}

// pyxform writes the language column's name, "Chinese (zh)"; the code in parentheses names it.
std::string languageCode(std::string_view lang) {
  static const std::regex kPattern(R"re(^.*\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\s*\)\s*$)re");
  std::match_results<std::string_view::const_iterator> match;
  if (std::regex_match(lang.begin(), lang.end(), match, kPattern)) return match[1].str();
  return std::string(trim(lang));
}

// Ids named by instance('…') in an expression's text, to check they exist; with `pulldata`,
// those named by a literal first argument of pulldata('…', …).
std::vector<std::string> instanceIds(std::string_view text, bool pulldata = false) {
  static const std::regex kInstance(R"re(instance\s*\(\s*(?:'([^']*)'|"([^"]*)")\s*\))re");
  static const std::regex kPulldata(R"re(pulldata\s*\(\s*(?:'([^']*)'|"([^"]*)")\s*,)re");
  const std::regex& kPattern = pulldata ? kPulldata : kInstance;
  std::vector<std::string> ids;
  for (std::regex_iterator<std::string_view::const_iterator> it(text.begin(), text.end(), kPattern),
       end;
       it != end; ++it) {
    ids.push_back((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
  }
  return ids;
}

// Appearance values the screen renders (all of them as plain controls, see README). Anything
// else asks for a widget or a behaviour we do not have.
// Controls answered from a list of choices (<item>s or an <itemset>).
bool hasChoices(ControlKind kind) {
  return kind == ControlKind::Select1 || kind == ControlKind::Select || kind == ControlKind::Rank;
}

bool acceptedAppearance(std::string_view token) {
  static const std::set<std::string_view> kAccepted = {
      "field-list",  "minimal",      "autocomplete",
      "compact",     "horizontal",   "horizontal-compact",
      "columns",     "columns-pack", "likert",
      "multiline",   "numbers",      "quick",
      "no-calendar", "vertical",     "no-ticks",
      "picker",      "rating"};
  if (kAccepted.count(token) != 0) return true;
  static const std::regex kColumns(R"re(^columns-[0-9]+$)re");
  return std::regex_match(std::string(token), kColumns);
}

void stripBlankText(pugi::xml_node node) {
  for (auto child = node.first_child(); child;) {
    auto next = child.next_sibling();
    const bool blankText =
        (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
        isBlank(child.value());
    if (blankText || child.type() == pugi::node_comment || child.type() == pugi::node_pi) {
      node.remove_child(child);
    } else if (child.type() == pugi::node_element) {
      stripBlankText(child);
    }
    child = next;
  }
}

std::vector<pugi::xml_node> elementChildren(pugi::xml_node node) {
  std::vector<pugi::xml_node> out;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_element) out.push_back(child);
  }
  return out;
}

// The namespaces whose attributes the loader knows one by one: an unknown one is a mistake.
bool isCoreNamespace(std::string_view uri) {
  return uri.empty() || uri == xmlns::kXForms || uri == xmlns::kXhtml || uri == xmlns::kEvents ||
         uri == xmlns::kJavaRosa || uri == xmlns::kOneWindow;
}

struct AttributeName {
  std::string_view ns;
  std::string_view local;
};

}  // namespace

class XFormLoader {
 public:
  XFormLoader(std::string text, const std::string& file)
      : source_(file, std::move(text)), mediaDirectory_(std::filesystem::path(file).parent_path()) {
    def_.file = file;
  }

  XFormDefinition load();

 private:
  // Diagnostics.
  void error(pugi::xml_node node, std::string message) {
    problems_.push_back(source_.at(node, std::move(message)));
  }
  void error(pugi::xml_node node, pugi::xml_attribute attr, std::string message,
             std::size_t offset = 0) {
    problems_.push_back(source_.at(node, attr, std::move(message), offset));
  }
  void note(pugi::xml_node node, pugi::xml_attribute attr, std::string message) {
    def_.notes.push_back(source_.at(node, attr, std::move(message)));
  }
  std::string tag(pugi::xml_node element) const {
    return "<" + xmlns::displayName(xmlns::elementName(element)) + ">";
  }
  // Every attribute outside `allowed` is reported (namespace declarations are always fine): one
  // of another tool's namespace (odk:, orx:, any URI but the core ones) as a note, since ODK
  // tools add them freely and they change nothing at a window; one in no namespace or a core
  // namespace (XForms, XHTML, events, JavaRosa, ours) as an error, since there it is a mistake
  // (a misspelt jr:constraintMsg would silently lose its message).
  void checkAttributes(pugi::xml_node element, std::initializer_list<AttributeName> allowed);
  void rejectUnexpectedText(pugi::xml_node element);

  std::optional<expr::Expression> parseExpression(pugi::xml_node element, pugi::xml_attribute attr,
                                                  std::string_view text, std::string_view what);
  std::optional<expr::Expression> parseExpressionAttribute(pugi::xml_node element,
                                                           pugi::xml_attribute attr,
                                                           std::string_view what) {
    return parseExpression(element, attr, attr.value(), what);
  }

  // Sections.
  void loadHead(pugi::xml_node head);
  void loadModel(pugi::xml_node model);
  void loadItext(pugi::xml_node itext);
  RichText loadRichText(pugi::xml_node element, std::string_view what);
  void loadPrimaryInstance(pugi::xml_node instance);
  void walkInstance(pugi::xml_node original, pugi::xml_node copy, int parent,
                    const std::string& parentPath);
  void loadSecondaryInstance(pugi::xml_node instance);
  void loadExternalInstance(pugi::xml_node instance, const std::string& id, pugi::xml_attribute src,
                            bool hasContent);
  void loadBind(pugi::xml_node bind);
  TextRef loadMessage(pugi::xml_node bind, pugi::xml_attribute attr);
  // `repeatPath`: the enclosing repeat, if any; `source`: the control it is inside, if any;
  // `contextPath`: what a relative ref is relative to (the enclosing group or repeat).
  void loadSetValue(pugi::xml_node element, const std::string& repeatPath,
                    const std::string& source = {}, const std::string& contextPath = {});
  void refuseAction(pugi::xml_node element);
  void loadBody(pugi::xml_node body);
  void loadControls(pugi::xml_node parent, std::vector<Control>& out,
                    const std::string& contextPath, const std::string& repeatPath);
  std::optional<Control> loadControl(pugi::xml_node element, const std::string& contextPath,
                                     const std::string& repeatPath);
  TextRef loadText(pugi::xml_node element, std::string_view what);
  void loadItemset(pugi::xml_node element, Control& control);
  void checkChoiceItext(const expr::Expression& itextId, std::string_view nodeset,
                        pugi::xml_node element, pugi::xml_attribute attr);
  void loadItem(pugi::xml_node element, Control& control);
  std::string resolveRef(pugi::xml_node element, pugi::xml_attribute attr,
                         const std::string& contextPath);
  void checkAppearance(pugi::xml_node element, Control& control);
  void loadScale(pugi::xml_node element, Control& control);

  // After everything is read.
  void checkRepeats();
  void checkItext();
  void linkControls(std::vector<Control>& controls);
  void buildGraph();
  std::vector<int> readsOf(const expr::Expression& expression, const std::string& contextPath,
                           pugi::xml_node element, pugi::xml_attribute attr, std::string_view what);

  SourceText source_;
  std::filesystem::path mediaDirectory_;  // where external instances are read
  pugi::xml_document doc_;
  XFormDefinition def_;
  std::vector<Diagnostic> problems_;

  std::vector<pugi::xml_node> bindElements_;  // per bind, for locations (null = implicit)
  std::unordered_map<const Control*, pugi::xml_node> controlElements_;
  std::map<std::pair<std::size_t, std::size_t>, pugi::xml_node> controlAt_;  // line, column
  // Generic paths seen more than once under one parent → the second occurrence.
  std::map<std::string, pugi::xml_node> repeatedSiblings_;
  std::map<std::string, pugi::xml_node> firstElements_;     // generic path → first occurrence
  std::map<std::string, pugi::xml_node> templateElements_;  // repeat path → jr:template element
  struct ItextUse {
    std::string id;
    pugi::xml_node element;
    pugi::xml_attribute attribute;
  };
  std::vector<ItextUse> itextUses_;
  std::map<std::string, pugi::xml_node> translationElements_;  // language → element
};

void XFormLoader::checkAttributes(pugi::xml_node element,
                                  std::initializer_list<AttributeName> allowed) {
  for (auto attr : element.attributes()) {
    if (xmlns::isNamespaceDeclaration(attr)) continue;
    const QName name = xmlns::attributeName(element, attr);
    const bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const AttributeName& a) {
      return a.ns == name.ns && a.local == name.local;
    });
    if (ok) continue;
    if (!isCoreNamespace(name.ns)) {
      note(element, attr,
           "attribute " + xmlns::displayName(name) + " on " + tag(element) +
               " belongs to another tool (" + name.ns + "): kept, and ignored at the window");
    } else {
      error(element, attr,
            "attribute " + xmlns::displayName(name) + " on " + tag(element) +
                " is not part of the supported XForms subset");
    }
  }
}

void XFormLoader::rejectUnexpectedText(pugi::xml_node element) {
  for (auto child : element.children()) {
    if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
        !isBlank(child.value())) {
      error(child, "unexpected text in " + tag(element));
      return;
    }
  }
}

std::optional<expr::Expression> XFormLoader::parseExpression(pugi::xml_node element,
                                                             pugi::xml_attribute attr,
                                                             std::string_view text,
                                                             std::string_view what) {
  try {
    auto expression = expr::Expression::parse(text);
    for (const auto& id : instanceIds(text)) {
      if (def_.secondaryInstance(id) == nullptr) {
        error(element, attr,
              std::string(what) + " uses instance('" + id + "'), which the form does not declare");
      }
    }
    for (const auto& id : instanceIds(text, true)) {
      if (def_.secondaryInstance(id) == nullptr) {
        error(element, attr,
              std::string(what) + " uses pulldata('" + id +
                  "', …), which names an instance the form does not declare");
      }
    }
    return expression;
  } catch (const expr::ParseError& e) {
    // `text` may be a part of the attribute value (jr:itext(…) argument): find its offset.
    const std::string_view value = attr ? attr.value() : std::string_view{};
    std::size_t base = 0;
    if (attr && text.data() >= value.data() && text.data() <= value.data() + value.size()) {
      base = static_cast<std::size_t>(text.data() - value.data());
    } else if (attr) {
      const auto at = value.find(text);
      if (at != std::string_view::npos) base = at;
    }
    error(element, attr, "bad expression in " + std::string(what) + ": " + e.what(),
          base + e.offset());
    return std::nullopt;
  }
}

XFormDefinition XFormLoader::load() {
  const auto& text = source_.text();
  const auto parsed = doc_.load_buffer(
      text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
  if (!parsed) {
    problems_.push_back(
        source_.at(static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)),
                   std::string("not well-formed XML: ") + parsed.description()));
    throw LoadError(std::move(problems_));
  }
  const auto html = doc_.document_element();
  if (!xmlns::isElement(html, xmlns::kXhtml, "html")) {
    error(html, "the root element must be h:html (namespace " + std::string(xmlns::kXhtml) +
                    "), found " + tag(html));
    throw LoadError(std::move(problems_));
  }
  checkAttributes(html, {});
  rejectUnexpectedText(html);
  pugi::xml_node head;
  pugi::xml_node body;
  for (auto child : elementChildren(html)) {
    if (xmlns::isElement(child, xmlns::kXhtml, "head") && !head) {
      head = child;
    } else if (xmlns::isElement(child, xmlns::kXhtml, "body") && !body) {
      body = child;
    } else {
      error(child, tag(child) + " is not expected in h:html (only h:head and h:body)");
    }
  }
  if (!head) {
    error(html, "the form has no h:head");
    throw LoadError(std::move(problems_));
  }
  loadHead(head);
  if (def_.primaryRoot()) {
    if (body) {
      loadBody(body);
    } else {
      error(html, "the form has no h:body");
    }
    checkRepeats();
    checkItext();
    // The body is final from here: controls may be pointed at.
    linkControls(def_.body);
    buildGraph();
  }
  // The form's own problems first, then those of each file it reads, each in file order.
  const auto inFileOrder = [this](std::vector<Diagnostic>& found) {
    std::stable_sort(found.begin(), found.end(), [this](const auto& a, const auto& b) {
      const bool aOther = a.file != def_.file;
      const bool bOther = b.file != def_.file;
      return std::tie(aOther, a.file, a.line, a.column) <
             std::tie(bOther, b.file, b.line, b.column);
    });
  };
  if (!problems_.empty()) {
    inFileOrder(problems_);
    throw LoadError(std::move(problems_));
  }
  inFileOrder(def_.notes);
  return std::move(def_);
}

void XFormLoader::loadHead(pugi::xml_node head) {
  checkAttributes(head, {});
  rejectUnexpectedText(head);
  pugi::xml_node model;
  for (auto child : elementChildren(head)) {
    if (xmlns::isElement(child, xmlns::kXhtml, "title")) {
      checkAttributes(child, {});
      def_.title = std::string(trim(child.text().get()));
    } else if (xmlns::isElement(child, xmlns::kXForms, "model") && !model) {
      model = child;
    } else {
      error(child, tag(child) + " is not expected in h:head (only h:title and one model)");
    }
  }
  if (!model) {
    error(head, "the form has no model");
    return;
  }
  loadModel(model);
}

void XFormLoader::loadModel(pugi::xml_node model) {
  checkAttributes(model, {{xmlns::kOdk, "xforms-version"}});
  rejectUnexpectedText(model);
  const auto children = elementChildren(model);
  // itext and instances first: binds and labels refer to them wherever they stand.
  bool sawItext = false;
  for (auto child : children) {
    if (!xmlns::isElement(child, xmlns::kXForms, "itext")) continue;
    if (sawItext) {
      error(child, "a second <itext>");
      continue;
    }
    sawItext = true;
    loadItext(child);
  }
  bool sawPrimary = false;
  for (auto child : children) {
    if (!xmlns::isElement(child, xmlns::kXForms, "instance")) continue;
    if (!sawPrimary) {
      sawPrimary = true;
      loadPrimaryInstance(child);
    } else {
      loadSecondaryInstance(child);
    }
  }
  if (!sawPrimary) {
    error(model, "the model has no <instance>");
    return;
  }
  if (!def_.primaryRoot()) return;
  bindElements_.clear();
  for (auto child : children) {
    const QName name = xmlns::elementName(child);
    if (name.ns == xmlns::kXForms && (name.local == "itext" || name.local == "instance")) continue;
    if (name.ns == xmlns::kXForms && name.local == "bind") {
      loadBind(child);
    } else if (name.ns == xmlns::kXForms && name.local == "setvalue") {
      loadSetValue(child, {});
    } else if (name.ns == xmlns::kXForms && name.local == "submission") {
      error(child,
            "<submission> (submission URL or encryption key) is not supported: cases are "
            "submitted by the workstation");
    } else if (name.ns == xmlns::kOdk &&
               (name.local == "setgeopoint" || name.local == "recordaudio")) {
      refuseAction(child);
    } else {
      error(child, tag(child) + " is not part of the supported XForms subset");
    }
  }
}

RichText XFormLoader::loadRichText(pugi::xml_node element, std::string_view what) {
  RichText pieces;
  for (auto child : element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      if (!pieces.empty() && !pieces.back().output) {
        pieces.back().literal += child.value();
      } else {
        pieces.push_back(TextPiece{child.value(), std::nullopt});
      }
    } else if (child.type() == pugi::node_element) {
      if (xmlns::isElement(child, xmlns::kXForms, "output")) {
        checkAttributes(child, {{"", "value"}});
        const auto value = child.attribute("value");
        if (!value) {
          error(child, "<output> needs a value attribute");
          continue;
        }
        if (auto expression = parseExpressionAttribute(child, value, "output")) {
          pieces.push_back(TextPiece{{}, std::move(expression)});
        }
      } else {
        error(child, tag(child) + " inside " + std::string(what) +
                         " is not supported (only text and <output value=\"…\"/>)");
      }
    }
  }
  return pieces;
}

void XFormLoader::loadItext(pugi::xml_node itext) {
  checkAttributes(itext, {});
  rejectUnexpectedText(itext);
  for (auto translation : elementChildren(itext)) {
    if (!xmlns::isElement(translation, xmlns::kXForms, "translation")) {
      error(translation, tag(translation) + " is not expected in <itext>");
      continue;
    }
    checkAttributes(translation, {{"", "lang"}, {"", "default"}});
    rejectUnexpectedText(translation);
    const auto langAttr = translation.attribute("lang");
    const std::string code = languageCode(langAttr.value());
    if (code.empty()) {
      error(translation, "<translation> needs a lang attribute");
      continue;
    }
    if (translationElements_.count(code) != 0) {
      error(translation, langAttr, "a second translation for language '" + code + "'");
      continue;
    }
    translationElements_[code] = translation;
    def_.languages.push_back(code);
    if (const auto isDefault = translation.attribute("default")) {
      if (std::string_view(isDefault.value()) == "true()") {
        if (!def_.defaultLanguage.empty()) {
          error(translation, isDefault, "a second default translation");
        }
        def_.defaultLanguage = code;
      } else if (std::string_view(isDefault.value()) != "false()") {
        error(translation, isDefault, "default must be true() or false()");
      }
    }
    for (auto text : elementChildren(translation)) {
      if (!xmlns::isElement(text, xmlns::kXForms, "text")) {
        error(text, tag(text) + " is not expected in <translation>");
        continue;
      }
      checkAttributes(text, {{"", "id"}});
      rejectUnexpectedText(text);
      const std::string id = text.attribute("id").value();
      if (id.empty()) {
        error(text, "<text> needs an id");
        continue;
      }
      auto& byLanguage = def_.itext[id];
      if (byLanguage.count(code) != 0) {
        error(text, text.attribute("id"),
              join("a second text '", id, "' in language '", code, "'"));
        continue;
      }
      bool sawValue = false;
      for (auto value : elementChildren(text)) {
        if (!xmlns::isElement(value, xmlns::kXForms, "value")) {
          error(value, tag(value) + " is not expected in <text>");
          continue;
        }
        if (const auto form = value.attribute("form")) {
          error(value, form,
                std::string("text form '") + form.value() +
                    "' (images, audio, video, guidance hints) is not supported: labels are text");
          continue;
        }
        checkAttributes(value, {});
        if (sawValue) {
          error(value, "a second <value> in text '" + id + "'");
          continue;
        }
        sawValue = true;
        byLanguage[code] = loadRichText(value, "itext");
      }
      // <text id="…"/> without a value: the id has no text in this language (reported by
      // checkItext when something uses it in a language that lacks it).
    }
  }
  if (def_.defaultLanguage.empty() && !def_.languages.empty()) {
    def_.defaultLanguage = def_.languages.front();
  }
}

void XFormLoader::loadPrimaryInstance(pugi::xml_node instance) {
  checkAttributes(instance, {{"", "id"}});
  rejectUnexpectedText(instance);
  const auto roots = elementChildren(instance);
  if (roots.size() != 1) {
    error(instance, "the primary <instance> must hold exactly one root element");
    if (roots.empty()) return;
  }
  const auto root = roots.front();
  checkAttributes(root, {{"", "id"}, {"", "version"}});
  def_.id = root.attribute("id").value();
  def_.version = root.attribute("version").value();
  if (def_.id.empty()) {
    error(root, "the primary instance root <" + std::string(root.name()) +
                    "> needs an id attribute (the form id)");
  }
  auto copy = def_.primary_->append_copy(root);
  stripBlankText(copy);
  const std::string path = "/" + std::string(root.name());
  InstanceNode node;
  node.path = path;
  node.name = root.name();
  def_.nodeIndex_[path] = 0;
  def_.nodes.push_back(std::move(node));
  walkInstance(root, copy, 0, path);
}

void XFormLoader::walkInstance(pugi::xml_node original, pugi::xml_node copy, int parent,
                               const std::string& parentPath) {
  bool hasElements = false;
  for (auto child : original.children()) hasElements |= child.type() == pugi::node_element;
  if (hasElements) {
    for (auto child : original.children()) {
      if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
          !isBlank(child.value())) {
        error(child, "mixed content in the primary instance: <" + std::string(original.name()) +
                         "> holds both text and elements");
        break;
      }
    }
  }
  std::set<std::string> seenHere;
  auto copyChild = copy.first_child();
  for (auto child : original.children()) {
    if (child.type() != pugi::node_element) continue;
    while (copyChild && copyChild.type() != pugi::node_element)
      copyChild = copyChild.next_sibling();
    const auto thisCopy = copyChild;
    copyChild = copyChild.next_sibling();

    const std::string name = child.name();
    const std::string path = join(parentPath, "/", name);
    int index = def_.nodeIndex(path);
    if (index < 0) {
      index = static_cast<int>(def_.nodes.size());
      InstanceNode node;
      node.path = path;
      node.name = name;
      node.parent = parent;
      def_.nodes.push_back(std::move(node));
      def_.nodeIndex_[path] = index;
      def_.nodes[static_cast<std::size_t>(parent)].children.push_back(index);
    }
    if (!seenHere.insert(name).second) repeatedSiblings_.emplace(path, child);
    firstElements_.emplace(path, child);

    for (auto attr : child.attributes()) {
      if (xmlns::isNamespaceDeclaration(attr)) continue;
      const QName attrName = xmlns::attributeName(child, attr);
      if (attrName.ns == xmlns::kJavaRosa && attrName.local == "template") {
        if (templateElements_.count(path) != 0) {
          error(child, attr, "a second jr:template for " + path);
        } else {
          templateElements_[path] = child;
          def_.repeatTemplates_[path] = thisCopy;
        }
        continue;
      }
      if (name == "entity" && parent > 0 &&
          def_.nodes[static_cast<std::size_t>(parent)].name == "meta") {
        error(child, attr,
              "the entity block (meta/entity, an ODK Central entity list) has no meaning at a "
              "window: a window's cases go to the OneWindow central API");
        break;
      }
      error(child, attr,
            "attribute " + xmlns::displayName(attrName) +
                " on a primary instance node is not supported (values live in elements)");
    }
    walkInstance(child, thisCopy, index, path);
  }
}

void XFormLoader::loadSecondaryInstance(pugi::xml_node instance) {
  checkAttributes(instance, {{"", "id"}, {"", "src"}});
  const auto id = instance.attribute("id");
  if (!id || std::string_view(id.value()).empty()) {
    error(instance, "a secondary <instance> needs an id");
    return;
  }
  if (def_.secondary_.count(id.value()) != 0) {
    error(instance, id, std::string("a second instance with id '") + id.value() + "'");
    return;
  }
  rejectUnexpectedText(instance);
  const auto roots = elementChildren(instance);
  if (const auto src = instance.attribute("src")) {
    loadExternalInstance(instance, id.value(), src, !roots.empty());
    return;
  }
  if (roots.size() != 1) {
    error(instance,
          std::string("instance '") + id.value() + "' must hold exactly one root element");
    if (roots.empty()) return;
  }
  auto document = std::make_unique<pugi::xml_document>();
  stripBlankText(document->append_copy(roots.front()));
  def_.secondary_[id.value()] = std::move(document);
}

void XFormLoader::loadExternalInstance(pugi::xml_node instance, const std::string& id,
                                       pugi::xml_attribute src, bool hasContent) {
  std::string why;
  const auto ref = parseExternalSource(trim(src.value()), why);
  if (!ref) {
    error(instance, src, std::string("external instance '") + src.value() + "': " + why);
    return;
  }
  if (hasContent) {
    error(instance, "instance '" + id + "' is read from " + src.value() +
                        ": it holds no elements of its own");
  }
  const auto file = mediaDirectory_ / ref->fileName;
  try {
    def_.secondary_[id] = forms::loadExternalInstance(file, ref->format);
    if (std::find(def_.mediaFiles.begin(), def_.mediaFiles.end(), ref->fileName) ==
        def_.mediaFiles.end())
      def_.mediaFiles.push_back(ref->fileName);
  } catch (const LoadError& failure) {
    // Declared all the same, so expressions that read it are not reported a second time.
    def_.secondary_[id] = std::make_shared<const pugi::xml_document>();
    // The file's own problems are located in the file; the form says which instance reads it.
    error(instance, src,
          "instance '" + id + "' cannot be read from " + file.string() +
              (failure.diagnostics().size() == 1 && failure.diagnostics()[0].line == 0
                   ? ": " + failure.diagnostics()[0].message +
                         " (the file must be beside the form and travel with it in the release)"
                   : ": its problems follow"));
    for (const auto& problem : failure.diagnostics())
      if (problem.line != 0) problems_.push_back(problem);
  }
}

TextRef XFormLoader::loadMessage(pugi::xml_node bind, pugi::xml_attribute attr) {
  TextRef ref;
  if (!attr) return ref;
  if (auto id = itextLiteral(attr.value())) {
    ref.itextId = *id;
    itextUses_.push_back(ItextUse{*id, bind, attr});
  } else if (std::string_view(attr.value()).find("jr:itext") != std::string_view::npos) {
    error(bind, attr, "a message must be plain text or jr:itext('id')");
  } else {
    ref.inlineText.push_back(TextPiece{attr.value(), std::nullopt});
  }
  return ref;
}

void XFormLoader::loadBind(pugi::xml_node element) {
  checkAttributes(element, {{"", "nodeset"},
                            {"", "type"},
                            {"", "required"},
                            {"", "constraint"},
                            {"", "relevant"},
                            {"", "calculate"},
                            {"", "readonly"},
                            {xmlns::kJavaRosa, "requiredMsg"},
                            {xmlns::kJavaRosa, "constraintMsg"},
                            {xmlns::kJavaRosa, "preload"},
                            {xmlns::kJavaRosa, "preloadParams"},
                            {xmlns::kOneWindow, "material"},
                            {"", "id"},
                            {"", "saveIncomplete"}});
  // pyxform names each bind (id) and ODK Collect saves a draft when saveIncomplete holds: the
  // window saves every draft anyway, and nothing refers to a bind by its id.
  if (const auto id = element.attribute("id"))
    note(element, id,
         "attribute id on <bind>: nothing at a window names a bind by its id; ignored");
  if (const auto draft = element.attribute("saveIncomplete"))
    note(element, draft,
         "attribute saveIncomplete on <bind>: the window saves every draft anyway; ignored");
  rejectUnexpectedText(element);
  for (auto child : elementChildren(element)) error(child, tag(child) + " inside <bind>");
  const auto nodesetAttr = element.attribute("nodeset");
  const std::string nodeset{trim(nodesetAttr.value())};
  if (!nodesetAttr) {
    error(element, "<bind> needs a nodeset");
    return;
  }
  if (!isSimpleAbsolutePath(nodeset)) {
    error(element, nodesetAttr,
          "bind nodeset must be an absolute path of element names like /data/name");
    return;
  }
  const int node = def_.nodeIndex(nodeset);
  if (node < 0) {
    error(element, nodesetAttr,
          "bind nodeset " + nodeset + " is not a node of the primary instance");
    return;
  }
  auto& instanceNode = def_.nodes[static_cast<std::size_t>(node)];
  if (instanceNode.bind >= 0) {
    error(element, nodesetAttr, "a second bind for " + nodeset);
    return;
  }
  Bind bind;
  bind.nodeset = nodeset;
  bind.line = source_.at(element, "").line;
  if (const auto typeAttr = element.attribute("type")) {
    std::string_view type = trim(typeAttr.value());
    // XML Schema's types by their usual prefix: declared for the schema namespace, or xsd:/xs:
    // left undeclared, as forms written by hand and by older tools do.
    if (const std::string_view prefix = xmlns::prefixOf(type); !prefix.empty()) {
      const std::string uri = xmlns::namespaceUri(element, prefix);
      if (uri == xmlns::kXsd || (uri.empty() && (prefix == "xsd" || prefix == "xs")))
        type = xmlns::localOf(type);
      // pyxform writes a rank question's type as odk:rank.
      else if ((uri == xmlns::kOdk || (uri.empty() && prefix == "odk")) &&
               xmlns::localOf(type) == "rank")
        type = "odk:rank";
    }
    static const std::map<std::string_view, DataType> kTypes = {
        {"string", DataType::String},     {"int", DataType::Int},
        {"integer", DataType::Int},       {"decimal", DataType::Decimal},
        {"date", DataType::Date},         {"time", DataType::Time},
        {"dateTime", DataType::DateTime}, {"select1", DataType::Select1},
        {"select", DataType::Select},     {"binary", DataType::Binary},
        {"barcode", DataType::Barcode},   {"geopoint", DataType::Geopoint},
        {"geotrace", DataType::Geotrace}, {"geoshape", DataType::Geoshape},
        {"odk:rank", DataType::Rank},     {"boolean", DataType::Boolean}};
    const auto found = kTypes.find(type);
    if (found == kTypes.end()) {
      error(
          element, typeAttr,
          "bind type '" + std::string(type) +
              "' is not supported (supported: string, int, decimal, date, time, dateTime, "
              "select1, select, binary, barcode, geopoint, geotrace, geoshape, odk:rank, boolean)");
    } else {
      bind.type = found->second;
    }
  }
  auto expression = [&](const char* name, std::optional<expr::Expression>& out) {
    if (const auto attr = element.attribute(name)) {
      out = parseExpressionAttribute(element, attr, name);
    }
  };
  expression("required", bind.required);
  expression("constraint", bind.constraint);
  expression("relevant", bind.relevant);
  expression("calculate", bind.calculate);
  expression("readonly", bind.readonly);
  bind.requiredMessage =
      loadMessage(element, xmlns::attribute(element, xmlns::kJavaRosa, "requiredMsg"));
  bind.constraintMessage =
      loadMessage(element, xmlns::attribute(element, xmlns::kJavaRosa, "constraintMsg"));
  const auto preload = xmlns::attribute(element, xmlns::kJavaRosa, "preload");
  const auto params = xmlns::attribute(element, xmlns::kJavaRosa, "preloadParams");
  if (preload) {
    const std::string_view kind = preload.value();
    const std::string_view param = params.value();
    if (kind == "uid" && !params) {
      bind.preload = Preload::Uid;
    } else if (kind == "timestamp" && param == "start") {
      bind.preload = Preload::Start;
    } else if (kind == "timestamp" && param == "end") {
      bind.preload = Preload::End;
    } else if (kind == "date" && param == "today") {
      bind.preload = Preload::Today;
    } else if (kind == "property" && (param == "deviceid" || param == "uri:deviceid")) {
      bind.preload = Preload::DeviceId;
    } else if (kind == "property" && (param == "username" || param == "uri:username")) {
      bind.preload = Preload::UserName;
    } else if (kind == "property") {
      error(element, params ? params : preload,
            "jr:preload=\"property\" with jr:preloadParams=\"" + std::string(param) +
                "\" has no meaning at a window: a desk computer has no phone number, SIM or "
                "subscriber id, and the clerk's e-mail is not the citizen's (deviceid gives the "
                "station's id, username the clerk's id)");
    } else if (kind == "uid" || kind == "timestamp" || kind == "date") {
      error(element, params ? params : preload,
            "jr:preload=\"" + std::string(kind) + "\" with jr:preloadParams=\"" +
                std::string(param) +
                "\" is not supported (uid alone, timestamp start or end, date today)");
    } else {
      error(element, preload,
            "jr:preload=\"" + std::string(kind) +
                "\" is not a preload ODK defines (uid, timestamp start or end, date today, "
                "property deviceid or username)");
    }
  } else if (params) {
    error(element, params, "jr:preloadParams without jr:preload");
  }
  if (const auto material = xmlns::attribute(element, xmlns::kOneWindow, "material")) {
    static const std::regex kKey(R"re(^[A-Za-z_][A-Za-z0-9_]*$)re");
    if (!std::regex_match(material.value(), kKey)) {
      error(element, material, "onewindow:material must be a material key like id_card");
    } else if (bind.type != DataType::Binary) {
      error(element, material, "onewindow:material belongs on the bind of an upload (binary)");
    } else {
      bind.materialKey = material.value();
    }
  }
  instanceNode.bind = static_cast<int>(def_.binds.size());
  def_.binds.push_back(std::move(bind));
  bindElements_.push_back(element);
}

void XFormLoader::loadSetValue(pugi::xml_node element, const std::string& repeatPath,
                               const std::string& source, const std::string& contextPath) {
  checkAttributes(element, {{"", "event"}, {"", "ref"}, {"", "value"}});
  SetValue action;
  action.line = source_.at(element, "").line;
  std::string text;
  for (auto child : element.children()) {
    if (child.type() == pugi::node_element) {
      error(child, "<setvalue> holds text (its value) or nothing, not " + tag(child));
      break;
    }
    text += child.value();
  }
  if (!isBlank(text)) {
    if (element.attribute("value"))
      error(element, "<setvalue> has both a value attribute and text: keep one");
    else
      action.literal = text;
  }
  action.repeat = repeatPath;
  action.source = source;
  const bool inBody = !xmlns::isElement(element.parent(), xmlns::kXForms, "model");
  const auto event = element.attribute("event");
  std::string_view events = event.value();
  if (trim(events).empty()) error(element, "<setvalue> needs an event");
  std::size_t at = 0;
  while (at < events.size()) {
    const auto end = std::min(events.find(' ', at), events.size());
    const auto name = events.substr(at, end - at);
    at = end + 1;
    if (name.empty()) continue;
    if (name == "odk-instance-first-load") {
      action.onFirstLoad = true;
    } else if (name == "xforms-ready") {
      // The name older tools used; ODK runs it as odk-instance-first-load.
      action.onFirstLoad = true;
      note(element, event,
           "event xforms-ready is the older name of odk-instance-first-load; run as that");
    } else if (name == "odk-new-repeat") {
      if (repeatPath.empty()) {
        error(element, event,
              "setvalue on odk-new-repeat must be inside the <repeat> whose new instances it "
              "fills");
      }
      action.onNewRepeat = true;
    } else if (name == "xforms-value-changed") {
      if (source.empty()) {
        error(element, event,
              std::string("setvalue on xforms-value-changed must be inside the control whose "
                          "answer changes (XLSForm's trigger column)") +
                  (inBody ? "" : ", not in the model"));
      }
      action.onValueChanged = true;
    } else {
      error(element, event,
            "setvalue on event '" + std::string(name) +
                "' has no meaning at a window (the events are odk-instance-first-load, "
                "odk-new-repeat and xforms-value-changed)");
    }
  }
  const auto ref = element.attribute("ref");
  const std::string path = resolveRef(element, ref, contextPath.empty() ? repeatPath : contextPath);
  if (path.empty()) return;
  action.ref = path;
  if (const auto value = element.attribute("value")) {
    action.value = parseExpressionAttribute(element, value, "setvalue");
  }
  def_.setValues.push_back(std::move(action));
}

// Actions that ask the device for something a desk computer at a window does not have.
void XFormLoader::refuseAction(pugi::xml_node element) {
  if (xmlns::isElement(element, xmlns::kOdk, "setgeopoint")) {
    error(element,
          "odk:setgeopoint has no meaning at a window: a desk computer has no location sensor, "
          "and where the citizen stands is the service centre; ask for an address instead");
  } else {
    error(element,
          "odk:recordaudio has no meaning at a window: recording the conversation at the "
          "counter in the background is not something a window does");
  }
}

std::string XFormLoader::resolveRef(pugi::xml_node element, pugi::xml_attribute attr,
                                    const std::string& contextPath) {
  if (!attr) {
    error(element, tag(element) + " needs a " +
                       (std::string_view(element.name()) == "repeat" ? "nodeset" : "ref"));
    return {};
  }
  std::string path{trim(attr.value())};
  if (!path.empty() && path[0] != '/' && !contextPath.empty()) path = contextPath + "/" + path;
  if (!isSimpleAbsolutePath(path)) {
    error(element, attr, "a reference must be a path of element names like /data/name");
    return {};
  }
  if (def_.nodeIndex(path) < 0) {
    error(element, attr, path + " is not a node of the primary instance");
    return {};
  }
  return path;
}

void XFormLoader::loadBody(pugi::xml_node body) {
  for (auto attr : body.attributes()) {
    if (xmlns::isNamespaceDeclaration(attr)) continue;
    if (std::string_view(attr.name()) == "class") {
      error(body, attr, "h:body class (form style such as pages or theme-grid) is not supported");
    } else {
      error(body, attr, std::string("attribute ") + attr.name() + " on h:body is not supported");
    }
  }
  loadControls(body, def_.body, {}, {});
}

void XFormLoader::loadControls(pugi::xml_node parent, std::vector<Control>& out,
                               const std::string& contextPath, const std::string& repeatPath) {
  rejectUnexpectedText(parent);
  for (auto element : elementChildren(parent)) {
    if (auto control = loadControl(element, contextPath, repeatPath)) {
      out.push_back(std::move(*control));
    }
  }
}

// A range's scale: start, end and step, numbers with ODK's defaults (1, 10, 1). A step that does
// not divide the scale is allowed, as ODK allows it: the end is then not reachable.
void XFormLoader::loadScale(pugi::xml_node element, Control& control) {
  const auto number = [&](const char* name, double& out) {
    const auto attr = element.attribute(name);
    if (!attr) return;
    const std::string_view text = trim(attr.value());
    double value = 0;
    const auto [end, failed] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (failed != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
      error(element, attr, std::string("range ") + name + " must be a number");
      return;
    }
    out = value;
  };
  number("start", control.rangeStart);
  number("end", control.rangeEnd);
  number("step", control.rangeStep);
  if (!(control.rangeStep > 0))
    error(element, element.attribute("step"), "range step must be more than 0");
  else if (control.rangeStart == control.rangeEnd)
    error(element, element.attribute("end"), "range start and end must differ");
  else if (std::abs(control.rangeEnd - control.rangeStart) / control.rangeStep > 10000)
    error(element, element.attribute("step"),
          "range has more than 10,000 steps: use an integer or decimal input with a constraint");
}

void XFormLoader::checkAppearance(pugi::xml_node element, Control& control) {
  const auto attr = element.attribute("appearance");
  if (!attr) return;
  std::string_view value = attr.value();
  std::size_t at = 0;
  std::string kept;
  while (at < value.size()) {
    auto end = value.find_first_of(" \t", at);
    if (end == std::string_view::npos) end = value.size();
    const auto token = value.substr(at, end - at);
    at = end + 1;
    if (token.empty()) continue;
    if (!acceptedAppearance(token)) {
      error(element, attr,
            "appearance '" + std::string(token) +
                "' is not supported: a window has no device app, pen or map to draw it with "
                "(accepted: field-list, minimal, autocomplete, compact, horizontal, "
                "horizontal-compact, columns, columns-pack, columns-N, likert, multiline, "
                "numbers, quick, no-calendar, vertical, no-ticks, picker, rating)",
            static_cast<std::size_t>(token.data() - value.data()));
      continue;
    }
    if (!kept.empty()) kept += ' ';
    kept += token;
  }
  control.appearance = kept;
}

TextRef XFormLoader::loadText(pugi::xml_node element, std::string_view what) {
  checkAttributes(element, {{"", "ref"}});
  TextRef text;
  if (const auto ref = element.attribute("ref")) {
    if (auto id = itextLiteral(ref.value())) {
      text.itextId = *id;
      itextUses_.push_back(ItextUse{*id, element, ref});
    } else {
      error(element, ref, std::string(what) + " ref must be jr:itext('id')");
    }
    for (auto child : element.children()) {
      if (child.type() == pugi::node_element || !isBlank(child.value())) {
        error(element, std::string(what) + " has both a ref and content");
        break;
      }
    }
    return text;
  }
  text.inlineText = loadRichText(element, what);
  return text;
}

void XFormLoader::loadItem(pugi::xml_node element, Control& control) {
  checkAttributes(element, {});
  rejectUnexpectedText(element);
  Choice choice;
  bool sawValue = false;
  for (auto child : elementChildren(element)) {
    if (xmlns::isElement(child, xmlns::kXForms, "label")) {
      choice.label = loadText(child, "an item label");
    } else if (xmlns::isElement(child, xmlns::kXForms, "value")) {
      checkAttributes(child, {});
      sawValue = true;
      choice.value = std::string(trim(child.text().get()));
      if (choice.value.empty() || choice.value.find_first_of(" \t") != std::string::npos) {
        error(child, "a choice value must be non-empty and without spaces");
      }
    } else {
      error(child, tag(child) + " is not expected in <item>");
    }
  }
  if (!sawValue) error(element, "<item> needs a <value>");
  for (const auto& other : control.items) {
    if (sawValue && other.value == choice.value) {
      error(element, "a second choice with value '" + choice.value + "'");
    }
  }
  control.items.push_back(std::move(choice));
}

// Translated choices name their itext through the items (jr:itext(itextId)): every item of the
// secondary instances the itemset reads must name text that exists in every language.
void XFormLoader::checkChoiceItext(const expr::Expression& itextId, std::string_view nodeset,
                                   pugi::xml_node element, pugi::xml_attribute attr) {
  std::set<std::string> reported;
  for (const auto& instanceId : instanceIds(nodeset)) {
    const auto* document = def_.secondaryInstance(instanceId);
    if (document == nullptr) continue;
    for (auto item : document->document_element().children()) {
      if (item.type() != pugi::node_element) continue;
      expr::Context context;
      context.node = item;
      context.current = item;
      std::string id;
      try {
        id = itextId.evaluateString(context);
      } catch (const expr::EvalError&) {
        continue;
      }
      if (id.empty() || !reported.insert(id).second) continue;
      const auto entry = def_.itext.find(id);
      if (entry == def_.itext.end()) {
        error(element, attr,
              join("choice text '", id, "' of instance '", instanceId, "' is not in <itext>"));
        continue;
      }
      for (const auto& language : def_.languages) {
        if (entry->second.count(language) == 0) {
          error(element, attr,
                join("choice text '", id, "' of instance '", instanceId,
                     "' has no text in language '", language, "'"));
        }
      }
    }
  }
}

void XFormLoader::loadItemset(pugi::xml_node element, Control& control) {
  checkAttributes(element, {{"", "nodeset"}});
  rejectUnexpectedText(element);
  const auto nodeset = element.attribute("nodeset");
  if (!nodeset) {
    error(element, "<itemset> needs a nodeset");
    return;
  }
  auto nodesetExpression = parseExpressionAttribute(element, nodeset, "itemset nodeset");
  std::optional<expr::Expression> value;
  std::optional<expr::Expression> label;
  std::optional<expr::Expression> labelItextId;
  bool sawLabel = false;
  for (auto child : elementChildren(element)) {
    const bool isValue = xmlns::isElement(child, xmlns::kXForms, "value");
    const bool isLabel = xmlns::isElement(child, xmlns::kXForms, "label");
    if (!isValue && !isLabel) {
      error(child, tag(child) + " is not expected in <itemset> (only value and label)");
      continue;
    }
    checkAttributes(child, {{"", "ref"}});
    const auto ref = child.attribute("ref");
    if (!ref) {
      error(child, tag(child) + " in an itemset needs a ref");
      continue;
    }
    if (isValue) {
      value = parseExpressionAttribute(child, ref, "itemset value");
      continue;
    }
    sawLabel = true;
    if (auto argument = itextArgument(ref.value())) {
      const std::string_view whole = ref.value();
      const auto open = whole.find('(');
      labelItextId =
          parseExpression(child, ref, whole.substr(open + 1, argument->size()), "itemset label");
      if (labelItextId) checkChoiceItext(*labelItextId, nodeset.value(), child, ref);
    } else {
      label = parseExpressionAttribute(child, ref, "itemset label");
    }
  }
  if (!value) {
    error(element, "<itemset> needs <value ref=\"…\"/>");
  }
  if (!sawLabel) error(element, "<itemset> needs <label ref=\"…\"/>");
  if (nodesetExpression && value && (label || labelItextId)) {
    control.itemset = Itemset{std::move(*nodesetExpression), std::move(*value), std::move(label),
                              std::move(labelItextId)};
  }
}

std::optional<Control> XFormLoader::loadControl(pugi::xml_node element,
                                                const std::string& contextPath,
                                                const std::string& repeatPath) {
  const QName name = xmlns::elementName(element);
  Control control;
  const auto where = source_.at(element, "");
  control.line = where.line;
  control.column = where.column;
  if (name.ns == xmlns::kXForms) {
    if (name.local == "input")
      control.kind = ControlKind::Input;
    else if (name.local == "select1")
      control.kind = ControlKind::Select1;
    else if (name.local == "select")
      control.kind = ControlKind::Select;
    else if (name.local == "upload")
      control.kind = ControlKind::Upload;
    else if (name.local == "group")
      control.kind = ControlKind::Group;
    else if (name.local == "repeat")
      control.kind = ControlKind::Repeat;
    else if (name.local == "setvalue") {
      loadSetValue(element, repeatPath, {}, contextPath);
      return std::nullopt;
    } else if (name.local == "trigger") {
      control.kind = ControlKind::Trigger;
    } else if (name.local == "range") {
      control.kind = ControlKind::Range;
    } else {
      error(element, tag(element) + " is not part of the supported XForms subset");
      return std::nullopt;
    }
  } else if (name.ns == xmlns::kOdk && name.local == "rank") {
    control.kind = ControlKind::Rank;
  } else if (name.ns == xmlns::kOdk &&
             (name.local == "setgeopoint" || name.local == "recordaudio")) {
    refuseAction(element);
    return std::nullopt;
  } else {
    error(element, tag(element) + " is not part of the supported XForms subset");
    return std::nullopt;
  }

  switch (control.kind) {
    case ControlKind::Input:
      checkAttributes(element, {{"", "ref"}, {"", "appearance"}, {"", "rows"}});
      break;
    case ControlKind::Select1:
    case ControlKind::Select:
    case ControlKind::Rank:
    case ControlKind::Trigger:
      checkAttributes(element, {{"", "ref"}, {"", "appearance"}});
      break;
    case ControlKind::Range:
      checkAttributes(element,
                      {{"", "ref"}, {"", "appearance"}, {"", "start"}, {"", "end"}, {"", "step"}});
      loadScale(element, control);
      break;
    case ControlKind::Upload:
      checkAttributes(element, {{"", "ref"}, {"", "appearance"}, {"", "mediatype"}});
      break;
    case ControlKind::Group:
      checkAttributes(element, {{"", "ref"}, {"", "appearance"}});
      break;
    case ControlKind::Repeat:
      checkAttributes(element, {{"", "nodeset"},
                                {"", "appearance"},
                                {xmlns::kJavaRosa, "count"},
                                {xmlns::kJavaRosa, "noAddRemove"}});
      break;
  }
  checkAppearance(element, control);

  const bool isRepeat = control.kind == ControlKind::Repeat;
  const auto refAttr = element.attribute(isRepeat ? "nodeset" : "ref");
  if (control.kind != ControlKind::Group || refAttr) {
    control.ref = resolveRef(element, refAttr, contextPath);
    if (control.ref.empty()) return std::nullopt;
  }
  controlAt_[{control.line, control.column}] = element;

  if (control.kind == ControlKind::Upload) {
    const std::string_view mediatype = element.attribute("mediatype").value();
    if (mediatype.empty()) {
      error(element, "<upload> needs a mediatype");
    } else if (mediatype.substr(0, 6) != "image/" && mediatype.substr(0, 12) != "application/") {
      error(element, element.attribute("mediatype"),
            "upload mediatype '" + std::string(mediatype) +
                "' has no meaning at a window: a window scans or imports paper materials "
                "(image/… or application/…); it records no sound or film");
    }
    control.mediatype = mediatype;
  }

  if (isRepeat) {
    if (const auto count = xmlns::attribute(element, xmlns::kJavaRosa, "count")) {
      control.repeatCount = parseExpressionAttribute(element, count, "jr:count");
    }
    if (const auto fixed = xmlns::attribute(element, xmlns::kJavaRosa, "noAddRemove")) {
      const std::string_view value = trim(fixed.value());
      if (value == "true()")
        control.noAddRemove = true;
      else if (value != "false()")
        error(element, fixed, "jr:noAddRemove must be true() or false()");
    }
  }

  const std::string childContext = control.ref.empty() ? contextPath : control.ref;
  const std::string childRepeat = isRepeat ? control.ref : repeatPath;
  bool sawLabel = false;
  bool sawHint = false;
  rejectUnexpectedText(element);
  for (auto child : elementChildren(element)) {
    const QName childName = xmlns::elementName(child);
    const bool xf = childName.ns == xmlns::kXForms;
    if (xf && childName.local == "label") {
      if (sawLabel) error(child, "a second <label>");
      sawLabel = true;
      control.label = loadText(child, "a label");
    } else if (xf && childName.local == "hint") {
      if (sawHint) error(child, "a second <hint>");
      sawHint = true;
      control.hint = loadText(child, "a hint");
    } else if (control.kind == ControlKind::Group || isRepeat) {
      if (auto inner = loadControl(child, childContext, childRepeat)) {
        control.children.push_back(std::move(*inner));
      }
    } else if (xf && childName.local == "setvalue") {
      loadSetValue(child, childRepeat, control.ref, contextPath);
    } else if (childName.ns == xmlns::kOdk &&
               (childName.local == "setgeopoint" || childName.local == "recordaudio")) {
      refuseAction(child);
    } else if (hasChoices(control.kind) && xf && childName.local == "item") {
      loadItem(child, control);
    } else if (hasChoices(control.kind) && xf && childName.local == "itemset") {
      if (control.itemset) error(child, "a second <itemset>");
      loadItemset(child, control);
    } else {
      error(child, tag(child) + " is not expected in " + tag(element));
    }
  }
  const bool isSelect = hasChoices(control.kind);
  if (isSelect && !control.items.empty() && control.itemset) {
    error(element, tag(element) + " has both <item>s and an <itemset>");
  }
  if (isSelect && control.items.empty() && !control.itemset) {
    error(element, tag(element) + " has no choices (neither <item> nor <itemset>)");
  }
  return control;
}

void XFormLoader::checkRepeats() {
  // Mark repeat nodes and fill in templates.
  std::function<void(const std::vector<Control>&)> visit = [&](const std::vector<Control>& list) {
    for (const auto& control : list) {
      if (control.kind == ControlKind::Repeat) {
        auto& node = def_.nodes[static_cast<std::size_t>(def_.nodeIndex(control.ref))];
        node.repeat = true;
        if (node.parent < 0) {
          problems_.push_back(Diagnostic{def_.file, control.line, control.column,
                                         "the instance root cannot repeat"});
        }
      }
      visit(control.children);
    }
  };
  visit(def_.body);

  for (const auto& [path, element] : templateElements_) {
    const int index = def_.nodeIndex(path);
    if (!def_.nodes[static_cast<std::size_t>(index)].repeat) {
      error(element,
            join(path, " has jr:template but no <repeat nodeset=\"", path, "\"> in the body"));
    }
  }
  for (const auto& [path, element] : repeatedSiblings_) {
    const int index = def_.nodeIndex(path);
    if (!def_.nodes[static_cast<std::size_t>(index)].repeat) {
      error(element, join(path, " appears more than once in the primary instance but no <repeat ",
                          "nodeset=\"", path, "\"> is in the body"));
    }
  }
  // Templates of repeats without jr:template: their first instance.
  for (std::size_t i = 0; i < def_.nodes.size(); ++i) {
    const auto& node = def_.nodes[i];
    if (!node.repeat || def_.repeatTemplates_.count(node.path) != 0) continue;
    // Find the first element at this generic path in the copy.
    pugi::xml_node at = def_.primaryRoot();
    std::vector<std::string> steps;
    for (int n = static_cast<int>(i); n > 0; n = def_.nodes[static_cast<std::size_t>(n)].parent) {
      steps.push_back(def_.nodes[static_cast<std::size_t>(n)].name);
    }
    for (auto step = steps.rbegin(); step != steps.rend() && at; ++step) {
      at = at.child(step->c_str());
    }
    def_.repeatTemplates_[node.path] = at;
  }
  // Every node below a repeat must exist in its template, or new instances would lack it.
  for (const auto& [path, templateNode] : def_.repeatTemplates_) {
    const int index = def_.nodeIndex(path);
    std::function<void(int, pugi::xml_node)> check = [&](int n, pugi::xml_node element) {
      for (const int child : def_.nodes[static_cast<std::size_t>(n)].children) {
        const auto& childNode = def_.nodes[static_cast<std::size_t>(child)];
        const auto childElement = element.child(childNode.name.c_str());
        if (!childElement) {
          error(firstElements_[childNode.path],
                childNode.path + " is in a repeat instance but not in the repeat's template");
          continue;
        }
        check(child, childElement);
      }
    };
    if (index >= 0 && templateNode) check(index, templateNode);
  }
}

void XFormLoader::checkItext() {
  for (const auto& use : itextUses_) {
    const auto entry = def_.itext.find(use.id);
    if (entry == def_.itext.end()) {
      error(use.element, use.attribute, "itext id '" + use.id + "' is not in <itext>");
      continue;
    }
    for (const auto& language : def_.languages) {
      if (entry->second.count(language) == 0) {
        error(use.element, use.attribute,
              "itext id '" + use.id + "' has no text in language '" + language + "'");
      }
    }
  }
}

void XFormLoader::linkControls(std::vector<Control>& controls) {
  // Called with the final body: pointers into it stay valid from now on.
  for (auto& control : controls) {
    const pugi::xml_node element = controlAt_[{control.line, control.column}];
    controlElements_[&control] = element;
    if (!control.ref.empty()) {
      auto& node = def_.nodes[static_cast<std::size_t>(def_.nodeIndex(control.ref))];
      if (control.kind != ControlKind::Group) {
        if (node.control != nullptr) {
          problems_.push_back(Diagnostic{def_.file, control.line, control.column,
                                         "a second control for " + control.ref});
          linkControls(control.children);
          continue;
        }
        node.control = &control;
      }
      if (control.kind != ControlKind::Group && control.kind != ControlKind::Repeat) {
        if (node.bind < 0) {
          // A control without a bind: an implicit one of the control's type.
          Bind bind;
          bind.nodeset = control.ref;
          bind.line = control.line;
          node.bind = static_cast<int>(def_.binds.size());
          def_.binds.push_back(std::move(bind));
          bindElements_.emplace_back();
        }
        auto& bind = def_.binds[static_cast<std::size_t>(node.bind)];
        const auto bindAttr = [&]() -> std::pair<pugi::xml_node, pugi::xml_attribute> {
          const auto el = bindElements_[static_cast<std::size_t>(node.bind)];
          return {el ? el : element, el ? el.attribute("type") : pugi::xml_attribute{}};
        }();
        auto mismatch = [&](std::string_view expected) {
          error(bindAttr.first, bindAttr.second,
                "<" + std::string(controlKindName(control.kind)) + " ref=\"" + control.ref +
                    "\"> needs a bind of type " + std::string(expected) + ", not " +
                    std::string(dataTypeName(bind.type)));
        };
        switch (control.kind) {
          case ControlKind::Input:
            if (bind.type == DataType::Select1 || bind.type == DataType::Select ||
                bind.type == DataType::Binary || bind.type == DataType::Rank) {
              mismatch("string, int, decimal, date, time, dateTime, barcode or a geo type");
            }
            break;
          case ControlKind::Select1:
            if (bind.type == DataType::String) bind.type = DataType::Select1;
            if (bind.type != DataType::Select1) mismatch("string or select1");
            break;
          case ControlKind::Select:
            if (bind.type == DataType::String) bind.type = DataType::Select;
            if (bind.type != DataType::Select) mismatch("string or select");
            break;
          case ControlKind::Trigger:
            if (bind.type != DataType::String) mismatch("string");
            break;
          case ControlKind::Rank:
            if (bind.type == DataType::String) bind.type = DataType::Rank;
            if (bind.type != DataType::Rank) mismatch("odk:rank or string");
            break;
          case ControlKind::Range: {
            if (bindElements_[static_cast<std::size_t>(node.bind)] == pugi::xml_node{})
              bind.type = DataType::Int;
            if (bind.type != DataType::Int && bind.type != DataType::Decimal)
              mismatch("int or decimal");
            const auto whole = [](double v) { return v == std::floor(v); };
            if (bind.type == DataType::Int &&
                !(whole(control.rangeStart) && whole(control.rangeStep)))
              error(element, element.attribute(whole(control.rangeStart) ? "step" : "start"),
                    "a range on an int bind needs a whole start and step: make the bind "
                    "decimal, or the scale whole");
            break;
          }
          case ControlKind::Upload:
            if (bindElements_[static_cast<std::size_t>(node.bind)] == pugi::xml_node{}) {
              bind.type = DataType::Binary;
            }
            if (bind.type != DataType::Binary) mismatch("binary");
            if (bind.materialKey.empty()) bind.materialKey = node.name;
            break;
          default:
            break;
        }
      }
    }
    linkControls(control.children);
  }
}

namespace {

// Splits "/a//b/*" into {"a", "", "b", "*"}: an empty segment stands for any depth.
std::vector<std::string_view> patternSegments(std::string_view pattern) {
  std::vector<std::string_view> segments;
  std::size_t at = 1;
  while (at <= pattern.size()) {
    auto end = pattern.find('/', at);
    if (end == std::string_view::npos) end = pattern.size();
    segments.push_back(pattern.substr(at, end - at));
    at = end + 1;
  }
  if (!segments.empty() && segments.back().empty()) segments.pop_back();
  return segments;
}

bool segmentMatches(std::string_view pattern, std::string_view name) {
  if (pattern == "*") return true;
  if (!pattern.empty() && pattern.back() == '*') {
    return name.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
  }
  return pattern == name;
}

bool segmentsMatch(const std::vector<std::string_view>& pattern, std::size_t p,
                   const std::vector<std::string_view>& path, std::size_t q) {
  if (p == pattern.size()) return q == path.size();
  if (pattern[p].empty()) {  // any depth, including none
    for (std::size_t skip = q; skip <= path.size(); ++skip) {
      if (segmentsMatch(pattern, p + 1, path, skip)) return true;
    }
    return false;
  }
  return q < path.size() && segmentMatches(pattern[p], path[q]) &&
         segmentsMatch(pattern, p + 1, path, q + 1);
}

}  // namespace

std::vector<int> XFormLoader::readsOf(const expr::Expression& expression,
                                      const std::string& contextPath, pugi::xml_node element,
                                      pugi::xml_attribute attr, std::string_view what) {
  std::vector<int> reads;
  for (std::string path : expression.references(contextPath)) {
    // Attributes and text() belong to their element.
    const auto slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0 && path.size() > slash + 1 &&
        path[slash + 1] == '@') {
      path.erase(slash);
    }
    if (path == "/" || path.empty()) {
      reads.push_back(0);
      continue;
    }
    const int index = def_.nodeIndex(path);
    if (index >= 0) {
      reads.push_back(index);
      continue;
    }
    // Wildcards and descendant steps: every node they can reach.
    bool found = false;
    if (path.find('*') != std::string::npos || path.find("//") != std::string::npos) {
      const auto pattern = patternSegments(path);
      for (std::size_t n = 0; n < def_.nodes.size(); ++n) {
        if (segmentsMatch(pattern, 0, patternSegments(def_.nodes[n].path), 0)) {
          reads.push_back(static_cast<int>(n));
          found = true;
        }
      }
    }
    if (!found) {
      error(element, attr,
            std::string(what) + " refers to " + path +
                ", which is not a node of the primary instance");
    }
  }
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  return reads;
}

void XFormLoader::buildGraph() {
  std::vector<Computation> computations;
  struct Site {
    pugi::xml_node element;
    pugi::xml_attribute attribute;
  };
  std::vector<Site> sites;
  auto add = [&](ComputeKind kind, int node, const expr::Expression* expression,
                 const Control* control, std::vector<int> reads, Site site) {
    Computation computation;
    computation.kind = kind;
    computation.node = node;
    computation.expression = expression;
    computation.control = control;
    computation.reads = std::move(reads);
    computations.push_back(std::move(computation));
    sites.push_back(site);
  };

  for (std::size_t b = 0; b < def_.binds.size(); ++b) {
    const auto& bind = def_.binds[b];
    const int node = def_.nodeIndex(bind.nodeset);
    const auto element = bindElements_[b];
    auto one = [&](ComputeKind kind, const std::optional<expr::Expression>& expression,
                   const char* attribute) {
      if (!expression) return;
      const auto attr = element.attribute(attribute);
      auto reads = readsOf(*expression, bind.nodeset, element, attr, attribute);
      if (kind == ComputeKind::Constraint) {
        reads.push_back(node);  // "." may be implicit in a function's default argument
        std::sort(reads.begin(), reads.end());
        reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
      }
      add(kind, node, &*expression, nullptr, std::move(reads), Site{element, attr});
    };
    one(ComputeKind::Calculate, bind.calculate, "calculate");
    one(ComputeKind::Relevant, bind.relevant, "relevant");
    one(ComputeKind::Required, bind.required, "required");
    one(ComputeKind::Readonly, bind.readonly, "readonly");
    one(ComputeKind::Constraint, bind.constraint, "constraint");
  }

  std::function<void(const std::vector<Control>&, const std::string&)> visit =
      [&](const std::vector<Control>& controls, const std::string& contextPath) {
        for (const auto& control : controls) {
          const auto element = controlElements_[&control];
          const std::string here = control.ref.empty() ? contextPath : control.ref;
          const int node = control.ref.empty() ? 0 : def_.nodeIndex(control.ref);
          if (control.itemset) {
            pugi::xml_node itemsetElement;
            for (auto child : elementChildren(element)) {
              if (xmlns::isElement(child, xmlns::kXForms, "itemset")) itemsetElement = child;
            }
            const auto attr = itemsetElement.attribute("nodeset");
            auto reads =
                readsOf(control.itemset->nodeset, here, itemsetElement, attr, "itemset nodeset");
            // An itemset over the primary instance (choices from a repeat) also reads the
            // value and label of each item.
            std::vector<int> itemReads;
            for (const int item : reads) {
              const auto& itemPath = def_.nodes[static_cast<std::size_t>(item)].path;
              auto extra = [&](const std::optional<expr::Expression>& e) {
                if (!e) return;
                for (const auto& p : e->references(itemPath)) {
                  const int index = def_.nodeIndex(p);
                  if (index >= 0) itemReads.push_back(index);
                }
              };
              extra(std::optional<expr::Expression>(control.itemset->value));
              extra(control.itemset->label);
            }
            reads.insert(reads.end(), itemReads.begin(), itemReads.end());
            std::sort(reads.begin(), reads.end());
            reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
            add(ComputeKind::Itemset, node, &control.itemset->nodeset, &control, std::move(reads),
                Site{itemsetElement, attr});
          }
          if (control.repeatCount) {
            const auto attr = xmlns::attribute(element, xmlns::kJavaRosa, "count");
            const int parent = def_.nodes[static_cast<std::size_t>(node)].parent;
            const std::string parentPath = def_.nodes[static_cast<std::size_t>(parent)].path;
            add(ComputeKind::RepeatCount, node, &*control.repeatCount, &control,
                readsOf(*control.repeatCount, parentPath, element, attr, "jr:count"),
                Site{element, attr});
          }
          // Label and hint outputs, in every language.
          std::vector<int> labelReads;
          auto outputs = [&](const TextRef& ref) {
            std::vector<const RichText*> texts;
            if (ref.itextId.empty()) {
              texts.push_back(&ref.inlineText);
            } else if (const auto entry = def_.itext.find(ref.itextId); entry != def_.itext.end()) {
              for (const auto& [language, text] : entry->second) texts.push_back(&text);
            }
            for (const auto* text : texts) {
              for (const auto& piece : *text) {
                if (!piece.output) continue;
                const auto r = readsOf(*piece.output, here, element, {}, "a label output");
                labelReads.insert(labelReads.end(), r.begin(), r.end());
              }
            }
          };
          outputs(control.label);
          outputs(control.hint);
          if (!labelReads.empty()) {
            std::sort(labelReads.begin(), labelReads.end());
            labelReads.erase(std::unique(labelReads.begin(), labelReads.end()), labelReads.end());
            add(ComputeKind::Label, node, nullptr, &control, std::move(labelReads),
                Site{element, {}});
          }
          visit(control.children, here);
        }
      };
  visit(def_.body, "/" + def_.nodes.front().name);

  // Keep the locations in the graph's (topological) order through a parallel index.
  std::vector<std::pair<ComputeKind, std::pair<int, const void*>>> keys;
  keys.reserve(computations.size());
  for (const auto& c : computations) {
    keys.push_back({c.kind,
                    {c.node, c.expression ? static_cast<const void*>(c.expression)
                                          : static_cast<const void*>(c.control)}});
  }
  auto graph = std::make_unique<DependencyGraph>(def_.nodes, std::move(computations));
  for (const auto& cycle : graph->cycles()) {
    std::string message = "dependency cycle: ";
    for (const auto c : cycle.computations) {
      const auto& computation = graph->computations()[c];
      message += def_.nodes[static_cast<std::size_t>(computation.node)].path + " (" +
                 std::string(computeKindName(computation.kind)) + ") -> ";
    }
    const auto& first = graph->computations()[cycle.computations.front()];
    message += def_.nodes[static_cast<std::size_t>(first.node)].path;
    // Locate it at the first computation's attribute.
    const void* firstKey = first.expression ? static_cast<const void*>(first.expression)
                                            : static_cast<const void*>(first.control);
    Site site{};
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].first == first.kind && keys[i].second.second == firstKey) site = sites[i];
    }
    error(site.element, site.attribute, message);
  }
  def_.graph_ = std::move(graph);
}

XFormDefinition loadXFormText(std::string text, const std::string& fileName) {
  return XFormLoader(std::move(text), fileName).load();
}

XFormDefinition loadXForm(const std::string& path) {
  return loadXFormText(readSourceFile(path), path);
}

}  // namespace onewindow::forms
