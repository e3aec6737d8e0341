#pragma once
// The expression engine of the forms library (DESIGN.md §8): XPath 1.0 plus the ODK functions
// of our XForms subset, evaluated over a pugixml tree. Our own parser because pugixml's XPath
// takes no custom functions and counts UTF-8 bytes, not code points.
//
// This header is the contract between the engine and its users (the XForms runtime, 秒批
// rules, the catalog loader); see forms/README.md "Expressions" for the language.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <pugixml.hpp>

namespace onewindow::forms::expr {

// A syntax error, an unknown function or a wrong argument count, found when parsing.
// `offset` is the byte offset into the expression text where the problem starts, so a loader
// can turn it into file:line:column of the attribute that holds the expression.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::size_t offset, const std::string& message)
      : std::runtime_error(message), offset_(offset) {}
  [[nodiscard]] std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// A failure while evaluating that XPath does not define away (e.g. regex() with an invalid
// pattern, instance() naming an unknown instance).
class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Nodes in document order: elements, or attributes through xpath_node.
using NodeSet = std::vector<pugi::xpath_node>;

// An XPath 1.0 value with the standard conversions (string(), number(), boolean()).
class Value {
 public:
  Value() : data_(std::string{}) {}
  static Value ofString(std::string text) { return Value{Data{std::move(text)}}; }
  static Value ofNumber(double number) { return Value{Data{number}}; }
  static Value ofBoolean(bool flag) { return Value{Data{flag}}; }
  static Value ofNodes(NodeSet nodes) { return Value{Data{std::move(nodes)}}; }

  [[nodiscard]] bool isString() const { return std::holds_alternative<std::string>(data_); }
  [[nodiscard]] bool isNumber() const { return std::holds_alternative<double>(data_); }
  [[nodiscard]] bool isBoolean() const { return std::holds_alternative<bool>(data_); }
  [[nodiscard]] bool isNodes() const { return std::holds_alternative<NodeSet>(data_); }

  [[nodiscard]] std::string toString() const;  // numbers as XPath prints them: 3, 2.5, NaN
  [[nodiscard]] double toNumber() const;       // NaN when not a number
  [[nodiscard]] bool toBoolean() const;
  [[nodiscard]] const NodeSet& nodes() const;  // EvalError unless isNodes()

 private:
  using Data = std::variant<std::string, double, bool, NodeSet>;
  explicit Value(Data data) : data_(std::move(data)) {}
  Data data_;
};

// Indexes of secondary instances' items by the text of one of their children, built on first use
// by an equality filter such as instance('communities')/root/item[district = /data/district]:
// a cascade over a 20,000-row choice list then costs a lookup, not a scan. Secondary
// instances never change, so an index stays right for as long as its document lives; the owner
// (a form session) must not outlive the documents it was used on. Not for several threads.
class ItemIndexes {
 public:
  ItemIndexes();
  ~ItemIndexes();
  ItemIndexes(const ItemIndexes&) = delete;
  ItemIndexes& operator=(const ItemIndexes&) = delete;

  // The children of `parent` named `itemName` whose child `key` has the string-value `value`,
  // in document order.
  [[nodiscard]] const NodeSet& items(pugi::xml_node parent, std::string_view itemName,
                                     std::string_view key, std::string_view value);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What an expression may ask of the world around it. The default answers suit a form with no
// secondary instances and the real clock.
class Environment {
 public:
  virtual ~Environment() = default;
  // Root element of instance('id'), or an empty node when there is no such instance.
  [[nodiscard]] virtual pugi::xml_node instance(std::string_view id) const;
  // The clock of today() and now(); tests fix it. Dates are China Standard Time (UTC+8).
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const;
  // jr:choice-name(value, 'path'): the label of `value` among the choices of the select bound
  // at `selectNode`, in the current language; empty when unknown.
  [[nodiscard]] virtual std::string choiceLabel(pugi::xml_node selectNode,
                                                std::string_view value) const;
  // Where equality filters over secondary instances keep their indexes; nullptr: always scan.
  [[nodiscard]] virtual ItemIndexes* itemIndexes() const;
  // The seed of randomize() without a seed argument, so that a shuffled list keeps its order
  // while the clerk types: a form session draws one when it starts. The default is a fixed
  // number, so that an expression outside a session (a 秒批 rule) decides the same everywhere.
  [[nodiscard]] virtual std::uint64_t randomSeed() const;
};

// Where an expression is evaluated: the context node (a bind's node, a predicate's current
// node), its position and the size of its node-set, and current() (the node of the bind or
// control that owns the expression; equal to `node` unless inside a predicate).
struct Context {
  pugi::xml_node node;
  std::size_t position = 1;
  std::size_t size = 1;
  pugi::xml_node current;
  const Environment* environment = nullptr;  // nullptr = the default Environment
  // The node that "/" stands for. Empty = the document node of `current` (of `node` when
  // current is empty), so absolute paths inside a predicate over instance('…') still address
  // the primary instance, as ODK specifies. A runtime that keeps the primary instance inside
  // a larger document sets this to the node whose child is the instance's root element.
  pugi::xml_node documentRoot;
};

class Expression {
 public:
  // Throws ParseError. Unknown functions and wrong argument counts are parse errors.
  [[nodiscard]] static Expression parse(std::string_view text);

  [[nodiscard]] Value evaluate(const Context& context) const;  // throws EvalError
  [[nodiscard]] std::string evaluateString(const Context& context) const;
  [[nodiscard]] double evaluateNumber(const Context& context) const;
  [[nodiscard]] bool evaluateBoolean(const Context& context) const;

  // The instance paths the value depends on, for the dependency graph: each location path of
  // the expression made absolute against `contextPath` (e.g. "/data/members/member"),
  // with predicates and positions removed ("/data/members/member/age"); "." and ".." resolved;
  // paths into instance('…') are left out (secondary instances do not change). Paths used
  // inside predicates are included too. Sorted, no duplicates.
  // Beyond plain child steps a path may hold "*" (any element), "@name" (an attribute) and
  // "//" (any depth: "/data//age" from a descendant step, "//x" from following::/preceding::);
  // the document root itself is "/". An expression too tangled to follow (only crafted ones
  // are) gets {"//*"}: it depends on everything.
  [[nodiscard]] std::vector<std::string> references(std::string_view contextPath) const;

  [[nodiscard]] const std::string& text() const { return text_; }

  struct Node;  // the parsed tree; opaque outside the engine
  [[nodiscard]] const Node& tree() const { return *root_; }

 private:
  Expression(std::string text, std::shared_ptr<const Node> root)
      : text_(std::move(text)), root_(std::move(root)) {}
  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace onewindow::forms::expr
