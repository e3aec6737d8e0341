// The ODK XForms additions to XPath (https://getodk.github.io/xforms-spec/#xpath-functions).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>

#include "forms/expr_functions.hpp"
#include "forms/expr_nodes.hpp"
#include "forms/expr_number.hpp"
#include "forms/expr_random.hpp"
#include "forms/expr_regex.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr::functions {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The items of a select's value: separated by XPath whitespace.
template <typename Visit>
void forEachItem(std::string_view list, Visit&& visit) {
  std::size_t at = 0;
  while (at < list.size()) {
    while (at < list.size() && text::isXPathSpace(list[at])) ++at;
    const std::size_t start = at;
    while (at < list.size() && !text::isXPathSpace(list[at])) ++at;
    if (at > start && !visit(list.substr(start, at - start))) return;
  }
}

// Numbers of the arguments of min() and max(): every node of a node-set, or the value itself.
std::vector<double> numbersOf(const CallContext& call) {
  std::vector<double> numbers;
  for (std::size_t i = 0; i < call.count(); ++i) {
    const Value argument = call.value(i);
    if (argument.isNodes()) {
      for (const auto& node : argument.nodes())
        numbers.push_back(stringToNumber(stringValue(node)));
    } else {
      numbers.push_back(argument.toNumber());
    }
  }
  return numbers;
}

// A whole number for an index argument; NaN reads as 0, like Java's (int) cast in JavaRosa.
long long wholeNumber(double value) {
  if (std::isnan(value)) return 0;
  return static_cast<long long>(std::clamp(std::trunc(value), -1e15, 1e15));
}

std::mt19937_64& randomEngine() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }()};
  return engine;
}

// The seed argument as Java's Double.longValue() gives it to JavaRosa: the integer part, NaN as
// 0, out-of-range values clamped to the 64-bit limits.
std::int64_t seedOf(double number) {
  if (std::isnan(number)) return 0;
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (number >= kLimit) return std::numeric_limits<std::int64_t>::max();
  if (number <= -kLimit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(std::trunc(number));
}

// The "inside-out" Fisher–Yates shuffle the spec names: item i goes to a drawn place j ≤ i and
// the item that was there moves to the end.
NodeSet shuffled(const NodeSet& nodes, ParkMiller& random) {
  NodeSet out(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::size_t j = random.below(i + 1);
    if (j != i) out[i] = out[j];
    out[j] = nodes[i];
  }
  return out;
}

bool isAtOrBelow(pugi::xml_node node, pugi::xml_node top) {
  for (; node; node = node.parent()) {
    if (node == top) return true;
  }
  return false;
}

// `node` carried over to the repeat instance `instance`: itself when it lies there, else the
// node at the same place (names and positions) below `instance` when it lies in another
// instance of the same repeat (a relative path evaluated in the current instance); empty when
// there is none.
pugi::xml_node sameNodeIn(pugi::xml_node node, pugi::xml_node instance) {
  if (isAtOrBelow(node, instance)) return node;
  std::vector<pugi::xml_node> down;  // from `node` up to, not including, the other instance
  pugi::xml_node at = node;
  while (at && !(at.parent() == instance.parent() &&
                 std::string_view(at.name()) == std::string_view(instance.name()))) {
    down.push_back(at);
    at = at.parent();
  }
  if (!at) return {};
  pugi::xml_node mapped = instance;
  for (auto step = down.rbegin(); step != down.rend() && mapped; ++step) {
    std::size_t index = 0;  // among the preceding siblings of the same name
    for (auto sibling = step->previous_sibling(step->name()); sibling;
         sibling = sibling.previous_sibling(step->name())) {
      ++index;
    }
    mapped = mapped.child(step->name());
    for (; index > 0 && mapped; --index) mapped = mapped.next_sibling(step->name());
  }
  return mapped;
}

}  // namespace

Value ifThenElse(const CallContext& call) {
  return call.boolean(0) ? call.value(1) : call.value(2);
}

Value selected(const CallContext& call) {
  const std::string list = call.string(0);
  const std::string wanted = call.string(1);
  const std::string_view item = text::trimXPathSpace(wanted);
  bool found = false;
  forEachItem(list, [&](std::string_view each) {
    found = each == item;
    return !found;
  });
  return Value::ofBoolean(found);
}

Value countSelected(const CallContext& call) {
  double count = 0;
  forEachItem(call.string(0), [&](std::string_view) {
    ++count;
    return true;
  });
  return Value::ofNumber(count);
}

