#pragma once
// The short check code of a case's verification address, printed in the QR code of every
// notice as <base>/v/<number>?c=<code>: the window computes it when it prints, central when a
// citizen opens the address. Four characters derived from the case's UUID, which never leaves
// the window and central, so a guessed number alone shows nothing.

#include <string>
#include <string_view>

namespace onewindow::localdb {

// Four characters of Crockford's base32 (no I, L, O, U): 20 bits of SHA-256 of the UUID.
[[nodiscard]] std::string caseVerificationCode(std::string_view caseUuid);

// The code as printed, as a reader may type it: upper case, O for 0, I and L for 1.
[[nodiscard]] std::string normalisedVerificationCode(std::string_view code);

}  // namespace onewindow::localdb
