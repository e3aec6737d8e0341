#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "client/engine/rotating_log_file.hpp"
#include "temp_dir.hpp"

using onewindow::engine::RotatingLogFile;

namespace {

std::string contents(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("log lines carry a time stamp and level", "[engine][log]") {
  onewindow::test::TempDir dir;
  RotatingLogFile log(dir / "logs" / "onewindow.log");
  log.write("INFO", "central is now online");
  const std::string text = contents(dir / "logs" / "onewindow.log");
  CHECK_THAT(text, Catch::Contains(" INFO central is now online\n"));
  CHECK(text.size() > 20);
}

TEST_CASE("the log rotates by size and keeps a bounded number of files", "[engine][log]") {
  onewindow::test::TempDir dir;
  const auto file = dir / "onewindow.log";
  RotatingLogFile log(file, 1000, 3);
  const std::string line(100, 'x');
  for (int i = 0; i < 200; ++i) log.write("INFO", line);
  CHECK(std::filesystem::exists(file));
  CHECK(std::filesystem::exists(file.string() + ".1"));
  CHECK(std::filesystem::exists(file.string() + ".3"));
  CHECK_FALSE(std::filesystem::exists(file.string() + ".4"));
  CHECK(std::filesystem::file_size(file) <= 1200);
}

TEST_CASE("a log in an unwritable place never throws", "[engine][log]") {
  RotatingLogFile log("/proc/onewindow-cannot-write-here/onewindow.log");
  CHECK_NOTHROW(log.write("ERROR", "nothing happens"));
}