Value selectedAt(const CallContext& call) {
  const std::string list = call.string(0);
  const long long wanted = wholeNumber(call.number(1));
  std::string result;
  long long index = 0;
  forEachItem(list, [&](std::string_view each) {
    if (index++ == wanted) {
      result = std::string(each);
      return false;
    }
    return true;
  });
  return Value::ofString(std::move(result));
}

Value choiceName(const CallContext& call) {
  const std::string value = call.string(0);
  // The second argument names the select's node as a path; usually a literal, parsed once.
  const Expression::Node* path = nullptr;
  std::optional<Expression> parsed;
  std::string pathText;
  if (!call.node().prepared.empty()) {
    path = &call.node().prepared.front();
    pathText = call.node().operands[1].text;
  } else {
    pathText = call.string(1);
    try {
      parsed.emplace(Expression::parse(pathText));
    } catch (const ParseError& error) {
      throw EvalError("jr:choice-name(): '" + pathText + "' is not a path: " + error.what());
    }
    path = &parsed->tree();
  }
  const Value target = evaluateNode(*path, call.state());
  if (!target.isNodes()) {
    throw EvalError("jr:choice-name(): '" + pathText + "' does not name a node");
  }
  if (target.nodes().empty() || !target.nodes().front().node()) return Value::ofString("");
  return Value::ofString(call.environment().choiceLabel(target.nodes().front().node(), value));
}

Value coalesce(const CallContext& call) {
  std::string first = call.string(0);
  if (!first.empty()) return Value::ofString(std::move(first));
  return Value::ofString(call.string(1));
}

Value join(const CallContext& call) {
  const std::string separator = call.string(0);
  std::string out;
  bool any = false;
  auto add = [&](const std::string& item) {
    if (any) out += separator;
    out += item;
    any = true;
  };
  for (std::size_t i = 1; i < call.count(); ++i) {
    const Value argument = call.value(i);
    if (argument.isNodes()) {
      for (const auto& node : argument.nodes()) add(stringValue(node));
    } else {
      add(argument.toString());
    }
  }
  return Value::ofString(std::move(out));
}

Value regex(const CallContext& call) {
  return Value::ofBoolean(regexMatches(call.string(0), call.string(1)));
}

Value substr(const CallContext& call) {
  // 0-based [start, end) in code points; a negative index counts from the end.
  const std::string text = call.string(0);
  const auto length = static_cast<long long>(text::codePointCount(text));
  auto resolve = [&](double raw) {
    long long index = wholeNumber(raw);
    if (index < 0) index += length;
    return std::clamp(index, 0LL, length);
  };
  const long long start = resolve(call.number(1));
  const long long end = call.count() == 3 ? resolve(call.number(2)) : length;
  if (start >= end) return Value::ofString("");
  const std::size_t from = text::byteOffsetOfCodePoint(text, static_cast<std::size_t>(start));
  const std::size_t to = text::byteOffsetOfCodePoint(text, static_cast<std::size_t>(end));
  return Value::ofString(text.substr(from, to - from));
}

Value toInteger(const CallContext& call) { return Value::ofNumber(std::trunc(call.number(0))); }

Value booleanFromString(const CallContext& call) {
  const std::string text = call.string(0);
  return Value::ofBoolean(text == "true" || text == "1");
}

Value countNonEmpty(const CallContext& call) {
  double count = 0;
  for (const auto& node : call.nodes(0)) {
    if (!stringValue(node).empty()) ++count;
  }
  return Value::ofNumber(count);
}

Value min(const CallContext& call) {
  const auto numbers = numbersOf(call);
  if (numbers.empty()) return Value::ofNumber(kNaN);
  double result = std::numeric_limits<double>::infinity();
  for (double number : numbers) {
    if (std::isnan(number)) return Value::ofNumber(kNaN);
    result = std::min(result, number);
  }
  return Value::ofNumber(result);
}

Value max(const CallContext& call) {
  const auto numbers = numbersOf(call);
  if (numbers.empty()) return Value::ofNumber(kNaN);
  double result = -std::numeric_limits<double>::infinity();
  for (double number : numbers) {
    if (std::isnan(number)) return Value::ofNumber(kNaN);
    result = std::max(result, number);
  }
  return Value::ofNumber(result);
}

Value current(const CallContext& call) {
  NodeSet nodes;
  if (call.state().current) nodes.emplace_back(call.state().current);
  return Value::ofNodes(std::move(nodes));
}

Value instance(const CallContext& call) {
  const std::string id = call.string(0);
  const pugi::xml_node root = call.environment().instance(id);
  if (!root) throw EvalError("instance(): there is no instance '" + id + "'");
  // instance('id') stands for the instance's document, so instance('id')/root/item works
  // whether the root element lives in its own document or inside <instance id="…">.
  NodeSet nodes;
  nodes.emplace_back(root.parent() ? root.parent() : root);
  return Value::ofNodes(std::move(nodes));
}

