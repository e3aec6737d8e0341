// XPath 1.0 core functions. Strings are measured and cut in code points.

#include <algorithm>
#include <cmath>
#include <limits>

#include "forms/expr_functions.hpp"
#include "forms/expr_nodes.hpp"
#include "forms/expr_number.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr::functions {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The argument, or the context node when the optional argument is left out.
std::string stringOrContext(const CallContext& call) {
  return call.count() == 0 ? call.contextString() : call.string(0);
}

// name() and local-name() look at the first node of the argument (or the context node).
pugi::xpath_node firstNodeOrContext(const CallContext& call) {
  if (call.count() == 0) return call.state().node;
  const NodeSet nodes = call.nodes(0);
  return nodes.empty() ? pugi::xpath_node() : nodes.front();
}

const char* qualifiedName(const pugi::xpath_node& node) {
  if (node.attribute()) return node.attribute().name();
  const pugi::xml_node_type type = node.node().type();
  if (type == pugi::node_element || type == pugi::node_pi) return node.node().name();
  return "";
}

// XPath's round(): the nearest integer, halves towards positive infinity; NaN, infinities
// and zeros stay as they are, and values in [-0.5, 0) round to -0.
double xpathRound(double value) {
  if (std::isnan(value) || std::isinf(value) || value == 0) return value;
  if (value < 0 && value >= -0.5) return -0.0;
  // Not floor(value + 0.5): that sum rounds 0.49999999999999994 up to 1.
  const double below = std::floor(value);
  return value - below >= 0.5 ? below + 1 : below;
}

// round(value, places) for places > 0, done on the decimal digits of the shortest form of
// the value: round(1.005, 2) is 1.01 as the author reads it, not 1.00 from 1.00499999….
// Ties go towards positive infinity, as in XPath's round().
double roundToPlaces(double value, int places) {
  const bool negative = value < 0;
  const std::string decimal = formatNumber(std::fabs(value));
  const auto point = decimal.find('.');
  if (point == std::string::npos) return value;
  const std::string fraction = decimal.substr(point + 1);
  const auto kept = static_cast<std::size_t>(places);
  if (fraction.size() <= kept) return value;
  std::string digits = decimal.substr(0, point) + fraction.substr(0, kept);
  const char next = fraction[kept];
  const bool moreAfter = fraction.find_first_not_of('0', kept + 1) != std::string::npos;
  const bool up = negative ? (next > '5' || (next == '5' && moreAfter)) : next >= '5';
  if (up) {
    std::size_t i = digits.size();
    while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
    if (i == 0) {
      digits.insert(digits.begin(), '1');
    } else {
      ++digits[i - 1];
    }
  }
  digits.insert(digits.size() - kept, ".");
  const double magnitude = parseXPathNumber(digits);
  return negative ? -magnitude : magnitude;
}

}  // namespace

Value last(const CallContext& call) {
  return Value::ofNumber(static_cast<double>(call.state().size));
}

Value position(const CallContext& call) {
  if (call.count() == 0) return Value::ofNumber(static_cast<double>(call.state().position));
  // ODK: position(node) is the node's 1-based index among its same-named siblings, as used
  // in position(..) for the number of the current repeat instance.
  const NodeSet nodes = call.nodes(0);
  if (nodes.size() != 1) {
    throw EvalError("position() needs exactly one node, not " + std::to_string(nodes.size()));
  }
  const pugi::xml_node node = nodes.front().node();
  if (!node) return Value::ofNumber(1);
  double index = 1;
  for (auto previous = node.previous_sibling(node.name()); previous;
       previous = previous.previous_sibling(node.name())) {
    ++index;
  }
  return Value::ofNumber(index);
}

Value count(const CallContext& call) {
  return Value::ofNumber(static_cast<double>(call.nodes(0).size()));
}

Value localName(const CallContext& call) {
  const auto node = firstNodeOrContext(call);
  if (!node) return Value::ofString("");
  const std::string_view name = qualifiedName(node);
  const auto colon = name.find(':');
  return Value::ofString(
      std::string(colon == std::string_view::npos ? name : name.substr(colon + 1)));
}

Value name(const CallContext& call) {
  const auto node = firstNodeOrContext(call);
  return Value::ofString(node ? qualifiedName(node) : "");
}

Value string(const CallContext& call) { return Value::ofString(stringOrContext(call)); }

Value concat(const CallContext& call) {
  // ODK: a node-set argument contributes the values of all its nodes, not just the first.
  std::string out;
  for (std::size_t i = 0; i < call.count(); ++i) {
    const Value argument = call.value(i);
    if (argument.isNodes()) {
      for (const auto& node : argument.nodes()) appendStringValue(node, out);
    } else {
      out += argument.toString();
    }
  }
  return Value::ofString(std::move(out));
}

