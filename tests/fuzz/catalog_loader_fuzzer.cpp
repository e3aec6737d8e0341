// Any bytes given to the catalog loader give a catalog or a LoadError whose every diagnostic
// is located inside the text — never a crash, a hang or undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <string>

#include "forms/catalog_loader.hpp"
#include "forms/diagnostics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)onewindow::forms::loadCatalogText("/nonexistent/fuzz/catalog.xml", std::move(text));
  } catch (const onewindow::forms::LoadError& error) {
    if (error.diagnostics().empty()) __builtin_trap();  // a refusal always says why
  }
  return 0;
}