Value uuid(const CallContext& call) {
  auto& engine = randomEngine();
  if (call.count() == 1) {
    const double wanted = call.number(0);
    if (std::isnan(wanted) || wanted < 0 || wanted > 1000 || wanted != std::floor(wanted)) {
      throw EvalError("uuid(): the length must be a whole number from 0 to 1000, not " +
                      formatNumber(wanted));
    }
    static constexpr std::string_view kAlphabet =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
    std::string out;
    for (int i = 0; i < static_cast<int>(wanted); ++i) out += kAlphabet[pick(engine)];
    return Value::ofString(std::move(out));
  }
  // RFC 4122 version 4: random bits, with the version and variant fields set.
  unsigned char bytes[16];
  for (int i = 0; i < 16; i += 8) {
    const std::uint64_t bits = engine();
    for (int j = 0; j < 8; ++j) bytes[i + j] = static_cast<unsigned char>(bits >> (8 * j));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0F];
  }
  return Value::ofString(std::move(out));
}

Value randomize(const CallContext& call) {
  const NodeSet nodes = call.nodes(0);
  const std::int64_t seed = call.count() == 2
                                ? seedOf(call.number(1))
                                : static_cast<std::int64_t>(call.environment().randomSeed());
  ParkMiller random(seed);
  return Value::ofNodes(shuffled(nodes, random));
}

Value indexedRepeat(const CallContext& call) {
  // Each (repeat, index) pair picks an instance, among those inside the one picked before.
  pugi::xml_node chosen;
  for (std::size_t argument = 1; argument + 1 < call.count(); argument += 2) {
    const NodeSet repeats = call.nodes(argument);
    const long long wanted = wholeNumber(call.number(argument + 1));
    pugi::xml_node found;
    long long seen = 0;
    for (const auto& each : repeats) {
      const pugi::xml_node instance = each.node();
      if (!instance || (chosen && (instance == chosen || !isAtOrBelow(instance, chosen)))) {
        continue;
      }
      if (++seen == wanted) {
        found = instance;
        break;
      }
    }
    // No such instance (yet): empty, as a question not answered yet.
    if (!found) return Value::ofString("");
    chosen = found;
  }
  for (const auto& each : call.nodes(0)) {
    if (!each.node()) continue;
    if (const auto node = sameNodeIn(each.node(), chosen)) {
      return Value::ofString(stringValue(pugi::xpath_node(node)));
    }
  }
  return Value::ofString("");
}

Value abs(const CallContext& call) { return Value::ofNumber(std::fabs(call.number(0))); }

Value pow(const CallContext& call) {
  return Value::ofNumber(std::pow(call.number(0), call.number(1)));
}

Value random(const CallContext&) {
  // 53 random bits scaled into [0, 1): never 1. A new number at every evaluation, as in ODK
  // (once(random()) keeps the first).
  const std::uint64_t bits = randomEngine()() >> 11;
  return Value::ofNumber(static_cast<double>(bits) * 0x1.0p-53);
}

Value once(const CallContext& call) {
  // The context node is the node of the bind whose calculate this is.
  std::string value = call.contextString();
  if (!value.empty()) return Value::ofString(std::move(value));
  return Value::ofString(call.string(0));
}

Value pulldata(const CallContext& call) {
  // instance(id)/root/item[keyColumn = value]/column, as a string: the first item's.
  const std::string id = call.string(0);
  const std::string column = call.string(1);
  const std::string keyColumn = call.string(2);
  const std::string wanted = call.string(3);
  const pugi::xml_node root = call.environment().instance(id);
  if (!root) throw EvalError("pulldata(): there is no instance '" + id + "'");
  auto columnOf = [&](pugi::xml_node item) {
    const pugi::xml_node field = item.child(column.c_str());
    return Value::ofString(field ? stringValue(pugi::xpath_node(field)) : std::string{});
  };
  if (ItemIndexes* indexes = call.environment().itemIndexes()) {
    const NodeSet& items = indexes->items(root, "item", keyColumn, wanted);
    return items.empty() ? Value::ofString("") : columnOf(items.front().node());
  }
  for (auto item = root.child("item"); item; item = item.next_sibling("item")) {
    for (auto key = item.child(keyColumn.c_str()); key; key = key.next_sibling(keyColumn.c_str())) {
      if (stringValue(pugi::xpath_node(key)) == wanted) return columnOf(item);
    }
  }
  return Value::ofString("");
}

}  // namespace onewindow::forms::expr::functions