Value startsWith(const CallContext& call) {
  const std::string haystack = call.string(0);
  const std::string needle = call.string(1);
  return Value::ofBoolean(std::string_view(haystack).substr(0, needle.size()) == needle);
}

Value endsWith(const CallContext& call) {
  const std::string haystack = call.string(0);
  const std::string needle = call.string(1);
  return Value::ofBoolean(
      haystack.size() >= needle.size() &&
      haystack.compare(haystack.size() - needle.size(), needle.size(), needle) == 0);
}

Value contains(const CallContext& call) {
  return Value::ofBoolean(call.string(0).find(call.string(1)) != std::string::npos);
}

Value substringBefore(const CallContext& call) {
  std::string haystack = call.string(0);
  const auto found = haystack.find(call.string(1));
  if (found == std::string::npos) return Value::ofString("");
  haystack.resize(found);
  return Value::ofString(std::move(haystack));
}

Value substringAfter(const CallContext& call) {
  const std::string haystack = call.string(0);
  const std::string needle = call.string(1);
  const auto found = haystack.find(needle);
  if (found == std::string::npos) return Value::ofString("");
  return Value::ofString(haystack.substr(found + needle.size()));
}

Value substring(const CallContext& call) {
  // Characters at positions p (1-based) with round(start) <= p < round(start) + round(length),
  // computed in doubles so NaN and the infinities behave as XPath says.
  const std::string text = call.string(0);
  const double first = xpathRound(call.number(1));
  const double end = call.count() == 3 ? first + xpathRound(call.number(2))
                                       : std::numeric_limits<double>::infinity();
  if (std::isnan(first) || std::isnan(end)) return Value::ofString("");
  std::string out;
  double characterPosition = 1;
  for (std::size_t at = 0; at < text.size(); ++characterPosition) {
    const std::size_t begin = at;
    text::decodeNext(text, at);
    if (characterPosition >= end) break;
    if (characterPosition >= first) out.append(text, begin, at - begin);
  }
  return Value::ofString(std::move(out));
}

Value stringLength(const CallContext& call) {
  return Value::ofNumber(static_cast<double>(text::codePointCount(stringOrContext(call))));
}

Value normalizeSpace(const CallContext& call) {
  const std::string text = stringOrContext(call);
  std::string out;
  bool pendingSpace = false;
  for (char c : text) {
    if (text::isXPathSpace(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += c;
  }
  return Value::ofString(std::move(out));
}

Value translate(const CallContext& call) {
  const std::string text = call.string(0);
  const std::u32string from = [&] {
    const std::string source = call.string(1);
    std::u32string points;
    for (std::size_t at = 0; at < source.size();) points.push_back(text::decodeNext(source, at));
    return points;
  }();
  const std::u32string to = [&] {
    const std::string source = call.string(2);
    std::u32string points;
    for (std::size_t at = 0; at < source.size();) points.push_back(text::decodeNext(source, at));
    return points;
  }();
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t begin = at;
    const char32_t c = text::decodeNext(text, at);
    const auto index = from.find(c);  // the first occurrence in `from` decides
    if (index == std::u32string::npos) {
      out.append(text, begin, at - begin);
    } else if (index < to.size()) {
      text::appendUtf8(out, to[index]);
    }
  }
  return Value::ofString(std::move(out));
}

Value boolean(const CallContext& call) { return Value::ofBoolean(call.boolean(0)); }
Value booleanNot(const CallContext& call) { return Value::ofBoolean(!call.boolean(0)); }
Value booleanTrue(const CallContext&) { return Value::ofBoolean(true); }
Value booleanFalse(const CallContext&) { return Value::ofBoolean(false); }

Value number(const CallContext& call) {
  if (call.count() == 0) return Value::ofNumber(stringToNumber(call.contextString()));
  return Value::ofNumber(call.number(0));
}

Value sum(const CallContext& call) {
  double total = 0;
  for (const auto& node : call.nodes(0)) total += stringToNumber(stringValue(node));
  return Value::ofNumber(total);
}

Value floor(const CallContext& call) { return Value::ofNumber(std::floor(call.number(0))); }
Value ceiling(const CallContext& call) { return Value::ofNumber(std::ceil(call.number(0))); }

Value round(const CallContext& call) {
  const double value = call.number(0);
  if (call.count() == 1) return Value::ofNumber(xpathRound(value));
  // ODK: round(value, digits).
  const double digits = call.number(1);
  if (std::isnan(digits) || std::isnan(value) || std::isinf(value)) return Value::ofNumber(kNaN);
  const int places = static_cast<int>(std::clamp(std::trunc(digits), -308.0, 308.0));
  if (places <= 0) {
    const double scale = std::pow(10.0, -places);
    return Value::ofNumber(xpathRound(value / scale) * scale);
  }
  return Value::ofNumber(roundToPlaces(value, places));
}

}  // namespace onewindow::forms::expr::functions
