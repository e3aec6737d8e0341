#pragma once
// The PDF and code tools of the golden tests (poppler-utils, zbar-tools), run as processes.
// A missing tool fails the test with its package's name: CI installs them, nothing is skipped.
#include <filesystem>
#include <string>
#include <vector>

namespace onewindow::test {

struct ToolRun {
  int exitCode = -1;
  std::string output;  // stdout only (zbarimg prints D-Bus noise on stderr)
};
ToolRun runTool(const std::string& command);

std::string pdfText(const std::filesystem::path& pdf);   // pdftotext -layout
std::string pdfFonts(const std::filesystem::path& pdf);  // pdffonts
int pdfPages(const std::filesystem::path& pdf);          // pdfinfo
struct PageSize {
  double width = 0, height = 0;  // points; 0 × 0 when pdfinfo gives none
};
PageSize pdfPageSize(const std::filesystem::path& pdf);  // pdfinfo: the first page's
// pdftoppm -r dpi -png: one PNG per page, in page order.
std::vector<std::filesystem::path> rasterisePdf(const std::filesystem::path& pdf, int dpi,
                                                const std::filesystem::path& prefix);
// zbarimg --raw: the decoded symbols, one per line; empty when nothing decodes.
std::string decodeSymbols(const std::filesystem::path& png);

// The share of pixels (0…1) whose grey level differs by more than `threshold` (0…255) between
// two PNG files of the same size; 1 when the sizes differ or a file cannot be read.
// With `slack` > 0 a pixel matches any pixel of the other image up to `slack` pixels away:
// for output that went through a spooler, which may move the page by a pixel or two.
double differingPixels(const std::filesystem::path& a, const std::filesystem::path& b,
                       int threshold = 64, int slack = 0);

}  // namespace onewindow::test
