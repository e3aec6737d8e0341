#pragma once
// Message digests and Base64 for digest() and base64-decode() (internal to the engine). The
// hashes are OpenSSL's (libcrypto, a Debian package the project already installs); Base64 is
// RFC 4648, written here.

#include <optional>
#include <string>
#include <string_view>

namespace onewindow::forms::expr::digest {

// The raw digest of `data` with the algorithm named as XForms 1.1 names them ("MD5", "SHA-1",
// "SHA-256", "SHA-384", "SHA-512"); nullopt for any other name.
[[nodiscard]] std::optional<std::string> hash(std::string_view algorithm, std::string_view data);

[[nodiscard]] std::string toHex(std::string_view bytes);  // lower case
[[nodiscard]] std::string toBase64(std::string_view bytes);

// RFC 4648 Base64 with padding ('=' may be left out at the end; whitespace is skipped).
// nullopt when the text is not Base64.
[[nodiscard]] std::optional<std::string> fromBase64(std::string_view text);

}  // namespace onewindow::forms::expr::digest
