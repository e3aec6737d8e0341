#include "sane_backend.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

namespace onewindow::test {
namespace {

// Written to a private name and renamed, so a parallel test process never reads half a file.
void writeAtomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, path);
}

std::string stockTestConf() {
  std::ifstream in("/etc/sane.d/test.conf");
  if (!in) throw std::runtime_error("/etc/sane.d/test.conf is missing (install sane-utils)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path makeConfigDir() {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("onewindow-sane-test-" + std::to_string(::getuid()));
  std::filesystem::create_directories(dir);
  writeAtomically(dir / "dll.conf", "test\n");
  std::string conf = stockTestConf();
  conf = std::regex_replace(conf, std::regex("^resolution_min.*$", std::regex::multiline),
                            "resolution_min 25.0");
  conf = std::regex_replace(conf, std::regex("^resolution_quant.*$", std::regex::multiline),
                            "resolution_quant 25.0");
  writeAtomically(dir / "test.conf", conf);
  ::setenv("SANE_CONFIG_DIR", dir.c_str(), 1);
  return dir;
}

}  // namespace

const std::filesystem::path& useSaneTestBackend() {
  static const std::filesystem::path dir = makeConfigDir();
  return dir;
}

}  // namespace onewindow::test
