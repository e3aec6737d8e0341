// Any bytes given to the template loader give a template or located problems — never a crash,
// a hang or undefined behaviour. A template that loads is laid out with the specimen data and
// rendered to PDF: a template the loader accepts must lay out and render, or refuse with the
// typed LayoutError or RenderError; anything else is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "printing/layout.hpp"
#include "printing/render.hpp"
#include "printing/specimen.hpp"
#include "printing/template_loader.hpp"

// Beside the committed templates, so a seed's <image src="images/emblem.png"> resolves and
// image drawing is fuzzed too; no file is ever written there.
static const std::string kFile = ONEWINDOW_TEMPLATES_DIR "/fuzz.xml";

// Fontconfig, Pango, HarfBuzz and cairo keep process-lifetime font caches that LeakSanitizer
// reports after the first input that loads a font (as tests/lsan.supp says for the asan preset,
// which run_fuzz.cmake does not pass). Their frames are the system libraries' own; a leak whose
// stack reaches only our code is still reported. The cost: a cairo object we forget to destroy
// would be hidden too, so the printing tests under the asan preset remain the check for that.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\nleak:libglib-2.0.so\nleak:libgobject-2.0.so\n"
         "leak:libpango-1.0.so\nleak:libpangoft2-1.0.so\nleak:libpangocairo-1.0.so\n"
         "leak:libharfbuzz.so\nleak:libcairo.so\nleak:libfreetype.so\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onewindow::printing;
  std::string text(reinterpret_cast<const char*>(data), size);
  const TemplateLoad load = loadTemplateText(kFile, std::move(text));
  if (!load.result) {
    if (load.problems.empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  static const DocumentData specimen = specimenData();
  try {
    const LaidOutDocument document = layOut(*load.result, specimen);
    (void)renderPdf(document);
  } catch (const LayoutError&) {
  } catch (const RenderError&) {
  }
  return 0;
}
