#pragma once

#include <string>

namespace onewindow::engine {

// A random (version 4) UUID: the case's idempotency key towards central, made at the window.
[[nodiscard]] std::string newCaseUuid();

}  // namespace onewindow::engine
