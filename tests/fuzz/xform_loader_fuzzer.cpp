// Any bytes given to the XForm loader give a form definition or a LoadError; a form that loads
// can be run: a session starts, draws its controls, lists its problems and writes its draft.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "forms/diagnostics.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"

namespace {

// A directory holding the files the seed forms read as external instances, so inputs that name
// them (jr://file-csv/communities.csv, jr://file/streets.xml) run the external path too.
const std::string& mediaDirectory() {
  static const std::string directory = [] {
    char pattern[] = "/tmp/onewindow-fuzz-media-XXXXXX";
    const char* made = mkdtemp(pattern);
    if (made == nullptr) __builtin_trap();
    std::ofstream(std::string(made) + "/communities.csv")
        << "name,label,district\ntianan,天安社区,futian\nkeyuan,科苑社区,nanshan\n";
    std::ofstream(std::string(made) + "/streets.xml")
        << "<root><item><name>yuehai</name><label>粤海街道</label><postcode>518057</postcode>"
           "</item></root>";
    return std::string(made);
  }();
  return directory;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onewindow::forms;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::shared_ptr<const XFormDefinition> definition;
  try {
    definition = std::make_shared<const XFormDefinition>(
        loadXFormText(std::move(text), mediaDirectory() + "/fuzz.xml"));
  } catch (const LoadError& error) {
    if (error.diagnostics().empty()) __builtin_trap();
    return 0;
  }
  SessionOptions options;
  options.clock = [] { return std::chrono::system_clock::time_point(std::chrono::hours(500000)); };
  options.newInstanceId = [] { return std::string("uuid:fuzz"); };
  FormSession session(definition, options);
  (void)session.controls();
  (void)session.problems();
  (void)session.instanceXml();
  (void)session.submissionXml();
  return 0;
}
