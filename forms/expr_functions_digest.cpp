// digest() and base64-decode(): text as UTF-8 bytes in, text out.

#include "forms/expr_digest.hpp"
#include "forms/expr_functions.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr::functions {

Value digest(const CallContext& call) {
  // XForms 1.1: digest(data, algorithm[, encoding]), the encoding 'base64' unless 'hex'.
  const std::string data = call.string(0);
  const std::string algorithm = call.string(1);
  const std::string encoding = call.count() == 3 ? call.string(2) : std::string("base64");
  if (encoding != "base64" && encoding != "hex") {
    throw EvalError("digest(): the encoding is 'base64' or 'hex', not '" + encoding + "'");
  }
  const auto bytes = digest::hash(algorithm, data);
  if (!bytes) {
    throw EvalError(
        "digest(): the algorithm is 'MD5', 'SHA-1', 'SHA-256', 'SHA-384' or "
        "'SHA-512', not '" +
        algorithm + "'");
  }
  return Value::ofString(encoding == "hex" ? digest::toHex(*bytes) : digest::toBase64(*bytes));
}

Value base64Decode(const CallContext& call) {
  // Text that is not Base64 decodes to "" (as in ODK); bytes that are not UTF-8 become U+FFFD.
  const auto bytes = digest::fromBase64(call.string(0));
  if (!bytes) return Value::ofString("");
  std::string out;
  out.reserve(bytes->size());
  for (std::size_t at = 0; at < bytes->size();) text::appendUtf8(out, text::decodeNext(*bytes, at));
  return Value::ofString(std::move(out));
}

}  // namespace onewindow::forms::expr::functions
