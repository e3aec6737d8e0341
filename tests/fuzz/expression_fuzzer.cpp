// Any byte string given to the expression parser gives an expression or a ParseError — never
// a crash, a hang or undefined behaviour — and a parsed expression evaluates over a small
// instance to a value or an EvalError.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <pugixml.hpp>

#include "forms/expr.hpp"

namespace {

const pugi::xml_document& instance() {
  static const pugi::xml_document document = [] {
    pugi::xml_document doc;
    doc.load_string(
        "<data id='f'><name>张三</name><age>71</age><id>11010519491231002X</id>"
        "<members><member><name>李四</name><age>3</age></member><member><name/><age>x</age>"
        "</member></members><district>futian</district><when>2026-11-27</when></data>");
    return doc;
  }();
  return document;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onewindow::forms::expr;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Expression expression = Expression::parse(text);
    (void)expression.references("/data/members/member");
    const pugi::xml_node context = instance().child("data").child("members").child("member");
    try {
      (void)expression.evaluate(Context{context, 1, 2, context, nullptr}).toString();
    } catch (const EvalError&) {
    }
  } catch (const ParseError& error) {
    if (error.offset() > text.size()) __builtin_trap();  // an offset must point into the text
  }
  return 0;
}
