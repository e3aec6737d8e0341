// Any bytes read as an external CSV instance give a document of <root><item>… or a LoadError
// with at least one located problem; never a crash or an empty error.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "forms/diagnostics.hpp"
#include "forms/external_instance.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onewindow::forms;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto document = parseCsvInstance(text, "fuzz.csv");
    if (!document || !document->document_element()) __builtin_trap();
  } catch (const LoadError& error) {
    if (error.diagnostics().empty()) __builtin_trap();
  }
  return 0;
}
