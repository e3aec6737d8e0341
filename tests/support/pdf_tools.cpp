#include "pdf_tools.hpp"

#include <cairo.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include <sys/wait.h>

namespace onewindow::test {
namespace {

void requireTool(const char* tool, const char* package) {
  const std::string probe = std::string("command -v ") + tool + " >/dev/null 2>&1";
  if (std::system(probe.c_str()) != 0)
    throw std::runtime_error(std::string(tool) + " is missing: install the Debian package " +
                             package + " (./x deps does)");
}

std::string quoted(const std::filesystem::path& path) {
  std::string text = "'";
  for (const char c : path.string()) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return text + "'";
}

}  // namespace

ToolRun runTool(const std::string& command) {
  ToolRun run;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.output.append(buffer.data(), read);
  const int status = pclose(pipe);
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string pdfText(const std::filesystem::path& pdf) {
  requireTool("pdftotext", "poppler-utils");
  return runTool("pdftotext -layout " + quoted(pdf) + " -").output;
}

std::string pdfFonts(const std::filesystem::path& pdf) {
  requireTool("pdffonts", "poppler-utils");
  return runTool("pdffonts " + quoted(pdf)).output;
}

int pdfPages(const std::filesystem::path& pdf) {
  requireTool("pdfinfo", "poppler-utils");
  const std::string info = runTool("pdfinfo " + quoted(pdf)).output;
  const auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

PageSize pdfPageSize(const std::filesystem::path& pdf) {
  requireTool("pdfinfo", "poppler-utils");
  const std::string info = runTool("pdfinfo " + quoted(pdf)).output;
  const auto at = info.find("Page size:");
  PageSize size;
  if (at == std::string::npos) return size;
  std::istringstream line(info.substr(at + 10));
  std::string by;
  line >> size.width >> by >> size.height;
  return size;
}

std::vector<std::filesystem::path> rasterisePdf(const std::filesystem::path& pdf, int dpi,
                                                const std::filesystem::path& prefix) {
  requireTool("pdftoppm", "poppler-utils");
  std::filesystem::create_directories(prefix.parent_path());
  const ToolRun run =
      runTool("pdftoppm -r " + std::to_string(dpi) + " -png " + quoted(pdf) + " " + quoted(prefix));
  if (run.exitCode != 0) throw std::runtime_error("pdftoppm failed on " + pdf.string());
  std::vector<std::filesystem::path> pages;
  for (const auto& entry : std::filesystem::directory_iterator(prefix.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix.filename().string() + "-", 0) == 0 && entry.path().extension() == ".png")
      pages.push_back(entry.path());
  }
  // pdftoppm pads the page number to the width of the page count: -1 … -9, or -01 … -12.
  std::sort(pages.begin(), pages.end());
  return pages;
}

std::string decodeSymbols(const std::filesystem::path& png) {
  requireTool("zbarimg", "zbar-tools");
  const ToolRun run = runTool("zbarimg -q --raw " + quoted(png));
  return run.exitCode == 0 ? run.output : std::string();
}

double differingPixels(const std::filesystem::path& a, const std::filesystem::path& b,
                       int threshold, int slack) {
  cairo_surface_t* first = cairo_image_surface_create_from_png(a.c_str());
  cairo_surface_t* second = cairo_image_surface_create_from_png(b.c_str());
  double share = 1;
  const auto grey = [](const unsigned char* pixel) {
    // ARGB32 or RGB24, native-endian: blue, green, red in the low three bytes.
    return (pixel[0] + pixel[1] * 2 + pixel[2]) / 4;
  };
  if (cairo_surface_status(first) == CAIRO_STATUS_SUCCESS &&
      cairo_surface_status(second) == CAIRO_STATUS_SUCCESS &&
      cairo_image_surface_get_width(first) == cairo_image_surface_get_width(second) &&
      cairo_image_surface_get_height(first) == cairo_image_surface_get_height(second)) {
    const int width = cairo_image_surface_get_width(first);
    const int height = cairo_image_surface_get_height(first);
    const unsigned char* p = cairo_image_surface_get_data(first);
    const unsigned char* q = cairo_image_surface_get_data(second);
    const int ps = cairo_image_surface_get_stride(first),
              qs = cairo_image_surface_get_stride(second);
    long differing = 0;
    const auto matches = [&](int x, int y) {
      const int value = grey(p + y * ps + x * 4);
      for (int dy = -slack; dy <= slack; ++dy)
        for (int dx = -slack; dx <= slack; ++dx) {
          const int qx = x + dx, qy = y + dy;
          if (qx < 0 || qy < 0 || qx >= width || qy >= height) continue;
          if (std::abs(value - grey(q + qy * qs + qx * 4)) <= threshold) return true;
        }
      return false;
    };
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x)
        if (!matches(x, y)) ++differing;
    share = static_cast<double>(differing) / (static_cast<double>(width) * height);
  }
  cairo_surface_destroy(first);
  cairo_surface_destroy(second);
  return share;
}

}  // namespace onewindow::test
